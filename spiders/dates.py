"""Publication dates as county portals print them, read into Beijing-time datetimes.

Seen on portals: `2025-04-01 10:30`, `2025-04-01 10:30:00`, `2025年04月01日`,
`2025年4月1日 10时30分`,
`2025/4/1`, `2025.04.01`, `[2025-04-01]`, and full-width digits. A date that cannot be read
is returned as None, never guessed: under the national rules an undated item is not an update.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from dateutil import parser as date_parser

from core.periods import BEIJING

# year-month-day with the separators portals use (2025-04-01, 2025/4/1, 2025.04.01, 2025年4月1日)
# and an optional time (10:30, 10:30:00, 10时30分)
DATE_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>1[0-2]|0?[1-9])\s*[-/.月]\s*"
    r"(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)\s*日?"
    r"(?:\s*(?P<H>[01]?\d|2[0-3])\s*[:：时]\s*(?P<M>[0-5]\d)\s*分?"
    r"(?:\s*[:：]\s*(?P<S>[0-5]\d)\s*秒?)?)?"
)
_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def normalize(text: str) -> str:
    """Full-width digits and colons to ASCII (NFKC), keeping CJK as is."""
    return unicodedata.normalize("NFKC", text)


def parse_date(text: str | None) -> datetime | None:
    """The first date in text as an aware Beijing datetime, or None."""
    if not text:
        return None
    text = normalize(text).strip()
    if _ISO_RE.match(text):
        # meta tags sometimes carry ISO 8601, possibly with a zone ("2025-04-01T02:30:00Z")
        try:
            value = date_parser.isoparse(text)
        except (ValueError, OverflowError):
            return None
        return value.replace(tzinfo=BEIJING) if value.tzinfo is None else value.astimezone(BEIJING)
    match = DATE_RE.search(text)
    return _from_match(match) if match else None


def _from_match(match: re.Match[str]) -> datetime | None:
    try:
        return datetime(
            int(match["y"]),
            int(match["m"]),
            int(match["d"]),
            int(match["H"] or 0),
            int(match["M"] or 0),
            int(match["S"] or 0),
            tzinfo=BEIJING,
        )
    except ValueError:  # 2025-02-30 and the like
        return None
