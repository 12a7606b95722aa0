"""What a check may look at: the session, the config, the latest crawl and its completeness."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.config import Config
from core.failures import label_of
from core.vocab import Category, RunStatus
from storage.attribution import Attribution
from storage.models import Column, ColumnRunState, CrawlRun, FetchFailureRecord


@dataclass
class CheckContext:
    session: Session
    config: Config
    site_id: int | None  # None: the portal was never crawled
    as_of: datetime
    run: CrawlRun | None  # the latest crawl that ended (finished, incomplete or failed)

    @classmethod
    def latest(
        cls, session: Session, config: Config, site_id: int | None, as_of: datetime
    ) -> CheckContext:
        run = session.scalar(
            select(CrawlRun)
            .where(CrawlRun.site_id == site_id, CrawlRun.status != RunStatus.running)
            .order_by(CrawlRun.id.desc())
        )
        return cls(session, config, site_id, as_of, run)

    @property
    def crawl_ended(self) -> bool:
        """Did the latest crawl run to its end (with or without failed pages)?"""
        return self.run is not None and self.run.status in (
            RunStatus.finished,
            RunStatus.incomplete,
        )

    @cached_property
    def attribution(self) -> Attribution:
        return Attribution.for_site(self.session, self.config, self.site_id)

    @cached_property
    def active_columns(self) -> list[Column]:
        return list(
            self.session.scalars(
                select(Column).where(Column.site_id == self.site_id, Column.active.is_(True))
            )
        )

    @cached_property
    def complete_columns(self) -> set[int]:
        """Ids of the columns the latest crawl read completely (every list page came back)."""
        if not self.crawl_ended or self.run is None:
            return set()
        return set(
            self.session.scalars(
                select(ColumnRunState.column_id).where(
                    ColumnRunState.run_id == self.run.id, ColumnRunState.complete.is_(True)
                )
            )
        )

    @property
    def incomplete_columns(self) -> list[Column]:
        """Active columns the latest crawl did not read completely, or never reached."""
        return [c for c in self.active_columns if c.id not in self.complete_columns]

    @property
    def news_complete(self) -> bool:
        """Did the latest crawl end, reach at least one news column and read all of them fully?
        Only then may anything be said about units without news."""
        news = [c for c in self.active_columns if c.category == Category.news]
        return bool(news) and all(c.id in self.complete_columns for c in news)

    @cached_property
    def column_failures(self) -> dict[int, str]:
        """Column id → why the latest crawl could not read it completely (Chinese label)."""
        out: dict[int, str] = {}
        if self.run is None:
            return out
        for column_id, code in self.session.execute(
            select(FetchFailureRecord.column_id, FetchFailureRecord.code).where(
                FetchFailureRecord.run_id == self.run.id,
                FetchFailureRecord.column_id.is_not(None),
            )
        ):
            out.setdefault(column_id, label_of(code))
        return out

    def why_incomplete_id(self, column_id: int) -> str:
        column = next((c for c in self.active_columns if c.id == column_id), None)
        return self.why_incomplete(column) if column else "栏目未配置或已停用"

    def why_incomplete(self, column: Column) -> str:
        """The reason a column counts as not checked this run (for `unchecked`)."""
        if not self.crawl_ended:
            return "最近一次采集未完成" if self.run else "尚未采集"
        return self.column_failures.get(column.id, "栏目未能完整采集")
