"""`site_unavailable`: the home page could not be opened too often (19号 veto: 站点无法访问).

19号: over a week, at least 20 visits a day; a visit that has not opened after 15 seconds is a
failure; failures ≥ 5 % of the week's visits → 单项否决. Judged from the stored probes
(govwatch/jobs/probe.py) in the `probe.window_days` ending at as_of; 开普云's 3 % is a warning.

Only probes that tell something about the site are counted ("usable"):
- a round whose reference URL (`probe.reference_url`) got no HTTP answer at all is left out
  whole: when a site outside the portal's network cannot be reached either, this machine was
  offline, and the portal is not blamed. An HTTP error from the reference (it answered) keeps
  the round: the machine was online.
- a probe that never left this machine (code `local_network`: no route, no DNS server
  configured — the kernel says so, a site outage cannot cause it) is left out.
Everything else counts, also when no reference URL is configured: then a home-page failure is
the site's (a machine-side DNS outage cannot be told apart from the county's; configure a
reference URL to make that distinction).

Fewer usable probes than `probe.min_probes`: unchecked, never a finding. Each `probe.urls`
entry is judged the same way as a place of its own, as a warning (the veto is the home page's).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from checks.base import Check, CheckReport, FindingDraft
from checks.context import CheckContext
from core.config.site_checks import ProbeConfig
from core.failures import LocalNetwork, label_of
from core.vocab import Level
from storage.models import Probe

HOME_PLACE = "availability:home"
RECENT_FAILURES = 5  # failures a finding lists (all are counted)
# a week of 5-minute rounds with a few URLs is ~10,000 rows; this bounds one read regardless
MAX_ROWS = 200_000


@dataclass
class Figures:
    """One URL's (or the home page's) probes in the window."""

    role: str  # home | extra
    url: str | None  # None for the home page (its URL may change; the role is what counts)
    start: datetime
    end: datetime
    probes: int = 0  # usable probes
    failures: int = 0
    excluded: int = 0  # probes left out: their round's reference failed, or never sent
    challenged: int = 0  # answered with a WAF page or 429 (counted as available)
    recent: list[dict[str, str | int | None]] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return self.failures / self.probes if self.probes else None


@dataclass
class Window:
    home: Figures
    extras: dict[str, Figures]
    rounds: int  # rounds in the window
    excluded_rounds: int  # left out whole: the reference URL got no answer


def window_figures(session: Session, site_id: int, probe: ProbeConfig, as_of: datetime) -> Window:
    """The window (as_of − window_days, as_of]'s figures for the home page and each
    configured probe URL."""
    start = as_of - timedelta(days=probe.window_days)
    rows = session.scalars(
        select(Probe)
        .where(Probe.site_id == site_id, Probe.round_at > start, Probe.round_at <= as_of)
        .order_by(Probe.round_at, Probe.id)
        .limit(MAX_ROWS)
    )
    rounds: dict[datetime, list[Probe]] = defaultdict(list)
    for row in rows:
        rounds[row.round_at].append(row)
    home = Figures("home", None, start, as_of)
    extras = {url: Figures("extra", url, start, as_of) for url in probe.urls}
    excluded_rounds = 0
    for at, probes in rounds.items():
        offline = any(p.role == "reference" and not answered(p) for p in probes)
        excluded_rounds += offline
        for p in probes:
            figures = home if p.role == "home" else extras.get(p.url) if p.role == "extra" else None
            if figures is None:
                continue  # the reference itself, or a URL no longer configured
            if offline or p.code == LocalNetwork.code:
                figures.excluded += 1
                continue
            figures.probes += 1
            figures.challenged += bool(p.ok and p.code)
            if not p.ok:
                figures.failures += 1
                figures.recent.append(_failure(at, p))
    for figures in (home, *extras.values()):
        figures.recent = figures.recent[-RECENT_FAILURES:][::-1]  # newest first
    return Window(home, extras, len(rounds), excluded_rounds)


def answered(probe: Probe) -> bool:
    """Did the URL give any HTTP answer (even an error status)? Only then was the network up."""
    return probe.ok or probe.http_status is not None


def percent(rate: float) -> str:
    """5.4% / 5%: one decimal, none when it is whole."""
    text = f"{rate * 100:.1f}"
    return (text.removesuffix(".0") or "0") + "%"


def reaches(rate: float, line: float) -> bool:
    """rate ≥ line, without a float's last bit deciding a veto (10/200 against 0.05)."""
    return rate >= line - 1e-9


def not_enough(figures: Figures, probe: ProbeConfig) -> str:
    return (
        f"近{probe.window_days}天有效探测仅{figures.probes}次，不足{probe.min_probes}次，不作判断"
    )


class SiteUnavailable(Check):
    name = "site_unavailable"
    kinds = ("site_unavailable",)

    def run(self, ctx: CheckContext) -> CheckReport:
        report = CheckReport()
        if ctx.site_id is None:
            return report
        probe = ctx.config.probe
        window = window_figures(ctx.session, ctx.site_id, probe, ctx.as_of)
        home_url = ctx.config.portal.start_url
        self._judge(report, probe, window, window.home, HOME_PLACE, "首页", home_url, veto=True)
        for url, figures in window.extras.items():
            place = f"availability:{url}"
            self._judge(report, probe, window, figures, place, f"「{url}」", url, veto=False)
        return report

    @staticmethod
    def _judge(
        report: CheckReport,
        probe: ProbeConfig,
        window: Window,
        figures: Figures,
        place: str,
        what: str,
        url: str,
        *,
        veto: bool,
    ) -> None:
        if figures.probes < probe.min_probes:
            report.unchecked[place] = not_enough(figures, probe)
            return
        report.checked.add(place)
        rate = figures.rate or 0.0
        vetoed = veto and reaches(rate, probe.veto_rate)
        if not vetoed and not reaches(rate, probe.warn_rate):
            return
        title = (
            f"{what}近{probe.window_days}天不可访问率{percent(rate)}"
            f"（{figures.probes}次中{figures.failures}次超过{probe.timeout:g}秒或无法打开）"
        )
        if vetoed:
            title += f"，达到单项否决线{percent(probe.veto_rate)}"
        elif veto:
            title += f"，超过预警线{percent(probe.warn_rate)}，接近单项否决线"
        else:
            title += f"，超过预警线{percent(probe.warn_rate)}"
        report.findings.append(
            FindingDraft(
                kind="site_unavailable",
                level=Level.veto if vetoed else Level.warning,
                place=place,
                key="rate",
                title=title,
                url=url,
                evidence={
                    "probes": figures.probes,
                    "failures": figures.failures,
                    "rate": round(rate, 4),
                    "veto_rate": probe.veto_rate,
                    "warn_rate": probe.warn_rate,
                    "window_start": figures.start.isoformat(),
                    "window_end": figures.end.isoformat(),
                    "excluded": figures.excluded,
                    "excluded_rounds": window.excluded_rounds,
                    "challenged": figures.challenged,
                    "recent_failures": figures.recent,
                },
            )
        )


def _failure(at: datetime, probe: Probe) -> dict[str, str | int | None]:
    code = probe.code or "other"
    return {
        "at": at.isoformat(),
        "url": probe.url,
        "code": code,
        "label": label_of(code),
        "http_status": probe.http_status,
        "detail": probe.detail,
    }
