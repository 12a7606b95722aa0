"""The tickets a hotline check judges, and what every hotline finding carries.

A ticket is its own place ("ticket:<工单号>"): the import stores whole files, so every stored
ticket is read completely and can be judged (a ticket re-imported with corrected figures
closes its finding). Tickets dispatched more than a year before --as-of are left alone, and
so are tickets dispatched after it (the story as of an earlier day)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from checks.context import CheckContext
from storage.models import HotlineTicket

WINDOW = timedelta(days=366)


def tickets(ctx: CheckContext) -> list[HotlineTicket]:
    if ctx.site_id is None:
        return []
    return list(
        ctx.session.scalars(
            select(HotlineTicket)
            .where(
                HotlineTicket.site_id == ctx.site_id,
                HotlineTicket.dispatched_at >= ctx.as_of - WINDOW,
                HotlineTicket.dispatched_at < ctx.as_of,
            )
            .order_by(HotlineTicket.dispatched_at, HotlineTicket.id)
        )
    )


def place(ticket: HotlineTicket) -> str:
    return f"ticket:{ticket.ticket_no}"


def evidence(ticket: HotlineTicket, **extra: Any) -> dict[str, Any]:
    """What staff need to find the ticket in the hotline platform, and the figures judged."""

    def iso(value: Any) -> str | None:
        return value.isoformat() if value is not None else None

    return {
        "ticket_no": ticket.ticket_no,
        "unit_shown": ticket.unit_raw,
        "dispatched_at": iso(ticket.dispatched_at),
        "signed_at": iso(ticket.signed_at),
        "closed_at": iso(ticket.closed_at),
        "deadline": iso(ticket.deadline),
        "time_limit": ticket.time_limit,
        "returns": ticket.returns,
        **extra,
    }
