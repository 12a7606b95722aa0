"""`govwatch check-account NAME_OR_URL`: one account through the nightly code path.

A registered account (by name, or by a URL naming the same platform id) is checked by
check_accounts() with only its key — stored like any nightly result. Any other URL must be a
known platform and, unless `newmedia.allow_private_hosts`, not a loopback or private address;
it is fetched by the same worker and judged by the same rule, but not stored.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from checks.accounts.evaluate import judge_fetch
from checks.accounts.rule import Coverage, OverdueRule, PostPoint
from core.accounts import (
    PLATFORM_LABELS,
    STATUS_LABELS,
    UnknownSite,
    bare_name,
    is_private_host,
    recognise,
)
from core.config import AccountConfig, Config
from core.periods import now
from govwatch.cli.common import UsageProblem


def find_registered(config: Config, name_or_url: str) -> AccountConfig | None:
    text = name_or_url.strip()
    exact = [a for a in config.accounts if a.name == text]
    if len(exact) == 1:
        return exact[0]
    if text.startswith(("http://", "https://")):
        for account in config.accounts:
            if text in (account.url, account.feed):
                return account
        try:
            ref = recognise(text)
        except UnknownSite:
            return None
        key = f"{ref.platform.value}:{ref.ident}"
        return next((a for a in config.accounts if a.key == key), None)
    loose = [a for a in config.accounts if bare_name(a.name) == bare_name(text)]
    if len(loose) > 1 or len(exact) > 1:
        names = "、".join(a.name for a in (exact or loose))
        raise UsageProblem(f"「{text}」matches several registered accounts: {names}")
    return loose[0] if loose else None


def _row(account: AccountConfig, judged: Any) -> dict[str, Any]:
    from alerts.accounts_table import overdue_text

    return {
        "name": account.name,
        "platform": account.ref.platform.value,
        "owner": account.owner,
        "status": STATUS_LABELS[judged.status],
        "overdue": overdue_text(judged.status, judged.overdue_days, judged.reason),
        "overdue_days": judged.overdue_days,
        "last_post_at": judged.latest_post_at.isoformat() if judged.latest_post_at else None,
        "reason": judged.reason if judged.status.value in ("failed", "abnormal") else None,
        "posts_per_month": judged.posts_per_month,
    }


def check_one(
    config: Config, config_path: Path, db_url: str, name_or_url: str, as_of: datetime | None
) -> dict[str, Any]:
    from crawler.accounts_worker import adhoc_account
    from govwatch.jobs.accounts import check_accounts, run_worker

    as_of = as_of or now()
    account = find_registered(config, name_or_url)
    if account is not None:
        result = check_accounts(config_path, db_url, as_of=as_of, only=[account.key])
        from govwatch.cli.accounts import stored_table

        table = stored_table(config, db_url, as_of)
        row = next(r for r in table.rows if r.name == account.name)
        item = result.items[0] if result.items else {}
        return _answer(row.to_json(), item, stored=True, detail=row.detail)
    text = name_or_url.strip()
    if not text.startswith(("http://", "https://")):
        raise UsageProblem(f"没有名为「{text}」的已登记账号（见 govwatch.yaml 的 accounts:）")
    rsshub = config.platforms.rsshub.base_url
    try:
        recognise(text, (_host(rsshub),))
    except UnknownSite as exc:
        raise UsageProblem(f"不支持的链接：{exc}") from None
    if not config.newmedia.allow_private_hosts and is_private_host(text):
        raise UsageProblem(
            f"{text}: 指向本机或内网地址，已拒绝"
            "（如确需检查，设置 newmedia.allow_private_hosts: true）"
        )
    account = adhoc_account(config, text)
    _code, items = run_worker(config_path, config, as_of, url=text)
    item = items[0] if items else {"outcome": "failed", "code": "other", "posts": []}
    posts = [PostPoint(datetime.fromisoformat(p["published_at"]), p["pinned"], p["push_id"])
             for p in item.get("posts", [])]  # fmt: skip
    since = item.get("covered_since")
    coverage = Coverage(
        datetime.fromisoformat(since) if since else None,
        bool(item.get("history_complete")),
        bool(item.get("tracks_pushes")),
    )
    rule = OverdueRule.from_config(config.newmedia)
    judged = judge_fetch(item["outcome"], item.get("code"), posts, coverage, as_of, rule)
    row = _row(account, judged)
    row["platform_label"] = PLATFORM_LABELS[account.ref.platform]
    return _answer(row, item, stored=False, detail=item.get("detail"))


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or ""


def _answer(row: dict[str, Any], item: dict[str, Any], *, stored: bool, detail: Any) -> dict:
    posts = sorted(item.get("posts", []), key=lambda p: p["published_at"], reverse=True)
    return {"row": row, "posts": posts[:20], "stored": stored, "detail": detail,
            "source": item.get("source")}  # fmt: skip
