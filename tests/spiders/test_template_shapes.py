"""Article and page shapes of the CMS families in docs/research/cms-structures.md, reduced to
the markup that decides title, date, source and kind (the real pages are in files/real)."""

from __future__ import annotations

from datetime import date

import pytest

from spiders.page import Page
from spiders.portal.kinds import read_page

PROSE = "<p>" + "4月2日，县教育体育局召开春季学期安全工作会议，部署校园安全工作。" * 6 + "</p>"
TITLE = "县教育体育局召开安全工作会议"

ARTICLES = {
    # Hanweb JCMS: title cell, info row, body between the ZJEG markers
    "hanweb": (
        "http://www.dayao.gov.cn/art/2025/4/3/art_1_2.html",
        f"<title>{TITLE} 大姚县人民政府</title><table><tr><td class='title'>{TITLE}</td></tr>"
        "<tr><td>发布日期：2025-04-03 &nbsp; 信息来源：县教育体育局 &nbsp; 浏览次数：<script>x()"
        "</script></td></tr><tr><td><div id='zoom'><!--ZJEG_RSS.content.begin--><meta name="
        f"'ContentStart'>{PROSE}<meta name='ContentEnd'><!--ZJEG_RSS.content.end--></div>"
        "</td></tr></table>",
        date(2025, 4, 3),
        "县教育体育局",
    ),
    # VSB: titlestyle/timestyle cells; the unlabelled authorstyle is not taken as the source
    "vsb": (
        "http://www.dayao.gov.cn/info/1014/912799.htm",
        f"<title>{TITLE}-大姚县人民政府</title><form name='_newscontent_fromname'><table><tr>"
        f"<td class='titlestyle169287'>{TITLE}</td></tr><tr><td><span class='timestyle169287'>"
        "2025-04-03 10:21&nbsp;</span><span class='authorstyle169287'>县教育体育局</span>点击："
        f"</td></tr><tr><td><div id='vsb_content'><div class='v_news_content'>{PROSE}</div></div>"
        "</td></tr></table></form>",
        date(2025, 4, 3),
        None,
    ),
    # Dedecms: labels in <small>, ASCII colons, 作者 and 点击 on the same line
    "dedecms": (
        "http://www.dayao.gov.cn/a/xwzx/2025/0403/12.html",
        f"<title>{TITLE}_新闻中心_大姚县人民政府</title><div class='position'>当前位置：<a>主页</a>"
        f" &gt; <a>新闻中心</a> &gt;</div><div class='title'><h2>{TITLE}</h2></div><div class="
        "'info'><small>时间:</small>2025-04-03 10:21<small>来源:</small>县教育体育局 <small>作者:"
        f"</small>admin <small>点击:</small>次</div><div class='content'>{PROSE}</div>",
        date(2025, 4, 3),
        "县教育体育局",
    ),
    # gov.cn / Ucap: an unlabelled date on the info line, 来源 with a space after the colon
    "ucap": (
        "http://www.gov.cn/xinwen/2025-04/03/content_5.htm",
        f"<title>{TITLE}_滚动新闻_中国政府网</title><div class='pages-title'>{TITLE}</div>"
        "<div class='pages-date'>2025-04-03 10:21 <span class='font'>来源： 新华社</span>"
        f" <span>【字体：大 中 小】</span></div><div id='UCAP-CONTENT'>{PROSE}</div>",
        date(2025, 4, 3),
        "新华社",
    ),
    # hand-made: 来源 first, full-width spaces, a Chinese date
    "handmade": (
        "http://www.dayao.gov.cn/news/show.asp?id=1",
        f"<div class='con_title'><h1>{TITLE}</h1><p>来源：县教育体育局\u3000\u3000"
        f"发布日期：2025年4月3日</p></div><div class='con'>{PROSE}</div>",
        date(2025, 4, 3),
        "县教育体育局",
    ),
    "bracketed-date": (
        "http://www.dayao.gov.cn/news/1.html",
        f"<h1>{TITLE}</h1><div class='sub'>[2025-04-03]</div>"
        f"<div class='article_con'>{PROSE}</div>",
        date(2025, 4, 3),
        None,
    ),
    "date-after-author": (
        "http://www.dayao.gov.cn/news/2.html",
        f"<h2 class='tit'>{TITLE}</h2><div>作者：张三 2025-04-03 浏览：12</div><div class='zw'>"
        f"{PROSE}</div>",
        date(2025, 4, 3),
        None,
    ),
}


@pytest.mark.parametrize("name", ARTICLES)
def test_article_shapes(name):
    url, body, published, source = ARTICLES[name]
    page = Page.from_bytes(url, f"<html><body>{body}</body></html>".encode(), "text/html")
    reading = read_page(page)
    assert reading.kind == "article"
    assert reading.article.title == TITLE
    assert reading.article.published_at is not None
    assert reading.article.published_at.date() == published
    assert reading.article.source == source


def rows(prefix: str, count: int, day: str = "2025-04-") -> str:
    return "".join(
        f"<li><a href='{prefix}/202504/t202504{i:02d}_{i}.html'>县某单位开展第{i}项工作的"
        f"情况通报</a><span>{day}{i:02d}</span></li>"
        for i in range(1, count + 1)
    )


def test_an_article_with_a_dated_related_links_list_is_an_article():
    body = (
        f"<h1>{TITLE}</h1><p>发布时间：2025-04-03</p><div class='TRS_Editor'>{PROSE * 2}</div>"
        f"<div class='xglj'><h3>相关链接</h3><ul>{rows('/bmdt', 15, '2025-03-')}</ul></div>"
    )
    page = Page.from_bytes("http://www.dayao.gov.cn/bmdt/202504/t20250403_1.html",
                           f"<html><body>{body}</body></html>".encode(), "text/html")  # fmt: skip
    assert read_page(page).kind == "article"


def test_a_rendered_home_page_full_of_dated_links_is_a_home_page():
    blocks = "".join(
        f"<div class='box'><h2>栏目{b}</h2><ul>{rows(f'/c{b}', 8, '04-')}</ul></div>"
        for b in range(4)
    )
    body = f"<h1>大姚县人民政府</h1>{blocks}<div class='intro'>{PROSE * 3}</div>"
    page = Page.from_bytes("http://www.dayao.gov.cn/", f"<html><body>{body}</body></html>".encode(),
                           "text/html")  # fmt: skip
    assert read_page(page).kind == "home"


def test_a_column_list_page_is_a_list():
    body = f"<h2>部门动态</h2><ul class='list'>{rows('.', 20)}</ul>"
    page = Page.from_bytes("http://www.dayao.gov.cn/bmdt/index.html",
                           f"<html><body>{body}</body></html>".encode(), "text/html")  # fmt: skip
    reading = read_page(page)
    assert reading.kind == "list"
    assert len(reading.listing.entries) == 20


def test_an_undated_article_is_still_an_article():
    body = f"<h1>{TITLE}</h1><div class='TRS_Editor'>{PROSE * 2}</div>"
    page = Page.from_bytes("http://www.dayao.gov.cn/bmdt/202504/t20250403_2.html",
                           f"<html><body>{body}</body></html>".encode(), "text/html")  # fmt: skip
    reading = read_page(page)
    assert reading.kind == "article"
    assert reading.article.published_at is None  # 要素不全, never a guessed date


def test_a_short_notice_beside_a_sidebar_of_dated_links_is_an_article():
    notice = "因设备检修，县图书馆于4月5日至6日闭馆两天，4月7日起恢复开放。特此通知。"
    body = (
        f"<h1>关于县图书馆闭馆的通知</h1><p>发布时间：2025-04-03</p><div class='TRS_Editor'>"
        f"<p>{notice}</p><p>县图书馆</p></div><div class='side'><h3>最新动态</h3>"
        f"<ul>{rows('/xw', 7)}</ul></div>"
    )
    page = Page.from_bytes("http://www.dayao.gov.cn/tzgg/202504/t20250403_9.html",
                           f"<html><body>{body}</body></html>".encode(), "text/html")  # fmt: skip
    assert read_page(page).kind == "article"
