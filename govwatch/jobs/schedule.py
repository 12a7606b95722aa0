"""`govwatch schedule`: APScheduler 3 in the foreground, jobs kept in the database.

- Jobs live in APScheduler's SQLAlchemyJobStore (table scheduler_job): a restart keeps each
  job's next run time, so a run missed while govwatch was down is found due on start and
  runs once (coalesce) if it is no later than `schedule.grace_minutes`.
- On start a stored job is kept as it is unless govwatch.yaml changed its timing; a job the
  config turned off is removed.
- max_instances=1 within one scheduler; across schedulers and processes, tasks.fire claims
  each (job, slot) once, and the crawl lock (jobs/lock.py) stands behind the nightly job.
- SIGTERM/SIGINT set one stop event: no new job starts, a crawl in progress ends as
  `interrupted` (jobs/run.py), retries stop waiting, and the process exits when jobs return.
"""

from __future__ import annotations

import copy
import logging
import pickle
import signal
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import inspect, select

from core.config import Config
from core.cron import clock, crontab, quiet_hours, zone
from core.periods import now
from govwatch.jobs.backup import NotSqlite, sqlite_path
from govwatch.jobs.tasks import JobContext, fire
from govwatch.jobs.triggers import QuarterlyTrigger
from storage.db import make_engine
from storage.models import JOB_STORE_TABLE, SchedulerJob

logger = logging.getLogger(__name__)
FIRE = "govwatch.jobs.tasks:fire"  # a textual reference: the job store pickles it
# a fixed origin, so an interval job's trigger is the same object on every start
_INTERVAL_ORIGIN = datetime(2025, 1, 1)
RUN_NOW_ONLY = {"digest": "从已存数据生成日报并推送（仅 --run-now）"}


@dataclass(frozen=True)
class JobSpec:
    name: str
    label: str  # Chinese, for --list and status
    trigger: BaseTrigger
    when: str  # the configured timing, as written


def job_specs(config: Config, db_url: str) -> list[JobSpec]:
    """The jobs govwatch.yaml asks for, in display order."""
    s, tz = config.schedule, config.schedule.timezone
    specs = []
    if s.nightly:
        specs.append(
            JobSpec(
                "nightly",
                "夜间采集：门户网站、各项检查、政务新媒体，随后生成并推送日报",
                crontab(s.nightly, tz),
                s.nightly,
            )
        )
    if s.probe_every_minutes:
        origin = _INTERVAL_ORIGIN.replace(tzinfo=zone(tz))
        trigger = IntervalTrigger(minutes=s.probe_every_minutes, start_date=origin, timezone=tz)
        label = "可用性监测（govwatch probe）"
        specs.append(JobSpec("probe", label, trigger, f"每 {s.probe_every_minutes} 分钟"))
    if s.quarterly_report:
        trigger = QuarterlyTrigger(clock(s.quarterly_report), tz)
        when = f"季度结束后第一个工作日 {s.quarterly_report}"
        specs.append(JobSpec("report", "季度报告", trigger, when))
    if s.backup and _is_sqlite(db_url):
        label = f"SQLite 数据库备份（保留 {s.backup_keep} 份）"
        specs.append(JobSpec("backup", label, crontab(s.backup, tz), s.backup))
    if config.delivery.quiet_hours and config.delivery.channels:
        end = quiet_hours(config.delivery.quiet_hours)[1]
        trigger = CronTrigger(hour=end.hour, minute=end.minute, timezone=zone(tz))
        label = "免打扰时段结束后推送暂缓的日报"
        specs.append(JobSpec("deliver", label, trigger, f"每天 {end:%H:%M}"))
    return specs


def _is_sqlite(db_url: str) -> bool:
    try:
        sqlite_path(db_url)
    except NotSqlite:
        return False
    return True


class SlotExecutor(ThreadPoolExecutor):  # type: ignore[misc]
    """Hands each execution its scheduled time (the slot tasks.fire claims) and the job
    context; neither is kept in the job store."""

    def __init__(self, context: JobContext, max_workers: int = 4) -> None:
        super().__init__(max_workers)
        self.context = context

    def _do_submit_job(self, job: Any, run_times: list[datetime]) -> None:
        bound = copy.copy(job)  # the stored job stays as it is
        for private in ("_scheduler", "_jobstore_alias"):  # not part of a job's pickled state
            setattr(bound, private, getattr(job, private, None))
        bound.kwargs = {**job.kwargs, "context": self.context, "scheduled_for": run_times[-1]}
        super()._do_submit_job(bound, run_times[-1:])


def build_scheduler(context: JobContext, config: Config) -> BackgroundScheduler:
    grace = config.schedule.grace_minutes * 60
    store = SQLAlchemyJobStore(engine=make_engine(context.db_url), tablename=JOB_STORE_TABLE)
    return BackgroundScheduler(
        jobstores={"default": store},
        executors={"default": SlotExecutor(context)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": grace},
        timezone=zone(config.schedule.timezone),
    )


def start(context: JobContext, config: Config) -> BackgroundScheduler:
    """A running scheduler whose stored jobs agree with the config (upgrade the schema first)."""
    context.sessions()  # the schema is current before any job thread starts
    scheduler = build_scheduler(context, config)
    scheduler.start(paused=True)  # the store is open, nothing runs until the jobs agree
    sync_jobs(scheduler, job_specs(config, context.db_url), config.schedule.grace_minutes * 60)
    scheduler.resume()
    return scheduler


def sync_jobs(scheduler: BackgroundScheduler, specs: list[JobSpec], grace: int) -> None:
    wanted = {spec.name for spec in specs}
    for job in scheduler.get_jobs():
        if job.id not in wanted:
            logger.info("job %s is no longer configured: removed", job.id)
            scheduler.remove_job(job.id)
    for spec in specs:
        job = scheduler.get_job(spec.name)
        if job is None:
            scheduler.add_job(
                FIRE, trigger=spec.trigger, args=(spec.name,), id=spec.name, name=spec.label
            )
        elif repr(job.trigger) != repr(spec.trigger):
            logger.info("job %s: timing changed to %s", spec.name, spec.when)
            scheduler.reschedule_job(spec.name, trigger=spec.trigger)
        if job is not None and (job.misfire_grace_time != grace or job.name != spec.label):
            scheduler.modify_job(spec.name, misfire_grace_time=grace, name=spec.label)


def serve(context: JobContext, config: Config) -> int:
    """The foreground service: runs until SIGTERM or SIGINT; returns the exit code."""
    stop = context.stop
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: stop.set())
    scheduler = start(context, config)
    for job in scheduler.get_jobs():
        logger.info("job %s: next run %s", job.id, job.next_run_time)
    try:
        # the service's life: it ends on a signal; the scheduler works in its own thread
        while not stop.wait(1.0):
            pass
    finally:
        logger.info("stopping: waiting for running jobs to end")
        scheduler.shutdown(wait=True)
        context.close()
    return 0


def run_now(name: str, context: JobContext) -> str:
    """One job, now, through tasks.fire; SIGTERM interrupts it as it would the scheduler."""
    previous = signal.signal(signal.SIGTERM, lambda *_: context.stop.set())
    try:
        return fire(name, context=context, scheduled_for=now(), manual=True)
    finally:
        signal.signal(signal.SIGTERM, previous)
        context.close()


@dataclass(frozen=True)
class PlannedJob:
    name: str
    label: str
    when: str
    next_run: datetime | None
    missed: bool  # due while govwatch was stopped: runs once on start (within the grace)


def planned_jobs(config: Config, db_url: str) -> list[PlannedJob]:
    """Each configured job and its next run: the stored one when the stored job has the same
    timing, else what the config gives from now. Reads only."""
    stored = _stored_jobs(db_url)
    moment = now()
    grace = timedelta(minutes=config.schedule.grace_minutes)
    rows = []
    for spec in job_specs(config, db_url):
        state = stored.get(spec.name)
        if state is not None and repr(state["trigger"]) == repr(spec.trigger):
            ts = state["next_run_time"]
            nxt = ts.astimezone(zone(config.schedule.timezone)) if ts else None
        else:
            nxt = spec.trigger.get_next_fire_time(None, moment)
        missed = False
        if nxt is not None and nxt < moment:
            last = _last_due(spec.trigger, nxt, moment)  # what a start would run (coalesced)
            missed = moment - last <= grace
            nxt = last if missed else spec.trigger.get_next_fire_time(None, moment)
        rows.append(PlannedJob(spec.name, spec.label, spec.when, nxt, missed))
    return rows


def _last_due(trigger: BaseTrigger, first: datetime, moment: datetime) -> datetime:
    last = first
    for _ in range(20_000):  # 14 days of 5-minute probes is 4,032 slots
        following = trigger.get_next_fire_time(last, last)
        if following is None or following > moment or following <= last:
            break
        last = following
    return last


def _stored_jobs(db_url: str) -> dict[str, dict[str, Any]]:
    if _is_sqlite(db_url) and not sqlite_path(db_url).exists():
        return {}  # opening it would create an empty file
    engine = make_engine(db_url)
    try:
        if not inspect(engine).has_table(JOB_STORE_TABLE):
            return {}
        with engine.connect() as connection:
            rows = connection.execute(select(SchedulerJob.id, SchedulerJob.job_state)).all()
    except Exception as exc:  # no database yet, or one we cannot read: plan from the config
        logger.debug("job store not readable: %s", exc)
        return {}
    finally:
        engine.dispose()
    found = {}
    for job_id, state in rows:
        try:
            found[job_id] = pickle.loads(state)  # our own table, written by our scheduler
        except Exception:  # a job of an older govwatch: it is replaced on start
            continue
    return found
