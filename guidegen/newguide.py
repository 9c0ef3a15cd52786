"""Write a new guide: ``guidegen new DIR [--language LANG] [--no-safety-page]``.

``guidegen new`` writes a whole guide repository: its ``mkdocs.yml`` (the
site's name, Material in the guide's language, ``plugins: [search,
guidegen]``), a ``.gitignore`` for what builds leave, a GitHub Actions
workflow that builds strict and publishes with GitHub Pages, and ``docs/`` with the
skeleton: a home page, a safety page (optional), one part and one building
block with a checklist and a quiz. ``guidegen serve`` shows it as written;
``guidegen check`` and the build name each placeholder until it is replaced
(``guidegen.placeholders``). For a language the generator ships no catalog
for, it also writes ``locales/<language>.yml``, the generator's words to
translate. Its placeholder text comes from the ``new_guide.*`` strings of the
language's catalog (guidegen/locales), so a Spanish guide starts in Spanish;
the YAML comments, which only the author
reads, say in English what each field does, like every other author-facing
message of the generator. Nothing is written into a folder that is not empty.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path, PurePosixPath

import yaml
from babel import Locale, UnknownLocaleError

from guidegen import __version__
from guidegen.i18n import REFERENCE, Catalog, available_languages, load_catalog, match_language, plural_forms
from guidegen.newblock import slugify
from guidegen.problems import display_path

#: The heading id the block's checklist item and question point at; explicit so it is the same in every language.
SECTION_ID = "the-idea"

HOME = """\
---
# The home page. Any page may also set MkDocs' and Material's own keys (description, hide, ...).
title: {home_title}
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
                f"{display_path(target)} is not empty: guidegen new writes only into a new or empty folder, "
                "and changed nothing (name a new folder)"
            )
    elif target.exists():
        raise NewGuideError(f"{display_path(target)} is a file, not a folder: it was left as it is")


def _safety_note(catalog: Catalog, words: dict[str, str]) -> str:
    """The home page's note under the hero, linking to the safety page (an admonition, as docs/index.md has)."""
    link = f"[{words['safety_title']}](safety.md)"
    title = json.dumps(words["safety_note_title"], ensure_ascii=False)
    return f"!!! warning {title}\n    {catalog.text('new_guide.safety_note', link=link)}\n\n"


def skeleton(language: str, safety_page: bool = True, block_id: str | None = None) -> dict[str, str]:
    """The skeleton's files, as relative path -> text, with the language's placeholder words.

    ``block_id``: the block's file name (its id), which a multilingual guide's languages share.
    """
    catalog = load_catalog(language)
    prefix = "new_guide."
    words = {
        key.removeprefix(prefix): catalog.text(key)
        for key in catalog.strings
        if key.startswith(prefix) and key != "new_guide.safety_note"
    }
    # JSON strings are valid double-quoted YAML: any wording is safe in the front-matter.
    quoted = {name: json.dumps(text, ensure_ascii=False) for name, text in words.items()}
    block_id = block_id or slugify(words["block_title"]) or "first-block"
    files = {
        "index.md": HOME.format(
            home_title=quoted["home_title"],
            home_heading=words["home_title"],
            home_text=words["home_text"],
            guide_settings=GUIDE_SETTINGS if safety_page else "",
            safety_note=_safety_note(catalog, words) if safety_page else "",
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
    return _write(target, skeleton(language, safety_page))


CONFIG = """\
# {site_name}: a guide made with guidegen. In this folder:
#   guidegen serve    see it while you write (http://127.0.0.1:8000)
#   guidegen check    every mistake in the content, with its file and line
#   guidegen build    the site, strict, into site/ (--offline: also a zip to open without a network)
site_name: {site_name_yaml}
# The address the guide will be published at: needed for its 404 page when it lives in a subfolder.
# site_url: https://example.org/{slug}/

theme:
  name: material
  # The language of the whole site: Material's words, the generator's ({catalog_note}) and <html lang>.
  language: {language}
  # No request to Google Fonts: the system's own fonts.
  font: false
  features:
    - navigation.instant
    - navigation.sections
    - navigation.indexes
    - navigation.prune
    - navigation.footer
    - navigation.top
    - search.highlight
  # Follows the system's light or dark setting until the reader picks one. "custom" is the
  # generator's calm palette; any of Material's colours works too (primary: indigo, ...).
  palette:
    - media: "(prefers-color-scheme)"
      primary: custom
      accent: custom
      toggle:
        icon: material/brightness-auto
        name: {to_light}
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: custom
      accent: custom
      toggle:
        icon: material/weather-sunny
        name: {to_dark}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: custom
      accent: custom
      toggle:
        icon: material/weather-night
        name: {to_system}

plugins:
  - search
  # The guide's pages, checklists, quizzes, navigation and security headers. Its settings
  # (all optional): locales_dir (default locales), engine (mkdocs, properdocs or zensical), dist_dir.
  - guidegen

markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.smartsymbols

validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
"""

GITIGNORE = """\
# What guidegen build leaves: the site, the offline edition, and the build's lock and temporary folders.
site/
dist/
.site.*
.dist.*
.mkdocs.offline-*.yml
__pycache__/
"""

#: GitHub Actions: the strict build on every push to main, published with GitHub's own Pages actions.
PAGES_WORKFLOW = """\
# Publishes the guide with GitHub Pages on every push to main: a strict build (any mistake in
# the content stops it, and the published site stays as it was), then GitHub's Pages actions.
# Once, in the repository's Settings > Pages: Source "GitHub Actions". The guide then lives at
# https://<user>.github.io/<repository>/: set site_url in mkdocs.yml to that address for its
# 404 page. GitHub Pages sends no headers of the guide's own: each page carries its policy.
name: Publish the guide

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      # The generator that wrote this guide; raise the version when you upgrade yours.
      - run: python -m pip install "guidegen=={version}"
      - run: guidegen build
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""

#: Where ``guidegen new`` writes it.
PAGES_WORKFLOW_FILE = ".github/workflows/pages.yml"

CATALOG_HEADER = """\
# The generator's words in {name} ({language}): buttons, headings, progress, messages.
# Translate every value; keep each key, and every {{placeholder}} as it is. A string with
# plural forms lists the forms {language} has ({forms}). guidegen check and build check this
# file; while a string is still the English text, the build warns and says which.
"""


def starter_catalog(language: str) -> str:
    """The generator's English words, with ``language``'s plural forms, as a catalog to translate."""
    reference = load_catalog(REFERENCE).strings
    forms = plural_forms(language)
    catalog: dict[str, object] = {}
    for key, entry in reference.items():
        if isinstance(entry, dict):
            catalog[key] = {form: entry.get(form, entry["other"]) for form in forms}
        else:
            catalog[key] = entry
    try:
        name = Locale.parse(language.replace("-", "_")).get_display_name(REFERENCE) or language
    except ValueError:
        name = language
    header = CATALOG_HEADER.format(name=name, language=language, forms=", ".join(forms))
    return header + yaml.safe_dump(catalog, allow_unicode=True, sort_keys=False, width=1000)


def project_files(language: str, safety_page: bool = True, languages: tuple[str, ...] = ()) -> dict[str, str]:
    """A whole guide repository, as relative path -> text.

    ``languages``: a multilingual guide (the first is ``language``): the skeleton in each, in ``docs/<language>/``.
    """
    shipped = match_language(language)
    catalog = load_catalog(shipped or REFERENCE)
    site_name = catalog.text("new_guide.home_title")
    quoted = {key: json.dumps(catalog.text(f"palette.{key}"), ensure_ascii=False) for key in TOGGLES}
    files = {
        "mkdocs.yml": CONFIG.format(
            site_name=site_name,
            site_name_yaml=json.dumps(site_name, ensure_ascii=False),
            slug=slugify(site_name) or "guide",
            language=language,
            catalog_note="shipped with it" if shipped else f"locales/{language}.yml",
            **quoted,
        ),
        ".gitignore": GITIGNORE,
        PAGES_WORKFLOW_FILE: PAGES_WORKFLOW.format(version=__version__),
    }
    if languages:
        files["mkdocs.yml"] = _multilingual_config(files["mkdocs.yml"], languages)
        source = skeleton(shipped or REFERENCE, safety_page)
        block_id = next(
            PurePosixPath(path).stem for path in source if path.startswith("part-1/") and "index" not in path
        )
        for code in languages:
            own = match_language(code)
            files.update(
                {
                    f"docs/{code}/{path}": text
                    for path, text in skeleton(own or REFERENCE, safety_page, block_id).items()
                }
            )
            if own is None:
                files[f"locales/{code}.yml"] = starter_catalog(code)
        return files
    files.update({f"docs/{path}": text for path, text in skeleton(shipped or REFERENCE, safety_page).items()})
    if shipped is None:
        files[f"locales/{language}.yml"] = starter_catalog(language)
    return files


def _multilingual_config(config: str, languages: tuple[str, ...]) -> str:
    """mkdocs.yml for a guide in several languages: no site name (each home page names its language's edition)
    and the plugin's languages."""
    lines = []
    for line in config.splitlines(keepends=True):
        if line.startswith("site_name:"):
            line = 'site_name: ""  # each language\'s home page names its edition\n'
        elif line == "  - guidegen\n":
            line = "  - guidegen:\n      # The first is the source; the others translate it (docs/<language>/).\n"
            line += f"      languages: [{', '.join(languages)}]\n"
        lines.append(line)
    return "".join(lines)


TOGGLES = ("to_light", "to_dark", "to_system")


def new_project(
    target: Path, language: str = REFERENCE, safety_page: bool = True, languages: tuple[str, ...] = ()
) -> list[Path]:
    """Write a guide repository into ``target`` (new or empty); returns the files written."""
    _check_target(target)
    return _write(target, project_files(language, safety_page, languages))


def _write(target: Path, files: dict[str, str]) -> list[Path]:
    written = []
    for relative, text in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(text)
        written.append(path)
    return written


def valid_language(language: str) -> bool:
    """Whether Babel knows ``language`` (its plural forms and names come from there)."""
    try:
        Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return False
    return True


def main(argv: list[str]) -> int:
    """``guidegen new DIR [--language LANG] [--no-safety-page]``."""
    parser = argparse.ArgumentParser(
        prog="guidegen new", description="Write a new guide repository that builds as it is."
    )
    parser.add_argument("folder", metavar="DIR", help="a new or empty folder")
    parser.add_argument(
        "--language",
        default=REFERENCE,
        help="the guide's language, e.g. es or pt-BR (shipped catalogs of the generator's words: "
        f"{', '.join(available_languages())}; any other gets locales/<language>.yml to translate)",
    )
    parser.add_argument("--no-safety-page", action="store_true", help="leave out the safety page")
    parser.add_argument(
        "--languages",
        default="",
        metavar="LANG,LANG",
        help="a guide in several languages on one site, e.g. en,es,ar: the first is the source, each in docs/<lang>/",
    )
    arguments = parser.parse_args(argv)
    languages = tuple(code.strip() for code in arguments.languages.split(",") if code.strip())
    language = languages[0] if languages else arguments.language.strip()
    for code in languages or (language,):
        if not valid_language(code):
            print(f"error: '{code}' is not a language code (e.g. es, pt, pt-BR); nothing was written", file=sys.stderr)
            return 2
    if len(set(languages)) != len(languages):
        print("error: --languages names a language twice; nothing was written", file=sys.stderr)
        return 2
    target = Path(arguments.folder)
    try:
        written = new_project(target, language, not arguments.no_safety_page, languages)
    except NewGuideError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Wrote a new guide in {display_path(target)}:")
    for path in written:
        print(f"  {display_path(path)}")
    for code in languages or (language,):
        if match_language(code) is None:
            print(
                f"The generator has no '{code}' words of its own yet: translate locales/{code}.yml "
                "(until then the build warns, and a strict build stops)."
            )
    print(f"See it: cd {display_path(target)} && guidegen serve")
    print("Replace its placeholder text with your own (guidegen check lists each one); then guidegen build.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
