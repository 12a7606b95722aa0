"""Fit the typo scorer (small gradient-boosted trees) on candidates from the training files.

Run after ``build_data``::

    .venv/bin/python -m checks.text.training.train_scorer [--shared ../shared/data/csc]

A candidate is a positive example when every character it changes is a labelled error
corrected to exactly that character. Training rows come from ``build_data.TRAIN_FILES``
(the held-back parts of the odw and People's-Daily files, the People's-Daily validation
part, and the law file are never read). Writes
``data/typo_scorer.json``.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
from collections import Counter
from itertools import pairwise
from pathlib import Path

from checks.text import boosting, resources, typos
from checks.text.training.build_data import DATA_DIR, DEFAULT_SHARED, TRAIN_FILES
from checks.text.training.splits import part_of

# gain gate while collecting training candidates (run time uses typos.MIN_GAIN)
TRAIN_MIN_GAIN = 1.0
# share of negative candidates kept for the trees (all positives are kept)
NEGATIVE_SAMPLE = 0.5
# synthetic slips (one per training sentence) count this much relative to real ones
SYNTHETIC_WEIGHT = 0.5
# Negative candidates from clean news-style text count this much more: precision on
# correct official prose is what the scorer must learn first (chosen on the People's-Daily
# validation part, which is not trained on).
NEGATIVE_FILE_WEIGHT = {"people_daily_synthetic_dev.jsonl": 1.0}
# odw is the target domain: its rows count more than learner essays and medical chat.
FILE_WEIGHT = {
    "ecspell_odw_train.filtered.jsonl": 3.0,
    "ecspell_med_train.filtered.jsonl": 1.0,
    "sighan15_train.jsonl": 0.5,
    "people_daily_synthetic_dev.jsonl": 1.0,
}


def _synthesise(sentence: str, rng: random.Random, checker) -> tuple[str, list[list]]:
    """Replace one character of a dictionary word by a confusable one (any channel).

    Real labelled errors are few and mostly same-pinyin; synthetic ones teach the scorer
    what a shape or same-series slip looks like.
    """
    conf = resources.confusion()
    tokens = [(w, s) for w, s in checker.tokens(sentence) if len(w) >= 2]
    if not tokens:
        return sentence, []
    word, start = rng.choice(tokens)
    k = rng.randrange(len(word))
    ch = word[k]
    groups = conf.by_char.get(ch)
    if not groups:
        return sentence, []
    # channel mix roughly as in real slips: mostly same pinyin, then shape, near, series
    cat = rng.choices(range(4), weights=(5, 1, 2, 1))[0]
    pool = groups[cat]
    if not pool:
        return sentence, []
    d = rng.choice(pool)
    pos = start + k
    return sentence[:pos] + d + sentence[pos + 1 :], [[pos, d, ch]]


def collect(shared: Path, limit_per_file: int | None = None):
    """Candidates with features and labels; the run-time gain gates are widened to
    ``TRAIN_MIN_GAIN`` meanwhile, so the scorer also learns from the many weak candidates
    it must reject."""
    saved = dict(typos.MIN_GAIN)
    typos.MIN_GAIN.update({cat: min(gain, TRAIN_MIN_GAIN) for cat, gain in saved.items()})
    try:
        return _collect(shared, limit_per_file)
    finally:
        typos.MIN_GAIN.update(saved)


def _collect(shared: Path, limit_per_file: int | None):
    from checks.text.checker import TextChecker

    checker = TextChecker()
    rng = random.Random(13)
    data = []
    for name in TRAIN_FILES:
        with open(shared / name, encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh]
        rows = [r for r in rows if part_of(name, r["id"]) == "train"]
        if limit_per_file:
            rows = rows[:limit_per_file]
        w = FILE_WEIGHT[name]
        synthetic = [_synthesise(r["correct"], rng, checker) for r in rows]
        pairs = [(r["text"], r["errors"], w, r["correct"]) for r in rows]
        pairs += [(r["correct"], [], w, r["correct"]) for r in rows]
        pairs += [
            (t, e, w * SYNTHETIC_WEIGHT, r["correct"])
            for (t, e), r in zip(synthetic, rows, strict=True)
            if e
        ]
        for text, errors, weight, source in pairs:
            # the bigram table was built from these very sentences: leave this one out
            checker._typos.excluded_bigrams = _own_bigrams(source)
            gold = {int(e[0]): e[2] for e in errors}
            for cand in checker.typo_candidates(text):
                if cand.source == "list":
                    continue  # listed typos have a fixed confidence
                ok = all(
                    gold.get(cand.start + k) == ch
                    for k, ch in enumerate(cand.replacement)
                    if ch != text[cand.start + k]
                )
                data.append((cand.features, 1.0 if ok else 0.0, weight, name))
    checker._typos.excluded_bigrams = {}
    return data


def _own_bigrams(sentence: str) -> dict[str, int]:
    own: Counter[str] = Counter()
    for a, b in pairwise(sentence):
        own[a + b] += 1
    return own


def fit_trees(data, seed: int = 0) -> dict:
    """Boosted trees on the candidates; negatives are subsampled (and up-weighted) to keep
    pure-Python training to a few minutes."""
    rng = random.Random(seed)
    keys = sorted({k for feats, *_ in data for k in feats})
    xs, ys, ws = [], [], []
    for feats, y, w, name in data:
        if not y:
            if rng.random() > NEGATIVE_SAMPLE:
                continue
            w = w / NEGATIVE_SAMPLE * NEGATIVE_FILE_WEIGHT.get(name, 1.0)
        xs.append([feats.get(k, 0.0) for k in keys])
        ys.append(y)
        ws.append(w)
    base, trees = boosting.fit(xs, ys, ws)
    return {"features": keys, "base": base, "trees": trees}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="pickle of collected candidates (reused when it exists)",
    )
    parser.add_argument(
        "--news-negative-weight",
        type=float,
        default=None,
        help="override NEGATIVE_FILE_WEIGHT for the People's-Daily rows (experiments)",
    )
    args = parser.parse_args(argv)
    if args.cache and args.cache.exists():
        data = pickle.loads(args.cache.read_bytes())
    else:
        data = collect(args.shared, args.limit)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(data))
    print(f"{len(data)} candidates, {sum(1 for _, y, *_ in data if y)} positive")
    if args.news_negative_weight is not None:
        NEGATIVE_FILE_WEIGHT["people_daily_synthetic_dev.jsonl"] = args.news_negative_weight
    model = fit_trees(data)
    model["kind"] = "trees"
    out = DATA_DIR / "typo_scorer.json"
    out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
