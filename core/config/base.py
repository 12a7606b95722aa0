"""What every part of the configuration shares: its errors, strict models and URL fields."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict

from core.accounts import parse_platform

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
