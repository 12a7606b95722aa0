"""The site-level 19号 verdict: each 单项否决 line against what the open findings count, and how
close the site is to it. Read from stored findings (dismissed ones are staff's false alarms
and do not count), so the digest and `govwatch findings` agree."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from checks.portal.freshness import EMPTY_LINE, KEY_STALE_LINE, OTHER_STALE_LINE, line_of
from core.vocab import FindingStatus
from storage.models import Finding

_LIVE = (FindingStatus.open, FindingStatus.overdue)


@dataclass
class VerdictLine:
    key: str
    label: str  # the 19号 wording
    count: int
    line: int  # the veto line (count ≥ line: 不合格)
    columns: list[str] = field(default_factory=list)

    @property
    def reached(self) -> bool:
        return self.count >= self.line

    @property
    def remaining(self) -> int:
        return max(self.line - self.count, 0)

    def sentence(self) -> str:
        if self.reached:
            return f"{self.label}{self.count}个，已达到单项否决线（{self.line}个）"
        return f"{self.label}{self.count}个，距单项否决线（{self.line}个）还差{self.remaining}个"

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "count": self.count,
            "line": self.line,
            "reached": self.reached,
            "remaining": self.remaining,
            "columns": self.columns,
            "text": self.sentence(),
        }


@dataclass
class SiteVerdict:
    lines: list[VerdictLine]
    homepage_stale: bool
    unanswered: int  # 留言 unanswered > 3 months

    @property
    def vetoed(self) -> bool:
        return (
            any(line.reached for line in self.lines) or self.homepage_stale or self.unanswered > 0
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "vetoed": self.vetoed,
            "lines": [line.as_dict() for line in self.lines],
            "homepage_stale": self.homepage_stale,
            "board_unanswered": self.unanswered,
        }


def site_verdict(session: Session, site_id: int | None) -> SiteVerdict:
    key = VerdictLine("stale_key", "动态要闻、通知公告、政策文件类不更新栏目", 0, KEY_STALE_LINE)
    other = VerdictLine("stale_other", "其他应更新但长期未更新的栏目", 0, OTHER_STALE_LINE)
    empty = VerdictLine("empty", "空白栏目", 0, EMPTY_LINE)
    homepage = False
    unanswered = 0
    rows = session.scalars(
        select(Finding).where(Finding.site_id == site_id, Finding.status.in_(_LIVE))
    )
    for row in rows:
        if row.kind == "stale_column" and row.evidence.get("stale"):
            target = key if line_of(row.evidence.get("category", "other")) == "key" else other
        elif row.kind == "empty_column":
            target = empty
        else:
            homepage |= row.kind == "homepage_stale" and bool(row.evidence.get("stale"))
            unanswered += row.kind == "board_unanswered"
            continue
        target.count += 1
        target.columns.append(row.column or "")
    return SiteVerdict([key, other, empty], homepage, unanswered)
