"""Reading time, counted at build time from a block's Markdown body.

Words are runs of letters and digits in any script (an apostrophe inside a word
keeps it one word); link targets, HTML comments and tags, attribute lists and
code fences' info strings are not read aloud, so they are not counted. Silent
reading of non-fiction by adults is usually put at 200 to 250 words a minute;
the guide is read slowly and with care, so it counts 200, rounded up to whole
minutes, at least one.

Plain Python: no MkDocs import.
"""

from __future__ import annotations

import math
import re

WORDS_PER_MINUTE = 200

_NOT_READ = re.compile(
    r"(?s:<!--.*?-->)"  # HTML comments, e.g. <!-- guide:series -->
    r"|\]\([^)]*\)"  # link and image targets
    r"|\{[:#.][^}]*\}"  # attribute lists, e.g. {#anchor}
    r"|<[^>\n]+>"  # HTML tags
    r"|^ {0,3}(?:```|~~~).*$",  # fence lines and their info strings
    re.MULTILINE,
)
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


def word_count(markdown_text: str) -> int:
    return len(_WORD.findall(_NOT_READ.sub(" ", markdown_text)))


def reading_minutes(words: int, words_per_minute: int = WORDS_PER_MINUTE) -> int:
    return max(1, math.ceil(words / words_per_minute))
