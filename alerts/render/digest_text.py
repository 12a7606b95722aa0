"""The digest as plain Chinese text for staff (a terminal, an e-mail body, a chat message).

Plain text, never terminal markup: crawled titles may hold brackets and must print as they are.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from core.periods import beijing


def day(value: datetime | str | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return f"{beijing(value):%Y-%m-%d}"


def moment(value: datetime | str | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return f"{beijing(value):%Y-%m-%d %H:%M}"


def finding_line(f: dict[str, Any]) -> str:
    tags = f"[{f['level_label']}]"
    if f["status"] == "overdue":
        tags += "[整改逾期]"
    where = "｜".join(p for p in (f["unit"], f["column"]) if p)
    return f"{tags} {where + '：' if where else ''}{f['title']}"


def render_digest_text(digest: dict[str, Any]) -> str:
    lines: list[str] = []
    add = lines.append
    counts = digest["counts"]
    add(f"{digest['site']} 网站检查日报（检查日期 {day(digest['as_of'])}，北京时间）")
    run = digest["run"]
    if run is None:
        add("尚无采集记录：请先运行 govwatch run。")
    else:
        add(f"最近一次采集：#{run['id']}，{moment(run['started_at'])}，{run['status_label']}")
    add(
        f"待整改 {counts['open']} 条（单项否决 {counts['veto']} 条，"
        f"整改逾期 {counts['overdue']} 条），"
        f"新发现 {counts['new']} 条，本次已整改 {counts['corrected']} 条；"
        f"人工确认 {counts['confirmed']} 条，已排除（误报）{counts['dismissed']} 条"
    )
    findings = {f["id"]: f for f in digest["findings"]}

    new = [f for f in digest["findings"] if f["new"]]
    add("")
    add(f"一、新发现的问题（{len(new)}条）")
    if not new:
        add("  无")
    for number, f in enumerate(new, start=1):
        add(f"  {number}. {finding_line(f)}")
        if f["url"]:
            add(f"     {f['url']}")

    add("")
    add("二、待整改问题（按责任单位，单项否决在前）")
    for unit in digest["units"]:
        add(f"  {unit['unit']}：{unit['text']}")
        for fid in unit["finding_ids"]:
            f = findings[fid]
            since = f"首次发现 {day(f['first_seen'])}"
            if f["deadline"]:
                since += f"，整改期限 {day(f['deadline'])}"
            add(f"    - {finding_line(f)}（{since}）")

    corrected = [f for f in digest["findings"] if f["status"] == "corrected"]
    add("")
    add(f"三、本次已整改（{len(corrected)}条）")
    if not corrected:
        add("  无")
    for f in corrected:
        add(f"  - {finding_line(f)}（整改于 {day(f['corrected_at'])}）")

    verdict = digest["site_verdict"]
    add("")
    add("四、19号单项否决指标（全站）" + ("：已触发单项否决" if verdict["vetoed"] else "：未触发"))
    for line in verdict["lines"]:
        add(f"  - {line['text']}")
    add("  - 首页更新：" + ("两周未更新（单项否决）" if verdict["homepage_stale"] else "正常"))
    unanswered = verdict["board_unanswered"]
    add(
        "  - 互动回应："
        + (f"超过3个月未回复的留言{unanswered}条（单项否决）" if unanswered else "无超期未回复留言")
    )

    failures = digest["fetch_failures"]
    add("")
    add("五、未能检查（采集失败，不计为问题，也不计为已整改）")
    if not failures:
        add("  无")
    for group in failures:
        add(f"  {group['reason']}（{group['count']}处）：")
        for page in group["pages"][:20]:
            column = f"［{page['column']}］" if page["column"] else ""
            add(f"    {column}{page['url']}")
        if group["count"] > 20:
            add(f"    ……另有 {group['count'] - 20} 处")
    return "\n".join(lines) + "\n"
