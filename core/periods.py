"""Beijing time and the periods reports are made of: every date govwatch reads, stores or
prints is in Asia/Shanghai, and a month or quarter is bounded in Beijing time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")

_QUARTER_RE = re.compile(r"^\s*(\d{4})\s*[Qq]\s*([1-4])\s*$")
_MONTH_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_CHINESE_NUMBERS = "一二三四"


def now() -> datetime:
    """The current Beijing time (tests freeze it with time-machine)."""
    return datetime.now(BEIJING)


def beijing(value: datetime) -> datetime:
    """An aware datetime in Beijing time; a naive one is taken to be Beijing time already."""
    return value.replace(tzinfo=BEIJING) if value.tzinfo is None else value.astimezone(BEIJING)


def day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=BEIJING)


@dataclass(frozen=True, order=True)
class Month:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """ "2025-04" → Month(2025, 4)."""
        match = _MONTH_RE.match(text)
        if not match or not 1 <= int(match[2]) <= 12:
            raise ValueError(f"{text!r} is not a month like 2025-04")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def of(cls, value: datetime | date) -> Month:
        """The Beijing-time month a moment falls in."""
        if isinstance(value, datetime):
            value = beijing(value)
        return cls(value.year, value.month)

    @property
    def key(self) -> str:
        """ "2025-04": the month's key in JSON and in tables."""
        return f"{self.year:04d}-{self.number:02d}"

    @property
    def label(self) -> str:
        """ "4月", as the bulletin writes it."""
        return f"{self.number}月"

    @property
    def start(self) -> datetime:
        return datetime(self.year, self.number, 1, tzinfo=BEIJING)

    @property
    def end(self) -> datetime:
        """The first moment after the month."""
        return self.next().start

    def next(self) -> Month:
        return Month(self.year + self.number // 12, self.number % 12 + 1)

    def __str__(self) -> str:
        return self.key


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """ "2025Q2" (any case, spaces allowed) → Quarter(2025, 2)."""
        match = _QUARTER_RE.match(text or "")
        if not match or not 1900 <= int(match[1]) <= 2999:
            raise ValueError(f"{text!r} is not a quarter like 2025Q2")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def of(cls, value: datetime | date) -> Quarter:
        month = Month.of(value)
        return cls(month.year, (month.number - 1) // 3 + 1)

    @classmethod
    def last_complete(cls, value: datetime | date) -> Quarter:
        """The last quarter that ended before value: 2025-07-01 → 2025Q2."""
        current = cls.of(value)
        return (
            cls(current.year - 1, 4)
            if current.number == 1
            else cls(current.year, current.number - 1)
        )

    @property
    def key(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def label(self) -> str:
        """ "2025年二季度", as the bulletin writes it."""
        return f"{self.year}年{_CHINESE_NUMBERS[self.number - 1]}季度"

    @property
    def months(self) -> list[Month]:
        return [Month(self.year, 3 * self.number - 2 + i) for i in range(3)]

    @property
    def start(self) -> datetime:
        return self.months[0].start

    @property
    def end(self) -> datetime:
        """The first moment after the quarter."""
        return self.months[-1].end

    def __str__(self) -> str:
        return self.key
