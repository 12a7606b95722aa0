"""Hanweb JCMS family: datastore list, dataproxy answer and a 信息公开 article (UTF-8)."""

from datetime import datetime
from urllib.parse import parse_qs, urlsplit

from core.periods import BEIJING
from spiders.portal.article import extract_article
from spiders.portal.listing import parse_hanweb_proxy, parse_list
from tests.conftest import saved_page

LIST = saved_page("hanweb_list")
PROXY = saved_page("hanweb_dataproxy")
ARTICLE = saved_page("hanweb_article_card")


def test_records_embedded_in_the_datastore():
    listing = parse_list(LIST)
    assert listing.family == "hanweb"
    assert len(listing.entries) == 45
    first = listing.entries[0]
    assert first.url == "http://xxgk.dayao.gov.cn/art/2025/6/30/art_1001_90047.html"
    assert first.title == "大姚县人民政府关于印发大姚县2025年防汛抗旱应急预案的通知"
    assert first.date == datetime(2025, 6, 30, tzinfo=BEIJING)
    # a date in <i> instead of <span>
    assert listing.entries[2].date == datetime(2025, 5, 20, tzinfo=BEIJING)


def test_remaining_records_are_posted_to_dataproxy_like_the_browser_does():
    (more,) = parse_list(LIST).more
    parts = urlsplit(more.url)
    assert parts.path == "/module/web/jpage/dataproxy.jsp"
    assert parse_qs(parts.query) == {"startrecord": ["46"], "endrecord": ["50"], "perpage": ["15"]}
    assert more.method == "POST"
    form = dict(more.form)
    assert form["columnid"] == "1001" and form["unitid"] == "4001" and form["webid"] == "12"
    assert form["sourceContentType"] == "1" and form["col"] == "1"
    assert form["webname"] == "大姚县人民政府"


def test_dataproxy_answer_records():
    entries = parse_hanweb_proxy(PROXY)
    assert [e.url.rsplit("/", 1)[-1] for e in entries] == [
        "art_1001_90004.html",
        "art_1001_90003.html",
    ]
    assert entries[1].date == datetime(2025, 2, 14, tzinfo=BEIJING)


def test_info_card_gives_date_and_source_when_meta_tags_are_missing():
    article = extract_article(ARTICLE)
    assert article.meta.get("PubDate") is None
    assert article.published_at == datetime(2025, 5, 20, tzinfo=BEIJING)  # 发布日期, not 成文日期
    assert article.date_source == "infocard"
    assert article.source == "大姚县医疗保障局"
    assert article.source_from == "infocard"
    assert article.info_card["index_no"] == "11532326MB1A23456X/2025-00045"
    assert article.info_card["doc_no"] == "姚医保发〔2025〕8号"
    assert article.info_card["written"] == "2025年05月16日"


def test_body_is_cut_at_the_zjeg_markers():
    article = extract_article(ARTICLE)
    assert article.title == "大姚县医疗保障局关于调整城乡居民医保门诊待遇的通知"
    assert article.text.startswith("各乡镇医保工作站")
    assert article.text.endswith("2025年5月16日")
    assert "索引号" not in article.text and "网站标识码" not in article.text
    assert article.column == "政策文件"


def test_visible_line_only_page_without_any_charset_declaration():
    page = saved_page("plain_article_gb18030")
    assert page.charset == "gb18030" and page.charset_source == "detected"
    article = extract_article(page)
    assert article.title == "六苴镇召开脱贫攻坚成果巩固工作推进会"
    assert article.published_at == datetime(2025, 5, 8, tzinfo=BEIJING)
    assert article.source == "六苴镇人民政府"
    assert "李堃" in article.text
