"""Months and quarters are bounded in Beijing time and labelled as the bulletin writes them."""

from datetime import UTC, date, datetime

import pytest

from core.periods import BEIJING, Month, Quarter


def test_quarter_bounds_months_and_label():
    q = Quarter.parse("2025Q2")
    assert (q.start, q.end) == (
        datetime(2025, 4, 1, tzinfo=BEIJING),
        datetime(2025, 7, 1, tzinfo=BEIJING),
    )
    assert Quarter.parse(" 2024q4 ").end == datetime(2025, 1, 1, tzinfo=BEIJING)
    assert [m.key for m in q.months] == ["2025-04", "2025-05", "2025-06"]
    assert q.label == "2025年二季度" and str(q) == "2025Q2"


@pytest.mark.parametrize("text", ["2025Q5", "2025Q0", "Q2", "2025-Q2x", "", "1800Q1"])
def test_bad_quarters_are_named(text):
    with pytest.raises(ValueError, match="is not a quarter like 2025Q2"):
        Quarter.parse(text)


def test_last_complete_quarter():
    assert Quarter.last_complete(datetime(2025, 7, 1, tzinfo=BEIJING)).key == "2025Q2"
    assert Quarter.last_complete(date(2026, 2, 1)).key == "2025Q4"
    assert Quarter.last_complete(datetime(2025, 6, 30, 23, 59, tzinfo=BEIJING)).key == "2025Q1"


def test_month_of_a_moment_is_its_beijing_month():
    # 2025-07-31 20:00 UTC is already August in Beijing
    assert Month.of(datetime(2025, 7, 31, 20, 0, tzinfo=UTC)) == Month(2025, 8)
    assert Month.parse("2025-12").end == datetime(2026, 1, 1, tzinfo=BEIJING)
    assert Month(2025, 4).label == "4月"
    with pytest.raises(ValueError):
        Month.parse("2025-13")
