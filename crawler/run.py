"""The main job: sync config → crawl (child process) → text checks → figures.

`govwatch run`, `govwatch demo` and (later) the nightly scheduler all call run_job(), so an
on-demand run and the scheduled one take the same code path.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import update

from checks.text_job import check_new_articles
from crawler.config import Config, load_config
from crawler.settings import crawl_overrides_from_env
from crawler.timeutil import now
from storage.db import make_engine, session_factory, transaction, upgrade
from storage.models import CrawlRun
from storage.sync import rematch_sources, sync_config


class CrawlFailed(RuntimeError):
    """The crawl process died; what it stored is kept, the run is marked failed."""


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
            # a run still "running" belongs to a process that no longer exists (killed, reboot)
            session.execute(
                update(CrawlRun)
                .where(CrawlRun.site_id == site_id, CrawlRun.status == "running")
                .values(status="failed", note="interrupted", finished_at=now())
            )
    finally:
        engine.dispose()
    return site_id


def run_job(config_path: str | Path, db_url: str, *, log_level: str | None = None) -> RunResult:
    config = load_config(config_path)
    crawl_overrides_from_env()  # a bad GOVWATCH_CRAWL_* value stops here, not in the crawl
    site_id = prepare(config, db_url)
    engine = make_engine(db_url)
    sessions = session_factory(engine)
    try:
        with transaction(sessions) as session:
            run = CrawlRun(site_id=site_id, started_at=now(), status="running")
            session.add(run)
            session.flush()
            run_id = run.id

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

        # the text checks read what is stored, so they also run after a partial crawl
        check_new_articles(sessions, config, site_id, run_id)
    finally:
        engine.dispose()
    return RunResult(run_id, site_id, status, exit_code)
