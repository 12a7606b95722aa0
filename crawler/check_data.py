"""Second item pipeline: what the checks read besides articles (checks/portal, checks/board).

- BoardMessageItem → board_message, one row per 留言 URL, updated in place on every run;
- ListDatesItem → page_dates (kind list), one row per column and run with the newest date its
  list pages showed (written when the crawl closes: a killed crawl is a failed run anyway);
- HomeDatesItem → page_dates (kind home), only when the home page was read.

Kept apart from StoragePipeline so the two can change independently; it runs after it, so a
column the navigation found is already stored when its items arrive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from sqlalchemy import select

from core.periods import now
from spiders.items import BoardMessageItem, HomeDatesItem, ListDatesItem
from storage.db import make_engine, session_factory, transaction
from storage.models import BoardMessage, Column, PageDates


@dataclass
class _Dates:
    entries: int = 0
    undated: int = 0
    newest: datetime | None = None


class CheckDataPipeline:
    def __init__(self, db_url: str, run_id: int, site_id: int) -> None:
        self.engine = make_engine(db_url)
        self.sessions = session_factory(self.engine)
        self.run_id = run_id
        self.site_id = site_id
        self.dates: dict[str, _Dates] = {}
        self._column_ids: dict[str, int | None] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CheckDataPipeline:
        settings = crawler.settings
        return cls(
            settings["GOVWATCH_DB_URL"],
            settings.getint("GOVWATCH_RUN_ID"),
            settings.getint("GOVWATCH_SITE_ID"),
        )

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, ListDatesItem):
            tally = self.dates.setdefault(item.column_url, _Dates())
            tally.entries += len(item.dates)
            tally.undated += sum(1 for d in item.dates if d is None)
            dated = [d for d in item.dates if d is not None]
            if dated and (tally.newest is None or max(dated) > tally.newest):
                tally.newest = max(dated)
        elif isinstance(item, HomeDatesItem):
            with transaction(self.sessions) as session:
                session.add(
                    PageDates(
                        run_id=self.run_id,
                        kind="home",
                        url=item.url,
                        entries=len(item.entries) + item.undated,
                        undated=item.undated,
                        newest=max((e[2] for e in item.entries if e[2]), default=None),
                        sample=[
                            {"title": t, "url": u, "date": d.isoformat() if d else None, "md": md}
                            for t, u, d, md in item.entries
                        ],
                    )
                )
        elif isinstance(item, BoardMessageItem):
            with transaction(self.sessions) as session:
                self._message(session, item)
        return item

    def _column_id(self, session: Any, url: str) -> int | None:
        if url not in self._column_ids:
            self._column_ids[url] = session.scalar(
                select(Column.id).where(Column.site_id == self.site_id, Column.url == url)
            )
        return self._column_ids[url]

    def _message(self, session: Any, item: BoardMessageItem) -> None:
        values = {
            "site_id": self.site_id,
            "column_id": self._column_id(session, item.column_url),
            "title": item.title,
            "asked_at": item.asked_at,
            "msg_type": item.msg_type,
            "type_shown": item.type_shown,
            "type_inferred": item.type_inferred,
            "unit_raw": item.unit,
            "status": item.status,
            "replied": item.replied,
            "replied_at": item.replied_at,
            "reply_text": item.reply_text,
            "content": item.content,
            "fetched_at": now(),
            "last_run_id": self.run_id,
        }
        row = session.scalar(select(BoardMessage).where(BoardMessage.url == item.url))
        if row is None:
            session.add(BoardMessage(url=item.url, first_run_id=self.run_id, **values))
            return
        for key, value in values.items():
            setattr(row, key, value)

    def close_spider(self, spider: Spider | None = None) -> None:
        with transaction(self.sessions) as session:
            for url, tally in self.dates.items():
                session.add(
                    PageDates(
                        run_id=self.run_id,
                        column_id=self._column_id(session, url),
                        kind="list",
                        url=url,
                        entries=tally.entries,
                        undated=tally.undated,
                        newest=tally.newest,
                    )
                )
        self.engine.dispose()
