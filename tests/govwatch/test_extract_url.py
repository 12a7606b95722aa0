"""`govwatch extract URL` fetches through the crawl's own Scrapy stack: robots.txt is obeyed,
failures are the crawl's named failures, and the page reads as it would in a crawl."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from govwatch.cli import app
from tests.conftest import FILES
from tests.httpserver import LocalSite, Route

runner = CliRunner()


def test_extract_url_reads_the_page_and_obeys_robots():
    meta = json.loads((FILES / "trs_article_gbk.json").read_text(encoding="utf-8"))
    body = (FILES / "trs_article_gbk.html").read_bytes()
    with LocalSite() as site:
        site.routes["/art/1.html"] = Route(body, content_type=meta["content_type"])
        site.routes["/private/a.html"] = Route(body, content_type=meta["content_type"])
        ok = runner.invoke(app, ["extract", f"{site.url}art/1.html", "--json"])
        forbidden = runner.invoke(app, ["extract", f"{site.url}private/a.html"])
        missing = runner.invoke(app, ["extract", f"{site.url}nope.html"])
        fetched = site.hits()
    assert ok.exit_code == 0, ok.output
    data = json.loads(ok.stdout)
    assert data["kind"] == "article" and data["published"].startswith("20")
    assert data["charset"] == "gb18030"
    assert "/robots.txt" in fetched and "/private/a.html" not in fetched
    assert forbidden.exit_code == 2 and "robots" in forbidden.stderr
    assert missing.exit_code == 2 and "HTTP 404" in missing.stderr
    for result in (forbidden, missing):
        assert "Traceback" not in result.output
