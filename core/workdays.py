"""China's working days: weekends, official holidays and 调休 makeup workdays.

The calendar comes from the `chinesecalendar` package, which follows the State Council's
yearly holiday notice. For a year it does not cover yet (the notice comes out each
November), weekdays count as working days and the answer says so.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from functools import cache

import chinese_calendar

from core.periods import BEIJING, beijing

logger = logging.getLogger(__name__)


@cache
def _warn_uncovered(year: int) -> None:
    logger.warning(
        "the holiday calendar has no data for %d yet: counting Monday–Friday as working days",
        year,
    )


def is_workday(day: date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        _warn_uncovered(day.year)
        return day.weekday() < 5


def calendar_covers(day: date) -> bool:
    """Does the holiday calendar know this day's year (else weekdays are assumed)?"""
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return False
    return True


def add_working_days(start: datetime, days: int) -> datetime:
    """The end (24:00 Beijing time) of the `days`-th working day after start's day."""
    day = beijing(start).date()
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_workday(day):
            counted += 1
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=BEIJING)


def working_days_between(start: datetime, end: datetime) -> int:
    """Working days after start's day up to and including end's day (0 when end ≤ start)."""
    first, last = beijing(start).date(), beijing(end).date()
    count = 0
    day = first + timedelta(days=1)
    while day <= last:
        count += is_workday(day)
        day += timedelta(days=1)
    return count
