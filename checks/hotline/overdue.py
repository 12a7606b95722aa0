"""`hotline_overdue`: a ticket closed after its 办理时限, or still open past it (超期).

A ticket whose export gives no 办理时限 cannot be judged: it is listed as unchecked."""

from __future__ import annotations

from checks.base import Check, CheckReport, FindingDraft
from checks.context import CheckContext
from checks.hotline.tickets import evidence, place, tickets
from core.vocab import Level


class HotlineOverdue(Check):
    name = "hotline_overdue"
    kinds = ("hotline_overdue",)

    def run(self, ctx: CheckContext) -> CheckReport:
        report = CheckReport()
        matcher = ctx.config.unit_matcher()
        for ticket in tickets(ctx):
            if ticket.deadline is None:
                report.unchecked[place(ticket)] = "工单未注明办理时限"
                continue
            report.checked.add(place(ticket))
            if ticket.closed_at is not None:
                if ticket.closed_at <= ticket.deadline:
                    continue
                what = f"{ticket.closed_at:%Y-%m-%d %H:%M}办结，超过办理时限"
                open_ = False
            elif ctx.as_of > ticket.deadline:
                what = "超过办理时限仍未办结"
                open_ = True
            else:
                continue
            report.findings.append(
                FindingDraft(
                    kind="hotline_overdue",
                    level=Level.warning,
                    place=place(ticket),
                    key="overdue",
                    title=f"12345工单{ticket.ticket_no}超期：{what}"
                    f"（时限{ticket.deadline:%Y-%m-%d %H:%M}）",
                    unit=matcher.match(ticket.unit_raw),
                    evidence=evidence(ticket, still_open=open_),
                )
            )
        return report
