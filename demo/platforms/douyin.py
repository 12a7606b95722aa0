"""www.douyin.com: the user page (its script asks for the post list the way Douyin's does) and
`/aweme/v1/web/aweme/post/` answers in the captured envelope."""

from __future__ import annotations

import copy
import html
import json
from typing import Any
from urllib.parse import quote

from demo.platforms.model import ReplayAccount, template_json

PAGE = 18

_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>
<body><div id="douyin-right-container"><h1>{name}</h1>
<div>作品 <span data-e2e="user-tab-count">{count}</span></div><ul id="posts"></ul>
<div style="height:3000px"></div>{captcha}</div>
<script id="RENDER_DATA" type="application/json">{render}</script>
<script>
var cursor = 0, more = {more};
function load() {{
  if (!more) return;
  more = 0;
  fetch('../aweme/v1/web/aweme/post/?device_platform=webapp&aid=6383&sec_user_id={sec}'
        + '&max_cursor=' + cursor + '&count={page}&locate_query=false')
    .then(function (r) {{ return r.json(); }})
    .then(function (data) {{
      (data.aweme_list || []).forEach(function (item) {{
        var li = document.createElement('li'); li.textContent = item.desc;
        document.getElementById('posts').appendChild(li);
      }});
      cursor = data.max_cursor; more = data.has_more;
    }});
}}
{autoload}
window.addEventListener('scroll', function () {{
  if (window.innerHeight + window.scrollY >= document.body.scrollHeight - 10) load();
}});
</script></body></html>"""


def user_page(account: ReplayAccount) -> bytes:
    captcha = account.block == "captcha"
    gone = account.block == "gone"
    user = {
        "nickname": account.name,
        "secUid": account.ident,
        "awemeCount": 0 if gone else len(account.posts),
    }
    render = {"app": {"odin": {}}, "user": {"user": user}}
    page = _PAGE.format(
        title="验证码中间页" if captcha else f"{html.escape(account.name)}的抖音 - 抖音",
        name="用户不存在" if gone else html.escape(account.name),
        count=0 if gone else len(account.posts),
        captcha='<div id="captcha_container"></div>' if captcha else "",
        render=quote(json.dumps(render, ensure_ascii=False)),
        more=0 if captcha or gone else 1,
        sec=quote(account.ident),
        page=PAGE,
        autoload="" if captcha or gone else "load();",
    )
    return page.encode("utf-8")


def posts(account: ReplayAccount, max_cursor: int) -> dict[str, Any]:
    data = copy.deepcopy(template_json("web_aweme_post_2023-03.json"))
    template = data["aweme_list"][0]
    if account.block == "waf":
        # what the WAF answers an unsigned or distrusted request: 200, status 0, nothing
        data.update(aweme_list=[], has_more=0, max_cursor=0, min_cursor=0)
        return data
    ordered = account.newest_first()
    pinned = [p for p in ordered if p.pinned] if not max_cursor else []
    rest = [p for p in ordered if not p.pinned]
    if max_cursor:
        rest = [p for p in rest if int(p.at.timestamp() * 1000) < max_cursor]
    batch = rest[:PAGE]
    items = []
    for post in pinned + batch:
        item = copy.deepcopy(template)
        item.update(
            aweme_id=post.id,
            desc=post.text,
            create_time=int(post.at.timestamp()),
            is_top=1 if post.pinned else 0,
            group_id=post.id,
        )
        item["author"] = {**item["author"], "nickname": account.name, "sec_uid": account.ident}
        item["statistics"] = {**item["statistics"], "aweme_id": post.id}
        item["status"] = {**item["status"], "aweme_id": post.id}
        items.append(item)
    cursor = int(batch[-1].at.timestamp() * 1000) if batch else 0
    data.update(
        aweme_list=items,
        has_more=1 if len(rest) > PAGE else 0,
        max_cursor=cursor,
        min_cursor=cursor,
    )
    return data
