"""site_unavailable: 19号's availability veto judged from stored probes (a week of hourly
rounds, written directly), tracked through the real findings engine."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from checks.context import CheckContext
from checks.engine import apply_report
from checks.portal.availability import HOME_PLACE, SiteUnavailable
from core.config import load_config
from core.periods import BEIJING
from core.vocab import FindingStatus, Level
from storage.db import make_engine, session_factory, transaction, upgrade
from storage.models import Finding, Probe
from storage.sync import sync_config

HOME = "http://127.0.0.1:9/"
EXTRA = "http://127.0.0.1:9/zwgk/"
REFERENCE = "http://127.0.0.1:10/"
AS_OF = datetime(2025, 7, 8, 0, 30, tzinfo=BEIJING)  # the nightly run's moment
CONFIG = f"""\
county: 测试县
portal: {{name: 测试县人民政府, start_url: "{HOME}"}}
probe: {{urls: ["{EXTRA}"], reference_url: "{REFERENCE}"}}
"""


@pytest.fixture
def db(tmp_path: Path):
    path = tmp_path / "govwatch.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    config = load_config(path)
    url = f"sqlite:///{tmp_path / 'g.db'}"
    upgrade(url)
    engine = make_engine(url)
    sessions = session_factory(engine)
    with transaction(sessions) as session:
        site_id = sync_config(session, config)
    yield sessions, config, site_id
    engine.dispose()


def rounds(end: datetime, days: int = 7, per_day: int = 24) -> list[datetime]:
    """The round times of `days` days up to `end`, oldest first, evenly spaced."""
    step = timedelta(days=1) / per_day
    return [end - step * i for i in range(days * per_day)][::-1]


def home_failure(code: str = "timeout") -> dict:
    status = 503 if code == "http_status" else None
    return {"ok": False, "code": code, "http_status": status, "elapsed_ms": 15000}


def store(
    db,
    times: list[datetime],
    *,
    home: dict[int, dict] | None = None,
    reference: dict[int, dict] | None = None,
    extra: dict[int, dict] | None = None,
    with_reference: bool = True,
) -> None:
    """One round per time: every probe answered 200 unless the round's index says otherwise."""
    sessions, _, site_id = db
    fine = {"ok": True, "code": None, "http_status": 200, "elapsed_ms": 120}
    with transaction(sessions) as session:
        for i, at in enumerate(times):
            urls = [("home", HOME, home), ("extra", EXTRA, extra)]
            if with_reference:
                urls.append(("reference", REFERENCE, reference))
            for role, url, overrides in urls:
                values = (overrides or {}).get(i, fine)
                session.add(Probe(site_id=site_id, round_at=at, url=url, role=role, **values))


def check(db, as_of: datetime = AS_OF):
    """Run the check as the nightly run does and store its report; returns (report, rows)."""
    sessions, config, site_id = db
    with transaction(sessions) as session:
        ctx = CheckContext.latest(session, config, site_id, as_of)
        report = SiteUnavailable().run(ctx)
        apply_report(
            session, site_id=site_id, run_id=None, kinds=SiteUnavailable.kinds, report=report,
            now=as_of,
        )  # fmt: skip
    with sessions() as session:
        return report, list(session.scalars(select(Finding).order_by(Finding.id)))


def spread(count: int, total: int = 168) -> list[int]:
    """`count` round indexes spread over the week (failures are not all in one night)."""
    return [i * total // count for i in range(count)]


def test_four_percent_is_a_warning(db):
    store(db, rounds(AS_OF), home={i: home_failure() for i in spread(7)})  # 7/168 = 4.2 %
    report, rows = check(db)
    assert HOME_PLACE in report.checked
    [row] = rows
    assert (row.kind, row.level, row.place) == ("site_unavailable", Level.warning, HOME_PLACE)
    assert row.title.startswith("首页近7天不可访问率4.2%（168次中7次超过15秒或无法打开）")
    assert "预警线3%" in row.title
    assert row.evidence["probes"] == 168 and row.evidence["failures"] == 7
    assert row.evidence["excluded_rounds"] == 0
    assert len(row.evidence["recent_failures"]) == 5
    newest = row.evidence["recent_failures"][0]
    assert newest["code"] == "timeout" and newest["label"] == "访问超时"
    assert newest["at"] > row.evidence["recent_failures"][-1]["at"]


def test_five_percent_exactly_is_the_veto(db):
    # 20 rounds a day (19号's minimum) × 7 = 140; 7 failures = 5 % exactly: 超过(含)
    times = rounds(AS_OF, per_day=20)
    store(db, times, home={i: home_failure("http_status") for i in spread(7, 140)})
    _, [row] = check(db)
    assert row.level == Level.veto
    assert row.title == ("首页近7天不可访问率5%（140次中7次超过15秒或无法打开），达到单项否决线5%")
    assert row.evidence["rate"] == 0.05
    assert row.evidence["recent_failures"][0]["label"] == "HTTP错误"


def test_rounds_whose_reference_failed_too_do_not_blame_the_site(db):
    offline = spread(12)  # this machine offline 12 times: home and reference both unanswered
    home = {i: home_failure("dns") for i in offline}
    reference = {i: home_failure("dns") for i in offline}
    home[5] = home_failure()  # two real outages while the reference answered
    home[90] = home_failure()
    store(db, rounds(AS_OF), home=home, reference=reference)
    report, rows = check(db)
    assert rows == []  # 2 of 156 = 1.3 %
    assert HOME_PLACE in report.checked


def test_excluded_rounds_are_counted_in_the_evidence(db):
    offline = spread(12)
    home = {i: home_failure("dns") for i in offline}
    reference = {i: home_failure("connection") for i in offline}
    home.update({i: home_failure() for i in (1, 40, 80, 120, 160)})  # 5 / 156 = 3.2 %
    store(db, rounds(AS_OF), home=home, reference=reference)
    _, [row] = check(db)
    assert row.level == Level.warning
    assert row.evidence["probes"] == 156 and row.evidence["failures"] == 5
    assert row.evidence["excluded_rounds"] == 12 and row.evidence["excluded"] == 12


def test_a_reference_that_answers_with_an_error_keeps_the_round(db):
    # the reference's 503 is an answer: the machine was online, the home failures count
    failures = spread(9)
    reference = {i: home_failure("http_status") for i in failures}
    store(db, rounds(AS_OF), home={i: home_failure() for i in failures}, reference=reference)
    _, [row] = check(db)
    assert row.level == Level.veto and row.evidence["excluded_rounds"] == 0


def test_without_a_reference_a_home_failure_counts(db):
    store(db, rounds(AS_OF), home={i: home_failure("dns") for i in spread(9)}, with_reference=False)
    _, [row] = check(db)
    assert row.level == Level.veto  # 9/168 = 5.4 %: nothing says this machine was offline


def test_probes_that_never_left_this_machine_are_not_counted(db):
    local = {"ok": False, "code": "local_network", "http_status": None, "elapsed_ms": 0}
    home = {i: local for i in spread(30)}
    store(db, rounds(AS_OF), home=home, with_reference=False)
    report, rows = check(db)
    assert rows == [] and HOME_PLACE in report.checked  # 0 of 138 usable


def test_too_few_probes_is_unchecked_never_a_finding(db):
    times = rounds(AS_OF, days=1, per_day=19)
    store(db, times, home={i: home_failure() for i in range(10)})  # 10 of 19 failed
    report, rows = check(db)
    assert rows == []
    assert HOME_PLACE not in report.checked
    assert report.unchecked[HOME_PLACE] == "近7天有效探测仅19次，不足20次，不作判断"


def test_probes_outside_the_window_are_not_counted(db):
    old = rounds(AS_OF - timedelta(days=7))  # the week before: all failed
    store(db, old, home={i: home_failure() for i in range(len(old))})
    report, rows = check(db)
    assert rows == [] and "仅0次" in report.unchecked[HOME_PLACE]


def test_a_probe_url_is_judged_as_a_warning_only(db):
    store(db, rounds(AS_OF), extra={i: home_failure() for i in spread(20)})  # 11.9 %
    report, [row] = check(db)
    assert row.place == f"availability:{EXTRA}" and row.url == EXTRA
    assert row.level == Level.warning
    assert row.title.startswith(f"「{EXTRA}」近7天不可访问率11.9%")
    assert HOME_PLACE in report.checked  # the home page itself was fine


def test_a_week_without_failures_corrects_the_finding(db):
    store(db, rounds(AS_OF), home={i: home_failure() for i in spread(9)})
    _, [row] = check(db)
    assert row.status == FindingStatus.open and row.level == Level.veto
    later = AS_OF + timedelta(days=7)
    store(db, rounds(later))  # the next week: every probe answered
    report, [row] = check(db, later)
    assert HOME_PLACE in report.checked
    assert row.status == FindingStatus.corrected and row.corrected_at == later


def test_a_week_without_enough_probes_leaves_the_finding_open(db):
    store(db, rounds(AS_OF), home={i: home_failure() for i in spread(9)})
    check(db)
    later = AS_OF + timedelta(days=7)
    store(db, rounds(later, days=1, per_day=10))  # the scheduler was down most of the week
    report, [row] = check(db, later)
    assert HOME_PLACE in report.unchecked
    assert row.status == FindingStatus.open  # not checked is never corrected
