"""The `schedule:` and `delivery:` sections of govwatch.yaml (nightly operation).

Channels are names only: a channel's apprise URL carries passwords and robot tokens, so it is
the secret GOVWATCH_CHANNEL_<NAME> (core/secrets.py), never written in govwatch.yaml.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from core.config.base import _Strict
from core.cron import clock, crontab, quiet_hours, zone
from core.secrets import channel_variable


def _cron(value: str | None) -> str | None:
    if value is not None:
        crontab(value)  # the zone is checked on its own field
    return value


def _clock(value: str | None) -> str | None:
    if value is not None:
        clock(value)
    return value


def _quiet(value: str | None) -> str | None:
    if value is not None:
        quiet_hours(value)
    return value


def _zone(value: str) -> str:
    zone(value)
    return value


def _channel_name(value: str) -> str:
    if "://" in value or "@" in value:
        # never echo the value: it is probably a password-bearing URL
        raise ValueError(
            "a channel's URL is a secret: write only a name here (e.g. office) and put the "
            "URL in GOVWATCH_CHANNEL_<NAME> (environment or the 0600 secrets file)"
        )
    if not value[:1].isascii() or not value[:1].isalpha() or len(value) > 40:
        raise ValueError("a channel name starts with a letter: letters, digits, - and _ only")
    if not all(c.isascii() and (c.isalnum() or c in "-_") for c in value):
        raise ValueError("a channel name has only letters, digits, - and _")
    return value


Cron = Annotated[str | None, AfterValidator(_cron)]


class ScheduleConfig(_Strict):
    """`govwatch schedule`: cron strings (minute hour day month weekday, Sunday = 0 as in
    crontab) in the county's time zone; null turns a job off."""

    timezone: Annotated[str, AfterValidator(_zone)] = "Asia/Shanghai"
    nightly: Cron = "30 1 * * *"  # crawl + checks + accounts, the digest, then delivery
    probe_every_minutes: int | None = Field(default=60, ge=5, le=1440)  # availability
    # HH:MM on the first working day after a quarter ends
    quarterly_report: Annotated[str | None, AfterValidator(_clock)] = "09:00"
    backup: Cron = "30 3 * * 0"  # the SQLite database, weekly (Sunday 03:30)
    backup_keep: int = Field(default=8, ge=1, le=520)
    backup_dir: str = "backups"  # relative to the database file's folder
    # a run missed while govwatch was stopped runs once on start if no later than this
    grace_minutes: int = Field(default=360, ge=1, le=14 * 1440)


class ChannelConfig(_Strict):
    name: Annotated[str, AfterValidator(_channel_name)]
    units: list[str] = Field(default_factory=list)  # only these units' findings; []: all

    @property
    def variable(self) -> str:
        return channel_variable(self.name)


class DeliveryConfig(_Strict):
    channels: list[ChannelConfig] = Field(default_factory=list)
    quiet_hours: Annotated[str | None, AfterValidator(_quiet)] = None  # e.g. "22:00-07:30"
    nothing_new: bool = True  # a run with nothing new still sends "无新增问题"
    retries: int = Field(default=3, ge=0, le=10)  # after the first attempt
    backoff_seconds: float = Field(default=30.0, ge=0, le=3600)  # doubled after each
    max_items: int = Field(default=10, ge=1, le=100)  # findings listed per part of a message
    secrets_file: str | None = None  # else $GOVWATCH_SECRETS, else newmedia.secrets_file

    @model_validator(mode="after")
    def _unique_channels(self) -> DeliveryConfig:
        seen: set[str] = set()
        for channel in self.channels:
            if channel.variable in seen:
                raise ValueError(f"channel {channel.name!r} is listed twice")
            seen.add(channel.variable)
        return self
