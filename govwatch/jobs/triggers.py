"""Triggers of our own for the scheduler. Jobs are kept in the database as pickles that name
these classes: their module path and fields must stay stable."""

from __future__ import annotations

from datetime import datetime, time

from apscheduler.triggers.base import BaseTrigger

from core.cron import first_workday_after_quarter, zone


class QuarterlyTrigger(BaseTrigger):  # type: ignore[misc]
    """Fires at `at` (local time) on the first working day after each quarter ends.

    Kept in the job store as a pickle: its module path and fields must stay stable."""

    def __init__(self, at: time, timezone: str = "Asia/Shanghai") -> None:
        self.at = at
        self.timezone = zone(timezone)

    def get_next_fire_time(
        self, previous_fire_time: datetime | None, now: datetime
    ) -> datetime | None:
        local = now.astimezone(self.timezone)
        year, quarter = local.year, (local.month - 1) // 3  # the quarter that ended last
        if quarter == 0:
            year, quarter = year - 1, 4
        for _ in range(6):  # at most two quarters ahead is ever needed
            day = first_workday_after_quarter(year, quarter)
            fire = datetime.combine(day, self.at, tzinfo=self.timezone)
            if fire >= local and (previous_fire_time is None or fire > previous_fire_time):
                return fire
            year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        return None

    def __str__(self) -> str:
        return f"quarterly[first working day after a quarter, {self.at:%H:%M}]"

    def __repr__(self) -> str:
        return f"<QuarterlyTrigger (at='{self.at:%H:%M}', timezone='{self.timezone}')>"
