"""The demo county served with injected faults (tests/faults/faulty_demo.py): no false finding
of any kind, every persistent fault reported once under its reason, a clean rerun repairs
everything, kill -9 at five points and resume gives the uninterrupted result, and a list
redesign reads 模板变化 instead of "no news"."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from random import Random
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from checks.publishing import QuarterFigures, quarter_figures
from core.config import load_config
from core.periods import BEIJING, Quarter
from core.vocab import FindingStatus
from demo import build_site
from govwatch.jobs.run import run_job
from storage.db import make_engine, session_factory
from storage.models import Article, Column, CrawlRun, FetchFailureRecord, Finding
from tests.faults.faulty_demo import FaultyDemoServer, plan_faults

pytestmark = pytest.mark.slow

AS_OF = datetime(2025, 7, 1, tzinfo=BEIJING)


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory):
    site = build_site()
    plan = plan_faults(site)
    folder = tmp_path_factory.mktemp("faults")
    with FaultyDemoServer(site, plan) as server:
        text = site.config_yaml(server.base_url)
        polite = "  retries: 1\n  retry_backoff: 0.1\n"
        assert polite in text
        text = text.replace(polite, "  retries: 2\n  retry_backoff: 0.05\n  timeout: 2\n")
        config = folder / "govwatch.yaml"
        config.write_text(text, encoding="utf-8")
        server.faults_on = False
        clean = f"sqlite:///{folder / 'clean.db'}"
        assert run_job(config, clean, as_of=AS_OF).status == "finished"
        yield server, plan, config, folder, clean


def _figures(config: Path, db_url: str) -> QuarterFigures:
    with session_factory(make_engine(db_url))() as session:
        site_id = session.scalars(select(Article.site_id)).first()
        return quarter_figures(session, load_config(config), site_id, Quarter(2025, 2), AS_OF)


def _open_findings(db_url: str) -> set[tuple[str, str | None, str | None, str]]:
    """What staff would read, comparable across databases (fingerprints hold row ids)."""
    with session_factory(make_engine(db_url))() as session:
        rows = session.scalars(
            select(Finding).where(Finding.status.in_((FindingStatus.open, FindingStatus.overdue)))
        )
        return {(f.kind, f.unit, urlsplit(f.url or "").path or None, f.title) for f in rows}


def _failures(db_url: str, run_id: int) -> list[tuple[str, str]]:
    with session_factory(make_engine(db_url))() as session:
        rows = session.scalars(
            select(FetchFailureRecord).where(FetchFailureRecord.run_id == run_id)
        )
        return sorted((urlsplit(f.url).path, f.code) for f in rows)


def _articles(db_url: str) -> set[tuple[object, ...]]:
    with session_factory(make_engine(db_url))() as session:
        rows = session.execute(
            select(
                Article.url, Article.title, Article.published_at, Article.source_raw,
                Article.content_hash, Article.unit_id, Column.url,
            ).outerjoin(Column, Article.column_id == Column.id)
        )  # fmt: skip
        return {(urlsplit(r[0]).path, *r[1:6], urlsplit(r[6] or "").path) for r in rows}


def test_faults_make_no_false_finding_and_a_clean_rerun_repairs_all(county):
    server, plan, config, folder, clean = county
    faulty = f"sqlite:///{folder / 'faulty.db'}"
    server.faults_on = True
    try:
        run = run_job(config, faulty, as_of=AS_OF)
    finally:
        server.faults_on = False
    assert run.status == "incomplete"

    # every persistent fault exactly once, under its reason; every transient one retried away
    assert _failures(faulty, run.run_id) == sorted(plan.persistent.items())
    # no false finding of any kind: all it found, the clean crawl found too
    assert _open_findings(faulty) <= _open_findings(clean)
    fig, good = _figures(config, faulty), _figures(config, clean)
    assert fig.items == good.items - len(plan.persistent)  # the unreadable pages are missing …
    assert fig.zero_news_units == {}  # … so no month is said to have no news
    assert set(fig.zero_news_unverified) == set(good.zero_news_units)
    # pages with a wrong or missing charset still read right
    with session_factory(make_engine(faulty))() as session:
        titles = dict(session.execute(select(Article.url, Article.title)).all())
    with session_factory(make_engine(clean))() as session:
        expected = dict(session.execute(select(Article.url, Article.title)).all())
    for path in (plan.wrong_charset, plan.no_charset):
        url = next(u for u in expected if u.endswith(path))
        assert titles[url] == expected[url]

    # the next clean run reads what the faulty one could not: exactly the clean result
    repaired = run_job(config, faulty, as_of=AS_OF)
    assert repaired.status == "finished" and _failures(faulty, repaired.run_id) == []
    after, good = _figures(config, faulty), _figures(config, clean)
    assert (after.items, after.units, after.zero_news_units) == (
        good.items,
        good.units,
        good.zero_news_units,
    )
    assert _open_findings(faulty) == _open_findings(clean)
    assert _articles(faulty) == _articles(clean)


def test_kill_at_five_points_and_resume_equals_an_uninterrupted_run(county):
    _server, _plan, config, folder, clean = county
    db_url = f"sqlite:///{folder / 'killed.db'}"
    command = [
        sys.executable, "-m", "govwatch", "run", "-c", str(config), "--db", db_url,
        "--as-of", "2025-07-01",
    ]  # fmt: skip
    rng = Random(11)
    for _ in range(5):
        proc = subprocess.Popen(
            command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(2.0, 12.0))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    final = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert final.returncode == 0, final.stderr
    with session_factory(make_engine(db_url))() as session:
        statuses = [r.status for r in session.scalars(select(CrawlRun).order_by(CrawlRun.id))]
    assert statuses[-1] == "finished" and "running" not in statuses
    assert _articles(db_url) == _articles(clean)
    assert _open_findings(db_url) == _open_findings(clean)


def test_a_redesigned_list_is_a_template_change_not_zero_news(county):
    server, _plan, config, folder, _clean = county
    db_path = folder / "redesign.db"
    shutil.copy(folder / "clean.db", db_path)
    db_url = f"sqlite:///{db_path}"
    before = {
        (f.fingerprint, f.status)
        for f in session_factory(make_engine(db_url))().scalars(
            select(Finding).where(Finding.kind == "zero_news")
        )
    }
    server.redesigned = True
    try:
        run = run_job(config, db_url, as_of=AS_OF)
    finally:
        server.redesigned = False
    with session_factory(make_engine(db_url))() as session:
        changed = session.execute(
            select(Column.name, FetchFailureRecord.detail)
            .join(Column, FetchFailureRecord.column_id == Column.id)
            .where(
                FetchFailureRecord.run_id == run.run_id,
                FetchFailureRecord.code == "template_changed",
            )
        ).all()
        after = {
            (f.fingerprint, f.status)
            for f in session.scalars(select(Finding).where(Finding.kind == "zero_news"))
        }
    assert [name for name, _ in changed] == ["政务要闻"]
    assert "分页" in changed[0][1] and "起" in changed[0][1]
    assert after == before  # no zero-news finding created, none closed
    fig = _figures(config, db_url)
    assert fig.zero_news_units == {} and "政务要闻" in (
        fig.run.incomplete_columns if fig.run else []
    )
