"""Loaders for the data files shipped in ``checks/text/data/`` (see SOURCES.md there)."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from checks.text.disk_cache import cached, file_digest

DATA_DIR = Path(__file__).resolve().parent / "data"
# The parsed tables come from these files (one cached bundle, see _bundle).
BUNDLED = (
    "confusion.tsv.gz",
    "lexicon.tsv.gz",
    "pinyin_words.tsv.gz",
    "bigrams.tsv.gz",
    "chars.tsv.gz",
)

# Channel categories of a confusable character, strongest first.
SAME_PINYIN, NEAR_PINYIN, SHAPE, SERIES = 0, 1, 2, 3


def _lines(name: str) -> list[str]:
    path = DATA_DIR / name
    if name.endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            text = fh.read()
    else:
        text = path.read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln and not ln.startswith("#")]


@dataclass(frozen=True)
class Confusion:
    """Similar characters per character, by channel category."""

    by_char: dict[str, tuple[str, str, str, str]]

    def candidates(self, ch: str) -> str:
        groups = self.by_char.get(ch)
        return "".join(groups) if groups else ""

    def category(self, ch: str, other: str) -> int | None:
        groups = self.by_char.get(ch)
        if groups:
            for cat, chars in enumerate(groups):
                if other in chars:
                    return cat
        return None


@cache
def _bundle() -> dict[str, Any]:
    """Every parsed table, from the disk cache when the data files are unchanged."""
    key = file_digest(DATA_DIR / name for name in BUNDLED)
    value: dict[str, Any] = cached("resources", key, _parse_bundle)
    return value


def _parse_bundle() -> dict[str, Any]:
    confusion: dict[str, tuple[str, str, str, str]] = {}
    for line in _lines("confusion.tsv.gz"):
        parts = line.split("\t")
        parts += [""] * (5 - len(parts))
        confusion[parts[0]] = (parts[1], parts[2], parts[3], parts[4])
    lexicon = []
    for line in _lines("lexicon.tsv.gz"):
        word, freq = line.split("\t")
        lexicon.append((word, int(freq)))
    pinyin_words: dict[str, tuple[str, ...]] = {}
    for line in _lines("pinyin_words.tsv.gz"):
        key, words = line.split("\t")
        pinyin_words[key] = tuple(words.split(" "))
    bigrams: dict[str, int] = {}
    for line in _lines("bigrams.tsv.gz"):
        bg, n = line.split("\t")
        bigrams[bg] = int(n)
    chars: dict[str, int] = {}
    for line in _lines("chars.tsv.gz"):
        ch, n = line.split("\t")
        chars[ch] = int(n)
    return {
        "confusion": confusion,
        "lexicon": tuple(lexicon),
        "pinyin_words": pinyin_words,
        "bigrams": bigrams,
        "chars": chars,
        "readings": _readings(chars),
    }


def _readings(chars: dict[str, int]) -> dict[str, tuple[str, ...]]:
    # pypinyin takes most of a second to import: compute every known character's reading
    # once, with the bundle, so that checking does not need it
    from pypinyin import Style, pinyin

    return {
        ch: tuple(r for r in pinyin(ch, style=Style.NORMAL)[0] if r)
        for ch in chars
        if "\u4e00" <= ch <= "\u9fff"
    }


@cache
def confusion() -> Confusion:
    return Confusion(_bundle()["confusion"])


def lexicon() -> tuple[tuple[str, int], ...]:
    """Official-writing words and idioms added to the private jieba dictionary."""
    value: tuple[tuple[str, int], ...] = _bundle()["lexicon"]
    return value


def pinyin_words() -> dict[str, tuple[str, ...]]:
    """Toneless pinyin key ("yu jing") -> common dictionary words with that reading."""
    value: dict[str, tuple[str, ...]] = _bundle()["pinyin_words"]
    return value


def bigrams() -> dict[str, int]:
    value: dict[str, int] = _bundle()["bigrams"]
    return value


def char_freq() -> dict[str, int]:
    """Summed jieba word frequency of every word a character occurs in."""
    value: dict[str, int] = _bundle()["chars"]
    return value


def readings() -> dict[str, tuple[str, ...]]:
    """Toneless default readings of the known characters (computed with pypinyin)."""
    value: dict[str, tuple[str, ...]] = _bundle()["readings"]
    return value


@dataclass(frozen=True)
class TypoPair:
    wrong: str
    right: str
    source: str
    unless: str = ""  # regex: when it matches the rest of the sentence the form is legitimate


@cache
def typo_pairs() -> tuple[TypoPair, ...]:
    out = []
    curated = {}
    for line in _lines("typo_pairs_curated.tsv"):
        parts = line.split("\t")
        curated[parts[0]] = parts[2] if len(parts) > 2 else ""
    for line in _lines("typo_pairs.tsv"):
        wrong, right, source = line.split("\t")[:3]
        out.append(TypoPair(wrong, right, source, curated.get(wrong, "")))
    return tuple(out)


@cache
def surnames() -> frozenset[str]:
    return frozenset("".join(_lines("surnames.txt")))


@cache
def person_words() -> frozenset[str]:
    """Titles and person nouns after which single characters are taken as a name."""
    titles = {t.strip() for t in _lines("titles.txt")}
    return frozenset(titles | {t.strip() for t in _lines("person_nouns.txt")})


@cache
def scorer_model() -> dict[str, Any]:
    """The typo scorer trained by ``train_scorer.py`` (empty before the first training)."""
    path = DATA_DIR / "typo_scorer.json"
    if not path.exists():
        return {}
    model: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return model
