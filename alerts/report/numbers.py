"""Numbers written as the county's 通报 writes them: 1268条 (no separators), 100%, 88.8%,
89.67% (at most two decimals, trailing zeros dropped), 差评率为0; 一是、二是 …"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_ORDINALS = "一二三四五六七八九十"


def percent(numerator: int, denominator: int, *, bare_zero: bool = False) -> str:
    """numerator/denominator as a percentage, rounded half up to two decimals."""
    if denominator <= 0:
        raise ValueError("no denominator")
    value = (Decimal(100 * numerator) / Decimal(denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    if value == 0 and bare_zero:
        return "0"
    text = format(value, "f").rstrip("0").rstrip(".")
    return f"{text}%"


def ordinal(n: int) -> str:
    """1 → 一, 2 → 二 … (一是、（一）)."""
    return _ORDINALS[n - 1] if 1 <= n <= len(_ORDINALS) else str(n)


def joined(names: list[str], limit: int = 0) -> str:
    """县教育体育局、县人社局 (with 等 after `limit` names)."""
    if limit and len(names) > limit:
        return "、".join(names[:limit]) + "等"
    return "、".join(names)
