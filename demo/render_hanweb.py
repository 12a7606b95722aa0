"""Hanweb JCMS-style 信息公开 pages: column pages with an inline datastore, the dataproxy.jsp
answers, and articles with the 政府信息公开 card.

Structures follow docs/research/cms-structures.md §2 and §3:
- `/col/colNNN/index.html`: `<div id="UNITID"><script type="text/xml"><datastore>` with a
  `<nextgroup>` link, CDATA `<record>`s (single-quoted hrefs; dates in `<span>` or `<i>`, for
  人事信息 inside the `<a>`), then `$('#UNITID').jpage({totalRecord, perPage:15, groupSize:3,
  proxyUrl:'/module/web/jpage/dataproxy.jsp', ajaxParam:{…}})`. The inline datastore holds
  the first group (perPage × groupSize records); the rest comes from the proxy.
  政策文件 renders the list twice (PC + mobile block), as Jiangsu's column pages do.
- dataproxy.jsp answers `text/xml` `<datastore><totalrecord>…<totalpage>…<nextgroup>…
  <recordset><record><![CDATA[…]]></record>…` for the requested range.
- `/art/YYYY/M/D/art_COL_ID.html`: three-part title, `#zoom` body between ZJEG markers and
  ContentStart/ContentEnd metas, `<!--<$[信息来源]>begin-->` comments around the source, and
  one of three card markups: th/td `table.xxgk_table` (政策文件), gov.cn-style `table.bd1`
  with `<td><b>` labels (人事信息), Chuxiong-style `ul.ov li.fl` (规划计划). Labels are spaced
  (`索 引 号：`) or padded with U+3000 (`文　　号：`); dates are `2025年04月01日`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from html import escape
from random import Random

from demo.columns import COLUMNS, HANWEB_GROUP_SIZE, DemoColumn
from demo.items import SEED, Item
from demo.render_common import attr, footer_script, page, site_metas
from demo.texts import notice_opening, personnel_body, sectioned_body
from demo.units import PORTAL_NAME, UNITS_BY_NAME
from spiders.portal.listing import HANWEB_PROXY_PATH

_ON = ' class="on"'
CREDIT_CODE = "115323260151"  # the first digits of the county's 统一社会信用代码 in 索引号


# -- records, column page, proxy ------------------------------------------------------------


def record_html(column: DemoColumn, item: Item) -> str:
    """One list record as the CMS stores it inside CDATA."""
    title = attr(item.title)
    href = item.path
    day = f"{item.published:%Y-%m-%d}" if item.published else ""
    if column.key == "rsxx":
        # title and date both inside the link [S35]
        return (
            f"<li><a href='{href}' title='{title}' target=\"_blank\"><span>{escape(item.title)}"
            f"</span><i>{day}</i></a></li>"
        )
    if column.key == "ghjh":
        return (
            f"<li class=\"cf\"><a href='{href}' title='{title}' target=\"_blank\">"
            f"{escape(item.title)}</a><i>{day}</i></li>"
        )
    return (
        f"<li><a href='{href}' title='{title}' target=\"_blank\">{escape(item.title)}</a>"
        f"<span>{day}</span></li>"
    )


def proxy_query(column: DemoColumn, unit_id: int | None = None, page_no: int = 1) -> str:
    """The query the jpage nextgroup link carries (webname as raw Chinese, as sites print it)."""
    return (
        f"page={page_no}&appid=1&webid=1&path=/&columnid={column.col_id}"
        f"&unitid={unit_id or column.jpage_unit}&webname={PORTAL_NAME}&permissiontype=0"
    )


def _datastore_block(column: DemoColumn, records: list[str], unit_id: int, total: int) -> str:
    shown = "\n".join(f"<record><![CDATA[{r}]]></record>" for r in records)
    return f"""<div id="{unit_id}"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="{HANWEB_PROXY_PATH}?{proxy_query(column, unit_id)}"></a>]]></nextgroup>
<recordset>
{shown}
</recordset>
</datastore></script></div>
<script type="text/javascript">$('#{unit_id}').jpage({{themeName:'default',showMode:'full',dataStore:null,totalRecord:{total},openCookies:false,dataBefore:'<ul class="xxgk-list">',dataAfter:'</ul>',groupSize:{HANWEB_GROUP_SIZE},proxyUrl:'{HANWEB_PROXY_PATH}',perPage:{column.per_page},barPosition:'bottom',ajaxParam:{{col:1,appid:'1',webid:1,path:'/',columnid:{column.col_id},sourceContentType:1,unitid:'{unit_id}',webname:'{PORTAL_NAME}',permissiontype:0}}}});</script>
"""  # noqa: E501


def render_column_page(column: DemoColumn, records: list[str]) -> str:
    total = len(records)
    first_group = records[: column.per_page * HANWEB_GROUP_SIZE]
    lists = _datastore_block(column, first_group, column.jpage_unit, total)
    if not records:
        lists += '<p class="no-data">暂无信息</p>\n'  # what the CMS prints for an empty column
    if column.key == "zcwj":
        # the mobile copy of the same list (another jpage block); crawlers de-duplicate by URL
        mobile = _datastore_block(column, records[: column.per_page], column.jpage_unit + 50, total)
        lists += f'<div class="m-list">\n{mobile}</div>\n'
    menu = "\n".join(
        f'<li{_ON if c.key == column.key else ""}><a href="{c.path}">{c.name}</a></li>'
        for c in COLUMNS
        if c.family == "hanweb"
    )
    body = f"""<div class="bt-position">当前位置：<a href="/">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a> &gt; <a href="{column.path}">{column.name}</a></div>
<div class="xxgk-left"><div class="xxgk-left-title">法定主动公开内容</div><ul>
{menu}
</ul></div>
<div class="xxgk-right">
<div class="lm-title">{column.name}</div>
{lists}</div>
"""  # noqa: E501
    metas = site_metas() + (
        f'<meta name="ColumnName" content="{column.name}">\n'
        f'<meta name="ColumnType" content="{column.name}">\n'
    )
    return page(
        title=f"{PORTAL_NAME} {column.name}",
        charset="utf-8",
        metas=metas,
        body=body,
        head_extra=(
            '<script src="/module/jslib/jquery/jquery.js"></script>\n'
            '<script src="/module/web/jpage/jquery.jpage.js"></script>\n'
        ),
        footer_html=footer_script(),
        nav_class="navo",
    )


def proxy_response(column: DemoColumn, records: list[str], start: int, end: int, per: int) -> str:
    """dataproxy.jsp's XML for records start..end (1-based, inclusive)."""
    total = len(records)
    start = max(1, start)
    chosen = records[start - 1 : max(start - 1, end)]
    pages = -(-total // per) if per else 0
    next_page = end // per + 1 if per else 1
    rows = "\n".join(f"<record><![CDATA[{r}]]></record>" for r in chosen)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<datastore>
<totalrecord>{total}</totalrecord>
<totalpage>{pages}</totalpage>
<nextgroup><![CDATA[<a href="{HANWEB_PROXY_PATH}?{proxy_query(column, None, next_page)}"></a>]]></nextgroup>
<recordset>
{rows}
</recordset>
</datastore>
"""  # noqa: E501


# -- articles ---------------------------------------------------------------------------------


def render_article(item: Item) -> Iterator[tuple[str, str]]:
    rng = Random(f"{SEED}:body:{item.seq}")
    column = item.col
    unit = UNITS_BY_NAME.get(item.unit or "")
    publisher = item.source or (unit.prefixed_full if unit else "")
    when = item.published
    written = _written_date(rng, when)
    doc_no = _doc_no(rng, item)
    index_no = f"{CREDIT_CODE}{rng.randint(100000, 999999)}/{item.url_date.year}-{item.doc_id % 100000:05d}"  # noqa: E501
    card = _card(column, item, index_no, publisher, written, when, doc_no)
    paragraphs = _paragraphs(rng, item, publisher, written)
    attachment = ""
    if item.attachment:
        name = f"{item.title[:20]}.pdf"
        href = attr(item.attachment_path)
        attachment = f'<p>附件：<a href="{href}" target="_blank">{escape(name)}</a></p>'
    metas = ""
    if item.placement == "meta":
        metas = site_metas() + (
            f'<meta name="ColumnName" content="{column.name}">\n'
            f'<meta name="ArticleTitle" content="{attr(item.title)}">\n'
            f'<meta name="pubdate" content="{when:%Y-%m-%d %H:%M}">\n'
            f'<meta name="contentSource" content="{attr(publisher)}">\n'
            '<meta name="Keywords" content="">\n'
            f'<meta name="description" content="{attr(item.title)}">\n'
        )
    metas += (
        f'<meta name="i_columnid" content="{column.col_id}">\n'
        f'<meta content="{item.doc_id}" name="i_articleid">\n'
    )
    date_span = f"<span>发布日期：{when:%Y-%m-%d}</span>" if when else "<span>发布日期：</span>"
    source_part = ""
    if item.placement in ("meta", "card-line"):
        source_part = (
            f"<span>信息来源：<!--<$[信息来源]>begin-->{escape(publisher)}"
            "<!--<$[信息来源]>end--></span>"
        )
    body_html = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    body = f"""<div class="bt-position">当前位置：<a href="/">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a> &gt; <a href="{column.path}">{column.name}</a></div>
{card}
<div class="article">
 <h1 class="title">{escape(item.title)}</h1>
 <div class="info">{date_span} {source_part} <span>【<a href="javascript:window.print()">打印</a>】</span></div>
 <div id="zoom"><!--<$[信息内容]>begin--><!--ZJEG_RSS.content.begin--><meta name="ContentStart">
{body_html}
{attachment}
<meta name="ContentEnd"><!--ZJEG_RSS.content.end--><!--<$[信息内容]>end--></div>
</div>
"""  # noqa: E501
    yield (
        item.path,
        page(
            title=f"{PORTAL_NAME} {column.name} {item.title}",
            charset="utf-8",
            metas=metas,
            body=body,
            footer_html=footer_script(),
            nav_class="navo",
        ),
    )


def _written_date(rng: Random, when: datetime | None) -> datetime | None:
    """成文日期: a few days before publication (never the publication date itself)."""
    return when - timedelta(days=rng.randint(2, 9)) if when else None


def _doc_no(rng: Random, item: Item) -> str:
    unit = UNITS_BY_NAME.get(item.unit or "")
    if item.column == "zcwj" and unit is not None:
        return f"姚{unit.doc_code}发〔{item.url_date.year}〕{rng.randint(1, 60)}号"
    if item.column == "zcwj":
        return f"云政办发〔{item.url_date.year}〕{rng.randint(1, 60)}号"
    if item.column == "rsxx" and rng.random() < 0.5 and unit is not None:
        return f"姚{unit.doc_code}任〔{item.url_date.year}〕{rng.randint(1, 20)}号"
    return ""


def _cn_date(value: datetime | None) -> str:
    return f"{value:%Y年%m月%d日}" if value else ""


def _card(
    column: DemoColumn,
    item: Item,
    index_no: str,
    publisher: str,
    written: datetime | None,
    published: datetime | None,
    doc_no: str,
) -> str:
    title = escape(item.title)
    publisher = escape(publisher)
    if column.key == "zcwj":
        return f"""<table class="xxgk_table" cellspacing="0" cellpadding="0">
 <tr><th>索 引 号：</th><td>{index_no}</td><th>主题分类：</th><td>综合政务</td></tr>
 <tr><th>发布机构：</th><td>{publisher}</td><th>成文日期：</th><td> {_cn_date(written)} </td></tr>
 <tr><th>标　　题：</th><td colspan="3">{title}</td></tr>
 <tr><th>文　　号：</th><td>{doc_no}</td><th>发布日期：</th><td>{_cn_date(published)}</td></tr>
 <tr><th>主 题 词：</th><td></td><th>有 效 性：</th><td>有效</td></tr>
</table>"""
    if column.key == "rsxx":
        return f"""<table class="bd1" width="100%" cellspacing="1" cellpadding="0"><tbody>
 <tr><td width="100"><b>索 引 号：</b></td><td width="280">{index_no}</td><td width="100"><b>主题分类：</b></td><td>人事信息</td></tr>
 <tr><td><b>发文机关：</b></td><td>{publisher}</td><td><b>成文日期：</b></td><td>{_cn_date(written)}</td></tr>
 <tr><td><b>标　　题：</b></td><td colspan="3">{title}</td></tr>
 <tr><td><b>发文字号：</b></td><td>{doc_no}</td><td><b>发布日期：</b></td><td>{_cn_date(published)}</td></tr>
</tbody></table>"""  # noqa: E501
    return f"""<ul class="ov">
 <li class="fl">索 引 号：{index_no}</li>
 <li class="fl">发布机构：{publisher}</li>
 <li class="fl">成文日期：{_cn_date(written)}</li>
 <li class="fl">发布日期：{_cn_date(published)}</li>
 <li class="fl">文　　号：{doc_no}</li>
 <li class="fl">有 效 性：有效</li>
</ul>"""


def _paragraphs(rng: Random, item: Item, publisher: str, written: datetime | None) -> list[str]:
    when = item.url_date
    if item.kind == "personnel":
        return [escape(p) for p in personnel_body(rng, publisher, when)]
    kind = "plan" if item.kind == "plan" else "policy"
    out: list[str] = []
    if kind == "policy":
        addressee, _ = notice_opening(rng, item.topic)
        out += [
            addressee,
            f"现将《大姚县{escape(item.topic)}工作实施方案》印发给你们，请认真抓好贯彻落实。",
        ]
    for heading, text in sectioned_body(rng, kind, publisher, item.topic, when):
        out.append(f"<strong>{heading}</strong>")
        out.append(escape(text))
    if kind == "policy":
        out.append(f'<span style="float:right">{escape(publisher)}</span>')
        if written:  # the signature carries 成文日期, not the publication date
            signed = f"{written.year}年{written.month}月{written.day}日"
            out.append(f'<span style="float:right">{signed}</span>')
    return out
