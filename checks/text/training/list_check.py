"""Which listed typo pairs survive a check against clean text (used by ``build_data``).

A listed pair is reported with high confidence wherever its wrong form appears as whole
words, so an entry whose "wrong" form is also correct usage produces a false flag every
time. Public lists were written for learner essays (pycorrector's is largely SIGHAN's own
errors) and contain many such forms: 可持续的 (a correct attributive 的), 建在, 爬上, 就坐.
An entry is dropped when

* its two forms differ only in 的/地/得 (which one is right depends on the sentence);
* its wrong form is short (two or three characters) and reads as ordinary words: jieba
  splits it into words that are all common (建|在, 爬|上, 林|雨, 处|里) — nothing is
  misspelt, the list only guesses at the intended meaning. A misspelt idiom of four or
  more characters (再接再砺) is kept: such a sequence is almost never correct prose;
* its wrong form occurs in clean official text: the ``correct`` side of the official and
  news-style sentence files, outside their held-back parts.

Curated entries are hand-checked; they are dropped only by the clean-text check, and
only when they have no "legitimate when" pattern that explains the clean occurrence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import jieba

PARTICLES = frozenset("的地得")
# A word at least this frequent in jieba's counts is "ordinary" (建, 在, 上, 爬 ...).
COMMON_WORD = 100
# Longer wrong forms are idioms and set phrases: the composition rule leaves them alone.
MAX_COMPOSED = 3


def differs_in_particles_only(wrong: str, right: str) -> bool:
    if len(wrong) != len(right):
        return False
    diff = [(a, b) for a, b in zip(wrong, right, strict=True) if a != b]
    return bool(diff) and all(a in PARTICLES and b in PARTICLES for a, b in diff)


def reads_as_common_words(wrong: str, words: dict[str, int], tok: jieba.Tokenizer) -> bool:
    if len(wrong) > MAX_COMPOSED:
        return False
    parts = tok.lcut(wrong, HMM=False)
    return len(parts) >= 2 and all(words.get(p, 0) >= COMMON_WORD for p in parts)


def clean_hits(forms: Iterable[str], clean: Iterable[str]) -> dict[str, str]:
    """The first clean sentence each form occurs in (forms never seen are absent)."""
    wanted = sorted(set(forms), key=len, reverse=True)
    if not wanted:
        return {}
    pattern = re.compile("|".join(map(re.escape, wanted)))
    hits: dict[str, str] = {}
    for sentence in clean:
        for m in pattern.finditer(sentence):
            hits.setdefault(m.group(), sentence)
        # overlapping forms (一前 inside 一前一后) are found by their own search
        for form in wanted:
            if form not in hits and form in sentence:
                hits[form] = sentence
    return hits


def prune(
    pairs: dict[str, tuple[str, str]],
    words: dict[str, int],
    clean: list[str],
    legit: dict[str, str],
) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """The surviving pairs and one line per dropped entry saying why."""
    tok = jieba.Tokenizer()
    tok.initialize()
    kept: dict[str, tuple[str, str]] = {}
    dropped: list[str] = []
    hits = clean_hits(pairs, clean)
    for wrong, (right, src) in sorted(pairs.items()):
        reason = ""
        if src != "curated" and differs_in_particles_only(wrong, right):
            reason = "的/地/得 depends on the sentence"
        elif src != "curated" and reads_as_common_words(wrong, words, tok):
            reason = "reads as ordinary words: " + "|".join(tok.lcut(wrong, HMM=False))
        elif wrong in hits:
            sentence = hits[wrong]
            unless = legit.get(wrong)
            rest = sentence[sentence.index(wrong) + len(wrong) :]
            if not (unless and re.search(unless, rest)):
                reason = f"in clean text: {sentence[:60]}"
        if reason:
            dropped.append(f"{wrong}\t{right}\t{src}\t{reason}")
        else:
            kept[wrong] = (right, src)
    return kept, dropped
