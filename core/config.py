"""govwatch.yaml: the county's configuration, validated with pydantic.

Validation errors name the file, the line and the field, because the people editing this
file are county staff, not programmers.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

from core.accounts import AccountRef, Platform, UnknownSite, parse_platform, recognise
from core.units import UnitMatcher, UnitRef, county_short
from core.vocab import Category

DEFAULT_CONFIG_NAME = "govwatch.yaml"
DEFAULT_DB_URL = "sqlite:///govwatch.db"
DB_ENV = "GOVWATCH_DB"
CRAWL_ENV_PREFIX = "GOVWATCH_CRAWL_"


class ConfigError(Exception):
    """A configuration problem a user can fix; the message names file, line and field."""


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{value!r} is not an absolute http(s) URL")
    return value


def _platform(value: Any) -> Any:
    return parse_platform(value) if isinstance(value, str) else value


# kept as the text the user wrote (pydantic's own URL type would rewrite it)
HttpUrl = Annotated[str, AfterValidator(_check_url)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


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


class AccountConfig(_Strict):
    """A 政务新媒体 account of the office's registry (报备台账), as staff copy it."""

    name: str = Field(min_length=1)  # 账号名称 as registered
    owner: str = Field(min_length=1)  # 开设主体: a configured unit (name or alias)
    url: HttpUrl | None = None  # the account's public URL, from a browser
    # where the URL does not carry them
    platform: Annotated[Platform, BeforeValidator(_platform)] | None = None
    wechat_id: str | None = None  # 微信号, matched exactly in Sogou's account search
    fakeid: str | None = None  # the 公众号's __biz, for the backend article list
    gh_id: str | None = None  # 原始ID gh_…
    feed: HttpUrl | None = None  # an RSS/Atom/JSON feed: read by the feed adapter
    posts_file: str | None = None  # a CSV/XLSX of posts (小程序, or exported by hand)

    _ref: AccountRef | None = PrivateAttr(default=None)

    @property
    def ref(self) -> AccountRef:
        """Platform and ids, resolved when the config was loaded."""
        assert self._ref is not None, "resolved by Config"
        return self._ref

    @property
    def key(self) -> str:
        """What identifies the account across runs and renames: platform and id."""
        return f"{self.ref.platform.value}:{self.ref.ident}"

    def resolve(self, rsshub_hosts: tuple[str, ...]) -> AccountRef:
        ref: AccountRef | None = None
        if self.url:
            try:
                ref = recognise(self.url, rsshub_hosts)
            except UnknownSite:
                if not (self.platform or self.feed):
                    raise
        platform = self.platform or (ref.platform if ref else None)
        if platform is None:
            if self.feed:
                platform = Platform.feed
            elif self.posts_file:
                platform = Platform.imported
            elif self.wechat_id or self.fakeid or self.gh_id:
                platform = Platform.wechat
            else:
                raise ValueError(f"account {self.name!r}: give url, feed, posts_file or platform")
        ids = dict(ref.ids) if ref and ref.platform == platform else {}
        for field in ("wechat_id", "fakeid", "gh_id", "feed", "posts_file"):
            if getattr(self, field):
                ids[field] = str(getattr(self, field))
        needed = {Platform.weibo: "uid", Platform.douyin: "sec_uid", Platform.bilibili: "mid"}
        if platform in needed and needed[platform] not in ids and "feed" not in ids:
            raise ValueError(
                f"account {self.name!r}: the URL carries no {platform.value} account id "
                f"({needed[platform]}); copy the account's own page URL"
            )
        ident = ref.ident if ref and ref.platform == platform else ""
        ident = ids.get("wechat_id") or ident if platform == Platform.wechat else ident
        ident = ident or self.feed or self.url or self.posts_file or self.name
        self._ref = AccountRef(platform, ident, ids)
        return self._ref


class WeiboPlatform(_Strict):
    base_url: HttpUrl = "https://m.weibo.cn"


class DouyinPlatform(_Strict):
    base_url: HttpUrl = "https://www.douyin.com"


class WechatPlatform(_Strict):
    mp_base_url: HttpUrl = "https://mp.weixin.qq.com"
    sogou_base_url: HttpUrl = "https://weixin.sogou.com"


class BilibiliPlatform(_Strict):
    base_url: HttpUrl = "https://api.bilibili.com"


class RsshubPlatform(_Strict):
    base_url: HttpUrl = "https://rsshub.app"


class PlatformsConfig(_Strict):
    """Where each platform is reached: the real sites, a self-hosted RSSHub, a proxy, a test
    server. Only the host part of a copied account URL is replaced by these."""

    weibo: WeiboPlatform = Field(default_factory=WeiboPlatform)
    douyin: DouyinPlatform = Field(default_factory=DouyinPlatform)
    wechat: WechatPlatform = Field(default_factory=WechatPlatform)
    bilibili: BilibiliPlatform = Field(default_factory=BilibiliPlatform)
    rsshub: RsshubPlatform = Field(default_factory=RsshubPlatform)


class NewMediaConfig(_Strict):
    """The 逾期 rule's parameters and how politely accounts are fetched.

    Credentials never go here: GOVWATCH_WECHAT_TOKEN / GOVWATCH_WECHAT_COOKIE /
    GOVWATCH_WEIBO_COOKIE come from the environment or the 0600 file `secrets_file` names."""

    overdue_after_days: int = Field(default=14, ge=1, le=365)
    # seconds between two requests to one platform: [min, max] drawn at random, or one
    # number x meaning x/2 … 3x/2; 0 turns the delay off (tests, a local replay)
    delay_seconds: float | tuple[float, float] = (3.0, 8.0)
    allow_private_hosts: bool = False  # account URLs on loopback/private addresses
    max_pages: int = Field(default=20, ge=1, le=200)  # list pages per account and run
    timeout: float = Field(default=30.0, gt=0)  # per request
    account_timeout: float = Field(default=300.0, gt=0)  # per account, every page included
    retries: int = Field(default=2, ge=0, le=10)
    backoff_seconds: float = Field(default=10.0, ge=0)  # before the first retry, then doubled
    douyin_wait_seconds: float = Field(default=10.0, gt=0)  # for the post list to arrive
    secrets_file: str | None = None
    user_agent: str | None = None
    text_check: bool = True  # new post texts through the text checker
    discover_feeds: list[HttpUrl] = Field(default_factory=list)  # feeds listing accounts
    discover_names: list[str] = Field(default_factory=list)  # searched besides the units

    @model_validator(mode="after")
    def _delay_range(self) -> NewMediaConfig:
        low, high = self.delay_range
        if low < 0 or high < low:
            raise ValueError("delay_seconds: a number ≥ 0 or [min, max] with 0 ≤ min ≤ max")
        return self

    @property
    def delay_range(self) -> tuple[float, float]:
        if isinstance(self.delay_seconds, tuple):
            return self.delay_seconds
        return (self.delay_seconds / 2, self.delay_seconds * 3 / 2)


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


class ImportTableConfig(_Strict):
    """How one kind of export file is read (`govwatch import requests|services|hotline`)."""

    # govwatch's header name → the office's, where they differ: {签收时间: 接单时间}
    columns: dict[str, str] = Field(default_factory=dict)
    sheet: str | None = None  # the XLSX sheet (default: the first)


class ImportsConfig(_Strict):
    requests: ImportTableConfig = Field(default_factory=ImportTableConfig)  # 依申请公开
    services: ImportTableConfig = Field(default_factory=ImportTableConfig)  # 政务服务平台
    hotline: ImportTableConfig = Field(default_factory=ImportTableConfig)  # 12345 工单


class ReportConfig(_Strict):
    """The quarterly 通报 (`govwatch report`): who sends it, to whom, what it leaves out."""

    issuer: str | None = None  # 发文机关署名; default: <county>人民政府办公室
    addressees: str = "各乡镇人民政府，县级有关单位："
    # a Jinja2 file for 三、工作要求 (relative to govwatch.yaml); default: the shipped text
    requirements_template: str | None = None
    # registered accounts that are not 政府系统政务新媒体 (or are kept for testing): left out of
    # (五), its 合格率 and 二's account statements, and named in a note under the table
    exclude_accounts: list[str] = Field(default_factory=list)
    exclude_reason: str = "不属于本次通报的政府系统政务新媒体"


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


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and validate a config file; raise ConfigError with file:line on any problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: no such file (run `govwatch init` to write one, or pass --config)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    return parse_config(text, str(path))


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: str, first: int, again: int) -> None:
        super().__init__(f"{key!r} appears twice (lines {first} and {again})")
        self.key, self.first, self.again = key, first, again


class _StrictLoader(yaml.SafeLoader):
    """YAML where a key written twice in one mapping is an error: PyYAML would silently keep
    the second (a second `units:` replacing the first deactivates every unit)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
            line = key_node.start_mark.line + 1
            if key in seen:
                raise _DuplicateKey(str(key), seen[key], line)
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def parse_config(text: str, filename: str = DEFAULT_CONFIG_NAME) -> Config:
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # a SafeLoader: no object construction
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except _DuplicateKey as exc:
        where = "on the same line" if exc.first == exc.again else f"first at line {exc.first}"
        raise ConfigError(
            f"{filename}:{exc.again}: duplicate key {exc.key!r} ({where}); keep one of them"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{filename}:{mark.line + 1}" if mark else filename
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{where}: YAML syntax error: {problem}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{filename}: expected a mapping of settings at the top level")
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, root, filename)) from None


def _describe(exc: ValidationError, root: yaml.Node | None, filename: str) -> str:
    lines = []
    for error in exc.errors():
        loc = [part for part in error["loc"] if not _is_tag(part)]
        line = _line_of(root, loc)
        where = f"{filename}:{line}" if line else filename
        field = _field_path(loc) or "(top level)"
        message = error["msg"].removeprefix("Value error, ")
        lines.append(f"{where}: {field}: {message}")
    return "\n".join(lines)


def _is_tag(part: Any) -> bool:
    # pydantic puts the union member / validator name into loc for some errors
    return isinstance(part, str) and (part.startswith("function-") or part in ("str", "int"))


def _field_path(loc: list[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_of(node: yaml.Node | None, loc: list[Any]) -> int | None:
    """Line (1-based) of the deepest YAML node on the path loc."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    child = value
                    line = key.start_mark.line + 1
                    break
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def resolve_db_url(cli_value: str | None = None) -> str:
    """--db beats GOVWATCH_DB beats a SQLite file in the working folder."""
    return cli_value or os.environ.get(DB_ENV) or DEFAULT_DB_URL
