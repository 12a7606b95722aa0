"""The main job: sync config → crawl (child process) → text checks.

`govwatch run`, `govwatch demo` and (later) the nightly scheduler all call run_job(), so an
on-demand run and the scheduled one take the same code path.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from core.config import Config, crawl_environment, load_config
from core.periods import now
from core.vocab import RunStatus
from govwatch.jobs.lock import claim
from storage.attribution import rematch_sources
from storage.db import make_engine, session_factory, transaction, upgrade
from storage.models import CrawlRun
from storage.sync import sync_config

logger = logging.getLogger(__name__)
_STOP_GRACE = 10.0  # seconds the crawl child has to close after SIGTERM before it is killed


@dataclass(frozen=True)
class RunResult:
    run_id: int
    site_id: int
    status: RunStatus
    exit_code: int


def prepare(config: Config, db_url: str, *, force: bool = False) -> int:
    """Upgrade the schema and make the database agree with the config; returns the site id."""
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with transaction(session_factory(engine)) as session:
            site_id = sync_config(session, config, force=force)
            rematch_sources(session, config, site_id)
    finally:
        engine.dispose()
    return site_id


def run_job(
    config_path: str | Path,
    db_url: str,
    *,
    as_of: datetime | None = None,
    log_level: str | None = None,
    full: bool = False,
    accept_layout: tuple[str, ...] = (),
    force: bool = False,
    stop: threading.Event | None = None,
) -> RunResult:
    """Crawl, check texts, run the checks; `as_of` is the moment the checks judge (now).

    `stop` (the scheduler's, set on SIGTERM) ends a crawl in progress as `interrupted`: the
    crawl child is stopped too, what it stored is kept, and the later steps are skipped.
    Called from a main thread without one, SIGTERM is caught for the run's duration."""
    with _sigterm_sets(stop) as stop:
        return _run_job(config_path, db_url, as_of, log_level, full, accept_layout, force, stop)


def _run_job(
    config_path: str | Path,
    db_url: str,
    as_of: datetime | None,
    log_level: str | None,
    full: bool,
    accept_layout: tuple[str, ...],
    force: bool,
    stop: threading.Event,
) -> RunResult:
    config = load_config(config_path)
    crawl_environment()  # a bad GOVWATCH_CRAWL_* value stops here, not in the crawl
    accepted = _column_urls(config, accept_layout)
    site_id = prepare(config, db_url, force=force)
    engine = make_engine(db_url)
    sessions = session_factory(engine)
    try:
        with transaction(sessions) as session:
            run_id = claim(session, site_id).id

        command = [
            sys.executable, "-m", "crawler.worker",
            "--config", str(config_path), "--db", db_url,
            "--run-id", str(run_id), "--site-id", str(site_id),
        ]  # fmt: skip
        if log_level:
            command += ["--log-level", log_level]
        if full:
            command.append("--full")
        for url in accepted:
            command += ["--accept-layout", url]
        exit_code = _crawl(command, stop)

        with transaction(sessions) as session:
            run = session.get_one(CrawlRun, run_id)
            run.finished_at = now()
            if exit_code is None:
                run.status = RunStatus.interrupted
                run.note = "stopped by SIGTERM; what the crawl stored is kept"
            elif exit_code != 0:
                run.status = RunStatus.failed
                run.note = f"crawl process exited with code {exit_code}"
            else:
                run.status = RunStatus.incomplete if run.errors else RunStatus.finished
            status = RunStatus(run.status)
        if stop.is_set():  # shutting down: the checks and the digest wait for the next run
            logger.warning("stopped: crawl #%d is %s, the later steps are skipped", run_id, status)
            return RunResult(run_id, site_id, status, 143 if exit_code is None else exit_code)

        # The checks read what is stored, so they also run after a partial crawl (each one
        # only judges what was read completely). They must not cost the office its figures:
        # an error is logged and noted on the run.
        notes = []
        try:
            if config.text_check.enabled:
                # the checks are loaded now, not at start: jieba's dictionaries need not
                # sit in memory beside the crawl and its browser
                from checks.decisions import accepted_words
                from checks.text_issues import check_new_articles

                with sessions() as session:  # staff's dismissals: words of the county
                    accepted = accepted_words(session, site_id)
                check_new_articles(sessions, config, site_id, run_id, accepted_words=accepted)
        except Exception as exc:
            logger.exception("text checks failed")
            notes.append(f"text checks failed: {type(exc).__name__}: {exc}")
        if config.accounts:  # 政务新媒体: every registered account, the same night
            from govwatch.jobs.accounts import check_accounts

            try:
                check_accounts(config_path, db_url, as_of=as_of, findings=False)
            except Exception as exc:
                logger.exception("accounts check failed")
                notes.append(f"accounts check failed: {type(exc).__name__}: {exc}")
        try:  # one availability round a night, before the checks judge the week's probes
            from govwatch.jobs.probe import probe_round

            probe_round(sessions, config, site_id, origin="run", stop=stop)
        except Exception as exc:
            logger.exception("availability probe failed")
            notes.append(f"probe failed: {type(exc).__name__}: {exc}")
        from govwatch.jobs.checks import run_checks
        from govwatch.jobs.digest import store_digest

        failed = run_checks(sessions, config, site_id, run_id, as_of).failed
        notes += [f"check {name} failed: {error}" for name, error in failed.items()]
        try:  # the morning digest, kept with the run (govwatch/jobs/digest.py)
            store_digest(sessions, config, site_id, run_id, as_of)
        except Exception as exc:
            logger.exception("digest failed")
            notes.append(f"digest failed: {type(exc).__name__}: {exc}")
        if notes:
            with transaction(sessions) as session:
                session.get_one(CrawlRun, run_id).note = "; ".join(notes)
    finally:
        engine.dispose()
    return RunResult(run_id, site_id, status, exit_code)


@contextmanager
def _sigterm_sets(stop: threading.Event | None) -> Iterator[threading.Event]:
    if stop is not None or threading.current_thread() is not threading.main_thread():
        yield stop or threading.Event()
        return
    event = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: event.set())
    try:
        yield event
    finally:
        signal.signal(signal.SIGTERM, previous)


def _crawl(command: list[str], stop: threading.Event) -> int | None:
    """The crawl child's exit code, or None when `stop` ended it first."""
    child = subprocess.Popen(command)
    try:
        # bounded by the child's life: the crawl itself bounds its pages and time-outs
        while not stop.wait(0.5):
            code = child.poll()
            if code is not None:
                return code
        _end(child)
        return None
    except BaseException:
        _end(child)
        raise


def _end(child: subprocess.Popen[bytes]) -> None:
    """SIGTERM (Scrapy closes the spider, every stored article is a whole transaction), then
    SIGKILL if it does not exit in time."""
    if child.poll() is not None:
        return
    child.terminate()
    try:
        child.wait(timeout=_STOP_GRACE)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait(timeout=_STOP_GRACE)


def _column_urls(config: Config, names: tuple[str, ...]) -> list[str]:
    """Column names (or URLs) as typed on the command line → their URLs."""
    by_name = {c.name: c.url for c in config.columns}
    urls = []
    for name in names:
        if name in by_name or name in by_name.values():
            urls.append(by_name.get(name, name))
        else:
            raise ValueError(f"--accept-layout {name!r}: no such column in the config")
    return urls
