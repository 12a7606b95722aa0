"""The cheap features the typo scorer sees for one candidate (trained in train_scorer.py).

Besides how much the replacement improves the segmentation, they describe what makes a
"broken" spot legitimate in correct prose — the cases that gave false flags on clean
news text: a pair that occurs inside longer dictionary words (砷化 of 砷化镓), a long run
of unknown characters (a name: 皂力营子村), a number before it (1.4亿次), classical Chinese
(外患可息, 不恃), and whether the repaired word belongs to official writing at all.
(A character plus a particle, 挤得 or 夹上, is excluded before scoring: ``PARTNERS``.)
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Mapping

from checks.text.segmentation import MAX_WORD, Analysis

# Characters that combine freely with a verb or noun before them (得 上 出 到 …) or
# attach to what follows (一 所 其 …): a spot made of such a character and one other is
# usually two correct words, not one misspelt word.
PARTNERS = frozenset(
    "得上出到来了的下起过去着进回入成完住向往给而以所及之其可皆亦一就地也都又还再才将把被让使"
)
# Function characters of classical Chinese: quotations of the classics are full of
# single-character words the modern dictionary does not know as such.
CLASSICAL = frozenset("之乎者也矣焉哉兮曰")
SENTENCE_MARKS = frozenset("。！？；\n")
MAX_RUN = 8


class FeatureMaker:
    def __init__(
        self,
        freq: Mapping[str, int],
        char_freq: Mapping[str, int],
        bigrams: Mapping[str, int],
        official: frozenset[str],
        inner: Mapping[str, int],
    ) -> None:
        self.freq = freq
        self.char_freq = char_freq
        self.bigrams = bigrams
        self.official = official
        self.inner = inner  # character pair -> how many dictionary words contain it
        # bigram counts to subtract (set only while training on the table's own sentences)
        self.excluded_bigrams: dict[str, int] = {}

    def features(
        self,
        ana: Analysis,
        a: int,
        b: int,
        repl: str,
        category: int,
        gain: float,
        new_freq: int,
        word_span: tuple[int, int],
    ) -> dict[str, float]:
        text = ana.text
        n_changed = sum(1 for k in range(b - a) if repl[k] != text[a + k])
        old_word = ana.token_at(a)[0]
        old_f = self.freq.get(old_word) or 0
        cf = self.char_freq
        cf_old = min(cf.get(text[k], 0) for k in range(a, b))
        cf_new = min(cf.get(c, 0) for c in repl)
        bg_new, bg_old = self._bigrams(text, a, b, repl)
        # how fragmented the neighbourhood is: single-character tokens within two positions
        frag = 0
        for k in range(max(0, a - 2), min(len(text), b + 2)):
            if k < a or k >= b:
                w = ana.token_at(k)[0]
                frag += len(w) == 1 and "\u4e00" <= w <= "\u9fff"
        single_f = self.freq.get(old_word) or 0 if len(old_word) == 1 else 0
        # does the new word cut through a word of the original segmentation, and how
        # many original tokens does it replace? (an input-method slip swaps whole words)
        ws, we = word_span
        breaks = 0
        for k in (ws, we - 1):
            tw, ts = ana.token_at(k)
            if len(tw) > 1 and (ts < ws or ts + len(tw) > we):
                breaks += 1
        first = bisect_right(ana.starts, ws) - 1
        last = bisect_right(ana.starts, we - 1) - 1
        aligned = ana.starts[first] == ws and (
            last + 1 >= len(ana.starts) or ana.starts[last + 1] == we
        )
        cover_f, cover_official = self._covering(text, a, b)
        new_span = text[ws:a] + repl + text[b:we]
        feats = {
            "gain": gain,
            "old_cover": math.log1p(cover_f),
            "old_cover_official": 1.0 if cover_official else 0.0,
            "frag": float(frag),
            "breaks": float(breaks),
            "aligned": 1.0 if aligned else 0.0,
            "span_tokens": float(last - first + 1),
            "new_common": 1.0 if new_freq > 20000 else 0.0,
            "old_char_word": math.log1p(single_f),
            "gain_per_change": gain / n_changed,
            "new_word": math.log1p(new_freq),
            "new_len": float(we - ws),
            "old_word": math.log1p(old_f) if len(old_word) > 1 else 0.0,
            "old_single": 1.0 if len(old_word) == 1 else 0.0,
            "n_changed": float(n_changed),
            "cf_old": math.log1p(cf_old),
            "cf_new": math.log1p(cf_new),
            "bigram": math.log1p(bg_new) - math.log1p(bg_old),
            "bigram_old_zero": 1.0 if bg_old == 0 else 0.0,
            "inner": math.log1p(self._inner(text, a, b)),
            "run": float(_single_run(ana, a)),
            "digit_before": 1.0 if a > 0 and text[a - 1].isdigit() else 0.0,
            "classical": float(_classical(text, a)),
            "new_official": 1.0 if new_span in self.official else 0.0,
            f"cat{category}": 1.0,
        }
        return feats

    def _bigrams(self, text: str, a: int, b: int, repl: str) -> tuple[int, int]:
        bg = self.bigrams
        bg_new = bg_old = 0
        prev = text[a - 1] if a > 0 else ""
        nxt = text[b] if b < len(text) else ""
        new_s = prev + repl + nxt
        old_s = prev + text[a:b] + nxt
        excluded = self.excluded_bigrams
        for k in range(len(new_s) - 1):
            x, y = new_s[k : k + 2], old_s[k : k + 2]
            if excluded:
                # training: leave the sentence's own bigrams out of the counts
                bg_new += max(0, bg.get(x, 0) - excluded.get(x, 0))
                bg_old += max(0, bg.get(y, 0) - excluded.get(y, 0))
            else:
                bg_new += bg.get(x, 0)
                bg_old += bg.get(y, 0)
        return bg_new, bg_old

    def _inner(self, text: str, a: int, b: int) -> int:
        """How many dictionary words contain an original pair through the changed span."""
        inner = self.inner
        best = 0
        for k in range(max(0, a - 1), min(len(text) - 1, b)):
            best = max(best, inner.get(text[k : k + 2], 0))
        return best

    def _covering(self, text: str, a: int, b: int) -> tuple[int, bool]:
        """Best frequency of a dictionary word (2+ characters) over any of the original
        characters in [a, b), and whether such a word is an official-writing term: a
        character that belongs to a real word (不实, 私法) is less likely a slip."""
        best = 0
        official = False
        freq = self.freq
        n = len(text)
        for s in range(max(0, a - MAX_WORD + 1), b):
            for e in range(max(s + 2, a + 1), min(n, s + MAX_WORD) + 1):
                f = freq.get(text[s:e])
                if f is None:
                    break
                if f:
                    best = max(best, f)
                    official = official or text[s:e] in self.official
        return best, official


def _single_run(ana: Analysis, pos: int) -> int:
    """The number of consecutive single-CJK-character tokens around pos (capped)."""
    tokens = ana.tokens
    t = bisect_right(ana.starts, pos) - 1

    def single(k: int) -> bool:
        w = tokens[k][0]
        return len(w) == 1 and "\u4e00" <= w <= "\u9fff"

    if not single(t):
        return 0
    lo = hi = t
    while lo > 0 and single(lo - 1) and t - lo < MAX_RUN:
        lo -= 1
    while hi + 1 < len(tokens) and single(hi + 1) and hi - t < MAX_RUN:
        hi += 1
    return min(MAX_RUN, hi - lo + 1)


def _classical(text: str, pos: int) -> int:
    """Classical function characters in the sentence around pos (capped at 4)."""
    n = 0
    for step, stop in ((-1, -1), (1, len(text))):
        k = pos
        for _ in range(60):
            k += step
            if k == stop or text[k] in SENTENCE_MARKS:
                break
            n += text[k] in CLASSICAL
    return min(n, 4)
