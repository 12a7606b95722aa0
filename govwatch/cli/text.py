"""`govwatch check-text [FILE|-] [--format text|json|jsonl]`: the text checker on any text.

The input is checked line by line; offsets in the output are relative to the line.
Exit codes: 0 no issues, 1 issues found, 2 the input could not be read.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from govwatch.cli.app import app
from govwatch.cli.common import UsageProblem, read_file, user_errors

if TYPE_CHECKING:  # the checker loads jieba and pypinyin: only for check-text itself
    from checks.text import TextChecker, TextIssue

FORMATS = ("text", "json", "jsonl")
EXIT_CLEAN, EXIT_ISSUES, EXIT_UNREADABLE = 0, 1, 2


def read_source(source: str | None, stdin: TextIO | None = None) -> str:
    """The text to check, from a file or stdin; unreadable input is a UsageProblem."""
    if source in (None, "-"):
        stream = stdin if stdin is not None else sys.stdin
        raw = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
        name = "stdin"
    else:
        raw, name = read_file(source), source
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageProblem(
            f"{name}: not UTF-8 text (byte {exc.start + 1} cannot be decoded)"
        ) from None


def split_lines(text: str) -> list[str]:
    """Input lines without their line breaks; a final line break does not add a line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [ln[:-1] if ln.endswith("\r") else ln for ln in lines]


def display_width(s: str) -> int:
    """Terminal columns: East Asian wide/full-width characters take two."""
    width = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def underline(sentence: str, start: int, end: int) -> str:
    """Spaces up to ``start`` and carets under ``sentence[start:end]`` (at least one)."""
    pad = display_width(sentence[:start].replace("\t", " "))
    marks = max(1, display_width(sentence[start:end]))
    return " " * pad + "^" * marks


def format_text(line_no: int, line: str, issue: TextIssue) -> str:
    from checks.text import KIND_LABELS, sentence_of

    sentence, offset = sentence_of(line, issue.start, issue.end)
    shown = sentence.replace("\t", " ")
    a = issue.start - offset
    b = min(issue.end, offset + len(sentence)) - offset
    if issue.suggestion:
        change = f"“{issue.found}” → “{issue.suggestion}”"
    elif issue.kind == "extra_char":
        change = f"“{issue.found}” 多余，建议删除"
    else:
        change = f"“{issue.found}”"
    head = (
        f"第 {line_no} 行 第 {issue.start + 1} 字 [{KIND_LABELS[issue.kind]}] {change}"
        f"（规则 {issue.rule}，置信度 {issue.confidence:.2f}）"
    )
    return "\n".join([head, "    " + shown, "    " + underline(shown, a, b)])


@app.command("check-text")
def check_text(
    source: Annotated[str, typer.Argument(help="A UTF-8 text file, or - for stdin.")] = "-",
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="text | json | jsonl (one result per line).")
    ] = "text",
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="Add the county's units, places, leaders, whitelist."),
    ] = None,
    extra_word: Annotated[
        list[str] | None,
        typer.Option("--extra-word", help="A local word (unit, place, person); repeatable."),
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="A string never reported; repeatable.")
    ] = None,
    min_confidence: Annotated[
        float | None, typer.Option("--min-confidence", help="Report issues at least this sure.")
    ] = None,
) -> None:
    """Check Chinese text for 错字, 多字, 漏字, 严重表述错误 and punctuation.

    Exit code 0: no issues; 1: issues found; 2: the input could not be read.
    """
    checker = None
    with user_errors():
        if fmt not in FORMATS:
            raise UsageProblem(f"--format {fmt!r}: choose text, json or jsonl")
        if config is not None:
            from checks.text_issues import build_checker
            from core.config import load_config

            checker = build_checker(load_config(config))
    code = check_lines(
        source,
        fmt,
        extra_word or (),
        ignore or (),
        checker=checker,
        min_confidence=min_confidence,
    )
    raise typer.Exit(code)


def check_lines(
    source: str | None,
    fmt: str = "text",
    extra_words: Iterable[str] = (),
    ignore: Iterable[str] = (),
    *,
    checker: TextChecker | None = None,
    min_confidence: float | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    if fmt not in FORMATS:
        print(f"error: --format {fmt!r}: choose one of {', '.join(FORMATS)}", file=err)
        return EXIT_UNREADABLE
    try:
        text = read_source(source, stdin)
    except UsageProblem as exc:
        print(f"error: {exc}", file=err)
        return EXIT_UNREADABLE
    if checker is None:
        kwargs = {} if min_confidence is None else {"min_confidence": min_confidence}
        from checks.text import TextChecker

        checker = TextChecker(extra_words=extra_words, ignore=ignore, **kwargs)
        extra_words, ignore = (), ()
    extra_words, ignore = tuple(extra_words), tuple(ignore)
    total = 0
    collected: list[dict[str, object]] = []
    for n, line in enumerate(split_lines(text), start=1):
        issues = checker.check(line, extra_words=extra_words, ignore=ignore) if line else []
        total += len(issues)
        if fmt == "jsonl":
            out.write(
                json.dumps({"line": n, "issues": [i.to_dict() for i in issues]}, ensure_ascii=False)
                + "\n"
            )
        elif fmt == "json":
            for issue in issues:
                from checks.text import sentence_of

                sentence, offset = sentence_of(line, issue.start, issue.end)
                collected.append(
                    {"line": n, **issue.to_dict(), "sentence": sentence, "sentence_offset": offset}
                )
        else:
            for issue in issues:
                out.write(format_text(n, line, issue) + "\n")
    if fmt == "json":
        out.write(
            json.dumps({"issues": collected, "count": total}, ensure_ascii=False, indent=1) + "\n"
        )
    elif fmt == "text":
        out.write(f"共发现 {total} 处问题。\n" if total else "未发现问题。\n")
    return EXIT_ISSUES if total else EXIT_CLEAN
