"""`hotline_late_sign`: a ticket not signed for (签收) on the working day it was dispatched.

Working days are China's (core.workdays: weekends, official holidays and 调休 makeup
workdays from the chinesecalendar package). A ticket dispatched on a rest day is due on the
first working day after it. A ticket never signed is late once its due day has ended."""

from __future__ import annotations

from datetime import date, timedelta

from checks.base import Check, CheckReport, FindingDraft
from checks.context import CheckContext
from checks.hotline.tickets import evidence, place, tickets
from core.periods import beijing, day_start
from core.vocab import Level
from core.workdays import is_workday


def sign_due(dispatched_day: date) -> date:
    """The day a ticket dispatched on `dispatched_day` must be signed for."""
    day = dispatched_day
    while not is_workday(day):
        day += timedelta(days=1)
    return day


class HotlineLateSign(Check):
    name = "hotline_late_sign"
    kinds = ("hotline_late_sign",)

    def run(self, ctx: CheckContext) -> CheckReport:
        report = CheckReport()
        matcher = ctx.config.unit_matcher()
        for ticket in tickets(ctx):
            due = sign_due(beijing(ticket.dispatched_at).date())
            report.checked.add(place(ticket))
            if ticket.signed_at is not None:
                signed_day = beijing(ticket.signed_at).date()
                if signed_day <= due:
                    continue
                late = f"{signed_day:%Y-%m-%d}签收"
            elif day_start(due + timedelta(days=1)) <= ctx.as_of:
                late = "至今未签收"
            else:
                continue
            sent = f"{beijing(ticket.dispatched_at):%Y-%m-%d %H:%M}"
            report.findings.append(
                FindingDraft(
                    kind="hotline_late_sign",
                    level=Level.warning,
                    place=place(ticket),
                    key="late_sign",
                    title=f"12345工单{ticket.ticket_no}（{sent}派发）未在工作日当日签收：{late}",
                    unit=matcher.match(ticket.unit_raw),
                    evidence=evidence(ticket, due=due.isoformat()),
                )
            )
        return report
