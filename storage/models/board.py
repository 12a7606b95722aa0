"""What the crawl read for the checks beyond articles: 网民留言 board messages, and the dates
list pages and the home page showed in each run (what column and home-page freshness is
judged by)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, BeijingDateTime


class BoardMessage(Base):
    """One 留言 of a board (a column of category `interaction`), as its detail page shows it."""

    __tablename__ = "board_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"))
    column_id: Mapped[int | None] = mapped_column(ForeignKey("site_column.id"), index=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str] = mapped_column(Text)
    asked_at: Mapped[datetime | None] = mapped_column(BeijingDateTime)  # 留言时间
    # core.board.MESSAGE_TYPES; None: neither the page nor the keywords tell
    msg_type: Mapped[str | None] = mapped_column(String(20))
    type_shown: Mapped[str | None] = mapped_column(Text)  # as printed on the page
    type_inferred: Mapped[bool] = mapped_column(Boolean, default=False)  # by keywords
    unit_raw: Mapped[str | None] = mapped_column(Text)  # 承办单位 as printed
    status: Mapped[str | None] = mapped_column(Text)  # 办理状态 as printed
    # answered: a reply text, a reply time or a status saying so; the time may be unknown
    replied: Mapped[bool] = mapped_column(Boolean, default=False)
    replied_at: Mapped[datetime | None] = mapped_column(BeijingDateTime)
    reply_text: Mapped[str] = mapped_column(Text, default="")
    # the text checker's issues in reply_text, and the hash of the reply they were found in
    # (checks/board/replies.py: a reply is checked once per content)
    reply_checked_hash: Mapped[str | None] = mapped_column(String(64))
    reply_issues: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    content: Mapped[str] = mapped_column(Text, default="")  # 留言内容
    fetched_at: Mapped[datetime] = mapped_column(BeijingDateTime)
    first_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_run.id"))
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_run.id"))


class PageDates(Base):
    """The dates one run saw on a column's list pages (aggregated) or on the home page."""

    __tablename__ = "page_dates"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_run.id", ondelete="CASCADE"), index=True)
    column_id: Mapped[int | None] = mapped_column(ForeignKey("site_column.id"))
    kind: Mapped[str] = mapped_column(String(10))  # list | home
    url: Mapped[str] = mapped_column(Text)
    entries: Mapped[int] = mapped_column(Integer, default=0)
    undated: Mapped[int] = mapped_column(Integer, default=0)  # entries showing no date
    newest: Mapped[datetime | None] = mapped_column(BeijingDateTime)
    # home: every dated entry [{"title", "url", "date": ISO or None, "md": "MM-DD" or None}]
    sample: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
