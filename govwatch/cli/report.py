"""`govwatch report` (the quarterly 通报) and `govwatch export` (the quarter in Excel), both
read-only."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from core.config import load_config, resolve_db_url
from core.periods import now
from govwatch.cli.app import app
from govwatch.cli.common import (
    DEFAULT_CONFIG,
    AsOfOpt,
    ConfigOpt,
    DbOpt,
    QuarterOpt,
    UsageProblem,
    err,
    parse_as_of,
    parse_quarter,
    user_errors,
)

FORMATS = ("docx", "md", "html", "json")
Output = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")]


def _write(data: bytes, output: Path | None, binary: bool) -> None:
    if output is None:
        if binary and sys.stdout.isatty():
            raise UsageProblem("this format writes a file: add -o FILE")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    output.write_bytes(data)
    err.print(f"written to {output}")


@app.command()
def report(
    quarter: QuarterOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="docx, md, html or json.")] = "docx",
    output: Output = None,
    issued: Annotated[
        str | None, typer.Option("--date", help="成文日期 (YYYY-MM-DD); default: today.")
    ] = None,
    config: ConfigOpt = DEFAULT_CONFIG,
    db: DbOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """The quarterly 通报: every figure of 一 from the database, 二 drafted from findings."""
    from core.jsonable import dumps
    from govwatch.jobs.report import read_report

    with user_errors():
        if fmt not in FORMATS:
            raise UsageProblem(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
        moment = parse_as_of(as_of)
        try:
            day = date.fromisoformat(issued) if issued else now().date()
        except ValueError:
            raise UsageProblem(f"--date {issued!r}: expected a date like 2025-07-18") from None
        cfg = load_config(config)
        made = read_report(cfg, config, resolve_db_url(db), parse_quarter(quarter, moment),
                           moment, day)  # fmt: skip
        if fmt == "docx":
            from alerts.render.docx import render_docx

            _write(render_docx(made), output, binary=True)
        elif fmt == "json":
            _write((dumps(made.figures) + "\n").encode("utf-8"), output, binary=False)
        elif fmt == "html":
            from alerts.render.report_html import render_report_html

            _write(render_report_html(made).encode("utf-8"), output, binary=False)
        else:
            from alerts.render.report_md import render_report_md

            _write(render_report_md(made).encode("utf-8"), output, binary=False)
        for text in made.placeholders:
            err.print(f"[yellow]缺少数据：[/yellow]{text}", markup=True)


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="The .xlsx file to write.")],
    quarter: QuarterOpt = None,
    config: ConfigOpt = DEFAULT_CONFIG,
    db: DbOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """The quarter in Excel: units × months, columns, findings, accounts, 留言, 12345."""
    from govwatch.jobs.report import read_export

    with user_errors():
        if output.suffix.lower() != ".xlsx":
            raise UsageProblem(f"-o {output}: the export is an .xlsx file")
        moment = parse_as_of(as_of)
        cfg = load_config(config)
        data = read_export(cfg, resolve_db_url(db), parse_quarter(quarter, moment), moment)
        _write(data, output, binary=True)
