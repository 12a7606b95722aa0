"""Score the text checker on labelled sentence pairs.

Usage::

    .venv/bin/python benchmarks/text_bench.py SET.jsonl [SET2.jsonl ...] [--part tune|heldout]
        [--min-confidence 0.5] [--limit N] [--show-fp N] [--show-fn N]

Each line of SET.jsonl is ``{"text", "correct", "errors": [[i, wrong, right], ...]}``.
Punctuation issues are left out of the scoring. Printed per file:

* hit-P/R/F1 (sentence level): a sentence with errors is *hit* when some flag covers one
  of its error characters; a sentence whose flags cover no error character is a false
  positive (whether or not it has errors);
* strict accuracy: share of sentences whose set of flagged characters equals the set of
  error characters (a clean sentence with no flag counts as right);
* false flags per 10,000 characters, counted on the ``correct`` side of every pair;
* throughput of ``TextChecker.check`` in characters/s next to raw ``jieba.lcut`` on the
  same texts in the same run.

``--part`` applies to ecspell_odw files only: ``heldout`` keeps the third of the rows the
checker was never built or tuned on (``checks.text.training.splits``), ``tune`` the rest.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import jieba

from checks.text import TextChecker
from checks.text.training.splits import is_heldout_odw

ROUNDS = 2


def load(path: Path, part: str | None, limit: int | None) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    if part and "odw" in path.name:
        want = part == "heldout"
        rows = [r for r in rows if is_heldout_odw(str(r.get("id", ""))) == want]
    return rows[:limit] if limit else rows


def flagged_chars(issues) -> set[int]:
    out: set[int] = set()
    for issue in issues:
        if issue.kind == "punctuation":
            continue
        out.update(range(issue.start, max(issue.end, issue.start + 1)))
    return out


def score(checker: TextChecker, rows: list[dict], show_fp: int, show_fn: int) -> dict:
    tp = fp = fn = strict = 0
    n_err = 0
    fp_shown = fn_shown = 0
    texts = [r["text"] for r in rows]
    results = [checker.check(t) for t in texts]
    for row, issues in zip(rows, results, strict=True):
        errs = {int(e[0]) for e in row["errors"]}
        flags = flagged_chars(issues)
        has_err = bool(errs)
        n_err += has_err
        hit = bool(flags & errs)
        if hit:
            tp += 1
        elif flags:
            fp += 1
            if fp_shown < show_fp:
                fp_shown += 1
                print(
                    "  FP:",
                    row["text"],
                    [
                        (i.found, i.suggestion, i.rule, i.confidence)
                        for i in issues
                        if i.kind != "punctuation"
                    ],
                )
        if has_err and not hit:
            fn += 1
            if fn_shown < show_fn:
                fn_shown += 1
                print("  FN:", row["text"], row["errors"])
        strict += flags == errs
    clean_chars = sum(len(r["correct"]) for r in rows)
    clean_results = [checker.check(r["correct"]) for r in rows]
    false_flags = sum(1 for issues in clean_results for i in issues if i.kind != "punctuation")
    every = texts + [r["correct"] for r in rows]
    all_chars = sum(map(len, every))
    # throughput: both timed on the same texts, alternating, best of a few rounds so that a
    # busy machine does not favour either side
    t_check = t_jieba = float("inf")
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        for t in every:
            checker.check(t)
        t_check = min(t_check, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for t in every:
            jieba.lcut(t)
        t_jieba = min(t_jieba, time.perf_counter() - t0)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / n_err if n_err else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "sentences": len(rows),
        "with_errors": n_err,
        "hit_p": p,
        "hit_r": r,
        "hit_f1": f1,
        "strict_acc": strict / len(rows) if rows else 0.0,
        "false_flags_per_10k": false_flags / clean_chars * 10000 if clean_chars else 0.0,
        "false_flags": false_flags,
        "clean_chars": clean_chars,
        "chars_per_s": all_chars / t_check if t_check else 0.0,
        "jieba_chars_per_s": all_chars / t_jieba if t_jieba else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--part", choices=("tune", "heldout"), default=None)
    parser.add_argument("--min-confidence", type=float, default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--show-fp", type=int, default=0)
    parser.add_argument("--show-fn", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print one JSON object per set")
    args = parser.parse_args(argv)
    kwargs = {} if args.min_confidence is None else {"min_confidence": args.min_confidence}
    t0 = time.perf_counter()
    checker = TextChecker(**kwargs)
    jieba.initialize()
    print(f"checker built in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    for path in args.sets:
        rows = load(path, args.part, args.limit)
        res = score(checker, rows, args.show_fp, args.show_fn)
        name = path.name + (f" [{args.part}]" if args.part and "odw" in path.name else "")
        if args.json:
            print(json.dumps({"set": name, **res}, ensure_ascii=False))
            continue
        print(
            f"{name}: n={res['sentences']} err={res['with_errors']} "
            f"hit-P={res['hit_p']:.3f} hit-R={res['hit_r']:.3f} hit-F1={res['hit_f1']:.3f} "
            f"strict-acc={res['strict_acc']:.3f} "
            f"false-flags/10k={res['false_flags_per_10k']:.2f} "
            f"({res['false_flags']} in {res['clean_chars']} chars) "
            f"throughput={res['chars_per_s']:.0f} chars/s "
            f"vs jieba.lcut {res['jieba_chars_per_s']:.0f} chars/s "
            f"({res['chars_per_s'] / res['jieba_chars_per_s']:.2f}x)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
