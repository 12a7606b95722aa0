"""Judge every account of a run: the fetch's outcome and posts → status, reason and figures,
stored on its AccountCheck row. Accounts the run did not reach (its process died) get a row
saying so: the table never silently drops an account.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from checks.accounts.rule import Coverage, OverdueRule, PostPoint, figures, judge
from core.accounts import Status, reason_label
from core.config import Config
from core.periods import Quarter, now
from storage.models import Account, AccountCheck, AccountPost, AccountRun


def report_quarter(as_of: datetime) -> Quarter:
    """The quarter the table reports: the last one ended by the monitoring point."""
    return Quarter.last_complete(as_of)


def since_for(as_of: datetime, rule: OverdueRule) -> datetime:
    """How far back a fetch must read: the report quarter's start, and the rule's window."""
    return min(report_quarter(as_of).start, as_of - timedelta(days=rule.overdue_after_days + 1))


def evaluate_run(
    session: Session, config: Config, run: AccountRun, expected: Iterable[int] = ()
) -> list[AccountCheck]:
    """Fill in the verdict of every check of the run (and of accounts it never reached)."""
    rule = OverdueRule.from_config(config.newmedia)
    quarter = report_quarter(run.as_of)
    checks = {c.account_id: c for c in run.checks}
    for account_id in expected:
        if account_id not in checks:
            missing = AccountCheck(
                run_id=run.id,
                account_id=account_id,
                fetched_at=now(),
                outcome="failed",
                code="other",
                detail="the crawl process ended before reaching this account",
                source=None,
            )
            session.add(missing)
            checks[account_id] = missing
    session.flush()
    for check in checks.values():
        evaluate_one(session, check, run, rule, quarter)
    return list(checks.values())


@dataclass
class Judged:
    status: Status
    reason: str | None = None
    latest_post_at: datetime | None = None
    days_since: int | None = None
    overdue_days: int | None = None
    posts_per_month: dict[str, int | None] = field(default_factory=dict)
    pushes_per_month: dict[str, int | None] | None = None
    longest_gap_days: int | None = None


def judge_fetch(
    outcome: str,
    code: str | None,
    posts: list[PostPoint],
    coverage: Coverage,
    as_of: datetime,
    rule: OverdueRule,
) -> Judged:
    """One account's verdict from what its fetch read: the whole rule, no database."""
    quarter = report_quarter(as_of)
    empty = {m.key: None for m in quarter.months}
    if outcome == "failed":
        return Judged(Status.failed, reason_label(code) or "采集失败", posts_per_month=empty)
    if outcome == "abnormal":
        return Judged(Status.abnormal, reason_label(code) or "账号异常", posts_per_month=empty)
    found = figures(posts, coverage, quarter, as_of)
    out = Judged(
        Status.ok,
        posts_per_month=found.posts_per_month,
        pushes_per_month=found.pushes_per_month,
        longest_gap_days=found.longest_gap_days,
    )
    if found.latest is None and not coverage.knows(as_of):
        # nothing dated before the monitoring point was read and the read stopped short:
        # 逾期 here would be a guess
        out.status, out.reason = Status.failed, "未读到监测时点前的发布"
        return out
    verdict = judge(found.latest, as_of, rule)
    out.status, out.days_since, out.overdue_days = (
        verdict.status,
        verdict.days_since,
        verdict.overdue_days,
    )
    out.latest_post_at = found.latest
    out.reason = None if found.latest else "无任何发布"
    return out


def evaluate_one(
    session: Session, check: AccountCheck, run: AccountRun, rule: OverdueRule, quarter: Quarter
) -> None:
    check.quarter = quarter.key
    renamed = _renamed(session, check) if check.outcome == "ok" else None
    rows = session.scalars(
        select(AccountPost).where(
            AccountPost.account_id == check.account_id, AccountPost.last_run_id == run.id
        )
    ).all()
    posts = [PostPoint(p.published_at, p.pinned, p.push_id) for p in rows]
    coverage = Coverage(check.covered_since, check.history_complete, check.tracks_pushes)
    judged = judge_fetch(check.outcome, check.code, posts, coverage, run.as_of, rule)
    if renamed:
        judged = Judged(Status.abnormal, renamed, posts_per_month=judged.posts_per_month)
    for name in ("status", "reason", "latest_post_at", "days_since", "overdue_days",
                 "posts_per_month", "pushes_per_month", "longest_gap_days"):  # fmt: skip
        setattr(check, name, getattr(judged, name))
    check.latest_post_url = None
    if judged.latest_post_at is not None:
        latest = max(
            (p for p in rows if not p.pinned and p.published_at == judged.latest_post_at),
            key=lambda p: p.id,
        )
        check.latest_post_url = latest.url


def _renamed(session: Session, check: AccountCheck) -> str | None:
    """账号已改名: the platform shows another name than at the last successful read."""
    name = (check.profile or {}).get("name")
    if not name:
        return None
    before = session.scalar(
        select(AccountCheck)
        .where(
            AccountCheck.account_id == check.account_id,
            AccountCheck.id != check.id,
            AccountCheck.outcome == "ok",
            AccountCheck.fetched_at < check.fetched_at,
        )
        .order_by(AccountCheck.fetched_at.desc())
    )
    old = (before.profile or {}).get("name") if before is not None else None
    if old and old != name:
        return f"账号已改名（原「{old}」，现「{name}」）"
    return None


def latest_checks(
    session: Session, site_id: int, as_of: datetime | None = None
) -> list[tuple[Account, AccountCheck | None, AccountRun | None]]:
    """Every active account with its newest judged check (from runs up to `as_of`)."""
    accounts = session.scalars(
        select(Account)
        .where(Account.site_id == site_id, Account.active.is_(True))
        .order_by(Account.position)
    ).all()
    query = (
        select(AccountCheck, AccountRun)
        .join(AccountRun, AccountCheck.run_id == AccountRun.id)
        .where(AccountRun.site_id == site_id, AccountCheck.status.is_not(None))
        .order_by(AccountRun.as_of, AccountCheck.fetched_at)
    )
    if as_of is not None:
        query = query.where(AccountRun.as_of <= as_of)
    newest: dict[int, tuple[AccountCheck, AccountRun]] = {}
    for check, run in session.execute(query):
        newest[check.account_id] = (check, run)
    out = []
    for account in accounts:
        check, run = newest.get(account.id, (None, None))
        out.append((account, check, run))
    return out
