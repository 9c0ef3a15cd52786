"""Reading time: counted at build time from the words a reader reads in a block's body."""

from __future__ import annotations

from guidegen.loader import load_guide
from guidegen.reading import reading_minutes, word_count
from tests.helpers import DOCS


def test_words_are_what_a_reader_reads() -> None:
    body = (
        "# Honesty {#honesty}\n\n"
        "<!-- guide:series -->\n"
        "Say [what you mean](../part-2/listening.md#listen) — don't *guess*.\n\n"
        '<p class="note">Twelve o\u2019clock.</p>\n'
        '```python title="x.py"\nprint(1)\n```\n'
        "Confianza y respeto, über alles: 信頼.\n"
    )
    # Honesty / Say what you mean don't guess / Twelve o'clock / print 1 / Confianza y respeto über alles 信頼
    assert word_count(body) == 1 + 6 + 2 + 2 + 6


def test_minutes_round_up_and_never_say_zero() -> None:
    assert [reading_minutes(n) for n in (0, 1, 200, 201, 870)] == [1, 1, 1, 2, 5]


def test_every_block_of_the_guide_has_its_reading_time() -> None:
    blocks = load_guide(DOCS).guide.blocks
    assert all(block.words > 300 and block.reading_minutes == reading_minutes(block.words) for block in blocks)
