"""List and card markups seen on real portals (docs/research/cms-structures.md), inline."""

from datetime import datetime

from core.periods import BEIJING
from spiders.page import Page
from spiders.portal.article import read_info_card
from spiders.portal.listing import entries_in, parse_hanweb_proxy, parse_list

BASE = "http://www.dayao.gov.cn/zwgk/tzgg/"


def page(html: str, url: str = BASE) -> Page:
    return Page.from_bytes(url, html.encode("utf-8"), "text/html; charset=utf-8")


def test_old_trs_table_rows_with_the_date_in_its_own_cell():
    rows = "".join(
        f'<tr><td><img src="dot.gif"></td><td><a href="./2020090{i}/t2020090{i}_{i}.html">'
        f"第{i}号通知的标题文字</a></td><td>2020-09-0{i}</td></tr>"
        for i in range(1, 5)
    )
    found = entries_in(page(f"<table class='gl_list'>{rows}</table>").sel, page("<p/>"))
    assert [e.date.day for e in found] == [1, 2, 3, 4]
    assert found[0].title == "第1号通知的标题文字"


def test_hanweb_record_with_the_date_inside_the_link_and_no_title_attribute():
    xml = (
        "<datastore><recordset>"
        "<record><![CDATA[<li><a href='/art/2024/3/1/art_5102_1.html'><span>县人社局关于公布"
        "事业单位公开招聘结果的公告</span><i>2024-03-01</i></a></li>]]></record>"
        "<record><![CDATA[<li><a href='/art/2024/2/8/art_5102_2.html'><span>关于聘任"
        "工作人员的公示</span><i>2024-02-08</i></a></li>]]></record>"
        "</recordset></datastore>"
    )
    found = parse_hanweb_proxy(page(xml, "http://xxgk.dayao.gov.cn/module/web/jpage/dataproxy.jsp"))
    assert len(found) == 2  # a short last group is still a list
    assert found[0].title == "县人社局关于公布事业单位公开招聘结果的公告"
    assert found[0].date == datetime(2024, 3, 1, tzinfo=BEIJING)


def test_footer_links_never_join_a_dated_list():
    items = "".join(
        f'<li><a href="./2025040{i}/t2025040{i}_{i}.html">关于第{i}项工作的通知</a>'
        f"<span>2025-04-0{i}</span></li>"
        for i in range(1, 6)
    )
    footer = (
        '<div class="foot"><a href="/xqgk/">关于本站</a> <a href="/zfxxgk/">网站地图</a>'
        ' <a href="/hdjl/">联系我们</a></div>'
    )
    for _ in range(20):  # grouping must not depend on which element proxies are alive
        found = parse_list(page(f"<ul class='list'>{items}</ul>{footer}")).entries
        assert [e.url.rsplit("_", 1)[-1] for e in found] == [f"{i}.html" for i in range(1, 6)]


def test_card_label_with_an_empty_value_takes_nothing_from_the_next_label():
    card = page(
        '<ul class="ov"><li class="fl">索 引 号：11532326/2025-00012</li>'
        '<li class="fl">文 号：</li><li class="fl">有 效 性：有效</li>'
        '<li class="fl">发布机构：大姚县人力资源和社会保障局</li></ul>'
    )
    found = read_info_card(card)
    assert "doc_no" not in found
    assert found["validity"] == "有效"
    assert found["publisher"] == "大姚县人力资源和社会保障局"
    assert found["index_no"] == "11532326/2025-00012"


def test_link_wrapped_in_a_span_next_to_the_date():
    rows = "".join(
        f'<li><span class="tit"><a href="./202504/t2025040{i}_{i}.html">关于第{i}项工作的通知</a>'
        f'</span><span class="date">2025-04-0{i}</span></li>'
        for i in range(1, 4)
    )
    found = parse_list(page(f"<ul>{rows}</ul>")).entries
    assert [e.date.day for e in found] == [1, 2, 3]


def test_div_rows():
    rows = "".join(
        f'<div class="item"><div class="t"><a href="/art/2025/4/{i}/art_1_{i}.html">'
        f'第{i}条工作动态标题</a></div><div class="d">2025-04-0{i}</div></div>'
        for i in range(1, 4)
    )
    found = parse_list(page(f"<div class='list'>{rows}</div>")).entries
    assert [e.date.day for e in found] == [1, 2, 3]


def test_site_name_heading_is_not_the_article_title():
    from spiders.portal.article import extract_article

    html = (
        "<html><head><title>关于做好防汛工作的通知_大姚县人民政府</title></head><body>"
        '<div class="header"><h1>大姚县人民政府</h1></div>'
        '<div class="detail"><h2 class="title">关于做好防汛工作的通知</h2>'
        "<div class='info'>发布时间：2025-06-01 来源：县应急管理局</div>"
        "<div class='content'><p>各乡镇、各部门：请认真做好防汛工作。</p></div></div></body></html>"
    )
    article = extract_article(page(html, BASE + "202506/t20250601_1.html"))
    assert article.title == "关于做好防汛工作的通知"
    assert article.source == "县应急管理局"
