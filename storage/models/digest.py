"""The morning digest as it was built at the end of a run (its JSON form), kept as history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, BeijingDateTime


class DigestRecord(Base):
    __tablename__ = "digest"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_run.id"))
    generated_at: Mapped[datetime] = mapped_column(BeijingDateTime)
    as_of: Mapped[datetime] = mapped_column(BeijingDateTime)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
