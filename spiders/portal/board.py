"""The 网民留言 board: its list pages and every 留言 detail page.

County boards (Hanweb JACT, PowerEasy, TRS 互动 modules; docs/research/cms-structures.md §7)
list 留言 in a table (标题 | 类型 | 承办单位 | 状态 | 留言时间) and show each on a detail page
whose table pairs labels with values: 留言标题, 留言时间, 留言类型, 留言内容, 承办单位, 办理状态,
回复时间, 回复内容 (and their synonyms below). A detail page with neither a title nor a time
label is not understood: a 采集失败 (页面结构无法识别), never an unanswered 留言.

A reply is there when the page shows a reply text, a reply time, or a status that says so
(已回复/已办结 …); its time may be missing on the page: "replied, time unknown".
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from core.board import REPLIED_STATUS, classify, normalise_type
from core.failures import TemplateChanged
from spiders.dates import parse_date
from spiders.items import BoardMessageItem, ListPageItem
from spiders.page import Page, clean, node_text, squeeze
from spiders.portal.listing import parse_list, unread_article_links

if TYPE_CHECKING:
    from scrapy.http import Response

logger = logging.getLogger(__name__)

# field → labels boards print for it, most specific first
LABELS: dict[str, tuple[str, ...]] = {
    "title": ("留言标题", "信件标题", "来信标题", "留言主题", "信件主题", "标题", "主题"),
    "asked": ("留言时间", "留言日期", "来信时间", "来信日期", "提交时间", "写信时间", "发布时间"),
    "type": ("留言类型", "信件类型", "问题类型", "诉求类型", "留言类别", "类型", "类别"),
    "unit": ("承办单位", "办理单位", "受理单位", "处理单位", "答复单位", "回复单位", "答复机构"),
    "status": ("办理状态", "处理状态", "受理状态", "信件状态", "回复状态", "状态"),
    "replied_at": ("回复时间", "答复时间", "回复日期", "答复日期", "办结时间", "处理时间"),
    "reply": ("回复内容", "答复内容", "回复意见", "答复意见", "办理结果", "处理结果", "回复"),
    "content": ("留言内容", "信件内容", "来信内容", "问题描述", "内容"),
}  # fmt: skip
_LABEL_FIELD = {label: f for f, labels in LABELS.items() for label in labels}
_INLINE_RE = re.compile(
    "^(" + "|".join(sorted(_LABEL_FIELD, key=len, reverse=True)) + r")\s*[:：]\s*(.+)$", re.S
)
# what boards print where no reply exists yet
_NO_REPLY_RE = re.compile(r"^(暂无|尚未|还未|未|待)(回复|答复|办理|处理)|^无$|^暂无$|^-+$")


def read_fields(page: Page) -> dict[str, str]:
    """Label → value pairs of a detail page: label cells then value cells, or `label：value`."""
    fields: dict[str, str] = {}
    cells = page.sel.xpath("//th|//td|//dt|//dd|//li|//p|//span|//label|//div[not(div)]")
    raw = [node_text(cell) for cell in cells]  # block elements on their own lines
    texts = [clean(text) for text in raw]
    for index, text in enumerate(texts):
        if not text or len(text) > 2000:
            continue
        key = squeeze(text).rstrip(":：")
        field = _LABEL_FIELD.get(key)
        if field is not None:
            if field not in fields:
                fields[field] = _next_value(texts, index)
            continue
        for line in raw[index].split("\n"):
            inline = _INLINE_RE.match(clean(line))
            if inline and len(inline.group(1)) >= 2:
                fields.setdefault(_LABEL_FIELD[inline.group(1)], inline.group(2).strip())
    return fields


def _next_value(texts: list[str], index: int) -> str:
    """The value after a label cell: the next non-empty cell, unless that is a label too."""
    for text in texts[index + 1 : index + 4]:
        if not text:
            continue
        if squeeze(text).rstrip(":：") in _LABEL_FIELD or _INLINE_RE.match(text):
            return ""
        return text
    return ""


def read_message(
    page: Page, column_url: str, list_title: str = "", list_date: datetime | None = None
) -> BoardMessageItem:
    fields = read_fields(page)
    if not fields.get("title") and not fields.get("asked"):
        raise TemplateChanged("留言详情页未找到留言标题或留言时间")
    title = fields.get("title") or list_title
    content = fields.get("content", "")
    reply = fields.get("reply", "")
    if _NO_REPLY_RE.match(squeeze(reply)):
        reply = ""
    replied_at = parse_date(fields.get("replied_at"))
    status = fields.get("status") or None
    shown = fields.get("type") or None
    msg_type = normalise_type(shown) or shown
    inferred = shown is None
    if inferred:
        msg_type = classify(title, content)
    return BoardMessageItem(
        url=page.url,
        column_url=column_url,
        title=title,
        asked_at=parse_date(fields.get("asked")) or list_date,
        msg_type=msg_type,
        type_shown=shown,
        type_inferred=inferred,
        unit=fields.get("unit") or None,
        status=status,
        replied=bool(reply or replied_at or (status and REPLIED_STATUS.search(status))),
        replied_at=replied_at,
        reply_text=reply,
        content=content,
    )


class BoardMixin:
    """The portal spider's board callbacks (columns of category `interaction`).

    Every detail page is fetched on every run: a reply changes a 留言 without changing its
    list entry, and an unanswered 留言 may only be said after its page was read this run.
    """

    # provided by PortalSpider
    columns: dict[str, Any]
    progress: dict[str, Any]
    settings: Any
    _request: Any
    _allowed: Any

    def board_list(self, response: Response, page: Page) -> Iterator[Any]:
        column = self.columns[response.meta["column_url"]]
        first = bool(response.meta.get("first_page"))
        listing = parse_list(page)
        if not listing.entries and unread_article_links(page) >= 3:
            raise TemplateChanged("留言列表有链接，但未能识别列表")
        yield ListPageItem(column.url, len(listing.entries), first, len(listing.more))
        for entry in listing.entries:
            if not self._allowed(entry.url):
                continue
            yield self._request(
                entry.url,
                self.parse_board_message,  # type: ignore[attr-defined]
                column.url,
                "board",
                {"list_title": entry.title, "list_date": entry.date},
            )
        limit = self.settings.getint("GOVWATCH_MAX_LIST_PAGES")
        # every board list page is read (no early stop: a reply changes no list entry); the
        # pages requested are counted with the column's, so each must come back
        seen: set[str] = self.progress[column.url].requested
        for more in listing.more:
            if more.method != "GET" or more.url in seen:
                continue
            if len(seen) >= limit:
                logger.warning("%s: stopped at %d board list pages", column.name, limit)
                break
            seen.add(more.url)
            yield self._request(
                more.url,
                self.parse_board_list,  # type: ignore[attr-defined]
                column.url,
                "list",
                dont_filter=True,
            )

    def board_message(self, response: Response, page: Page) -> Iterator[Any]:
        meta = response.meta
        yield read_message(
            page, meta["column_url"], meta.get("list_title", ""), meta.get("list_date")
        )
