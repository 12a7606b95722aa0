"""Third item pipeline: link targets, attachment texts and identity samples (the checks of
checks/portal/dead_links.py, privacy_leak.py and identity.py read them).

- AttachmentItem → attachment_text, one row per attachment URL, replaced when read again;
- IdentityItem → page_identity, one row per sampled page and run;
- the spider's link targets → link_check, written when the crawl closes (a killed crawl is a
  failed run, whose links are not judged), with the HTTPS answer added to the home sample.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from sqlalchemy import select, update

from core.periods import now
from spiders.items import AttachmentItem, IdentityItem
from storage.db import make_engine, session_factory, transaction
from storage.models import Article, AttachmentText, Column, LinkCheck, PageIdentity

logger = logging.getLogger(__name__)
_TEXT_MAX = 2_000_000  # characters of one attachment kept for the privacy check


class SiteChecksPipeline:
    crawler: Crawler

    def __init__(self, db_url: str, run_id: int, site_id: int) -> None:
        self.engine = make_engine(db_url)
        self.sessions = session_factory(self.engine)
        self.run_id = run_id
        self.site_id = site_id
        self._column_ids: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteChecksPipeline:
        settings = crawler.settings
        pipeline = cls(
            settings["GOVWATCH_DB_URL"],
            settings.getint("GOVWATCH_RUN_ID"),
            settings.getint("GOVWATCH_SITE_ID"),
        )
        pipeline.crawler = crawler
        return pipeline

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, AttachmentItem):
            with transaction(self.sessions) as session:
                self._attachment(session, item)
        elif isinstance(item, IdentityItem):
            with transaction(self.sessions) as session:
                found = dict(item.found)
                if item.unchecked:
                    found["_unchecked"] = item.unchecked
                session.add(
                    PageIdentity(
                        run_id=self.run_id,
                        url=item.url,
                        page_kind=item.page_kind,
                        column_id=self._column_id(session, item.column_url),
                        found=found,
                    )
                )
        return item

    def _attachment(self, session: Any, item: AttachmentItem) -> None:
        row = session.scalar(select(AttachmentText).where(AttachmentText.url == item.url))
        if row is None:
            row = AttachmentText(url=item.url)
            session.add(row)
        row.article_url = item.article_url
        row.run_id = self.run_id
        row.fetched_at = now()
        row.status = item.status
        row.reason = item.reason
        row.file_type = item.file_type
        row.size = item.size
        row.text = item.text[:_TEXT_MAX]

    def _column_id(self, session: Any, url: str | None) -> int | None:
        if url is None:
            return None
        if url not in self._column_ids:
            found = session.scalar(
                select(Column.id).where(Column.site_id == self.site_id, Column.url == url)
            )
            if found is None:
                return None
            self._column_ids[url] = found
        return self._column_ids[url]

    def close_spider(self, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        link_items = getattr(spider, "link_items", None)
        if link_items is None:
            self.engine.dispose()
            return
        over = self.crawler.stats.get_value("govwatch/links_over_limit", 0)
        if over:
            logger.warning("links.max_links reached: %d further links were not recorded", over)
        with transaction(self.sessions) as session:
            items = link_items()
            for item in items:
                target, result = item.target, item.result
                session.add(
                    LinkCheck(
                        run_id=self.run_id,
                        url=target.url,
                        tag=target.tag,
                        internal=target.internal,
                        outcome=result.outcome,
                        http_status=result.status,
                        code=result.code,
                        detail=result.detail,
                        pages=target.pages,
                        page_count=target.page_count,
                        on_home=target.on_home,
                        text=target.text or None,
                    )
                )
            # an attachment read before and still served as it was: its stored text stands
            # for this run (the privacy check judges the attachments a run covered)
            served = [i.target.url for i in items if i.target.tag == "attachment"
                      and i.result.outcome == "ok"]  # fmt: skip
            for start in range(0, len(served), 500):
                session.execute(
                    update(AttachmentText)
                    .where(AttachmentText.url.in_(served[start : start + 500]))
                    .values(run_id=self.run_id)
                )
            # every article read by this run or left unchecked by a killed one is covered now
            session.execute(
                update(Article)
                .where(Article.site_id == self.site_id, Article.links_run_id.is_(None))
                .values(links_run_id=self.run_id)
            )
            https = spider.plan.https_ok  # type: ignore[union-attr]
            start = spider.plan.start_url  # type: ignore[union-attr]
            home = session.scalar(
                select(PageIdentity).where(
                    PageIdentity.run_id == self.run_id, PageIdentity.page_kind == "home"
                )
            )
            if home is not None and (https is not None or start.startswith("https://")):
                home.found = {**home.found, "https": "有" if https or https is None else None}
        self.engine.dispose()
