"""The scheduler's tables: each execution of a scheduled job, and APScheduler's job store.

A job execution is claimed by inserting its (job, scheduled_for) row: two schedulers on one
database race for the same slot and only one insert succeeds, so a job never runs twice.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, LargeBinary, String, Text, Unicode, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, BeijingDateTime

JOB_STORE_TABLE = "scheduler_job"


class JobRun(Base):
    __tablename__ = "job_run"
    __table_args__ = (UniqueConstraint("job", "scheduled_for"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(40), index=True)
    # the slot the scheduler fired it for; a manual --run-now uses its start time
    scheduled_for: Mapped[datetime] = mapped_column(BeijingDateTime)
    started_at: Mapped[datetime] = mapped_column(BeijingDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(BeijingDateTime)
    # running | ok | failed | skipped | interrupted
    status: Mapped[str] = mapped_column(String(12))
    owner: Mapped[str | None] = mapped_column(String(200))  # host:pid
    manual: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(Text)


class SchedulerJob(Base):
    """APScheduler 3's SQLAlchemyJobStore table, described here so that the migrations create
    it (the store's own create is then a no-op). Its shape is APScheduler's, not ours."""

    __tablename__ = JOB_STORE_TABLE

    id: Mapped[str] = mapped_column(Unicode(191), primary_key=True)
    next_run_time: Mapped[float | None] = mapped_column(Float(25), index=True)
    job_state: Mapped[bytes] = mapped_column(LargeBinary)
