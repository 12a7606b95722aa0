"""The 逾期 rule, in one function, and the figures of one account's check.

19号 / the provinces' notices: an account is 逾期 when it published nothing in the two weeks
before the monitoring point ("监测时间点前2周内无更新"). With `overdue_after_days` N (default
14): days = (monitoring date − date of the latest post), both Beijing dates; 逾期 when
days > N, and 逾期(days − N)天. Provinces with another rule change N in govwatch.yaml.

Only a successful read is judged: a failed fetch is 采集失败 whatever it did not see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

from core.accounts import Status
from core.config import NewMediaConfig
from core.periods import Quarter, beijing

# a post a few minutes "after" the monitoring point is the platform's clock, not the future
CLOCK_SLACK = timedelta(minutes=5)


@dataclass(frozen=True)
class OverdueRule:
    overdue_after_days: int = 14

    @classmethod
    def from_config(cls, newmedia: NewMediaConfig) -> OverdueRule:
        return cls(newmedia.overdue_after_days)


@dataclass(frozen=True)
class Verdict:
    status: Status
    days_since: int | None
    overdue_days: int | None


def judge(latest: datetime | None, as_of: datetime, rule: OverdueRule) -> Verdict:
    """正常 or 逾期 for an account read successfully; `latest` None: it never published."""
    if latest is None:
        return Verdict(Status.overdue, None, None)
    days = max((beijing(as_of).date() - beijing(latest).date()).days, 0)
    if days > rule.overdue_after_days:
        return Verdict(Status.overdue, days, days - rule.overdue_after_days)
    return Verdict(Status.ok, days, None)


@dataclass(frozen=True)
class PostPoint:
    at: datetime
    pinned: bool = False
    push: str | None = None


@dataclass(frozen=True)
class Coverage:
    """How much of an account's history one fetch read."""

    covered_since: datetime | None  # every non-pinned post at/after this was read
    history_complete: bool  # nothing older exists
    tracks_pushes: bool = False

    def knows(self, start: datetime) -> bool:
        """Were all posts from `start` on read?"""
        return self.history_complete or (
            self.covered_since is not None and self.covered_since <= start
        )


@dataclass(frozen=True)
class Figures:
    latest: datetime | None
    posts_per_month: dict[str, int | None]
    pushes_per_month: dict[str, int | None] | None
    longest_gap_days: int | None


def figures(
    posts: list[PostPoint], coverage: Coverage, quarter: Quarter, as_of: datetime
) -> Figures:
    """Latest post (pinned never), posts and pushes per Beijing month, longest gap.

    A month is counted only when the fetch read back to its first day (or the whole history);
    otherwise it is None — "the source cannot tell", never 0."""
    limit = as_of + CLOCK_SLACK
    points = sorted(p.at for p in posts if not p.pinned and p.at <= limit)
    latest = points[-1] if points else None
    per_month: dict[str, int | None] = {}
    pushes: dict[str, int | None] = {}
    for month in quarter.months:
        if not coverage.knows(month.start):
            per_month[month.key] = pushes[month.key] = None
            continue
        inside = [p for p in posts if not p.pinned and month.start <= p.at < month.end]
        per_month[month.key] = len(inside)
        pushes[month.key] = len({p.push or p.at.isoformat() for p in inside})
    gap = None
    if coverage.knows(quarter.start):
        end = min(quarter.end, as_of)
        marks = [quarter.start, *(p for p in points if quarter.start <= p < end), end]
        gap = max((b.date() - a.date()).days for a, b in pairwise(marks))
    return Figures(latest, per_month, pushes if coverage.tracks_pushes else None, gap)
