"""SIGTERM to a real `govwatch schedule` process in the middle of its nightly crawl: the run
ends `interrupted`, the crawl child is gone, what was stored is kept, and the next run
finishes the job without fetching it again."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import timedelta

import psutil
import time_machine
from sqlalchemy import func, select

from core.config import load_config
from core.periods import now
from govwatch.jobs.schedule import build_scheduler, job_specs, sync_jobs
from govwatch.jobs.tasks import JobContext
from storage.db import make_engine, session_factory, upgrade
from storage.models import Article, CrawlRun, JobRun
from tests.govwatch.ops_helpers import wait_for
from tests.httpserver import LocalSite

N = 40


def _portal(site: LocalSite) -> None:
    site.page("/", "<html><body>首页</body></html>")
    rows = "".join(
        f'<li><a href="/xw/202505/t202505{i % 28 + 1:02d}_{i}.html">测试县第{i}条工作动态</a>'
        f"<span>2025-05-{i % 28 + 1:02d}</span></li>"
        for i in range(N)
    )
    site.page("/xw/", f"<html><body><ul class='list'>{rows}</ul></body></html>")
    for i in range(N):
        site.page(
            f"/xw/202505/t202505{i % 28 + 1:02d}_{i}.html",
            f"<html><head><meta name='ArticleTitle' content='测试县第{i}条工作动态'>"
            f"<meta name='PubDate' content='2025-05-{i % 28 + 1:02d}'></head>"
            f"<body><div class='TRS_Editor'><p>第{i}条正文。</p></div></body></html>",
            delay=0.15,
        )


def test_sigterm_during_the_nightly_crawl_leaves_it_interrupted(tmp_path):
    with LocalSite() as site:
        _portal(site)
        config = tmp_path / "govwatch.yaml"
        config.write_text(
            f"""county: 测试县
portal: {{name: 测试县人民政府, start_url: "{site.url}", discover_columns: false}}
columns: [{{name: 工作动态, url: "{site.url}xw/", category: news}}]
crawl: {{concurrency_per_site: 2, download_delay: 0, autothrottle: false}}
text_check: {{enabled: false}}
schedule: {{probe_every_minutes: null, quarterly_report: null, backup: null, grace_minutes: 1500}}
""",
            encoding="utf-8",
        )
        db_url = f"sqlite:///{tmp_path / 'g.db'}"
        upgrade(db_url)
        # govwatch was stopped when the last 01:30 came: its stored nightly run is due now
        cfg, ctx = load_config(config), JobContext(str(config), db_url)
        last = now().replace(hour=1, minute=30, second=0, microsecond=0)
        if last > now():
            last -= timedelta(days=1)
        with time_machine.travel(last - timedelta(minutes=1), tick=False):
            scheduler = build_scheduler(ctx, cfg)
            scheduler.start(paused=True)
            sync_jobs(scheduler, job_specs(cfg, db_url), cfg.schedule.grace_minutes * 60)
            assert scheduler.get_job("nightly").next_run_time == last
            scheduler.shutdown(wait=True)
        ctx.close()

        sessions = session_factory(make_engine(db_url))

        def stored() -> int:
            with sessions() as session:
                return session.scalar(select(func.count()).select_from(Article)) or 0

        log = (tmp_path / "schedule.log").open("w")
        command = [sys.executable, "-m", "govwatch", "schedule", "-c", str(config), "--db", db_url]
        service = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for(lambda: stored() >= 5, timeout=60)
            children = psutil.Process(service.pid).children(recursive=True)
            assert any("crawler.worker" in " ".join(c.cmdline()) for c in children)
            os.kill(service.pid, signal.SIGTERM)  # as systemd stops the service
            assert service.wait(timeout=60) == 0
        finally:
            if service.poll() is None:
                service.kill()
                service.wait()
            log.close()
        output = (tmp_path / "schedule.log").read_text(encoding="utf-8")
        assert "Traceback" not in output, output

        gone = [c for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE]
        assert gone == []  # the crawl child stopped with its parent
        partial = stored()
        assert 5 <= partial < N
        with sessions() as session:
            runs = session.scalars(select(CrawlRun)).all()
            assert [(r.status, r.finished_at is not None) for r in runs] == [("interrupted", True)]
            jobs = session.scalars(select(JobRun)).all()
            assert [(j.job, j.status) for j in jobs] == [("nightly", "interrupted")]
            assert all(a.title and a.published_at for a in session.scalars(select(Article)))
        check = sqlite3.connect(tmp_path / "g.db")
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        check.close()

        site.reset_log()
        again = subprocess.run(
            [*command, "--run-now", "nightly"], capture_output=True, text=True, timeout=120
        )
        assert again.returncode == 0, again.stderr
    with sessions() as session:
        urls = session.scalars(select(Article.url)).all()
        assert len(urls) == len(set(urls)) == N
        statuses = [r.status for r in session.scalars(select(CrawlRun).order_by(CrawlRun.id))]
        assert statuses == ["interrupted", "finished"]
    fetched = [h for h in site.hits() if h.startswith("/xw/2025")]
    assert len(fetched) == N - partial  # what the interrupted run stored is not fetched again
