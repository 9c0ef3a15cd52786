"""The single definition of the authoring contract.

Validation (``guidegen.frontmatter``) and the published JSON Schema
(``schema/guide.schema.json``) are both derived from the specs below.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import Literal

ScalarKind = Literal[
    "text", "inline", "markdown", "slug", "int", "bool", "path", "number", "choice", "icon", "template", "url"
]

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# A web page's full address (kind "url"): http or https, a host, nothing that is not part of an address.
URL_PATTERN = r"^https?://[^\s/?#@\\<>\"'`]+(?:[/?#][^\s<>\"'`\\]*)?$"

#: The quiz lint's rules (guidegen/lint.py), by the name a guide switches one off with, and what each finds.
LINT_RULES: dict[str, str] = {
    "length-pattern": "the right choice being the longest, or the shortest, far more often than chance",
    "long-answer": "a right choice much longer than every other choice of its question",
    "cue-words": "absolutes or reason clauses far likelier in wrong choices than in right ones, or the reverse",
    "all-of-the-above": "'all/none of the above' in a question whose choices are shuffled",
    "duplicate-choices": "two choices of a question that say the same",
    "repeated-prompt": "a prompt that another question of the guide already asks",
    "prompt-echo": "a right choice that alone repeats the prompt's key words",
}

# Keys that MkDocs or Material for MkDocs give a meaning to; allowed everywhere.
THEME_KEYS: frozenset[str] = frozenset(
    {
        "description",
        "hide",
        "icon",
        "status",
        "subtitle",
        "tags",
        "search",
        "template",
        "comments",
        "social",
        "robots",
    }
)


@dataclass(frozen=True)
class Scalar:
    kind: ScalarKind
    description: str
    minimum: int | None = None
    default: object = None
    choices: tuple[str, ...] = ()  # kind "choice": the words allowed


@dataclass(frozen=True)
class ListOf:
    item: Spec
    description: str
    min_items: int = 0
    noun: str = "entry"  # what one entry is called in messages: "item", "choice"...
    plural: str = "entries"


@dataclass(frozen=True)
class Key:
    spec: Spec
    required: bool = False


@dataclass(frozen=True)
class Mapping:
    keys: dict[str, Key]
    description: str
    allow_theme_keys: bool = False
    allow_any_keys: bool = False  # ordinary pages: MkDocs and plugins may read any key
    name: str = ""  # what a file with this front-matter is called in messages
    extra_keys: frozenset[str] = field(default_factory=frozenset)

    @property
    def required(self) -> list[str]:
        return [name for name, key in self.keys.items() if key.required]


Spec = Scalar | ListOf | Mapping

# What the theme does with the keys it reads, so that a value it cannot use is an
# error at its field instead of a traceback in Material's templates or plugins.
THEME_KEY_SPECS: dict[str, Spec] = {
    "description": Scalar("text", "The page's meta description."),
    "subtitle": Scalar("text", "A line under the page's title in the navigation."),
    "icon": Scalar("icon", "An icon from the theme beside the page's title in the navigation, e.g. material/leaf."),
    "status": Scalar("slug", "A status badge in the navigation: new or deprecated."),
    "hide": ListOf(
        Scalar(
            "choice", "A part of the page to hide.", choices=("navigation", "toc", "footer", "feedback", "path", "tags")
        ),
        "Parts of the page to hide.",
        1,
        "part of the page",
        "parts of the page",
    ),
    "tags": ListOf(Scalar("text", "A tag."), "Tags for the page.", 0, "tag", "tags"),
    "search": Mapping(
        description="How search treats the page.",
        keys={
            "exclude": Key(Scalar("bool", "Leave the page out of search.")),
            "boost": Key(Scalar("number", "Rank the page higher (above 1) or lower (below 1) in search.")),
        },
    ),
    "template": Scalar("template", "A template of the theme to render the page with, e.g. main.html."),
    "comments": Scalar("bool", "Show the comment system under the page."),
    "robots": Scalar("text", "The robots meta tag."),
}

CHOICE = Mapping(
    description="One answer a reader can pick.",
    keys={
        "text": Key(Scalar("inline", "The choice as the reader sees it (inline Markdown)."), True),
        "correct": Key(Scalar("bool", "Whether this choice is right.", default=False)),
        "feedback": Key(Scalar("inline", "Shown when the reader picks this choice (inline Markdown).")),
    },
)

QUESTION = Mapping(
    description="One self-check question.",
    keys={
        "id": Key(Scalar("slug", "Stable id, unique within the block; saved answers are keyed by it."), True),
        "prompt": Key(Scalar("inline", "The question (inline Markdown)."), True),
        "choices": Key(
            ListOf(
                CHOICE, "At least two; more than one correct makes it select-all-that-apply.", 2, "choice", "choices"
            ),
            True,
        ),
        "explanation": Key(Scalar("markdown", "Why the right answer is right (Markdown)."), True),
        "section": Key(Scalar("slug", "Id of the heading in this block's body the question draws on.")),
        "shuffle": Key(
            Scalar(
                "bool",
                "Show the choices in a stable shuffled order (true) or as written (false, when order matters,"
                " e.g. 'all of the above'). Default: the guide's 'shuffle' setting.",
            )
        ),
    },
)

CHECKLIST_ITEM = Mapping(
    description="One concrete thing to do.",
    keys={
        "id": Key(Scalar("slug", "Stable id, unique within the block; saved ticks are keyed by it."), True),
        "text": Key(Scalar("inline", "The action (inline Markdown)."), True),
        "section": Key(Scalar("slug", "Id of the heading in this block's body this item puts into practice.")),
    },
)

BLOCK = Mapping(
    description="Front-matter of a building block: any .md file in a part folder other than index.md.",
    name="building block",
    allow_theme_keys=True,
    keys={
        "title": Key(Scalar("text", "The block's title."), True),
        "summary": Key(Scalar("text", "One sentence; also the page's meta description."), True),
        "order": Key(Scalar("int", "Position in the part, from 1, unique within the part.", minimum=1), True),
        "related": Key(
            ListOf(Scalar("slug", "A block id."), "Ids of blocks this one leans on.", 0, "block id", "block ids")
        ),
        "checklist": Key(ListOf(CHECKLIST_ITEM, "The block's checklist.", 1, "item", "items"), True),
        "quiz": Key(ListOf(QUESTION, "Self-check questions.", 0, "question", "questions")),
        "translated_from": Key(
            Scalar(
                "slug",
                "In a translation of a multilingual guide: the fingerprint of the source block this text was"
                " translated from (guidegen check names the current one). Answers to its questions are shared"
                " with the other languages only while it matches.",
            )
        ),
    },
)

PART = Mapping(
    description="Front-matter of a part: the index.md of a folder under docs/.",
    name="part's index.md",
    allow_theme_keys=True,
    keys={
        "part": Key(Scalar("int", "The part's number, from 1.", minimum=1), True),
        "title": Key(Scalar("text", "The part's title."), True),
        "summary": Key(Scalar("text", "One sentence about the part."), True),
    },
)

GUIDE_SETTINGS = Mapping(
    description="Guide-wide settings, under the key 'guide' in the home page (docs/index.md).",
    keys={
        "safety_page": Key(
            Scalar("path", "A page (path from the docs folder) every block's footer links to."),
        ),
        "promise": Key(
            Scalar("text", "What the guide offers, in one sentence: shown under the home page's title."),
        ),
        "shuffle": Key(
            Scalar(
                "bool",
                "Whether questions show their choices in a stable shuffled order, seeded by each question's id;"
                " a question's own 'shuffle' overrides it.",
                default=True,
            )
        ),
        "lint": Key(
            Mapping(
                description="How scripts/check's quiz lint treats this guide (guidegen/lint.py).",
                keys={
                    "off": Key(
                        Mapping(
                            description="Lint rules switched off for this guide: rule name to the reason why.",
                            keys={
                                name: Key(Scalar("text", f"Why this guide does not warn about {what}."))
                                for name, what in LINT_RULES.items()
                            },
                        )
                    )
                },
            )
        ),
        "quick_exit": Key(
            Scalar(
                "url",
                "A quick exit on every page: the full address (http or https) of a neutral site, such as a weather"
                " page, that a button and Shift pressed three times replace the page with. Off when absent.",
            )
        ),
        # Checked against the catalog (guidegen/i18n.py) by the loader, which knows the language.
        "strings": Key(
            Mapping(
                keys={},
                allow_any_keys=True,
                description=(
                    "The guide's own wording for any of the generator's strings: catalog key"
                    " (guidegen/locales/en.yml) to text, or to plural forms (one, other...) for a number."
                ),
            )
        ),
    },
)

# Any other page (home excepted): only the YAML itself is checked.
PAGE = Mapping(description="Front-matter of an ordinary page.", keys={}, allow_any_keys=True, name="page")

HOME = Mapping(
    description="Front-matter of the home page (docs/index.md).",
    name="home page",
    allow_theme_keys=True,
    keys={
        "title": Key(Scalar("text", "The home page's title.")),
        "guide": Key(GUIDE_SETTINGS),
    },
)


def _scalar_schema(spec: Scalar) -> dict[str, object]:
    schema: dict[str, object] = {"description": spec.description}
    if spec.kind == "int":
        schema["type"] = "integer"
        if spec.minimum is not None:
            schema["minimum"] = spec.minimum
    elif spec.kind == "bool":
        schema["type"] = "boolean"
    else:
        schema["type"] = "string"
        schema["minLength"] = 1
        if spec.kind == "slug":
            schema["pattern"] = SLUG_PATTERN
        if spec.kind == "url":
            schema["format"] = "uri"
            schema["pattern"] = URL_PATTERN
    if spec.default is not None:
        schema["default"] = spec.default
    return schema


def to_json_schema(spec: Spec) -> dict[str, object]:
    """The JSON Schema (draft 2020-12) equivalent of one spec."""
    if isinstance(spec, Scalar):
        return _scalar_schema(spec)
    if isinstance(spec, ListOf):
        schema: dict[str, object] = {
            "type": "array",
            "description": spec.description,
            "items": to_json_schema(spec.item),
        }
        if spec.min_items:
            schema["minItems"] = spec.min_items
        return schema
    properties = {name: to_json_schema(key.spec) for name, key in spec.keys.items()}
    result: dict[str, object] = {
        "type": "object",
        "description": spec.description,
        "properties": properties,
        "required": [name for name, key in spec.keys.items() if key.required],
    }
    if spec.allow_theme_keys:
        result["patternProperties"] = {f"^({'|'.join(sorted(THEME_KEYS))})$": {}}
    result["additionalProperties"] = False
    return result


def guide_json_schema() -> dict[str, object]:
    """One schema for every front-matter the contract knows, chosen by shape."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "guide.schema.json",
        "title": "Guide front-matter (authoring contract v1)",
        "description": "A part's index.md has 'part'; every other .md in a part folder is a block.",
        "$comment": "Generated from guidegen/schema.py by 'python -m guidegen.schema'; do not edit by hand.",
        "$defs": {"block": to_json_schema(BLOCK), "part": to_json_schema(PART), "home": to_json_schema(HOME)},
        "oneOf": [
            {"$ref": "#/$defs/part", "required": ["part"]},
            {"$ref": "#/$defs/block", "required": ["order"]},
        ],
    }


def render_json_schema() -> str:
    return json.dumps(guide_json_schema(), indent=2, sort_keys=False) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render_json_schema())
