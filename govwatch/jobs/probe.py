"""Availability probes (`govwatch probe`, the scheduler's `probe` job, once per nightly run).

One round: the home page, every `probe.urls` entry and the reference URL, requested at the
same time, once each (govwatch/jobs/probe_http.py), stored as one `Probe` row per URL sharing
the round's time. The check `site_unavailable` (checks/portal/availability.py) judges the
stored rounds; this module only sends and stores, and reads the window's figures back for the
command's summary.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from checks.portal.availability import Window, percent, reaches, window_figures
from core.config import Config, load_config
from core.periods import now
from crawler.settings import USER_AGENT
from govwatch.jobs.probe_http import Answer, probe_urls
from storage.db import make_engine, session_factory, transaction, upgrade
from storage.models import Probe, Site
from storage.sync import sync_config

logger = logging.getLogger(__name__)
ROLES = {"home": "首页", "extra": "其他", "reference": "参照"}


@dataclass(frozen=True)
class Probed:
    role: str  # home | extra | reference
    answer: Answer


@dataclass(frozen=True)
class ProbeResult:
    round_at: datetime
    probed: tuple[Probed, ...]  # empty when interrupted
    window: Window | None
    interrupted: bool = False

    def __str__(self) -> str:
        """One line for the scheduler's job record."""
        if self.interrupted:
            return f"probe round {self.round_at:%Y-%m-%d %H:%M} interrupted, nothing stored"
        parts = [
            f"{p.role} {'ok' if p.answer.ok else p.answer.code} "
            f"{p.answer.http_status or '-'} {p.answer.elapsed_ms}ms"
            for p in self.probed
        ]
        if self.window is not None:
            home = self.window.home
            rate = percent(home.rate) if home.rate is not None else "-"
            parts.append(f"home window {home.failures}/{home.probes} {rate}")
        return "; ".join(parts)


def targets(config: Config) -> list[tuple[str, str]]:
    """(role, url) of one round: the home page first, each URL once."""
    out = [("home", config.portal.start_url)]
    out += [("extra", url) for url in config.probe.urls]
    if config.probe.reference_url:
        out.append(("reference", config.probe.reference_url))
    seen: set[str] = set()
    unique = []
    for role, url in out:
        if url not in seen:
            seen.add(url)
            unique.append((role, url))
    return unique


def probe_round(
    sessions: sessionmaker[Session],
    config: Config,
    site_id: int,
    *,
    as_of: datetime | None = None,
    origin: str = "cli",
    stop: threading.Event | None = None,
) -> ProbeResult:
    """Send one round, store it, and read the window's figures as of the round."""
    round_at = as_of or now()
    roles = targets(config)
    user_agent = config.crawl.user_agent or USER_AGENT
    answers = probe_urls(
        [url for _, url in roles], timeout=config.probe.timeout, user_agent=user_agent, stop=stop
    )
    if answers is None:  # shutting down: a half-waited round would record false timeouts
        return ProbeResult(round_at, (), None, interrupted=True)
    probed = tuple(Probed(role, answer) for (role, _), answer in zip(roles, answers, strict=True))
    with transaction(sessions) as session:
        for p in probed:
            a = p.answer
            session.add(
                Probe(
                    site_id=site_id,
                    round_at=round_at,
                    url=a.url,
                    role=p.role,
                    ok=a.ok,
                    http_status=a.http_status,
                    elapsed_ms=a.elapsed_ms,
                    code=a.code,
                    detail=a.detail,
                    origin=origin,
                )
            )
    with sessions() as session:
        window = window_figures(session, site_id, config.probe, round_at)
    return ProbeResult(round_at, probed, window)


def probe_job(
    config_path: str | Path,
    db_url: str,
    *,
    as_of: datetime | None = None,
    stop: threading.Event | None = None,
    origin: str = "cli",
) -> ProbeResult:
    """`govwatch probe` and the scheduler's job (govwatch/jobs/tasks.py calls it by name)."""
    config = load_config(config_path)
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        sessions = session_factory(engine)
        site_id = _site_id(sessions, config)
        return probe_round(sessions, config, site_id, as_of=as_of, origin=origin, stop=stop)
    finally:
        engine.dispose()


def verdict(window: Window, config: Config) -> str:
    """The home page's figures in one Chinese sentence (the command's last line)."""
    probe, home = config.probe, window.home
    text = f"近{probe.window_days}天首页探测{home.probes}次、失败{home.failures}次"
    if home.rate is not None:
        text += f"、失败率{percent(home.rate)}"
    if home.excluded:
        text += f"（另有{home.excluded}次因本机网络故障未计入）"
    if home.probes < probe.min_probes:
        return text + f"；有效探测不足{probe.min_probes}次，不作判断"
    rate = home.rate or 0.0
    if reaches(rate, probe.veto_rate):
        return text + f"；达到单项否决线{percent(probe.veto_rate)}"
    if reaches(rate, probe.warn_rate):
        return text + f"；超过预警线{percent(probe.warn_rate)}，未达到单项否决线"
    return text + f"；未达到单项否决线{percent(probe.veto_rate)}"


def _site_id(sessions: sessionmaker[Session], config: Config) -> int:
    """The portal's site row; synced from the config only when it is not there yet (a probe
    must not stop on a config change that a crawl would ask to confirm with --force)."""
    with transaction(sessions) as session:
        site_id = session.scalar(select(Site.id).where(Site.start_url == config.portal.start_url))
        return site_id if site_id is not None else sync_config(session, config)
