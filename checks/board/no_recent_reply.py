"""`board_no_recent_reply`: a board that published no reply for 2 months while 留言 of the
past year exist (19号 扣分: 监测时间点前2个月内未更新留言答复). A warning, per board.

Judged only when the board (its list and every 留言 page) was read completely. Replies whose
time the page does not show cannot date the board's last reply: if such a reply could be the
recent one, the board is left unchecked rather than called silent.
"""

from __future__ import annotations

from collections import defaultdict

from checks.base import Check, CheckReport, FindingDraft
from checks.board.messages import add_months, boards, messages
from checks.context import CheckContext
from core.vocab import Level
from storage.models import BoardMessage

MONTHS = 2


class BoardNoRecentReply(Check):
    name = "board_no_recent_reply"
    kinds = ("board_no_recent_reply",)

    def run(self, ctx: CheckContext) -> CheckReport:
        report = CheckReport()
        if ctx.run is None or ctx.site_id is None:
            return report
        by_board: defaultdict[int, list[BoardMessage]] = defaultdict(list)
        for message in messages(ctx.session, ctx.site_id):
            if message.column_id is not None:
                by_board[message.column_id].append(message)
        year_ago, window = add_months(ctx.as_of, -12), add_months(ctx.as_of, -MONTHS)
        units = ctx.config.column_units()
        for board in boards(ctx.session, ctx.site_id):
            place = f"board:{board.id}"
            if board.id not in ctx.complete_columns:
                report.unchecked[place] = ctx.why_incomplete_id(board.id)
                continue
            stored = by_board[board.id]
            # what the board shows now: the 留言 whose pages this run read
            read = [m for m in stored if m.last_run_id == ctx.run.id]
            if stored and not read:
                report.unchecked[place] = f"留言列表未读到任何留言（此前已采集{len(stored)}条）"
                continue
            rows = [m for m in read if m.asked_at and m.asked_at <= ctx.as_of]
            if not any(m.asked_at >= year_ago for m in rows if m.asked_at):
                report.checked.add(place)  # nobody asked in a year: nothing to answer
                continue
            known = [m.replied_at for m in rows if m.replied_at and m.replied_at <= ctx.as_of]
            last = max(known, default=None)
            if last is not None and last >= window:
                report.checked.add(place)
                continue
            undated = [m for m in rows if m.replied and m.replied_at is None]
            if any(m.asked_at and m.asked_at >= window for m in undated):
                report.unchecked[place] = "回复时间未显示，无法判断近两个月是否有回复"
                continue
            report.checked.add(place)
            since = f"最近一次回复为{last:%Y-%m-%d}" if last else "尚无任何回复"
            report.findings.append(
                FindingDraft(
                    kind="board_no_recent_reply",
                    level=Level.warning,
                    place=place,
                    key="no_recent_reply",
                    title=f"「{board.name}」近{MONTHS}个月未发布留言回复（{since}）",
                    unit=units.get(board.url),
                    column=board.name,
                    url=board.url,
                    evidence={
                        "last_reply": last.isoformat() if last else None,
                        "messages_past_year": sum(
                            1 for m in rows if m.asked_at and m.asked_at >= year_ago
                        ),
                    },
                )
            )
        return report
