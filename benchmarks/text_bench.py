"""Score the text checker on labelled sentence pairs, and time `govwatch check-text`.

Usage::

    .venv/bin/python benchmarks/text_bench.py [SET.jsonl ...] [--part heldout|validation|
        train|tune] [--min-confidence 0.5] [--limit N] [--show-fp N] [--show-fn N]
        [--process] [--shared DIR]

Without SET files it runs the standard suite from ``../shared/data/csc`` (every set, each
split set once per part) and the whole-process timing. Each line of SET.jsonl is
``{"id", "text", "correct", "errors": [[i, wrong, right], ...]}``. Punctuation issues are
left out of the scoring. Printed per set:

* hit-P/R/F1 (sentence level): a sentence with errors is *hit* when some flag covers one
  of its error characters; a sentence whose flags cover no error character is a false
  positive (whether or not it has errors);
* strict accuracy: share of sentences whose set of flagged characters equals the set of
  error characters (a clean sentence with no flag counts as right);
* false flags per 10,000 characters, counted on the ``correct`` side of every pair;
* throughput of ``TextChecker.check`` next to raw ``jieba.lcut`` on the same texts in the
  same run;
* which part of the set was measured and what was done with it during development
  (``checks.text.training.splits``): ``heldout`` rows were never built, trained or tuned
  on; ``validation`` rows (People's Daily) were not trained on but the guards and
  thresholds were chosen there; ``train`` rows fed the shipped statistics and the scorer.

``--process`` (and the standard suite) also runs ``govwatch check-text`` as a separate
process on the news-style set (both sides, one sentence a line) and prints its wall-clock
throughput as a ratio to ``jieba.lcut`` over the same lines in this process, and to a
separate process that imports jieba and cuts the same lines; and the start-up time of
``check-text`` on one line with a warm cache. Ratios are against baselines measured in the
same run; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import jieba  # noqa: E402

from checks.text import TextChecker, TextIssue  # noqa: E402
from checks.text.training.splits import has_split, part_of  # noqa: E402

ROUNDS = 2
DEFAULT_SHARED = ROOT.parent / "shared" / "data" / "csc"
if not DEFAULT_SHARED.exists():
    DEFAULT_SHARED = ROOT.parents[1] / "shared" / "data" / "csc"
# (file, part) of the standard suite, in the order of the README table
STANDARD = (
    ("ecspell_odw_train.filtered.jsonl", "heldout"),
    ("ecspell_odw_train.filtered.jsonl", "train"),
    ("people_daily_synthetic_dev.jsonl", "heldout"),
    ("people_daily_synthetic_dev.jsonl", "validation"),
    ("people_daily_synthetic_dev.jsonl", "train"),
    ("ecspell_law_train.filtered.jsonl", None),
    ("ecspell_med_train.filtered.jsonl", None),
    ("sighan15_train.jsonl", None),
)
ROLES = {
    "heldout": "never built, trained or tuned on",
    "validation": "not trained on; guards and thresholds chosen here",
    "train": "built and trained on",
    None: "",
}
SET_ROLES = {
    "ecspell_law": "never built or trained on; its false flags were inspected",
    "ecspell_med": "training data",
    "sighan15": "training data (learner essays)",
}


def load(path: Path, part: str | None, limit: int | None) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    if part and has_split(path.name):
        wanted = "train" if part == "tune" else part
        rows = [r for r in rows if part_of(path.name, str(r.get("id", ""))) == wanted]
    return rows[:limit] if limit else rows


def role(path: Path, part: str | None) -> str:
    if has_split(path.name):
        return ROLES["train" if part == "tune" else part] if part else "all parts"
    return next((v for k, v in SET_ROLES.items() if path.name.startswith(k)), "")


def flagged_chars(issues: Iterable[TextIssue]) -> set[int]:
    out: set[int] = set()
    for issue in issues:
        if issue.kind == "punctuation":
            continue
        out.update(range(issue.start, max(issue.end, issue.start + 1)))
    return out


def _show(label: str, row: dict[str, Any], issues: list[TextIssue]) -> None:
    kept = [
        (i.found, i.suggestion, i.rule, i.confidence) for i in issues if i.kind != "punctuation"
    ]
    print(f"  {label}:", row["text"], kept if label == "FP" else row["errors"])


def score(
    checker: TextChecker, rows: list[dict[str, Any]], show_fp: int, show_fn: int
) -> dict[str, Any]:
    tp = fp = fn = strict = n_err = 0
    texts = [r["text"] for r in rows]
    for row, text in zip(rows, texts, strict=True):
        issues = checker.check(text)
        errs = {int(e[0]) for e in row["errors"]}
        flags = flagged_chars(issues)
        n_err += bool(errs)
        hit = bool(flags & errs)
        if hit:
            tp += 1
        elif flags:
            fp += 1
            if show_fp > 0:
                show_fp -= 1
                _show("FP", row, issues)
        if errs and not hit:
            fn += 1
            if show_fn > 0:
                show_fn -= 1
                _show("FN", row, issues)
        strict += flags == errs
    clean_chars = sum(len(r["correct"]) for r in rows)
    false_flags = sum(
        1 for r in rows for i in checker.check(r["correct"]) if i.kind != "punctuation"
    )
    every = texts + [r["correct"] for r in rows]
    t_check, t_jieba = timed(checker, every)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / n_err if n_err else 0.0
    all_chars = sum(map(len, every))
    return {
        "sentences": len(rows),
        "with_errors": n_err,
        "hit_p": p,
        "hit_r": r,
        "hit_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "strict_acc": strict / len(rows) if rows else 0.0,
        "false_flags_per_10k": false_flags / clean_chars * 10000 if clean_chars else 0.0,
        "false_flags": false_flags,
        "clean_chars": clean_chars,
        "chars_per_s": all_chars / t_check if t_check else 0.0,
        "jieba_chars_per_s": all_chars / t_jieba if t_jieba else 0.0,
    }


def timed(checker: TextChecker, texts: list[str]) -> tuple[float, float]:
    """Best of ROUNDS for the checker and for jieba.lcut on the same texts, alternating,
    so that a busy machine does not favour either side."""
    t_check = t_jieba = float("inf")
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        for t in texts:
            checker.check(t)
        t_check = min(t_check, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for t in texts:
            jieba.lcut(t)
        t_jieba = min(t_jieba, time.perf_counter() - t0)
    return t_check, t_jieba


JIEBA_PROCESS = (
    "import sys, jieba; jieba.setLogLevel(60)\n"
    "for line in open(sys.argv[1], encoding='utf-8'): jieba.lcut(line.rstrip('\\n'))\n"
)


def _wall(command: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def process_timing(lines: list[str]) -> dict[str, float]:
    """`govwatch check-text` as a whole process against jieba on the same lines."""
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "text.txt"
        big.write_text("\n".join(lines) + "\n", encoding="utf-8")
        one = Path(tmp) / "one.txt"
        one.write_text(lines[0] + "\n", encoding="utf-8")
        check = [sys.executable, "-m", "govwatch", "check-text", "--format", "jsonl"]
        env_cwd = str(ROOT)
        os.chdir(env_cwd)
        _wall([*check, str(one)])  # warm the disk cache
        startup = min(_wall([*check, str(one)]) for _ in range(ROUNDS))
        t_process = min(_wall([*check, str(big)]) for _ in range(ROUNDS))
        t_jieba_process = min(
            _wall([sys.executable, "-c", JIEBA_PROCESS, str(big)]) for _ in range(ROUNDS)
        )
        t_lcut = float("inf")
        for _ in range(ROUNDS):
            t0 = time.perf_counter()
            for line in lines:
                jieba.lcut(line)
            t_lcut = min(t_lcut, time.perf_counter() - t0)
    chars = sum(map(len, lines))
    return {
        "chars": chars,
        "startup_s": startup,
        "check_text_s": t_process,
        "jieba_process_s": t_jieba_process,
        "lcut_s": t_lcut,
        "ratio_to_lcut": t_lcut / t_process,
        "ratio_to_jieba_process": t_jieba_process / t_process,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path)
    parser.add_argument("--part", choices=("tune", "train", "validation", "heldout"))
    parser.add_argument("--min-confidence", type=float, default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--show-fp", type=int, default=0)
    parser.add_argument("--show-fn", type=int, default=0)
    parser.add_argument("--process", action="store_true", help="time check-text as a process")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--json", action="store_true", help="print one JSON object per set")
    args = parser.parse_args(argv)
    kwargs = {} if args.min_confidence is None else {"min_confidence": args.min_confidence}
    t0 = time.perf_counter()
    checker = TextChecker(**kwargs)
    jieba.initialize()
    print(f"checker built in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    runs = [(p, args.part) for p in args.sets]
    if not runs:
        runs = [(args.shared / name, part) for name, part in STANDARD]
        args.process = True
    for path, part in runs:
        rows = load(path, part, args.limit)
        res = score(checker, rows, args.show_fp, args.show_fn)
        name = path.name + (f" [{part}]" if part and has_split(path.name) else "")
        if args.json:
            print(json.dumps({"set": name, "role": role(path, part), **res}, ensure_ascii=False))
            continue
        print(
            f"{name} ({role(path, part)}): n={res['sentences']} err={res['with_errors']} "
            f"hit-P={res['hit_p']:.3f} hit-R={res['hit_r']:.3f} hit-F1={res['hit_f1']:.3f} "
            f"strict-acc={res['strict_acc']:.3f} "
            f"false-flags/10k={res['false_flags_per_10k']:.2f} "
            f"({res['false_flags']} in {res['clean_chars']} chars) "
            f"check={res['chars_per_s']:.0f} chars/s "
            f"vs jieba.lcut {res['jieba_chars_per_s']:.0f} chars/s "
            f"({res['chars_per_s'] / res['jieba_chars_per_s']:.2f}x)"
        )
    if args.process:
        news = load(args.shared / "people_daily_synthetic_dev.jsonl", None, args.limit)
        res = process_timing([r[side] for r in news for side in ("text", "correct")])
        if args.json:
            print(json.dumps({"process": res}))
        else:
            print(
                f"govwatch check-text as a process, {res['chars']} chars of news-style text "
                f"(People's Daily, both sides, one sentence a line): {res['check_text_s']:.2f}s; "
                f"jieba.lcut in this process {res['lcut_s']:.2f}s "
                f"({res['ratio_to_lcut']:.2f}x); a jieba process {res['jieba_process_s']:.2f}s "
                f"({res['ratio_to_jieba_process']:.2f}x); start-up on one line "
                f"(warm cache) {res['startup_s']:.2f}s"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
