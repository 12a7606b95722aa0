"""`govwatch probe` against servers of its own on 127.0.0.1: a page that answers, one that
answers 503, one that hangs past the time-out, a closed port, a reference on another server."""

from __future__ import annotations

import socket
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from core.periods import BEIJING
from govwatch.cli import app
from govwatch.jobs import probe_http
from govwatch.jobs.probe import probe_job
from govwatch.jobs.probe_http import probe_urls
from govwatch.jobs.tasks import JobContext
from govwatch.jobs.tasks import probe as probe_task
from storage.db import make_engine, session_factory
from storage.models import Probe
from tests.httpserver import LocalSite

runner = CliRunner()
TIMEOUT = 1.0


def closed_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def portal():
    with LocalSite() as site:
        site.page("/", "<html><body>测试县人民政府</body></html>")
        site.page("/down", "<h1>503</h1>", status=503)
        site.page("/slow", "<p>late</p>", delay=5)  # the server ends the wait when it stops
        site.page("/moved", "", status=302, location="/")
        site.page("/loop", "", status=302, location="/loop")
        site.page("/waf", "<html><body>请完成安全验证，向右滑动</body></html>", status=403)
        site.page("/forbidden", "<h1>403 Forbidden</h1>", status=403)
        yield site


@pytest.fixture
def reference():
    with LocalSite() as site:
        site.page("/", "<p>reference</p>")
        yield site


def write_config(tmp_path: Path, start_url: str, urls: list[str], reference_url: str) -> Path:
    listed = ", ".join(f'"{u}"' for u in urls)
    path = tmp_path / "govwatch.yaml"
    path.write_text(
        f"""county: 测试县
portal: {{name: 测试县人民政府, start_url: "{start_url}"}}
probe: {{urls: [{listed}], reference_url: "{reference_url}", timeout: {TIMEOUT}}}
""",
        encoding="utf-8",
    )
    return path


def stored(db_url: str) -> list[Probe]:
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            return list(session.scalars(select(Probe).order_by(Probe.id)))
    finally:
        engine.dispose()


def test_one_round_is_stored_and_printed(tmp_path, portal, reference):
    dead = f"http://127.0.0.1:{closed_port()}/"
    urls = [portal.url + "down", portal.url + "slow", dead]
    config = write_config(tmp_path, portal.url, urls, reference.url)
    db = f"sqlite:///{tmp_path / 'g.db'}"
    began = time.monotonic()
    result = runner.invoke(app, ["probe", "-c", str(config), "--db", db])
    took = time.monotonic() - began
    assert result.exit_code == 0, result.output + result.stderr  # a site down is not an error
    rows = stored(db)
    assert [(r.role, r.url) for r in rows] == [
        ("home", portal.url),
        ("extra", urls[0]),
        ("extra", urls[1]),
        ("extra", dead),
        ("reference", reference.url),
    ]
    assert len({r.round_at for r in rows}) == 1 and {r.origin for r in rows} == {"cli"}
    home, down, slow, refused, ref = rows
    assert (home.ok, home.http_status, home.code) == (True, 200, None)
    assert home.elapsed_ms is not None and home.elapsed_ms < 1000
    assert (down.ok, down.http_status, down.code) == (False, 503, "http_status")
    assert (slow.ok, slow.http_status, slow.code) == (False, None, "timeout")
    assert 900 <= slow.elapsed_ms <= 1600
    assert (refused.ok, refused.code) == (False, "connection")
    assert (ref.ok, ref.http_status) == (True, 200)
    assert took < 10  # concurrent, each bounded by 1 s (the rest is the schema's creation)
    text = result.output
    assert f"首页 {portal.url}  可访问，HTTP 200，响应时间" in text
    assert f"其他 {urls[0]}  无法访问，HTTP 503，响应时间" in text
    assert "失败原因：HTTP错误（HTTP 503）" in text
    assert f"其他 {urls[1]}  无法访问，无应答" in text and "失败原因：访问超时" in text
    assert "失败原因：无法连接" in text
    assert f"参照 {reference.url}  可访问" in text
    assert "近7天首页探测1次、失败0次、失败率0%；有效探测不足20次，不作判断" in text


def test_a_failed_reference_excludes_the_round(tmp_path, portal):
    config = write_config(tmp_path, portal.url + "slow", [], f"http://127.0.0.1:{closed_port()}/")
    db = f"sqlite:///{tmp_path / 'g.db'}"
    result = runner.invoke(app, ["probe", "-c", str(config), "--db", db])
    assert result.exit_code == 0
    assert "近7天首页探测0次、失败0次（另有1次因本机网络故障未计入）" in result.output
    assert "其中1轮参照网址也无法访问，视为本机网络故障，整轮未计入" in result.output
    assert [r.code for r in stored(db)] == ["timeout", "connection"]


def test_bad_config_is_a_clear_error(tmp_path):
    config = tmp_path / "govwatch.yaml"
    config.write_text(
        'county: 测试县\nportal: {name: 测试县人民政府, start_url: "http://127.0.0.1:9/"}\n'
        "probe: {timeout: 0}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["probe", "-c", str(config), "--db", f"sqlite:///{tmp_path}/x"])
    assert result.exit_code == 2
    assert "probe.timeout" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x").exists()


def test_redirects_waf_pages_and_plain_refusals(portal):
    names = ("moved", "loop", "waf", "forbidden")
    answers = probe_urls([portal.url + n for n in names], timeout=TIMEOUT, user_agent="t")
    assert answers is not None
    moved, loop, waf, forbidden = answers
    assert (moved.ok, moved.http_status) == (True, 200)  # followed to the home page
    assert (loop.ok, loop.code) == (False, "redirect_loop")
    # the WAF answered in time with its challenge: available, recorded as such
    assert (waf.ok, waf.http_status, waf.code) == (True, 403, "blocked")
    assert "站点有应答" in (waf.detail or "")
    assert (forbidden.ok, forbidden.code) == (False, "http_status")


def test_a_hanging_resolver_does_not_outlast_the_timeout(monkeypatch):
    release = threading.Event()

    def hang(*args: object, **kwargs: object) -> list:
        release.wait(30)  # a resolver that never answers (released at the end of the test)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(probe_http.socket, "getaddrinfo", hang)
    began = time.monotonic()
    try:
        [answer] = probe_urls(["http://county.example/"], timeout=TIMEOUT, user_agent="t") or []
    finally:
        release.set()
    assert time.monotonic() - began < TIMEOUT + 1
    assert (answer.ok, answer.code) == (False, "timeout")
    assert "域名解析" in (answer.detail or "")


def test_a_machine_without_dns_servers_is_not_the_sites_failure(monkeypatch, tmp_path):
    def fails(*args: object, **kwargs: object) -> list:
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    empty = tmp_path / "resolv.conf"
    empty.write_text("# no nameserver\n", encoding="utf-8")
    monkeypatch.setattr(probe_http.socket, "getaddrinfo", fails)
    monkeypatch.setattr(probe_http, "_RESOLV_CONF", empty)
    [local] = probe_urls(["http://county.example/"], timeout=TIMEOUT, user_agent="t") or []
    assert local.code == "local_network"
    empty.write_text("nameserver 127.0.0.53\n", encoding="utf-8")
    [site] = probe_urls(["http://county.example/"], timeout=TIMEOUT, user_agent="t") or []
    assert site.code == "dns"  # a resolver is there: the county's domain did not resolve


def test_a_set_stop_event_stores_nothing(tmp_path, portal, reference):
    config = write_config(tmp_path, portal.url + "slow", [], reference.url)
    db = f"sqlite:///{tmp_path / 'g.db'}"
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    result = probe_job(config, db, stop=stop)
    assert result.interrupted and stored(db) == []


def test_the_scheduler_job_stores_its_slot(tmp_path, portal, reference):
    config = write_config(tmp_path, portal.url, [], reference.url)
    db = f"sqlite:///{tmp_path / 'g.db'}"
    slot = datetime(2025, 7, 1, 10, 0, tzinfo=BEIJING)
    ctx = JobContext(str(config), db)
    try:
        outcome = probe_task(ctx, slot)
    finally:
        ctx.close()
    assert outcome.status == "ok" and "home ok 200" in (outcome.note or "")
    rows = stored(db)
    assert {(r.origin, r.round_at) for r in rows} == {("scheduled", slot)}


def test_the_nightly_run_probes_once_after_the_crawl(tmp_path):
    from govwatch.jobs.run import run_job
    from tests.crawler.test_crawl import AS_OF, CONFIG, build_site

    with LocalSite() as site:
        build_site(site)
        config = tmp_path / "govwatch.yaml"
        config.write_text(CONFIG.format(url=site.url), encoding="utf-8")
        db = f"sqlite:///{tmp_path / 'g.db'}"
        run_job(config, db, as_of=AS_OF)
        home = site.url
    [row] = stored(db)
    assert (row.origin, row.role, row.url, row.ok) == ("run", "home", home, True)
