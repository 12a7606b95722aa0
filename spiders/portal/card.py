"""The 政府信息公开 info card: 索引号 / 发布机构 / 成文日期 / 发布日期 / 文号 … of one document.

Layouts seen (docs/research/cms-structures.md §3): label and value in sibling cells
(`<td>发布机构：</td><td>县医保局</td>`, th/td, dt/dd), or `label：value` in one cell, with
spaced labels (`索 引 号`), `\u3000` padding and either colon. 发布日期 is the publication
date; 成文日期 (the day the document was signed) never is.
"""

from __future__ import annotations

import re

from spiders.page import Page, clean, element_text, squeeze

INFO_CARD_LABELS = {
    "索引号": "index_no",
    "发布机构": "publisher",
    "发文机关": "publisher",
    "发文机构": "publisher",
    "发布单位": "publisher",
    "公开主体": "publisher",
    "成文日期": "written",
    "发布日期": "published",
    "公开日期": "published",
    "文号": "doc_no",
    "发文字号": "doc_no",
    "主题分类": "topic",
    "有效性": "validity",
}
# labels only a card has (发布日期 alone also appears in ordinary info lines)
_CARD_HINT_RE = re.compile("索引号|发布机构|发文机关|发文机构|成文日期|文号|公开主体|主题分类")
_CARD_LABEL_RE = re.compile("|".join(sorted(INFO_CARD_LABELS, key=len, reverse=True)))
DATE_LABELS = r"发布时间|发布日期|发稿时间|发表时间|更新时间|时间|日期"
SOURCE_LABELS = r"信息来源|文章来源|稿件来源|来源单位|发布机构|发布单位|来源"
_NEXT_LABEL_RE = re.compile(
    rf"\s*(?:{_CARD_LABEL_RE.pattern}|{DATE_LABELS}|{SOURCE_LABELS})\s*[:：]"
)


def read_info_card(page: Page) -> dict[str, str]:
    """The 政府信息公开 card: label cells followed by value cells, or `label：value` text."""
    card: dict[str, str] = {}
    # most news pages have no card: skip the cell-by-cell walk (visible_text is cached and
    # read anyway for the metadata line)
    if not _CARD_HINT_RE.search(squeeze(page.visible_text)):
        return card
    cells = [text for text in _card_cells(page) if text is not None]
    for index, raw in enumerate(cells):
        text = squeeze(raw)
        if not text:
            continue
        for label, key in INFO_CARD_LABELS.items():
            if key in card:
                continue
            if text.rstrip(":：") == label:
                value = _next_value(cells, index)
            elif text.startswith((label + "：", label + ":")):
                value = raw.split("：" if "：" in text else ":", 1)[-1]
            else:
                continue
            value = _cut_at_next_label(clean(value))
            if value and not _CARD_LABEL_RE.fullmatch(squeeze(value).rstrip(":：")):
                card[key] = value
    return card


_CELL_TAGS = {"td", "th", "dt", "dd", "li", "span", "p"}


def _card_cells(page: Page) -> list[str | None]:
    """Texts of the elements a card is built of, in document order; None for long ones."""
    out: list[str | None] = []
    for element in page.order:
        tag = element.tag
        if not isinstance(tag, str):
            continue
        tag = tag.lower()
        if tag not in _CELL_TAGS and not (tag == "div" and len(element) == 0):
            continue
        # a cell has a few inline children at most; a container's cells come on their own
        if len(element) > 6:
            continue
        text = clean(element_text(element))
        if text and len(squeeze(text)) <= 60:
            out.append(text)
    return out


def _cut_at_next_label(value: str) -> str:
    """`县教育体育局 发布日期：2025-04-01` → `县教育体育局` when a cell holds several fields."""
    match = _NEXT_LABEL_RE.search(value)
    return value[: match.start()].strip() if match and match.start() > 0 else value


def _next_value(cells: list[str], index: int) -> str:
    """The value cell after a label cell; empty when the next cell is itself a label."""
    for text in cells[index + 1 : index + 3]:
        if text:
            return "" if _CARD_LABEL_RE.match(squeeze(text)) else text
    return ""
