"""The checker's private jieba dictionary and temporary per-call word overlays.

jieba's module-level functions share one process-wide dictionary; adding a county's place
names there would leak into every other user of jieba in the process. Each checker owns a
``jieba.Tokenizer`` instead, and per-call extra words are added and then removed again
under a lock (``overlay``), restoring the exact previous dictionary state.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from checks.text import resources
from checks.text._jieba import jieba
from checks.text.disk_cache import cached, file_digest
from checks.text.segmentation import PairTable

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


@cache
def _base_dictionary() -> tuple[dict[str, int], int]:
    """jieba's dictionary plus the official-writing lexicon: (FREQ, total), from the disk
    cache when neither jieba's dict.txt nor the lexicon changed."""
    jieba_dict = Path(jieba.__file__).resolve().parent / "dict.txt"
    lexicon_file = resources.DATA_DIR / "lexicon.tsv.gz"
    key = file_digest([lexicon_file], extra=[jieba.__version__, _stat(jieba_dict)])
    freq, total = cached("dictionary", key, _build_base)
    return freq, total


@cache
def inner_pairs() -> dict[str, int]:
    """Character pair -> how many words of three or more characters contain it: a pair
    that occurs inside real words (砷化 in 砷化镓) is a real combination, not a slip."""
    freq, _ = _base_dictionary()
    jieba_dict = Path(jieba.__file__).resolve().parent / "dict.txt"
    lexicon_file = resources.DATA_DIR / "lexicon.tsv.gz"
    key = file_digest([lexicon_file], extra=[jieba.__version__, _stat(jieba_dict)])

    def build() -> dict[str, int]:
        counts: dict[str, int] = {}
        for word, f in freq.items():
            if f and len(word) >= 3:
                for k in range(len(word) - 1):
                    pair = word[k : k + 2]
                    counts[pair] = counts.get(pair, 0) + 1
        return counts

    value: dict[str, int] = cached("inner", key, build)
    return value


@cache
def base_pairs() -> tuple[dict[str, str], dict[str, str]]:
    """The base dictionary's two-character prefixes as follow / precede tables."""
    freq, _ = _base_dictionary()
    jieba_dict = Path(jieba.__file__).resolve().parent / "dict.txt"
    lexicon_file = resources.DATA_DIR / "lexicon.tsv.gz"
    key = file_digest([lexicon_file], extra=[jieba.__version__, _stat(jieba_dict)])
    value: tuple[dict[str, str], dict[str, str]] = cached(
        "pairs", key, lambda: PairTable.build(freq)
    )
    return value


def _stat(path: Path) -> str:
    st = path.stat()
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


def _build_base() -> tuple[dict[str, int], int]:
    tok = jieba.Tokenizer()
    tok.initialize()
    freq_table = tok.FREQ
    for word, freq in resources.lexicon():
        if (freq_table.get(word) or 0) < freq:
            tok.add_word(word, freq)
    return dict(tok.FREQ), int(tok.total)


def new_tokenizer(extra_words: Iterable[str] = ()) -> jieba.Tokenizer:
    """A private tokenizer: the base dictionary (copied, so overlays stay private) plus the
    configured words."""
    freq, total = _base_dictionary()
    tok = jieba.Tokenizer()
    tok.FREQ = dict(freq)
    tok.total = total
    tok.initialized = True
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
    """Toneless default pinyin reading per character (rare heteronyms are left out on
    purpose, as in the confusion sets): the known characters' come precomputed, others are
    computed on first use."""

    def __init__(self) -> None:
        super().__init__(resources.readings())

    def __missing__(self, ch: str) -> tuple[str, ...]:
        value: tuple[str, ...] = ()
        if _CJK.match(ch):
            from pypinyin import Style, pinyin

            value = tuple(r for r in pinyin(ch, style=Style.NORMAL)[0] if r)
        self[ch] = value
        return value
