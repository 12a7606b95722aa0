"""The boards' reply texts through the text checker: each reply is checked once per content
(the result is kept on the 留言's row), and its issues become `text_issue` findings of the
留言's place, owned by its 承办单位. Part of the text_issue check, so one check owns the kind.

The checker is built only when a reply is new or changed (building it is the slow part).
"""

from __future__ import annotations

import hashlib
from typing import Any

from checks.base import CheckReport, FindingDraft
from checks.board.messages import boards, messages, unit_of
from checks.context import CheckContext
from checks.text import KIND_LABELS, sentence_of
from core.vocab import Level


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_replies(ctx: CheckContext, report: CheckReport, checker: Any = None) -> None:
    """Add the reply texts' issues to the text_issue report (places message:ID)."""
    if ctx.run is None or ctx.site_id is None:
        return
    names = {b.id: b.name for b in boards(ctx.session, ctx.site_id)}
    matcher = ctx.config.unit_matcher()
    for message in messages(ctx.session, ctx.site_id):
        place = f"message:{message.id}"
        if message.last_run_id != ctx.run.id:
            report.unchecked[place] = "最近一次采集未读到该留言"
            continue
        text = message.reply_text or ""
        digest = _hash(text)
        if message.reply_checked_hash != digest:
            if text and checker is None:
                from checks.text_issues import build_checker  # slow: only when needed

                checker = build_checker(ctx.config)
            found = checker.check(text) if text else []
            message.reply_issues = [
                {**issue.to_dict(), "sentence": sentence_of(text, issue.start, issue.end)[0]}
                for issue in found
            ]
            message.reply_checked_hash = digest
        report.checked.add(place)
        for issue in message.reply_issues or []:
            label = KIND_LABELS.get(issue["kind"], issue["kind"])
            fix = f"，应为「{issue['suggestion']}」" if issue["suggestion"] else ""
            report.findings.append(
                FindingDraft(
                    kind="text_issue",
                    level=Level.warning,
                    place=place,
                    key=f"reply|{issue['kind']}|{issue['found']}|{issue['suggestion']}",
                    title=f"留言《{message.title}》的回复{label}：「{issue['found']}」{fix}",
                    unit=unit_of(matcher, message.unit_raw),
                    column=names.get(message.column_id or 0),
                    url=message.url,
                    evidence={
                        "found": issue["found"],
                        "suggestion": issue["suggestion"],
                        "kind": issue["kind"],
                        "kind_label": label,
                        "rule": issue["rule"],
                        "sentence": str(issue.get("sentence", "")).strip(),
                        "confidence": round(float(issue["confidence"]), 2),
                        "in": "board_reply",
                    },
                )
            )
