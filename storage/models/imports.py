"""What lives in other systems and reaches govwatch as an office's export file: the
依申请公开 register, the 政务服务平台's monthly statistics and the 12345 hotline's tickets.

Each row has a natural key (a ticket's 工单号, a month, a register entry's content), so a
file imported twice — or an updated export of the same register — updates rows in place and
never duplicates them. ImportBatch records every import that changed something.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, BeijingDateTime


class ImportBatch(Base):
    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"))
    kind: Mapped[str] = mapped_column(String(20))  # requests | services | hotline
    file_name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    imported_at: Mapped[datetime] = mapped_column(BeijingDateTime)
    rows: Mapped[int] = mapped_column(Integer)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    # the months ("2025-04") the file holds rows for: what a report may say about
    months: Mapped[list[str]] = mapped_column(JSON, default=list)


class InfoRequest(Base):
    """One entry of the 依申请公开 register (收到日期, 申请人类型, 事项, 办结日期, 答复方式)."""

    __tablename__ = "info_request"
    __table_args__ = (UniqueConstraint("site_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"))
    # the register's 编号 when it has one, else a hash of date, applicant type and subject
    key: Mapped[str] = mapped_column(String(200))
    received_on: Mapped[date] = mapped_column(Date, index=True)
    applicant_type: Mapped[str] = mapped_column(Text, default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[date | None] = mapped_column(Date)
    reply_method: Mapped[str] = mapped_column(Text, default="")
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"))
    row_number: Mapped[int] = mapped_column(Integer)


class ServiceMonth(Base):
    """One month of the 政务服务平台's statistics; the rates are computed, never imported."""

    __tablename__ = "service_month"
    __table_args__ = (UniqueConstraint("site_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"))
    month: Mapped[str] = mapped_column(String(7))  # "2025-04"
    accepted: Mapped[int] = mapped_column(Integer)  # 受理
    closed: Mapped[int] = mapped_column(Integer)  # 办结
    rated: Mapped[int] = mapped_column(Integer)  # 主动评价数
    # 评价总数 (主动 + 系统默认评价) where the export has it: the 主动评价率's denominator
    ratings: Mapped[int | None] = mapped_column(Integer)
    good: Mapped[int] = mapped_column(Integer)  # 好评
    bad: Mapped[int] = mapped_column(Integer)  # 差评
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"))
    row_number: Mapped[int] = mapped_column(Integer)


class HotlineTicket(Base):
    """One 12345 工单 as the hotline platform exports it."""

    __tablename__ = "hotline_ticket"
    __table_args__ = (UniqueConstraint("site_id", "ticket_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"))
    ticket_no: Mapped[str] = mapped_column(String(100))  # 工单号
    dispatched_at: Mapped[datetime] = mapped_column(BeijingDateTime, index=True)  # 派发时间
    signed_at: Mapped[datetime | None] = mapped_column(BeijingDateTime)  # 签收时间
    returns: Mapped[int] = mapped_column(Integer, default=0)  # 退件次数
    closed_at: Mapped[datetime | None] = mapped_column(BeijingDateTime)  # 办结时间
    time_limit: Mapped[str] = mapped_column(Text, default="")  # 办理时限, as exported
    deadline: Mapped[datetime | None] = mapped_column(BeijingDateTime)  # read from it
    unit_raw: Mapped[str] = mapped_column(Text, default="")  # 承办单位, as exported
    handling: Mapped[str] = mapped_column(Text, default="")  # 办理情况
    reply: Mapped[str] = mapped_column(Text, default="")  # 答复情况
    # the text checker's issues in `reply`, and the hash of the reply they were found in
    reply_checked_hash: Mapped[str | None] = mapped_column(String(64))
    reply_issues: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"))
    row_number: Mapped[int] = mapped_column(Integer)
