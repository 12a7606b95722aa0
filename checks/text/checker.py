"""``TextChecker``: build once (dictionaries are the slow part), then check many texts."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence

from checks.text import evidence, resources
from checks.text.dictionary import (
    Overlay,
    Readings,
    base_pairs,
    inner_pairs,
    new_tokenizer,
    normalise_words,
)
from checks.text.duplication import find_duplications
from checks.text.issue import TextIssue
from checks.text.lexicon import SiteLexicon
from checks.text.phrases import Leader, PhraseRules, WordingRule
from checks.text.punctuation import find_punctuation
from checks.text.segmentation import PairTable
from checks.text.sentences import SENTENCE_END
from checks.text.typos import (
    LISTED,
    REAL_WORD,
    Analysis,
    Candidate,
    TypoFinder,
    never_the_slip,
)

# Default reporting threshold: tuned so that clean official text gets well under one flag
# per 10,000 characters (see README.md, "Benchmark").
DEFAULT_MIN_CONFIDENCE = 0.5
# A statistical typo below this score is reported only with corroboration: the repaired
# word is an official-writing term, the spot is not inside a long run of unknown
# characters (a name), and the sentence is not classical Chinese. Chosen on the
# People's-Daily validation part (clean news text) against the odw tune part.
STRONG_SCORE = 0.8
MAX_RUN_UNCORROBORATED = 3
# In a sentence with this many classical function characters (之乎者也…) the statistical
# rules stay silent whatever the score: quotations of the classics are correct as written.
CLASSICAL_VETO = 2
# Listed typos are reported with a fixed confidence: curated entries are hand-checked.
LISTED_CONFIDENCE = {"curated": 0.95, "ecspell": 0.8, "pycorrector": 0.6}
# One call checks at most this many characters (about two seconds); the rest of a longer
# text is not checked, and callers record that (``checked_length``).
MAX_CHECK_CHARS = 200_000
# A text cut at MAX_CHECK_CHARS is cut after the last sentence end within this distance,
# so that no word is cut in half (a half word looks exactly like a typo).
CUT_SEARCH = 2000


class TextChecker:
    """Text checker for one site/county configuration.

    ``extra_words``: the county's units, aliases, place and people names (kept whole by the
    segmenter, never reported as typos). ``ignore``: exact strings that are never flagged
    (a per-site whitelist; an issue whose span lies inside an occurrence of an ignored
    string is dropped). ``wording_rules``: extra ``{"wrong", "right"}`` pairs (or
    ``WordingRule``), added to the shipped list. ``leaders``: ``{"name", "title"}`` dicts
    (or ``Leader``). ``min_confidence``: issues below it are not reported. ``lexicon``:
    the site's learned words (``checks.text.lexicon``), which silence the statistical typo
    rules on the county's own terms. ``max_chars``: how much of one text is checked.
    """

    def __init__(
        self,
        extra_words: Iterable[str] = (),
        ignore: Iterable[str] = (),
        wording_rules: Iterable[WordingRule | dict[str, str]] = (),
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
        leaders: Iterable[Leader | dict[str, str]] = (),
        lexicon: SiteLexicon | None = None,
        max_chars: int = MAX_CHECK_CHARS,
    ) -> None:
        leader_list = [Leader.coerce(x) for x in leaders]
        # leaders' names are local words too: keep them whole, never "correct" them
        self.extra_words = tuple(
            dict.fromkeys(normalise_words([*extra_words, *(x.name for x in leader_list)]))
        )
        self.ignore = tuple(normalise_words(ignore))
        self.min_confidence = float(min_confidence)
        self.lexicon = lexicon or SiteLexicon()
        self.max_chars = max(1, int(max_chars))
        self._tokenizer = new_tokenizer(self.extra_words)
        self._overlay = Overlay(self._tokenizer)
        self._lock = threading.RLock()
        self._typos = TypoFinder(
            freq=self._tokenizer.FREQ,
            total=self._tokenizer.total,
            conf=resources.confusion(),
            pinyin_words=resources.pinyin_words(),
            readings=Readings(),
            bigrams=resources.bigrams(),
            char_freq=resources.char_freq(),
            typo_pairs=resources.typo_pairs(),
            model=resources.scorer_model(),
            surnames=resources.surnames(),
            official=frozenset(w for w, _ in resources.lexicon()),
            person_words=resources.person_words(),
            inner=inner_pairs(),
            pairs=PairTable.load(base_pairs(), self.extra_words),
        )
        self._phrases = PhraseRules(
            wording=[WordingRule.coerce(r) for r in wording_rules],
            leaders=leader_list,
            is_word=self._is_word,
        )

    # -- public ---------------------------------------------------------------------------

    def check(
        self,
        text: str,
        *,
        extra_words: Iterable[str] = (),
        ignore: Iterable[str] = (),
        min_confidence: float | None = None,
        use_lexicon: bool = True,
    ) -> list[TextIssue]:
        """Issues in ``text``, sorted by position.

        ``extra_words``/``ignore`` given here apply to this call only, on top of the
        checker's own; the dictionary is restored afterwards, so nothing leaks into the
        next call. ``min_confidence`` overrides the checker's threshold for this call;
        ``use_lexicon=False`` leaves the site lexicon out (to learn it). Only the first
        ``checked_length(text)`` characters are checked.
        """
        if not text:
            return []
        text = text[: self.checked_length(text)]
        words = [w for w in normalise_words(extra_words) if w not in self.extra_words]
        # one text at a time: a per-call overlay changes the shared dictionary
        with self._lock, self._overlay.words(words):
            issues = self._check(text)
        threshold = self.min_confidence if min_confidence is None else float(min_confidence)
        ignored = (*self.ignore, *normalise_words(ignore))
        out = self._filter(text, issues, ignored, words, threshold)
        if use_lexicon and self.lexicon:
            out = [i for i in out if self.lexicon.accepted(i, text) is None]
        return out

    def checked_length(self, text: str) -> int:
        """How many leading characters of ``text`` ``check`` reads: all of them up to
        ``max_chars``, else up to the last sentence end before the limit."""
        if len(text) <= self.max_chars:
            return len(text)
        lo = max(0, self.max_chars - CUT_SEARCH)
        ends = list(SENTENCE_END.finditer(text, lo, self.max_chars))
        return ends[-1].end() if ends else self.max_chars

    def typo_candidates(self, text: str) -> list[Candidate]:
        """All typo candidates with their features (for training and debugging)."""
        return self._typos.candidates(self._typos.analyse(text))

    def tokens(self, text: str) -> list[tuple[str, int]]:
        """``[(word, offset), ...]``: jieba's segmentation without HMM, private dictionary."""
        return self._typos.analyse(text).tokens

    # -- internals ------------------------------------------------------------------------

    def _is_word(self, word: str) -> bool:
        return bool(self._tokenizer.FREQ.get(word))

    def _check(self, text: str) -> list[TextIssue]:
        # one segmentation pass serves every rule
        ana = self._typos.analyse(text)
        issues: list[TextIssue] = []
        issues += self._phrases.find(text, ana.tokens)
        issues += find_duplications(text, ana.tokens, self._is_word)
        issues += find_punctuation(text)
        issues += self._typo_issues(ana)
        return issues

    def _typo_issues(self, ana: Analysis) -> list[TextIssue]:
        text = ana.text
        best: dict[int, tuple[float, Candidate]] = {}
        for cand in self._typos.candidates(ana):
            if cand.category == LISTED:
                p = LISTED_CONFIDENCE.get(cand.source_list, 0.6)
            else:
                if cand.source == "char" and never_the_slip(ana.text, cand.start):
                    continue
                p = self._typos.score(cand)
                if cand.features.get("classical", 0.0) >= CLASSICAL_VETO:
                    continue
                if p < STRONG_SCORE and not _corroborated(cand.features):
                    continue
            for k in range(cand.start, cand.end):
                if k not in best or p > best[k][0]:
                    best[k] = (p, cand)
        chosen: dict[tuple[int, int, str], tuple[float, Candidate]] = {}
        for p, cand in best.values():
            # a candidate wins only if it is the best at every position it changes
            if all(best[k][1] is cand for k in range(cand.start, cand.end)):
                chosen[(cand.start, cand.end, cand.replacement)] = (p, cand)
        out = []
        for p, cand in chosen.values():
            rule = {"char": "confusion_char", "real": "homophone_word"}.get(
                cand.source, f"typo_list_{cand.source_list}"
            )
            found = text[cand.start : cand.end]
            word, why = self._evidence(text, cand, found)
            issue = TextIssue(
                cand.start, cand.end, found, cand.replacement, "typo", rule, round(p, 3), word, why
            )
            out.append(issue)
        return out

    def _evidence(self, text: str, cand: Candidate, found: str) -> tuple[str, str]:
        """The judged word and the reason, in Chinese, for a typo candidate."""
        if cand.category == LISTED:
            return found, evidence.listed(found, cand.replacement, cand.source_list)
        freq = self._tokenizer.FREQ
        s, e = cand.span
        if cand.category != REAL_WORD:
            s, e = self._core_word(text, cand)
        old = text[s:e]
        new = text[s : cand.start] + cand.replacement + text[cand.end : e]
        if cand.category == REAL_WORD:
            readings = self._typos.readings
            reading = " ".join((readings[ch] or ("?",))[0] for ch in new)
            return old, evidence.homophone_word(old, new, reading)
        return old, evidence.confusion_char(
            old,
            new,
            found,
            cand.replacement,
            cand.category,
            common=(freq.get(new) or 0) >= evidence.COMMON_WORD,
            old_known=bool(freq.get(old)),
        )

    def _core_word(self, text: str, cand: Candidate) -> tuple[int, int]:
        """The shortest dictionary word the replacement forms inside the candidate's word
        (检剑→检验 within 质量检剑): the same slip then gives the same judged word in every
        sentence, which is what the site lexicon counts."""
        freq = self._tokenizer.FREQ
        s, e = cand.span
        for size in range(2, e - s):
            best: tuple[int, int] | None = None
            best_f = 0
            for a in range(max(s, cand.end - size), min(cand.start, e - size) + 1):
                new = text[a : cand.start] + cand.replacement + text[cand.end : a + size]
                f = freq.get(new) or 0
                if f > best_f:
                    best, best_f = (a, a + size), f
            if best is not None:
                return best
        return s, e

    def _filter(
        self,
        text: str,
        issues: list[TextIssue],
        ignore: Sequence[str],
        words: Sequence[str],
        threshold: float,
    ) -> list[TextIssue]:
        if not issues:
            return []
        ignored = _occurrences(text, ignore)
        known: list[tuple[int, int]] | None = None  # found lazily: many words, few issues
        out = []
        seen: set[tuple[int, int, str]] = set()
        for issue in sorted(issues, key=lambda i: (i.start, i.end, -i.confidence)):
            if issue.confidence < threshold:
                continue
            key = (issue.start, issue.end, issue.kind)
            if key in seen:
                continue
            if _inside(issue, ignored) or issue.found in ignore:
                continue
            # a configured name is right by definition; wording/punctuation rules still apply
            if issue.kind in ("typo", "extra_char", "missing_char"):
                if known is None:
                    known = _occurrences(text, (*self.extra_words, *words))
                if _inside(issue, known):
                    continue
            seen.add(key)
            out.append(issue)
        return out


def _corroborated(features: dict[str, float]) -> bool:
    return (
        features.get("new_official", 0.0) == 1.0
        and features.get("run", 0.0) <= MAX_RUN_UNCORROBORATED
        and features.get("classical", 0.0) == 0.0
    )


def _occurrences(text: str, needles: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for s in needles:
        start = text.find(s)
        while start != -1:
            spans.append((start, start + len(s)))
            start = text.find(s, start + 1)
    return spans


def _inside(issue: TextIssue, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= issue.start and issue.end <= b for a, b in spans)
