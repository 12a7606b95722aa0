"""The findings engine: one row per problem, corrected only after a complete check of its
place, never closed by a place that was not checked, overdue after its working days."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import select

from checks.base import CheckReport, FindingDraft
from checks.engine import apply_report, deadline_for, mark_overdue
from core.periods import BEIJING
from core.vocab import FindingStatus, Level
from storage.db import make_engine, session_factory, transaction, upgrade
from storage.models import Finding, Site

MONDAY = datetime(2025, 6, 9, 9, 0, tzinfo=BEIJING)


@pytest.fixture
def sessions(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'f.db'}"
    upgrade(url)
    engine = make_engine(url)
    factory = session_factory(engine)
    with transaction(factory) as session:
        session.add(Site(id=1, name="测试县人民政府", start_url="http://127.0.0.1:9/"))
    yield factory
    engine.dispose()


def typo(place: str, found: str = "检剑", evidence: dict | None = None) -> FindingDraft:
    return FindingDraft(
        kind="text_issue",
        level=Level.warning,
        place=place,
        key=f"typo|{found}|检验",
        title=f"错字：「{found}」",
        unit="县教育局",
        evidence=evidence or {"found": found},
    )


def apply(factory, report: CheckReport, now: datetime = MONDAY):
    with transaction(factory) as session:
        return apply_report(
            session, site_id=1, run_id=None, kinds=("text_issue",), report=report, now=now
        )


def rows(factory) -> list[Finding]:
    with factory() as session:
        return list(session.scalars(select(Finding).order_by(Finding.id)))


def test_the_same_problem_over_three_runs_is_one_finding(sessions):
    for day in (9, 10, 11):
        seen = datetime(2025, 6, day, 9, tzinfo=BEIJING)
        apply(sessions, CheckReport({"article:1"}, [typo("article:1")]), now=seen)
    (row,) = rows(sessions)
    assert row.first_seen.day == 9 and row.last_seen.day == 11
    assert row.status == FindingStatus.open


def test_a_fixed_problem_is_corrected_only_after_a_complete_check(sessions):
    apply(sessions, CheckReport({"article:1", "article:2"}, [typo("article:1"), typo("article:2")]))
    # article 1 could not be fetched, article 2 was read and the typo is gone
    changes = apply(sessions, CheckReport({"article:2"}, [], unchecked={"article:1": "访问超时"}))
    first, second = rows(sessions)
    assert first.status == FindingStatus.open  # 采集失败 never closes a finding
    assert second.status == FindingStatus.corrected and second.corrected_at is not None
    assert [f.id for f in changes.corrected] == [second.id]


def test_a_draft_from_a_place_not_checked_is_never_stored(sessions):
    changes = apply(sessions, CheckReport(set(), [typo("article:1")], {"article:1": "HTTP错误"}))
    assert rows(sessions) == [] and changes.dropped == 1


def test_corrected_then_seen_again_reopens_the_same_row(sessions):
    apply(sessions, CheckReport({"article:1"}, [typo("article:1")]))
    apply(sessions, CheckReport({"article:1"}, []))
    apply(sessions, CheckReport({"article:1"}, [typo("article:1")]))
    (row,) = rows(sessions)
    assert row.status == FindingStatus.open and row.corrected_at is None


def test_a_dismissed_finding_never_reopens(sessions):
    apply(sessions, CheckReport({"article:1"}, [typo("article:1")]))
    with transaction(sessions) as session:
        session.scalars(select(Finding)).one().status = FindingStatus.dismissed
    apply(sessions, CheckReport({"article:1"}, []))
    apply(sessions, CheckReport({"article:1"}, [typo("article:1")]))
    (row,) = rows(sessions)
    assert row.status == FindingStatus.dismissed


def test_deadline_in_working_days_then_overdue():
    # Monday 2025-09-29: 1–8 October are the National Day holidays, 11 October (Saturday)
    # is a makeup workday (调休)
    seen = datetime(2025, 9, 29, 10, tzinfo=BEIJING)
    deadline = deadline_for("text_issue", seen, {})
    # 5 working days after 29 Sep: 30 Sep, 9, 10, 11 (Sat, 调休), 13 Oct → ends 14 Oct 00:00
    assert deadline == datetime(2025, 10, 14, tzinfo=BEIJING)
    assert deadline_for("zero_news", seen, {}) is None
    assert deadline_for("text_issue", seen, {"text_issue": 1}) == datetime(
        2025, 10, 1, tzinfo=BEIJING
    )


def test_open_past_its_deadline_becomes_overdue(sessions):
    with time_machine.travel(MONDAY, tick=False):
        apply(sessions, CheckReport({"article:1"}, [typo("article:1")]))
    with transaction(sessions) as session:
        assert mark_overdue(session, 1, datetime(2025, 6, 16, 23, 0, tzinfo=BEIJING)) == []
    with transaction(sessions) as session:
        late = mark_overdue(session, 1, datetime(2025, 6, 17, 0, 1, tzinfo=BEIJING))
        assert len(late) == 1
    assert rows(sessions)[0].status == FindingStatus.overdue


def test_a_check_may_not_report_kinds_it_does_not_declare(sessions):
    alien = FindingDraft("dead_link", Level.warning, "site", "x", "死链")
    with pytest.raises(ValueError, match="dead_link"):
        apply(sessions, CheckReport({"site"}, [alien]))
