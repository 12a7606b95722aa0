"""kill -9 in the middle of a crawl: nothing half-written, and the rerun finishes the job."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from sqlalchemy import func, select

from storage.db import make_engine, session_factory
from storage.models import Article, CrawlRun
from tests.httpserver import LocalSite

N = 40


def test_rerun_after_kill_completes_without_duplicates(tmp_path):
    with LocalSite() as site:
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
        config = tmp_path / "govwatch.yaml"
        config.write_text(
            f"""county: 测试县
portal: {{name: 测试县人民政府, start_url: "{site.url}", discover_columns: false}}
columns: [{{name: 工作动态, url: "{site.url}xw/", category: news}}]
crawl: {{concurrency_per_site: 2, download_delay: 0, autothrottle: false}}
text_check: {{enabled: false}}
""",
            encoding="utf-8",
        )
        db_url = f"sqlite:///{tmp_path / 'g.db'}"
        sessions = session_factory(make_engine(db_url))

        def stored() -> int:
            try:
                with sessions() as session:
                    return session.scalar(select(func.count()).select_from(Article)) or 0
            except Exception:  # schema not created yet
                return 0

        command = [sys.executable, "-m", "govwatch", "run", "-c", str(config), "--db", db_url]
        first = subprocess.Popen(
            command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while stored() < 5 and time.monotonic() < deadline:
            time.sleep(0.1)
        os.killpg(first.pid, signal.SIGKILL)  # the CLI and its crawl worker
        first.wait()
        partial = stored()
        assert 5 <= partial < N

        site.reset_log()
        second = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert second.returncode == 0, second.stderr

    with sessions() as session:
        urls = session.scalars(select(Article.url)).all()
        assert len(urls) == len(set(urls)) == N
        assert all(a.title and a.published_at for a in session.scalars(select(Article)))
        runs = session.scalars(select(CrawlRun).order_by(CrawlRun.id)).all()
        assert [(r.status, r.note) for r in runs] == [("failed", "interrupted"), ("finished", None)]
        assert runs[1].articles_new == N - partial
    fetched = [h for h in site.hits() if h.startswith("/xw/2025")]
    assert len(fetched) == N - partial  # what the killed run stored is not fetched again
