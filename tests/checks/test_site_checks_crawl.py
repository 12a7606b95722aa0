"""Dead links and site identity on real crawls of a small portal on 127.0.0.1: internal 404s
(a page, an <img>, an attachment) are found at once; a 503, a hang and a 429 produce nothing
on the first run; a 503 seen on two runs in a row is a finding, a 429 never; an external host
this machine cannot reach is not checked; a server refusing HEAD is asked with GET; a fixed
link is corrected; the footer's missing 公安备案号 is found once."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from sqlalchemy import select

from demo.loopback import Resource
from govwatch.jobs.run import run_job
from storage.db import make_engine, session_factory
from storage.models import Finding, LinkCheck, PageIdentity
from tests.checks.portal_site import AS_OF
from tests.crawler.test_crawl import article_html, list_html
from tests.httpserver import LocalSite, Route

FOOTER = (
    '<div class="footer"><p>主办单位：测试县人民政府办公室　联系电话：0000-6221023</p>'
    "<p>滇ICP备05004015号-1　网站标识码：5300000001</p>"
    '<span id="_ideConac"><img src="/images/red.png"></span>'
    '<script id="_jiucuo_" src="/js/jiucuo.js"></script></div>'
)
HOME = (
    "<html><head><meta charset='utf-8'></head><body>"
    '<form action="/search/"><input type="text" name="searchword"></form>'
    '<div class="nav"><a href="/xwdt/">新闻动态</a></div>'
    '<a href="/zt/gone/">已删除的专题</a><a href="/hdjl/zxft/">在线访谈</a>'
    '<a href="/hot.html">热点</a><a href="/slow.html">慢页面</a>'
    '<a href="/headless.html">只认GET</a>'
    '<a href="http://127.0.0.2:9/">外部网站</a><img src="/images/red.png">'
    f"{FOOTER}</body></html>"
)
ARTICLE = "/xwdt/202506/t20250625_1.html"

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
units:
  - name: 县政府办公室
text_check:
  enabled: false
crawl:
  concurrency_per_site: 4
  download_delay: 0
  autothrottle: false
  timeout: 2
  retries: 0
links:
  external_timeout: 2
"""


class Portal(LocalSite):
    """LocalSite, where /headless.html answers HEAD with 405 (as some CMS do) but GET fine."""

    def _respond(self, method: str, target: str, body: bytes) -> Resource:
        if method == "HEAD" and target.startswith("/headless.html"):
            return Resource(b"", "text/html", 405)
        return super()._respond(method, target, body)


@pytest.fixture
def portal(tmp_path: Path):
    with Portal() as site:
        site.page("/", HOME)
        listing = list_html([(ARTICLE, "测试县召开防汛工作会议", "2025-06-25")])
        site.page("/xwdt/", listing.replace("</body>", FOOTER + "</body>"))
        body = (
            "会议要求。" * 20 + '</p><p><a href="/files/通知.pdf">附件：通知.pdf</a>'
            '<img src="/images/missing.jpg" alt="会议现场">'
        )
        site.page(
            ARTICLE,
            article_html("测试县召开防汛工作会议", "2025-06-25 09:00", "县政府办公室", body)
            .replace("</body>", FOOTER + "</body>"),
        )  # fmt: skip
        site.page("/tzgg/", "<html>通知公告</html>")  # linked by the test pages' navigation
        site.page("/hdjl/zxft/", "服务器错误", status=503)
        site.page("/hot.html", "", status=429)
        site.page("/slow.html", "<html>慢</html>", delay=4)
        site.page("/headless.html", "<html><body>GET 可以</body></html>")
        site.routes["/images/red.png"] = Route(b"\x89PNG", content_type="image/png")
        site.page("/js/jiucuo.js", "/* 我为政府网站找错 */")
        config_path = tmp_path / "govwatch.yaml"
        config_path.write_text(CONFIG.format(url=site.url), encoding="utf-8")
        yield site, config_path, f"sqlite:///{tmp_path / 'govwatch.db'}"


def _findings(db_url: str, kind: str) -> dict[str, Finding]:
    with session_factory(make_engine(db_url))() as session:
        rows = session.scalars(select(Finding).where(Finding.kind == kind))
        return {unquote(f.evidence.get("target") or f.evidence["element"]): f for f in rows}


def _outcomes(db_url: str, run_id: int) -> dict[str, str]:
    with session_factory(make_engine(db_url))() as session:
        rows = session.scalars(select(LinkCheck).where(LinkCheck.run_id == run_id))
        return {unquote(r.url.split("/", 3)[-1]) if r.internal else r.url: r.outcome for r in rows}


def test_dead_links_and_identity_over_three_runs(portal):
    site, config_path, db_url = portal
    first = run_job(config_path, db_url, as_of=AS_OF)
    outcomes = _outcomes(db_url, first.run_id)
    assert outcomes["zt/gone/"] == "dead"
    assert outcomes["files/通知.pdf"] == "dead"
    assert outcomes["images/missing.jpg"] == "dead"
    assert outcomes["hdjl/zxft/"] == outcomes["slow.html"] == "suspected"
    assert outcomes["hot.html"] == outcomes["http://127.0.0.2:9/"] == "not_checked"
    assert outcomes["headless.html"] == outcomes["images/red.png"] == "ok"
    assert outcomes["xwdt/"] == outcomes[ARTICLE.lstrip("/")] == "ok"  # read by the crawl

    dead = _findings(db_url, "dead_link")
    assert sorted(t.split("/", 3)[-1] for t in dead) == [
        "files/通知.pdf",
        "images/missing.jpg",
        "zt/gone/",
    ]
    home = dead[f"{site.url}zt/gone/"]
    assert home.title == "首页链接“已删除的专题”无法访问（HTTP 404）"
    assert home.evidence["scope"] == "home" and home.url == site.url
    image = dead[f"{site.url}images/missing.jpg"]
    assert (image.unit, image.column, image.url) == (
        "县政府办公室",
        "新闻动态",
        site.url + ARTICLE[1:],
    )
    assert image.evidence["tag_label"] == "图片" and image.evidence["scope"] == "other"

    identity = _findings(db_url, "identity_missing")
    # the test articles carry only ArticleTitle, PubDate and ContentSource of the meta tags
    assert set(identity) == {"police_record", "article_meta"}
    police = identity["police_record"]
    assert police.title == "网站页面底部未标注公安机关备案号" and police.url == site.url
    assert (police.evidence["pages_checked"], police.evidence["pages_lacking"]) == (3, 3)
    meta = identity["article_meta"]
    assert meta.column == "新闻动态" and meta.level == "info"
    assert set(meta.evidence["lacking"]) == {
        "SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType"
    }  # fmt: skip

    # the next night: the 503 and the hang again (suspected twice → a finding), still 429
    second = run_job(config_path, db_url, as_of=AS_OF + timedelta(days=1))
    assert _outcomes(db_url, second.run_id)["hdjl/zxft/"] == "suspected"
    dead = _findings(db_url, "dead_link")
    repeated = dead[f"{site.url}hdjl/zxft/"]
    assert repeated.title == "首页链接“在线访谈”无法访问（HTTP 503），连续两次检查均失败"
    assert f"{site.url}hot.html" not in dead and "http://127.0.0.2:9/" not in dead

    # the office restores the 专题 and the attachment: corrected, the rest stays open
    site.page("/zt/gone/", "<html>专题</html>")
    site.page(quote("/files/通知.pdf"), "%PDF-1.4")  # served as requested: percent-encoded
    third = run_job(config_path, db_url, as_of=AS_OF + timedelta(days=2))
    status = {t.split("/", 3)[-1]: f.status for t, f in _findings(db_url, "dead_link").items()}
    assert status["zt/gone/"] == status["files/通知.pdf"] == "corrected"
    # the article was not fetched again (unchanged), its failing links were asked again
    assert _outcomes(db_url, third.run_id)["images/missing.jpg"] == "dead"
    assert status["images/missing.jpg"] == "open"


def test_a_failed_home_page_judges_no_identity(portal):
    site, config_path, db_url = portal
    site.routes["/"] = replace(site.routes["/"], status=500)
    run = run_job(config_path, db_url, as_of=AS_OF)
    # the article pages' meta tags are judged without the home page; nothing else is
    assert set(_findings(db_url, "identity_missing")) == {"article_meta"}
    with session_factory(make_engine(db_url))() as session:
        kinds = set(
            session.scalars(select(PageIdentity.page_kind).where(PageIdentity.run_id == run.run_id))
        )
    assert "home" not in kinds
