"""Store each account's fetch as it arrives: its AccountCheck row of the run and its posts.

One transaction per account, so a run killed half-way keeps every account it read. With
GOVWATCH_ACCOUNTS_OUT set, each item is also written as a JSON line (`check-account` prints
from it; an account that is not registered is written there only).
"""

from __future__ import annotations

import json
from typing import Any

from scrapy.crawler import Crawler
from sqlalchemy import select

from spiders.accounts.spider import AccountItem
from storage.db import make_engine, session_factory, transaction
from storage.models import Account, AccountCheck, AccountPost


class AccountsPipeline:
    def __init__(
        self, db_url: str | None, run_id: int | None, site_id: int | None, out: str | None
    ):
        self.run_id, self.site_id, self.out = run_id, site_id, out
        self.engine = make_engine(db_url) if db_url else None
        self.sessions = session_factory(self.engine) if self.engine else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AccountsPipeline:
        settings = crawler.settings
        return cls(
            settings.get("GOVWATCH_DB_URL"),
            settings.getint("GOVWATCH_ACCOUNT_RUN_ID") or None,
            settings.getint("GOVWATCH_SITE_ID") or None,
            settings.get("GOVWATCH_ACCOUNTS_OUT"),
        )

    def close_spider(self, spider: Any = None) -> None:
        if self.engine is not None:
            self.engine.dispose()

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if self.out and hasattr(item, "to_dict"):
            with open(self.out, "a", encoding="utf-8") as stream:
                stream.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
        if isinstance(item, AccountItem) and self.sessions is not None and self.run_id is not None:
            self._store(item)
        return item

    def _store(self, item: AccountItem) -> None:
        assert self.sessions is not None
        with transaction(self.sessions) as session:
            account = session.scalar(
                select(Account).where(Account.site_id == self.site_id, Account.key == item.key)
            )
            if account is None:  # an unregistered URL (check-account): not stored
                return
            check = session.scalar(
                select(AccountCheck).where(
                    AccountCheck.run_id == self.run_id, AccountCheck.account_id == account.id
                )
            )
            if check is None:
                check = AccountCheck(run_id=self.run_id, account_id=account.id)
                session.add(check)
            check.fetched_at = item.fetched_at
            check.outcome, check.code, check.detail = item.outcome, item.code, item.detail
            check.source, check.profile = item.source, item.profile
            check.covered_since = item.covered_since
            check.history_complete = item.history_complete
            check.tracks_pushes = item.tracks_pushes
            check.posts_read = len(item.posts)
            if not item.posts:
                return
            stored = {
                p.post_id: p
                for p in session.scalars(
                    select(AccountPost).where(
                        AccountPost.account_id == account.id,
                        AccountPost.post_id.in_([p.post_id for p in item.posts]),
                    )
                )
            }
            for post in item.posts:
                row = stored.get(post.post_id)
                if row is None:
                    row = AccountPost(
                        account_id=account.id, post_id=post.post_id, first_run_id=self.run_id
                    )
                    session.add(row)
                    stored[post.post_id] = row
                row.url, row.published_at = post.url, post.published_at
                row.title, row.text = post.title, post.text
                row.pinned, row.repost, row.push_id = post.pinned, post.repost, post.push_id
                row.content_hash = post.content_hash
                row.last_run_id = self.run_id
