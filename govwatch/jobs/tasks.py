"""What each scheduled job does, and `fire`, the one code path every execution takes (the
scheduler's and `govwatch schedule --run-now`'s).

An execution first claims its slot: a `job_run` row unique on (job, scheduled_for). Two
schedulers on one database race for the insert and only one wins, so a job never runs twice
for one slot; a job still running in another live process makes a new execution skip.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from core.accounts import redact
from core.config import Config, load_config
from core.periods import Quarter, now
from core.vocab import RunStatus
from govwatch.jobs.errors import CrawlInProgress
from govwatch.jobs.lock import alive, owner
from storage.db import make_engine, session_factory, transaction, upgrade
from storage.models import JobRun

logger = logging.getLogger(__name__)
_FIRST_USE = threading.Lock()


@dataclass
class JobContext:
    """What a job needs; held by the scheduler's executor, never stored with the job (a
    PostgreSQL URL carries a password)."""

    config_path: str
    db_url: str
    stop: threading.Event = field(default_factory=threading.Event)
    _sessions: sessionmaker[Session] | None = field(default=None, repr=False)

    def config(self) -> Config:
        return load_config(self.config_path)  # read at each run: a fixed typo needs no restart

    def sessions(self) -> sessionmaker[Session]:
        # Alembic is not thread-safe: the scheduler calls this once before any job runs
        with _FIRST_USE:
            if self._sessions is None:
                upgrade(self.db_url)  # idempotent; a first job may meet a fresh database
                self._sessions = session_factory(make_engine(self.db_url))
        return self._sessions

    def close(self) -> None:
        if self._sessions is not None:
            engine = self._sessions.kw["bind"]
            engine.dispose()
            self._sessions = None


@dataclass(frozen=True)
class Outcome:
    status: str  # ok | failed | skipped | interrupted
    note: str | None = None


def nightly(ctx: JobContext, slot: datetime) -> Outcome:
    """The portal crawl, the checks, the accounts, the digest (run_job stores it), then it
    is delivered."""
    from govwatch.jobs.deliver import deliver_digest, latest_digest
    from govwatch.jobs.run import run_job

    config = ctx.config()
    result = run_job(ctx.config_path, ctx.db_url, stop=ctx.stop)
    if result.status == RunStatus.interrupted or ctx.stop.is_set():
        return Outcome("interrupted", f"crawl #{result.run_id} {result.status}")
    sessions = ctx.sessions()
    with sessions() as session:
        digest_id = latest_digest(session, result.run_id)
    note = f"crawl #{result.run_id} {result.status}"
    if digest_id is None:
        return Outcome("failed", note + "; no digest was stored, nothing delivered")
    return _delivered(deliver_digest(sessions, config, digest_id, stop=ctx.stop), note)


def digest(ctx: JobContext, slot: datetime) -> Outcome:
    """A digest from what is stored (no crawl), stored, then delivered: for a resend."""
    from govwatch.jobs.deliver import deliver_digest, latest_digest
    from govwatch.jobs.digest import store_digest
    from govwatch.jobs.run import prepare

    config = ctx.config()
    site_id = prepare(config, ctx.db_url)
    sessions = ctx.sessions()
    store_digest(sessions, config, site_id, None)
    with sessions() as session:
        digest_id = latest_digest(session)
    assert digest_id is not None
    return _delivered(deliver_digest(sessions, config, digest_id, stop=ctx.stop), "digest stored")


def deliver(ctx: JobContext, slot: datetime) -> Outcome:
    """When quiet hours end: the digests held during them."""
    from govwatch.jobs.deliver import deliver_held

    return _delivered(deliver_held(ctx.sessions(), ctx.config(), stop=ctx.stop), "held")


def backup(ctx: JobContext, slot: datetime) -> Outcome:
    from govwatch.jobs.backup import backup_sqlite

    schedule = ctx.config().schedule
    path = backup_sqlite(ctx.db_url, schedule.backup_dir, schedule.backup_keep)
    return Outcome("ok", f"backup {path.name}")


def probe(ctx: JobContext, slot: datetime) -> Outcome:
    """Availability probes: govwatch/jobs/probe.py (`govwatch probe`), built separately."""
    names = ("probe_job", "run_probe", "probe")
    return _optional("govwatch.jobs.probe", names, ctx, as_of=slot, origin="scheduled")


def report(ctx: JobContext, slot: datetime) -> Outcome:
    """The quarterly report: govwatch/jobs/report.py, built separately."""
    quarter = Quarter.last_complete(slot)
    return _optional(
        "govwatch.jobs.report", ("report_job", "run_report", "report"), ctx, quarter=quarter
    )


JOBS: dict[str, Callable[[JobContext, datetime], Outcome]] = {
    "nightly": nightly,
    "probe": probe,
    "report": report,
    "backup": backup,
    "deliver": deliver,
    "digest": digest,
}


def _delivered(reports: list[Any], note: str) -> Outcome:
    parts = [f"{r.channel} {r.status}" for r in reports]
    failed = [r.channel for r in reports if r.status == "failed"]
    text = note + ("; delivery: " + ", ".join(parts) if parts else "; no channel configured")
    # a failed channel does not fail the job: it is reported in the next digest and status
    return Outcome("ok", text + (f" (failed: {', '.join(failed)})" if failed else ""))


def _optional(module: str, names: tuple[str, ...], ctx: JobContext, **extra: Any) -> Outcome:
    """Call a job another part of govwatch provides, if this checkout has it."""
    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return Outcome("skipped", f"{module.replace('.', '/')}.py is not part of this govwatch")
    function = next((getattr(found, n) for n in names if callable(getattr(found, n, None))), None)
    if function is None:
        return Outcome("skipped", f"{module} has none of {', '.join(names)}")
    accepted = inspect.signature(function).parameters
    kwargs = {k: v for k, v in extra.items() if k in accepted}
    if "stop" in accepted:
        kwargs["stop"] = ctx.stop
    result = function(ctx.config_path, ctx.db_url, **kwargs)
    return Outcome("ok", None if result is None else str(result)[:500])


def fire(
    name: str,
    *,
    context: JobContext | None = None,
    scheduled_for: datetime | None = None,
    manual: bool = False,
) -> str:
    """Claim the slot, run the job, record how it ended; returns the status.

    The scheduler's executor passes `context` and `scheduled_for` (schedule.SlotExecutor);
    they default to None only because APScheduler checks the call against the stored job."""
    if context is None:
        raise RuntimeError(f"job {name}: started without its context (not by govwatch?)")
    scheduled_for = scheduled_for or now()
    sessions = context.sessions()
    run_id = _claim(sessions, name, scheduled_for, manual)
    if run_id is None:
        return "skipped"
    try:
        outcome = JOBS[name](context, scheduled_for)
    except CrawlInProgress as exc:
        outcome = Outcome("skipped", str(exc))
    except Exception as exc:
        logger.exception("job %s failed", name)
        # kept in the database and shown by `govwatch status`: URL tokens masked
        outcome = Outcome("failed", redact(f"{type(exc).__name__}: {exc}")[:2000])
    with transaction(sessions) as session:
        row = session.get_one(JobRun, run_id)
        row.status, row.note, row.finished_at = outcome.status, outcome.note, now()
    log = logger.error if outcome.status == "failed" else logger.info
    log("job %s %s: %s", name, outcome.status, outcome.note or "")
    return outcome.status


def _claim(sessions: sessionmaker[Session], name: str, slot: datetime, manual: bool) -> int | None:
    try:
        with transaction(sessions) as session:
            for other in session.scalars(
                select(JobRun).where(JobRun.job == name, JobRun.status == "running")
            ):
                if alive(other.owner):
                    logger.warning("job %s: still running in %s; skipped", name, other.owner)
                    session.add(_row(name, slot, manual, "skipped", f"running in {other.owner}"))
                    return None
                other.status, other.note = "failed", "its process is gone (killed or rebooted)"
                other.finished_at = now()
            row = _row(name, slot, manual, "running", None)
            session.add(row)
            session.flush()
            return row.id
    except IntegrityError:
        logger.info("job %s: the run for %s is another scheduler's; skipped", name, slot)
        return None


def _row(name: str, slot: datetime, manual: bool, status: str, note: str | None) -> JobRun:
    return JobRun(
        job=name,
        scheduled_for=slot,
        started_at=now(),
        finished_at=None if status == "running" else now(),
        status=status,
        owner=owner(),
        manual=manual,
        note=note,
    )
