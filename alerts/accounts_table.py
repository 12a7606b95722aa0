"""Section (五) of the bulletin: the inspection table of every registered account, from what
is stored — 序号 | 账号名称 | 开设主体 | 状态 | 逾期情况 — with the monitoring window and the
合格率 sentence, as plain data every rendering (text, JSON, XLSX, HTML) shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from checks.accounts.evaluate import latest_checks, report_quarter
from core.accounts import STATUS_LABELS, Status
from core.config import Config
from core.periods import Quarter

COLUMNS = ("序号", "账号名称", "开设主体", "状态", "逾期情况")


@dataclass
class AccountRow:
    number: int
    name: str
    platform: str
    owner: str  # the configured unit
    owner_display: str  # as the bulletin prints it: 大姚县公安局
    status: Status | None  # None: never checked
    overdue_text: str
    overdue_days: int | None
    last_post_at: datetime | None
    reason: str | None
    posts_per_month: dict[str, int | None]
    pushes_per_month: dict[str, int | None] | None = None
    detail: str | None = None
    checked_at: datetime | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status] if self.status else "未检查"

    def cells(self) -> tuple[str, ...]:
        return (str(self.number), self.name, self.owner_display, self.status_label,
                self.overdue_text)  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        """The row as the issue specifies it, nothing more."""
        return {
            "name": self.name,
            "platform": self.platform,
            "owner": self.owner,
            "status": self.status_label,
            "overdue": self.overdue_text,
            "overdue_days": self.overdue_days,
            "last_post_at": self.last_post_at.isoformat() if self.last_post_at else None,
            "reason": self.reason,
            "posts_per_month": self.posts_per_month,
        }


@dataclass
class AccountsTable:
    county: str
    quarter: Quarter | None
    as_of: datetime | None  # the monitoring point of the newest check shown
    rows: list[AccountRow] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def window(self) -> str:
        if self.quarter is None:
            return ""
        last = self.quarter.months[-1]
        end_day = (last.end - timedelta(days=1)).day
        return (f"{self.quarter.year}年{self.quarter.months[0].number}月1日—"
                f"{self.quarter.year}年{last.number}月{end_day}日")  # fmt: skip

    @property
    def rate(self) -> float | None:
        """合格率 over the accounts that could be judged (采集失败 and 未检查 are not)."""
        good = self.count(Status.ok)
        judged = good + self.count(Status.overdue) + self.count(Status.abnormal)
        return good / judged if judged else None

    def summary(self) -> str:
        """The sentence of (五): 检查全县N个政府系统政务新媒体，…，总体合格率X%。"""
        label = self.quarter.label if self.quarter else ""
        bad = self.count(Status.overdue) + self.count(Status.abnormal)
        text = f"{label}，检查全县{len(self.rows)}个政府系统政务新媒体，"
        if bad:
            parts = []
            if self.count(Status.overdue):
                parts.append(f"逾期未更新{self.count(Status.overdue)}个")
            if self.count(Status.abnormal):
                parts.append(f"账号异常{self.count(Status.abnormal)}个")
            text += f"发现不合格政务新媒体{bad}个（{'，'.join(parts)}），"
        else:
            text += "未发现不合格政务新媒体，"
        rate = self.rate
        text += f"总体合格率{_percent(rate)}。" if rate is not None else "无法计算合格率。"
        unknown = self.count(Status.failed) + sum(1 for r in self.rows if r.status is None)
        if unknown:
            text += f"另有{unknown}个账号采集失败或未检查，未计入合格率，需人工核对。"
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "county": self.county,
            "quarter": self.quarter.key if self.quarter else None,
            "monitoring_point": self.as_of.isoformat() if self.as_of else None,
            "window": self.window,
            "summary": self.summary(),
            "qualified_rate": round(self.rate, 4) if self.rate is not None else None,
            "accounts": [row.to_json() for row in self.rows],
        }


def _percent(rate: float) -> str:
    value = rate * 100
    return f"{value:.0f}%" if abs(value - round(value)) < 1e-9 else f"{value:.1f}%"


def owner_display(config: Config, owner: str) -> str:
    """The unit as the bulletin prints it: its longest form starting with the county's name
    (县公安局 → 大姚县公安局, 六苴镇 → 大姚县六苴镇人民政府); else the name itself."""
    for unit in config.units:
        if unit.name == owner:
            forms = [f for f in (unit.name, *unit.aliases) if f.startswith(config.county)]
            if forms:
                return max(forms, key=len)
            if owner.startswith("县"):
                return config.county + owner[1:]
    return owner


def overdue_text(status: Status | None, overdue_days: int | None, reason: str | None) -> str:
    if status == Status.ok:
        return "无"
    if status == Status.overdue:
        return f"逾期{overdue_days}天" if overdue_days else (reason or "无任何发布")
    if status == Status.failed:
        return f"无法判断（{reason}）" if reason else "无法判断"
    if status == Status.abnormal:
        return reason or "账号异常"
    return "尚未检查"


def build_table(
    session: Session, config: Config, site_id: int, as_of: datetime | None = None
) -> AccountsTable:
    found = latest_checks(session, site_id, as_of)
    runs = [run for _, _, run in found if run is not None]
    point = max((r.as_of for r in runs), default=None)
    quarter = report_quarter(point) if point else None
    table = AccountsTable(config.county, quarter, point)
    for number, (account, check, _run) in enumerate(found, 1):
        status = Status(check.status) if check and check.status else None
        reason = check.reason if check else None
        table.rows.append(
            AccountRow(
                number=number,
                name=account.name,
                platform=account.platform,
                owner=account.owner,
                owner_display=owner_display(config, account.owner),
                status=status,
                overdue_text=overdue_text(status, check.overdue_days if check else None, reason),
                overdue_days=check.overdue_days if check else None,
                last_post_at=check.latest_post_at if check else None,
                reason=reason if status in (Status.failed, Status.abnormal) else None,
                posts_per_month=dict(check.posts_per_month or {}) if check else {},
                pushes_per_month=check.pushes_per_month if check else None,
                detail=check.detail if check else None,
                checked_at=check.fetched_at if check else None,
            )
        )
    return table


def render_text(table: AccountsTable) -> str:
    lines = ["(五)政务新媒体运维检查情况", table.summary()]
    if table.quarter:
        point = f"；监测时点：{table.as_of:%Y年%-m月%-d日 %H:%M}" if table.as_of else ""
        lines.append(f"(监测时间:{table.window}{point})")
    lines.append(" | ".join(COLUMNS) + " |")
    for row in table.rows:
        lines.append(" | ".join(row.cells()) + " |")
    return "\n".join(lines)
