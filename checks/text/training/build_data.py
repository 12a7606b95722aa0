"""Rebuild the data files shipped in ``checks/text/data/`` from the shared CSC resources.

Run from the repository root::

    .venv/bin/python -m checks.text.training.build_data [--shared ../shared/data/csc]

Inputs (all read-only, see ``checks/text/data/SOURCES.md`` for origins and licences):

* jieba's own ``dict.txt`` (MIT) for word frequencies and the character inventory;
* ``confusion/`` sets (pycorrector, SIGHAN-2013, ECSpell) for similar-shape characters and
  near pronunciations; same-pinyin groups are computed here with pypinyin (MIT);
* ``lexicons/`` (ECSpell official-writing lexicon, idioms) for the official-writing lexicon;
* ``typo_lists/`` (pycorrector custom confusion, ECSpell common variants);
* the ``correct`` side of the *training* sentence files (see ``TRAIN_FILES``) for a small
  character-bigram table. The held-back parts (law train, the odw and People's-Daily hold-out
  thirds) and the People's-Daily validation part are never read.

Every output is deterministic (sorted), so a rebuild gives byte-identical files.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import pairwise
from pathlib import Path

import jieba
from pypinyin import Style, lazy_pinyin, pinyin

from checks.text.training.list_check import prune
from checks.text.training.splits import part_of

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
DEFAULT_SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "csc"

# Sentence files whose correct side may feed shipped statistics and the scorer's training.
# ecspell_law_train and the odw hold-out third are kept out on purpose (honest benchmark).
TRAIN_FILES = (
    "ecspell_odw_train.filtered.jsonl",  # only rows whose part_of(...) is "train"
    "ecspell_med_train.filtered.jsonl",
    "sighan15_train.jsonl",
    "people_daily_synthetic_dev.jsonl",  # only rows whose part_of(...) is "train"
)

# The official-document and news-style files among them: clean official text.
OFFICIAL_FILES = ("ecspell_odw_train.filtered.jsonl", "people_daily_synthetic_dev.jsonl")

CJK = re.compile(r"[\u4e00-\u9fff]")
# Characters below this summed jieba word frequency are not offered as corrections.
MIN_CHAR_FREQ = 300
# Words below this jieba frequency do not enter the pinyin index of whole-word candidates.
MIN_PINYIN_WORD_FREQ = 20


def _jieba_dict() -> dict[str, int]:
    path = Path(jieba.__file__).resolve().parent / "dict.txt"
    freq: dict[str, int] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                freq[parts[0]] = int(parts[1])
    return freq


def _char_freq(words: dict[str, int]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for word, f in words.items():
        for ch in word:
            if CJK.match(ch):
                counts[ch] += f
    return counts


def _readings(ch: str) -> tuple[set[str], set[str]]:
    """(toneless, toned) default reading of one character.

    Only the default reading: pypinyin's rare heteronyms (受 "dao", 咖 "jia") would make
    unrelated characters look homophonous.
    """
    toned = {r for r in pinyin(ch, style=Style.TONE3)[0] if r}
    plain = {r.rstrip("012345") for r in toned}
    return plain, toned


def _rhymes(ch: str) -> set[str]:
    return {r for r in pinyin(ch, style=Style.FINALS_TONE3)[0] if r}


def _symmetric(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for a, b in pairs:
        if a != b and CJK.match(a) and CJK.match(b):
            out[a].add(b)
            out[b].add(a)
    return out


def _shape_pairs(shared: Path) -> Iterator[tuple[str, str]]:
    conf = shared / "confusion"
    for key, values in json.loads((conf / "ecspell_shapeConfusion.json").read_text()).items():
        for v in values:
            yield key, v
    for line in (conf / "sighan2013_SimilarShape.t2s.txt").read_text().splitlines():
        if "," in line:
            key, values = line.split(",", 1)
            for v in values:
                yield key, v
    for line in (conf / "pycorrector_same_stroke.txt").read_text().splitlines():
        group = line.split()
        for a in group:
            for b in group:
                yield a, b


def _sound_pairs(shared: Path) -> Iterator[tuple[str, str]]:
    conf = shared / "confusion"
    for key, values in json.loads((conf / "ecspell_soundConfusion.json").read_text()).items():
        for v in values:
            yield key, v
    lines = (conf / "sighan2013_SimilarPronunciation.t2s.txt").read_text().splitlines()
    for line in lines[1:]:
        cols = line.split("\t")
        # columns 1-4: same sound same tone, same sound other tone, near sound (both tones)
        for col in cols[1:5]:
            for v in col:
                yield cols[0], v


def build_confusion(shared: Path, char_freq: Counter[str]) -> list[str]:
    common = {c for c, f in char_freq.items() if f >= MIN_CHAR_FREQ}
    universe = set(common)
    shape = _symmetric(_shape_pairs(shared))
    sound = _symmetric(_sound_pairs(shared))
    universe |= set(shape) | set(sound)
    readings = {c: _readings(c) for c in universe}
    by_plain: dict[str, set[str]] = defaultdict(set)
    for c, (plain, _) in readings.items():
        if c in common:
            for r in plain:
                by_plain[r].add(c)
    rhymes = {c: _rhymes(c) for c in universe}
    lines = []
    for c in sorted(universe):
        plain, _ = readings[c]
        same = set().union(*(by_plain[r] for r in plain)) if plain else set()
        same = {d for d in same if d != c}
        near = {d for d in sound.get(c, ()) if d in common} - same
        shp = {d for d in shape.get(c, ()) if d in common}
        # Phono-semantic series (剑/验/检/险): same rhyme and tone plus a shared shape neighbour.
        weak = set()
        for d in common:
            if d == c or d in same or d in near or d in shp:
                continue
            if rhymes[c] & rhymes.get(d, set()) and shape.get(c, set()) & shape.get(d, set()):
                weak.add(d)
        if same or near or shp or weak:
            lines.append(
                "\t".join(
                    [
                        c,
                        "".join(sorted(same)),
                        "".join(sorted(near)),
                        "".join(sorted(shp)),
                        "".join(sorted(weak)),
                    ]
                )
            )
    return lines


def build_lexicon(shared: Path, words: dict[str, int]) -> list[str]:
    """Official-writing words and idioms jieba lacks or ranks too low to keep whole."""
    lex = shared / "lexicons"
    wanted: dict[str, int] = {}
    for line in (lex / "odw_official_writing_words_pinyin.txt").read_text().splitlines():
        w = line.split("\t")[0].strip()
        if 2 <= len(w) <= 12 and all(CJK.match(ch) for ch in w):
            wanted[w] = max(wanted.get(w, 0), 30)
    for line in (lex / "odw_official_writing_vocab_small.txt").read_text().splitlines():
        w = line.strip()
        if 2 <= len(w) <= 12 and all(CJK.match(ch) for ch in w):
            wanted[w] = max(wanted.get(w, 0), 30)
    for line in (lex / "idioms_chengyu_freq.txt").read_text().splitlines():
        parts = line.split()
        if parts and all(CJK.match(ch) for ch in parts[0]):
            f = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
            wanted[parts[0]] = max(wanted.get(parts[0], 0), 30, min(3000, f // 20))
    # every entry is shipped: the checker also uses the list to know which rare words are
    # established official terms (人缘, 执业) rather than broken fragments
    return [f"{w}\t{max(f, words.get(w, 0))}" for w, f in sorted(wanted.items())]


def build_pinyin_index(words: dict[str, int], lexicon_lines: list[str]) -> list[str]:
    merged = dict(words)
    for line in lexicon_lines:
        w, f = line.split("\t")
        merged[w] = max(merged.get(w, 0), int(f))
    index: dict[str, list[str]] = defaultdict(list)
    for w, f in merged.items():
        if 2 <= len(w) <= 4 and f >= MIN_PINYIN_WORD_FREQ and all(CJK.match(ch) for ch in w):
            index[" ".join(lazy_pinyin(w))].append(w)
    return [f"{key}\t{' '.join(sorted(ws))}" for key, ws in sorted(index.items()) if ws]


def build_typo_pairs(shared: Path, words: dict[str, int]) -> list[str]:
    """Word-level wrong→right pairs, keeping only wrong forms that are not common words."""
    lists = shared / "typo_lists"
    pairs: dict[str, tuple[str, str]] = {}
    for line in (lists / "pycorrector_custom_confusion.txt").read_text().splitlines():
        if line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 2 and len(parts[0]) == len(parts[1]) >= 2:
            pairs[parts[0]] = (parts[1], "pycorrector")
    for line in (lists / "ecspell_common_typos_correct-wrong.txt").read_text().splitlines():
        if "-" in line:
            right, wrong = line.strip().split("-", 1)
            pairs[wrong] = (right, "ecspell")
    curated = DATA_DIR / "typo_pairs_curated.tsv"
    legit: dict[str, str] = {}
    for line in curated.read_text().splitlines():
        if line and not line.startswith("#"):
            parts = line.split("\t")
            pairs[parts[0]] = (parts[1], "curated")
            if len(parts) > 2:
                legit[parts[0]] = parts[2]
    # the clean-text check reads official and news-style text only: learner essays and
    # medical chat keep non-standard forms (座落, 做为) their labels never corrected
    official = list(train_sentences(shared, validation=True, files=OFFICIAL_FILES))
    pairs, dropped = prune(pairs, words, official, legit)
    (DATA_DIR / "typo_pairs_dropped.tsv").write_text(
        "# wrong\tright\tsource\twhy it was dropped (generated by build_data.py)\n"
        + "\n".join(dropped)
        + "\n",
        encoding="utf-8",
    )
    print(f"data/typo_pairs_dropped.tsv: {len(dropped)} entries failed the clean-text check")
    out = []
    for wrong, (right, src) in sorted(pairs.items()):
        if not all(CJK.match(ch) for ch in wrong + right) or wrong == right:
            continue
        # A "wrong" form that jieba counts often is a legitimate word (成份, 图象 ...) in
        # running text: keep curated ones only.
        if src != "curated" and words.get(wrong, 0) >= 50:
            continue
        out.append(f"{wrong}\t{right}\t{src}")
    return out


def train_sentences(
    shared: Path, *, validation: bool = False, files: Iterable[str] = TRAIN_FILES
) -> Iterator[str]:
    """The clean side of the training rows (and of the validation rows, which may be tuned
    on but not trained on, when ``validation``)."""
    wanted = ("train", "validation") if validation else ("train",)
    for name in files:
        with open(shared / name, encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                if part_of(name, row["id"]) in wanted:
                    yield row["correct"]


def build_bigrams(shared: Path) -> list[str]:
    """Character bigram counts (>=2) from the correct side of the training files only."""
    counts: Counter[str] = Counter()
    for sent in train_sentences(shared):
        for a, b in pairwise(sent):
            if CJK.match(a) and CJK.match(b):
                counts[a + b] += 1
    return [f"{bg}\t{n}" for bg, n in sorted(counts.items()) if n >= 2]


def _write_gz(name: str, lines: list[str]) -> None:
    path = DATA_DIR / name
    data = ("\n".join(lines) + "\n").encode("utf-8")
    # mtime=0 keeps the gzip header, and so the file, reproducible
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(data)
    print(f"{path.relative_to(DATA_DIR.parent)}: {len(lines)} lines, {os.path.getsize(path)} bytes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args(argv)
    shared: Path = args.shared
    words = _jieba_dict()
    char_freq = _char_freq(words)
    lexicon = build_lexicon(shared, words)
    _write_gz("lexicon.tsv.gz", lexicon)
    _write_gz("confusion.tsv.gz", build_confusion(shared, char_freq))
    _write_gz("pinyin_words.tsv.gz", build_pinyin_index(words, lexicon))
    _write_gz("bigrams.tsv.gz", build_bigrams(shared))
    _write_gz("chars.tsv.gz", [f"{c}\t{f}" for c, f in sorted(char_freq.items()) if f >= 5])
    typo = build_typo_pairs(shared, words)
    (DATA_DIR / "typo_pairs.tsv").write_text(
        "# wrong\tright\tsource (generated by build_data.py; edit typo_pairs_curated.tsv)\n"
        + "\n".join(typo)
        + "\n",
        encoding="utf-8",
    )
    print(f"data/typo_pairs.tsv: {len(typo)} lines")
    total = sum(char_freq.values())
    print(
        f"characters offered as corrections: "
        f"{sum(1 for f in char_freq.values() if f >= MIN_CHAR_FREQ)} "
        f"(log total {math.log(total):.1f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
