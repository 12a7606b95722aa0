"""The portal and board checks on real crawls of a small portal on 127.0.0.1: each planted
problem is found once; a list or 留言 page that fails creates and closes nothing; the same
problem over three runs is one row; a fixed problem is corrected; a deadline makes overdue."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import select

from core.config import load_config
from core.periods import BEIJING
from core.vocab import FindingStatus, Level
from govwatch.jobs.checks import run_checks
from govwatch.jobs.run import run_job
from storage.db import make_engine, session_factory
from storage.models import BoardMessage, Finding
from tests.checks.portal_site import AS_OF, CONFIG, MESSAGES, board_detail_html, build_portal
from tests.crawler.test_crawl import article_html, list_html
from tests.httpserver import LocalSite

KINDS = ("stale_column", "empty_column", "homepage_stale", "elements_missing", "board_unanswered",
         "board_no_recent_reply")  # fmt: skip


@pytest.fixture
def portal(tmp_path: Path):
    with LocalSite() as site:
        build_portal(site)
        config_path = tmp_path / "govwatch.yaml"
        config_path.write_text(CONFIG.format(url=site.url), encoding="utf-8")
        yield site, config_path, f"sqlite:///{tmp_path / 'govwatch.db'}"


def findings(db_url: str) -> dict[tuple[str, str | None], Finding]:
    with session_factory(make_engine(db_url))() as session:
        rows = session.scalars(select(Finding).where(Finding.kind.in_(KINDS)))
        return {(f.kind, f.column): f for f in rows}


def test_each_problem_is_found_once_and_nothing_else(portal):
    _, config_path, db_url = portal
    run_job(config_path, db_url, as_of=AS_OF)
    found = findings(db_url)
    assert sorted(found) == [
        ("board_unanswered", "网民留言"),
        ("elements_missing", "通知公告"),
        ("empty_column", "重大项目"),
        ("stale_column", "通知公告"),
    ]
    stale = found[("stale_column", "通知公告")]
    assert (
        stale.title
        == "「通知公告」栏目已272天未更新（通知公告类栏目应在180天内更新，最近一条为2024-10-01）"
    )
    assert (stale.unit, stale.level, stale.evidence["stale"]) == ("县政府办公室", "warning", True)
    assert found[("empty_column", "重大项目")].unit == "县发展改革局"
    unanswered = found[("board_unanswered", "网民留言")]
    assert unanswered.unit == "县教育局"  # 测试县教育体育局 on the page, matched by alias
    assert unanswered.level == Level.veto
    assert "咨询学生转学手续办理流程" in unanswered.title
    assert found[("elements_missing", "通知公告")].evidence["missing"] == "source"

    with session_factory(make_engine(db_url))() as session:
        stored = {m.title: m for m in session.scalars(select(BoardMessage))}
    assert len(stored) == len(MESSAGES)
    # the reply time is not on the page: replied, time unknown, not unanswered
    assert stored["咨询社保卡补办地点"].replied and stored["咨询社保卡补办地点"].replied_at is None
    suggestion = stored["建议在县城增设公交站点"]
    assert (suggestion.msg_type, suggestion.type_inferred) == ("意见建议", True)
    assert stored["关于小区路灯损坏的求助"].msg_type == "服务诉求"
    assert not stored["关于小区路灯损坏的求助"].type_inferred


def test_failed_pages_create_and_close_nothing(portal):
    site, config_path, db_url = portal
    # run 1: the empty column's list and the unanswered 留言's page fail
    site.routes["/zdxm/"].status = 500
    site.routes["/hdjl/content_1.html"].status = 503
    run_job(config_path, db_url, as_of=AS_OF)
    first = findings(db_url)
    assert ("empty_column", "重大项目") not in first
    assert ("board_unanswered", "网民留言") not in first
    assert ("stale_column", "通知公告") in first

    # run 2: the notice list fails while the column became fresh: the finding waits
    site.routes["/zdxm/"].status = 200
    site.routes["/hdjl/content_1.html"].status = 200
    fresh = ("/tzgg/202506/t20250620_3.html", "关于防汛的通知", "2025-06-20")
    site.page("/tzgg/", list_html([fresh]))
    site.page(fresh[0], article_html(fresh[1], "2025-06-20 09:00", "县政府办公室", "防汛。" * 20))
    site.routes["/tzgg/"].status = 500
    run_job(config_path, db_url, as_of=AS_OF)
    second = findings(db_url)
    assert second[("stale_column", "通知公告")].status == FindingStatus.open
    assert second[("empty_column", "重大项目")].status == FindingStatus.open

    # run 3: everything comes back: the fresh column is corrected, the empty one is the same row
    site.routes["/tzgg/"].status = 200
    run_job(config_path, db_url, as_of=AS_OF)
    third = findings(db_url)
    assert third[("stale_column", "通知公告")].status == FindingStatus.corrected
    assert third[("stale_column", "通知公告")].id == first[("stale_column", "通知公告")].id
    empty = third[("empty_column", "重大项目")]
    assert (empty.id, empty.status) == (second[("empty_column", "重大项目")].id, "open")
    assert empty.last_seen > empty.first_seen


def test_the_same_problems_over_three_runs_are_the_same_rows(portal):
    _, config_path, db_url = portal
    ids = []
    for _ in range(3):
        run_job(config_path, db_url, as_of=AS_OF)
        ids.append({k: f.id for k, f in findings(db_url).items()})
    assert ids[0] == ids[1] == ids[2] and len(ids[0]) == 4


def test_an_answer_corrects_the_unanswered_message(portal):
    site, config_path, db_url = portal
    run_job(config_path, db_url, as_of=AS_OF)
    answered = (*MESSAGES[0][:5], "已办结", "2025-06-30 10:00", "您好，转学手续请到学校办理。")
    site.page("/hdjl/content_1.html", board_detail_html(answered))
    run_job(config_path, db_url, as_of=AS_OF)
    assert findings(db_url)[("board_unanswered", "网民留言")].status == FindingStatus.corrected


def test_a_silent_board_is_warned_and_a_warning_comes_before_the_news_veto(portal):
    site, config_path, db_url = portal
    later = AS_OF + timedelta(days=75)  # 14 September: the last reply (5 June) is 3 months old
    news = ("/xwdt/202509/t20250901_7.html", "测试县召开秋收工作会议", "2025-09-01")
    site.page("/xwdt/", list_html([news]))
    site.page(news[0], article_html(news[1], "2025-09-01 09:00", "县政府办公室", "秋收。" * 20))
    run_job(config_path, db_url, as_of=later)
    found = findings(db_url)
    silent = found[("board_no_recent_reply", "网民留言")]
    assert silent.level == Level.warning and silent.evidence["last_reply"].startswith("2025-06-05")
    news_column = found[("stale_column", "新闻动态")]  # 13 days: a warning, not yet stale
    assert news_column.level == Level.warning and news_column.evidence["stale"] is False
    assert "超过14天将计为不更新栏目" in news_column.title


def test_a_stale_column_past_its_deadline_is_overdue(portal):
    _, config_path, db_url = portal
    config = load_config(config_path)
    monday = datetime(2025, 7, 7, 9, tzinfo=BEIJING)
    with time_machine.travel(monday, tick=False):
        result = run_job(config_path, db_url, as_of=AS_OF)
    assert findings(db_url)[("stale_column", "通知公告")].status == FindingStatus.open
    sessions = session_factory(make_engine(db_url))
    # 10 working days after Monday 7 July end on Monday 21 July, 24:00
    with time_machine.travel(datetime(2025, 7, 21, 23, tzinfo=BEIJING), tick=False):
        run_checks(sessions, config, result.site_id, result.run_id, AS_OF)
    assert findings(db_url)[("stale_column", "通知公告")].status == FindingStatus.open
    with time_machine.travel(datetime(2025, 7, 22, 0, 5, tzinfo=BEIJING), tick=False):
        summary = run_checks(sessions, config, result.site_id, result.run_id, AS_OF)
    assert findings(db_url)[("stale_column", "通知公告")].status == FindingStatus.overdue
    assert summary.overdue >= 1
