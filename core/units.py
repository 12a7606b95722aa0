"""Match an article's 来源 / 发布机构 to a configured unit.

Portals print the same unit many ways: 大姚县教育体育局, 县教育体育局, 县教体局, 大姚县教育体育局
办公室, 金碧镇人民政府, 金碧镇, "来源：县教育体育局  作者：…". Matching normalises the county
prefix (大姚县 / 大姚 → 县), township suffixes (人民政府) and decorations, then looks the result
up among every unit's name and aliases, normalised the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_DECORATION_RE = re.compile(r"[（(【\[].*?[）)】\]]|供稿|投稿|提供|整理|发布|转载|消息")
_SEPARATORS_RE = re.compile(r"[、，,;；/|｜]|\s{1,}")
_TOWNSHIP_SUFFIX_RE = re.compile(r"(镇|乡|街道)(人民政府|政府|党委|办事处)$")
_SUFFIXES = ("办公室", "党组", "党委")


@dataclass(frozen=True)
class UnitRef:
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "department"


def county_short(county: str) -> str:
    """大姚县 → 大姚 (the form many sources and account names use)."""
    return county[:-1] if len(county) > 2 and county[-1] in "县市区旗" else county


class UnitMatcher:
    def __init__(self, county: str, units: Iterable[UnitRef]) -> None:
        self.county = county
        self._prefixes = sorted({county, county_short(county)}, key=len, reverse=True)
        self._county_level = county[-1] if county[-1] in "县市区旗" else "县"
        self._index: dict[str, str] = {}
        for unit in units:
            for name in (unit.name, *unit.aliases):
                for key in self._keys(name):
                    self._index.setdefault(key, unit.name)

    def match(self, source: str | None) -> str | None:
        """The configured unit name a source string refers to, or None."""
        if not source:
            return None
        text = _DECORATION_RE.sub("", source).strip()
        candidates = [text, *(p for p in _SEPARATORS_RE.split(text) if p)]
        for candidate in candidates:
            for key in self._keys(candidate):
                if key in self._index:
                    return self._index[key]
        return None

    def _keys(self, name: str) -> list[str]:
        """Normalised forms of a unit name, most specific first."""
        name = re.sub(r"\s+", "", name)
        keys = [name]
        base = name.removeprefix("中共")
        for prefix in self._prefixes:
            if base.startswith(prefix):
                # 大姚县教育体育局 → 县教育体育局; 大姚金碧镇 → 金碧镇; 中共大姚县委 → 县委
                rest = base[len(prefix) :]
                base = (
                    rest
                    if rest.startswith(self._county_level) or _is_township(rest)
                    else (self._county_level + rest)
                )
                break
        keys.append(base)
        stripped = _TOWNSHIP_SUFFIX_RE.sub(r"\1", base)
        keys.append(stripped)
        for suffix in _SUFFIXES:
            if stripped.endswith(suffix) and len(stripped) > len(suffix) + 2:
                keys.append(stripped[: -len(suffix)])
        return list(dict.fromkeys(k for k in keys if k))


def _is_township(name: str) -> bool:
    return bool(re.match(r"^[\u4e00-\u9fff]{1,6}(镇|乡|街道)", name))
