"""Publication dates as printed on county portals → Beijing-time datetimes, never guessed."""

from datetime import datetime

import pytest

from core.periods import BEIJING
from spiders.dates import parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-04-01 10:30", datetime(2025, 4, 1, 10, 30)),
        ("2025-04-01 10:30:15", datetime(2025, 4, 1, 10, 30, 15)),
        ("2025年04月01日", datetime(2025, 4, 1)),
        ("2025年4月1日 10时30分", datetime(2025, 4, 1, 10, 30)),
        ("2025/4/1", datetime(2025, 4, 1)),
        ("2025.04.01", datetime(2025, 4, 1)),
        ("[ 2025-04-01 ]", datetime(2025, 4, 1)),
        ("２０２５年０４月０１日", datetime(2025, 4, 1)),
        ("发布时间：2025-06-30 23:59", datetime(2025, 6, 30, 23, 59)),
        ("2016/11/11 9:37:15", datetime(2016, 11, 11, 9, 37, 15)),
    ],
)
def test_forms_seen_on_portals(text, expected):
    assert parse_date(text) == expected.replace(tzinfo=BEIJING)


def test_iso_with_zone_is_converted_to_beijing_time():
    # 16:30 UTC on 30 June is already 1 July in Beijing: the month changes
    assert parse_date("2025-06-30T16:30:00Z") == datetime(2025, 7, 1, 0, 30, tzinfo=BEIJING)


@pytest.mark.parametrize("text", ["", None, "04-01", "2025-02-30", "2025年第二季度", "二〇二五年"])
def test_unreadable_dates_are_none_not_guessed(text):
    assert parse_date(text) is None
