"""`govwatch accounts …` and `govwatch check-account`: the 政务新媒体 inspection table, checking
the registered accounts, importing the office's registry, finding unregistered accounts."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from core.config import load_config, resolve_db_url
from core.periods import BEIJING, day_start
from govwatch.cli.app import app
from govwatch.cli.common import (
    DEFAULT_CONFIG,
    ConfigOpt,
    DbOpt,
    UsageProblem,
    err,
    out,
    user_errors,
)

accounts_app = typer.Typer(
    help="政务新媒体: the inspection table (no subcommand), check, import, discover.",
    invoke_without_command=True,
)
app.add_typer(accounts_app, name="accounts")

AsOfTime = Annotated[
    str | None,
    typer.Option("--as-of", help="Monitoring point, Beijing time: 2025-07-01 or 2025-07-01T08:00."),
]
Format = Annotated[str, typer.Option("--format", help="text | json | xlsx | html")]


def parse_moment(value: str | None) -> datetime | None:
    """--as-of: a Beijing date (its midnight) or date and time; None: now."""
    if not value:
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            return day_start(date.fromisoformat(text))
        moment = datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        raise UsageProblem(f"--as-of {value!r}: expected 2025-07-01 or 2025-07-01T08:00") from None
    return moment.replace(tzinfo=BEIJING) if moment.tzinfo is None else moment.astimezone(BEIJING)


@accounts_app.callback()
def accounts(
    ctx: typer.Context,
    as_of: AsOfTime = None,
    fmt: Format = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here (xlsx needs it or a pipe).")
    ] = None,
    config: ConfigOpt = DEFAULT_CONFIG,
    db: DbOpt = None,
) -> None:
    """Print the inspection table (五) from what is stored: no fetch, no writes."""
    if ctx.invoked_subcommand is not None:
        return
    with user_errors():
        if fmt not in ("text", "json", "xlsx", "html"):
            raise UsageProblem(f"--format {fmt!r}: use text, json, xlsx or html")
        cfg = load_config(config)
        table = stored_table(cfg, resolve_db_url(db), parse_moment(as_of))
        emit(table, fmt, output)


def stored_table(cfg: Any, db_url: str, as_of: datetime | None) -> Any:
    from sqlalchemy import select

    from alerts.accounts_table import build_table
    from storage.db import make_engine, require_current, session_factory
    from storage.models import Site

    require_current(db_url)
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            site = session.scalar(select(Site).where(Site.start_url == cfg.portal.start_url))
            if site is None:
                raise UsageProblem("no account checks stored yet: run `govwatch accounts check`")
            table = build_table(session, cfg, site.id, as_of)
    finally:
        engine.dispose()
    if table.as_of is None and table.rows:
        err.print("[yellow]尚无账号检查结果：先运行 govwatch accounts check[/yellow]")
    return table


def emit(table: Any, fmt: str, output: Path | None) -> None:
    from alerts.accounts_table import render_text

    if fmt == "xlsx":
        from alerts.render.accounts_xlsx import render_xlsx

        data = render_xlsx(table)
        if output is None and sys.stdout.isatty():
            raise UsageProblem("--format xlsx writes a file: add --output FILE.xlsx")
        if output is None:
            sys.stdout.buffer.write(data)
        else:
            output.write_bytes(data)
            err.print(f"written to {output}")
        return
    if fmt == "html":
        from alerts.render.accounts_html import render_html

        text = render_html(table)
    elif fmt == "json":
        text = json.dumps(table.to_json(), ensure_ascii=False, indent=2)
    else:
        text = render_text(table)
    if output is not None:
        output.write_text(text + "\n", encoding="utf-8")
        err.print(f"written to {output}")
    else:
        out.print(text, markup=False)


@accounts_app.command("check")
def check(
    as_of: AsOfTime = None,
    config: ConfigOpt = DEFAULT_CONFIG,
    db: DbOpt = None,
    fmt: Format = "text",
) -> None:
    """Check every registered account now, store the results and print the table."""
    from govwatch.jobs.accounts import check_accounts

    with user_errors():
        moment = parse_moment(as_of)
        cfg = load_config(config)
        if not cfg.accounts:
            raise UsageProblem(f"{config}: no accounts registered (accounts: in the config)")
        db_url = resolve_db_url(db)
        result = check_accounts(config, db_url, as_of=moment)
        emit(stored_table(cfg, db_url, result.as_of), fmt, None)


@accounts_app.command("import")
def import_registry(
    file: Annotated[Path, typer.Argument(help="The office's registry: .xlsx or .csv.")],
    config: ConfigOpt = DEFAULT_CONFIG,
) -> None:
    """Read the registry spreadsheet (账号名称, 平台, 开设主体, 链接/ID) into govwatch.yaml."""
    from govwatch.cli.accounts_import import import_file

    with user_errors():
        added, updated, problems = import_file(file, config)
        for problem in problems:
            err.print(f"[red]{problem}[/red]", markup=True)
        err.print(f"导入完成：新增 {added} 个，更新 {updated} 个，有误 {len(problems)} 行")
        if problems:
            raise typer.Exit(2)


@accounts_app.command("discover")
def discover(
    config: ConfigOpt = DEFAULT_CONFIG,
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Search the platforms for accounts named after the county or a unit but not registered."""
    from govwatch.jobs.discover import discover_accounts

    with user_errors():
        found = discover_accounts(config, resolve_db_url(db))
        if as_json:
            out.print(json.dumps(found.to_json(), ensure_ascii=False, indent=2), markup=False)
        else:
            out.print(found.render(), markup=False)


@app.command("check-account")
def check_account(
    name_or_url: Annotated[str, typer.Argument(help="A registered account's name, or a URL.")],
    as_of: AsOfTime = None,
    config: ConfigOpt = DEFAULT_CONFIG,
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Check one account now on the nightly code path; print its row and its recent posts."""
    from govwatch.cli.accounts_one import check_one

    with user_errors():
        cfg = load_config(config)
        result = check_one(cfg, config, resolve_db_url(db), name_or_url, parse_moment(as_of))
        if as_json:
            out.print(json.dumps(result, ensure_ascii=False, indent=2), markup=False)
            return
        row = result["row"]
        out.print(f"{row['name']}（{row['platform']}，{row['owner']}）", markup=False)
        out.print(f"状态：{row['status']}    逾期情况：{row['overdue']}", markup=False)
        if row["last_post_at"]:
            out.print(f"最新发布：{row['last_post_at']}", markup=False)
        if row["reason"]:
            out.print(f"原因：{row['reason']}（{result.get('detail') or ''}）", markup=False)
        months = "，".join(
            f"{k}：{'—' if v is None else v}" for k, v in row["posts_per_month"].items()
        )
        out.print(f"每月发布：{months}", markup=False)
        for post in result["posts"][:10]:
            mark = "【置顶】" if post["pinned"] else ""
            text = (post["title"] or post["text"]).replace("\n", " ")[:60]
            out.print(f"  {post['published_at'][:16]} {mark}{text}", markup=False)
        if not result["stored"]:
            err.print("（未登记账号：结果未保存）")
