"""Section 一(三) of the bulletin: 网民留言 per month — count, by type with percentages, by unit.

Percentages are whole numbers summing to exactly 100 (largest remainder; ties go to the type
listed first in core.board.MESSAGE_TYPES). The bulletin's own June figures (4 of 6 and 2 of 6
printed as 66 % and 34 %) are what rounding by hand gives; computed, they are 67 % and 33 %.
Units are listed in the order their first 留言 of the month arrived, as the bulletin does.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy.orm import Session

from checks.board.messages import messages, unit_label
from core.board import MESSAGE_TYPES
from core.config import Config
from core.periods import Month


def largest_remainder(counts: dict[str, int], order: list[str]) -> dict[str, int]:
    """Whole percentages of counts summing to 100; ties broken by `order`."""
    total = sum(counts.values())
    if total == 0:
        return {key: 0 for key in counts}
    floors = {key: 100 * n // total for key, n in counts.items()}
    left = 100 - sum(floors.values())
    rank = sorted(counts, key=lambda k: (-(100 * counts[k] % total), order.index(k)))
    for key in rank[:left]:
        floors[key] += 1
    return floors


def month_stats(
    session: Session, config: Config, site_id: int | None, months: list[Month]
) -> dict[str, dict[str, Any]]:
    """month key → {"count", "by_type", "by_type_percent", "by_unit"} (every month given)."""
    matcher = config.unit_matcher()
    keys = {m.key for m in months}
    grouped: dict[str, list[Any]] = {m.key: [] for m in months}
    for message in messages(session, site_id):
        if message.asked_at is None:
            continue
        key = Month.of(message.asked_at).key
        if key in keys:
            grouped[key].append(message)
    out: dict[str, dict[str, Any]] = {}
    for key, rows in grouped.items():
        types = Counter(m.msg_type or "其他" for m in rows)
        order = [t for t in MESSAGE_TYPES if t in types]
        order += sorted((t for t in types if t not in MESSAGE_TYPES), key=list(types).index)
        by_type = {t: types[t] for t in order}
        by_unit: dict[str, int] = {}
        for message in rows:  # oldest first: the order units first appear in the month
            label = unit_label(matcher, message.unit_raw)
            by_unit[label] = by_unit.get(label, 0) + 1
        out[key] = {
            "count": len(rows),
            "by_type": by_type,
            "by_type_percent": largest_remainder(by_type, order),
            "by_unit": by_unit,
            "inferred_types": sum(1 for m in rows if m.type_inferred),
        }
    return out
