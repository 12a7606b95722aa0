"""One crawl of a portal at a time, across processes and machines sharing a database.

A run row with status `running` is the lock; its owner is `host:pid`. A run whose process is
gone (killed, or the machine rebooted) is closed as failed by the next run, keeping what it
stored.
"""

from __future__ import annotations

import os
import socket

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.periods import now
from core.vocab import RunStatus
from govwatch.jobs.errors import CrawlInProgress
from storage.models import CrawlRun


def owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def alive(run_owner: str | None) -> bool:
    """Is the process that started a run still there? Unknown hosts count as alive."""
    host, _, pid = (run_owner or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return bool(run_owner)
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def claim(session: Session, site_id: int) -> CrawlRun:
    """Start a run, refusing while another crawl of the site is alive; close dead ones."""
    for stale in session.scalars(
        select(CrawlRun).where(CrawlRun.site_id == site_id, CrawlRun.status == RunStatus.running)
    ):
        if alive(stale.owner):
            raise CrawlInProgress(
                f"crawl #{stale.id} of this portal is still running ({stale.owner}, "
                f"since {stale.started_at:%Y-%m-%d %H:%M}); wait for it to finish"
            )
        # killed, or the machine rebooted: what it stored is kept
        stale.status, stale.note, stale.finished_at = RunStatus.failed, "interrupted", now()
    run = CrawlRun(site_id=site_id, started_at=now(), status=RunStatus.running, owner=owner())
    session.add(run)
    session.flush()
    return run
