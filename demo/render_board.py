"""The boards' pages, in the structure of a county CMS 互动交流 module (docs/research/
cms-structures.md §7): a list table (序号 | 留言标题 | 留言类型 | 承办单位 | 状态 | 留言时间) paged
by `list.html?page=N` with 下一页 links, and a detail page per 留言 (`detail.html?id=N`) whose
table pairs labels with values: 留言标题, 留言时间, 留言类型, 留言内容, 承办单位, 办理状态,
回复时间, 回复内容.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from demo.board import BoardSpec, Letter
from demo.render_common import attr, page, site_metas
from demo.units import PORTAL_NAME


def detail_target(spec: BoardSpec, letter: Letter) -> str:
    return f"{spec.path.rsplit('/', 1)[0]}/detail.html?id={letter.number}"


def render_board_lists(spec: BoardSpec, letters: list[Letter]) -> Iterator[tuple[str, str]]:
    """(target, html) of every list page, newest 留言 first."""
    rows = sorted(letters, key=lambda letter: letter.asked, reverse=True)
    count = max(1, -(-len(rows) // spec.per_page))
    for index in range(count):
        chunk = rows[index * spec.per_page : (index + 1) * spec.per_page]
        body = "\n".join(
            f'<tr><td>{index * spec.per_page + n + 1}</td><td class="title"><a href="'
            f'{attr(detail_target(spec, letter))}" title="{attr(letter.title)}" target="_blank">'
            f"{escape(letter.title)}</a></td><td>{letter.kind if letter.show_type else ''}</td>"
            f"<td>{escape(letter.unit)}</td><td>{letter.status}</td>"
            f"<td>{letter.asked:%Y-%m-%d}</td></tr>"
            for n, letter in enumerate(chunk)
        )
        links = []
        if index > 0:
            previous = spec.path if index == 1 else f"{spec.path}?page={index}"
            links.append(f'<a href="{previous}">上一页</a>')
        if index < count - 1:
            links.append(f'<a href="{spec.path}?page={index + 2}">下一页</a>')
        pager = f'<div class="page">共{len(rows)}条 {index + 1}/{count}页 {" ".join(links)}</div>'
        inner = f"""<div class="position">您现在的位置是：<a href="/">首页</a>&nbsp;&gt;&gt;&nbsp;<a href="/hdjl/">互动交流</a>&nbsp;&gt;&gt;&nbsp;{spec.name}</div>
<div class="list-left">
 <div class="list-title"><span>{spec.name}</span></div>
 <table class="lylb" width="100%">
 <tr><th>序号</th><th>留言标题</th><th>留言类型</th><th>承办单位</th><th>状态</th><th>留言时间</th></tr>
{body}
 </table>
 {pager}
</div>
"""  # noqa: E501
        target = spec.path if index == 0 else f"{spec.path}?page={index + 1}"
        metas = site_metas() + f'<meta name="ColumnName" content="{spec.name}">\n'
        yield (
            target,
            page(title=f"{spec.name}_{PORTAL_NAME}", charset="utf-8", metas=metas, body=inner),
        )


def render_letter(spec: BoardSpec, letter: Letter) -> str:
    rows = [
        ("留言标题", escape(letter.title)),
        ("留言时间", f"{letter.asked:%Y-%m-%d %H:%M}"),
    ]
    if letter.show_type:
        rows.append(("留言类型", letter.kind))
    rows += [
        ("留言内容", escape(f"{letter.title}，望相关部门予以答复为盼。")),
        ("承办单位", escape(letter.unit)),
        ("办理状态", letter.status),
    ]
    if letter.reply:
        shown = f"{letter.replied:%Y-%m-%d %H:%M}" if letter.show_reply_time else ""
        rows += [("回复时间", shown), ("回复内容", escape(letter.reply))]
    table = "\n".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in rows)
    inner = f"""<div class="position">您现在的位置是：<a href="/">首页</a>&nbsp;&gt;&gt;&nbsp;<a href="/hdjl/">互动交流</a>&nbsp;&gt;&gt;&nbsp;<a href="{spec.path}">{spec.name}</a></div>
<div class="ly-detail">
 <h2>{spec.name}详情</h2>
 <table class="ly_detail" width="100%">
{table}
 </table>
</div>
"""  # noqa: E501
    return page(
        title=f"{letter.title}_{PORTAL_NAME}", charset="utf-8", metas=site_metas(), body=inner
    )
