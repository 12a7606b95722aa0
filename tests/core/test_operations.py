"""Schedule timing (crontab's Sunday, the quarterly report's working day, quiet hours) and
the secrets of delivery channels (environment over a 0600 file, masked everywhere)."""

from __future__ import annotations

import logging
from datetime import date, datetime

import pytest

from core.cron import crontab, first_workday_after_quarter, in_quiet_hours, quiet_hours
from core.periods import BEIJING
from core.secrets import Redactor, SecretsError, channel_urls, channel_variable
from govwatch.jobs.triggers import QuarterlyTrigger


def test_weekday_zero_is_sunday_as_in_crontab():
    trigger = crontab("30 3 * * 0")
    after = datetime(2025, 7, 1, tzinfo=BEIJING)  # a Tuesday
    assert trigger.get_next_fire_time(None, after) == datetime(2025, 7, 6, 3, 30, tzinfo=BEIJING)
    weekdays = crontab("0 9 * * 1-5")
    saturday = datetime(2025, 7, 5, 10, tzinfo=BEIJING)
    assert weekdays.get_next_fire_time(None, saturday) == datetime(2025, 7, 7, 9, tzinfo=BEIJING)
    with pytest.raises(ValueError, match="5 fields"):
        crontab("30 1 * *")


@pytest.mark.parametrize(
    ("year", "quarter", "day"),
    [
        (2025, 1, date(2025, 4, 1)),
        (2025, 3, date(2025, 10, 9)),  # 国庆 and 中秋: 10-01 … 10-08
        (2024, 4, date(2025, 1, 2)),  # 元旦
        (2024, 3, date(2024, 10, 8)),
    ],
)
def test_the_first_working_day_after_a_quarter(year, quarter, day):
    assert first_workday_after_quarter(year, quarter) == day


def test_quarterly_trigger_fires_once_per_quarter_at_its_time():
    trigger = QuarterlyTrigger(datetime(2025, 1, 1, 9).time())
    first = trigger.get_next_fire_time(None, datetime(2025, 9, 1, tzinfo=BEIJING))
    assert first == datetime(2025, 10, 9, 9, tzinfo=BEIJING)
    again = trigger.get_next_fire_time(first, first)
    assert again == datetime(2026, 1, 4, 9, tzinfo=BEIJING)  # 2026-01-04 is a 调休 workday


def test_quiet_hours_may_cross_midnight():
    span = quiet_hours("22:00-07:30")
    assert in_quiet_hours(datetime(2025, 7, 1, 23, tzinfo=BEIJING), span, "Asia/Shanghai")
    assert in_quiet_hours(datetime(2025, 7, 1, 7, 29, tzinfo=BEIJING), span, "Asia/Shanghai")
    assert not in_quiet_hours(datetime(2025, 7, 1, 7, 30, tzinfo=BEIJING), span, "Asia/Shanghai")
    with pytest.raises(ValueError):
        quiet_hours("22:00")


def test_channel_urls_from_the_environment_over_the_file(tmp_path):
    secrets = tmp_path / "secrets.env"
    secrets.write_text(
        "GOVWATCH_CHANNEL_OFFICE=mailtos://u:from-file@smtp.example.org\n"
        "export GOVWATCH_CHANNEL_EDU_ROBOT='wecombot://key-from-file'\n"
        "GOVWATCH_WEIBO_COOKIE=not-a-channel\n",
        encoding="utf-8",
    )
    secrets.chmod(0o600)
    env = {"GOVWATCH_SECRETS": str(secrets), "GOVWATCH_CHANNEL_OFFICE": "json://127.0.0.1/x"}
    found = channel_urls(["office", "edu-robot", "missing"], None, env)
    assert found == {
        "office": "json://127.0.0.1/x",
        "edu-robot": "wecombot://key-from-file",
        "missing": None,
    }
    assert channel_variable("edu-robot") == "GOVWATCH_CHANNEL_EDU_ROBOT"
    secrets.chmod(0o640)
    with pytest.raises(SecretsError, match="chmod 600") as caught:
        channel_urls(["office"], None, env)
    assert "from-file" not in str(caught.value)


def test_the_redactor_masks_every_part_of_a_channel_url(caplog):
    url = "mailtos://clerk:S3cret%21pw@smtp.example.org?to=a@example.org"
    robot = "json://127.0.0.1:9/hook/tokenABCDEF123456"
    redactor = Redactor([url, robot])
    logger = logging.getLogger("tests.redactor")
    logger.addFilter(redactor)
    try:
        with caplog.at_level(logging.DEBUG, logger="tests.redactor"):
            logger.debug("POST /hook/%s failed", "tokenABCDEF123456")
            logger.warning("login with %s", "S3cret!pw")
            logger.info("channel %s", url)
    finally:
        logger.removeFilter(redactor)
    assert "tokenABCDEF123456" not in caplog.text and "S3cret" not in caplog.text
    assert caplog.text.count("***") == 3
