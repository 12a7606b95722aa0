"""Publication dates as printed on county portals → Beijing-time datetimes, never guessed."""

from datetime import datetime

import pytest

from core.periods import BEIJING
from spiders.dates import line_date, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-04-01 10:30", datetime(2025, 4, 1, 10, 30)),
        ("2025-04-01 10:30:15", datetime(2025, 4, 1, 10, 30, 15)),
        ("2025年04月01日", datetime(2025, 4, 1)),
        ("2025年4月1日 10时30分", datetime(2025, 4, 1, 10, 30)),
        ("2025/4/1", datetime(2025, 4, 1)),
        ("2025.04.01", datetime(2025, 4, 1)),
        ("[ 2025-04-01 ]", datetime(2025, 4, 1)),
        ("２０２５年０４月０１日", datetime(2025, 4, 1)),
        ("发布时间：2025-06-30 23:59", datetime(2025, 6, 30, 23, 59)),
        ("2016/11/11 9:37:15", datetime(2016, 11, 11, 9, 37, 15)),
    ],
)
def test_forms_seen_on_portals(text, expected):
    assert parse_date(text) == expected.replace(tzinfo=BEIJING)


def test_iso_with_zone_is_converted_to_beijing_time():
    # 16:30 UTC on 30 June is already 1 July in Beijing: the month changes
    assert parse_date("2025-06-30T16:30:00Z") == datetime(2025, 7, 1, 0, 30, tzinfo=BEIJING)


@pytest.mark.parametrize("text", ["", None, "04-01", "2025-02-30", "2025年第二季度", "二〇二五年"])
def test_unreadable_dates_are_none_not_guessed(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("发布日期:2025-04-03", datetime(2025, 4, 3)),  # ASCII colon
        ("发布时间：2025年4月3日", datetime(2025, 4, 3)),
        ("时间： 2025-04-09 09:02", datetime(2025, 4, 9, 9, 2)),
        ("日期：2025/4/3 来源：县政府办", datetime(2025, 4, 3)),
        ("作者：张三 2025-04-03", datetime(2025, 4, 3)),  # after 作者, no label
        ("[2025-04-03]", datetime(2025, 4, 3)),
        ("【 2025-04-03 】", datetime(2025, 4, 3)),
        ("2025-04-03 10:21 来源：县教育体育局 浏览次数：", datetime(2025, 4, 3, 10, 21)),
        ("来源：县医保局 | 发布时间：2025-04-03 | 浏览次数：", datetime(2025, 4, 3)),
        ("成文日期：2025-03-01 发布日期：2025-04-01", datetime(2025, 4, 1)),
    ],
)
def test_the_page_own_date_on_its_info_line(line, expected):
    assert line_date(line) == expected.replace(tzinfo=BEIJING)


@pytest.mark.parametrize(
    "line",
    [
        "成文日期：2025-03-01",  # the document's date, not its publication
        "更新时间：2025-04-03",
        "报名时间：2025-04-03至2025-04-10",
        "今天是2025年4月3日 星期四",  # the header clock
        "关于2025年4月3日召开防汛会议的通知",  # a date in a sentence
        "来源：县林草局",
    ],
)
def test_dates_that_are_not_the_page_own_are_none(line):
    assert line_date(line) is None


def test_labelled_only_ignores_a_bare_date():
    assert line_date("2025-04-03", unlabelled=False) is None
    assert line_date("发布时间：2025-04-03", unlabelled=False) is not None


def test_a_bare_date_can_be_refused():
    assert line_date("[2025-04-03]", bare=False) is None
    assert line_date("2025-04-03 来源：县林草局", bare=False) is not None
