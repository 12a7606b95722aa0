"""`govwatch accounts import FILE.xlsx|csv`: the office's own registry (报备台账) into
govwatch.yaml's `accounts:`.

Headers in Chinese: 账号名称, 平台, 开设主体, 链接/ID (链接, 账号链接, ID, 微信号 also read).
Every row is validated as the config would validate it; each bad row is reported by its row
number and left out, the good ones are merged (an account already registered under the same
name or platform id is updated). The file is rewritten only as a whole, after the new
config has been validated, and the previous one is kept as govwatch.yaml.bak.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from core.accounts import Platform, parse_platform
from core.config import AccountConfig, Config, load_config, parse_config
from govwatch.cli.common import UsageProblem
from spiders.accounts.importer import read_table

_HEADERS = {
    "name": ("账号名称", "名称", "账号"),
    "platform": ("平台", "平台类型", "类型"),
    "owner": ("开设主体", "主办单位", "单位"),
    "link": ("链接/ID", "链接/id", "链接", "账号链接", "网址", "ID", "id", "账号ID", "微信号"),
}
_ID_URLS = {
    Platform.weibo: "https://m.weibo.cn/u/{}",
    Platform.douyin: "https://www.douyin.com/user/{}",
    Platform.bilibili: "https://space.bilibili.com/{}",
}
_FIELDS = ("name", "owner", "url", "platform", "wechat_id", "fakeid", "gh_id", "feed", "posts_file")


def _cell(row: dict[str, Any], names: tuple[str, ...]) -> str:
    for name in names:
        value = row.get(name)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def row_account(row: dict[str, Any]) -> dict[str, Any]:
    """One registry row as an `accounts:` entry; ValueError says what is wrong."""
    name, owner = _cell(row, _HEADERS["name"]), _cell(row, _HEADERS["owner"])
    platform_text, link = _cell(row, _HEADERS["platform"]), _cell(row, _HEADERS["link"])
    if not name:
        raise ValueError("缺少账号名称")
    if not owner:
        raise ValueError("缺少开设主体")
    entry: dict[str, Any] = {"name": name, "owner": owner}
    platform = parse_platform(platform_text) if platform_text else None
    if link.startswith(("http://", "https://")):
        entry["url"] = link
    elif link and platform in _ID_URLS:
        entry["url"] = _ID_URLS[platform].format(link)
    elif link and platform == Platform.wechat:
        entry["wechat_id"] = link
    elif link:
        raise ValueError(f"链接/ID「{link}」无法识别（请填写完整链接，或同时填写平台）")
    if platform is not None:
        entry["platform"] = platform.value
    if not link and platform not in (Platform.miniprogram, Platform.imported, Platform.wechat):
        raise ValueError("缺少链接/ID")
    return entry


def _validate(entry: dict[str, Any], config: Config) -> str:
    account = AccountConfig.model_validate(entry)
    units = {n for u in config.units for n in (u.name, *u.aliases)}
    if account.owner not in units:
        raise ValueError(f"开设主体「{account.owner}」不是已配置的单位（units:）")
    from urllib.parse import urlsplit

    account.resolve((urlsplit(config.platforms.rsshub.base_url).hostname or "",))
    return account.key


def import_file(file: Path, config_path: Path) -> tuple[int, int, list[str]]:
    config = load_config(config_path)
    try:
        rows = read_table(file)
    except (OSError, ValueError) as exc:
        raise UsageProblem(f"{file}: cannot read it: {exc}") from None
    if not rows:
        raise UsageProblem(f"{file}: no rows under the header")
    current = [_entry(a) for a in config.accounts]
    keys = {a.key: a.name for a in config.accounts}
    added = updated = 0
    problems = []
    for number, row in enumerate(rows, 2):
        try:
            entry = row_account(row)
            key = _validate(entry, config)
            if keys.get(key, entry["name"]) != entry["name"]:
                raise ValueError(f"与已登记的「{keys[key]}」是同一账号（{key}）")
            keys[key] = entry["name"]
        except ValueError as exc:
            message = str(exc).splitlines()[-1] if "validation error" in str(exc) else str(exc)
            problems.append(f"第{number}行：{message}")
            continue
        same = next((i for i, e in enumerate(current) if e["name"] == entry["name"]), None)
        if same is None:
            current.append(entry)
            added += 1
        else:
            current[same] = entry
            updated += 1
    text = config_path.read_text(encoding="utf-8")
    new_text = replace_accounts(text, current)
    try:
        parse_config(new_text, str(config_path))
    except Exception as exc:  # a clash between rows (two names for one account …)
        raise UsageProblem(f"nothing written: the imported registry is not valid: {exc}") from None
    if added or updated:
        shutil.copyfile(config_path, config_path.with_name(config_path.name + ".bak"))
        config_path.write_text(new_text, encoding="utf-8")
    return added, updated, problems


def _entry(account: AccountConfig) -> dict[str, Any]:
    data = account.model_dump(exclude_none=True)
    if "platform" in data:
        data["platform"] = account.platform.value if account.platform else data["platform"]
    return {k: data[k] for k in _FIELDS if k in data}


def replace_accounts(text: str, accounts: list[dict[str, Any]]) -> str:
    """The config text with its top-level `accounts:` block replaced (comments elsewhere kept)."""
    lines = ["accounts:"] if accounts else ["accounts: []"]
    for entry in accounts:
        first = True
        for key in _FIELDS:
            if key in entry:
                prefix = "  - " if first else "    "
                lines.append(f"{prefix}{key}: {json.dumps(str(entry[key]), ensure_ascii=False)}")
                first = False
    block = "\n".join(lines) + "\n"
    match = re.search(r"^accounts:.*?(?=^\S|\Z)", text, flags=re.S | re.M)
    if match is None:
        return text.rstrip("\n") + "\n\n" + block
    return text[: match.start()] + block + text[match.end() :]
