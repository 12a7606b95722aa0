"""Douyin through real Chromium: the user page's own request for the post list is captured
(pinned first and old, paging by scrolling), the WAF's empty answer and a captcha page are
采集失败, a gone account is 账号异常. The page is the demo's Douyin replay, built from the
saved /aweme/v1/web/aweme/post/ envelope."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from core.periods import BEIJING
from demo.platforms import PlatformServer, ReplayAccount, ReplayPost
from govwatch.jobs.accounts import check_accounts
from storage.db import make_engine, session_factory
from storage.models import Account, AccountCheck

pytestmark = pytest.mark.browser
AS_OF = datetime(2025, 7, 1, tzinfo=BEIJING)
SEC = "MS4wLjABAAAAtest"


def account(suffix: str, days: list[float], pinned: int = 0, block: str | None = None):
    posts = [ReplayPost(f"7{suffix}{i:03d}", AS_OF - timedelta(days=d), f"视频{i}")
             for i, d in enumerate(days)]  # fmt: skip
    posts += [ReplayPost(f"6{suffix}{i:03d}", AS_OF - timedelta(days=900 + i), "置顶", pinned=True)
              for i in range(pinned)]  # fmt: skip
    return ReplayAccount("douyin", SEC + suffix, f"账号{suffix}", posts, block=block)


def test_douyin_in_the_browser(tmp_path):
    replay = [
        account("pinned", [1.5 + 3 * i for i in range(40)], pinned=3),  # 40 videos: 3 pages
        account("waf", [2, 5, 9], block="waf"),
        account("gone", [], block="gone"),
        account("zcaptcha", [1, 2], block="captcha"),
        account("zafter", [1, 2]),
    ]
    with PlatformServer(replay) as server:
        lines = [
            "county: 大姚县",
            'portal: {name: 大姚县人民政府, start_url: "http://127.0.0.1:9/"}',
            "units: [{name: 县公安局}]",
            "accounts:",
            *(f'  - {{name: "{a.name}", owner: 县公安局, url: "https://www.douyin.com/user/{a.ident}"}}'
              for a in replay),
            "platforms:", *server.platforms_yaml(),
            "newmedia: {delay_seconds: 0, retries: 0, douyin_wait_seconds: 5}",
        ]  # fmt: skip
        config = tmp_path / "govwatch.yaml"
        config.write_text("\n".join(lines) + "\n", encoding="utf-8")
        db = f"sqlite:///{tmp_path / 'g.db'}"
        check_accounts(config, db, as_of=AS_OF)
        posts_requests = [t for t in server.hits() if t.endswith("/aweme/v1/web/aweme/post/")]
    engine = make_engine(db)
    with session_factory(engine)() as session:
        got = {
            a.name: c
            for c, a in session.execute(
                select(AccountCheck, Account).join(Account, AccountCheck.account_id == Account.id)
            )
        }
    engine.dispose()
    pinned = got["账号pinned"]
    assert pinned.status == "ok" and pinned.days_since == 2  # not the 2023 pinned videos
    assert pinned.posts_per_month["2025-06"] == 10 and pinned.posts_per_month["2025-04"] == 10
    assert (got["账号waf"].status, got["账号waf"].code) == ("failed", "waf")
    assert (got["账号gone"].status, got["账号gone"].code) == ("abnormal", "not_found")
    assert (got["账号zcaptcha"].status, got["账号zcaptcha"].code) == ("failed", "captcha")
    assert got["账号zafter"].code == "platform_stopped"
    assert len(posts_requests) >= 3 + 1  # three pages for the 40 videos, one for the WAF
