"""`govwatch digest`: what staff read each morning, from the database (read-only)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from core.config import load_config, resolve_db_url
from core.jsonable import dumps
from govwatch.cli.app import app
from govwatch.cli.common import (
    DEFAULT_CONFIG,
    AsOfOpt,
    ConfigOpt,
    DbOpt,
    UsageProblem,
    err,
    parse_as_of,
    user_errors,
)

FORMATS = ("text", "html", "json")


@app.command()
def digest(
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, html or json.")] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    config: ConfigOpt = DEFAULT_CONFIG,
    db: DbOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """The morning digest: new findings, open ones by unit, corrected, 19号 verdict, 采集失败."""
    from alerts.render.digest_html import render_digest_html
    from alerts.render.digest_text import render_digest_text
    from govwatch.jobs.digest import read_digest

    with user_errors():
        if fmt not in FORMATS:
            raise UsageProblem(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
        cfg = load_config(config)
        data = read_digest(cfg, resolve_db_url(db), parse_as_of(as_of) if as_of else None)
        if fmt == "json":
            text = dumps(data) + "\n"
        elif fmt == "html":
            text = render_digest_html(data)
        else:
            text = render_digest_text(data)
        if output is None:
            print(text, end="")
            return
        output.write_text(text, encoding="utf-8")
    err.print(f"digest written to {output}")
