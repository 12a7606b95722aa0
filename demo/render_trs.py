"""TRS WCM-style pages of the main portal: column lists with their pager scripts, articles.

Structures follow docs/research/cms-structures.md §1:
- Form A pager (4 arguments, `currentPage` counts from 0): page k ≥ 2 is `index_{k-1}.html`;
  either the classic inline `var countPage` script (政务要闻) or a one-line
  `createPageHTML(count, current, "index", "html")` call (乡镇动态). No static page links.
- Form B pager (6 arguments, 1-based): `createPageHTML('page_div', count, current, 'index',
  'html', records)`; page k ≥ 2 is `index_{k}.html` and there is no `index_1.html` (部门动态).
- A query-string pager `list.html?page=N` with 首页/上一页/numbers/下一页/尾页 (通知公告).
- Articles `./YYYYMM/tYYYYMMDD_ID.html`: government metas (some lower-case, some empty), the
  `_站点名` title suffix, a visible 发布时间/来源 line, the `view TRS_UEDITOR …` body, `./P0….pdf`
  attachments (one only inside a document.write string), breadcrumbs with `a.CurrChnlCls`,
  and one article continued on `…_1.html`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from html import escape
from random import Random

from demo.columns import DemoColumn
from demo.items import NO_PAGE_DATE, SEED, Item
from demo.render_common import (
    HOST_TOKEN,
    attr,
    footer_script,
    page,
    site_metas,
    truncate,
)
from demo.site_plants import article_extra
from demo.texts import (
    ERRATA,
    gbk_person,
    news_body,
    notice_opening,
    person,
    sectioned_body,
)
from demo.units import PORTAL_NAME, UNITS_BY_NAME

FULL_WIDTH = str.maketrans("0123456789-:", "０１２３４５６７８９－：")

# -- list pages -------------------------------------------------------------------------------


def list_page_names(column: DemoColumn, count: int) -> list[str]:
    """File names (relative to the column folder) of pages 1..count."""
    if column.pager in ("trs-a-script", "trs-a-call"):
        return ["index.html"] + [f"index_{k - 1}.html" for k in range(2, count + 1)]
    if column.pager == "trs-b":
        return ["index.html"] + [f"index_{k}.html" for k in range(2, count + 1)]
    if column.pager == "query":
        return ["list.html"] + [f"list.html?page={k}" for k in range(2, count + 1)]
    raise ValueError(column.pager)


def render_list_pages(
    column: DemoColumn, items: list[Item], sidebar: list[Item]
) -> Iterator[tuple[str, str]]:
    """(path, html) of every list page of a TRS column; items newest first."""
    per = column.per_page
    count = max(1, -(-len(items) // per))
    names = list_page_names(column, count)
    for index, name in enumerate(names):
        chunk = items[index * per : (index + 1) * per]
        rows = "\n".join(_list_row(column, item) for item in chunk)
        pager = _pager(column, index, count, len(items))
        document = _list_document(column, rows, pager, sidebar)
        yield column.dir + name, document
        if index == 0 and column.pager == "query":
            # 首页 links to list.html?page=1, which the list script answers like list.html
            yield column.dir + "list.html?page=1", document


def _list_row(column: DemoColumn, item: Item) -> str:
    href = "./" + item.path.removeprefix(column.dir)
    title = item.title
    text = escape(truncate(title))
    day = item.published
    if column.key == "zwyw":
        return (
            f'<li><a href="{href}" title="{attr(title)}" target="_blank">{text}</a>'
            f"<span>{_ymd(day)}</span></li>"
        )
    if column.key == "bmdt":
        return (
            f'<li><a href="{href}" target="_blank" title="{attr(title)}">{text}</a>'
            f'<span class="date">[{_ymd(day)}]</span></li>'
        )
    if column.key == "xzdt":
        # a bare date after the link, as some TRS templates print it
        return f"<li><a href='{href}' title='{attr(title)}' target=\"_blank\">{text}</a> {_ymd(day)}</li>"  # noqa: E501
    # 通知公告: date first, in y/m/d without zero padding; pinned rows carry no date
    date_span = f'<span class="date">{day.year}/{day.month}/{day.day}</span>' if day else ""
    return f'<li>{date_span}<a href="{href}" title="{attr(title)}" target="_blank">{text}</a></li>'


def _ymd(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def _list_document(column: DemoColumn, rows: str, pager: str, sidebar: list[Item]) -> str:
    side = "\n".join(
        f'<li><a href="{i.path}" title="{attr(i.title)}" target="_blank">{escape(truncate(i.title, 18))}</a></li>'  # noqa: E501
        for i in sidebar
    )
    head_extra = ""
    if column.pager == "trs-b":
        head_extra = '<script src="/js/pagenav.js"></script>\n'
    elif column.pager == "trs-a-call":
        head_extra = '<script src="/common/js/createPageHTML.js"></script>\n'
    body = f"""<div class="position">您现在的位置是：<a href="/" class="CurrChnlCls">首页</a>&nbsp;&gt;&gt;&nbsp;<a href="{column.path}" class="CurrChnlCls">{column.name}</a></div>
<div class="list-left">
 <div class="list-title"><span>{column.name}</span></div>
 <ul class="list">
{rows}
 </ul>
 {pager}
</div>
<div class="list-right">
 <div class="side-title">最新信息</div>
 <ul class="side-list">
{side}
 </ul>
</div>
"""  # noqa: E501
    metas = site_metas() + (
        f'<meta name="ColumnName" content="{column.name}">\n'
        f'<meta name="ColumnDescription" content="{column.description}">\n'
        f'<meta name="ColumnKeywords" content="{column.name}">\n'
        f'<meta name="ColumnType" content="{column.name}">\n'
    )
    return page(
        title=f"{column.name}_{PORTAL_NAME}",
        charset=column.charset,
        metas=metas,
        body=body,
        head_extra=head_extra,
    )


def _pager(column: DemoColumn, index: int, count: int, records: int) -> str:
    if column.pager == "trs-a-script":
        return f'<div class="page">\n<script language="JavaScript">\n{form_a_script(index, count)}</script>\n</div>'  # noqa: E501
    if column.pager == "trs-a-call":
        return (
            f'<div class="fenye"><script type="text/javascript">createPageHTML({count}, {index}, '
            f'"index", "html");</script></div>'
        )
    if column.pager == "trs-b":
        return (
            '<div id="page_div" class="page"></div>\n<script type="text/javascript">'
            f"createPageHTML('page_div', {count}, {index + 1}, 'index', 'html', {records});"
            "</script>"
        )
    return _query_pager(index + 1, count, records)


def form_a_script(current: int, count: int, name: str = "index", ext: str = "html") -> str:
    """The classic WCM pager script (0-based currentPage); it writes the links at view time."""
    return f"""var currentPage = {current};//所在页从0开始
var prevPage = currentPage-1//上一页
var nextPage = currentPage+1//下一页
var countPage = {count}//共多少页
document.write("共"+countPage+"页&nbsp;&nbsp;");
//设置上一页代码
if(countPage>1&&currentPage!=0&&currentPage!=1)
\tdocument.write("<a href=\\"{name}"+"_" + prevPage + "."+"{ext}\\">上一页</a>&nbsp;");
else if(countPage>1&&currentPage!=0&&currentPage==1)
\tdocument.write("<a href=\\"{name}.{ext}\\">上一页</a>&nbsp;");
else
\tdocument.write("上一页&nbsp;");
//循环
var num = 5;
for(var i=0+(currentPage-1-(currentPage-1)%num) ; i<=(num+(currentPage-1-(currentPage-1)%num))&&(i<countPage) ; i++){{
\tif(countPage >1){{
\tif(currentPage==i)
\t\tdocument.write("<span style=\\"color:#FF0000;\\">"+(i+1)+"</span>&nbsp;");
\telse if(i==0)
\t\tdocument.write("<a href=\\"{name}.{ext}\\">"+(i+1)+"</a>&nbsp;");
\telse
\t\tdocument.write("<a href=\\"{name}"+"_" + i + "."+"{ext}\\">"+(i+1)+"</a>&nbsp;");
\t}}
}}
//设置下一页代码
if(countPage>1&&currentPage!=(countPage-1))
\tdocument.write("<a href=\\"{name}"+"_" + nextPage + "."+"{ext}\\">下一页</a>&nbsp;");
else
\tdocument.write("下一页&nbsp;");
"""  # noqa: E501


def _query_pager(current: int, count: int, records: int) -> str:
    def link(k: int, text: str) -> str:
        return f'<a href="list.html?page={k}">{text}</a>'

    parts = [f'<span class="p_t">共{records}条</span>']
    if current > 1:
        parts += [link(1, "首页"), link(current - 1, "上一页")]
    else:
        parts += ['<span class="disabled">首页</span>', '<span class="disabled">上一页</span>']
    low = max(1, min(current - 2, count - 4))
    for k in range(low, min(count, low + 4) + 1):
        parts.append(f'<span class="current">{k}</span>' if k == current else link(k, str(k)))
    if current < count:
        parts += [link(current + 1, "下一页"), link(count, "尾页")]
    else:
        parts += ['<span class="disabled">下一页</span>', '<span class="disabled">尾页</span>']
    parts.append(f'<span class="p_t">{current}/{count}</span>')
    return '<div class="pagination">' + " ".join(parts) + "</div>"


# -- articles ---------------------------------------------------------------------------------


def render_article(item: Item) -> Iterator[tuple[str, str]]:
    """(path, html) of a TRS article (and of its continuation page if it is split)."""
    rng = Random(f"{SEED}:body:{item.seq}")
    column = item.col
    blocks = _body_blocks(rng, item)
    if item.split:
        half = len(blocks) // 2
        parts = [blocks[:half], blocks[half:]]
        for number, part in enumerate(parts):
            path = item.path if number == 0 else item.continuation_path
            stem = item.path.rsplit("/", 1)[-1].removesuffix(".html")
            pager = (
                '<div class="page"><script language="JavaScript">\n'
                f"{form_a_script(number, 2, stem)}</script></div>"
            )
            yield path, _article_document(rng, item, part, pager, column.charset)
        return
    yield item.path, _article_document(rng, item, blocks, "", column.charset)


def _body_blocks(rng: Random, item: Item) -> list[str]:
    unit = UNITS_BY_NAME.get(item.unit or "") or UNITS_BY_NAME["县政府办公室"]
    author = item.source or unit.name
    when = item.url_date
    if item.kind in ("county-news", "dept-news", "town-news"):
        actor = "大姚县" if item.kind == "county-news" else author
        paragraphs = news_body(rng, actor, item.topic, when, item.title)
        if item.split:
            paragraphs += news_body(rng, actor, item.topic, when, item.title)
        for tag in item.tags:
            if tag.startswith("erratum:"):
                paragraphs.insert(1, ERRATA[int(tag.split(":")[1])][1])
        blocks = [f"<p>{escape(p)}</p>" for p in paragraphs]
        # GBK columns carry names outside GB2312 (堃, 玥, 镕): decode them as GB18030
        writer = gbk_person(rng) if item.col.encoding == "gbk" else person(rng)
        blocks.append(f"<p>（撰稿：{writer}　审核：{person(rng)}）</p>")
        return blocks
    kind = "interpretation" if item.kind == "interpretation" else "notice"
    blocks = []
    if kind == "notice":
        addressee, purpose = notice_opening(rng, item.topic)
        blocks += [f"<p>{addressee}</p>", f"<p>{purpose}</p>"]
    for heading, text in sectioned_body(rng, kind, author, item.topic, when):
        blocks.append(f"<p><strong>{heading}</strong></p><p>{escape(text)}</p>")
    if kind == "notice":
        blocks.append(
            f"<p>联系人：{person(rng)}，联系电话：0878-62{rng.randint(0, 9999):04d}。</p>"
        )
        signer = unit.prefixed_full if item.unit else (item.source or "")
        blocks.append(f'<p style="text-align:right">{escape(signer)}</p>')
        if item.published is not None:  # an undated page carries no date, not even here
            day = item.published
            blocks.append(f'<p style="text-align:right">{day.year}年{day.month}月{day.day}日</p>')
    return blocks


def _attachment_html(item: Item) -> str:
    if not item.attachment:
        return ""
    name = f"{item.title[:24]}.pdf"
    href = "./" + item.attachment_name
    if item.attachment == "script":
        # the static DOM has no link: it exists only inside the script string
        return (
            '<div class="fj"><script type="text/javascript">\n'
            f'var att = \'<a href="{href}" appendix="true">{escape(name)}</a>\';\n'
            "document.write('附件：' + att);\n</script></div>"
        )
    return (
        f'<p class="insertfileTag">附件：<a appendix="true" data-appendix="true" '
        f'href="{href}" title="{attr(name)}">{escape(name)}</a></p>'
    )


def _article_document(rng: Random, item: Item, blocks: list[str], pager: str, charset: str) -> str:
    column = item.col
    title = item.title
    placement = item.placement
    # a planted 要素不全 page: its date is only on the list (demo/planted.py)
    when = None if NO_PAGE_DATE in item.tags else item.published
    source = item.source or ""
    metas = site_metas() if placement != "oldline" else ""
    if placement != "oldline":
        lower = placement == "meta-lower"
        date_meta = _meta_date(when, item.style) if when else ""
        source_meta = source if placement in ("meta", "meta-lower") else ""
        metas += (
            f'<meta name="ColumnName" content="{column.name}">\n'
            f'<meta name="ColumnType" content="{column.name}">\n'
            f'<meta name="ArticleTitle" content="{attr(title)}">\n'
            f'<meta name="{"pubdate" if lower else "PubDate"}" content="{date_meta}">\n'
            f'<meta name="{"contentSource" if lower else "ContentSource"}" '
            f'content="{attr(source_meta)}">\n'
            f'<meta name="Keywords" content="{attr(item.topic)}">\n'
            '<meta name="Author" content="">\n'
            f'<meta name="description" content="{attr(_description(blocks))}">\n'
            f'<meta name="Url" content="http://{HOST_TOKEN}{item.path}">\n'
        )
    info = _info_line(item)
    body_html = "\n".join(blocks)
    attachment = _attachment_html(item)
    crumbs = (
        '<div class="position">您现在的位置是：<a href="../../" class="CurrChnlCls">首页</a>'
        f'&nbsp;&gt;&gt;&nbsp;<a href="../" class="CurrChnlCls">{column.name}</a>'
        "&nbsp;&gt;&gt;&nbsp;正文</div>"
    )
    if column.pager == "query":
        # 通知公告 lists live at /tzgg/list.html: the column link names the list page
        crumbs = crumbs.replace('href="../" class', 'href="../list.html" class')
    body = f"""{crumbs}
<div class="article">
 <h1 class="article-title">{escape(title)}</h1>
 <div class="article-info">{info}</div>
 <div class="view TRS_UEDITOR trs_paper_default trs_web">
{body_html}
{article_extra(item)}
 </div>
 {attachment}
 {pager}
 <div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
"""  # noqa: E501
    footer_html = footer_script() if column.family == "json" else None
    return page(
        title=f"{title}_{PORTAL_NAME}",
        charset=charset,  # type: ignore[arg-type]
        metas=metas,
        body=body,
        footer_html=footer_html,
    )


def _description(blocks: list[str]) -> str:
    first = blocks[0].removeprefix("<p>").removesuffix("</p>") if blocks else ""
    return first.replace("<strong>", "").replace("</strong>", "")[:60]


def _meta_date(when: datetime, style: int) -> str:
    return f"{when:%Y-%m-%d %H:%M}" if style % 2 else f"{when:%Y-%m-%d %H:%M:%S}"


def _info_line(item: Item) -> str:
    """The visible line under the title; its forms vary by column and item."""
    when = None if NO_PAGE_DATE in item.tags else item.published
    style = item.style
    source = item.source if item.placement != "none" else None
    if when is None:
        date_text = ""
    elif item.placement == "oldline":
        date_text = (
            f"{when:%Y-%m-%d %H:%M}".translate(FULL_WIDTH)  # full-width digits
            if style % 3 == 0
            else f"{when.year}/{when.month}/{when.day} {when.hour}:{when:%M:%S}"
        )
    elif item.column == "bmdt":
        date_text = f"{when:%Y年%m月%d日 %H:%M}" if style % 2 else f"{when:%Y-%m-%d %H:%M:%S}"
    elif item.column == "tzgg":
        date_text = f"{when:%Y年%m月%d日}"
    else:
        date_text = f"{when:%Y-%m-%d %H:%M}"
    date_label = "发布日期：" if item.column == "bmdt" else "发布时间："
    parts = [f"<span>{date_label}{date_text}</span>"]
    if source:
        if item.placement == "meta-lower":
            parts.append(f"<span>信息来源:{escape(source)}</span>")
        elif item.placement == "oldline" and style % 2:
            parts.append(f"<span>文章来源：{escape(source)}</span>")
        else:
            parts.append(f"<span>来源：{escape(source)}</span>")
    parts.append(
        '<span class="font">【字体：<a href="javascript:doZoom(18)">大</a> '
        '<a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</span>'
    )
    parts.append('<span>浏览次数：<span id="hits"></span></span>')
    return " &nbsp; ".join(parts)
