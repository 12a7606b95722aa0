"""Findings from real crawls of a small portal on 127.0.0.1: a list page that fails creates
and closes nothing; the same problem over runs is one row; a fixed problem is corrected."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from core.vocab import FindingStatus
from govwatch.jobs.run import run_job
from storage.db import make_engine, session_factory
from storage.models import Finding
from tests.crawler.test_crawl import AS_OF, CONFIG, article_html, build_site, list_html
from tests.httpserver import LocalSite


@pytest.fixture
def portal(tmp_path: Path):
    with LocalSite() as site:
        build_site(site)
        config_path = tmp_path / "govwatch.yaml"
        config_path.write_text(CONFIG.format(url=site.url), encoding="utf-8")
        yield site, config_path, f"sqlite:///{tmp_path / 'govwatch.db'}"


def zero_news(db_url: str) -> dict[tuple[str, str], Finding]:
    with session_factory(make_engine(db_url))() as session:
        rows = session.scalars(select(Finding).where(Finding.kind == "zero_news"))
        return {(f.unit or "", f.evidence["month"]): f for f in rows}


def test_zero_news_findings_follow_complete_crawls_only(portal):
    site, config_path, db_url = portal
    run_job(config_path, db_url, as_of=AS_OF)
    first = zero_news(db_url)
    # April: every unit has news; May and June: none has (the notice is not news)
    assert sorted(first) == sorted(
        (unit, month)
        for unit in ("县政府办公室", "县教育局", "甲镇")
        for month in ("2025-05", "2025-06")
    )
    assert all(f.status == FindingStatus.open for f in first.values())
    assert first[("甲镇", "2025-05")].title == "甲镇2025年5月新闻类信息发布为0"

    # a news list page fails: nothing is created, nothing is closed
    site.fail("/xwdt/list.html")
    site.routes.pop("/xwdt/list.html")
    run_job(config_path, db_url, as_of=AS_OF)
    assert {k: f.status for k, f in zero_news(db_url).items()} == {
        k: FindingStatus.open for k in first
    }

    # clean again, and 甲镇 now shows a May news item: only that finding is corrected
    site.restore()
    site.page(
        "/xwdt/list.html",
        list_html(
            [("/xwdt/202505/t20250520_9.html", "甲镇开展测试新闻活动", "2025-05-20")],
            '<div class="page"><a href="/xwdt/">上一页</a></div>',
        ),
    )
    site.page(
        "/xwdt/202505/t20250520_9.html",
        article_html("甲镇开展测试新闻活动", "2025-05-20 09:00", "甲镇", "甲镇测试新闻正文。" * 5),
    )
    run_job(config_path, db_url, as_of=AS_OF)
    third = zero_news(db_url)
    assert set(third) == set(first)  # the same rows, no duplicates
    assert {k: f.id for k, f in third.items()} == {k: f.id for k, f in first.items()}
    corrected = {k for k, f in third.items() if f.status == FindingStatus.corrected}
    assert corrected == {("甲镇", "2025-05")}
