"""`govwatch extract URL` fetches through the crawl's own Scrapy stack: robots.txt is obeyed,
failures are the crawl's named failures, and the page reads as it would in a crawl."""

from __future__ import annotations

import json
import time

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


def test_endless_huge_and_looping_answers_end_in_seconds_with_their_reason(tmp_path):
    from demo.loopback import LoopbackServer, Resource

    def respond(method: str, target: str, body: bytes) -> Resource:
        if target == "/robots.txt":
            return Resource(b"User-agent: *\n", "text/plain")
        return {
            "/endless": Resource(b"", stream=True),
            "/trickle": Resource(b"<p>x</p>", stream=True, stream_pause=0.2),
            "/huge": Resource(b"<html><body>" + b"<p>x</p>" * (50 * 1024 * 1024 // 8)),
            "/redirect-loop": Resource(b"", status=302, location="/redirect-loop"),
        }.get(target, Resource(b"", status=404))

    config = tmp_path / "govwatch.yaml"
    config.write_text(
        "county: 测试县\nportal: {name: 测试县人民政府, start_url: 'http://127.0.0.1:9/'}\n"
        "crawl: {timeout: 3, retries: 2, retry_backoff: 0.1}\n",
        encoding="utf-8",
    )
    expected = {
        "endless": "页面过大",
        "huge": "页面过大",
        "redirect-loop": "重定向循环",
        "trickle": "访问超时",  # answered, then kept trickling: not asked again
    }
    with LoopbackServer(respond) as server:
        for path, label in expected.items():
            started = time.monotonic()
            result = runner.invoke(app, ["extract", f"{server.url}{path}", "-c", str(config)])
            assert result.exit_code == 2 and label in result.stderr, (path, result.stderr)
            assert time.monotonic() - started < 30, path
            assert "Traceback" not in result.output
