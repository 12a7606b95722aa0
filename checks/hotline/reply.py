"""`hotline_reply`: what the 承办单位 wrote as 答复情况. An empty or very short reply is
要素不全; a longer one goes through the text checker (错字, 多字, 漏字, 严重表述错误, 标点),
each issue its own finding. Each reply is checked once per content (the result is kept on
the ticket's row, as board replies are). 答非所问 needs reading the citizen's request and is
not claimed."""

from __future__ import annotations

import hashlib
from typing import Any

from checks.base import Check, CheckReport, FindingDraft
from checks.context import CheckContext
from checks.hotline.tickets import evidence, place, tickets
from checks.text import KIND_LABELS, sentence_of
from core.vocab import Level

# fewer characters than this cannot say what was done, by whom and with what result
MIN_REPLY_CHARS = 15


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class HotlineReply(Check):
    name = "hotline_reply"
    kinds = ("hotline_reply",)

    def __init__(self, checker: Any = None) -> None:
        self.checker = checker  # built on first need: building it is the slow part

    def run(self, ctx: CheckContext) -> CheckReport:
        report = CheckReport()
        matcher = ctx.config.unit_matcher()
        for ticket in tickets(ctx):
            where = place(ticket)
            report.checked.add(where)
            text = (ticket.reply or "").strip()
            unit = matcher.match(ticket.unit_raw)
            if len(text) < MIN_REPLY_CHARS:
                shown = f"仅「{text}」" if text else "为空"
                report.findings.append(
                    FindingDraft(
                        kind="hotline_reply",
                        level=Level.warning,
                        place=where,
                        key="incomplete",
                        title=f"12345工单{ticket.ticket_no}答复情况要素不全：{shown}",
                        unit=unit,
                        evidence=evidence(ticket, problem="incomplete", reply=text),
                    )
                )
                continue
            if ctx.config.text_check.enabled:
                self._text_issues(ctx, ticket, text, unit, report)
        return report

    def _text_issues(
        self, ctx: CheckContext, ticket: Any, text: str, unit: str | None, report: CheckReport
    ) -> None:
        digest = _hash(text)
        if ticket.reply_checked_hash != digest:
            if self.checker is None:
                from checks.text_issues import build_checker

                self.checker = build_checker(ctx.config)
            ticket.reply_issues = [
                {**issue.to_dict(), "sentence": sentence_of(text, issue.start, issue.end)[0]}
                for issue in self.checker.check(text)
            ]
            ticket.reply_checked_hash = digest
        for issue in ticket.reply_issues or []:
            label = KIND_LABELS.get(issue["kind"], issue["kind"])
            fix = f"，应为「{issue['suggestion']}」" if issue["suggestion"] else ""
            report.findings.append(
                FindingDraft(
                    kind="hotline_reply",
                    level=Level.warning,
                    place=place(ticket),
                    key=f"text|{issue['kind']}|{issue['found']}|{issue['suggestion']}",
                    title=f"12345工单{ticket.ticket_no}答复情况{label}：「{issue['found']}」{fix}",
                    unit=unit,
                    evidence=evidence(
                        ticket,
                        problem="text",
                        found=issue["found"],
                        suggestion=issue["suggestion"],
                        kind=issue["kind"],
                        kind_label=label,
                        rule=issue["rule"],
                        sentence=str(issue.get("sentence", "")).strip(),
                    ),
                )
            )
