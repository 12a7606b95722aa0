"""When scheduled jobs run: crontab strings in the county's time zone, clock times, quiet
hours, and the quarterly report's day (the first working day after a quarter ends). The
trigger classes the scheduler stores are in govwatch/jobs/triggers.py.

APScheduler 3's CronTrigger counts weekdays from Monday = 0, crontab from Sunday = 0: a
number in the weekday field is translated, so `30 3 * * 0` is Sunday as in crontab(5).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.workdays import calendar_covers, is_workday

if TYPE_CHECKING:
    from apscheduler.triggers.cron import CronTrigger

_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r} (e.g. Asia/Shanghai)") from None


def _weekday_names(field: str) -> str:
    # numbers after "/" are steps, not days
    return re.sub(r"(?<![/\d])([0-7])(?!\d)", lambda m: _DAYS[int(m[1])], field)


def crontab(expr: str, timezone: str = "Asia/Shanghai") -> CronTrigger:
    """`minute hour day month weekday` → a CronTrigger; ValueError names what is wrong."""
    from apscheduler.triggers.cron import CronTrigger  # only when a schedule is read

    fields = expr.split()
    if len(fields) != 5:
        raise ValueError(
            f"{expr!r}: a cron string has 5 fields: minute hour day month weekday "
            '(e.g. "30 1 * * *" = every day at 01:30)'
        )
    minute, hour, day, month, weekday = fields
    try:
        return CronTrigger(
            minute=minute,
            hour=hour,
            day=day,
            month=month,
            day_of_week=_weekday_names(weekday),
            timezone=zone(timezone),
        )
    except ValueError as exc:
        raise ValueError(f"{expr!r}: {exc}") from None


def clock(text: str) -> time:
    """ "07:30" → time(7, 30)."""
    match = _CLOCK.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a time of day like 07:30")
    return time(int(match[1]), int(match[2]))


def quiet_hours(text: str) -> tuple[time, time]:
    """ "22:00-07:30" → (22:00, 07:30); the span may cross midnight."""
    start, sep, end = text.partition("-")
    if not sep:
        raise ValueError(f"{text!r}: write quiet hours as start-end, e.g. 22:00-07:30")
    first, last = clock(start), clock(end)
    if first == last:
        raise ValueError(f"{text!r}: start and end are the same time")
    return first, last


def in_quiet_hours(moment: datetime, span: tuple[time, time], timezone: str) -> bool:
    local = moment.astimezone(zone(timezone)).time()
    start, end = span
    if start < end:
        return start <= local < end
    return local >= start or local < end  # across midnight


# fixed-date holidays, for a year the holiday calendar does not cover yet (its notice comes
# out each November): 元旦, 劳动节 and the first days of 国庆 are never working days
_FIXED_HOLIDAYS = {(1, 1), (5, 1), (10, 1), (10, 2), (10, 3)}


def first_workday_after_quarter(year: int, quarter: int) -> date:
    """The first working day (调休 included) after the quarter's last day."""
    month = quarter * 3 + 1
    day = date(year + (month > 12), (month - 1) % 12 + 1, 1)
    for _ in range(31):  # the longest holiday (国庆, 春节) is 8 days
        fixed = not calendar_covers(day) and (day.month, day.day) in _FIXED_HOLIDAYS
        if not fixed and is_workday(day):
            return day
        day += timedelta(days=1)
    return day
