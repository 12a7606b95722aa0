"""`govwatch accounts discover`: search the platforms (child process, the same politeness),
decide what is unregistered (checks/accounts/unregistered.py), track the findings."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checks.accounts.unregistered import KINDS, Unregistered, build_report
from checks.base import CheckReport
from checks.engine import apply_report
from core.accounts import PLATFORM_LABELS, Platform, load_secrets
from core.config import load_config
from core.periods import now
from govwatch.jobs.accounts import prepare_accounts
from storage.db import make_engine, session_factory, transaction

_LIMIT = 1800.0


@dataclass
class Discovery:
    report: CheckReport
    found: list[Unregistered]
    searches: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "unregistered": [
                {
                    "platform": u.platform,
                    "name": u.name,
                    "id": u.ident,
                    "url": u.url,
                    "unit": u.unit,
                    "evidence": u.evidence,
                }
                for u in self.found
            ],
            "duplicates": [f.title for f in self.report.findings if f.kind == "account_duplicate"],
            "unchecked": self.report.unchecked,
        }

    def render(self) -> str:
        lines = ["疑似未经报备私自开设的政务新媒体："]
        for u in self.found:
            label = PLATFORM_LABELS.get(
                Platform(u.platform) if u.platform in Platform else Platform.feed, u.platform
            )
            verified = u.evidence.get("verified") or "无"
            lines.append(
                f"  {label}「{u.name}」（{u.ident}）认证：{verified}；"
                f"单位：{u.unit or '未识别'}；搜索词：{'、'.join(u.evidence['queries'])}"
            )
        if not self.found:
            lines.append("  未发现")
        duplicates = [f.title for f in self.report.findings if f.kind == "account_duplicate"]
        if duplicates:
            lines.append("同一单位在同一平台开设多个账号：")
            lines += [f"  {d}" for d in duplicates]
        for place, why in self.report.unchecked.items():
            lines.append(f"未完成的搜索：{place.removeprefix('search:')}：{why}")
        return "\n".join(lines)


def discover_accounts(config_path: str | Path, db_url: str) -> Discovery:
    config = load_config(config_path)
    load_secrets(config.newmedia.secrets_file)
    site_id, _ = prepare_accounts(config, db_url)
    with tempfile.TemporaryDirectory(prefix="govwatch-discover-") as folder:
        out = Path(folder) / "items.jsonl"
        command = [sys.executable, "-m", "crawler.accounts_worker", "--config", str(config_path),
                   "--as-of", now().isoformat(), "--since", now().isoformat(), "--out", str(out),
                   "--discover"]  # fmt: skip
        # what came back before a time-out still counts; the rest is reported unchecked
        with contextlib.suppress(subprocess.TimeoutExpired):
            subprocess.run(command, check=False, timeout=_LIMIT, env=dict(os.environ))
        lines = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
    searches = [json.loads(line) for line in lines if line.strip()]
    report, found = build_report(config, searches)
    engine = make_engine(db_url)
    try:
        with transaction(session_factory(engine)) as session:
            apply_report(
                session,
                site_id=site_id,
                run_id=None,
                kinds=KINDS,
                report=report,
                now=now(),
                deadlines=config.findings.deadlines,
            )
    finally:
        engine.dispose()
    return Discovery(report, found, searches)
