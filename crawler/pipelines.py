"""Item pipeline: everything the spider yields goes to the database, one transaction per item.

A crawl killed at any moment leaves whole articles or none, and a rerun updates rows by URL
instead of duplicating them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.config import Config
from core.failures import TemplateChanged
from core.periods import now
from core.vocab import PageKind
from crawler.completeness import ColumnTally, is_complete, stored_shapes, template_change
from spiders.items import (
    ArticleItem,
    ColumnStopItem,
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


class StoragePipeline:
    crawler: Crawler

    def __init__(self, db_url: str, run_id: int, site_id: int, config: Config) -> None:
        self.engine = make_engine(db_url)
        self.sessions = session_factory(self.engine)
        self.run_id = run_id
        self.site_id = site_id
        self.config = config
        self.tally: dict[str, ColumnTally] = defaultdict(ColumnTally)
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
                if item.first_page:
                    tally.first_page_entries, tally.first_page_more = item.entries, item.more
            elif isinstance(item, ColumnStopItem):
                self.tally[item.column_url].stopped_early = True
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
            "list_date": item.list_date,
            "text": item.text,
            "attachments": item.attachments,
            "links": item.links,
            "links_run_id": None,
            "meta": item.meta,
            "last_run_id": self.run_id,
        }
        existing = session.scalar(select(Article).where(Article.url == item.url))
        tally = self.tally[item.column_url] if item.column_url else None
        if existing is None:
            session.add(Article(url=item.url, first_run_id=self.run_id, **values))
            self.counts["new"] += 1
            if tally is not None:
                tally.articles_fetched += 1
                tally.articles_undated += item.published_at is None
            return
        if _lost_fields(existing, item):
            # the page no longer shows what it showed: keep what was read, report the change
            self._failure(
                session,
                FetchFailureItem(
                    item.url,
                    item.column_url,
                    PageKind.article,
                    TemplateChanged.code,
                    None,
                    "页面上已读不到标题或发布日期（此前可以读到），保留此前采集的内容",
                ),
            )
            return
        if existing.content_hash != item.content_hash:
            self.counts["changed"] += 1
        else:
            self.counts["unchanged"] += 1
        # an article keeps the column it was first found in
        values["column_id"] = existing.column_id or column_id
        for key, value in values.items():
            setattr(existing, key, value)

    def _failure(
        self, session: Session, item: FetchFailureItem, column_id: int | None = None
    ) -> None:
        self.counts["errors"] += 1
        if item.column_url:
            self.tally[item.column_url].failed += 1
        column_id = column_id or self.columns.get(item.column_url or "")
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
        spider = spider or self.crawler.spider
        accept = set(self.crawler.settings.getlist("GOVWATCH_ACCEPT_LAYOUT"))
        at = now()
        with transaction(self.sessions) as session:
            crawled = {url: cid for url, cid in self.columns.items() if url in self.tally}
            before = stored_shapes(session, list(crawled.values()), self.run_id)
            for url, column_id in crawled.items():
                tally = self.tally[url]
                requested = spider.list_requested(url) if spider is not None else 0
                note = None
                if url not in accept and not tally.failed:
                    note = template_change(tally, before[column_id])
                if note:
                    since = before[column_id].template_since or at
                    self._failure(
                        session,
                        FetchFailureItem(
                            url, url, PageKind.list, TemplateChanged.code, None,
                            f"{note}（自{since:%Y-%m-%d}起）",
                        ),
                        column_id,
                    )  # fmt: skip
                session.add(
                    ColumnRunState(
                        run_id=self.run_id,
                        column_id=column_id,
                        list_pages=tally.list_pages,
                        entries=tally.entries,
                        failed_pages=tally.failed,
                        complete=is_complete(tally, requested),
                        first_page_entries=tally.first_page_entries,
                        first_page_more=tally.first_page_more,
                        stopped_early=tally.stopped_early,
                        template_note=note,
                        template_since=(before[column_id].template_since or at) if note else None,
                    )
                )
            run = session.get_one(CrawlRun, self.run_id)
            run.requests = int(stats.get_value("downloader/request_count", 0) if stats else 0)
            run.link_requests = int(stats.get_value("govwatch/link_requests", 0) if stats else 0)
            run.articles_new = self.counts["new"]
            run.articles_changed = self.counts["changed"]
            run.articles_unchanged = self.counts["unchanged"]
            run.errors = self.counts["errors"]
        self.engine.dispose()


def _lost_fields(stored: Article, item: ArticleItem) -> bool:
    """A stored article read with its own title and date that now reads without them."""
    had_date = stored.published_at is not None and stored.date_source not in (None, "list")
    return bool(stored.title) and had_date and (not item.title or item.published_at is None)
