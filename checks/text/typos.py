"""错字 detection: confusion-set candidates around broken words, ranked by a small scorer.

Why this shape: a wrong character in official text usually breaks a word, so jieba falls
back to single characters (or a rare junk word) at that spot. Only there do we try
confusable characters (same/near pinyin, similar shape) and same-pinyin whole words, and
keep those that form a dictionary word. Each candidate is scored by how much more probable
the best segmentation becomes when the corrected word is used (jieba's own unigram word
model: one forward and one backward pass per text make this O(1) per candidate), plus a
few cheap features; a small boosted-tree scorer trained offline
(``training/train_scorer.py``) turns them into a probability.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any

from checks.text.names import protected_positions
from checks.text.resources import NEAR_PINYIN, SAME_PINYIN, SERIES, SHAPE, Confusion, TypoPair
from checks.text.scoring import Scorer
from checks.text.segmentation import MAX_WORD, RARE_WORD, Analysis, PairTable
from checks.text.typo_features import PARTNERS, FeatureMaker

# channel categories beyond the confusion-set ones (resources.SAME_PINYIN ... SERIES)
# 4 was "same-pinyin whole word" (元泽→原则): dropped, the scorer never trusted it
LISTED = 5  # a listed typo (typo_pairs.tsv)
REAL_WORD = 6  # a real two-character word replaced by a far more frequent homophone
# Single-character words more frequent than this (的 在 和 是 ...) are not examined: they
# are rarely the slip and would cost most of the time.
COMMON_SINGLE = 50000
# A candidate must raise the best segmentation's log probability by this much (per channel)
# to be scored at all. Below these gains the trained scorer never reaches 0.5 on the
# training candidates (see README), so skipping them only saves time.
MIN_GAIN = {SAME_PINYIN: 2.0, NEAR_PINYIN: 6.0, SHAPE: 6.0, SERIES: 6.0, REAL_WORD: 1.0}
# function characters never examined, even next to an orphaned character
FUNCTION_CHARS = frozenset(
    "的了是在和与及为等着过吗呢吧啊也都就又还很最更把被将于其并而或从向以之所该且"
)
# Only the best few replacement characters per position are scored.
TOP_PER_POSITION = 2
# A real word used at least this often (jieba's counts) is not "corrected" to a homophone:
# 眼色, 开战, 途经 are words in their own right; on clean news text every such correction
# was a false flag.
HOMOPHONE_MAX_OLD = 100


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    replacement: str  # same length as text[start:end]
    category: int
    source: str  # "char", "word" or "list"
    features: dict[str, float]
    source_list: str = ""  # for listed typos: which list ("curated", "ecspell", ...)
    # the span of the dictionary word the replacement completes (the judged word)
    span: tuple[int, int] = (0, 0)


class TypoFinder:
    """Finds and scores typo candidates; built once, then used per text."""

    def __init__(
        self,
        freq: dict[str, int],
        total: int,
        conf: Confusion,
        pinyin_words: dict[str, tuple[str, ...]],
        readings: dict[str, tuple[str, ...]],
        bigrams: dict[str, int],
        char_freq: dict[str, int],
        typo_pairs: Sequence[TypoPair],
        model: dict[str, Any],
        surnames: frozenset[str] = frozenset(),
        official: frozenset[str] = frozenset(),
        person_words: frozenset[str] = frozenset(),
        inner: dict[str, int] | None = None,
        pairs: PairTable | None = None,
    ) -> None:
        self.freq = freq  # the private jieba tokenizer's FREQ (words and 0-freq prefixes)
        self.log_total = math.log(total)
        self.conf = conf
        self.pinyin_words = pinyin_words
        self.readings = readings
        self.bigrams = bigrams
        self.char_freq = char_freq
        self.model = model
        self._scorer = Scorer(model)
        self.surnames = surnames
        self.person_words = person_words
        # established official-writing terms: rare in jieba's counts but not broken words
        self.official = official
        self.pairs = {p.wrong: p for p in typo_pairs}
        self.pair_prefixes = frozenset(w[:k] for w in self.pairs for k in range(1, len(w) + 1))
        self.unless = {p.wrong: re.compile(p.unless) for p in typo_pairs if p.unless}
        self.conf_sets: dict[str, frozenset[str]] = {}
        self._key_cache: dict[str, list[str]] = {}
        self.feature_maker = FeatureMaker(freq, char_freq, bigrams, official, inner or {})
        self.pairs_table = pairs or PairTable.load(PairTable.build(freq))
        # confusable ∩ continuation sets repeat across texts (same neighbour, same character);
        # kept sorted so that ties break the same way in every process (hash seeds differ)
        self._inter_cache: dict[str, tuple[str, ...]] = {}

    @property
    def excluded_bigrams(self) -> dict[str, int]:
        """Bigram counts left out of the features (training on the table's own sentences)."""
        return self.feature_maker.excluded_bigrams

    @excluded_bigrams.setter
    def excluded_bigrams(self, value: dict[str, int]) -> None:
        self.feature_maker.excluded_bigrams = value

    def analyse(self, text: str) -> Analysis:
        return Analysis(text, self.freq, self.log_total)

    def word_logp(self, word: str) -> float:
        return math.log(self.freq.get(word) or 1) - self.log_total

    # -- candidate generation -------------------------------------------------------------

    def candidates(self, ana: Analysis) -> list[Candidate]:
        freq = self.freq
        official = self.official
        # suspicious spots: single characters and rare two-character words; real
        # two-character words only get whole-word homophones tried
        spots: list[int] = []
        real: list[int] = []
        for word, start in ana.tokens:
            n = len(word)
            if n == 1:
                if "\u4e00" <= word <= "\u9fff" and (freq.get(word) or 0) < COMMON_SINGLE:
                    spots.append(start)
            elif n == 2 and word not in official:
                if (freq.get(word) or 0) >= RARE_WORD:
                    real.append(start)
                elif _all_cjk(word):
                    spots.append(start)
                    spots.append(start + 1)
        # a common single character next to an orphaned one is a broken word too (没置)
        tokens = ana.tokens
        spot_set = set(spots)
        for t, (word, start) in enumerate(tokens):
            if (
                len(word) == 1
                and start not in spot_set
                and word not in FUNCTION_CHARS
                and "\u4e00" <= word <= "\u9fff"
            ):
                for u in (t - 1, t + 1):
                    if 0 <= u < len(tokens) and tokens[u][1] in spot_set and len(tokens[u][0]) == 1:
                        spots.append(start)
                        break
        listed, legit = self._listed_candidates(ana)
        protected = protected_positions(ana, self.freq, self.surnames, self.person_words) | legit
        if protected:
            spots = [i for i in spots if i not in protected]
        found: dict[tuple[int, int, str], Candidate] = {}
        for i in spots:
            lo, hi = ana.run(i)
            if hi - lo < 2:
                continue
            for cand in self._char_candidates(ana, i, lo, hi):
                found.setdefault((cand.start, cand.end, cand.replacement), cand)
        for s in real:
            if s in protected:
                continue
            for cand in self._real_word_candidates(ana, s):
                found.setdefault((cand.start, cand.end, cand.replacement), cand)
        for cand in listed:
            found[(cand.start, cand.end, cand.replacement)] = cand
        return list(found.values())

    def _char_candidates(self, ana: Analysis, i: int, lo: int, hi: int) -> Iterator[Candidate]:
        text = ana.text
        ch = text[i]
        confusable = self.conf_sets.get(ch)
        if confusable is None:
            confusable = self.conf_sets[ch] = frozenset(self.conf.candidates(ch))
        if not confusable:
            return
        freq = self.freq
        log_total = self.log_total
        prefix = ana.prefix
        suffix = ana.suffix
        base = suffix[0]
        log = math.log
        inter = self._inter_cache
        if len(inter) > 500_000:
            inter.clear()
        # best gain per replacement character: (gain, word frequency, word length)
        options: dict[str, tuple[float, int, tuple[int, int]]] = {}
        # the characters after i that a word through i may still take: "", x, xy
        tails = [text[i + 1 : e] for e in range(i + 1, min(hi, i + MAX_WORD) + 1)]
        # words starting before i: the prefix table says which characters may follow
        get = freq.get
        pairs = self.pairs_table
        for s in range(max(lo, i - MAX_WORD + 1), i):
            left = text[s:i]
            key = left + ch
            ds = inter.get(key)
            if ds is None:
                ds = inter[key] = tuple(sorted(confusable.intersection(pairs.following(left))))
            if not ds:
                continue
            head = prefix[s] - log_total - base
            room = MAX_WORD - (i - s)  # how many tails fit in a word of MAX_WORD
            for d in ds:
                stem = left + d
                for k, tail in enumerate(tails[:room]):
                    f = get(stem + tail)
                    if f is None:
                        break
                    if f:
                        e = i + 1 + k
                        gain = head + log(f) + suffix[e]
                        old = options.get(d)
                        if old is None or gain > old[0]:
                            options[d] = (gain, f, (s, e))
        # words starting at i
        for e in range(i + 2, min(hi, i + MAX_WORD) + 1):
            rest = text[i + 1 : e]
            key = ch + "|" + rest
            ds = inter.get(key)
            if ds is None:
                # d + rest is a word only if d + rest[0] begins one
                starts = confusable.intersection(pairs.preceding(rest[0]))
                ds = inter[key] = tuple(sorted(d for d in starts if get(d + rest)))
            if ds:
                head = prefix[i] - log_total - base + suffix[e]
                for d in ds:
                    f = freq[d + rest]
                    gain = head + log(f)
                    old = options.get(d)
                    if old is None or gain > old[0]:
                        options[d] = (gain, f, (i, e))
        floor = MIN_GAIN[SAME_PINYIN]
        strong = [(d, v) for d, v in options.items() if v[0] >= floor]
        if not strong:
            return  # most spots: nothing gains enough to be scored
        strong.sort(key=lambda kv: -kv[1][0])
        # a character plus a particle (挤得, 夹上) is two correct words: never "repair" it
        # into another two-character word that merely shares the particle (记得, 加上)
        ranked = [kv for kv in strong if not _particle_pair(text, i, kv[1][2])]
        for d, (gain, f, span) in ranked[:TOP_PER_POSITION]:
            cat = self.conf.category(ch, d)
            if cat is None:
                cat = SERIES
            if gain < MIN_GAIN[cat]:
                continue
            yield self._make(ana, i, i + 1, d, cat, "char", gain, f, span)

    def _keys(self, chunk: str) -> list[str]:
        keys = self._key_cache.get(chunk)
        if keys is None:
            if len(self._key_cache) > 200_000:
                self._key_cache.clear()
            keys = self._key_cache[chunk] = self._compute_keys(chunk)
        return keys

    def _compute_keys(self, chunk: str) -> list[str]:
        options = [self.readings[ch] for ch in chunk]
        if not all(options):
            return []
        combos = 1
        for o in options:
            combos *= len(o)
        if combos > 8:
            options = [o[:1] for o in options]
        return [" ".join(p) for p in product(*options)]

    def _real_word_candidates(self, ana: Analysis, s: int) -> Iterator[Candidate]:
        """A real two-character word swapped for a much more frequent homophone
        (身披→审批): the input-method slip that leaves no broken word behind."""
        text = ana.text
        chunk = text[s : s + 2]
        if (self.freq.get(chunk) or 0) >= HOMOPHONE_MAX_OLD:
            return
        for key in self._keys(chunk):
            for word in self.pinyin_words.get(key, ()):
                if word == chunk:
                    continue
                f = self.freq.get(word) or 0
                if not f:
                    continue
                gain = ana.gain(s, s + 2, math.log(f) - self.log_total)
                if gain < MIN_GAIN[REAL_WORD]:
                    continue
                changed = [k for k in range(2) if word[k] != chunk[k]]
                a, b = s + changed[0], s + changed[-1] + 1
                yield self._make(
                    ana,
                    a,
                    b,
                    word[changed[0] : changed[-1] + 1],
                    REAL_WORD,
                    "real",
                    gain,
                    f,
                    (s, s + 2),
                )

    def _listed_candidates(self, ana: Analysis) -> tuple[list[Candidate], set[int]]:
        """Listed wrong forms made of whole tokens (既使 must not match the start of 既使用),
        and the positions of listed forms that are legitimate here (既使…又使…), which no
        other rule may then "correct"."""
        out: list[Candidate] = []
        legit: set[int] = set()
        if not self.pairs:
            return out, legit
        prefixes = self.pair_prefixes
        tokens = ana.tokens
        text = ana.text
        for t, (w, a) in enumerate(tokens):
            if w not in prefixes:
                continue
            form = w
            u = t
            while True:
                pair = self.pairs.get(form)
                if pair is not None:
                    b = a + len(form)
                    unless = self.unless.get(form)
                    if unless is not None and unless.search(_sentence_rest(text, b)):
                        legit.update(range(a, b))
                    else:
                        out.append(
                            Candidate(a, b, pair.right, LISTED, "list", {}, pair.source, (a, b))
                        )
                u += 1
                if u >= len(tokens):
                    break
                form += tokens[u][0]
                if form not in prefixes:
                    break
        return out, legit

    def score(self, cand: Candidate) -> float:
        return self._scorer.score(cand.features)

    def _make(
        self,
        ana: Analysis,
        a: int,
        b: int,
        repl: str,
        category: int,
        source: str,
        gain: float,
        new_freq: int,
        word_span: tuple[int, int],
    ) -> Candidate:
        feats = self.feature_maker.features(ana, a, b, repl, category, gain, new_freq, word_span)
        return Candidate(a, b, repl, category, source, feats, span=word_span)


def never_the_slip(text: str, i: int) -> bool:
    """A function character (及, 而, 之 …) is never the slip itself, and a doubled character
    (行行, 人人) is reduplication. Applied when reporting, not while generating candidates,
    so that the scorer keeps learning from these spots as negatives."""
    return text[i] in FUNCTION_CHARS or _doubled(text, i)


def _doubled(text: str, i: int) -> bool:
    return (i > 0 and text[i - 1] == text[i]) or (i + 1 < len(text) and text[i + 1] == text[i])


def _particle_pair(text: str, i: int, span: tuple[int, int]) -> bool:
    s, e = span
    if e - s != 2:
        return False
    other = text[s] if i > s else text[e - 1]
    return other in PARTNERS


def _sentence_rest(text: str, pos: int) -> str:
    m = re.search(r"[。！？；\n]", text[pos:])
    return text[pos : pos + m.start()] if m else text[pos:]


def _all_cjk(word: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in word)
