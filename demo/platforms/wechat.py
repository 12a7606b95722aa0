"""weixin.sogou.com and mp.weixin.qq.com: account search, the /link page, the article page,
the anti-spider page, and the 公众号 backend's list_ex."""

from __future__ import annotations

import copy
import html
import re
from typing import Any

from demo.platforms.model import ReplayAccount, ReplayPost, template_json, template_text

_MP = "http://mp.weixin.qq.com"
DEMO_TOKEN = "demo-session-token"  # what the demo's backend accepts as a session
_BOX = re.compile(r'(<li id="sogou_vr_11002301_box_0".*?</li>)', re.S)


def _search_parts() -> tuple[str, str, str]:
    page = template_text("sogou_search_account_type1_2017.html")
    start = page.index('<ul class="news-list2">') + len('<ul class="news-list2">')
    end = page.index("</ul>", start)
    box = _BOX.search(page)
    assert box is not None
    return page[:start], box[1], page[end:]


def _box(template: str, n: int, account: ReplayAccount) -> str:
    latest = next((p for p in account.newest_first() if not p.pinned), None)
    box = template.replace("_box_0", f"_box_{n}").replace('_0"', f'_{n}"')
    name = html.escape(account.name)
    box = re.sub(
        r'(uigs="account_name_\d+"[^>]*>).*?(</a>)', rf"\g<1>{name}\2", box, count=1, flags=re.S
    )
    box = re.sub(r'(<label name="em_weixinhao">)[^<]*', rf"\g<1>{account.ident}", box)
    box = re.sub(
        r"(<dt>功能介绍：</dt>\s*<dd>).*?(</dd>)",
        rf"\g<1>{html.escape(account.intro)}\2",
        box,
        flags=re.S,
    )
    box = re.sub(
        r"(认证：</dt>\s*<dd>).*?(</dd>)",
        rf"\g<1>{html.escape(account.verified)}\2",
        box,
        flags=re.S,
    )
    if latest is None:
        return re.sub(r"<dl>\s*<dt>最近文章：</dt>.*?</dl>", "", box, flags=re.S)
    href = f"/link?url={account.ident}.{latest.id}&amp;type=1"
    box = re.sub(
        r'(uigs="account_article_\d+" href=")[^"]*(">).*?(</a>)',
        rf"\g<1>{href}\2{html.escape(latest.title)}\3",
        box,
        flags=re.S,
    )
    return re.sub(r"timeConvert\('\d+'\)", f"timeConvert('{int(latest.at.timestamp())}')", box)


def search(accounts: list[ReplayAccount], query: str) -> bytes:
    head, template, tail = _search_parts()
    found = [a for a in accounts if a.platform == "wechat" and query and
             (query == a.ident or query in a.name)]  # fmt: skip
    boxes = [_box(template, n, a) for n, a in enumerate(found[:10])]
    return (head + "\n".join(boxes) + tail).encode("utf-8")


def antispider() -> bytes:
    return template_text("sogou_search_antispider_2017.html").encode("utf-8")


def link_page(account: ReplayAccount, post: ReplayPost) -> bytes:
    target = f"http://mp.weixin.qq.com/s?__biz={account.fakeid}&mid={post.id}&idx=1&sn=demo"
    pieces = "".join(f"url += '{target[i : i + 12]}';\n" for i in range(0, len(target), 12))
    script = f'var url = \'\';\n{pieces}url.replace("@", "");\nwindow.location.replace(url)'
    return f"<html><head><script>{script}</script></head><body></body></html>".encode()


def article(account: ReplayAccount, post: ReplayPost) -> bytes:
    page = template_text("mp_article_2018_qqmusic.html")
    title = html.escape(post.title)
    page = page.replace('var ct = "1523110915";', f'var ct = "{int(post.at.timestamp())}";')
    page = page.replace('"2018-04-07"', f'"{post.at:%Y-%m-%d}"').replace(
        ">2018-04-07<", f">{post.at:%Y-%m-%d}<"
    )
    page = page.replace('var msg_title = "关于音乐";', f'var msg_title = "{title}";')
    page = page.replace("<title>关于音乐</title>", f"<title>{title}</title>")
    page = page.replace("闲云野鹤古刹", html.escape(account.name))
    body = "".join(f"<p>{html.escape(line)}</p>" for line in post.text.splitlines())
    return re.sub(
        r'(id="js_content">).*?(\n                </div>)',
        rf"\g<1>{body}\2",
        page,
        count=1,
        flags=re.S,
    ).encode("utf-8")


def list_ex(account: ReplayAccount, begin: int, count: int, token: str) -> dict[str, Any]:
    if token != DEMO_TOKEN:
        return {"base_resp": {"ret": 200003, "err_msg": "invalid session"}}
    data = copy.deepcopy(template_json("mp_cgi-bin_appmsg_list_ex_2024-03.json"))
    template = data["app_msg_list"][0]
    ordered = sorted(account.posts, key=lambda p: p.at, reverse=True)
    positions: dict[str, int] = {}
    index_of = {}
    for post in ordered:
        push = post.push or post.id
        positions[push] = positions.get(push, 0) + 1
        index_of[post.id] = positions[push]
    items = []
    for post in ordered[begin : begin + count]:
        push = post.push or post.id
        index = index_of[post.id]
        item = copy.deepcopy(template)
        item.update(
            aid=f"{push}_{index}",
            appmsgid=int(push) if push.isdigit() else push,
            itemidx=index,
            title=post.title,
            digest=post.text[:60],
            create_time=int(post.at.timestamp()),
            update_time=int(post.at.timestamp()),
            link=f"{_MP}/s?__biz={account.fakeid}&mid={push}&idx={index}",
        )
        items.append(item)
    data.update(app_msg_cnt=len(ordered), app_msg_list=items)
    return data
