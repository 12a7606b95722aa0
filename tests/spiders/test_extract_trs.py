"""TRS WCM family: GBK article and list pages saved as raw bytes."""

from datetime import datetime

from core.periods import BEIJING
from spiders.portal.article import extract_article
from spiders.portal.listing import parse_list
from tests.conftest import saved_page

ARTICLE = saved_page("trs_article_gbk")
LIST = saved_page("trs_list_gbk")


def test_gb2312_declaration_decodes_gbk_only_characters():
    assert ARTICLE.charset == "gb18030"
    assert ARTICLE.charset_source == "meta"
    assert "王玥" in ARTICLE.text  # 玥 is not in GB2312


def test_article_fields_from_lower_case_meta_tags():
    article = extract_article(ARTICLE)
    assert article.title == "县教育体育局召开2025年春季学期安全工作会议"
    assert article.published_at == datetime(2025, 4, 3, 16, 20, tzinfo=BEIJING)
    assert article.date_source == "meta"
    assert article.source == "大姚县教育体育局"
    assert article.column == "部门动态"
    assert article.meta["SiteIDCode"] == "5323260001"


def test_article_body_is_the_editor_block_without_page_chrome():
    text = extract_article(ARTICLE).text
    assert text.startswith("4月2日，县教育体育局召开")
    assert "六苴镇中学" in text
    for chrome in ("网站标识码", "字体", "政务要闻", "滇ICP备"):
        assert chrome not in text


def test_attachments_include_the_one_written_by_document_write():
    urls = [a["url"] for a in extract_article(ARTICLE).attachments]
    assert urls == [
        "http://www.dayao.gov.cn/bmdt/202504/P020250403562874518276.pdf",
        "http://www.dayao.gov.cn/bmdt/202504/P020250403562874518277.xlsx",
    ]


def test_list_entries_exclude_the_sidebar_and_keep_full_titles():
    listing = parse_list(LIST)
    assert LIST.charset == "gb18030" and LIST.charset_source == "header"
    assert [e.url.rsplit("/", 1)[-1] for e in listing.entries] == [
        "t20250403_1234567.html",
        "t20250403_1234566.html",
        "t20250402_1234565.html",
        "t20250401_1234564.html",
        "t20250331_1234563.html",
        "t20250330_1234562.html",
    ]
    # title attribute, not the truncated/marked-up link text
    assert listing.entries[2].title == "县林草局部署森林草原防灭火工作"
    assert listing.entries[3].title == "县交通运输局开展道路运输安全检查"
    assert listing.entries[2].date == datetime(2025, 4, 2, tzinfo=BEIJING)
    assert listing.entries[5].url == "http://www.dayao.gov.cn/xzdt/202503/t20250330_1234562.html"


def test_form_a_pager_uses_live_count_not_the_commented_call():
    listing = parse_list(LIST)
    assert listing.family == "trs"
    assert [p.url for p in listing.more] == [
        "http://www.dayao.gov.cn/bmdt/index_1.html",
        "http://www.dayao.gov.cn/bmdt/index_2.html",
        "http://www.dayao.gov.cn/bmdt/index_3.html",
    ]
