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
    every prefix of every word."""

    __slots__ = ("follow", "precede")

    def __init__(
        self, follow: dict[str, frozenset[str] | str], precede: dict[str, frozenset[str] | str]
    ) -> None:
        self.follow = follow
        self.precede = precede

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
        follow = {k: set(v) for k, v in tables[0].items() if len(v) > _SET_AT}
        precede = {k: set(v) for k, v in tables[1].items() if len(v) > _SET_AT}
        short_f = {k: v for k, v in tables[0].items() if len(v) <= _SET_AT}
        short_p = {k: v for k, v in tables[1].items() if len(v) <= _SET_AT}
        for word in extra_words:
            for k in range(1, min(len(word), MAX_WORD)):
                left, c = word[:k], word[k]
                if c not in follow.get(left, short_f.get(left, "")):
                    follow.setdefault(left, set(short_f.pop(left, ""))).add(c)
            if len(word) >= 2:
                a, b = word[0], word[1]
                if a not in precede.get(b, short_p.get(b, "")):
                    precede.setdefault(b, set(short_p.pop(b, ""))).add(a)
        frozen_f: dict[str, frozenset[str] | str] = {k: frozenset(v) for k, v in follow.items()}
        frozen_p: dict[str, frozenset[str] | str] = {k: frozenset(v) for k, v in precede.items()}
        frozen_f.update(short_f)
        frozen_p.update(short_p)
        return cls(frozen_f, frozen_p)


# intersecting with a frozenset walks the smaller side; short values stay strings
_SET_AT = 16


def _joined(table: dict[str, set[str]]) -> dict[str, str]:
    return {k: "".join(sorted(v)) for k, v in table.items()}
