"""govwatch.yaml: the county's configuration, validated with pydantic.

base.py (errors, strict models), sections.py (portal, columns, units, crawl, text checks,
findings), accounts.py (政务新媒体), reports.py (imports, the 通报), operations.py (schedule,
delivery), site_checks.py (links, probes, privacy, identity), model.py (the whole file),
load.py (reading it).
"""

from core.config.accounts import AccountConfig, NewMediaConfig, PlatformsConfig
from core.config.base import (
    CRAWL_ENV_PREFIX,
    DB_ENV,
    DEFAULT_CONFIG_NAME,
    DEFAULT_DB_URL,
    ConfigError,
    HttpUrl,
)
from core.config.load import load_config, parse_config, resolve_db_url
from core.config.model import Config
from core.config.reports import ImportsConfig, ImportTableConfig, ReportConfig
from core.config.sections import (
    ColumnConfig,
    CrawlConfig,
    FindingsConfig,
    LeaderConfig,
    PortalConfig,
    TextCheckConfig,
    UnitConfig,
    WordingRule,
    crawl_environment,
)
from core.config.site_checks import IdentityConfig, LinksConfig, PrivacyConfig, ProbeConfig

__all__ = [
    "CRAWL_ENV_PREFIX",
    "DB_ENV",
    "DEFAULT_CONFIG_NAME",
    "DEFAULT_DB_URL",
    "AccountConfig",
    "ColumnConfig",
    "Config",
    "ConfigError",
    "CrawlConfig",
    "FindingsConfig",
    "HttpUrl",
    "IdentityConfig",
    "ImportTableConfig",
    "ImportsConfig",
    "LeaderConfig",
    "LinksConfig",
    "NewMediaConfig",
    "PlatformsConfig",
    "PortalConfig",
    "PrivacyConfig",
    "ProbeConfig",
    "ReportConfig",
    "TextCheckConfig",
    "UnitConfig",
    "WordingRule",
    "crawl_environment",
    "load_config",
    "parse_config",
    "resolve_db_url",
]
