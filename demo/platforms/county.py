"""The demo county's 政务新媒体: the bulletin's 12 accounts (section (五), all 正常 at the demo's
monitoring point) plus demo-only extras, each marked so in its name — one overdue, one
blocked by a captcha (采集失败), one with old pinned posts ahead of new ones (正常) — and one
account the registry does not know, for `govwatch accounts discover`.

Posts are generated from the monitoring point backwards, deterministically, so every demo
run (and `--as-of`) tells the same story.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from demo.platforms.model import ReplayAccount, ReplayPost


@dataclass(frozen=True)
class DemoAccount:
    name: str  # 账号名称 as registered
    owner: str  # a demo unit
    platform: str  # weibo | douyin | wechat | miniprogram
    ident: str  # uid, sec_uid, 微信号 ("" for the mini program)
    screen_name: str  # what the platform shows
    every_days: int  # one post (or push) every N days …
    newest_days: float  # … the newest N days before the monitoring point
    extra: str = ""  # demo-only: overdue | captcha | pinned
    fakeid: str = ""

    def yaml(self, posts_file: str) -> list[str]:
        lines = [f"  - name: {self.name}", f"    owner: {self.owner}"]
        if self.platform == "weibo":
            lines.append(f"    url: https://m.weibo.cn/u/{self.ident}")
        elif self.platform == "douyin":
            lines.append(f"    url: https://www.douyin.com/user/{self.ident}")
        elif self.platform == "wechat":
            lines += ["    platform: wechat", f"    wechat_id: {self.ident}"]
        else:
            lines += ["    platform: miniprogram", f"    posts_file: {posts_file}"]
        return lines


_T = "演示附加"
ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        "大姚警方微信公众号",
        "县公安局",
        "wechat",
        "dyjfgzh",
        "大姚警方",
        3,
        1.4,
        fakeid="MzA3MDAwMDAwMQ==",
    ),
    DemoAccount("大姚警方微博号", "县公安局", "weibo", "6043210001", "大姚警方", 2, 0.6),
    DemoAccount(
        "大姚警方抖音号", "县公安局", "douyin", "MS4wLjABAAAAdayaojingfang0001", "大姚警方", 4, 2.2
    ),
    DemoAccount(
        "健康大姚微信公众号",
        "县卫生健康局",
        "wechat",
        "jiankangdayao",
        "健康大姚",
        5,
        3.3,
        fakeid="MzA3MDAwMDAwMg==",
    ),
    DemoAccount(
        "文旅大姚微信公众号",
        "县文化和旅游局",
        "wechat",
        "wenlvdayao",
        "文旅大姚",
        4,
        1.8,
        fakeid="MzA3MDAwMDAwMw==",
    ),
    DemoAccount(
        "大姚林业微信公众号",
        "县林草局",
        "wechat",
        "dayaolinye",
        "大姚林业",
        7,
        6.2,
        fakeid="MzA3MDAwMDAwNA==",
    ),
    DemoAccount(
        "大姚县医疗保障局微信公众号",
        "县医保局",
        "wechat",
        "dyxybj",
        "大姚县医疗保障局",
        6,
        4.5,
        fakeid="MzA3MDAwMDAwNQ==",
    ),
    DemoAccount(
        "大姚人社微信公众号",
        "县人社局",
        "wechat",
        "dayaorenshe",
        "大姚人社",
        5,
        9.7,
        fakeid="MzA3MDAwMDAwNg==",
    ),
    DemoAccount(
        "美丽六苴微信公众号",
        "六苴镇",
        "wechat",
        "meililiuju",
        "美丽六苴",
        6,
        12.4,
        fakeid="MzA3MDAwMDAwNw==",
    ),
    DemoAccount(
        "六苴镇综合审批服务平台微信小程序",
        "六苴镇",
        "miniprogram",
        "",
        "六苴镇综合审批服务平台",
        10,
        8.0,
    ),
    DemoAccount(
        "大姚县人民政府微信公众号",
        "县政府办公室",
        "wechat",
        "dyxrmzf",
        "大姚县人民政府",
        1,
        0.4,
        fakeid="MzA3MDAwMDAwOA==",
    ),
    DemoAccount(
        "大美桂花",
        "桂花镇",
        "wechat",
        "dameiguihua",
        "大美桂花",
        7,
        13.5,
        fakeid="MzA3MDAwMDAwOQ==",
    ),
    # demo-only extras (not in the bulletin)
    DemoAccount(
        f"大姚应急微博号（{_T}：逾期）",
        "县应急管理局",
        "weibo",
        "6043210002",
        "大姚应急",
        9,
        21.3,
        extra="overdue",
    ),
    DemoAccount(
        f"大姚市场监管抖音号（{_T}：被验证码拦截）",
        "县市场监督管理局",
        "douyin",
        "MS4wLjABAAAAdayaoshijian0002",
        "大姚市场监管",
        5,
        2.0,
        extra="captcha",
    ),
    DemoAccount(
        f"大姚县人民政府微博号（{_T}：置顶旧帖）",
        "县政府办公室",
        "weibo",
        "6043210003",
        "大姚县人民政府",
        3,
        1.1,
        extra="pinned",
    ),
)

# found by `govwatch accounts discover`, in no registry
UNREGISTERED = ReplayAccount(
    "wechat",
    "dayaojiaotong",
    "大姚交通运输",
    verified="大姚县交通运输局",
    intro="大姚县交通运输局发布交通出行、道路建设信息",
    fakeid="MzA3MDAwMDA5OQ==",
)

_TOPICS = (
    "开展安全生产检查",
    "召开专题工作会议",
    "推进重点项目建设",
    "开展政策宣传进社区",
    "发布便民服务提示",
    "组织干部职工集中学习",
    "开展志愿服务活动",
)


def _posts(account: DemoAccount, as_of: datetime) -> list[ReplayPost]:
    rng = random.Random(account.name)
    start = as_of - timedelta(days=120)
    out: list[ReplayPost] = []
    at = as_of - timedelta(days=account.newest_days)
    n = 0
    while at > start:
        pieces = 2 if account.platform == "wechat" and n % 3 == 0 else 1  # multi-article pushes
        push = f"{2650000000 + int(at.timestamp()) // 60}"
        for piece in range(pieces):
            n += 1
            topic = rng.choice(_TOPICS)
            text = f"{account.screen_name}{topic}，切实做好各项工作，服务群众。"
            title = f"{account.screen_name}{topic}"
            out.append(
                ReplayPost(
                    f"{push}{piece}", at - timedelta(minutes=piece), text, title=title, push=push
                )
            )
        at -= timedelta(days=account.every_days, hours=rng.randint(-5, 5))
    if account.extra == "pinned":
        for years in (2, 3, 4):
            old = as_of - timedelta(days=365 * years)
            out.append(
                ReplayPost(
                    f"9{years}000", old, f"置顶：{account.screen_name}便民服务指南", pinned=True
                )
            )
    return out


def replay_accounts(as_of: datetime) -> list[ReplayAccount]:
    out = []
    for account in ACCOUNTS:
        if account.platform == "miniprogram":
            continue
        out.append(
            ReplayAccount(
                account.platform,
                account.ident,
                account.screen_name,
                _posts(account, as_of),
                block="captcha" if account.extra == "captcha" else None,
                verified=account.owner and f"大姚{account.owner.removeprefix('县')}",
                fakeid=account.fakeid,
            )
        )
    found = DemoAccount("", "", "wechat", UNREGISTERED.ident, UNREGISTERED.name, 5, 2.0)
    out.append(replace(UNREGISTERED, posts=_posts(found, as_of)))
    return out


def posts_csv(as_of: datetime) -> str:
    """The mini program's posts as the office exports them (发布时间, 标题, 内容)."""
    account = next(a for a in ACCOUNTS if a.platform == "miniprogram")
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["发布时间", "标题", "内容"])
    for post in sorted(_posts(account, as_of), key=lambda p: p.at, reverse=True):
        writer.writerow([f"{post.at:%Y-%m-%d %H:%M}", post.title, post.text])
    return stream.getvalue()
