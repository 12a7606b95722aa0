"""The portal commands: `govwatch run` (the nightly job), `stats` (read-only) and `extract`."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from core.config import Config, load_config, resolve_db_url
from core.jsonable import dumps, jsonable
from core.periods import Quarter
from govwatch.cli.app import app
from govwatch.cli.common import (
    DEFAULT_CONFIG,
    AsOfOpt,
    ConfigOpt,
    DbOpt,
    JsonOpt,
    QuarterOpt,
    err,
    out,
    parse_as_of,
    parse_quarter,
    read_file,
    user_errors,
)


@app.command()
def run(
    config: ConfigOpt = DEFAULT_CONFIG,
    db: DbOpt = None,
    quarter: QuarterOpt = None,
    as_of: AsOfOpt = None,
    as_json: JsonOpt = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show crawler logs.")] = False,
    full: Annotated[
        bool, typer.Option("--full", help="Read every list page, not only up to known entries.")
    ] = False,
    accept_layout: Annotated[
        list[str] | None,
        typer.Option(
            "--accept-layout",
            metavar="COLUMN",
            help="After a real redesign (模板变化): take this column's list as it reads now.",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Apply a config that deactivates most units or columns."),
    ] = False,
) -> None:
    """The nightly job: crawl the portal, store what changed, run the checks, print figures."""
    from govwatch.jobs.run import run_job

    with user_errors():
        cfg = load_config(config)
        db_url = resolve_db_url(db)
        reference = parse_as_of(as_of)
        period = parse_quarter(quarter, reference)  # before an hour of crawling, not after
        result = run_job(
            config,
            db_url,
            as_of=reference if as_of else None,
            log_level="INFO" if verbose else None,
        )
        print_figures(cfg, db_url, period, reference, as_json)
    if result.exit_code != 0:
        err.print(
            f"[red]the crawl process failed (exit code {result.exit_code}); see its log[/red]"
        )
        raise typer.Exit(1)


@app.command()
def stats(
    config: ConfigOpt = DEFAULT_CONFIG,
    db: DbOpt = None,
    quarter: QuarterOpt = None,
    as_of: AsOfOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Print the quarter's figures from what is stored, without crawling or writing."""
    with user_errors():
        cfg = load_config(config)
        reference = parse_as_of(as_of)
        print_figures(
            cfg, resolve_db_url(db), parse_quarter(quarter, reference), reference, as_json
        )


@app.command()
def extract(
    target: Annotated[str, typer.Argument(help="A saved page (file) or an http(s) URL.")],
    url: Annotated[
        str | None, typer.Option("--url", help="The page's original URL (for a saved file).")
    ] = None,
    content_type: Annotated[
        str | None,
        typer.Option("--content-type", help="The Content-Type header it was served with."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", "-c", help="Match the source to configured units; crawl settings."
        ),
    ] = None,
    browser: Annotated[
        bool, typer.Option("--browser", help="Render the URL in Chromium first (JS-built pages).")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Show what the extractor reads from one page (kind, title, date, source, links)."""
    from spiders.page import Page
    from spiders.portal.kinds import read_page

    with user_errors():
        cfg = load_config(config) if config is not None else None
        if target.startswith(("http://", "https://")):
            from crawler.fetch import fetch_url

            page = fetch_url(target, config, browser=browser)
        else:
            base = url or Path(target).resolve().as_uri()
            page = Page.from_bytes(base, read_file(target), content_type)
        reading = read_page(page)
        unit = cfg.unit_matcher().match(reading.article.source) if cfg else None
        summary = reading.summary(unit)
    if as_json:
        print(dumps(summary))
        return
    data = jsonable(summary)
    for key in ("kind", "title", "published", "source_unit", "unit", "column", "text_chars"):
        out.print(f"{key:>12}: {escape(str(data[key]))}")
    out.print(f"{'charset':>12}: {page.charset} ({page.charset_source})")
    out.print(f"{'links':>12}: {len(data['links'])}")
    for link in data["links"][:20]:
        out.print(f"{'':>14}{escape(json.dumps(link, ensure_ascii=False))}")


def print_figures(
    cfg: Config, db_url: str, quarter: Quarter, as_of: datetime, as_json: bool
) -> None:
    from alerts.render.text import render_figures
    from govwatch.jobs.stats import read_figures

    figures = read_figures(cfg, db_url, quarter, as_of)
    if as_json:
        print(dumps(figures))
    else:
        render_figures(figures, out)
