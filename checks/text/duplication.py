"""多字: a character or word written twice (的的, 进行进行), minus legitimate reduplication."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from itertools import pairwise

from checks.text import evidence
from checks.text.issue import TextIssue
from checks.text.resources import _lines

# Function characters that never reduplicate in standard written Chinese. (之 is left out:
# classical quotations double it correctly, 化之之谓圣 — 之之 as a slip is rare.)
NEVER_DOUBLED = "的了在是和与及对把被将为于其并而或从向以所该已且就都也又还很更最"
DOUBLED = re.compile(f"([{NEVER_DOUBLED}])(?=\\1)")


@cache
def never_doubled_words() -> frozenset[str]:
    """Words that are not reduplicated (unlike 研究研究, 看看): 进行进行 is a slip."""
    return frozenset(line.strip() for line in _lines("never_doubled_words.txt"))


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def find_duplications(
    text: str, tokens: Sequence[tuple[str, int]], is_word: Callable[[str], bool]
) -> list[TextIssue]:
    return list(_doubled_words(tokens)) + list(_doubled_chars(text, is_word))


def _doubled_words(tokens: Sequence[tuple[str, int]]) -> Iterator[TextIssue]:
    banned = never_doubled_words()
    for (w1, _), (w2, s2) in pairwise(tokens):
        if w1 != w2 or len(w1) < 2 or not all(_is_cjk(c) for c in w1):
            continue
        # ABAB of a word that does reduplicate (研究研究, 讨论讨论) is fine; only words known
        # not to, and any word of three or more characters, are slips.
        if w1 in banned or len(w1) >= 3:
            yield TextIssue(
                s2,
                s2 + len(w2),
                w2,
                "",
                "extra_char",
                "doubled_word",
                0.9,
                w1 + w2,
                evidence.doubled_word(w2),
            )


def _doubled_chars(text: str, is_word: Callable[[str], bool]) -> Iterator[TextIssue]:
    n = len(text)
    for m in DOUBLED.finditer(text):
        i = m.start()
        ch = text[i]
        if i + 2 < n and text[i + 2] == ch:
            continue  # three in a row is emphasis or a list, not a slip
        if is_word(ch + ch):  # 常常, 一一 style words in the dictionary
            continue
        # 目的的 / 工作作风: the first copy ends a word or the second starts one
        if any(is_word(text[j : i + 1]) for j in range(max(0, i - 3), i)):
            continue
        if any(is_word(text[i + 1 : j]) for j in range(i + 3, min(n, i + 5) + 1)):
            continue
        # AABB reduplication (的的确确): the next pair is doubled too
        if i + 3 < n and text[i + 2] == text[i + 3] and is_word(ch + text[i + 2]):
            continue
        why = evidence.doubled_char(ch)
        yield TextIssue(i + 1, i + 2, ch, "", "extra_char", "doubled_char", 0.9, ch + ch, why)
