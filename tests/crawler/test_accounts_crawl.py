"""The accounts crawl end to end — child process, Scrapy stack, pipeline, rule — against a
replay of the real saved payloads on 127.0.0.1 (tests/newmedia_replay.py)."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from core.periods import BEIJING
from govwatch.jobs.accounts import check_accounts
from storage.db import make_engine, session_factory
from storage.models import Account, AccountCheck, AccountPost, Finding
from tests.newmedia_replay import Replay

AS_OF = datetime(2025, 7, 1, tzinfo=BEIJING)
HEAD = """county: 大姚县
portal: {name: 大姚县人民政府, start_url: "http://127.0.0.1:9/portal/"}
units:
  - {name: 县公安局, aliases: [大姚县公安局]}
  - {name: 县文化和旅游局}
"""
ACCOUNTS = """accounts:
  - {name: 迪丽热巴微博, owner: 县公安局, url: "https://m.weibo.cn/u/1669879400"}
  - {name: 已注销微博, owner: 县公安局, url: "https://m.weibo.cn/u/2"}
  - {name: 空列表微博, owner: 县公安局, url: "https://m.weibo.cn/u/5"}
  - {name: 要登录微博, owner: 县公安局, url: "https://m.weibo.cn/u/3"}
  - {name: 游戏B站, owner: 县文化和旅游局, url: "https://space.bilibili.com/3845290"}
  - {name: 已删除B站, owner: 县文化和旅游局, url: "https://space.bilibili.com/404"}
  - name: 少年JUMP吧
    owner: 县文化和旅游局
    url: "https://m.weibo.cn/u/1935396210"
    feed: "{base}/rsshub/weibo/user/1935396210"
  - {name: 空订阅源, owner: 县文化和旅游局, feed: "{base}/rsshub/weibo/user/0"}
  - {name: 高考家长圈, owner: 县文化和旅游局, platform: 公众号, wechat_id: sinagkjzq}
  - {name: 被拦截公众号, owner: 县文化和旅游局, platform: 公众号, wechat_id: blocked}
  - {name: 拦截之后的公众号, owner: 县文化和旅游局, platform: 公众号, wechat_id: sdgkzn}
"""


def rows(db: str) -> dict[str, AccountCheck]:
    engine = make_engine(db)
    with session_factory(engine)() as session:
        found = {
            account.name: check
            for check, account in session.execute(
                select(AccountCheck, Account).join(Account, AccountCheck.account_id == Account.id)
            )
        }
    engine.dispose()
    return found


@pytest.fixture(scope="module")
def replay():
    with Replay() as server:
        yield server


def test_every_outcome_of_the_saved_payloads(tmp_path, replay):
    base = replay.base_url.rstrip("/")
    accounts = ACCOUNTS.replace("{base}", base)
    # a second account on the weibo lane after the login wall (a different uid, same payloads)
    accounts = accounts.replace(
        '  - {name: 要登录微博, owner: 县公安局, url: "https://m.weibo.cn/u/3"}\n',
        '  - {name: 要登录微博, owner: 县公安局, url: "https://m.weibo.cn/u/3"}\n'
        '  - {name: 登录墙之后的微博, owner: 县公安局, url: "https://m.weibo.cn/u/6"}\n',
    )
    config = tmp_path / "govwatch.yaml"
    config.write_text(HEAD + accounts + replay.platforms(), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'g.db'}"
    result = check_accounts(config, db, as_of=AS_OF)
    assert result.exit_code == 0
    got = rows(db)

    weibo = got["迪丽热巴微博"]  # "06-14" read in 2025 (the monitoring point), never 2019
    assert (weibo.status, weibo.days_since, weibo.overdue_days) == ("overdue", 17, 3)
    assert weibo.latest_post_at == datetime(2025, 6, 14, tzinfo=BEIJING)
    assert weibo.posts_per_month == {"2025-04": 0, "2025-05": 0, "2025-06": 5}  # reposts count
    assert (got["已注销微博"].status, got["已注销微博"].code) == ("abnormal", "not_found")
    assert (got["空列表微博"].status, got["空列表微博"].code) == ("failed", "empty_list")
    assert (got["要登录微博"].status, got["要登录微博"].code) == ("failed", "login_wall")
    assert got["登录墙之后的微博"].code == "platform_stopped"  # no request after the wall

    bili = got["游戏B站"]
    assert bili.status == "ok" and bili.latest_post_at.date().isoformat() == "2025-06-24"
    assert (got["已删除B站"].status, got["已删除B站"].code) == ("abnormal", "not_found")

    feed = got["少年JUMP吧"]  # 29 Jun 07:51 GMT = 15:51 Beijing
    assert feed.latest_post_at == datetime(2025, 6, 29, 15, 51, 28, tzinfo=BEIJING)
    assert feed.posts_per_month["2025-06"] is None  # the feed starts inside June: cannot tell
    assert (got["空订阅源"].status, got["空订阅源"].code) == ("failed", "empty_feed")

    lookalike = got["高考家长圈"]  # the second result, chosen by its 微信号
    assert lookalike.status == "ok" and lookalike.source == "wechat.sogou"
    assert lookalike.latest_post_at == datetime(2025, 6, 25, 16, 0, tzinfo=BEIJING)
    assert set(lookalike.posts_per_month.values()) == {None}
    assert (got["被拦截公众号"].status, got["被拦截公众号"].code) == ("failed", "antispider")
    assert got["拦截之后的公众号"].code == "platform_stopped"

    hits = replay.hits()
    # the 302 to /antispider/ is not followed, and Sogou is asked nothing after it
    assert "/sogou/antispider/" not in hits and hits.count("/sogou/weixin") == 2

    engine = make_engine(db)
    with session_factory(engine)() as session:
        kinds = {(f.kind, f.unit) for f in session.scalars(select(Finding))}
        assert ("account_overdue", "县公安局") in kinds and (
            "account_abnormal",
            "县公安局",
        ) in kinds
        assert session.scalar(select(AccountPost).where(AccountPost.pinned.is_(True))) is None
    engine.dispose()


def test_wechat_backend_pushes_and_invalid_session(tmp_path, replay, monkeypatch):
    monkeypatch.setenv("GOVWATCH_WECHAT_TOKEN", "good-token")
    monkeypatch.setenv("GOVWATCH_WECHAT_COOKIE", "slave_sid=secret-cookie-value")
    config = tmp_path / "govwatch.yaml"
    config.write_text(
        HEAD
        + """accounts:
  - {name: 360云盘, owner: 县公安局, url: "https://mp.weixin.qq.com/s?__biz=MjM5NTAyMTgyMA==&mid=1"}
  - {name: 会话失效, owner: 县公安局, platform: wechat, fakeid: "other=="}
"""
        + replay.platforms(),
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'g.db'}"
    check_accounts(config, db, as_of=AS_OF)
    got = rows(db)
    pushed = got["360云盘"]
    assert pushed.status == "ok" and pushed.source == "wechat.backend"
    assert pushed.posts_per_month == {"2025-04": 0, "2025-05": 0, "2025-06": 2}
    assert pushed.pushes_per_month == {"2025-04": 0, "2025-05": 0, "2025-06": 1}
    assert (got["会话失效"].status, got["会话失效"].code) == ("failed", "credentials")
    assert "secret-cookie-value" not in (got["会话失效"].detail or "")
    logged = " ".join(r.target for r in replay.request_log)
    assert "token=good-token" in logged  # sent to the platform, and nowhere else
    assert "good-token" not in (tmp_path / "g.db").read_bytes().decode("latin-1")
