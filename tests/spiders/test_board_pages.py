"""Reading 网民留言 detail pages and the home page's dated blocks, on the markup families
county CMSs use (label cells beside value cells, `label：value` lines, MM-DD tabs)."""

from __future__ import annotations

from datetime import datetime

import pytest

from core.board import classify, normalise_type
from core.failures import TemplateChanged
from core.periods import BEIJING
from spiders.page import Page
from spiders.portal.board import read_message
from spiders.portal.home import home_dates

URL = "http://127.0.0.1:9/hdjl/detail.html?id=7"


def page(html: str, url: str = URL) -> Page:
    return Page.from_bytes(url, html.encode("utf-8"), "text/html; charset=utf-8")


def test_label_cells_beside_value_cells():
    message = read_message(
        page(
            "<table><tr><td>留言标题：</td><td>咨询社保卡补办</td><td>留言时间</td>"
            "<td>2025-04-03 10:20</td></tr><tr><td>留言类型</td><td>咨询类</td>"
            "<td>承办单位</td><td>大姚县人力资源和社会保障局</td></tr>"
            "<tr><td>办理状态</td><td>已回复</td></tr><tr><td>回复时间</td><td>2025年4月8日</td></tr>"
            "<tr><td>回复内容</td><td>请到县政务服务中心办理。</td></tr></table>"
        ),
        "http://127.0.0.1:9/hdjl/",
    )
    assert message.title == "咨询社保卡补办"
    assert message.asked_at == datetime(2025, 4, 3, 10, 20, tzinfo=BEIJING)
    assert (message.msg_type, message.type_shown, message.type_inferred) == (
        "政务咨询",
        "咨询类",
        False,
    )
    assert message.unit == "大姚县人力资源和社会保障局"
    assert message.replied and message.replied_at == datetime(2025, 4, 8, tzinfo=BEIJING)
    assert message.reply_text == "请到县政务服务中心办理。"


def test_label_value_lines_and_a_reply_without_its_time():
    message = read_message(
        page(
            "<div class='jact_box'><p>信件标题：反映小区噪音扰民问题</p><p>来信时间：2025-05-06</p>"
            "<p>答复单位：金碧镇人民政府</p><p>信件状态：已办结</p><p>答复内容：已协调处理。</p></div>"
        ),
        "http://127.0.0.1:9/hdjl/",
    )
    assert message.title == "反映小区噪音扰民问题"
    assert message.unit == "金碧镇人民政府"
    # no type on the page: inferred from the words of the title, and marked so
    assert (message.msg_type, message.type_inferred) == ("投诉举报", True)
    # replied, time unknown — never "unanswered"
    assert message.replied and message.replied_at is None


def test_a_placeholder_is_no_reply():
    message = read_message(
        page(
            "<table><tr><th>留言标题</th><td>建议增设公交站点</td></tr><tr><th>留言时间</th>"
            "<td>2025-03-01</td></tr><tr><th>办理状态</th><td>办理中</td></tr>"
            "<tr><th>回复内容</th><td>暂无回复</td></tr></table>"
        ),
        "http://127.0.0.1:9/hdjl/",
    )
    assert not message.replied and message.reply_text == "" and message.replied_at is None


def test_a_page_without_the_board_labels_is_a_failure_not_an_unanswered_message():
    with pytest.raises(TemplateChanged):
        read_message(page("<html><body><p>系统维护中，请稍后访问。</p></body></html>"), "x")


@pytest.mark.parametrize(
    ("shown", "expected"),
    [("政务咨询", "政务咨询"), ("咨询", "政务咨询"), ("投诉类", "投诉举报"), ("求助", "服务诉求"),
     ("建议", "意见建议"), ("其他", None), (None, None)],
)  # fmt: skip
def test_types_as_boards_print_them(shown, expected):
    assert normalise_type(shown) == expected


def test_the_keyword_classifier():
    assert classify("举报某工地夜间施工扰民") == "投诉举报"
    assert classify("关于增设路灯的建议") == "意见建议"
    assert classify("申请办理低保") == "服务诉求"
    assert classify("请问医保如何异地备案") == "政务咨询"


def test_home_page_dated_blocks_keep_month_day_dates_as_printed():
    item = home_dates(
        page(
            "<ul class='news'><li><a href='/a/1.html' title='县政府召开常务会议'>"
            "县政府召开常务会议</a>"
            "<span>06-28</span></li><li><a href='/a/2.html'>关于防汛工作的通知公告</a>"
            "<span>2025-06-20</span></li><li><a href='/xwdt/'>新闻动态</a></li>"
            "<li><a href='/a/3.html'>无日期的一条信息标题</a></li></ul>",
            "http://127.0.0.1:9/",
        )
    )
    assert [(e[0], e[2], e[3]) for e in item.entries] == [
        ("县政府召开常务会议", None, "06-28"),
        ("关于防汛工作的通知公告", datetime(2025, 6, 20, tzinfo=BEIJING), None),
    ]
    assert item.undated == 1  # the short navigation link is not counted
