"""The checker's private jieba dictionary and temporary per-call word overlays.

jieba's module-level functions share one process-wide dictionary; adding a county's place
names there would leak into every other user of jieba in the process. Each checker owns a
``jieba.Tokenizer`` instead, and per-call extra words are added and then removed again
under a lock (``overlay``), restoring the exact previous dictionary state.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import jieba
from pypinyin import Style, pinyin

from checks.text import resources

jieba.setLogLevel(logging.WARNING)

# A configured word must be kept whole even where jieba's statistics would split it.
EXTRA_WORD_FREQ = 2000
_CJK = re.compile(r"[\u4e00-\u9fff]")


def normalise_words(words: Iterable[str]) -> list[str]:
    out = []
    for w in words:
        w = (w or "").strip()
        if w and not any(ch.isspace() for ch in w):
            out.append(w)
    return out


def new_tokenizer(extra_words: Iterable[str] = ()) -> jieba.Tokenizer:
    tok = jieba.Tokenizer()
    tok.initialize()
    freq_table = tok.FREQ
    for word, freq in resources.lexicon():
        if (freq_table.get(word) or 0) < freq:
            tok.add_word(word, freq)
    for word in normalise_words(extra_words):
        tok.add_word(word, max(EXTRA_WORD_FREQ, tok.FREQ.get(word) or 0))
    return tok


class Overlay:
    """Adds words to a tokenizer for the duration of one ``with`` block."""

    def __init__(self, tokenizer: jieba.Tokenizer) -> None:
        self.tok = tokenizer
        self.lock = threading.RLock()

    @contextmanager
    def words(self, words: Iterable[str]) -> Iterator[None]:
        wanted = normalise_words(words)
        with self.lock:
            if not wanted:
                yield
                return
            freq = self.tok.FREQ
            saved: dict[str, int | None] = {}
            old_total = self.tok.total
            for w in wanted:
                for k in range(1, len(w) + 1):
                    frag = w[:k]
                    if frag not in saved:
                        saved[frag] = freq.get(frag)
                self.tok.add_word(w, max(EXTRA_WORD_FREQ, freq.get(w) or 0))
            try:
                yield
            finally:
                for frag, value in saved.items():
                    if value is None:
                        freq.pop(frag, None)
                    else:
                        freq[frag] = value
                self.tok.total = old_total


class Readings(dict[str, tuple[str, ...]]):
    """Toneless default pinyin reading per character, computed on first use (rare
    heteronyms are left out on purpose, as in the confusion sets)."""

    def __missing__(self, ch: str) -> tuple[str, ...]:
        value = tuple(r for r in pinyin(ch, style=Style.NORMAL)[0] if r) if _CJK.match(ch) else ()
        self[ch] = value
        return value
