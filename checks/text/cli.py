"""``govwatch check-text [FILE|-] [--format text|json|jsonl]`` (the lead registers ``main``).

The input is checked line by line; offsets in the output are relative to the line.
Exit codes: 0 no issues, 1 issues found, 2 the input could not be read.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from checks.text.checker import TextChecker
from checks.text.issue import KIND_LABELS, TextIssue
from checks.text.sentences import sentence_of

FORMATS = ("text", "json", "jsonl")
EXIT_CLEAN, EXIT_ISSUES, EXIT_UNREADABLE = 0, 1, 2


class InputError(Exception):
    """The input could not be read; the message names the file and is shown as is."""


def read_source(source: str | None, stdin: TextIO | None = None) -> str:
    if source in (None, "-"):
        stream = stdin if stdin is not None else sys.stdin
        raw = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
        name = "标准输入"
    else:
        path = Path(source)
        name = str(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise InputError(f"错误：文件不存在：{name}") from None
        except IsADirectoryError:
            raise InputError(f"错误：这是一个目录，不是文件：{name}") from None
        except PermissionError:
            raise InputError(f"错误：没有权限读取文件：{name}") from None
        except OSError as exc:
            raise InputError(f"错误：无法读取文件 {name}：{exc.strerror or exc}") from None
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"错误：{name} 不是 UTF-8 编码的文本（第 {exc.start + 1} 个字节无法解码）"
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


def main(
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
        print(f"错误：不支持的输出格式 {fmt!r}（可选：{'、'.join(FORMATS)}）", file=err)
        return EXIT_UNREADABLE
    try:
        text = read_source(source, stdin)
    except InputError as exc:
        print(str(exc), file=err)
        return EXIT_UNREADABLE
    if checker is None:
        kwargs = {} if min_confidence is None else {"min_confidence": min_confidence}
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
