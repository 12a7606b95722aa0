"""政务新媒体: the registered accounts, each check run, what every account showed in it, and
the posts read.

An AccountCheck is one account in one run: what the fetch returned (ok, failed with its
reason, or 账号异常) and, filled in by the 逾期 rule right after, the figures of the table.
Nothing is deleted: an account removed from the registry is marked inactive.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, BeijingDateTime


class Account(Base):
    __tablename__ = "account"
    __table_args__ = (UniqueConstraint("site_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"))
    # platform:id — the same account across runs, whatever its registry name says
    key: Mapped[str] = mapped_column(String(400))
    name: Mapped[str] = mapped_column(String(200))  # 账号名称 as registered
    platform: Mapped[str] = mapped_column(String(20))  # core.accounts.Platform
    owner: Mapped[str] = mapped_column(String(200))  # 开设主体: a configured unit name
    url: Mapped[str | None] = mapped_column(Text)
    ids: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    position: Mapped[int] = mapped_column(Integer, default=0)  # order in the registry
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class AccountRun(Base):
    """One `govwatch accounts check` (or `check-account`): the lock while it runs."""

    __tablename__ = "account_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"))
    started_at: Mapped[datetime] = mapped_column(BeijingDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(BeijingDateTime)
    as_of: Mapped[datetime] = mapped_column(BeijingDateTime)  # the monitoring point
    # running | finished | incomplete | failed
    status: Mapped[str] = mapped_column(String(20), default="running")
    # every active account (the table may be built from it), or only some (check-account)
    full: Mapped[bool] = mapped_column(Boolean, default=True)
    owner: Mapped[str | None] = mapped_column(String(200))  # host:pid
    note: Mapped[str | None] = mapped_column(Text)

    checks: Mapped[list[AccountCheck]] = relationship(
        back_populates="run", cascade="all, delete-orphan"
    )


class AccountCheck(Base):
    __tablename__ = "account_check"
    __table_args__ = (UniqueConstraint("run_id", "account_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("account_run.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    fetched_at: Mapped[datetime] = mapped_column(BeijingDateTime)
    # what the fetch said: ok | failed | abnormal
    outcome: Mapped[str] = mapped_column(String(12))
    code: Mapped[str | None] = mapped_column(String(30))  # a reason code (core.accounts)
    detail: Mapped[str | None] = mapped_column(Text)  # credentials never reach this column
    source: Mapped[str | None] = mapped_column(String(40))  # the adapter: weibo, sogou …
    profile: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # every non-pinned post at or after this moment was read; None: only the latest one
    covered_since: Mapped[datetime | None] = mapped_column(BeijingDateTime)
    history_complete: Mapped[bool] = mapped_column(Boolean, default=False)
    tracks_pushes: Mapped[bool] = mapped_column(Boolean, default=False)  # 公众号 群发
    posts_read: Mapped[int] = mapped_column(Integer, default=0)
    # the 逾期 rule's verdict (checks/accounts/rule.py), as of the run's monitoring point
    status: Mapped[str | None] = mapped_column(String(12))  # core.accounts.Status
    reason: Mapped[str | None] = mapped_column(Text)  # shown after 采集失败 / 账号异常
    latest_post_at: Mapped[datetime | None] = mapped_column(BeijingDateTime)
    latest_post_url: Mapped[str | None] = mapped_column(Text)
    days_since: Mapped[int | None] = mapped_column(Integer)
    overdue_days: Mapped[int | None] = mapped_column(Integer)
    quarter: Mapped[str | None] = mapped_column(String(8))
    # "2025-04" → posts (None: the source cannot tell); pushes beside it for a 公众号
    posts_per_month: Mapped[dict[str, int | None]] = mapped_column(JSON, default=dict)
    pushes_per_month: Mapped[dict[str, int | None] | None] = mapped_column(JSON)
    longest_gap_days: Mapped[int | None] = mapped_column(Integer)

    run: Mapped[AccountRun] = relationship(back_populates="checks")
    account: Mapped[Account] = relationship()


class AccountPost(Base):
    __tablename__ = "account_post"
    __table_args__ = (
        UniqueConstraint("account_id", "post_id"),
        Index("ix_account_post_published", "account_id", "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    post_id: Mapped[str] = mapped_column(String(200))  # the platform's id of the post
    url: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(BeijingDateTime)
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    repost: Mapped[bool] = mapped_column(Boolean, default=False)
    push_id: Mapped[str | None] = mapped_column(String(100))  # 公众号: one 群发
    content_hash: Mapped[str] = mapped_column(String(64))
    first_run_id: Mapped[int | None] = mapped_column(ForeignKey("account_run.id"))
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("account_run.id"))
    # the text checker's issues for content_hash (checked when the two hashes agree)
    text_checked_hash: Mapped[str | None] = mapped_column(String(64))
    text_issues: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
