"""`board_unanswered`: a 留言 asked within the past year and still unanswered more than
3 months later (19号 veto: 互动回应差).

Each 留言 is its own place: it is judged only when its detail page was read in the latest
crawl. A 留言 whose page shows a reply, a reply time or a status that says it was answered is
answered, even when the reply time is missing ("replied, time unknown").
"""

from __future__ import annotations

from sqlalchemy import select

from checks.base import Check, CheckReport, FindingDraft
from checks.board.messages import add_months, boards, messages, unit_of
from checks.context import CheckContext
from core.vocab import FindingStatus, Level
from storage.models import Finding

MONTHS = 3


class BoardUnanswered(Check):
    name = "board_unanswered"
    kinds = ("board_unanswered",)

    def run(self, ctx: CheckContext) -> CheckReport:
        report = CheckReport()
        if ctx.run is None or ctx.site_id is None:
            return report
        matcher = ctx.config.unit_matcher()
        since = add_months(ctx.as_of, -12)
        # a 留言 already found unanswered stays judged after its year has passed: growing old
        # is not an answer, so it is closed only by a reply
        tracked = set(
            ctx.session.scalars(
                select(Finding.place).where(
                    Finding.site_id == ctx.site_id,
                    Finding.kind == "board_unanswered",
                    Finding.status.in_((FindingStatus.open, FindingStatus.overdue)),
                )
            )
        )
        names = {b.id: b.name for b in boards(ctx.session, ctx.site_id)}
        for message in messages(ctx.session, ctx.site_id):
            place = f"message:{message.id}"
            asked = message.asked_at
            if asked is None or (asked < since and place not in tracked):
                continue  # undated (cannot be judged) or not of the past year
            if message.last_run_id != ctx.run.id:
                report.unchecked[place] = "最近一次采集未读到该留言"
                continue
            report.checked.add(place)
            if message.replied or add_months(asked, MONTHS) >= ctx.as_of:
                continue
            days = (ctx.as_of - asked).days
            report.findings.append(
                FindingDraft(
                    kind="board_unanswered",
                    level=Level.veto,
                    place=place,
                    key="unanswered",
                    title=f"网民留言《{message.title}》（{asked:%Y-%m-%d}）已{days}天未回复"
                    f"（超过{MONTHS}个月未回应即单项否决）",
                    unit=unit_of(matcher, message.unit_raw),
                    column=names.get(message.column_id or 0),
                    url=message.url,
                    evidence={
                        "asked_at": asked.isoformat(),
                        "days": days,
                        "type": message.msg_type,
                        "unit_shown": message.unit_raw,
                        "status_shown": message.status,
                    },
                )
            )
        return report
