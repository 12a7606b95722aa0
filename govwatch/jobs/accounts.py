"""The accounts job: sync the registry → fetch every account (child process) → judge each
by the 逾期 rule → check new post texts → track findings.

`govwatch accounts check`, `govwatch check-account` and the nightly `govwatch run` (after the
portal crawl) all call check_accounts(), so an on-demand check takes the nightly code path.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from checks.accounts.evaluate import evaluate_run, since_for
from checks.accounts.findings import AccountStatusCheck, PostTextIssues
from checks.accounts.rule import OverdueRule
from checks.accounts.texts import check_new_posts
from checks.engine import apply_report
from core.accounts import load_secrets
from core.config import Config, load_config
from core.periods import now
from govwatch.jobs.lock import CrawlInProgress, alive, owner
from storage.accounts import sync_accounts
from storage.db import make_engine, session_factory, transaction, upgrade
from storage.models import AccountCheck, AccountRun
from storage.sync import sync_config

logger = logging.getLogger(__name__)
_GRACE = 120.0  # start-up, the browser, the last account's retries


@dataclass
class AccountsResult:
    run_id: int | None
    site_id: int
    as_of: datetime
    exit_code: int
    checks: list[dict[str, Any]] = field(default_factory=list)  # one per account, as stored
    items: list[dict[str, Any]] = field(default_factory=list)  # what the fetch read (posts)


def prepare_accounts(config: Config, db_url: str) -> tuple[int, dict[str, int]]:
    """Upgrade the schema, sync site/units and the registry; (site id, key → account id)."""
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with transaction(session_factory(engine)) as session:
            site_id = sync_config(session, config)
            ids = sync_accounts(session, config, site_id)
    finally:
        engine.dispose()
    return site_id, ids


def _claim(session: Session, site_id: int, as_of: datetime, full: bool) -> AccountRun:
    for stale in session.scalars(
        select(AccountRun).where(AccountRun.site_id == site_id, AccountRun.status == "running")
    ):
        if alive(stale.owner):
            raise CrawlInProgress(
                f"account check #{stale.id} is still running ({stale.owner}); wait for it"
            )
        stale.status, stale.note, stale.finished_at = "failed", "interrupted", now()
    run = AccountRun(
        site_id=site_id,
        started_at=now(),
        as_of=as_of,
        status="running",
        full=full,
        owner=owner(),
    )
    session.add(run)
    session.flush()
    return run


def _time_limit(config: Config, count: int) -> float:
    """Lanes run side by side, but bound the child as if one lane held every account."""
    per_account = config.newmedia.account_timeout
    return min(per_account * max(count, 1), 6 * 3600.0) + _GRACE


def run_worker(
    config_path: str | Path,
    config: Config,
    as_of: datetime,
    *,
    db_url: str | None = None,
    run_id: int | None = None,
    site_id: int | None = None,
    only: list[str] | None = None,
    url: str | None = None,
    log_level: str | None = None,
) -> tuple[int, list[dict[str, Any]]]:
    """The accounts crawl in a child process; (exit code, the items it read)."""
    load_secrets(config.newmedia.secrets_file)  # a bad secrets file stops here, clearly
    since = since_for(as_of, OverdueRule.from_config(config.newmedia))
    with tempfile.TemporaryDirectory(prefix="govwatch-accounts-") as folder:
        out = Path(folder) / "items.jsonl"
        command = [
            sys.executable, "-m", "crawler.accounts_worker", "--config", str(config_path),
            "--as-of", as_of.isoformat(), "--since", since.isoformat(), "--out", str(out),
        ]  # fmt: skip
        if db_url and run_id is not None and site_id is not None:
            command += ["--db", db_url, "--run-id", str(run_id), "--site-id", str(site_id)]
        for key in only or []:
            command += ["--only", key]
        if url:
            command += ["--url", url]
        if log_level:
            command += ["--log-level", log_level]
        count = 1 if url else len(only or config.accounts)
        try:
            code = subprocess.run(
                command, check=False, timeout=_time_limit(config, count), env=dict(os.environ)
            ).returncode
        except subprocess.TimeoutExpired:
            logger.error("the accounts crawl did not finish in time")
            code = 124
        items = []
        if out.exists():
            for line in out.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    items.append(json.loads(line))
    return code, items


def check_accounts(
    config_path: str | Path,
    db_url: str,
    *,
    as_of: datetime | None = None,
    only: list[str] | None = None,
    log_level: str | None = None,
    findings: bool = True,
) -> AccountsResult:
    """Check every registered account (or the keys in `only`) now and store the results.

    `as_of` is the monitoring point the 逾期 rule judges (default: now). The nightly
    `govwatch run` calls this after the portal crawl with findings=False: its own run of
    every check (checks/registry.py) then turns the results into findings with the rest."""
    config = load_config(config_path)
    as_of = as_of or now()
    site_id, ids = prepare_accounts(config, db_url)
    engine = make_engine(db_url)
    sessions = session_factory(engine)
    try:
        with transaction(sessions) as session:
            run_id = _claim(session, site_id, as_of, full=not only).id
        expected = [ids[k] for k in (only or ids)]
        try:
            code, items = run_worker(
                config_path,
                config,
                as_of,
                db_url=db_url,
                run_id=run_id,
                site_id=site_id,
                only=only,
                log_level=log_level,
            )
        except Exception:
            _finish(sessions, run_id, "failed", "the accounts crawl could not start")
            raise
        with transaction(sessions) as session:
            run = session.get_one(AccountRun, run_id)
            evaluate_run(session, config, run, expected)
        notes = _after(sessions, config, site_id, run_id, findings=findings)
        status = "finished" if code == 0 else "incomplete"
        note = "; ".join(([f"crawl exited with code {code}"] if code else []) + notes) or None
        _finish(sessions, run_id, status, note)
        with sessions() as session:
            checks = [
                stored_row(c)
                for c in session.scalars(select(AccountCheck).where(AccountCheck.run_id == run_id))
            ]
    finally:
        engine.dispose()
    return AccountsResult(run_id, site_id, as_of, code, checks, items)


def _after(
    sessions: sessionmaker[Session], config: Config, site_id: int, run_id: int, *, findings: bool
) -> list[str]:
    """Text checks of new posts, then the account findings; failures are noted, not raised."""
    notes = []
    if config.newmedia.text_check and config.text_check.enabled:
        try:
            check_new_posts(sessions, config, run_id)
        except Exception as exc:
            logger.exception("post text checks failed")
            notes.append(f"text checks failed: {type(exc).__name__}: {exc}")
    for check in (AccountStatusCheck(), PostTextIssues()) if findings else ():
        try:
            with transaction(sessions) as session:
                from checks.context import CheckContext

                ctx = CheckContext.latest(session, config, site_id, now())
                apply_report(
                    session,
                    site_id=site_id,
                    run_id=None,
                    kinds=check.kinds,
                    report=check.run(ctx),
                    now=now(),
                    deadlines=config.findings.deadlines,
                )
        except Exception as exc:
            logger.exception("check %s failed", check.name)
            notes.append(f"check {check.name} failed: {type(exc).__name__}: {exc}")
    return notes


def _finish(sessions: sessionmaker[Session], run_id: int, status: str, note: str | None) -> None:
    with transaction(sessions) as session:
        run = session.get_one(AccountRun, run_id)
        run.status, run.note, run.finished_at = status, note, now()


def stored_row(check: AccountCheck) -> dict[str, Any]:
    return {
        "account_id": check.account_id,
        "status": check.status,
        "reason": check.reason,
        "code": check.code,
        "detail": check.detail,
        "latest_post_at": check.latest_post_at.isoformat() if check.latest_post_at else None,
    }
