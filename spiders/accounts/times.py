"""Post times in every form the platforms print, made aware Beijing-time datetimes.

Relative forms are read against a reference moment (the response's Date header or the
monitoring point, see FetchContext.reference) — never the wall clock, so a replay of
2025 data read in 2026 still puts "06-14" in 2025.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from core.periods import BEIJING, beijing

_FULL = "%a %b %d %H:%M:%S %z %Y"  # Sun Jun 15 11:20:00 +0800 2025
_MINUTES = re.compile(r"^(\d+)\s*分钟前$")
_HOURS = re.compile(r"^(\d+)\s*小时前$")
_SECONDS = re.compile(r"^(\d+)\s*秒前$")
_YESTERDAY = re.compile(r"^昨天\s*(\d{1,2}):(\d{2})$")
_TODAY = re.compile(r"^(?:今天\s*)?(\d{1,2}):(\d{2})$")
_MONTH_DAY = re.compile(r"^(\d{1,2})-(\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$")
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def weibo_time(text: str, reference: datetime) -> datetime:
    """`刚刚`, `N分钟前`, `N小时前`, `昨天 HH:MM`, `MM-DD`, `YYYY-MM-DD`, the full form.

    A MM-DD later than the reference day belongs to the year before (a 12-30 post read on
    01-02). Raises ValueError for anything else: an unreadable time is never guessed."""
    value = " ".join((text or "").split())
    ref = beijing(reference)
    if not value:
        raise ValueError("empty time")
    try:
        return beijing(datetime.strptime(value, _FULL))
    except ValueError:
        pass
    if value == "刚刚":
        return ref
    for pattern, unit in ((_SECONDS, "seconds"), (_MINUTES, "minutes"), (_HOURS, "hours")):
        match = pattern.match(value)
        if match:
            return ref - timedelta(**{unit: int(match[1])})
    match = _YESTERDAY.match(value)
    if match:
        day = ref - timedelta(days=1)
        return day.replace(hour=int(match[1]), minute=int(match[2]), second=0, microsecond=0)
    match = _TODAY.match(value)
    if match:
        return ref.replace(hour=int(match[1]), minute=int(match[2]), second=0, microsecond=0)
    match = _DATE.match(value)
    if match:
        hour, minute, second = (int(match[i] or 0) for i in (4, 5, 6))
        return datetime(int(match[1]), int(match[2]), int(match[3]), hour, minute, second,
                        tzinfo=BEIJING)  # fmt: skip
    match = _MONTH_DAY.match(value)
    if match:
        month, day = int(match[1]), int(match[2])
        hour, minute = int(match[3] or 0), int(match[4] or 0)
        found = datetime(ref.year, month, day, hour, minute, tzinfo=BEIJING)
        if found.date() > ref.date():
            found = found.replace(year=ref.year - 1)
        return found
    raise ValueError(f"unreadable time {text!r}")


def unix_time(value: object) -> datetime:
    """Unix seconds (int or numeric string; milliseconds are recognised by size)."""
    number = float(str(value).strip())
    if number > 1e11:  # Douyin cursors and Kuaishou timestamps are milliseconds
        number /= 1000
    if number <= 0:
        raise ValueError(f"not a time: {value!r}")
    return datetime.fromtimestamp(number, UTC).astimezone(BEIJING)
