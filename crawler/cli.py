"""`govwatch` command line. Every command reports bad input as one clear line, never a traceback."""

from __future__ import annotations

import json
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from crawler.config import (
    DEFAULT_CONFIG_NAME,
    DEFAULT_DB_URL,
    Config,
    ConfigError,
    load_config,
    resolve_db_url,
)
from crawler.errors import CrawlInProgress, FetchFailure
from crawler.settings import SettingsError
from crawler.timeutil import BEIJING, now, previous_quarter, quarter_bounds
from crawler.units import UnitMatcher, UnitRef
from storage.db import DatabaseError

app = typer.Typer(
    name="govwatch",
    help="Monitor a county government portal: crawl, store, and report 信息发布 figures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
app.add_typer(db_app, name="db")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

ConfigOpt = Annotated[
    Path, typer.Option("--config", "-c", help="Configuration file.", show_default=True)
]
DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (default: $GOVWATCH_DB, else sqlite:///govwatch.db)."),
]
QuarterOpt = Annotated[
    str | None,
    typer.Option(
        "--quarter", help="Quarter to report, e.g. 2025Q2 (default: the last complete one)."
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="Report as of this Beijing date (YYYY-MM-DD); default: now."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


DEMO_PORT = 8741


class UsageProblem(Exception):
    """A problem with what the user typed or configured."""


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the errors a user can fix into one line on stderr and exit code 2."""
    try:
        yield
    except (
        ConfigError, DatabaseError, SettingsError, FetchFailure, UsageProblem, ValueError,
        CrawlInProgress,
    ) as exc:  # fmt: skip
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from None
    except OSError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from None


def check_quarter(quarter: str | None) -> None:
    if quarter is not None:
        try:
            quarter_bounds(quarter)
        except ValueError as exc:
            raise UsageProblem(f"--quarter: {exc}") from None


def _free_port(preferred: int) -> int:
    """preferred if nothing listens there, else 0 (any free port)."""
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", preferred))
        except OSError:
            return 0
    return preferred


def parse_as_of(value: str | None) -> datetime:
    if not value:
        return now()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise UsageProblem(f"--as-of {value!r}: expected a date like 2025-07-01") from None
    return datetime(day.year, day.month, day.day, tzinfo=BEIJING)


# -- commands ---------------------------------------------------------------------------------


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the file.")] = Path(
        DEFAULT_CONFIG_NAME
    ),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented govwatch.yaml to fill in for your county."""
    from crawler.templates import config_template

    with user_errors():
        if path.exists() and not force:
            raise UsageProblem(f"{path} already exists (use --force to overwrite it)")
        path.write_text(config_template(), encoding="utf-8")
    out.print(f"wrote {path}: fill in your county, portal, columns and units, then `govwatch run`")


@app.command()
def run(
    config: ConfigOpt = Path(DEFAULT_CONFIG_NAME),
    db: DbOpt = None,
    quarter: QuarterOpt = None,
    as_of: AsOfOpt = None,
    as_json: JsonOpt = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show crawler logs.")] = False,
) -> None:
    """The nightly job: crawl the portal, store what changed, print the figures."""
    from crawler.run import run_job

    with user_errors():
        cfg = load_config(config)
        db_url = resolve_db_url(db)
        reference = parse_as_of(as_of)
        check_quarter(quarter)  # before an hour of crawling, not after
        result = run_job(config, db_url, log_level="INFO" if verbose else None)
        _report(cfg, db_url, result.site_id, quarter, reference, as_json)
    if result.exit_code != 0:
        err.print(
            f"[red]the crawl process failed (exit code {result.exit_code}); see its log[/red]"
        )
        raise typer.Exit(1)


@app.command()
def stats(
    config: ConfigOpt = Path(DEFAULT_CONFIG_NAME),
    db: DbOpt = None,
    quarter: QuarterOpt = None,
    as_of: AsOfOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Print the quarter's figures from what is stored, without crawling."""
    from crawler.run import prepare

    with user_errors():
        cfg = load_config(config)
        db_url = resolve_db_url(db)
        reference = parse_as_of(as_of)
        check_quarter(quarter)
        site_id = prepare(cfg, db_url)
        _report(cfg, db_url, site_id, quarter, reference, as_json)


@app.command()
def demo(
    as_of: Annotated[
        str, typer.Option("--as-of", help="The demo's 'today' (Beijing date).")
    ] = "2025-07-01",
    db: Annotated[
        str, typer.Option("--db", help="Database URL ($GOVWATCH_DB is not used by the demo).")
    ] = DEFAULT_DB_URL,
    config: ConfigOpt = Path(DEFAULT_CONFIG_NAME),
    as_json: JsonOpt = False,
    serve: Annotated[
        bool, typer.Option("--serve", help="Keep the demo portal running afterwards (Ctrl-C ends).")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite a govwatch.yaml that is not the demo's.")
    ] = False,
) -> None:
    """Crawl the embedded demo county (大姚县, 2025 Q2) end to end; needs nothing but govwatch."""
    from crawler.demo import DemoServer, build_site
    from crawler.demo.config import DEMO_MARKER
    from crawler.run import run_job

    with user_errors():
        reference = parse_as_of(as_of)
        if config.exists() and not force and DEMO_MARKER not in config.read_text("utf-8"):
            raise UsageProblem(
                f"{config} is not the demo's configuration; run the demo in another folder, "
                "or use --force to overwrite it"
            )
        site = build_site(as_of=reference.date())
        # the same port every time when it is free, so a second demo run is incremental
        with DemoServer(site, port=_free_port(DEMO_PORT)) as server:
            config.write_text(site.config_yaml(server.base_url), encoding="utf-8")
            err.print(f"demo portal at {server.base_url}; config written to {config}")
            cfg = load_config(config)
            result = run_job(config, db)
            _report(cfg, db, result.site_id, None, reference, as_json)
            if serve:
                err.print(f"serving {server.base_url} until Ctrl-C")
                server.wait()


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
        Path | None, typer.Option("--config", "-c", help="Match the source to configured units.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Show what the extractor reads from one page (kind, title, date, source, links)."""
    from crawler.fetch import fetch_page
    from spiders.classify import read_page

    with user_errors():
        page = fetch_page(target, url=url, content_type=content_type)
        reading = read_page(page)
        unit = None
        if config is not None:
            unit = _matcher(load_config(config)).match(reading.article.source)
        data = reading.to_json(unit)
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for key in ("kind", "title", "published", "source_unit", "unit", "column", "text_chars"):
        out.print(f"{key:>12}: {escape(str(data[key]))}")
    out.print(f"{'charset':>12}: {page.charset} ({page.charset_source})")
    out.print(f"{'links':>12}: {len(data['links'])}")
    for link in data["links"][:20]:
        out.print(f"{'':>14}{escape(json.dumps(link, ensure_ascii=False))}")


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
) -> None:
    """Check Chinese text for 错字, 多字, 漏字, 严重表述错误 and punctuation.

    Exit code 0: no issues; 1: issues found; 2: the input could not be read.
    """
    from checks.text.cli import main as check_text_main

    checker = None
    with user_errors():
        if fmt not in ("text", "json", "jsonl"):
            raise UsageProblem(f"--format {fmt!r}: choose text, json or jsonl")
        if config is not None:
            from checks.text_job import build_checker

            checker = build_checker(load_config(config))
    raise typer.Exit(check_text_main(source, fmt, checker=checker))


@db_app.command("upgrade")
def db_upgrade(db: DbOpt = None) -> None:
    """Create or upgrade the database schema to the newest version."""
    from storage.db import upgrade

    with user_errors():
        db_url = resolve_db_url(db)
        upgrade(db_url)
    out.print(f"database {db_url} is up to date")


# -- helpers ----------------------------------------------------------------------------------


def _matcher(cfg: Config) -> UnitMatcher:
    return UnitMatcher(cfg.county, [UnitRef(u.name, tuple(u.aliases), u.kind) for u in cfg.units])


def _report(
    cfg: Config, db_url: str, site_id: int, quarter: str | None, as_of: datetime, as_json: bool
) -> None:
    from alerts.publishing_report import render_json, render_text
    from checks.publishing import quarter_figures
    from storage.db import make_engine, session_factory

    quarter = quarter or previous_quarter(as_of)
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            figures = quarter_figures(session, cfg, site_id, quarter, as_of)
    finally:
        engine.dispose()
    if as_json:
        print(render_json(figures))
    else:
        render_text(figures, out)


def main() -> None:
    app(prog_name="govwatch")


if __name__ == "__main__":
    sys.exit(main())
