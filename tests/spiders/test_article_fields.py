"""Title and date rules on small pages shaped like the county templates they come from."""

from __future__ import annotations

from datetime import datetime

import pytest

from core.periods import BEIJING
from spiders.page import Page
from spiders.portal.article import extract_article
from spiders.portal.title import common_title_tail, strip_site_suffix

URL = "http://www.dayao.gov.cn/bmdt/202504/t20250403_1.html"
PROSE = "<p>" + "4月2日，县教育体育局召开春季学期安全工作会议，部署校园安全工作。" * 6 + "</p>"


def read(html: str, **kwargs):
    page = Page.from_bytes(URL, html.encode("utf-8"), "text/html; charset=utf-8")
    return extract_article(page, **kwargs)


def test_a_page_without_its_own_date_is_undated_and_keeps_the_list_date_apart():
    listed = datetime(2025, 4, 3, tzinfo=BEIJING)
    article = read(f"<html><body><h1>县教育体育局召开安全工作会议</h1>{PROSE}</body></html>",
                   list_date=listed)  # fmt: skip
    assert article.published_at is None and article.date_source is None
    assert article.list_date == listed


def test_the_signature_date_at_the_end_of_a_notice_is_not_the_publication_date():
    html = (
        "<html><body><h1>关于做好春季防火工作的通知</h1>"
        f"<div class='TRS_Editor'>{PROSE}<p>大姚县人民政府办公室</p><p>2025年3月28日</p></div>"
        "</body></html>"
    )
    assert read(html).published_at is None


def test_the_header_clock_is_not_the_page_date():
    html = (
        "<html><body><div class='top'>今天是：2025年4月3日 星期四</div>"
        f"<h1>县教育体育局召开安全工作会议</h1><div class='TRS_Editor'>{PROSE}</div></body></html>"
    )
    assert read(html).published_at is None


def test_the_heading_above_the_info_line_beats_the_breadcrumb_and_the_column_banner():
    html = (
        "<html><head><title>部门动态_大姚县人民政府</title></head><body>"
        "<h2 class='banner'>部门动态</h2>"
        "<h3>当前位置：首页 &gt; 部门动态</h3>"
        "<h5>县教育体育局召开2025年春季学期安全工作会议</h5>"
        "<div class='info'><b>发布时间：2025-04-03 16:20</b> <i>来源：</i>县教育体育局</div>"
        f"<div class='TRS_Editor'>{PROSE}</div>"
        "<div class='side'><h5>大姚县人民政府</h5></div></body></html>"
    )
    article = read(html)
    assert article.title == "县教育体育局召开2025年春季学期安全工作会议"
    assert article.published_at == datetime(2025, 4, 3, 16, 20, tzinfo=BEIJING)
    assert article.source == "县教育体育局"


def test_a_subtitle_below_the_heading_is_not_the_title():
    html = (
        "<html><head><title>山西品牌丝路行正式启动 - 山西省人民政府门户网站</title></head><body>"
        "<h2>山西品牌丝路行正式启动</h2><h3>成功举办双向经贸投资推介会</h3>"
        f"<p>时间：2019-09-18 06:23 来源：山西日报</p><div id='zoom'>{PROSE}</div></body></html>"
    )
    assert read(html).title == "山西品牌丝路行正式启动"


def test_markup_inside_a_meta_title_is_removed():
    html = (
        "<html><head><meta name='ArticleTitle' content='关于&lt;br&gt;开展安全检查的通知'>"
        f"</head><body>{PROSE}</body></html>"
    )
    assert read(html).title == "关于 开展安全检查的通知"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("关于开展安全检查的通知_大姚县人民政府", "关于开展安全检查的通知"),
        ("关于开展安全检查的通知-大姚县人民政府网站", "关于开展安全检查的通知"),
        ("关于开展安全检查的通知 | 大姚县人民政府", "关于开展安全检查的通知"),
        ("关于开展安全检查的通知_部门动态_大姚县人民政府", "关于开展安全检查的通知_部门动态"),
        ("关于开展安全检查的通知_彝州大姚", "关于开展安全检查的通知"),  # the portal's own name
        ("2025-2026学年校历安排", "2025-2026学年校历安排"),  # a hyphen inside the title
    ],
)
def test_the_site_name_tail_of_a_title_tag_is_removed(head, expected):
    assert strip_site_suffix(head, ("彝州大姚",)) == expected


def test_title_tag_is_the_fallback_without_its_tail_when_the_page_shows_the_rest():
    html = (
        "<html><head><title>中华人民共和国监察法-纪检</title></head><body>"
        "<span class='STYLE8'>中华人民共和国监察法</span>"
        f"<div id='vsb_content'>{PROSE}</div></body></html>"
    )
    assert read(html).title == "中华人民共和国监察法"


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("来源：县林草局 发布时间：2025-04-03", "县林草局"),
        ("来源：大姚县人民政府办公室 2025-04-03", "大姚县人民政府办公室"),
        ("文章来源：县教育体育局|作者：李四", "县教育体育局"),
        ("信息来源：县医保局 【打印】", "县医保局"),
        ("来源：新华社 编辑：王五", "新华社"),
        ("来源： 作者：张三 发布时间：2025-04-03", None),  # the label is there, the source is not
        ("来源：【字体：大 中 小】", None),
    ],
)
def test_source_on_the_info_line(line, source):
    html = (
        f"<html><body><h1>县教育体育局召开安全工作会议</h1><div>{line}</div>{PROSE}</body></html>"
    )
    assert read(html).source == source


def test_a_source_in_the_block_after_its_label():
    html = (
        "<html><body><h1>县教育体育局召开安全工作会议</h1><ul class='info'>"
        f"<li>发布时间：2025-04-03</li><li>来源：</li><li>县林草局</li></ul>{PROSE}</body></html>"
    )
    assert read(html).source == "县林草局"


def test_an_event_date_on_the_info_line_is_not_the_publication_date():
    html = f"<html><body><h1>关于开放县图书馆的通知</h1><p>开放时间：2025-04-03</p>{PROSE}</body>"
    assert read(html).published_at is None


def test_the_common_tail_of_a_site_titles_is_its_name():
    heads = [
        "关于开展安全检查的通知_彝州大姚",
        "县林草局部署防火工作_彝州大姚",
        "2025-2026学年校历安排_彝州大姚",
        "首页",
    ]
    assert common_title_tail(heads) == "彝州大姚"
    assert common_title_tail(heads[:1]) is None  # one page says nothing about the site
    assert common_title_tail(["甲通知_县教育局", "乙通知_县林草局", "丙通知_县医保局"]) is None


def test_a_title_ending_like_a_site_name_is_still_the_title():
    title = "关于进一步做好全县基层政务信息公开"
    html = f"<html><body><h1>{title}</h1><p>发布时间：2025-04-03</p>{PROSE}</body></html>"
    assert read(html).title == title


def test_a_signature_date_in_a_body_that_holds_the_title_is_not_the_date():
    # some templates put the heading inside the body container, and a notice is short
    html = (
        "<html><body><div id='zoom'><h1>关于恢复轮渡渡运的通告</h1>"
        f"{PROSE}<p>县人民政府办公室</p><p>2025年3月28日</p></div></body></html>"
    )
    assert read(html).published_at is None


def test_a_sidebar_date_just_above_a_body_found_without_its_title_is_not_taken():
    # the title is known only from <title>; the lines above the body are a sidebar list
    html = (
        "<html><head><title>县教育体育局召开会议_大姚县人民政府</title></head><body>"
        "<ul class='side'><li><a href='/a.html'>县林草局部署防火</a></li><li>2025-04-01</li></ul>"
        f"<div class='TRS_Editor'>{PROSE}</div></body></html>"
    )
    assert read(html).published_at is None
