"""Item pipeline: everything the spider yields goes to the database, one transaction per item.

A crawl killed at any moment leaves whole articles or none, and a rerun updates rows by URL
instead of duplicating them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.config import Config
from core.periods import now
from spiders.items import (
    ArticleItem,
    FetchFailureItem,
    ListPageItem,
    NavigationItem,
    SiteInfoItem,
    UnchangedItem,
)
from storage.attribution import Attribution
from storage.db import make_engine, session_factory, transaction
from storage.models import (
    Article,
    Column,
    ColumnRunState,
    CrawlRun,
    FetchFailureRecord,
    Site,
    Unit,
)


@dataclass
class _ColumnTally:
    list_pages: int = 0
    entries: int = 0
    failed: int = 0


class StoragePipeline:
    crawler: Crawler

    def __init__(self, db_url: str, run_id: int, site_id: int, config: Config) -> None:
        self.engine = make_engine(db_url)
        self.sessions = session_factory(self.engine)
        self.run_id = run_id
        self.site_id = site_id
        self.config = config
        self.tally: dict[str, _ColumnTally] = defaultdict(_ColumnTally)
        self.counts = {"new": 0, "changed": 0, "unchanged": 0, "errors": 0}
        self.columns: dict[str, int] = {}  # column URL → id
        self.attribution: Attribution
        self.unit_ids: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        settings = crawler.settings
        pipeline = cls(
            settings["GOVWATCH_DB_URL"],
            settings.getint("GOVWATCH_RUN_ID"),
            settings.getint("GOVWATCH_SITE_ID"),
            settings["GOVWATCH_CONFIG"],
        )
        pipeline.crawler = crawler
        crawler.signals.connect(pipeline.item_error, signal=signals.item_error)
        return pipeline

    def item_error(self, item: Any, response: Any, spider: Any, failure: Any) -> None:
        # an item that could not be stored is lost: the worker exits non-zero, run = failed
        self.crawler.stats.inc_value("govwatch/item_errors")

    def open_spider(self, spider: Spider | None = None) -> None:
        with self.sessions() as session:
            for column in session.scalars(select(Column).where(Column.site_id == self.site_id)):
                self.columns[column.url] = column.id
            self.attribution = Attribution.for_site(session, self.config, self.site_id)
            self.unit_ids = dict(
                session.execute(select(Unit.name, Unit.id).where(Unit.active.is_(True))).all()
            )

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        with transaction(self.sessions) as session:
            if isinstance(item, ArticleItem):
                self._article(session, item)
            elif isinstance(item, ListPageItem):
                tally = self.tally[item.column_url]
                tally.list_pages += 1
                tally.entries += item.entries
            elif isinstance(item, UnchangedItem):
                self.counts["unchanged"] += len(item.urls)
                session.execute(
                    update(Article)
                    .where(Article.url.in_(item.urls))
                    .values(last_run_id=self.run_id)
                )
            elif isinstance(item, FetchFailureItem):
                self._failure(session, item)
            elif isinstance(item, NavigationItem):
                self._navigation(session, item)
            elif isinstance(item, SiteInfoItem) and item.site_id_code:
                session.get_one(Site, self.site_id).site_id_code = item.site_id_code
        return item

    def _article(self, session: Session, item: ArticleItem) -> None:
        column_id = self.columns.get(item.column_url or "")
        unit = self.attribution.unit(item.source, column_id)
        unit_id = self.unit_ids.get(unit) if unit else None
        values = {
            "site_id": self.site_id,
            "column_id": column_id,
            "unit_id": unit_id,
            "source_raw": item.source,
            "title": item.title,
            "published_at": item.published_at,
            "date_source": item.date_source,
            "fetched_at": now(),
            "content_hash": item.content_hash,
            "list_signature": item.list_signature,
            "charset": item.charset,
            "text": item.text,
            "attachments": item.attachments,
            "meta": item.meta,
            "last_run_id": self.run_id,
        }
        existing = session.scalar(select(Article).where(Article.url == item.url))
        if existing is None:
            session.add(Article(url=item.url, first_run_id=self.run_id, **values))
            self.counts["new"] += 1
            return
        if existing.content_hash != item.content_hash:
            self.counts["changed"] += 1
        else:
            self.counts["unchanged"] += 1
        # an article keeps the column it was first found in
        values["column_id"] = existing.column_id or column_id
        for key, value in values.items():
            setattr(existing, key, value)

    def _failure(self, session: Session, item: FetchFailureItem) -> None:
        self.counts["errors"] += 1
        if item.column_url:
            self.tally[item.column_url].failed += 1
        column_id = self.columns.get(item.column_url or "")
        session.add(
            FetchFailureRecord(
                run_id=self.run_id,
                column_id=column_id,
                url=item.url,
                page_kind=item.page_kind,
                code=item.code,
                http_status=item.status,
                detail=item.detail,
                at=now(),
            )
        )

    def _navigation(self, session: Session, item: NavigationItem) -> None:
        """Store newly found columns; retire found ones the navigation no longer links."""
        found = {column.url: column for column in item.columns}
        existing = {
            c.url: c for c in session.scalars(select(Column).where(Column.site_id == self.site_id))
        }
        for url, nav in found.items():
            column = existing.get(url)
            if column is None:
                column = Column(
                    site_id=self.site_id,
                    name=nav.name,
                    url=url,
                    category=nav.category,
                    discovered=True,
                )
                session.add(column)
                session.flush()
            elif column.discovered:
                column.active = True
            self.columns[url] = column.id
            self.attribution.add_column(column.id, url)
        for url, column in existing.items():
            if column.discovered and url not in found:
                column.active = False

    def close_spider(self, spider: Spider | None = None) -> None:
        stats = self.crawler.stats
        with transaction(self.sessions) as session:
            for url, column_id in self.columns.items():
                tally = self.tally.get(url)
                if tally is None:
                    continue  # not crawled in this run (inactive or out of scope)
                session.add(
                    ColumnRunState(
                        run_id=self.run_id,
                        column_id=column_id,
                        list_pages=tally.list_pages,
                        entries=tally.entries,
                        failed_pages=tally.failed,
                        complete=tally.failed == 0 and tally.list_pages > 0,
                    )
                )
            run = session.get_one(CrawlRun, self.run_id)
            run.requests = int(stats.get_value("downloader/request_count", 0) if stats else 0)
            run.articles_new = self.counts["new"]
            run.articles_changed = self.counts["changed"]
            run.articles_unchanged = self.counts["unchanged"]
            run.errors = self.counts["errors"]
        self.engine.dispose()
