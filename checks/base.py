"""The one interface every check implements, and what a check reports.

A check reads what is stored (never the network) and returns a CheckReport:
- `checked`: the places it could check completely this run ("column:12", "article:345",
  "site", …). Only there may findings be created, refreshed or closed.
- `findings`: one FindingDraft per problem seen, each naming its place.
- `unchecked`: the places it could not check, each with the reason (采集失败 …): reported as
  such, never as "no problem" and never as "corrected".

The engine (checks/engine.py) turns reports into tracked findings. Checks are listed in
checks/registry.py; adding one is one module there plus its tests.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from core.vocab import Level

if TYPE_CHECKING:
    from checks.context import CheckContext


@dataclass(frozen=True)
class FindingDraft:
    kind: str
    level: Level
    place: str  # what was checked completely for this to be said
    key: str  # what tells this problem apart from others of its kind at the place
    title: str  # a short Chinese sentence staff understand
    unit: str | None = None  # the responsible unit (a configured unit name)
    column: str | None = None
    url: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        """Stable across runs: the same kind, place and key is the same problem."""
        text = f"{self.kind}\x1f{self.place}\x1f{self.key}"
        return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


@dataclass
class CheckReport:
    checked: set[str] = field(default_factory=set)
    findings: list[FindingDraft] = field(default_factory=list)
    unchecked: dict[str, str] = field(default_factory=dict)  # place → why not


class Check(ABC):
    """A small plugin: `name` is its key in the registry and config, `kinds` what it reports."""

    name: ClassVar[str]
    kinds: ClassVar[tuple[str, ...]]

    @abstractmethod
    def run(self, ctx: CheckContext) -> CheckReport: ...
