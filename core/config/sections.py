"""govwatch.yaml's portal sections: the portal, its columns and units, the crawl's overrides
(also from GOVWATCH_CRAWL_* variables), the text checks and the findings' deadlines."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from core.config.base import CRAWL_ENV_PREFIX, ConfigError, HttpUrl, _Strict
from core.vocab import Category


class ColumnConfig(_Strict):
    name: str = Field(min_length=1)
    url: HttpUrl
    category: Category = Category.other
    # Unit credited with an article that names no source (e.g. a township's own column).
    unit: str | None = None
    # "browser": the list is built by JavaScript and must be rendered by Playwright.
    render: Literal["http", "browser"] = "http"
    # CSS selector that exists once the browser has built the list.
    wait_for: str | None = None
    # days without a new item before the column counts as 不更新 (default: by category)
    stale_after_days: int | None = Field(default=None, ge=1, le=3650)

    @model_validator(mode="after")
    def _browser_needs_selector(self) -> ColumnConfig:
        if self.render == "browser" and not self.wait_for:
            raise ValueError("render: browser needs wait_for (a CSS selector of the built list)")
        return self


class UnitConfig(_Strict):
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    kind: Literal["department", "township"] = "department"


class PortalConfig(_Strict):
    name: str = Field(min_length=1)
    start_url: HttpUrl
    allowed_domains: list[str] = Field(default_factory=list)
    discover_columns: bool = True

    @model_validator(mode="after")
    def _default_domains(self) -> PortalConfig:
        if not self.allowed_domains:
            host = urlsplit(self.start_url).hostname
            self.allowed_domains = [host] if host else []
        return self


class CrawlConfig(_Strict):
    """Overrides of crawler/settings.py; leave out what you do not need to change.

    The same fields can be set as GOVWATCH_CRAWL_<FIELD> environment variables, which win
    over govwatch.yaml (see crawl_environment)."""

    obey_robots: bool | None = None
    concurrency_per_site: int | None = Field(default=None, ge=1, le=16)
    download_delay: float | None = Field(default=None, ge=0)
    autothrottle: bool | None = None
    timeout: float | None = Field(default=None, gt=0)
    retries: int | None = Field(default=None, ge=0, le=10)
    retry_backoff: float | None = Field(default=None, ge=0)
    user_agent: str | None = None
    max_list_pages: int | None = Field(default=None, ge=1)
    # largest page read, in MB (a bigger answer is 页面过大, never parsed)
    max_page_mb: float | None = Field(default=None, gt=0, le=512)
    # read every list page at least this often (days); in between, stop at known entries
    full_every_days: int | None = Field(default=None, ge=0, le=365)


class _CrawlEnvironment(CrawlConfig, BaseSettings):
    model_config = SettingsConfigDict(env_prefix=CRAWL_ENV_PREFIX, extra="ignore")


def crawl_environment() -> CrawlConfig:
    """The GOVWATCH_CRAWL_* variables as a CrawlConfig; a bad value names its variable."""
    try:
        return CrawlConfig.model_validate(_CrawlEnvironment().model_dump(exclude_unset=True))
    except ValidationError as exc:
        error = exc.errors()[0]
        name = CRAWL_ENV_PREFIX + str(error["loc"][0]).upper()
        raise ConfigError(f"{name}={error['input']!r}: {error['msg']}") from None


class LeaderConfig(_Strict):
    name: str
    title: str


class WordingRule(_Strict):
    wrong: str
    right: str


class TextCheckConfig(_Strict):
    enabled: bool = True
    extra_words: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    min_confidence: float | None = Field(default=None, ge=0, le=1)
    wording: list[WordingRule] = Field(default_factory=list)
    leaders: list[LeaderConfig] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)


class FindingsConfig(_Strict):
    """How long staff have to correct a finding: working days per kind (e.g. text_issue: 3).
    A kind left out keeps its default (5 for text_issue and privacy_leak, 10 for the rest)."""

    deadlines: dict[str, Annotated[int, Field(ge=1, le=365)]] = Field(default_factory=dict)
    # 19号 freshness per column category (news: 14, notice/policy: 180, personnel/plan/other:
    # 365); a column's own `stale_after_days` wins. warn_after_days: a warning before that.
    stale_after_days: dict[Category, Annotated[int, Field(ge=1, le=3650)]] = Field(
        default_factory=dict
    )
    warn_after_days: dict[Category, Annotated[int, Field(ge=1, le=3650)]] = Field(
        default_factory=dict
    )
