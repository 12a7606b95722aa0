"""What the portal spider is asked to read (built by crawler/plan.py from config and storage)."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.config import IdentityConfig, LinksConfig, PrivacyConfig
from spiders.portal.links import LinkTarget


@dataclass(frozen=True)
class ColumnPlan:
    name: str
    url: str
    category: str
    render: str = "http"
    wait_for: str | None = None
    # articles stored for this column before the run: a column that suddenly lists none is
    # more likely a broken template than an empty column
    known_articles: int = 0
    # stop at the first list page whose entries are all known (see PortalSpider); only for a
    # column the previous run read completely, so nothing it missed stays missed
    incremental: bool = False


@dataclass
class CrawlPlan:
    start_url: str
    allowed_domains: list[str]
    columns: list[ColumnPlan]
    discover: bool = True
    # the portal's names, stripped from <title> fallbacks (大姚县人民政府 …)
    site_names: tuple[str, ...] = ()
    # url → list signature of every stored article (incremental crawl)
    known: dict[str, str | None] = field(default_factory=dict)
    # link checks, attachments for the privacy check, identity samples (issue 10 checks)
    links: LinksConfig = field(default_factory=LinksConfig)
    privacy: PrivacyConfig = field(default_factory=PrivacyConfig)
    identity: IdentityConfig = field(default_factory=IdentityConfig)
    # attachments whose text is stored already: only their link is checked again
    known_attachments: set[str] = field(default_factory=set)
    # https://host/ of an http:// portal on the standard port (is HTTPS offered?), and the
    # answer: True / False (refused) / None (not asked or not known)
    # link targets the previous crawl found failing: asked again even when no page read this
    # run links them (an unchanged article is not fetched), so a fix is seen the next night
    recheck_links: list[LinkTarget] = field(default_factory=list)
    https_probe: str | None = None
    https_ok: bool | None = None
