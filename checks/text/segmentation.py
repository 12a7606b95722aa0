"""jieba's own segmentation (DAG over the dictionary, max-probability route, no HMM), with
both dynamic-programming tables kept so a candidate word can be scored in O(1)."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
# The longest dictionary word a single-character candidate may complete.
MAX_WORD = 4
# Two-character words jieba knows below this frequency are "broken" spots too (须要, 引到).
RARE_WORD = 200


class Analysis:
    """One text segmented with jieba's DAG + route rule, with both DP tables kept.

    ``suffix[k]`` is the best log probability of ``text[k:]`` and ``prefix[k]`` that of
    ``text[:k]``, so the best segmentation forced to use a word over ``[s, e)`` scores
    ``prefix[s] + logp(word) + suffix[e]``.
    """

    __slots__ = ("prefix", "run_starts", "runs", "starts", "suffix", "text", "tokens")

    def __init__(self, text: str, freq: dict[str, int], log_total: float) -> None:
        n = len(text)
        log = math.log
        get = freq.get
        unknown = -log_total
        # one backward pass builds the DAG (jieba.get_DAG) and the best route (jieba.calc)
        edges: list[Sequence[tuple[int, float]]] = [()] * n
        suffix = [0.0] * (n + 1)
        nxt = [0] * n
        for k in range(n - 1, -1, -1):
            f = get(text[k])
            if f is None:
                edges[k] = ((k + 1, unknown),)
                suffix[k] = unknown + suffix[k + 1]
                nxt[k] = k + 1
                continue
            lst = []
            best = -1e18
            best_e = k + 1
            i = k + 1
            while True:
                if f:
                    lp = log(f) - log_total
                    lst.append((i, lp))
                    v = lp + suffix[i]
                    if v >= best:  # ties go to the longer word, as in jieba.calc
                        best = v
                        best_e = i
                if i >= n:
                    break
                i += 1
                f = get(text[k:i])
                if f is None:
                    break
            if not lst:
                lst.append((k + 1, unknown))
                best = unknown + suffix[k + 1]
                best_e = k + 1
            edges[k] = lst
            suffix[k] = best
            nxt[k] = best_e
        prefix = [-1e18] * (n + 1)
        prefix[0] = 0.0
        for k in range(n):
            pk = prefix[k]
            for e, lp in edges[k]:
                v = pk + lp
                if v > prefix[e]:
                    prefix[e] = v
        tokens = []
        k = 0
        while k < n:
            e = nxt[k]
            tokens.append((text[k:e], k))
            k = e
        self.text = text
        self.prefix = prefix
        self.suffix = suffix
        self.tokens = tokens
        self.starts = [s for _, s in tokens]
        self.runs: list[tuple[int, int]] | None = None
        self.run_starts: list[int] = []

    def token_at(self, pos: int) -> tuple[str, int]:
        return self.tokens[bisect_right(self.starts, pos) - 1]

    def run(self, pos: int) -> tuple[int, int]:
        """The maximal run of CJK characters around pos."""
        if self.runs is None:
            self.runs = [m.span() for m in CJK_RUN.finditer(self.text)]
            self.run_starts = [a for a, _ in self.runs]
        k = bisect_right(self.run_starts, pos) - 1
        if k >= 0:
            a, b = self.runs[k]
            if a <= pos < b:
                return a, b
        return pos, pos

    def gain(self, s: int, e: int, word_logp: float) -> float:
        return self.prefix[s] + word_logp + self.suffix[e] - self.suffix[0]


class PairTable:
    """Which characters may follow a prefix of up to three characters, and which may
    precede a character at the start of a word: read off jieba's dictionary, which holds
    every prefix of every word.

    The tables stay the plain strings the disk cache holds (turning 200,000 of them into
    sets would cost most of the start-up); a long one becomes a set on first use, because
    intersecting with a set walks the smaller side.
    """

    __slots__ = ("_follow", "_precede", "_sets")

    def __init__(self, follow: dict[str, str], precede: dict[str, str]) -> None:
        self._follow = follow
        self._precede = precede
        self._sets: dict[str, frozenset[str]] = {}

    def following(self, left: str) -> str | frozenset[str]:
        return self._lookup(self._follow, left, "f")

    def preceding(self, char: str) -> str | frozenset[str]:
        return self._lookup(self._precede, char, "p")

    def _lookup(self, table: dict[str, str], key: str, tag: str) -> str | frozenset[str]:
        value = table.get(key, "")
        if len(value) <= _SET_AT:
            return value
        cached = self._sets.get(tag + key)
        if cached is None:
            cached = self._sets[tag + key] = frozenset(value)
        return cached

    @classmethod
    def build(cls, freq: Iterable[str]) -> tuple[dict[str, str], dict[str, str]]:
        """The plain tables (character -> characters), as stored in the disk cache."""
        follow: dict[str, set[str]] = {}
        precede: dict[str, set[str]] = {}
        for key in freq:
            n = len(key)
            if 2 <= n <= MAX_WORD:
                follow.setdefault(key[:-1], set()).add(key[-1])
                if n == 2:
                    precede.setdefault(key[1], set()).add(key[0])
        return _joined(follow), _joined(precede)

    @classmethod
    def load(
        cls, tables: tuple[dict[str, str], dict[str, str]], extra_words: Iterable[str] = ()
    ) -> PairTable:
        """The cached tables plus the prefixes of the configured words (the cached dicts
        are copied only when there is something to add)."""
        follow, precede = tables
        words = [w for w in extra_words if len(w) >= 2]
        if words:
            follow, precede = dict(follow), dict(precede)
            for word in words:
                for k in range(1, min(len(word), MAX_WORD)):
                    left, c = word[:k], word[k]
                    if c not in follow.get(left, ""):
                        follow[left] = follow.get(left, "") + c
                a, b = word[0], word[1]
                if a not in precede.get(b, ""):
                    precede[b] = precede.get(b, "") + a
        return cls(follow, precede)


# intersecting with a set walks the smaller side: long values are looked up as sets
_SET_AT = 24


def _joined(table: dict[str, set[str]]) -> dict[str, str]:
    return {k: "".join(sorted(v)) for k, v in table.items()}
