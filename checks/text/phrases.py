"""严重表述错误 and 漏字 in fixed expressions: wording lists, truncated names, leaders' titles."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from checks.text import evidence
from checks.text.issue import TextIssue
from checks.text.resources import _lines, confusion

# A name of this length or longer may be reported as a misspelling of a configured leader.
MIN_LEADER_NAME = 2


@dataclass(frozen=True)
class WordingRule:
    wrong: str
    right: str
    confidence: float = 0.9

    @classmethod
    def coerce(cls, value: WordingRule | dict[str, str]) -> WordingRule:
        if isinstance(value, WordingRule):
            return value
        conf = value.get("confidence")
        return cls(
            str(value["wrong"]),
            str(value.get("right", "")),
            float(conf) if conf is not None else 0.9,
        )


@dataclass(frozen=True)
class Leader:
    """A county leader from config; ``title`` may list several titles ("县委副书记、县长")."""

    name: str
    title: str

    @classmethod
    def coerce(cls, value: Leader | dict[str, str]) -> Leader:
        if isinstance(value, Leader):
            return value
        return cls(str(value["name"]).strip(), str(value.get("title", "")).strip())

    @property
    def titles(self) -> tuple[str, ...]:
        return tuple(t for t in re.split(r"[、，,；;\s/]+", self.title) if t)


@cache
def shipped_wording() -> tuple[WordingRule, ...]:
    out = []
    for line in _lines("wording.tsv"):
        parts = line.split("\t")
        conf = float(parts[2]) if len(parts) > 2 and parts[2] else 0.9
        out.append(WordingRule(parts[0], parts[1] if len(parts) > 1 else "", conf))
    return tuple(out)


@cache
def fixed_phrases() -> tuple[str, ...]:
    return tuple(line.strip() for line in _lines("fixed_phrases.txt") if len(line.strip()) >= 5)


@cache
def titles() -> tuple[str, ...]:
    return tuple(sorted((t.strip() for t in _lines("titles.txt")), key=len, reverse=True))


def _alternation(strings: Iterable[str]) -> re.Pattern[str] | None:
    items = sorted(set(strings), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, items))) if items else None


class PhraseRules:
    def __init__(
        self,
        wording: Sequence[WordingRule],
        leaders: Sequence[Leader],
        is_word: Callable[[str], bool],
    ) -> None:
        rules = {r.wrong: r for r in shipped_wording()}
        rules.update({r.wrong: r for r in wording if r.wrong})
        self.is_word = is_word
        self.wording = rules
        self.wording_re = _alternation(rules)
        # one-character deletions of fixed phrases, unless the shorter form is a word itself
        self.truncated: dict[str, tuple[str, int]] = {}
        for phrase in fixed_phrases():
            for k in range(len(phrase)):
                short = phrase[:k] + phrase[k + 1 :]
                if short in self.truncated or is_word(short):
                    continue
                if any(short in other for other in fixed_phrases() if other != phrase):
                    continue
                self.truncated[short] = (phrase, k)
        self.truncated_re = _alternation(self.truncated)
        self.leaders = [x for x in leaders if x.name]
        self.title_re = _alternation(titles())
        self.names = {x.name for x in self.leaders}

    def find(self, text: str, tokens: Sequence[tuple[str, int]]) -> list[TextIssue]:
        issues = list(self._wording(text))
        issues += self._truncated(text)
        if self.leaders:
            issues += self._leaders(text)
        return issues

    def _wording(self, text: str) -> Iterator[TextIssue]:
        if self.wording_re is None:
            return
        for m in self.wording_re.finditer(text):
            rule = self.wording[m.group()]
            yield TextIssue(
                m.start(),
                m.end(),
                m.group(),
                rule.right,
                "wording",
                "wording_list",
                rule.confidence,
                m.group(),
                evidence.wording(m.group(), rule.right),
            )

    def _truncated(self, text: str) -> Iterator[TextIssue]:
        if self.truncated_re is None:
            return
        for m in self.truncated_re.finditer(text):
            phrase, k = self.truncated[m.group()]
            a, b = m.span()
            # 方面深化改革 is not 全面深化改革 short of 全: a missing first (last) character
            # only counts when the match does not simply continue a word before (after) it
            if k == 0 and a > 0 and self.is_word(text[a - 1 : a + 1]):
                continue
            if k == len(phrase) - 1 and b < len(text) and self.is_word(text[b - 1 : b + 1]):
                continue
            # the full phrase around the match means nothing is missing
            lo = max(0, a - len(phrase))
            window = text[lo : b + len(phrase)]
            full = [x.start() + lo for x in re.finditer(re.escape(phrase), window)]
            if any(f <= a and b <= f + len(phrase) for f in full):
                continue
            yield TextIssue(
                a,
                b,
                m.group(),
                phrase,
                "missing_char",
                "fixed_phrase",
                0.9,
                m.group(),
                evidence.fixed_phrase(m.group(), phrase, phrase[k]),
            )

    def _leaders(self, text: str) -> Iterator[TextIssue]:
        if self.title_re is None:
            return
        conf = confusion()
        for leader in self.leaders:
            name = leader.name
            wanted = leader.titles
            for m in re.finditer(re.escape(name), text):
                for title, a, b in _adjacent_titles(text, m.start(), m.end(), self.title_re):
                    if wanted and not any(_compatible(title, t) for t in wanted):
                        yield TextIssue(
                            a,
                            b,
                            title,
                            wanted[-1],
                            "wording",
                            "leader_title",
                            0.8,
                            title,
                            evidence.leader_title(name, leader.title, title),
                        )
            if len(name) < MIN_LEADER_NAME:
                continue
            # a one-character variant of the name (confusable character) next to a title
            for t in self.title_re.finditer(text):
                for a in (t.start() - len(name), t.end()):
                    if a < 0 or a + len(name) > len(text):
                        continue
                    seen = text[a : a + len(name)]
                    if seen == name or seen in self.names:
                        continue
                    diff = [k for k in range(len(name)) if seen[k] != name[k]]
                    if len(diff) != 1 or diff[0] == 0:
                        continue
                    k = diff[0]
                    if conf.category(name[k], seen[k]) is None:
                        continue
                    if wanted and not any(_compatible(t.group(), w) for w in wanted):
                        continue
                    yield TextIssue(
                        a,
                        a + len(name),
                        seen,
                        name,
                        "wording",
                        "leader_name",
                        0.75,
                        seen,
                        evidence.leader_name(seen, name, t.group()),
                    )


def _adjacent_titles(
    text: str, a: int, b: int, title_re: re.Pattern[str]
) -> Iterator[tuple[str, int, int]]:
    m = title_re.match(text, b)
    if m:
        yield m.group(), m.start(), m.end()
    # a title right before the name: try the longest title ending at a
    for length in range(min(a, 6), 1, -1):
        cand = text[a - length : a]
        if title_re.fullmatch(cand):
            yield cand, a - length, a
            break


def _compatible(found: str, configured: str) -> bool:
    if found == configured:
        return True
    if found.count("副") != configured.count("副"):
        return False
    return configured.endswith(found) or found.endswith(configured)
