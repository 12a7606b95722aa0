"""Every created_at form Weibo prints, read against the reference moment — never the wall
clock (the wall clock here is frozen in 2031 to prove it)."""

from datetime import datetime

import pytest
import time_machine

from core.periods import BEIJING
from spiders.accounts.times import unix_time, weibo_time

REF = datetime(2025, 7, 1, 9, 30, tzinfo=BEIJING)


@time_machine.travel(datetime(2031, 3, 3, tzinfo=BEIJING), tick=False)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("刚刚", datetime(2025, 7, 1, 9, 30)),
        ("5分钟前", datetime(2025, 7, 1, 9, 25)),
        ("3小时前", datetime(2025, 7, 1, 6, 30)),
        ("昨天 23:59", datetime(2025, 6, 30, 23, 59)),
        ("06-14", datetime(2025, 6, 14)),
        ("12-30", datetime(2024, 12, 30)),  # later than the reference day: last year
        ("2025-04-02", datetime(2025, 4, 2)),
        ("Sun Jun 15 11:20:00 +0800 2025", datetime(2025, 6, 15, 11, 20)),
        ("Sat Jun 14 23:20:00 +0000 2025", datetime(2025, 6, 15, 7, 20)),  # to Beijing time
    ],
)
def test_weibo_forms(text, expected):
    assert weibo_time(text, REF) == expected.replace(tzinfo=BEIJING)


def test_new_year_reference_keeps_december_in_the_old_year():
    jan = datetime(2026, 1, 2, 8, 0, tzinfo=BEIJING)
    assert weibo_time("12-31", jan).year == 2025
    assert weibo_time("01-02", jan).year == 2026
    assert weibo_time("昨天 08:00", jan) == datetime(2026, 1, 1, 8, 0, tzinfo=BEIJING)


@pytest.mark.parametrize("text", ["", "上周", "13-45", "明天"])
def test_unreadable_times_are_refused_not_guessed(text):
    with pytest.raises(ValueError):
        weibo_time(text, REF)


def test_unix_seconds_and_milliseconds():
    assert unix_time(1673771886) == unix_time("1673771886000")
    assert unix_time("1523110915") == datetime(2018, 4, 7, 22, 21, 55, tzinfo=BEIJING)
