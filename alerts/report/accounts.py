"""Section 一(五) of the 通报: the 政务新媒体 inspection table (alerts/accounts_table.py) for
the report's quarter, without the accounts `report.exclude_accounts` leaves out (accounts
that are not 政府系统政务新媒体, or kept for testing): they are named in a note under the
table and count for neither the 合格率 nor the opening's "全县N个".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.accounts_table import COLUMNS, AccountsTable, build_table
from alerts.report.model import Block, Span, para, placeholder
from alerts.report.numbers import percent
from core.accounts import Status
from core.config import Config
from core.periods import Quarter
from storage.models import Account


def accounts_table(
    session: Session, config: Config, site_id: int | None, quarter: Quarter, as_of: datetime
) -> tuple[AccountsTable | None, list[str]]:
    """(the table for the quarter without the excluded accounts, the excluded names); None
    when no check of the accounts reports this quarter."""
    if site_id is None or not config.accounts:
        return None, []
    table = build_table(session, config, site_id, as_of)
    if table.quarter != quarter or table.as_of is None:
        return None, []
    excluded = set(config.report.exclude_accounts)
    kept = [r for r in table.rows if r.name not in excluded]
    left_out = [r.name for r in table.rows if r.name in excluded]
    rows = [replace(r, number=n) for n, r in enumerate(kept, 1)]
    return AccountsTable(table.county, table.quarter, table.as_of, rows), left_out


def excluded_account_ids(session: Session, config: Config, site_id: int | None) -> set[int]:
    names = set(config.report.exclude_accounts)
    if not names or site_id is None:
        return set()
    return set(
        session.scalars(
            select(Account.id).where(Account.site_id == site_id, Account.name.in_(names))
        )
    )


def accounts_figures(table: AccountsTable | None, left_out: list[str]) -> dict[str, Any]:
    if table is None:
        return {"available": False}
    checked = sum(1 for r in table.rows if r.status is not None)
    bad = table.count(Status.overdue) + table.count(Status.abnormal)
    return {
        "available": True,
        "accounts": len(table.rows),
        "checked": checked,
        "check_ratio": round(checked / len(table.rows), 4) if table.rows else None,
        "unqualified": bad,
        "failed": table.count(Status.failed),
        "qualified_rate": round(table.rate, 4) if table.rate is not None else None,
        "summary": table.summary(),
        "window": table.window,
        "monitoring_point": table.as_of.isoformat() if table.as_of else None,
        "rows": [row.to_json() for row in table.rows],
        "excluded": left_out,
    }


def check_ratio_text(table: AccountsTable) -> str:
    checked = sum(1 for r in table.rows if r.status is not None)
    return percent(checked, len(table.rows)) if table.rows else ""


def accounts_blocks(
    table: AccountsTable | None, left_out: list[str], reason: str, label: str
) -> list[Block]:
    if table is None:
        return [para(Span(f"{label}，"), placeholder("本季度尚无政务新媒体检查结果"))]
    blocks = [para(table.summary()), Block("note", [Span(f"（监测时间：{table.window}）")])]
    blocks.append(Block("table", columns=list(COLUMNS), rows=[list(r.cells()) for r in table.rows]))
    if left_out:
        names = "、".join(left_out)
        blocks.append(
            Block(
                "note",
                [Span(f"注：{names}共{len(left_out)}个账号{reason}，未列入本表，不计入合格率。")],
            )
        )
    return blocks
