"""`hotline_returned`: a ticket returned (退件) 3 times or more — the 承办单位 sent it back
without 报备 instead of handling it (the county's bulletin: 回退记录达3次以上)."""

from __future__ import annotations

from checks.base import Check, CheckReport, FindingDraft
from checks.context import CheckContext
from checks.hotline.tickets import evidence, place, tickets
from core.vocab import Level

RETURNS_LINE = 3


class HotlineReturned(Check):
    name = "hotline_returned"
    kinds = ("hotline_returned",)

    def run(self, ctx: CheckContext) -> CheckReport:
        report = CheckReport()
        matcher = ctx.config.unit_matcher()
        for ticket in tickets(ctx):
            report.checked.add(place(ticket))
            if ticket.returns < RETURNS_LINE:
                continue
            report.findings.append(
                FindingDraft(
                    kind="hotline_returned",
                    level=Level.warning,
                    place=place(ticket),
                    key="returned",
                    title=f"12345工单{ticket.ticket_no}退件{ticket.returns}次"
                    f"（{RETURNS_LINE}次及以上）",
                    unit=matcher.match(ticket.unit_raw),
                    evidence=evidence(ticket),
                )
            )
        return report
