"""``python -m checks.text [FILE|-] [--format text|json|jsonl]``: the checker without the
govwatch CLI (for development; ``govwatch check-text`` calls the same ``cli.main``)."""

from __future__ import annotations

import argparse

from checks.text.cli import FORMATS, main


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m checks.text",
        description="检查文本中的错字、多字、漏字、严重表述错误和标点问题",
    )
    parser.add_argument(
        "source", nargs="?", default=None, help="要检查的文件；省略或 - 表示标准输入"
    )
    parser.add_argument("--format", dest="fmt", choices=FORMATS, default="text")
    parser.add_argument(
        "--extra-word", action="append", default=[], help="本地词语（单位、地名、人名），可重复"
    )
    parser.add_argument("--ignore", action="append", default=[], help="不报告的字符串，可重复")
    parser.add_argument("--min-confidence", type=float, default=None)
    args = parser.parse_args(argv)
    return main(
        args.source, args.fmt, args.extra_word, args.ignore, min_confidence=args.min_confidence
    )


if __name__ == "__main__":
    raise SystemExit(run())
