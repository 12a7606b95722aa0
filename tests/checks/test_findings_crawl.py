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

    # the news list fails, and 甲镇's May news item is on it: nothing is created or closed
    news = [
        ("/xwdt/202505/t20250520_9.html", "甲镇开展测试新闻活动", "2025-05-20"),
        *[
            (f"/xwdt/202504/t2025040{i}_{i}.html", f"测试新闻第{i}条标题", f"2025-04-0{i}")
            for i in (1, 2, 3)
        ],
    ]
    site.page(
        "/xwdt/",
        list_html(news, '<div class="page"><a href="/xwdt/list.html?page=2">下一页</a></div>'),
    )
    site.page(
        "/xwdt/202505/t20250520_9.html",
        article_html("甲镇开展测试新闻活动", "2025-05-20 09:00", "甲镇", "甲镇测试新闻正文。" * 5),
    )
    site.fail("/xwdt/")
    run_job(config_path, db_url, as_of=AS_OF)
    assert {k: f.status for k, f in zero_news(db_url).items()} == {
        k: FindingStatus.open for k in first
    }

    # read again: only the finding the new item answers is corrected
    site.restore()
    run_job(config_path, db_url, as_of=AS_OF)
    third = zero_news(db_url)
    assert set(third) == set(first)  # the same rows, no duplicates
    assert {k: f.id for k, f in third.items()} == {k: f.id for k, f in first.items()}
    corrected = {k for k, f in third.items() if f.status == FindingStatus.corrected}
    assert corrected == {("甲镇", "2025-05")}
