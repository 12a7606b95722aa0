"""`govwatch findings`: list tracked findings; `findings dismiss ID --reason …` (a false alarm,
never reopened) and `findings confirm ID` record staff's decisions with who and when."""

from __future__ import annotations

import getpass
import os
from typing import Annotated

import typer
from rich.markup import escape

from core.config import load_config, resolve_db_url
from core.jsonable import dumps
from govwatch.cli.app import app
from govwatch.cli.common import DEFAULT_CONFIG, ConfigOpt, DbOpt, JsonOpt, out, user_errors

findings_app = typer.Typer(
    help="Tracked findings: list them, confirm a problem, dismiss a false alarm.",
    invoke_without_command=True,
)
app.add_typer(findings_app, name="findings")

StatusOpt = Annotated[
    str,
    typer.Option("--status", help="open (incl. overdue), corrected, overdue, dismissed or all."),
]
KindOpt = Annotated[
    list[str] | None, typer.Option("--kind", help="Only this kind (repeatable), e.g. stale_column.")
]
UnitOpt = Annotated[str | None, typer.Option("--unit", help="Only this responsible unit.")]
ByOpt = Annotated[str | None, typer.Option("--by", help="Who decides (default: the login name).")]


def _who(by: str | None) -> str:
    if by and by.strip():
        return by.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return os.environ.get("USER") or "unknown"


@findings_app.callback()
def findings(
    ctx: typer.Context,
    status: StatusOpt = "open",
    kind: KindOpt = None,
    unit: UnitOpt = None,
    config: ConfigOpt = DEFAULT_CONFIG,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List findings from the database (read-only)."""
    if ctx.invoked_subcommand is not None:
        return
    from govwatch.jobs.findings import list_rows

    with user_errors():
        cfg = load_config(config)
        rows = list_rows(cfg, resolve_db_url(db), status=status, kinds=kind or (), unit=unit)
    if as_json:
        print(dumps(rows))
        return
    if not rows:
        out.print("没有符合条件的问题。")
        return
    for row in rows:
        where = "｜".join(p for p in (row["unit"], row["column"]) if p)
        out.print(
            escape(
                f"#{row['id']} [{row['level_label']}][{row['status_label']}] {row['kind']} "
                f"{where + '：' if where else ''}{row['title']}"
            )
        )
        if row["decision"]:
            when = f"{row['decided_at']:%Y-%m-%d %H:%M}"
            out.print(escape(f"    {row['decision_label']}：{row['decided_by']} {when}"))
    out.print(f"共 {len(rows)} 条")


@findings_app.command("dismiss")
def dismiss(
    finding_id: Annotated[int, typer.Argument(metavar="ID", help="The finding's id.")],
    reason: Annotated[str, typer.Option("--reason", help="Why this is a false alarm.")],
    by: ByOpt = None,
    config: ConfigOpt = DEFAULT_CONFIG,
    db: DbOpt = None,
) -> None:
    """A false alarm: dismissed for good; the same problem never reopens."""
    from govwatch.jobs.findings import decide

    with user_errors():
        cfg = load_config(config)
        row = decide(cfg, resolve_db_url(db), finding_id, "dismiss", _who(by), reason)
    out.print(escape(f"#{row['id']} 已排除（误报）：{row['title']}"))


@findings_app.command("confirm")
def confirm(
    finding_id: Annotated[int, typer.Argument(metavar="ID", help="The finding's id.")],
    by: ByOpt = None,
    reason: Annotated[str, typer.Option("--reason", help="A note (optional).")] = "",
    config: ConfigOpt = DEFAULT_CONFIG,
    db: DbOpt = None,
) -> None:
    """A real problem: recorded as confirmed by you."""
    from govwatch.jobs.findings import decide

    with user_errors():
        cfg = load_config(config)
        row = decide(cfg, resolve_db_url(db), finding_id, "confirm", _who(by), reason)
    out.print(escape(f"#{row['id']} 已确认：{row['title']}"))
