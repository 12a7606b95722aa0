"""The site lexicon: the county's own words, learned from what it publishes.

A county writes 反电诈, 河长制, its villages and its officials' names again and again; the
general dictionary does not know them, so the typo rules see a "broken" word there. The
terms the typo model judged (``TextIssue.word`` of model-based issues) are counted per
article, and a term that recurs in several articles from at least two units, or across
months, is taken as a word of the site. Counting distinct *sentences* as well as articles
keeps a real typo that was copied along with its article (the same 通知 republished by
three units) from turning into a word: copies add articles, not contexts.

Learned terms only silence the statistical rules (``MODEL_RULES``); listed typos, fixed
phrases and wording rules are never overridden, however often a wrong form appears.

Pure logic, no database: ``checks.text.stored`` keeps the counts in the database.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from checks.text.issue import TextIssue
from checks.text.sentences import SentenceIndex

# The rules whose judgement rests on general-language statistics; only these may be
# overruled by the county's own usage.
MODEL_RULES = frozenset({"confusion_char", "homophone_word"})
# Terms are collected from model-based issues down to this confidence (below the default
# reporting threshold, so that a county that lowers min_confidence is covered too).
LEARN_FLOOR = 0.3
# A term is a word of the site when it occurs in at least MIN_ARTICLES articles and
# MIN_CONTEXTS different sentences, from MIN_UNITS units or in MIN_MONTHS months.
MIN_ARTICLES = 3
MIN_CONTEXTS = 3
MIN_UNITS = 2
MIN_MONTHS = 2
# Below that, a term seen in two sentences of two articles is "frequent": a flag on it is
# kept only with this much confidence.
FREQUENT_ARTICLES = 2
FREQUENT_CONTEXTS = 2
STRONG_EVIDENCE = 0.9
# Bounds on what one article contributes (a 公示 list of 5,000 names must not flood it).
MAX_TERMS_PER_ARTICLE = 200
MAX_CONTEXTS_PER_TERM = 4
MAX_TERM_LEN = 12
# distinct contexts kept per term while tallying: more than MIN_CONTEXTS proves nothing new
MAX_CONTEXTS_KEPT = 8


def context_key(sentence: str) -> str:
    """A short stable key of a sentence: copies of an article give the same keys."""
    norm = "".join(sentence.split())
    return f"{zlib.crc32(norm.encode('utf-8')):08x}"


def article_terms(text: str, issues: Iterable[TextIssue]) -> dict[str, list[str]]:
    """The terms an article contributes: the judged word of every model-based issue (at
    any confidence it was reported with), each with the keys of the sentences it is in."""
    out: dict[str, list[str]] = {}
    index: SentenceIndex | None = None
    for issue in issues:
        term = issue.word
        if issue.rule not in MODEL_RULES or not term or len(term) > MAX_TERM_LEN:
            continue
        if term not in out and len(out) >= MAX_TERMS_PER_ARTICLE:
            continue
        contexts = out.setdefault(term, [])
        if len(contexts) >= MAX_CONTEXTS_PER_TERM:
            continue
        if index is None:
            index = SentenceIndex(text)
        key = context_key(index.sentence(issue.start, issue.end)[0])
        if key not in contexts:
            contexts.append(key)
    return out


@dataclass(frozen=True)
class ArticleTerms:
    """One article's contribution, with what the tally needs to know about the article."""

    terms: Mapping[str, Sequence[str]]
    unit: str | None  # the publishing unit (or its raw 来源 when it matches none)
    month: str | None  # "2025-04"; None for an undated article
    seen: datetime | None  # publication date, else when it was fetched


@dataclass(frozen=True)
class TermStats:
    term: str
    articles: int
    units: int
    months: int
    contexts: int
    first_seen: datetime | None

    @property
    def learned(self) -> bool:
        spread = self.units >= MIN_UNITS or self.months >= MIN_MONTHS
        return self.articles >= MIN_ARTICLES and self.contexts >= MIN_CONTEXTS and spread

    @property
    def frequent(self) -> bool:
        return self.articles >= FREQUENT_ARTICLES and self.contexts >= FREQUENT_CONTEXTS


@dataclass
class _Tally:
    articles: int = 0
    units: set[str] = field(default_factory=set)
    months: set[str] = field(default_factory=set)
    contexts: set[str] = field(default_factory=set)
    first_seen: datetime | None = None


def tally(rows: Iterable[ArticleTerms]) -> list[TermStats]:
    """Per term: in how many articles, units, months and distinct sentences it occurs.
    Only terms seen in at least two articles are returned (the rest decide nothing)."""
    acc: dict[str, _Tally] = {}
    for row in rows:
        for term, contexts in row.terms.items():
            t = acc.get(term)
            if t is None:
                t = acc[term] = _Tally()
            t.articles += 1
            if row.unit:
                t.units.add(row.unit)
            if row.month:
                t.months.add(row.month)
            for key in contexts:
                if len(t.contexts) >= MAX_CONTEXTS_KEPT:
                    break
                t.contexts.add(key)
            if row.seen is not None and (t.first_seen is None or row.seen < t.first_seen):
                t.first_seen = row.seen
    return [
        TermStats(term, t.articles, len(t.units), len(t.months), len(t.contexts), t.first_seen)
        for term, t in sorted(acc.items())
        if t.articles >= FREQUENT_ARTICLES
    ]


@dataclass(frozen=True)
class SiteLexicon:
    """What the checker is told about the site's usage: its learned words, and the terms
    frequent enough that a flag on them needs STRONG_EVIDENCE."""

    words: frozenset[str] = frozenset()
    frequent: frozenset[str] = frozenset()

    @classmethod
    def from_stats(cls, stats: Iterable[TermStats]) -> SiteLexicon:
        words, frequent = set(), set()
        for s in stats:
            if s.learned:
                words.add(s.term)
            elif s.frequent:
                frequent.add(s.term)
        return cls(frozenset(words), frozenset(frequent))

    def __bool__(self) -> bool:
        return bool(self.words or self.frequent)

    def accepted(self, issue: TextIssue, text: str) -> str | None:
        """The site term that makes a model-based issue unreportable, or None.

        ``text`` is the text the issue's offsets refer to: an issue lying inside any
        occurrence of a learned word is dropped, as is one on a frequent term without
        strong evidence. Issues of other rules are never accepted here.
        """
        if issue.rule not in MODEL_RULES:
            return None
        if issue.word in self.words:
            return issue.word
        covering = self._covering(text, issue.start, issue.end)
        if covering is not None:
            return covering
        if issue.word in self.frequent and issue.confidence < STRONG_EVIDENCE:
            return issue.word
        return None

    def _covering(self, text: str, start: int, end: int) -> str | None:
        if not self.words:
            return None
        n = len(text)
        for a in range(max(0, end - MAX_TERM_LEN), start + 1):
            for b in range(max(end, a + 1), min(n, a + MAX_TERM_LEN) + 1):
                if text[a:b] in self.words:
                    return text[a:b]
        return None
