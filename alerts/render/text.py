"""The quarter's figures in a terminal: the bulletin's sentence, the unit × month table, the
text issues, unmatched sources and what could not be fetched."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from alerts.bulletin import messages_paragraph, publishing_paragraph
from checks.publishing import QuarterFigures
from checks.text import KIND_LABELS
from core.periods import Month, Quarter
from core.vocab import RunStatus


def render_figures(figures: QuarterFigures, console: Console) -> None:
    console.print(
        f"[bold]{figures.site} {Quarter.parse(figures.quarter).label}信息发布情况[/bold]"
        f"（统计截至 {figures.as_of:%Y-%m-%d %H:%M}，北京时间）"
    )
    console.print()
    console.print(publishing_paragraph(figures))
    console.print()
    if figures.boards:
        console.print(escape(messages_paragraph(figures)))
        if not figures.messages_complete:
            console.print("[yellow]（网民留言栏目未完整采集，留言数可能不全，待核实。）[/yellow]")
        console.print()

    table = Table(title="各单位每月发布信息数（全部/新闻类）", show_lines=False)
    table.add_column("序号", justify="right")
    table.add_column("单位")
    for month in figures.months:
        table.add_column(Month.parse(month).label, justify="right")
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
            console.print(f"  {Month.parse(month).label}：{'、'.join(names) or '无'}")
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
        f"状态：{RunStatus(run.status).label}；请求 {run.requests} 次，"
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
            console.print(escape(f"  {column}{row['url']}  {row['label']}{detail}"))
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
        if ex.get("evidence"):
            times = f"，本文共 {ex['count']} 处" if ex.get("count", 1) > 1 else ""
            console.print(escape(f"      依据（{ex['rule_label']}）：{ex['evidence']}{times}"))
