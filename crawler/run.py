"""The main job: sync config → crawl (child process) → text checks → figures.

`govwatch run`, `govwatch demo` and (later) the nightly scheduler all call run_job(), so an
on-demand run and the scheduled one take the same code path.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from checks.text_job import check_new_articles
from crawler.config import Config, load_config
from crawler.errors import CrawlInProgress
from crawler.settings import crawl_overrides_from_env
from crawler.timeutil import now
from storage.db import make_engine, session_factory, transaction, upgrade
from storage.models import CrawlRun
from storage.sync import rematch_sources, sync_config

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunResult:
    run_id: int
    site_id: int
    status: str
    exit_code: int


def prepare(config: Config, db_url: str) -> int:
    """Upgrade the schema and make the database agree with the config; returns the site id."""
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with transaction(session_factory(engine)) as session:
            site_id = sync_config(session, config)
            rematch_sources(session, config.county, site_id)
    finally:
        engine.dispose()
    return site_id


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _alive(owner: str | None) -> bool:
    """Is the process that started a run still there? Unknown hosts count as alive."""
    host, _, pid = (owner or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return bool(owner)
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _claim(session: Session, site_id: int) -> CrawlRun:
    """Start a run, refusing while another crawl of the site is alive; close dead ones."""
    for stale in session.scalars(
        select(CrawlRun).where(CrawlRun.site_id == site_id, CrawlRun.status == "running")
    ):
        if _alive(stale.owner):
            raise CrawlInProgress(
                f"crawl #{stale.id} of this portal is still running ({stale.owner}, "
                f"since {stale.started_at:%Y-%m-%d %H:%M}); wait for it to finish"
            )
        # killed, or the machine rebooted: what it stored is kept
        stale.status, stale.note, stale.finished_at = "failed", "interrupted", now()
    run = CrawlRun(site_id=site_id, started_at=now(), status="running", owner=_owner())
    session.add(run)
    session.flush()
    return run


def run_job(config_path: str | Path, db_url: str, *, log_level: str | None = None) -> RunResult:
    config = load_config(config_path)
    crawl_overrides_from_env()  # a bad GOVWATCH_CRAWL_* value stops here, not in the crawl
    site_id = prepare(config, db_url)
    engine = make_engine(db_url)
    sessions = session_factory(engine)
    try:
        with transaction(sessions) as session:
            run_id = _claim(session, site_id).id

        command = [
            sys.executable, "-m", "crawler.worker",
            "--config", str(config_path), "--db", db_url,
            "--run-id", str(run_id), "--site-id", str(site_id),
        ]  # fmt: skip
        if log_level:
            command += ["--log-level", log_level]
        exit_code = subprocess.run(command, check=False).returncode

        with transaction(sessions) as session:
            run = session.get_one(CrawlRun, run_id)
            run.finished_at = now()
            if exit_code != 0:
                run.status = "failed"
                run.note = f"crawl process exited with code {exit_code}"
            else:
                run.status = "incomplete" if run.errors else "finished"
            status = run.status

        # The text checks read what is stored, so they also run after a partial crawl. They
        # must not cost the office its figures: an error is logged and noted on the run.
        try:
            if config.text_check.enabled:
                check_new_articles(sessions, config, site_id, run_id)
        except Exception as exc:
            logger.exception("text checks failed")
            with transaction(sessions) as session:
                run = session.get_one(CrawlRun, run_id)
                run.note = f"text checks failed: {type(exc).__name__}: {exc}"
    finally:
        engine.dispose()
    return RunResult(run_id, site_id, status, exit_code)
