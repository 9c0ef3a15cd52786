"""The build-time shortcuts change nothing a reader sees."""

from __future__ import annotations

import markdown
import pytest
from mkdocs.config import load_config

from guidegen.loader import load_guide
from guidegen.render import is_plain_text
from tests.helpers import DOCS, MINI_GUIDE, ROOT


def _site_markdown() -> markdown.Markdown:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def _texts() -> list[str]:
    texts = []
    for docs in (DOCS, MINI_GUIDE):
        for block in load_guide(docs).guide.blocks:
            texts += [block.summary, *(item.text for item in block.checklist)]
            for question in block.quiz:
                texts += [question.prompt, question.explanation]
                texts += [choice.text for choice in question.choices]
                texts += [choice.feedback for choice in question.choices if choice.feedback]
    return texts


def test_plain_text_shortcut_gives_what_markdown_gives() -> None:
    """Every text the shortcut takes renders, with the site's own Markdown, as exactly that text in a paragraph."""
    md = _site_markdown()
    taken = [text for text in _texts() if is_plain_text(text)]
    assert len(taken) > 20, "the shortcut should apply to most of the guide's sentences"
    different = [text for text in taken if md.reset().convert(text) != f"<p>{text.strip()}</p>"]
    assert different == []


@pytest.mark.parametrize(
    "text",
    [
        "Do it *today*.",
        "Say (c) and (tm).",
        "It goes --> there.",
        "Half is 1/2.",
        "The 1st step.",
        "1. A list",
        "- A list",
        "A :smile: day.",
        "Tom & Jerry.",
        "Line one  \nline two",
        "Use `code`.",
        "See [a link](x.md).",
        "Wait -- then go.",
    ],
)
def test_text_markdown_would_change_is_not_taken(text: str) -> None:
    assert not is_plain_text(text)
