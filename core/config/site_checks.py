"""govwatch.yaml's sections for the rest of the national portal indicators (19号): dead links,
availability probes, privacy leaks, site identity. Every threshold lives here."""

from __future__ import annotations

from pydantic import Field

from core.config.base import HttpUrl, _Strict


class LinksConfig(_Strict):
    """Dead links (`dead_link`): every <a href>, <img src> and attachment on the pages a crawl
    reads. Internal links are checked during the crawl; external ones once per run, politely."""

    enabled: bool = True
    check_external: bool = True
    # simultaneous requests to one external host (the portal's own limit is crawl.*)
    external_per_host: int = Field(default=1, ge=1, le=4)
    external_timeout: float = Field(default=10.0, gt=0, le=60)
    # link targets checked per run beyond the pages the crawl reads anyway
    max_links: int = Field(default=5000, ge=0, le=100_000)
    # pages a finding lists as linking to the target (all are counted)
    pages_kept: int = Field(default=5, ge=1, le=50)
    # a link pointing outside the portal to one of these hosts is internal too (CDN, 附件服务器)
    internal_hosts: list[str] = Field(default_factory=list)


class ProbeConfig(_Strict):
    """Availability (`site_unavailable`, 19号: 每天20次以上, 15秒打不开, 一周内占比≥5% 否决)."""

    urls: list[HttpUrl] = Field(default_factory=list)  # probed besides the home page
    # a site outside the portal's network (e.g. https://www.baidu.com/): when it fails too, the
    # probe round says "this machine is offline", not "the portal is down"
    reference_url: HttpUrl | None = None
    timeout: float = Field(default=15.0, gt=0, le=120)
    window_days: int = Field(default=7, ge=1, le=31)
    veto_rate: float = Field(default=0.05, gt=0, le=1)  # 19号: ≥5 % of a week's probes
    warn_rate: float = Field(default=0.03, gt=0, le=1)  # 开普云's early warning line
    # fewer usable probes in the window than this: the rate is shown, never judged
    min_probes: int = Field(default=20, ge=1, le=10_000)


class PrivacyConfig(_Strict):
    """Privacy leaks (`privacy_leak`): 身份证号, 手机号, 银行卡号 in articles and attachments."""

    enabled: bool = True
    id_numbers: bool = True
    mobiles: bool = True
    bank_cards: bool = True
    attachments: bool = True
    # an attachment larger than this is recorded as not checked (未检查：文件过大)
    attachment_max_mb: float = Field(default=20.0, gt=0, le=512)
    # attachments fetched for the check per run
    max_attachments: int = Field(default=500, ge=0, le=20_000)


class IdentityConfig(_Strict):
    """Site identity and elements (`identity_missing`): footer items, search box, HTTPS, the
    government meta tags on article pages."""

    enabled: bool = True
    # footer elements required on the home page and on each template's sample pages
    footer: list[str] = Field(
        default_factory=lambda: [
            "site_id_code",
            "icp",
            "police_record",
            "conac",
            "sponsor",
            "contact",
            "error_report",
        ]
    )
    search_box: bool = True
    https: bool = True
    article_meta: list[str] = Field(
        default_factory=lambda: [
            "SiteName",
            "SiteDomain",
            "SiteIDCode",
            "ColumnName",
            "ColumnType",
            "ArticleTitle",
            "PubDate",
            "ContentSource",
        ]
    )
    # article pages of one column sampled for the footer (all are read for the meta tags)
    sample_per_column: int = Field(default=3, ge=1, le=50)
