"""Write a new guide skeleton: ``python -m guidegen.newguide [--language LANG] [--no-safety-page] DIR``.

The skeleton is a home page, a safety page (optional), one part and one
building block with a checklist and a quiz. ``scripts/serve`` shows it as
written; ``scripts/check`` and the build name each placeholder until it is
replaced (``guidegen.placeholders``). Its placeholder text comes from the
``new_guide.*`` strings of the language's catalog (guidegen/locales), so a
Spanish guide starts in Spanish; the YAML comments, which only the author
reads, say in English what each field does, like every other author-facing
message of the generator. Nothing is written into a folder that is not empty.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from babel import Locale

from guidegen.i18n import REFERENCE, Catalog, available_languages, load_catalog, match_language
from guidegen.newblock import slugify
from guidegen.problems import display_path

#: The heading id the block's checklist item and question point at; explicit so it is the same in every language.
SECTION_ID = "the-idea"

HOME = """\
---
# The home page. Any page may also set MkDocs' and Material's own keys (description, hide, ...).
{language_note}title: {home_title}
{guide_settings}---

# {home_heading}

{safety_note}{home_text}

<!-- guide:series -->
"""

GUIDE_SETTINGS = """\
# Settings for the whole guide.
guide:
  # A page every building block's footer links to: for whom the guide is not meant, and where else to turn.
  safety_page: safety.md
"""

SAFETY = """\
# {safety_title}

{safety_text}
"""

PART = """\
---
# A folder whose index.md has 'part:' is a part; each other .md file in it is a building block.
# The part's number, from 1: parts are shown in this order.
part: 1
title: {part_title}
# One sentence about the part, shown with it on the home page.
summary: {part_summary}
---

# {part_heading}

<!-- guide:blocks -->
"""

BLOCK = """\
---
# A building block. Its id is its file name ({block_id}): saved ticks and answers are keyed by it,
# so rename the file now, before readers use the guide, if you want another id.
title: {block_title}
# One sentence; also the page's description for search engines.
summary: {block_summary}
# Its place in the part, from 1.
order: 1
# Blocks this one leans on, by id:
# related: [other-block-id]
# What the reader ticks; the ticks are saved in their browser.
checklist:
  # Unique in this block; never change it once published: the ticks are keyed by it.
  - id: first-step
    # Inline Markdown.
    text: {item}
    # Optional: the id of a heading below that this item puts into practice
    # ({{#{section_id}}} after the heading's text gives it that id, whatever the wording).
    section: {section_id}
# Optional: questions that check understanding, each explained once answered.
quiz:
  - id: first-question
    prompt: {question}
    # At least two; mark one or more 'correct: true' (more than one: select all that apply).
    # Readers see them in a fixed shuffled order; 'shuffle: false' keeps the order written here.
    choices:
      - text: {right}
        correct: true
      - text: {wrong}
        # Optional: shown when this choice is picked.
        feedback: {wrong_feedback}
    # Shown once the question is answered.
    explanation: {explanation}
    # Optional: the heading the question draws on.
    section: {section_id}
---

# {block_heading}

## {section_heading} {{#{section_id}}}

{body}
"""


class NewGuideError(Exception):
    """A reason not to write the guide, worded for the author."""


def _check_target(target: Path) -> None:
    if target.is_dir():
        if any(target.iterdir()):
            raise NewGuideError(
                f"{display_path(target)} is not empty: new-guide writes only into a new or empty folder, "
                "and changed nothing (name a new folder)"
            )
    elif target.exists():
        raise NewGuideError(f"{display_path(target)} is a file, not a folder: it was left as it is")


def _language_note(language: str) -> str:
    """The folder cannot record its language (a build setting): the home page says it."""
    if language == REFERENCE:
        return ""
    name = Locale.parse(language).get_display_name(REFERENCE)
    return f"# Written in {name}: build and serve it with GUIDE_LANGUAGE={language}.\n"


def _safety_note(catalog: Catalog, words: dict[str, str]) -> str:
    """The home page's note under the hero, linking to the safety page (an admonition, as docs/index.md has)."""
    link = f"[{words['safety_title']}](safety.md)"
    title = json.dumps(words["safety_note_title"], ensure_ascii=False)
    return f"!!! warning {title}\n    {catalog.text('new_guide.safety_note', link=link)}\n\n"


def skeleton(language: str, safety_page: bool = True) -> dict[str, str]:
    """The skeleton's files, as relative path -> text, with the language's placeholder words."""
    catalog = load_catalog(language)
    prefix = "new_guide."
    words = {
        key.removeprefix(prefix): catalog.text(key)
        for key in catalog.strings
        if key.startswith(prefix) and key != "new_guide.safety_note"
    }
    # JSON strings are valid double-quoted YAML: any wording is safe in the front-matter.
    quoted = {name: json.dumps(text, ensure_ascii=False) for name, text in words.items()}
    block_id = slugify(words["block_title"]) or "first-block"
    files = {
        "index.md": HOME.format(
            home_title=quoted["home_title"],
            home_heading=words["home_title"],
            home_text=words["home_text"],
            guide_settings=GUIDE_SETTINGS if safety_page else "",
            safety_note=_safety_note(catalog, words) if safety_page else "",
            language_note=_language_note(language),
        ),
        "part-1/index.md": PART.format(
            part_title=quoted["part_title"], part_summary=quoted["part_summary"], part_heading=words["part_title"]
        ),
        f"part-1/{block_id}.md": BLOCK.format(
            **quoted,
            block_id=block_id,
            block_heading=words["block_title"],
            section_heading=words["section"],
            body=words["block_text"],
            section_id=SECTION_ID,
        ),
    }
    if safety_page:
        files["safety.md"] = SAFETY.format(**words)
    return files


def new_guide(target: Path, language: str = "en", safety_page: bool = True) -> list[Path]:
    """Write the skeleton into ``target`` (created if missing); returns the files written."""
    _check_target(target)
    files = skeleton(language, safety_page)
    written = []
    for relative, text in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(text)
        written.append(path)
    return written


def _serve_path(target: Path, root: Path) -> str:
    """DIR as scripts/serve reads it: relative to the repository (MkDocs' docs_dir is), else absolute."""
    absolute = target.resolve()
    try:
        return str(absolute.relative_to(root))
    except ValueError:
        return str(absolute)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/new-guide", description="Write a new guide that builds as it is.")
    parser.add_argument("folder", metavar="DIR", help="a new or empty folder")
    parser.add_argument(
        "--language",
        default="en",
        help=f"the language of the placeholder text and of the generator's words ({', '.join(available_languages())})",
    )
    parser.add_argument("--no-safety-page", action="store_true", help="leave out the safety page")
    arguments = parser.parse_args(argv)
    language = match_language(arguments.language)
    if language is None:
        print(
            f"error: no catalog for language '{arguments.language}' "
            f"(catalogs: {', '.join(available_languages())}); nothing was written",
            file=sys.stderr,
        )
        return 2
    target = Path(arguments.folder)
    try:
        written = new_guide(target, language, not arguments.no_safety_page)
    except NewGuideError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    root = Path(__file__).resolve().parent.parent
    settings = f"GUIDE_DOCS_DIR={_serve_path(target, root)}"
    if language != "en":
        settings = f"GUIDE_LANGUAGE={language} {settings}"
    print(f"Wrote a new guide in {display_path(target)}:")
    for path in written:
        print(f"  {display_path(path)}")
    print(f"See it: {settings} scripts/serve")
    print("(scripts/check and scripts/build read the same GUIDE_DOCS_DIR; the site is named by the home page's title)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
