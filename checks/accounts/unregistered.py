"""未经报备私自开设: accounts the platforms show that look governmental but are not in the
registry, and units holding two accounts on one platform (国办发〔2018〕123号: "一个单位原则上
在同一平台只开设一个政务新媒体账号").

A candidate looks governmental when its name carries the county's name or a unit's, and the
platform verifies it as a government account (Weibo verified_type 1, or a Sogou 认证 naming a
unit or a government body of the county). Findings are said only for platforms whose every
search came back ("search:<platform>" checked); a blocked search leaves them as they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from checks.base import CheckReport, FindingDraft
from core.accounts import PLATFORM_LABELS, Platform, bare_name
from core.config import Config
from core.vocab import Level

KINDS = ("account_unregistered", "account_duplicate")
_GOV_SUFFIX = re.compile(r"(人民政府|政府办公室|委员会|局|办公室|办|中心|院|所|站|队|镇|乡|街道)$")


@dataclass
class Unregistered:
    platform: str
    name: str
    ident: str
    url: str | None
    unit: str | None  # the unit its name or 认证 points at
    evidence: dict[str, Any] = field(default_factory=dict)


def _unit_of(config: Config, *texts: str) -> str | None:
    matcher = config.unit_matcher()
    for text in texts:
        if not text:
            continue
        found = matcher.match(text)
        if found:
            return found
        for unit in config.units:
            for form in (unit.name, *unit.aliases):
                core = form.removeprefix("县").removeprefix(config.county)
                if len(core) >= 2 and core in text:
                    return unit.name
    return None


def looks_governmental(config: Config, candidate: dict[str, Any]) -> tuple[bool, str | None]:
    name, verified = candidate["name"], candidate.get("verified") or ""
    unit = _unit_of(config, verified, name)
    named = config.county_short in name or unit is not None
    verified_gov = bool(candidate.get("government")) or bool(
        verified and (config.county_short in verified or unit) and _GOV_SUFFIX.search(verified)
    )
    return named and verified_gov, unit


def _registered(config: Config) -> tuple[set[str], set[str]]:
    ids, names = set(), set()
    for account in config.accounts:
        ids.add(f"{account.ref.platform.value}:{account.ref.ident}".lower())
        for value in account.ref.ids.values():
            ids.add(f"{account.ref.platform.value}:{value}".lower())
        names.add(f"{account.ref.platform.value}:{bare_name(account.name)}")
    return ids, names


def build_report(config: Config, searches: list[dict[str, Any]]) -> tuple[CheckReport, list]:
    report = CheckReport()
    by_platform: dict[str, list[dict[str, Any]]] = {}
    for search in searches:
        by_platform.setdefault(search["platform"], []).append(search)
    ids, names = _registered(config)
    found: dict[tuple[str, str], Unregistered] = {}
    for platform, items in by_platform.items():
        place = f"search:{platform}"
        failed = [s for s in items if not s["ok"]]
        if failed:
            report.unchecked[place] = f"{len(failed)}次搜索失败（{failed[0]['reason']}）"
        else:
            report.checked.add(place)
        for search in items:
            for candidate in search.get("candidates", []):
                ident = str(candidate["ident"])
                if f"{platform}:{ident}".lower() in ids:
                    continue
                if f"{platform}:{bare_name(candidate['name'])}" in names:
                    continue
                governmental, unit = looks_governmental(config, candidate)
                if not governmental:
                    continue
                key = (platform, ident)
                if key not in found:
                    found[key] = Unregistered(
                        platform,
                        candidate["name"],
                        ident,
                        candidate.get("url"),
                        unit,
                        {
                            **candidate.get("evidence", {}),
                            "verified": candidate.get("verified"),
                            "queries": [],
                        },
                    )
                found[key].evidence["queries"].append(search["query"])
    for item in found.values():
        label = PLATFORM_LABELS.get(_platform(item.platform), item.platform)
        report.findings.append(
            FindingDraft(
                kind="account_unregistered",
                level=Level.warning,
                place=f"search:{item.platform}",
                key=f"{item.platform}:{item.ident}",
                title=f"疑似未经报备私自开设的{label}「{item.name}」（{item.ident}）",
                unit=item.unit,
                url=item.url,
                evidence=item.evidence,
            )
        )
    _duplicates(config, list(found.values()), report)
    return report, list(found.values())


def _duplicates(config: Config, extra: list[Unregistered], report: CheckReport) -> None:
    """A unit with two accounts on one platform, registered or found."""
    held: dict[tuple[str, str], list[str]] = {}
    for account in config.accounts:
        held.setdefault((account.owner, account.ref.platform.value), []).append(account.name)
    for item in extra:
        if item.unit:
            held.setdefault((item.unit, item.platform), []).append(f"{item.name}（未报备）")
    report.checked.add("registry")
    for (unit, platform), names in held.items():
        if len(names) < 2 or platform in (Platform.feed.value, Platform.imported.value):
            continue
        label = PLATFORM_LABELS.get(_platform(platform), platform)
        report.findings.append(
            FindingDraft(
                kind="account_duplicate",
                level=Level.info,
                place="registry",
                key=f"{unit}|{platform}",
                title=f"{unit}在{label}开设{len(names)}个账号：{'、'.join(names)}",
                unit=unit,
                evidence={"accounts": names, "platform": platform},
            )
        )


def _platform(value: str) -> Platform:
    try:
        return Platform(value)
    except ValueError:
        return Platform.feed
