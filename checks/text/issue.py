"""The one result type every rule returns."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Kind = Literal["typo", "extra_char", "missing_char", "wording", "punctuation"]

KINDS: tuple[str, ...] = ("typo", "extra_char", "missing_char", "wording", "punctuation")

# User-visible names of the kinds (the alerts staff read are in Chinese).
KIND_LABELS: dict[str, str] = {
    "typo": "错字",
    "extra_char": "多字",
    "missing_char": "漏字",
    "wording": "严重表述错误",
    "punctuation": "标点",
}


@dataclass(frozen=True, slots=True)
class TextIssue:
    """One flagged spot: ``text[start:end] == found``; ``suggestion`` replaces it ("" = delete
    for extra_char, or no suggestion when the rule cannot tell)."""

    start: int
    end: int
    found: str
    suggestion: str
    kind: Kind
    rule: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]
