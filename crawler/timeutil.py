"""Beijing time: every date govwatch reads, stores or prints is in Asia/Shanghai."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")


def now() -> datetime:
    """The current Beijing time (tests freeze it with time-machine)."""
    return datetime.now(BEIJING)


def month_key(value: datetime | date) -> str:
    """2025-04-03 → "2025-04"."""
    return f"{value.year:04d}-{value.month:02d}"


def month_end(month: str) -> datetime:
    """ "2025-06" → 2025-07-01 00:00 Beijing time, the first moment after the month."""
    year, number = int(month[:4]), int(month[5:7])
    return datetime(year + number // 12, number % 12 + 1, 1, tzinfo=BEIJING)


def quarter_bounds(quarter: str) -> tuple[datetime, datetime]:
    """ "2025Q2" → [2025-04-01 00:00, 2025-07-01 00:00) in Beijing time."""
    try:
        year_text, q_text = quarter.upper().split("Q")
        year, q = int(year_text), int(q_text)
        if not (1 <= q <= 4 and 1900 <= year <= 2999):
            raise ValueError
    except ValueError:
        raise ValueError(f"{quarter!r} is not a quarter like 2025Q2") from None
    start = datetime(year, 3 * q - 2, 1, tzinfo=BEIJING)
    end = datetime(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1, tzinfo=BEIJING)
    return start, end


def quarter_months(quarter: str) -> list[str]:
    start, _ = quarter_bounds(quarter)
    return [f"{start.year:04d}-{start.month + i:02d}" for i in range(3)]


def previous_quarter(value: datetime | date) -> str:
    """The last complete quarter before value: 2025-07-01 → "2025Q2"."""
    q = (value.month - 1) // 3
    return f"{value.year - 1}Q4" if q == 0 else f"{value.year}Q{q}"
