"""The 逾期 rule and the figures: boundaries, pinned posts, months the source cannot tell."""

from datetime import datetime, timedelta

import pytest

from checks.accounts.evaluate import judge_fetch
from checks.accounts.rule import Coverage, OverdueRule, PostPoint, figures, judge
from core.accounts import Status
from core.periods import BEIJING, Quarter

AS_OF = datetime(2025, 7, 1, tzinfo=BEIJING)
Q2 = Quarter(2025, 2)
RULE = OverdueRule(14)
FULL = Coverage(None, True)


def at(day: str, hour: int = 12) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=BEIJING)


@pytest.mark.parametrize(
    ("latest", "status", "days", "overdue"),
    [
        (at("2025-06-30", 23), Status.ok, 1, None),
        (at("2025-06-17", 0), Status.ok, 14, None),  # the 14th day before: still in time
        (at("2025-06-16", 23), Status.overdue, 15, 1),  # 逾期1天
        (at("2025-05-31"), Status.overdue, 31, 17),
    ],
)
def test_boundaries(latest, status, days, overdue):
    verdict = judge(latest, AS_OF, RULE)
    assert (verdict.status, verdict.days_since, verdict.overdue_days) == (status, days, overdue)


def test_rule_parameter_from_config():
    assert judge(at("2025-06-20"), AS_OF, OverdueRule(7)).overdue_days == 4


def test_pinned_posts_are_never_the_latest():
    posts = [PostPoint(at("2025-06-30"), pinned=True), PostPoint(at("2025-06-01"))]
    found = figures(posts, FULL, Q2, AS_OF)
    assert found.latest == at("2025-06-01")
    assert found.posts_per_month == {"2025-04": 0, "2025-05": 0, "2025-06": 1}


def test_months_before_the_coverage_are_unknown_not_zero():
    posts = [PostPoint(at("2025-06-20")), PostPoint(at("2025-05-20"))]
    found = figures(posts, Coverage(at("2025-05-20"), False), Q2, AS_OF)
    assert found.posts_per_month == {"2025-04": None, "2025-05": None, "2025-06": 1}
    assert found.longest_gap_days is None


def test_latest_only_source_counts_nothing():
    found = figures([PostPoint(at("2025-06-25"))], Coverage(None, False), Q2, AS_OF)
    assert set(found.posts_per_month.values()) == {None}
    assert found.latest == at("2025-06-25")


def test_pushes_beside_posts_and_longest_gap():
    posts = [PostPoint(at("2025-04-10"), push="a"), PostPoint(at("2025-04-10"), push="a"),
             PostPoint(at("2025-06-20"), push="b")]  # fmt: skip
    found = figures(posts, Coverage(at("2025-03-01"), False, tracks_pushes=True), Q2, AS_OF)
    assert found.posts_per_month["2025-04"] == 2
    assert found.pushes_per_month == {"2025-04": 1, "2025-05": 0, "2025-06": 1}
    assert found.longest_gap_days == (at("2025-06-20").date() - at("2025-04-10").date()).days


def test_posts_after_the_monitoring_point_do_not_count():
    posts = [PostPoint(AS_OF + timedelta(days=3)), PostPoint(at("2025-06-01"))]
    assert figures(posts, FULL, Q2, AS_OF).latest == at("2025-06-01")


def test_a_failed_fetch_is_never_overdue():
    judged = judge_fetch("failed", "captcha", [], Coverage(None, False), AS_OF, RULE)
    assert judged.status == Status.failed and judged.overdue_days is None
    assert judged.reason == "遇到验证码，被平台拦截"


def test_nothing_read_before_the_point_and_incomplete_is_a_failure():
    posts = [PostPoint(AS_OF + timedelta(days=2))]
    judged = judge_fetch("ok", None, posts, Coverage(AS_OF + timedelta(days=2), False), AS_OF, RULE)
    assert judged.status == Status.failed


def test_an_account_with_no_posts_at_all():
    judged = judge_fetch("ok", None, [], FULL, AS_OF, RULE)
    assert judged.status == Status.overdue and judged.reason == "无任何发布"


def test_abnormal():
    judged = judge_fetch("abnormal", "not_found", [], FULL, AS_OF, RULE)
    assert judged.status == Status.abnormal and judged.reason == "账号不存在或已注销"
