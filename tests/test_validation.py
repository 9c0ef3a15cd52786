"""Every content mistake is reported with its file, line, column and field, never a traceback.

Each case copies the small test guide, adds or breaks files, and runs the real
checker (``python -m guidegen.check``) as an author would. The whole output is
compared: the problem lines, then the count line.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers import MINI_GUIDE, ROOT, build, copy_guide, mkdocs_env

# A valid block added to the test guide; the cases break it (line numbers in comments).
PESTS = """\
---
title: Pests
summary: Keep pests away.
order: 10
checklist:
  - id: look
    text: Look under the leaves.
    section: looking
quiz:
  - id: best
    prompt: What works best?
    choices:
      - text: Looking often
        correct: true
      - text: Spraying everything
        feedback: That harms the helpers too.
    explanation: Early signs are easy to handle.
---

# Pests

## Looking

Look closely, every week.
"""
# 1 ---  2 title  3 summary  4 order  5 checklist:  6 - id: look  7 text  8 section
# 9 quiz:  10 - id: best  11 prompt  12 choices:  13 - text: Looking often  14 correct
# 15 - text: Spraying  16 feedback  17 explanation  18 ---

PART_TWO_INDEX = "---\npart: 2\ntitle: Later\nsummary: What comes later.\n---\n\n# Later\n"
P = "guide/part-one/pests.md"


def pests(*edits: tuple[str, str]) -> str:
    """PESTS with each (old, new) replacement made once; fails loudly if ``old`` is gone."""
    text = PESTS
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


@dataclass
class Case:
    id: str
    files: dict[str, str | bytes | None]  # path in the guide -> content (None deletes)
    expected: list[str]
    count: str = ""
    extra: Callable[[Path], None] | None = field(default=None, repr=False)

    def count_line(self) -> str:
        if self.count:
            return self.count
        files = len({line.split(":", 1)[0] for line in self.expected})
        problems = len(self.expected)
        return f"{problems} problem{'s' if problems != 1 else ''} in {files} file{'s' if files != 1 else ''}."


CASES = [
    Case(
        "unknown key with did-you-mean",
        {"part-one/pests.md": pests(("order: 10\n", "order: 10\nsumary: Again.\n"))},
        [f"{P}:5:1: sumary: unknown key (did you mean 'summary'?)"],
    ),
    Case(
        "unknown key without a close match lists the allowed keys",
        {"part-one/pests.md": pests(("order: 10\n", "order: 10\ncolour: red\n"))},
        [
            f"{P}:5:1: colour: unknown key (allowed keys: title, summary, order, related, checklist, quiz,"
            " translated_from)"
        ],
    ),
    Case(
        "theme keys such as hide and tags are allowed",
        {"part-one/pests.md": pests(("order: 10\n", "order: 10\nhide: [toc]\ntags: [garden]\n"))},
        [],
    ),
    Case(
        "duplicate key",
        {"part-one/pests.md": pests(("order: 10\n", "order: 10\ntitle: Pests again\n"))},
        [f"{P}:5:1: title: duplicate key (first given on line 2) (keep only one)"],
    ),
    Case(
        "required key missing",
        {"part-one/pests.md": pests(("summary: Keep pests away.\n", ""))},
        [f"{P}:2:1: summary: is required but missing (add 'summary:')"],
    ),
    Case(
        "'no' read as a boolean where text was meant",
        {"part-one/pests.md": pests(("title: Pests", "title: no"))},
        [f"{P}:2:8: title: 'no' is read by YAML as the boolean false, not as text (put it in quotes: \"no\")"],
    ),
    Case(
        "'on' read as a boolean in a checklist item",
        {"part-one/pests.md": pests(("text: Look under the leaves.", "text: on"))},
        [
            f"{P}:7:11: checklist['look'].text: 'on' is read by YAML as the boolean true, not as text "
            '(put it in quotes: "on")'
        ],
    ),
    Case(
        "order 010 read as octal 8",
        {"part-one/pests.md": pests(("order: 10", "order: 010"))},
        [f"{P}:4:8: order: '010' is read by YAML as the octal number 8 (write it without the leading zero: 10)"],
    ),
    Case(
        "order 08 read as text",
        {"part-one/pests.md": pests(("order: 10", "order: 08"))},
        [f"{P}:4:8: order: '08' is read by YAML as text (write it without the leading zero: 8)"],
    ),
    Case(
        "a number where text was meant",
        {"part-one/pests.md": pests(("title: Pests", "title: 2024"))},
        [f"{P}:2:8: title: '2024' is read by YAML as a number, not as text (put it in quotes: \"2024\")"],
    ),
    Case(
        "title cut at ' #'",
        {"part-one/pests.md": pests(("title: Pests", "title: Pests #1 of the garden"))},
        [
            f"{P}:2:8: title: the value stops before ' #': YAML reads '#1 of the garden' as a comment "
            "(put the whole value in quotes, or move the comment to its own line)"
        ],
    ),
    Case(
        "a value with ': ' that needed quotes",
        {"part-one/pests.md": pests(("title: Pests", "title: Pests: the basics"))},
        [
            f"{P}:2:13: invalid YAML: mapping values are not allowed here "
            "(a value that contains ': ' must be put in quotes)"
        ],
    ),
    Case(
        "a key indented more than the one above it (not a ': ' to quote)",
        {"part-one/pests.md": pests(("    text: Look under", "      text: Look under"))},
        [
            f"{P}:7:7: 'text:' is indented more than 'id:' on line 6 above it, so YAML reads it as more of that"
            " value (indent 'text:' by 4 spaces, as 'id:' is; or, if it is part of the text of 'id:', put that"
            " whole text in quotes)"
        ],
    ),
    Case(
        "a key indented less than the one above it",
        {"part-one/pests.md": pests(("    choices:", "   choices:"))},
        [
            f"{P}:12:4: 'choices:' is indented less than 'prompt:' on line 11 above it, so YAML reads it in none"
            " of the lists or mappings above (indent 'choices:' by 4 spaces, as 'prompt:' is)"
        ],
    ),
    Case(
        "a top-level key indented",
        {"part-one/pests.md": pests(("order: 10", "  order: 10"))},
        [
            f"{P}:4:3: 'order:' is indented more than 'summary:' on line 3 above it, so YAML reads it as more of"
            " that value (indent 'order:' at the start of the line, as 'summary:' is; or, if it is part of the"
            " text of 'summary:', put that whole text in quotes)"
        ],
    ),
    Case(
        "a tab in the indentation",
        {"part-one/pests.md": pests(("    text: Look under", "\ttext: Look under"))},
        [f"{P}:7:1: invalid YAML: found character '\\t' that cannot start any token (indent with spaces, not tabs)"],
    ),
    Case(
        "a checklist item that is a plain string",
        {
            "part-one/pests.md": pests(
                (
                    "  - id: look\n    text: Look under the leaves.\n    section: looking\n",
                    "  - Look under the leaves.\n",
                )
            )
        },
        [
            f"{P}:6:5: checklist[1]: must be a mapping with id and text, not the text 'Look under the leaves.' "
            "(write '- id: ...' with the other keys on the lines below it, lined up with 'id')"
        ],
    ),
    Case(
        "choices given as a mapping",
        {
            "part-one/pests.md": pests(
                (
                    "      - text: Looking often\n        correct: true\n",
                    "        text: Looking often\n        correct: true\n",
                ),
                ("      - text: Spraying everything\n        feedback: That harms the helpers too.\n", ""),
            )
        },
        [
            f"{P}:13:9: quiz['best'].choices: must be a list of choices, not a mapping of keys to values "
            "(start each choice on its own line with '- ')"
        ],
    ),
    Case(
        "quiz: null",
        {"part-one/pests.md": pests(("quiz:\n", "quiz: null\nold_quiz:\n"))},
        [
            f"{P}:9:7: quiz: is empty (list the questions under it, each on its own line starting with '- ', "
            "or remove the key)",
            f"{P}:10:1: old_quiz: unknown key (did you mean 'quiz'?)",
        ],
    ),
    Case(
        "front-matter that is a list",
        {"part-one/pests.md": "---\n- title: Pests\n- order: 10\n---\n\n# Pests\n"},
        [
            f"{P}:2:1: the front-matter must be 'key: value' lines, not a list "
            "(a building block needs title, summary, order and checklist)"
        ],
    ),
    Case(
        "front-matter that is plain text",
        {"part-one/pests.md": "---\nPests and how to deal with them\n---\n\n# Pests\n"},
        [
            f"{P}:2:1: the front-matter must be 'key: value' lines, not the text 'Pests and how to deal with them' "
            "(a building block needs title, summary, order and checklist)"
        ],
    ),
    Case(
        "an empty file in a part folder",
        {"part-one/pests.md": ""},
        [
            f"{P}:1:1: this building block has no front-matter "
            "(start the file with a '---' line, then title, summary, order and checklist, then a '---' line)"
        ],
    ),
    Case(
        "a block with no front-matter",
        {"part-one/pests.md": "# Pests\n\nText.\n"},
        [
            f"{P}:1:1: this building block has no front-matter "
            "(start the file with a '---' line, then title, summary, order and checklist, then a '---' line)"
        ],
    ),
    Case(
        "a file with only '---'",
        {"part-one/pests.md": "---\n"},
        [
            f"{P}:1:1: the front-matter block starts with '---' but is never closed "
            "(add a line with only '---' after the last front-matter key)"
        ],
    ),
    Case(
        "an empty front-matter",
        {"part-one/pests.md": "---\n---\n\n# Pests\n"},
        [f"{P}:1:1: the front-matter is empty (a building block needs title, summary, order and checklist)"],
    ),
    Case(
        "an unterminated front-matter",
        {"part-one/pests.md": PESTS.replace("---\n\n# Pests", "\n# Pests")},
        [
            f"{P}:1:1: the front-matter block starts with '---' but is never closed "
            "(add a line with only '---' after the last front-matter key)"
        ],
    ),
    Case(
        "a file that is not UTF-8",
        {"part-one/pests.md": PESTS.replace("Look closely", "Look clos\xe9ly").encode("latin-1")},
        [f"{P}:24:10: the file is not UTF-8 text (byte 0xe9 cannot be decoded) (save the file with UTF-8 encoding)"],
    ),
    Case(
        "BOM and CRLF line endings keep the right line numbers",
        {
            "part-one/pests.md": ("\ufeff" + pests(("order: 10\n", "order: 10\nsumary: x\n")))
            .replace("\n", "\r\n")
            .encode()
        },
        [f"{P}:5:1: sumary: unknown key (did you mean 'summary'?)"],
    ),
    Case(
        "duplicate order names both files",
        {"part-one/pests.md": PESTS, "part-one/weeds.md": pests(("title: Pests", "title: Weeds"))},
        [
            "guide/part-one/pests.md:4:8: order: order 10 is also used by guide/part-one/weeds.md:4 "
            "(the next free order is 11)",
            "guide/part-one/weeds.md:4:8: order: order 10 is also used by guide/part-one/pests.md:4 "
            "(the next free order is 11)",
        ],
    ),
    Case(
        "an order used three times names the other two files at every one, each with its line",
        {
            "part-one/pests.md": PESTS,
            "part-one/weeds.md": pests(("title: Pests", "title: Weeds")),
            "part-one/worms.md": pests(("title: Pests", "title: Worms"), ("summary: Keep pests away.\n", "")),
        },
        [
            "guide/part-one/pests.md:4:8: order: order 10 is also used by guide/part-one/weeds.md:4 "
            "and guide/part-one/worms.md:3 (the next free order is 11)",
            "guide/part-one/weeds.md:4:8: order: order 10 is also used by guide/part-one/pests.md:4 "
            "and guide/part-one/worms.md:3 (the next free order is 11)",
            "guide/part-one/worms.md:2:1: summary: is required but missing (add 'summary:')",
            "guide/part-one/worms.md:3:8: order: order 10 is also used by guide/part-one/pests.md:4 "
            "and guide/part-one/weeds.md:4 (the next free order is 11)",
        ],
    ),
    Case(
        "a question is named by its id in field paths",
        {
            "part-one/pests.md": pests(
                (
                    "    explanation: Early signs are easy to handle.\n",
                    "    explanation: Early signs are easy to handle.\n  - id: test-frequency\n"
                    "    prompt: How often?\n    choices:\n      - text: Weekly\n      - text: Never\n"
                    "    explanation: Weekly.\n",
                )
            )
        },
        [
            f"{P}:21:7: quiz['test-frequency'].choices: no choice is marked correct "
            "(add 'correct: true' to the right choice)"
        ],
    ),
    Case(
        "duplicate part number",
        {"part-two/index.md": PART_TWO_INDEX.replace("part: 2", "part: 1")},
        [
            "guide/part-one/index.md:2:7: part: part 1 is also given in guide/part-two/index.md:2 "
            "(give each part its own number)",
            "guide/part-two/index.md:2:7: part: part 1 is also given in guide/part-one/index.md:2 "
            "(give each part its own number)",
        ],
    ),
    Case(
        "duplicate block id across parts",
        {"part-two/index.md": PART_TWO_INDEX, "part-two/pests.md": pests(("order: 10", "order: 1"))},
        [
            "guide/part-one/pests.md:1:1: block id 'pests' is also used by guide/part-two/pests.md "
            "(a block's id is its file name, and must be unique across the guide: rename one file)",
            "guide/part-two/pests.md:1:1: block id 'pests' is also used by guide/part-one/pests.md "
            "(a block's id is its file name, and must be unique across the guide: rename one file)",
        ],
    ),
    Case(
        "a block in a folder without a part index",
        {"part-one/pests.md": None, "part-two/pests.md": PESTS},
        [
            "guide/part-two/pests.md:4:8: order: only a building block has 'order', and this page is not in a part "
            "(add part-two/index.md with part, title and summary to make 'part-two/' a part)"
        ],
    ),
    Case(
        "a folder whose index.md lacks 'part:'",
        {
            "part-one/pests.md": None,
            "part-two/index.md": PART_TWO_INDEX.replace("part: 2\n", ""),
            "part-two/pests.md": PESTS,
        },
        # Reported once, at the index; its block is not reported for the same cause.
        [
            "guide/part-two/index.md:2:1: part: is required but missing "
            "(add 'part:' with the part's number: this folder holds building blocks)"
        ],
    ),
    Case(
        "a part index that lost 'part:' is reported once, and its blocks are not missing elsewhere",
        {
            "part-one/pests.md": pests(("order: 10\n", "order: 10\nrelated: [hoeing, raking]\n")),
            "part-two/index.md": PART_TWO_INDEX.replace("part: 2\n", ""),
            "part-two/hoeing.md": pests(("title: Pests", "title: Hoeing"), ("order: 10", "order: 1")),
            "part-two/raking.md": pests(("title: Pests", "title: Raking"), ("order: 10", "order: 2")),
        },
        [
            "guide/part-two/index.md:2:1: part: is required but missing "
            "(add 'part:' with the part's number: this folder holds building blocks)"
        ],
    ),
    Case(
        "a block with mistakes, or outside a part, is never reported missing by others",
        {
            "part-one/pests.md": pests(("order: 10\n", "order: 10\nrelated: [weeds, hoeing]\n")),
            "part-one/weeds.md": pests(("title: Pests", "title: no"), ("order: 10", "order: 11")),
            "hoeing.md": pests(("title: Pests", "title: Hoeing")),
        },
        [
            "guide/hoeing.md:4:8: order: only a building block has 'order', and this page is not in a part "
            "(move the file into a part folder (a folder whose index.md has 'part:'))",
            "guide/part-one/weeds.md:2:8: title: 'no' is read by YAML as the boolean false, not as text "
            '(put it in quotes: "no")',
        ],
    ),
    Case(
        "a block in the docs root",
        {"part-one/pests.md": None, "pests.md": PESTS},
        [
            "guide/pests.md:4:8: order: only a building block has 'order', and this page is not in a part "
            "(move the file into a part folder (a folder whose index.md has 'part:'))"
        ],
    ),
    Case(
        "a part index with an empty front-matter",
        {"part-one/index.md": "---\n---\n\n# Getting started\n"},
        ["guide/part-one/index.md:1:1: the front-matter is empty (a part's index.md needs part, title and summary)"],
    ),
    Case(
        "a part index without a summary",
        {"part-one/index.md": "---\npart: 1\ntitle: Getting started\n---\n\n# Getting started\n"},
        ["guide/part-one/index.md:2:1: summary: is required but missing (add 'summary:')"],
    ),
    Case(
        "part number 0",
        {"part-one/index.md": "---\npart: 0\ntitle: Getting started\nsummary: First.\n---\n\n# Getting started\n"},
        ["guide/part-one/index.md:2:7: part: must be 1 or more, not 0"],
    ),
    Case(
        "the reserved checklists/ folder",
        {"checklists/index.md": "# My checklists\n"},
        [
            "guide/checklists/index.md:1:1: 'checklists/' is made by the generator and cannot hold content "
            "(rename 'checklists')"
        ],
    ),
    Case(
        "the reserved quiz page",
        {"quiz.md": "# Quiz\n"},
        ["guide/quiz.md:1:1: 'quiz/' is made by the generator and cannot hold content (rename 'quiz.md')"],
    ),
    Case(
        "related names an unknown block",
        {"part-one/pests.md": pests(("order: 10\n", "order: 10\nrelated: [soill]\n"))},
        [f"{P}:5:11: related[1]: no block with id 'soill' (did you mean 'soil'?)"],
    ),
    Case(
        "related names the block itself",
        {"part-one/pests.md": pests(("order: 10\n", "order: 10\nrelated:\n  - soil\n  - pests\n"))},
        [f"{P}:7:5: related[2]: a block cannot be related to itself (remove it)"],
    ),
    Case(
        "related lists a block twice",
        {"part-one/pests.md": pests(("order: 10\n", "order: 10\nrelated: [soil, watering, soil]\n"))},
        [f"{P}:5:27: related[3]: 'soil' is already listed as related[1] (remove one)"],
    ),
    Case(
        "a YAML tag that cannot be read",
        {"part-one/pests.md": pests(("title: Pests", "title: !foo Pests"))},
        [
            f"{P}:2:8: title: YAML cannot read the value tagged '!foo' "
            "(remove the tag, or put the whole value in quotes)"
        ],
    ),
    Case(
        "related is a single id, not a list",
        {"part-one/pests.md": pests(("order: 10\n", "order: 10\nrelated: soil\n"))},
        [
            f"{P}:5:10: related: must be a list of block ids, not the text 'soil' "
            "(start each block id on its own line with '- ')"
        ],
    ),
    Case(
        "a section that is no heading of the block",
        {"part-one/pests.md": pests(("section: looking", "section: lookin"))},
        [f"{P}:8:14: checklist['look'].section: no heading with id 'lookin' in this block (did you mean 'looking'?)"],
    ),
    Case(
        "a quiz section that is no heading of the block",
        {"part-one/pests.md": pests(("    explanation: Early", "    section: spraying\n    explanation: Early"))},
        [
            f"{P}:17:14: quiz['best'].section: no heading with id 'spraying' in this block "
            "(known heading ids: pests, looking)"
        ],
    ),
    Case(
        "duplicate checklist item id",
        {
            "part-one/pests.md": pests(
                ("    section: looking\n", "    section: looking\n  - id: look\n    text: Again.\n")
            )
        },
        [f"{P}:9:9: checklist[2].id: id 'look' is already used by checklist[1] (ids must be unique within the block)"],
    ),
    Case(
        "duplicate question id",
        {
            "part-one/pests.md": pests(
                (
                    "    explanation: Early signs are easy to handle.\n",
                    "    explanation: Early signs are easy to handle.\n  - id: best\n    prompt: Again?\n"
                    "    choices:\n      - text: A\n        correct: true\n      - text: B\n    explanation: B.\n",
                )
            )
        },
        [f"{P}:18:9: quiz[2].id: id 'best' is already used by quiz[1] (ids must be unique within the block)"],
    ),
    Case(
        "no choice marked correct",
        {"part-one/pests.md": pests(("        correct: true\n", ""))},
        [f"{P}:13:7: quiz['best'].choices: no choice is marked correct (add 'correct: true' to the right choice)"],
    ),
    Case(
        "fewer than two choices",
        {
            "part-one/pests.md": pests(
                ("      - text: Spraying everything\n        feedback: That harms the helpers too.\n", "")
            )
        },
        [f"{P}:13:7: quiz['best'].choices: needs at least 2 choices, found 1"],
    ),
    Case(
        "correct given as the text 'yes'",
        {"part-one/pests.md": pests(("correct: true", "correct: 'yes'"))},
        [
            f"{P}:14:18: quiz['best'].choices[1].correct: must be true or false, not the text 'yes' "
            "(write true or false)"
        ],
    ),
    Case(
        "a question without an explanation",
        {"part-one/pests.md": pests(("    explanation: Early signs are easy to handle.\n", ""))},
        [f"{P}:10:5: quiz['best'].explanation: is required but missing (add 'explanation:')"],
    ),
    Case(
        "an empty checklist",
        {
            "part-one/pests.md": pests(
                (
                    "checklist:\n  - id: look\n    text: Look under the leaves.\n    section: looking\n",
                    "checklist: []\n",
                )
            )
        },
        [f"{P}:5:12: checklist: needs at least 1 item, found 0"],
    ),
    Case(
        "a checklist item without text",
        {"part-one/pests.md": pests(("    text: Look under the leaves.\n", ""))},
        [f"{P}:6:5: checklist['look'].text: is required but missing (add 'text:')"],
    ),
    Case(
        "order given as a word",
        {"part-one/pests.md": pests(("order: 10", "order: last"))},
        [f"{P}:4:8: order: must be a whole number, not the text 'last'"],
    ),
    Case(
        "order 0",
        {"part-one/pests.md": pests(("order: 10", "order: 0"))},
        [f"{P}:4:8: order: must be 1 or more, not 0"],
    ),
    Case(
        "an item id that is no slug",
        {"part-one/pests.md": pests(("id: look", "id: Look Closely"))},
        [
            f"{P}:6:9: checklist[1].id: 'Look Closely' is not a valid id "
            "(use lowercase letters, digits and single hyphens, e.g. 'say-less')"
        ],
    ),
    Case(
        "a file name that makes no valid block id",
        {"part-one/pests.md": None, "part-one/Pests and Bugs.md": PESTS},
        [
            "guide/part-one/Pests and Bugs.md:1:1: the file name 'Pests and Bugs.md' does not make a valid block id "
            "(use lowercase letters, digits and single hyphens, e.g. 'pests-and-bugs.md')"
        ],
    ),
    Case(
        "the home page names a safety page that does not exist",
        {"index.md": "---\ntitle: Gardening basics\nguide:\n  safety_page: safe.md\n---\n\n# Gardening basics\n"},
        [
            "guide/index.md:4:16: guide.safety_page: no page 'safe.md' in the docs folder "
            "(give the path from the docs folder)"
        ],
    ),
    Case(
        "the home page's promise is not text",
        {"index.md": "---\ntitle: Gardening basics\nguide:\n  promise: [grow, things]\n---\n\n# Gardening basics\n"},
        [
            "guide/index.md:4:12: guide.promise: must be a single value, not a list "
            "(if the text starts with '[' or '{', put it in quotes)"
        ],
    ),
    Case(
        "the quick exit is not a web page's full address",
        {"index.md": "---\ntitle: Gardening basics\nguide:\n  quick_exit: www.bbc.com/weather\n---\n\n# Home\n"},
        [
            "guide/index.md:4:15: guide.quick_exit: 'www.bbc.com/weather' is not the full address of a web page "
            "(give an address that starts with https:// (or http://), e.g. https://www.bbc.com/weather)"
        ],
    ),
    Case(
        "the quick exit would run a script",
        {"index.md": "---\ntitle: Gardening basics\nguide:\n  quick_exit: javascript:alert(1)\n---\n\n# Home\n"},
        [
            "guide/index.md:4:15: guide.quick_exit: 'javascript:alert(1)' is not the full address of a web page "
            "(give an address that starts with https:// (or http://), e.g. https://www.bbc.com/weather)"
        ],
    ),
    Case(
        "content where the generator writes the privacy page",
        {"privacy/index.md": "# My privacy notes\n"},
        ["guide/privacy/index.md:1:1: 'privacy/' is made by the generator and cannot hold content (rename 'privacy')"],
    ),
    Case(
        "an ordinary page with invalid YAML (MkDocs would drop it silently)",
        {"safety.md": "---\ntitle: Safety: first\n---\n\n# Safety\n"},
        [
            "guide/safety.md:2:14: invalid YAML: mapping values are not allowed here "
            "(a value that contains ': ' must be put in quotes)"
        ],
    ),
]


def _write(guide: Path, files: dict[str, str | bytes | None]) -> None:
    for relative, content in files.items():
        path = guide / relative
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def _guide(tmp_path: Path, files: dict[str, str | bytes | None]) -> Path:
    guide = copy_guide(MINI_GUIDE, tmp_path / "guide")
    _write(guide, {"part-one/pests.md": PESTS})
    _write(guide, files)
    return guide


def check(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guidegen.check", "--config-file", str(ROOT / "mkdocs.yml"), *args],
        cwd=cwd,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_each_mistake_is_reported_with_file_line_and_field(tmp_path: Path, case: Case) -> None:
    _guide(tmp_path, case.files)
    result = check(tmp_path, "guide")
    assert "Traceback" not in result.stdout + result.stderr
    if not case.expected:
        assert result.returncode == 0, result.stdout
        return
    assert result.stdout.splitlines() == [*case.expected, case.count_line()]
    assert result.returncode == 1


def test_at_least_twenty_distinct_bad_inputs_are_covered() -> None:
    assert len([case for case in CASES if case.expected]) >= 20


# -- several broken files at once -------------------------------------------

BROKEN = {
    "part-one/pests.md": pests(("title: Pests", "title: no"), ("section: looking", "section: lookin")),
    "part-one/soil.md": "---\n- not a mapping\n---\n",
    "part-one/weeds.md": pests(("title: Pests", "title: Weeds"), ("order: 10\n", "order: 10\nrelated: [pest]\n")),
    "part-two/hoeing.md": pests(("title: Pests", "title: Hoeing")),
    "safety.md": "---\ntitle: Safety\n",
}
BROKEN_LINES = [
    "guide/part-one/pests.md:2:8: title: 'no' is read by YAML as the boolean false, not as text "
    '(put it in quotes: "no")',
    "guide/part-one/pests.md:4:8: order: order 10 is also used by guide/part-one/weeds.md:4 "
    "(the next free order is 11)",
    "guide/part-one/pests.md:8:14: checklist['look'].section: no heading with id 'lookin' in this block "
    "(did you mean 'looking'?)",
    "guide/part-one/soil.md:2:1: the front-matter must be 'key: value' lines, not a list "
    "(a building block needs title, summary, order and checklist)",
    "guide/part-one/weeds.md:4:8: order: order 10 is also used by guide/part-one/pests.md:4 "
    "(the next free order is 11)",
    "guide/part-one/weeds.md:5:11: related[1]: no block with id 'pest' (did you mean 'pests'?)",
    "guide/part-two/hoeing.md:4:8: order: only a building block has 'order', and this page is not in a part "
    "(add part-two/index.md with part, title and summary to make 'part-two/' a part)",
    "guide/safety.md:1:1: the front-matter block starts with '---' but is never closed "
    "(add a line with only '---' after the last front-matter key)",
]
BROKEN_COUNT = "8 problems in 5 files."


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path: Path) -> None:
    _guide(tmp_path, BROKEN)
    result = check(tmp_path, "guide")
    assert result.stdout.splitlines() == [*BROKEN_LINES, BROKEN_COUNT]
    assert result.returncode == 1
    assert not result.stderr


def test_mkdocs_build_reports_every_problem_and_builds_nothing(tmp_path: Path) -> None:
    guide = _guide(tmp_path, BROKEN)
    result = build(tmp_path / "site", guide)
    assert result.returncode == 1
    assert "Traceback" not in result.output
    errors = [line.split("-  ", 1)[1] for line in result.output.splitlines() if line.startswith("ERROR")]
    absolute = [line.replace("guide/", f"{guide}/") for line in BROKEN_LINES]
    assert errors == [*absolute, f"{BROKEN_COUNT} Nothing was built; the output folder is unchanged."]
    assert not (tmp_path / "site").exists()


def _hashes(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_failed_build_leaves_the_previous_site_byte_for_byte(tmp_path: Path) -> None:
    guide = _guide(tmp_path, {})
    site = tmp_path / "site"
    first = build(site, guide)
    assert first.returncode == 0, first.output
    before = _hashes(site)
    assert "part-one/pests/index.html" in before
    _write(guide, {"part-one/pests.md": pests(("order: 10", "order: ten"))})
    second = build(site, guide)
    assert second.returncode == 1
    assert f"{guide}/part-one/pests.md:4:8: order: must be a whole number, not the text 'ten'" in second.output
    assert _hashes(site) == before


def test_the_shipped_guide_and_the_test_guide_have_no_problems() -> None:
    for docs in ("docs", "tests/guides/mini"):
        result = check(Path(__file__).resolve().parent.parent, docs)
        assert result.returncode == 0, result.stdout
        *warnings, last = result.stdout.splitlines()
        assert last.startswith("No problems: ")
        assert all(": warning: " in line for line in warnings)  # the quiz lint's, tests/test_lint.py
