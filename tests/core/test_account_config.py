"""accounts:, platforms: and newmedia: in govwatch.yaml; platforms read from URLs; secrets."""

import pytest

from core.accounts import Platform, UnknownSite, is_private_host, load_secrets, recognise, redact
from core.config import ConfigError, parse_config

HEAD = """county: 大姚县
portal: {name: 大姚县人民政府, start_url: "http://www.dayao.gov.cn/"}
units:
  - {name: 县公安局, aliases: [大姚县公安局]}
  - {name: 六苴镇}
"""


@pytest.mark.parametrize(
    ("url", "platform", "ident"),
    [
        ("https://m.weibo.cn/u/1234567890", Platform.weibo, "1234567890"),
        ("https://weibo.com/u/1234567890?is_all=1", Platform.weibo, "1234567890"),
        ("https://weibo.com/1234567890", Platform.weibo, "1234567890"),
        ("https://m.weibo.cn/profile/1234567890", Platform.weibo, "1234567890"),
        ("https://www.douyin.com/user/MS4wLjABAAAAxyz-_1?from_tab_name=main",
         Platform.douyin, "MS4wLjABAAAAxyz-_1"),
        ("https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=MzA5NzA==",
         Platform.wechat, "MzA5NzA=="),
        ("https://space.bilibili.com/3845290/video", Platform.bilibili, "3845290"),
        ("https://www.toutiao.com/c/user/token/MS4wLjABAAAAabc/", Platform.toutiao,
         "MS4wLjABAAAAabc"),
        ("https://rsshub.app/weibo/user/123", Platform.feed, "https://rsshub.app/weibo/user/123"),
        ("https://www.dayao.gov.cn/rss.xml", Platform.feed, "https://www.dayao.gov.cn/rss.xml"),
    ],
)  # fmt: skip
def test_platform_from_url(url, platform, ident):
    ref = recognise(url)
    assert (ref.platform, ref.ident) == (platform, ident)


@pytest.mark.parametrize(
    "url", ["https://www.example.com/news/", "https://weibo.com/", "ftp://m.weibo.cn/u/1"]
)
def test_unknown_sites(url):
    with pytest.raises(UnknownSite):
        recognise(url)


def test_registry_resolved_owner_alias_platform_words():
    config = parse_config(
        HEAD
        + """accounts:
  - {name: 大姚警方微博号, owner: 大姚县公安局, url: "https://m.weibo.cn/u/1234567890"}
  - {name: 大姚警方微信公众号, owner: 县公安局, platform: 微信公众号, wechat_id: dyjf}
  - {name: 六苴小程序, owner: 六苴镇, platform: 微信小程序, posts_file: posts.csv}
  - {name: 大姚警方快照, owner: 县公安局, url: "https://m.weibo.cn/u/99", feed: "https://r.example/weibo/user/99"}
platforms:
  weibo: {base_url: "http://127.0.0.1:9000/weibo"}
newmedia: {overdue_after_days: 10, delay_seconds: [0, 0]}
"""
    )
    weibo, wechat, mini, fed = config.accounts
    assert weibo.owner == "县公安局" and weibo.key == "weibo:1234567890"
    assert wechat.key == "wechat:dyjf" and wechat.ref.ids == {"wechat_id": "dyjf"}
    assert mini.ref.platform == Platform.miniprogram
    assert fed.ref.platform == Platform.weibo and fed.ref.ids["feed"].startswith("https://r.")
    assert config.newmedia.overdue_after_days == 10 and config.newmedia.delay_range == (0, 0)
    assert config.platforms.weibo.base_url == "http://127.0.0.1:9000/weibo"
    assert config.platforms.douyin.base_url == "https://www.douyin.com"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ('{name: x, owner: 县财政局, url: "https://m.weibo.cn/u/1"}', "not a configured unit"),
        ('{name: x, owner: 县公安局, url: "https://www.example.com/"}', "not a platform"),
        ('{name: x, owner: 县公安局}', "give url, feed, posts_file or platform"),
        ('{name: x, owner: 县公安局, platform: 脸书, url: "https://m.weibo.cn/u/1"}',
         "unknown platform"),
        ('{name: x, owner: 县公安局, url: "https://m.weibo.cn/u/1", token: abc}',
         "Extra inputs"),
    ],
)  # fmt: skip
def test_bad_registry_rows_name_file_line_and_field(row, message):
    with pytest.raises(ConfigError) as caught:
        parse_config(HEAD + f"accounts:\n  - {row}\n")
    assert message in str(caught.value)
    assert "govwatch.yaml:" in str(caught.value)


def test_the_same_account_twice_is_refused():
    text = (
        HEAD
        + """accounts:
  - {name: a, owner: 县公安局, url: "https://m.weibo.cn/u/1"}
  - {name: b, owner: 县公安局, url: "https://weibo.com/u/1"}
"""
    )
    with pytest.raises(ConfigError, match="the same account"):
        parse_config(text)


def test_secrets_from_environment_or_a_0600_file(tmp_path):
    secrets = tmp_path / "secrets"
    secrets.write_text("GOVWATCH_WECHAT_TOKEN=12345\nGOVWATCH_WECHAT_COOKIE='slave_sid=abc'\n")
    secrets.chmod(0o644)
    with pytest.raises(ValueError, match="chmod 600"):
        load_secrets(str(secrets), environ={})
    secrets.chmod(0o600)
    found = load_secrets(str(secrets), environ={"GOVWATCH_WECHAT_TOKEN": "from-env"})
    assert found == {"GOVWATCH_WECHAT_TOKEN": "from-env", "GOVWATCH_WECHAT_COOKIE": "slave_sid=abc"}
    assert load_secrets(None, environ={}) == {}
    assert "slave_sid" not in redact("cookie slave_sid=abc sent", found)
    assert (
        redact("GET /cgi-bin/appmsg?token=998877&f=json") == "GET /cgi-bin/appmsg?token=***&f=json"
    )


def test_private_hosts():
    assert is_private_host("http://127.0.0.1:8000/feed")
    assert is_private_host("http://localhost/feed")
    assert is_private_host("http://192.168.1.5/feed")
    assert is_private_host("http://[::1]/feed")
    assert not is_private_host("http://8.8.8.8/feed")
