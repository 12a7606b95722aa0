"""The demo county's planted problems for the site checks (dead_link, privacy_leak,
identity_missing), their decoys, and the markup that carries them.

- the home page links a 专题 that is gone (404), a 在线访谈 system that is down (503) during
  the first crawl and back afterwards, and a 热点 page that answers 429 (a one-night 5xx is
  only suspected, a 429 is rate limiting: neither may become a finding);
- one 政务要闻 article links an old page and shows an old image that are both gone (404);
- one 通知公告 article's attachment was deleted from the server (404);
- one 通知公告 公示 table prints one 身份证号 and one 手机号码 in full — beside a masked ID, an
  ID with a wrong check digit, a 索引号, a masked mobile and the office landline (decoys);
  another notice's PDF attachment prints an 身份证号 (every other attachment prints none);
- the footer the Hanweb and script-built templates write (/js/footer.js) lacks the
  公安机关备案号;
- external links (政务服务网, 备案 sites, conac) cannot be reached offline: not checked.
The article pages' government meta tags vary by template on purpose (date extraction): what
each column lacks is read off the rendered pages by meta_gaps().
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from html import escape

from demo.items import Item

DEAD_HOME_LINK = "/zt/xczx2019/"
DOWN_503_LINK = "/hdjl/zxft/"
# the 在线访谈 system answers 503 to its first requests (one crawl's HEAD and GET, with their
# retries), then works again: a transient 5xx, suspected once, never a finding
OUTAGE_REQUESTS = 6
LIMITED_429_LINK = "/zt/rdzt.html"
DEAD_BODY_LINK = "/zwyw/201903/t20190301_1001.html"
DEAD_IMAGE = "/images/zwyw/2019/banner_2019.jpg"

DEAD_LINKS, MISSING_ATTACHMENT, PRIVACY, ATTACHMENT_LEAK = (
    "planted:dead-links",
    "planted:missing-attachment",
    "planted:privacy",
    "planted:attachment-leak",
)
# 大姚县 (532326), born 1987-03-15, check digit by ISO 7064 MOD 11-2
LEAK_ID = "532326198703151211"
LEAK_MOBILE = "13987806215"
DECOY_BAD_CHECK = "532326199207082427"  # the valid check digit would be 6
DECOY_MASKED_ID = "5323**********1334"
DECOY_INDEX_NO = "11532326015015501X/2025-00012"
DECOY_MASKED_MOBILE = "139****0123"
ATTACHMENT_ID = "532326196501011334"  # in one notice's PDF attachment


def plant_site_checks(items: list[Item], start: object, end: object) -> None:
    """Tag three untouched items of the quarter (no random draws: figures stay the same)."""

    def first(column: str, **want: object) -> Item:
        return next(
            i
            for i in items
            if i.column == column
            and i.col.family == "trs"
            and i.published
            and not i.tags
            and not i.split
            and all(getattr(i, k) == v for k, v in want.items())
        )

    first("zwyw").tags.add(DEAD_LINKS)
    first("tzgg", attachment="static").tags.add(MISSING_ATTACHMENT)
    first("tzgg", attachment=None).tags.add(PRIVACY)
    first("tzgg", attachment="static").tags.add(ATTACHMENT_LEAK)


def home_links() -> str:
    return (
        '<div class="index-box"><div class="index-title"><span>专题专栏</span></div>'
        '<ul class="zt-links">'
        f'<li><a href="{DEAD_HOME_LINK}">乡村振兴专题</a></li>'
        f'<li><a href="{DOWN_503_LINK}">在线访谈</a></li>'
        f'<li><a href="{LIMITED_429_LINK}">热点专题</a></li>'
        "</ul></div>"
    )


def article_extra(item: Item) -> str:
    """The planted markup of an article body (empty for every other article)."""
    if DEAD_LINKS in item.tags:
        return (
            f'<p>相关阅读：<a href="{DEAD_BODY_LINK}">关于做好春季农业生产工作的通知</a></p>\n'
            f'<p style="text-align:center"><img src="{DEAD_IMAGE}" alt="工作现场"></p>'
        )
    if PRIVACY in item.tags:
        rows = [
            ("1", "李某某", LEAK_ID, LEAK_MOBILE),
            ("2", "王某某", DECOY_MASKED_ID, DECOY_MASKED_MOBILE),
            ("3", "张某某", DECOY_BAD_CHECK, "0878-6221023"),
        ]
        cells = "".join(
            "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows
        )
        return (
            "<p>现将拟享受临时救助对象名单公示如下：</p>\n"
            '<table border="1"><tr><th>序号</th><th>姓名</th><th>身份证号码</th>'
            f"<th>联系电话</th></tr>{cells}</table>\n"
            f"<p>索引号：{DECOY_INDEX_NO}</p>"
        )
    return ""


def attachment_line(item: Item) -> str:
    """Text the item's PDF attachment carries besides its name (a 名单 with an ID number)."""
    return f"ID {ATTACHMENT_ID}" if ATTACHMENT_LEAK in item.tags else ""


def serves_attachment(item: Item) -> bool:
    return MISSING_ATTACHMENT not in item.tags


_META_RE = re.compile(r'<meta\s+name="([A-Za-z]+)"\s+content="([^"]*)"')


def meta_gaps(
    items: Iterable[Item], pages: Mapping[str, bytes], required: Iterable[str]
) -> dict[str, set[str]]:
    """Column name → the required meta tags some of its article pages lack (read off the
    rendered markup, independently of govwatch's parser; names compare case-insensitively
    as browsers and govwatch read them)."""
    wanted = {name.lower(): name for name in required}
    gaps: dict[str, set[str]] = {}
    for item in items:
        body = pages.get(item.path)
        if body is None:
            continue
        text = body.decode("gbk" if item.col.charset.startswith("gbk") else "utf-8", "replace")
        present = {name.lower() for name, content in _META_RE.findall(text) if content.strip()}
        if "publishdate" in present:
            present.add("pubdate")
        missing = {wanted[name] for name in wanted if name not in present}
        if missing:
            gaps.setdefault(item.col.name, set()).update(missing)
    return gaps
