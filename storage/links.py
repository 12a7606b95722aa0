"""Stored link checks: what the crawl before a given one found failing (the crawl asks those
targets again; the dead-link check needs a second failure before it reports a suspected one)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import CrawlRun, LinkCheck


def failing_before(session: Session, site_id: int, run_id: int) -> list[LinkCheck]:
    """Dead or suspected targets of the latest crawl before `run_id` that checked links."""
    previous = session.scalar(
        select(func.max(LinkCheck.run_id))
        .join(CrawlRun, CrawlRun.id == LinkCheck.run_id)
        .where(CrawlRun.site_id == site_id, LinkCheck.run_id < run_id)
    )
    if previous is None:
        return []
    return list(
        session.scalars(
            select(LinkCheck).where(
                LinkCheck.run_id == previous, LinkCheck.outcome.in_(("dead", "suspected"))
            )
        )
    )
