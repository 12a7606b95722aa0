"""The whole govwatch.yaml: every section, and the checks that span several of them."""

from __future__ import annotations

from urllib.parse import urlsplit

from pydantic import Field, model_validator

from core.config.accounts import AccountConfig, NewMediaConfig, PlatformsConfig
from core.config.base import _Strict
from core.config.operations import DeliveryConfig, ScheduleConfig
from core.config.reports import ImportsConfig, ReportConfig
from core.config.sections import (
    ColumnConfig,
    CrawlConfig,
    FindingsConfig,
    PortalConfig,
    TextCheckConfig,
    UnitConfig,
)
from core.config.site_checks import IdentityConfig, LinksConfig, PrivacyConfig, ProbeConfig
from core.units import UnitMatcher, UnitRef, county_short


class Config(_Strict):
    county: str = Field(min_length=1)
    portal: PortalConfig
    columns: list[ColumnConfig] = Field(default_factory=list)
    units: list[UnitConfig] = Field(default_factory=list)
    accounts: list[AccountConfig] = Field(default_factory=list)
    platforms: PlatformsConfig = Field(default_factory=PlatformsConfig)
    newmedia: NewMediaConfig = Field(default_factory=NewMediaConfig)
    crawl: CrawlConfig = Field(default_factory=CrawlConfig)
    text_check: TextCheckConfig = Field(default_factory=TextCheckConfig)
    findings: FindingsConfig = Field(default_factory=FindingsConfig)
    imports: ImportsConfig = Field(default_factory=ImportsConfig)
    report: ReportConfig = Field(default_factory=ReportConfig)
    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig)
    delivery: DeliveryConfig = Field(default_factory=DeliveryConfig)
    links: LinksConfig = Field(default_factory=LinksConfig)
    probe: ProbeConfig = Field(default_factory=ProbeConfig)
    privacy: PrivacyConfig = Field(default_factory=PrivacyConfig)
    identity: IdentityConfig = Field(default_factory=IdentityConfig)

    @model_validator(mode="after")
    def _channel_units(self) -> Config:
        names = {}
        for unit in self.units:
            for name in (unit.name, *unit.aliases):
                names[name] = unit.name
        for channel in self.delivery.channels:
            unknown = [u for u in channel.units if u not in names]
            if unknown:
                raise ValueError(
                    f"channel {channel.name!r}: {unknown[0]!r} is not a configured unit"
                )
            channel.units = [names[u] for u in channel.units]
        return self

    @model_validator(mode="after")
    def _column_hosts_allowed(self) -> Config:
        # a column on the 信息公开 host must not be dropped as off-site by the crawler
        for column in self.columns:
            host = urlsplit(column.url).hostname
            if host and not any(
                host == d or host.endswith("." + d) for d in self.portal.allowed_domains
            ):
                self.portal.allowed_domains.append(host)
        return self

    @model_validator(mode="after")
    def _unique_names(self) -> Config:
        seen: dict[str, str] = {}
        for unit in self.units:
            for name in (unit.name, *unit.aliases):
                owner = seen.setdefault(name, unit.name)
                if owner != unit.name:
                    raise ValueError(f"name {name!r} is used by both {owner!r} and {unit.name!r}")
        unit_names = {unit.name for unit in self.units}
        for column in self.columns:
            if column.unit and column.unit not in unit_names:
                raise ValueError(f"column {column.name!r}: unit {column.unit!r} is not in units")
        return self

    @model_validator(mode="after")
    def _accounts_resolved(self) -> Config:
        # an owner is a configured unit, written as its name or any alias; stored as the name
        owners = {}
        for unit in self.units:
            for name in (unit.name, *unit.aliases):
                owners[name] = unit.name
        rsshub = urlsplit(self.platforms.rsshub.base_url).hostname or ""
        keys: dict[str, str] = {}
        for number, account in enumerate(self.accounts, 1):
            label = f"account {number} ({account.name})"
            if account.owner not in owners:
                raise ValueError(f"{label}: owner {account.owner!r} is not a configured unit")
            account.owner = owners[account.owner]
            try:
                account.resolve((rsshub,))
            except ValueError as exc:
                raise ValueError(f"{label}: {exc}") from None
            if account.key in keys:
                other = keys[account.key]
                raise ValueError(f"{label}: the same account as {other!r} ({account.key})")
            keys[account.key] = account.name
        return self

    @property
    def county_short(self) -> str:
        """大姚县 → 大姚: the form used in account names and many sources."""
        return county_short(self.county)

    def unit_matcher(self) -> UnitMatcher:
        """The one matcher of 来源 / 发布机构 strings to configured units."""
        return UnitMatcher(
            self.county, [UnitRef(u.name, tuple(u.aliases), u.kind) for u in self.units]
        )

    def column_units(self) -> dict[str, str]:
        """Column URL → the unit credited with its articles that name no source."""
        return {c.url: c.unit for c in self.columns if c.unit}
