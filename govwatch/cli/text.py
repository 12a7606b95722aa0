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

from core.config import Config, load_config, resolve_db_url
from govwatch.cli.app import app
from govwatch.cli.common import (
    DEFAULT_CONFIG,
    ConfigOpt,
    DbOpt,
    JsonOpt,
    UsageProblem,
    read_file,
    user_errors,
)

if TYPE_CHECKING:  # the checker loads jieba and pypinyin: only for check-text itself
    from checks.text import TextChecker, TextIssue
    from checks.text.lexicon import SiteLexicon

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
    lines = [head, "    " + shown, "    " + underline(shown, a, b)]
    if issue.evidence:
        lines.append(f"    依据（{issue.rule_label}）：{issue.evidence}")
    return "\n".join(lines)


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
    db: Annotated[
        str | None,
        typer.Option("--db", help="Also apply the site lexicon stored there (needs --config)."),
    ] = None,
) -> None:
    """Check Chinese text for 错字, 多字, 漏字, 严重表述错误 and punctuation.

    Exit code 0: no issues; 1: issues found; 2: the input could not be read.
    """
    checker = None
    with user_errors():
        if fmt not in FORMATS:
            raise UsageProblem(f"--format {fmt!r}: choose text, json or jsonl")
        if db is not None and config is None:
            raise UsageProblem("--db: the site lexicon belongs to a county, give --config too")
        if config is not None:
            from checks.text_issues import build_checker

            cfg = load_config(config)
            lexicon = read_site_lexicon(cfg, db) if db is not None else None
            checker = build_checker(cfg, lexicon=lexicon)
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
        checked = checker.checked_length(line)
        if checked < len(line):
            print(
                f"note: line {n}: only the first {checked} of {len(line)} characters were checked",
                file=err,
            )
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


@app.command("lexicon")
def lexicon(
    config: ConfigOpt = DEFAULT_CONFIG,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    all_terms: Annotated[
        bool, typer.Option("--all", help="Also list terms seen often but not yet learned.")
    ] = False,
) -> None:
    """The site lexicon: the county's own words learned from its stored articles.

    Read-only. A learned word is never flagged by the statistical typo rules; listed typos
    and fixed phrases are still checked.
    """
    with user_errors():
        cfg = load_config(config)
        rows = read_lexicon(cfg, resolve_db_url(db), learned_only=not all_terms)
    if as_json:
        payload = {"terms": rows, "count": len(rows)}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        return
    print_lexicon(rows, all_terms, sys.stdout)


def read_site_lexicon(config: Config, db_url: str) -> SiteLexicon:
    """The county's learned lexicon from the database (empty before the first run)."""
    from sqlalchemy import select

    from checks.text.lexicon import SiteLexicon
    from checks.text.stored_lexicon import load_lexicon
    from storage.db import make_engine, require_current, session_factory
    from storage.models import Site

    require_current(db_url)
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            site_id = session.scalar(
                select(Site.id).where(Site.start_url == config.portal.start_url)
            )
            return load_lexicon(session, site_id) if site_id is not None else SiteLexicon()
    finally:
        engine.dispose()


def read_lexicon(config: Config, db_url: str, *, learned_only: bool) -> list[dict[str, object]]:
    """The stored site lexicon as plain rows; nothing is written."""
    from sqlalchemy import select

    from checks.text.stored_lexicon import site_terms
    from storage.db import make_engine, require_current, session_factory
    from storage.models import Site

    require_current(db_url)
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            site_id = session.scalar(
                select(Site.id).where(Site.start_url == config.portal.start_url)
            )
            if site_id is None:
                return []
            return [
                {
                    "term": t.term,
                    "learned": t.learned,
                    "articles": t.articles,
                    "units": t.units,
                    "months": t.months,
                    "sentences": t.contexts,
                    "first_seen": t.first_seen.date().isoformat() if t.first_seen else None,
                }
                for t in site_terms(session, site_id, learned_only=learned_only)
            ]
    finally:
        engine.dispose()


def print_lexicon(rows: list[dict[str, object]], all_terms: bool, stream: TextIO) -> None:
    if not rows:
        stream.write("本站词库为空：还没有在多个单位或多个月份的文章中反复出现的本地用语。\n")
        return
    stream.write("本站词库（在多篇文章中反复出现、按本地用语对待、不再按错字提示的词语）：\n")
    header = ("词语", "文章数", "单位数", "月份数", "首次出现") + (("状态",) if all_terms else ())
    table = [header]
    for row in rows:
        cells = (
            str(row["term"]),
            str(row["articles"]),
            str(row["units"]),
            str(row["months"]),
            str(row["first_seen"] or "—"),
        )
        if all_terms:
            cells += ("已学习" if row["learned"] else "待观察",)
        table.append(cells)
    widths = [max(display_width(r[k]) for r in table) for k in range(len(header))]
    for r in table:
        padded = [c + " " * (w - display_width(c)) for c, w in zip(r, widths, strict=True)]
        stream.write("  " + "  ".join(padded).rstrip() + "\n")
