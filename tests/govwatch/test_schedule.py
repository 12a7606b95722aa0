"""The scheduler under a fake clock (time-machine): real APScheduler, real job store in SQLite,
real jobs (the backup, the held-delivery job). The clock is moved and the scheduler woken."""

from __future__ import annotations

from datetime import datetime, timedelta

import time_machine
from sqlalchemy import select

from core.config import load_config
from core.periods import BEIJING
from govwatch.jobs.backup import backup_folder, backups
from govwatch.jobs.schedule import planned_jobs, start
from govwatch.jobs.tasks import JobContext, fire
from storage.db import make_engine, session_factory, upgrade
from storage.models import JobRun
from tests.govwatch.ops_helpers import county_config, wait_for


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 7, day, hour, minute, tzinfo=BEIJING)


def _setup(tmp_path, grace=360, extra=""):
    schedule = f"""schedule:
  nightly: null
  probe_every_minutes: null
  quarterly_report: null
  backup: "30 3 * * *"
  backup_keep: 3
  grace_minutes: {grace}
{extra}"""
    delivery = 'delivery: {channels: [{name: office}], quiet_hours: "22:00-07:30"}'
    config = county_config(
        tmp_path / "govwatch.yaml", "http://127.0.0.1:9/", schedule=schedule, delivery=delivery
    )
    db_url = f"sqlite:///{tmp_path / 'g.db'}"
    upgrade(db_url)
    return JobContext(str(config), db_url), load_config(config)


def _runs(db_url):
    with session_factory(make_engine(db_url))() as session:
        rows = session.scalars(select(JobRun).order_by(JobRun.id))
        return [(r.job, r.scheduled_for, r.status) for r in rows]


def _finished(db_url, count):
    return lambda: len([r for r in _runs(db_url) if r[2] != "running"]) >= count and True


def _backups(ctx):
    return backups(backup_folder(ctx.db_url, "backups"))


def test_jobs_fire_at_their_times(tmp_path):
    ctx, config = _setup(tmp_path)
    with time_machine.travel(at(1, 3, 5), tick=False) as clock:
        scheduler = start(ctx, config)
        try:
            clock.move_to(at(1, 3, 29))
            scheduler.wakeup()
            wait_for(lambda: scheduler._event.is_set() is False, timeout=5)
            assert _runs(ctx.db_url) == []  # not before its time
            clock.move_to(at(1, 3, 30))
            scheduler.wakeup()
            wait_for(_finished(ctx.db_url, 1))
            clock.move_to(at(1, 7, 30))
            scheduler.wakeup()
            wait_for(_finished(ctx.db_url, 2))
            nxt = {job.id: job.next_run_time for job in scheduler.get_jobs()}
        finally:
            scheduler.shutdown(wait=True)
            ctx.close()
    assert _runs(ctx.db_url) == [("backup", at(1, 3, 30), "ok"), ("deliver", at(1, 7, 30), "ok")]
    assert len(_backups(ctx)) == 1
    assert nxt == {"backup": at(2, 3, 30), "deliver": at(2, 7, 30)}


def test_a_restart_after_downtime_runs_a_missed_job_once(tmp_path):
    ctx, config = _setup(tmp_path)
    with time_machine.travel(at(1, 2, 0), tick=False) as clock:
        scheduler = start(ctx, config)
        scheduler.shutdown(wait=True)  # down before 03:30 …
        clock.move_to(at(4, 9, 0))  # … for four nights (the last one 5.5 h ago, grace 6 h)
        listed = {job.name: job for job in planned_jobs(config, ctx.db_url)}
        assert listed["backup"].missed and listed["backup"].next_run == at(4, 3, 30)
        scheduler = start(ctx, config)
        try:
            wait_for(_finished(ctx.db_url, 2))  # the backup and the held-delivery job
            nxt = scheduler.get_job("backup").next_run_time
        finally:
            scheduler.shutdown(wait=True)
            ctx.close()
    runs = _runs(ctx.db_url)
    assert [r for r in runs if r[0] == "backup"] == [("backup", at(4, 3, 30), "ok")]
    assert len(_backups(ctx)) == 1
    assert nxt == at(5, 3, 30)


def test_a_run_missed_by_more_than_the_grace_waits_for_its_next_time(tmp_path):
    ctx, config = _setup(tmp_path, grace=60)
    with time_machine.travel(at(1, 2, 0), tick=False) as clock:
        start(ctx, config).shutdown(wait=True)
        clock.move_to(at(1, 6, 0))  # 2.5 h after 03:30, grace 1 h
        scheduler = start(ctx, config)
        try:
            wait_for(lambda: scheduler.get_job("backup").next_run_time == at(2, 3, 30), 10)
        finally:
            scheduler.shutdown(wait=True)
            ctx.close()
    assert [r for r in _runs(ctx.db_url) if r[0] == "backup"] == []
    assert _backups(ctx) == []


def test_two_schedulers_on_one_database_never_run_a_job_twice(tmp_path):
    ctx, config = _setup(tmp_path)
    other = JobContext(ctx.config_path, ctx.db_url)
    with time_machine.travel(at(1, 3, 0), tick=False) as clock:
        first, second = start(ctx, config), start(other, config)
        try:
            for day in (1, 2, 3):
                clock.move_to(at(day, 3, 30))
                first.wakeup()
                second.wakeup()
                wait_for(lambda d=day: len([r for r in _runs(ctx.db_url) if r[2] == "ok"]) >= d)
                clock.move_to(at(day, 3, 31))  # both have processed this slot
                first.wakeup()
                second.wakeup()
        finally:
            first.shutdown(wait=True)
            second.shutdown(wait=True)
            ctx.close()
            other.close()
    backups_run = [r for r in _runs(ctx.db_url) if r[0] == "backup"]
    assert sorted(r[1] for r in backups_run if r[2] == "ok") == [at(d, 3, 30) for d in (1, 2, 3)]
    assert len(backups_run) == 3  # a slot is claimed once: the loser writes no row at all
    assert len(_backups(ctx)) == 3


def test_the_same_slot_is_claimed_once(tmp_path):
    ctx, _ = _setup(tmp_path)
    slot = at(1, 3, 30)
    with time_machine.travel(slot, tick=False):
        assert fire("backup", context=ctx, scheduled_for=slot) == "ok"
        assert fire("backup", context=ctx, scheduled_for=slot) == "skipped"
        assert fire("backup", context=ctx, scheduled_for=slot + timedelta(days=1)) == "ok"
    ctx.close()
    assert [r[2] for r in _runs(ctx.db_url)] == ["ok", "ok"]


def test_a_changed_time_in_the_config_reschedules_the_stored_job(tmp_path):
    ctx, config = _setup(tmp_path)
    with time_machine.travel(at(1, 2, 0), tick=False):
        start(ctx, config).shutdown(wait=True)
        changed = config.model_copy(
            update={"schedule": config.schedule.model_copy(update={"backup": "0 5 * * *"})}
        )
        scheduler = start(ctx, changed)
        try:
            assert scheduler.get_job("backup").next_run_time == at(1, 5, 0)
        finally:
            scheduler.shutdown(wait=True)
            ctx.close()
