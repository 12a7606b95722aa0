"""`hotline_overdue`: a ticket closed after its 办理时限, or still open past it (超期).

A ticket whose export gives no 办理时限 cannot be judged: it is listed as unchecked."""

from __future__ import annotations

from datetime import datetime

from checks.base import Check, CheckReport, FindingDraft
from checks.context import CheckContext
from checks.hotline.tickets import evidence, place, tickets
from core.periods import beijing
from core.vocab import Level
from storage.models import HotlineTicket


def is_overdue(ticket: HotlineTicket, as_of: datetime) -> bool | None:
    """Closed after its 时限, or open past it; None when the ticket gives no 时限."""
    if ticket.deadline is None:
        return None
    if ticket.closed_at is not None:
        return ticket.closed_at > ticket.deadline
    return as_of > ticket.deadline


class HotlineOverdue(Check):
    name = "hotline_overdue"
    kinds = ("hotline_overdue",)

    def run(self, ctx: CheckContext) -> CheckReport:
        report = CheckReport()
        matcher = ctx.config.unit_matcher()
        for ticket in tickets(ctx):
            late = is_overdue(ticket, ctx.as_of)
            if late is None or ticket.deadline is None:
                report.unchecked[place(ticket)] = "工单未注明办理时限"
                continue
            report.checked.add(place(ticket))
            if not late:
                continue
            open_ = ticket.closed_at is None
            what = (
                "超过办理时限仍未办结"
                if ticket.closed_at is None
                else f"{beijing(ticket.closed_at):%Y-%m-%d %H:%M}办结，超过办理时限"
            )
            report.findings.append(
                FindingDraft(
                    kind="hotline_overdue",
                    level=Level.warning,
                    place=place(ticket),
                    key="overdue",
                    title=f"12345工单{ticket.ticket_no}超期：{what}"
                    f"（时限{beijing(ticket.deadline):%Y-%m-%d %H:%M}）",
                    unit=matcher.match(ticket.unit_raw),
                    evidence=evidence(ticket, still_open=open_),
                )
            )
        return report
