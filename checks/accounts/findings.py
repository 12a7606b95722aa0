"""Account findings for the owner unit, tracked by the findings engine:

- `account_overdue` (逾期, a veto item of 19号) and `account_abnormal` (账号异常) at place
  "account:<id>", from each active account's newest check. An account whose newest fetch
  failed is *unchecked* (采集失败): its findings stay as they were, never "corrected".
- `text_issue` at place "post:<id>" for post texts the text checker flagged; only posts of
  accounts fetched successfully in their newest check are checked places.
"""

from __future__ import annotations

from sqlalchemy import select

from checks.accounts.evaluate import latest_checks
from checks.base import Check, CheckReport, FindingDraft
from checks.context import CheckContext
from core.accounts import PLATFORM_LABELS, Platform, Status, reason_label
from core.vocab import Level
from storage.models import AccountPost

_VETO_RULES = {"leader_name", "leader_title"}


class AccountStatusCheck(Check):
    name = "account_status"
    kinds = ("account_overdue", "account_abnormal")

    def run(self, ctx: CheckContext) -> CheckReport:
        report = CheckReport()
        if ctx.site_id is None:
            return report
        for account, check, _run in latest_checks(ctx.session, ctx.site_id):
            place = f"account:{account.id}"
            if check is None:
                report.unchecked[place] = "尚未检查"
                continue
            if check.status == Status.failed:
                report.unchecked[place] = f"采集失败：{check.reason}"
                continue
            report.checked.add(place)
            platform = PLATFORM_LABELS.get(Platform(account.platform), account.platform)
            if check.status == Status.overdue:
                late = f"逾期{check.overdue_days}天" if check.overdue_days else "无任何发布"
                report.findings.append(
                    FindingDraft(
                        kind="account_overdue",
                        level=Level.veto,
                        place=place,
                        key="overdue",
                        title=f"{platform}「{account.name}」监测时点前2周内无更新（{late}）",
                        unit=account.owner,
                        url=account.url,
                        evidence={
                            "latest_post_at": _iso(check.latest_post_at),
                            "days_since": check.days_since,
                            "overdue_days": check.overdue_days,
                        },
                    )
                )
            elif check.status == Status.abnormal:
                report.findings.append(
                    FindingDraft(
                        kind="account_abnormal",
                        level=Level.warning,
                        place=place,
                        key=check.code or "abnormal",
                        title=f"{platform}「{account.name}」账号异常：{check.reason}",
                        unit=account.owner,
                        url=account.url,
                        evidence={"code": check.code, "detail": check.detail},
                    )
                )
        return report


class PostTextIssues(Check):
    name = "post_text_issue"
    kinds = ("text_issue",)

    def run(self, ctx: CheckContext) -> CheckReport:
        report = CheckReport()
        if ctx.site_id is None:
            return report
        for account, check, run in latest_checks(ctx.session, ctx.site_id):
            if check is None or run is None:
                continue
            posts = ctx.session.scalars(
                select(AccountPost).where(
                    AccountPost.account_id == account.id, AccountPost.last_run_id == run.id
                )
            ).all()
            ok = check.status in (Status.ok, Status.overdue)
            for post in posts:
                place = f"post:{post.id}"
                if not ok:
                    report.unchecked[place] = reason_label(check.code) or "采集失败"
                    continue
                if post.text_checked_hash != post.content_hash:
                    report.unchecked[place] = "内容尚未检查"
                    continue
                report.checked.add(place)
                for issue in post.text_issues or []:
                    report.findings.append(_draft(account, post, place, issue))
        return report


def _draft(account, post, place: str, issue: dict) -> FindingDraft:  # type: ignore[no-untyped-def]
    fix = f"，应为「{issue['suggestion']}」" if issue.get("suggestion") else ""
    what = post.title or post.text[:20]
    return FindingDraft(
        kind="text_issue",
        level=Level.veto if issue.get("rule") in _VETO_RULES else Level.warning,
        place=place,
        key=f"{issue['kind']}|{issue['found']}|{issue.get('suggestion', '')}|{issue.get('field')}",
        title=f"「{account.name}」发布的《{what}》{issue.get('kind_label')}：「{issue['found']}」{fix}",
        unit=account.owner,
        column=account.name,
        url=post.url,
        evidence={**issue, "account": account.name, "published_at": _iso(post.published_at)},
    )


def _iso(value) -> str | None:  # type: ignore[no-untyped-def]
    return value.isoformat() if value is not None else None
