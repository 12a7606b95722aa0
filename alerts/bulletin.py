"""The bulletin's (通报) sentences, computed from the figures. Staff paste them into the 通报 as
they are, so they follow the reference bulletin's wording."""

from __future__ import annotations

from checks.publishing import QuarterFigures
from core.periods import Month, Quarter


def publishing_paragraph(figures: QuarterFigures) -> str:
    """一(一): items, publishing units, units without news per month."""
    text = (
        f"{Quarter.parse(figures.quarter).label}，{figures.site}网站发布信息{figures.items}条，"
        f"信息发布单位共计{figures.publishing_units}家。"
    )
    parts = [
        f"{Month.parse(m).label}，{'、'.join(names) if names else '无'}"
        for m, names in figures.zero_news_units.items()
    ]
    if parts:
        text += "新闻类信息发布为0的单位：" + "；".join(parts) + "。"
    if figures.zero_news_unverified:
        months = "、".join(Month.parse(m).label for m in figures.zero_news_unverified)
        text += f"（{months}新闻类栏目采集失败，新闻类信息发布为0的单位待核实。）"
    return text


def messages_paragraph(figures: QuarterFigures) -> str:
    """一(三) 网民留言办理情况, as the bulletin prints it (percentages computed, see
    checks/board/stats.py)."""
    months = figures.messages
    total = sum(m["count"] for m in months.values())
    site = f"{figures.county}政府网站"
    text = f"{Quarter.parse(figures.quarter).label}，{site}共收到网民留言{total}条。"
    parts = []
    for key, month in months.items():
        label = f"{Month.parse(key).label}份"
        if not month["count"]:
            parts.append(f"{label}未收到网民留言。")
            continue
        types = "；".join(
            f"{kind}类{n}条，占总数的{month['by_type_percent'][kind]}%"
            for kind, n in month["by_type"].items()
        )
        units = "，".join(f"{unit}{n}条" for unit, n in month["by_unit"].items())
        parts.append(
            f"{label}收到网民留言{month['count']}条，按问题类型分类：{types}。"
            f"按分布情况分类：{units}。"
        )
    if parts:
        text += "其中，" + "".join(parts)
    return text
