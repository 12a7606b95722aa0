"""The demo's govwatch.yaml: county, portal, columns, the 42 units with aliases, accounts.

Written as commented text (not yaml.dump) because county staff learn the format from it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from demo.board import BOARDS
from demo.columns import COLUMNS, JSON_WAIT_FOR
from demo.units import DEMO_COUNTY, GOV_OFFICE, PLACES, PORTAL_NAME, UNITS, UNITS_BY_NAME

# The 12 政务新媒体 accounts of the bulletin's table (section 一(五)) as the portal's home page
# lists them: name, platform, owner. The registry govwatch checks (with the demo-only extras)
# is demo/platforms/county.py.
ACCOUNTS: tuple[tuple[str, str, str], ...] = (
    ("大姚警方", "微信公众号", "县公安局"),
    ("大姚警方", "微博号", "县公安局"),
    ("大姚警方", "抖音号", "县公安局"),
    ("健康大姚", "微信公众号", "县卫生健康局"),
    ("文旅大姚", "微信公众号", "县文化和旅游局"),
    ("大姚林业", "微信公众号", "县林草局"),
    ("大姚县医疗保障局", "微信公众号", "县医保局"),
    ("大姚人社", "微信公众号", "县人社局"),
    ("美丽六苴", "微信公众号", "六苴镇"),
    ("六苴镇综合审批服务平台", "微信小程序", "六苴镇"),
    ("大姚县人民政府", "微信公众号", "县政府办公室"),
    ("大美桂花", "", "桂花镇"),
)
# where the mini program's posts file is written, next to govwatch.yaml
POSTS_FILE = "demo-accounts/六苴镇综合审批服务平台.csv"

_PLAIN = re.compile(r"^[\w\u3000-\u9fff\uff00-\uffef./:#-]+$")


def _q(value: str) -> str:
    """A YAML scalar: plain when unambiguous, else double-quoted (JSON strings are YAML)."""
    special = value[:1] in "-?:,[]{}#&*!|>'\"%@`" or ": " in value or " #" in value
    if _PLAIN.match(value) and not special and value.lower() not in ("yes", "no", "on", "off"):
        return value
    return json.dumps(value, ensure_ascii=False)


def _list(values: list[str]) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


# First line of the demo's config: `govwatch demo` overwrites only a file that starts so.
DEMO_MARKER = "# govwatch.yaml for the embedded demo county"


def config_yaml(base_url: str, platforms_url: str | None = None) -> str:
    base = base_url if base_url.endswith("/") else base_url + "/"
    lines = [
        f"{DEMO_MARKER} (大姚县, 楚雄州, 云南).",
        "# Written by `govwatch demo`: the portal below is a local copy of a county portal served",
        "# on this machine, so the crawl needs no internet. Its content reproduces section 一(一)",
        "# of the county's 2025 Q2 inspection bulletin for the quarter before --as-of.",
        f"county: {DEMO_COUNTY}",
        "",
        "portal:",
        f"  name: {PORTAL_NAME}",
        f"  start_url: {_q(base)}",
        "  # Columns not listed under `columns:` are found in the home page navigation.",
        "  # 规划计划 is left out below on purpose, so discovery is part of every demo run.",
        "  discover_columns: true",
        "",
        "columns:",
    ]
    for column in COLUMNS:
        if not column.configured:
            continue
        lines += [
            f"  - name: {column.name}",
            f"    url: {_q(base + column.path.lstrip('/'))}",
            f"    category: {column.category}",
        ]
        if column.default_unit:
            lines.append("    # Articles that print no source at all are credited to this unit.")
            lines.append(f"    unit: {column.default_unit}")
        if column.family == "json":
            lines += [
                "    # The list is built in the browser from a JSON file: render it with",
                "    # Playwright and wait until the first list item exists.",
                "    render: browser",
                f"    wait_for: {_q(JSON_WAIT_FOR)}",
            ]
    lines += [
        "  # 网民留言 boards: the crawl reads their lists and every 留言 page; they are judged by",
        "  # their replies (3 months unanswered, 2 months without a reply), not by freshness.",
    ]
    for board in BOARDS:
        lines += [
            f"  - name: {board.name}",
            f"    url: {_q(base + board.path.lstrip('/'))}",
            "    category: interaction",
            f"    unit: {GOV_OFFICE}",
        ]
    lines += [
        "",
        "# Every unit that publishes on the portal. `aliases` are the other ways pages print the",
        "# unit as 来源 / 发布机构; names are matched after dropping the 大姚县 prefix and a",
        "# township's 人民政府 suffix, so list the forms that differ in more than that.",
        "units:",
    ]
    for kind, title in (("department", "departments"), ("township", "townships")):
        lines.append(f"  # -- {title}")
        for unit in UNITS:
            if unit.kind != kind:
                continue
            lines += [
                f"  - name: {unit.name}",
                f"    kind: {unit.kind}",
                f"    aliases: {_list(unit.aliases)}",
            ]
    lines += _accounts_yaml(platforms_url)
    extras = [a.name for a in _registry() if a.extra] if platforms_url else []
    lines += _report_yaml(extras)
    lines += [
        "",
        "crawl:",
        "  # These values are for the local demo server only. A real county portal keeps the",
        "  # polite defaults (2 requests in flight, 0.5 s between requests, AutoThrottle on):",
        "  # the office running govwatch must never be the reason a portal goes down.",
        "  obey_robots: true",
        "  concurrency_per_site: 8",
        "  download_delay: 0",
        "  autothrottle: false",
        "  retries: 1",
        "  retry_backoff: 0.1",
        "",
        "text_check:",
        "  # Place names of the county, so the text checker does not flag them as typos.",
        f"  places: {_list(list(PLACES))}",
        "",
    ]
    return "\n".join(lines)


def _report_yaml(extras: list[str]) -> list[str]:
    from demo.imports import HOTLINE_UNIT_HEADER

    lines = [
        "",
        "# Exports from other systems (govwatch import): where an office's header differs from",
        "# govwatch's name, map it here. The demo's 12345 export heads 承办单位 as 接收单位.",
        "imports:",
        f"  hotline: {{columns: {{承办单位: {HOTLINE_UNIT_HEADER}}}}}",
    ]
    if extras:
        lines += [
            "",
            "# The quarterly 通报 (govwatch report). The demo-only extra accounts are not in the",
            "# bulletin: left out of its (五), its 合格率 and its 二, and named in a note.",
            "report:",
            "  exclude_accounts:",
            *(f"    - {_q(name)}" for name in extras),
            "  exclude_reason: 为演示附加账号，不属于通报原文",
        ]
    return lines


def _registry() -> tuple[Any, ...]:
    from demo.platforms.county import ACCOUNTS

    return ACCOUNTS


def _accounts_yaml(platforms_url: str | None) -> list[str]:
    """The registry, with the local platform copies it is read from. Without them (a portal
    only config, as tests and benchmarks use) no account is listed: the demo never reaches
    for the real platforms."""
    from demo.platforms.county import ACCOUNTS as REGISTRY

    if not platforms_url:
        return []
    lines = [
        "",
        "# 政务新媒体 registry (报备台账): section (五) of the bulletin, then demo-only extras",
        "# (marked in their names). The platform is read from each URL.",
        "accounts:",
    ]
    for account in REGISTRY:
        assert account.owner in UNITS_BY_NAME
        lines += account.yaml(POSTS_FILE)
    base = platforms_url.rstrip("/")
    lines += [
        "",
        "# The platforms are local copies for the demo (real response structure, demo data);",
        "# a county leaves this section out, or points it at a self-hosted RSSHub or proxy.",
        "platforms:",
        f"  weibo: {{base_url: {_q(base + '/weibo')}}}",
        f"  douyin: {{base_url: {_q(base + '/douyin')}}}",
        f"  wechat: {{mp_base_url: {_q(base + '/mp')}, sogou_base_url: {_q(base + '/sogou')}}}",
        f"  bilibili: {{base_url: {_q(base + '/bilibili')}}}",
        f"  rsshub: {{base_url: {_q(base + '/rsshub')}}}",
        "",
        "newmedia:",
        "  overdue_after_days: 14  # 逾期: no post in the 14 days before the monitoring point",
        "  # demo only: a real county keeps the default 3–8 s between requests to a platform",
        "  delay_seconds: 0",
        "  backoff_seconds: 0",
        "  retries: 0",
        "  douyin_wait_seconds: 5",
        "  allow_private_hosts: true  # the demo platforms run on this machine",
    ]
    return lines
