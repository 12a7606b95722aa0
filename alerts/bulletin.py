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
