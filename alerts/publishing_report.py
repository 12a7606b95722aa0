"""Section 一(一) for people: the bulletin's sentence, the unit × month table, what went wrong.

Staff paste the first paragraph into the 通报 as it is, so it follows the bulletin's wording.
"""

from __future__ import annotations

import json

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from checks.publishing import QuarterFigures
from checks.text import KIND_LABELS

_QUARTER_WORDS = {"1": "一", "2": "二", "3": "三", "4": "四"}
_STATUS_WORDS = {
    "finished": "完成",
    "incomplete": "部分页面采集失败",
    "failed": "采集失败",
    "running": "进行中",
}


def quarter_label(quarter: str) -> str:
    """2025Q2 → 2025年二季度."""
    year, q = quarter.upper().split("Q")
    return f"{year}年{_QUARTER_WORDS[q]}季度"


def month_label(month: str) -> str:
    """2025-04 → 4月."""
    return f"{int(month[5:])}月"


def bulletin_paragraph(figures: QuarterFigures) -> str:
    text = (
        f"{quarter_label(figures.quarter)}，{figures.site}网站发布信息{figures.items}条，"
        f"信息发布单位共计{figures.publishing_units}家。"
    )
    parts = [
        f"{month_label(m)}，{'、'.join(names) if names else '无'}"
        for m, names in figures.zero_news_units.items()
    ]
    if parts:
        text += "新闻类信息发布为0的单位：" + "；".join(parts) + "。"
    if figures.zero_news_unverified:
        months = "、".join(month_label(m) for m in figures.zero_news_unverified)
        text += f"（{months}新闻类栏目采集失败，新闻类信息发布为0的单位待核实。）"
    return text


def render_text(figures: QuarterFigures, console: Console) -> None:
    console.print(
        f"[bold]{figures.site} {quarter_label(figures.quarter)}信息发布情况[/bold]"
        f"（统计截至 {figures.as_of:%Y-%m-%d %H:%M}，北京时间）"
    )
    console.print()
    console.print(bulletin_paragraph(figures))
    console.print()

    table = Table(title="各单位每月发布信息数（全部/新闻类）", show_lines=False)
    table.add_column("序号", justify="right")
    table.add_column("单位")
    for month in figures.months:
        table.add_column(month_label(month), justify="right")
    table.add_column("合计", justify="right")
    for index, (unit, months) in enumerate(figures.units.items(), start=1):
        cells = []
        for month in figures.months:
            cell = months[month]
            text = f"{cell['all']}/{cell['news']}"
            style = "red" if cell["news"] == 0 and month in figures.zero_news_units else ""
            cells.append(f"[{style}]{text}[/{style}]" if style else text)
        total = sum(c["all"] for c in months.values())
        total_news = sum(c["news"] for c in months.values())
        table.add_row(str(index), escape(unit), *cells, f"{total}/{total_news}")
    console.print(table)

    if figures.zero_news_unverified:
        console.print("[yellow]新闻类信息发布为0（采集失败，待核实）：[/yellow]")
        for month, names in figures.zero_news_unverified.items():
            console.print(f"  {month_label(month)}：{'、'.join(names) or '无'}")
    if figures.unattributed_items:
        console.print(f"本季度另有 {figures.unattributed_items} 条信息未能对应到单位。")
    console.print(f"无发布日期的信息：{figures.undated_items} 条（按未更新处理）")

    if figures.text_issues is not None:
        console.print()
        render_text_issues(figures, console)

    console.print()
    if figures.unmatched_sources:
        console.print(
            "[bold]未匹配的信息来源[/bold]（可在 govwatch.yaml 的单位 aliases 中补充别名）："
        )
        for row in figures.unmatched_sources:
            console.print(f"  {escape(row['source'])}：{row['items']} 条")
    else:
        console.print("未匹配的信息来源：无")

    console.print()
    run = figures.run
    if run is None:
        console.print("[yellow]尚无采集记录：请先运行 govwatch run。[/yellow]")
        return
    console.print(
        f"最近一次采集：#{run.id}，{run.started_at:%Y-%m-%d %H:%M}，"
        f"状态：{_STATUS_WORDS.get(run.status, run.status)}；请求 {run.requests} 次，"
        f"新增 {run.articles_new} 篇，更新 {run.articles_changed} 篇，"
        f"未变化 {run.articles_unchanged} 篇"
    )
    if run.incomplete_columns:
        console.print(f"[yellow]未完整采集的栏目：{'、'.join(run.incomplete_columns)}[/yellow]")
    if figures.fetch_failures:
        console.print(f"[bold red]采集失败 {len(figures.fetch_failures)} 处：[/bold red]")
        for row in figures.fetch_failures[:50]:
            column = f"［{row['column']}］" if row["column"] else ""
            detail = f"（{row['detail']}）" if row["detail"] else ""
            console.print(escape(f"  {column}{row['url']}  {row['reason_label']}{detail}"))
        if len(figures.fetch_failures) > 50:
            console.print(f"  ……另有 {len(figures.fetch_failures) - 50} 处，见 --json 输出")
    else:
        console.print("采集失败：无")


def render_text_issues(figures: QuarterFigures, console: Console) -> None:
    summary = figures.text_issues
    assert summary is not None
    if not summary.units:
        console.print("文字问题（错字/多字/漏字/严重表述错误/标点）：未发现")
        return
    console.print("[bold]文字问题[/bold]（本季度发布的信息，按单位）：")
    for unit, kinds in sorted(summary.units.items(), key=lambda kv: -sum(kv[1].values())):
        counts = "，".join(f"{KIND_LABELS[k]} {n}" for k, n in kinds.items() if n)
        console.print(f"  {escape(unit or '未对应单位')}：{counts}")
    console.print("  示例（请人工核实后整改）：")
    for ex in summary.examples[:10]:
        if ex["suggestion"]:
            fix = f"→「{ex['suggestion']}」"
        else:
            fix = "（建议删除）" if ex["kind"] == "extra_char" else ""
        console.print(
            escape(
                f"    ［{ex['unit'] or '未对应单位'}］《{ex['title']}》{ex['kind_label']}"
                f"「{ex['found']}」{fix}：{ex['sentence'].strip()}"
            )
        )


def render_json(figures: QuarterFigures) -> str:
    return json.dumps(figures.to_json(), ensure_ascii=False, indent=2)
