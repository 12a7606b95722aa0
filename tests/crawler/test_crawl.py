"""The real spider against a small portal on 127.0.0.1: storage, incremental runs, failures."""

from __future__ import annotations

import os
import socket
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from checks.publishing import quarter_figures
from core.config import load_config
from core.periods import BEIJING, Quarter
from govwatch.jobs.errors import CrawlInProgress
from govwatch.jobs.run import prepare, run_job
from storage.db import make_engine, session_factory
from storage.models import Article, Column, ColumnRunState, CrawlRun, FetchFailureRecord
from tests.httpserver import LocalSite, Route

AS_OF = datetime(2025, 7, 1, tzinfo=BEIJING)

NAV = '<div class="nav"><a href="/xwdt/">新闻动态</a><a href="/tzgg/">通知公告</a></div>'


def article_html(title: str, date: str, source: str | None, body: str) -> str:
    meta = f'<meta name="ContentSource" content="{source}">' if source else ""
    return f"""<html><head><meta charset="utf-8"><meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="{date}">{meta}<title>{title}_测试县人民政府</title></head>
<body>{NAV}<h1>{title}</h1><div class="TRS_Editor"><p>{body}</p></div></body></html>"""


def list_html(entries: list[tuple[str, str, str]], pager: str = "") -> str:
    items = "".join(
        f'<li><a href="{href}" title="{title}">{title}</a><span>{date}</span></li>'
        for href, title, date in entries
    )
    return (
        f"<html><head><meta charset='utf-8'></head><body>{NAV}"
        f"<ul class='list'>{items}</ul>{pager}</body></html>"
    )


CONFIG = """\
county: 测试县
portal:
  name: 测试县人民政府
  start_url: {url}
  discover_columns: false
columns:
  - name: 新闻动态
    url: {url}xwdt/
    category: news
    unit: 县政府办公室
  - name: 通知公告
    url: {url}tzgg/
    category: notice
units:
  - name: 县政府办公室
  - name: 县教育局
    aliases: [县教体局]
  - name: 甲镇
    kind: township
text_check:  # checked in test_text_wiring.py
  enabled: false
crawl:
  concurrency_per_site: 4
  download_delay: 0
  autothrottle: false
  timeout: 3
  retries: 1
  retry_backoff: 0.05
"""


def build_site(site: LocalSite) -> None:
    site.page("/", f"<html><body>{NAV}<p>首页</p></body></html>")
    news = [
        (f"/xwdt/202504/t2025040{i}_{i}.html", f"测试新闻第{i}条标题", f"2025-04-0{i}")
        for i in range(1, 7)
    ]
    site.page(
        "/xwdt/",
        list_html(news[:3], '<div class="page"><a href="/xwdt/list.html?page=2">下一页</a></div>'),
    )
    site.page(
        "/xwdt/list.html",
        list_html(news[3:], '<div class="page"><a href="/xwdt/">上一页</a></div>'),
    )
    sources = ["测试县教体局", "县教体局", None, "甲镇人民政府", "测试州融媒体中心", "县教育局"]
    for (path, title, date), source in zip(news, sources, strict=True):
        site.page(path, article_html(title, f"{date} 09:00", source, f"{title}正文内容。" * 5))
    notices = [("/tzgg/202505/t20250510_1.html", "关于开展测试工作的通知", "2025-05-10")]
    site.page("/tzgg/", list_html(notices))
    site.page(
        notices[0][0],
        article_html(notices[0][1], "2025-05-10 10:00", "甲镇", "请各单位认真做好测试工作。" * 5),
    )


@pytest.fixture
def portal(tmp_path: Path):
    with LocalSite() as site:
        build_site(site)
        config_path = tmp_path / "govwatch.yaml"
        config_path.write_text(CONFIG.format(url=site.url), encoding="utf-8")
        yield site, config_path, f"sqlite:///{tmp_path / 'govwatch.db'}"


def figures(config_path: Path, db_url: str, site_id: int):
    with session_factory(make_engine(db_url))() as session:
        return quarter_figures(
            session, load_config(config_path), site_id, Quarter.parse("2025Q2"), AS_OF
        )


def test_first_run_stores_every_article_and_attributes_units(portal):
    _site, config_path, db_url = portal
    result = run_job(config_path, db_url)
    assert (result.status, result.exit_code) == ("finished", 0)

    with session_factory(make_engine(db_url))() as session:
        rows = {a.title: a for a in session.scalars(select(Article))}
        assert len(rows) == 7
        assert rows["测试新闻第1条标题"].unit.name == "县教育局"
        assert rows["测试新闻第3条标题"].unit.name == "县政府办公室"  # no source: column unit
        assert rows["测试新闻第4条标题"].unit.name == "甲镇"
        assert rows["测试新闻第5条标题"].unit is None  # kept, listed as unmatched
        assert rows["测试新闻第5条标题"].source_raw == "测试州融媒体中心"
        assert rows["测试新闻第1条标题"].published_at == datetime(2025, 4, 1, 9, tzinfo=BEIJING)
        states = session.scalars(select(ColumnRunState)).all()
        assert len(states) == 2 and all(s.complete for s in states)
        assert {s.list_pages for s in states} == {2, 1}

    fig = figures(config_path, db_url, result.site_id)
    assert fig.items == 7
    assert fig.publishing_units == 3
    assert fig.units["县教育局"]["2025-04"] == {"all": 3, "news": 3}
    assert fig.units["甲镇"]["2025-05"] == {"all": 1, "news": 0}
    assert fig.zero_news_units == {
        "2025-04": [],
        "2025-05": ["县政府办公室", "县教育局", "甲镇"],
        "2025-06": ["县政府办公室", "县教育局", "甲镇"],
    }
    assert fig.unattributed_items == 1
    assert fig.unmatched_sources[0]["source"] == "测试州融媒体中心"
    assert fig.fetch_failures == []


def test_second_run_fetches_list_pages_and_only_new_or_changed_articles(portal):
    site, config_path, db_url = portal
    run_job(config_path, db_url)
    site.reset_log()

    # incremental: the first news page lists only known articles, so page 2 is not read
    second = run_job(config_path, db_url)
    assert second.status == "finished"
    # the crawl's requests, and "/" once more: the run's availability probe after the crawl
    assert sorted(site.hits()) == sorted(["/robots.txt", "/", "/xwdt/", "/tzgg/", "/"])
    site.reset_log()
    full = run_job(config_path, db_url, full=True)
    assert "/xwdt/list.html" in site.hits()
    with session_factory(make_engine(db_url))() as session:
        runs = {r.id: r for r in session.scalars(select(CrawlRun))}
        assert (runs[second.run_id].full, runs[full.run_id].full) == (False, True)
        states = session.scalars(
            select(ColumnRunState).where(ColumnRunState.run_id == second.run_id)
        ).all()
        assert all(s.complete for s in states)  # stopping at known entries is complete
        assert [s.stopped_early for s in states].count(True) == 1

    # one new article, one whose list entry changed (title corrected)
    site.page(
        "/tzgg/",
        list_html(
            [
                ("/tzgg/202506/t20250601_2.html", "关于测试工作的补充通知", "2025-06-01"),
                ("/tzgg/202505/t20250510_1.html", "关于开展测试工作的通知（修订）", "2025-05-10"),
            ]
        ),
    )
    site.page(
        "/tzgg/202506/t20250601_2.html",
        article_html("关于测试工作的补充通知", "2025-06-01 08:00", "县教育局", "补充。" * 20),
    )
    site.page(
        "/tzgg/202505/t20250510_1.html",
        article_html("关于开展测试工作的通知（修订）", "2025-05-10 10:00", "甲镇", "修订。" * 20),
    )
    site.reset_log()
    third = run_job(config_path, db_url)
    articles = [h for h in site.hits() if h.endswith(".html") and "/2025" in h]
    assert sorted(articles) == ["/tzgg/202505/t20250510_1.html", "/tzgg/202506/t20250601_2.html"]
    with session_factory(make_engine(db_url))() as session:
        run = session.get_one(CrawlRun, third.run_id)
        # the news column's first page is all known: its second page is not read again
        assert (run.articles_new, run.articles_changed, run.articles_unchanged) == (1, 1, 3)
        assert session.query(Article).count() == 8  # no duplicates


def test_list_pages_answering_500_make_the_column_incomplete_not_empty(portal):
    site, config_path, db_url = portal
    first = run_job(config_path, db_url)
    assert figures(config_path, db_url, first.site_id).crawl_complete

    for path in ("/xwdt/", "/xwdt/list.html"):
        site.routes[path].status = 500
    second = run_job(config_path, db_url)
    assert second.status == "incomplete"

    with session_factory(make_engine(db_url))() as session:
        column = session.scalar(select(Column).where(Column.name == "新闻动态"))
        state = session.scalar(
            select(ColumnRunState).where(
                ColumnRunState.run_id == second.run_id, ColumnRunState.column_id == column.id
            )
        )
        assert state is not None and not state.complete and state.failed_pages == 1
        errors = session.scalars(
            select(FetchFailureRecord).where(FetchFailureRecord.run_id == second.run_id)
        ).all()
        assert [(e.code, e.http_status, e.page_kind) for e in errors] == [
            ("http_status", 500, "list")
        ]

    fig = figures(config_path, db_url, second.site_id)
    # nothing stored was lost, and no unit is reported as having published no news
    assert fig.items == 7
    assert fig.zero_news_units == {}
    assert fig.zero_news_unverified["2025-05"] == ["县政府办公室", "县教育局", "甲镇"]
    assert fig.run is not None and fig.run.incomplete_columns == ["新闻动态"]
    assert fig.fetch_failures[0]["label"] == "HTTP错误"


def test_timeouts_and_refused_connections_are_named(portal):
    site, config_path, db_url = portal
    site.routes["/tzgg/"].delay = 5  # over the 3 s timeout in the config
    # a column on a host where nothing listens
    refused = "  - name: 人事信息\n    url: http://127.0.0.1:9/rsxx/\n    category: personnel\n"
    text = config_path.read_text(encoding="utf-8")
    text = text.replace("units:", refused + "units:")
    text = text.replace(
        "discover_columns: false", "discover_columns: false\n  allowed_domains: [127.0.0.1]"
    )
    config_path.write_text(text, encoding="utf-8")
    result = run_job(config_path, db_url)
    with session_factory(make_engine(db_url))() as session:
        reasons = {
            e.url.split("/", 3)[-1]: e.code
            for e in session.scalars(
                select(FetchFailureRecord).where(FetchFailureRecord.run_id == result.run_id)
            )
        }
    assert reasons == {"tzgg/": "timeout", "rsxx/": "connection"}


def test_undecodable_and_empty_pages_are_failures_and_a_vanished_list_is_not_empty(portal):
    site, config_path, db_url = portal
    run_job(config_path, db_url)

    # the notice list now shows nothing although an article was listed before (a template
    # change, or the CMS serving an error page with status 200)
    site.page("/tzgg/", "<html><body><div class='nav'></div><p>系统维护中</p></body></html>")
    # a news article now comes back empty, another as bytes in no charset
    site.routes["/xwdt/202504/t20250401_1.html"].body = b""
    site.routes["/xwdt/202504/t20250402_2.html"].body = bytes(range(256)) * 8
    site.routes["/xwdt/202504/t20250402_2.html"].content_type = "text/html"
    for path in ("/xwdt/202504/t20250401_1.html", "/xwdt/202504/t20250402_2.html"):
        site.routes[path].status = 200
    # their list entries change, so the incremental run fetches them again
    site.page(
        "/xwdt/",
        list_html(
            [
                ("/xwdt/202504/t20250401_1.html", "测试新闻第1条标题（更新）", "2025-04-01"),
                ("/xwdt/202504/t20250402_2.html", "测试新闻第2条标题（更新）", "2025-04-02"),
            ]
        ),
    )
    result = run_job(config_path, db_url)
    with session_factory(make_engine(db_url))() as session:
        reasons = {
            e.url.removeprefix(site.url): e.code
            for e in session.scalars(
                select(FetchFailureRecord).where(FetchFailureRecord.run_id == result.run_id)
            )
        }
        assert reasons == {
            "xwdt/202504/t20250401_1.html": "empty_page",
            "xwdt/202504/t20250402_2.html": "decode",
            "tzgg/": "template_changed",  # it listed entries before: not an empty column
        }
        assert session.query(Article).count() == 7  # the stored versions are kept
    fig = figures(config_path, db_url, result.site_id)
    assert fig.run is not None and sorted(fig.run.incomplete_columns) == ["新闻动态", "通知公告"]
    assert fig.zero_news_units == {}


def test_findings_wait_for_the_month_to_end_and_need_a_news_column(portal):
    _site, config_path, db_url = portal
    result = run_job(config_path, db_url)
    mid_june = datetime(2025, 6, 15, tzinfo=BEIJING)
    with session_factory(make_engine(db_url))() as session:
        fig = quarter_figures(
            session, load_config(config_path), result.site_id, Quarter.parse("2025Q2"), mid_june
        )
    assert list(fig.zero_news_units) == ["2025-04", "2025-05"]  # June is still running

    # without any news column nothing can be said about news
    config_path.write_text(
        config_path.read_text(encoding="utf-8").replace("category: news", "category: other"),
        encoding="utf-8",
    )
    site_id = prepare(load_config(config_path), db_url)
    fig = figures(config_path, db_url, site_id)
    assert fig.zero_news_units == {} and list(fig.zero_news_unverified) == [
        "2025-04",
        "2025-05",
        "2025-06",
    ]


def test_an_alias_added_later_reattributes_stored_items_without_a_crawl(portal):
    _site, config_path, db_url = portal
    result = run_job(config_path, db_url)
    assert figures(config_path, db_url, result.site_id).unattributed_items == 1

    config_path.write_text(
        config_path.read_text(encoding="utf-8").replace(
            "  - name: 县政府办公室", "  - name: 县政府办公室\n    aliases: [测试州融媒体中心]"
        ),
        encoding="utf-8",
    )
    site_id = prepare(load_config(config_path), db_url)
    fig = figures(config_path, db_url, site_id)
    assert fig.unattributed_items == 0 and fig.unmatched_sources == []
    assert fig.units["县政府办公室"]["2025-04"] == {"all": 2, "news": 2}


def test_redirected_articles_are_not_fetched_again(portal):
    site, config_path, db_url = portal
    moved = "/xwdt/202504/t20250401_1.html"
    site.routes["/xwdt/202504/moved_1.html"] = site.routes[moved]
    site.routes[moved] = Route(status=301, location="/xwdt/202504/moved_1.html")
    run_job(config_path, db_url)
    site.reset_log()
    run_job(config_path, db_url)
    assert not [h for h in site.hits() if "/202504/" in h]
    with session_factory(make_engine(db_url))() as session:
        assert session.scalar(select(Article).where(Article.url.endswith(moved))) is not None


def test_robots_forbidden_column_and_a_second_crawl_while_one_runs(portal):
    site, config_path, db_url = portal
    text = config_path.read_text(encoding="utf-8")
    private = f"  - name: 内部通知\n    url: {site.url}private/list/\n    category: notice\n"
    config_path.write_text(text.replace("units:", private + "units:"), encoding="utf-8")
    result = run_job(config_path, db_url)
    with session_factory(make_engine(db_url))() as session:
        (error,) = session.scalars(select(FetchFailureRecord)).all()
        assert (error.code, error.url) == ("robots", f"{site.url}private/list/")

        # a crawl started by a live process blocks the next one
        session.add(
            CrawlRun(
                site_id=result.site_id,
                started_at=datetime(2025, 7, 1, tzinfo=BEIJING),
                status="running",
                owner=f"{socket.gethostname()}:{os.getpid()}",
            )
        )
        session.commit()
    with pytest.raises(CrawlInProgress, match="still running"):
        run_job(config_path, db_url)
