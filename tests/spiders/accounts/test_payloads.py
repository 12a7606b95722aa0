"""Each adapter's reading of the real saved payloads (tests/files/newmedia/, see SOURCES.md)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from core.periods import BEIJING
from spiders.accounts import sogou
from spiders.accounts.base import AccountFailure, Reply
from spiders.accounts.bilibili import parse_videos, sign
from spiders.accounts.douyin import page_state, parse_posts
from spiders.accounts.feed import parse_feed
from spiders.accounts.wechat import backend_posts, judge_backend
from spiders.accounts.weibo import judge_envelope, mblogs, to_post
from spiders.accounts.wxarticle import read_article

FILES = Path(__file__).parents[2] / "files" / "newmedia"


def raw(name: str) -> bytes:
    return (FILES / name).read_bytes()


def reply(name: str, url: str = "https://example.invalid/", **headers: str) -> Reply:
    ctype = "text/html; charset=utf-8" if name.endswith(".html") else "application/json"
    return Reply(url, 200, {"content-type": ctype, **headers}, raw(name))


API = Reply("https://m.weibo.cn/api/container/getIndex", 200, {}, b"{}")


def test_weibo_cards_2019_read_against_the_reference_year():
    data = json.loads(raw("m_getIndex_containerid-107603_cards_2019.json"))
    judge_envelope(API, data)
    reference = datetime(2019, 6, 20, tzinfo=BEIJING)
    posts = [to_post(c, m, reference, "1669879400") for c, m in mblogs(data["data"]["cards"])]
    assert [p.published_at.date().isoformat() for p in posts] == [
        "2019-06-14", "2019-06-14", "2019-06-11", "2019-06-09", "2019-06-09",
    ]  # fmt: skip
    assert posts[1].repost and not posts[0].repost
    assert not any(p.pinned for p in posts)  # mblogtype 1 is not 置顶
    assert posts[0].url == "https://weibo.com/1669879400/HyTZc60ew"
    assert "[偷笑]" not in posts[0].text and posts[0].text.startswith("搬完这块砖")


def test_weibo_pinned_marks():
    data = json.loads(raw("m_getIndex_containerid-107603_cards_2019.json"))
    card = data["data"]["cards"][0]
    reference = datetime(2019, 6, 20, tzinfo=BEIJING)
    for change in ({"mblogtype": 2}, {"isTop": 1}, {"title": {"text": "置顶"}}):
        mblog = {**card["mblog"], **change}
        assert to_post(card, mblog, reference, "1").pinned
    assert to_post(
        {**card, "profile_type_id": "proweibotop_"}, card["mblog"], reference, "1"
    ).pinned


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        ({"ok": -100, "url": "https://passport.weibo.cn/signin/welcome"}, "login_wall"),
        ({"ok": 0, "url": "https://security.weibo.com/captcha/geetest"}, "captcha"),
        ({"ok": 0, "msg": "这里还没有内容"}, "empty_list"),  # on a first post page
    ],
)
def test_weibo_envelopes_that_are_failures(answer, code):
    with pytest.raises(AccountFailure) as caught:
        judge_envelope(API, answer, first_posts=True)
    assert caught.value.code == code


def test_weibo_end_of_list_after_real_pages_is_normal():
    judge_envelope(API, {"ok": 0, "msg": "这里还没有内容"}, first_posts=False)


def test_weibo_mymblog_full_form():
    data = json.loads(raw("weibo_com_ajax_statuses_mymblog_2021.json"))
    mblog = data["data"]["list"][0]
    post = to_post({}, mblog, datetime(2030, 1, 1, tzinfo=BEIJING), "1")
    assert post.published_at == datetime(2021, 2, 23, 12, 28, 47, tzinfo=BEIJING)


def test_douyin_pinned_first_list_latest_is_not_item_zero():
    items = json.loads(raw("aweme_list_items_pinned_first_2024-03.json"))
    posts = parse_posts({"aweme_list": items})
    assert [p.pinned for p in posts] == [True, True, True, False, False, False]
    latest = max(p.published_at for p in posts if not p.pinned)
    assert latest.date().isoformat() == "2024-03-09"
    assert posts[0].published_at.year == 2021  # the first item is years old


def test_douyin_envelope_2023():
    data = json.loads(raw("web_aweme_post_2023-03.json"))
    assert data["status_code"] == 0 and data["max_cursor"] == 1673771886000
    (post,) = parse_posts(data)
    assert post.published_at == datetime.fromtimestamp(1673771886, BEIJING)
    assert post.post_id == "7188795449468259623" and post.text == "艾特身边最像它的人来看"


def test_douyin_captcha_page():
    with pytest.raises(AccountFailure) as caught:
        page_state('<html><head><title>验证码中间页</title></head><div id="captcha_container">')
    assert caught.value.stop_platform


def test_wechat_backend_multi_article_push():
    data = json.loads(raw("mp_cgi-bin_appmsg_list_ex_2024-03.json"))
    judge_backend(data)
    posts = backend_posts(data)
    assert len(posts) == 2 and {p.push_id for p in posts} == {"2652432579"}
    assert posts[0].published_at == datetime.fromtimestamp(1709782301, BEIJING)


def test_wechat_backend_invalid_session_is_credentials_failure():
    with pytest.raises(AccountFailure) as caught:
        judge_backend({"base_resp": {"ret": 200003, "err_msg": "invalid session"}})
    assert caught.value.code == "credentials"


def test_sogou_chooses_by_wechat_id_not_the_first_result():
    found = sogou.parse_accounts(reply("sogou_search_account_type1_2017.html"))
    assert found[0].wechat_id == "sdgkzn"
    assert found[0].article_time == datetime.fromtimestamp(1500773936, BEIJING)
    other = found[1]
    chosen = sogou.choose(found, other.wechat_id.upper(), "whatever")
    assert chosen is other
    with pytest.raises(AccountFailure):
        sogou.choose(found, "no-such-id", "x")


def test_sogou_antispider_page_is_a_block():
    assert sogou.blocked(reply("sogou_search_antispider_2017.html"))
    assert not sogou.blocked(reply("sogou_search_account_type1_2017.html"))
    moved = Reply("https://weixin.sogou.com/antispider/?from=x", 200, {}, b"")
    assert sogou.blocked(moved)


def test_wechat_article_ct_and_body():
    article = read_article(reply("mp_article_2018_qqmusic.html"))
    assert article.published_at == datetime.fromtimestamp(1523110915, BEIJING)
    assert article.title == "关于音乐" and article.user_name == "gh_bdbd9b1b592d"
    assert article.nickname == "闲云野鹤古刹" and len(article.text) > 20


def test_wechat_expired_and_env_abnormal_pages():
    with pytest.raises(AccountFailure) as caught:
        read_article(reply("mp_article_expired_2018.html"))
    assert caught.value.code == "link_expired"
    blocked = Reply("https://mp.weixin.qq.com/s", 200, {}, "环境异常".encode())
    with pytest.raises(AccountFailure) as caught:
        read_article(blocked)
    assert caught.value.code == "env_abnormal"


def test_bilibili_vlist_and_wbi_signature():
    posts = parse_videos(json.loads(raw("x_space_arc_search_2021.json")))
    assert len(posts) == 5 and posts[0].published_at == datetime.fromtimestamp(1624509736, BEIJING)
    # the reference vector published with the WBI scheme (bilibili-API-collect)
    query = sign({"foo": "114", "bar": "514", "zab": 1919810},
                 "7cd084941338484aae1ad9425b84077c", "4932caff0ff746eab6f01bf08b70ac45",
                 now=1702204169)  # fmt: skip
    assert query.endswith("w_rid=8f6f2b5b3d485fe1886cec6a0be8c5d4")


def test_rsshub_gmt_pubdate_is_beijing_time():
    posts = parse_feed(reply("weibo_user_1935396210_2025-07.xml"))
    assert posts[0].published_at == datetime(2025, 7, 4, 15, 51, 28, tzinfo=BEIJING)
    assert posts[0].url == "https://weibo.com/1935396210/PzxMFDdIO"
    assert all(p.published_at.tzinfo is not None for p in posts)


def test_a_feed_late_on_the_31st_gmt_is_next_month_in_beijing():
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>'
           b"<title>a</title><link>https://x/1</link><pubDate>Thu, 31 Jul 2025 20:00:00 GMT"
           b"</pubDate></item></channel></rss>")  # fmt: skip
    (post,) = parse_feed(Reply("https://x/feed", 200, {}, rss))
    assert (post.published_at.month, post.published_at.day) == (8, 1)


def test_json_feed():
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [
        {"id": "1", "url": "https://x/1", "content_text": "hi",
         "date_published": "2025-06-30T16:30:00Z"}]}).encode()  # fmt: skip
    (post,) = parse_feed(Reply("https://x/feed.json", 200, {}, body))
    assert post.published_at == datetime(2025, 7, 1, 0, 30, tzinfo=BEIJING)
