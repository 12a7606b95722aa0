"""An article's own title: its heading, not the breadcrumb, the site name or the column banner.

County templates put the heading in `h1`…`h5` or in any element whose class says title
(`div.article_title`, `h2.neiright_Title`, `td.wzbt`, `span.STYLE8` has no such hint and falls
back to `<title>`). The heading is the one just above the info line (发布时间/来源), and the
one the `<title>` or `ArticleTitle` meta repeats; a subtitle below it (`h3`), a sidebar `h5`
and a breadcrumb `h3` are not. `<title>` is only the fallback, without the site-name tail
(`_站点名`, `-站点名`, `|站点名`), and it is sometimes the column name alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spiders.dates import DATE_RE, INFO_LINE_RE, normalize
from spiders.page import Page, clean, element_text, squeeze

_HEADING_RANK = {"h1": 0, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 5}
_CLASS_RANK = 1
_TITLE_CLASS_RE = re.compile(
    r"title|biaoti|headline|(?:^|[\s_-])tit(?:[\s_-]|$)|(?:^|[\s_-]|wz|xx|nr|art)bt(?:[\s_-]|$)",
    re.I,
)
_SUBTITLE_CLASS_RE = re.compile(r"sub-?title|fu-?title|subtit|fbt", re.I)
# a heading-looking element that is the page's chrome
_CHROME_RE = re.compile(r"crumb|position|location|dqwz|weizhi|nav|menu|footer|foot|logo", re.I)
_CRUMB_TEXT_RE = re.compile(
    r"当前位置|您的位置|所在位置|现在的位置|首页\s*[>＞»›/\-]|[>＞»›]\s*\S+\s*[>＞»›]"
)
# the element carrying the info line under the heading
_INFO_ANCHOR_RE = re.compile(
    r"(?:发布时间|发布日期|发稿时间|时间|日期|来源|信息来源|文章来源|作者|浏览次数|点击数?)\s*[:：]"
)
SITE_LIKE_RE = re.compile(r"(人民政府|政府网|门户网站|政务网|信息公开|网站|官网|网站首页)$")
TITLE_SPLIT_RE = re.compile(r"\s*(?:_|--|——|—|－|\||｜|\s-\s|-)\s*")
MAX_CANDIDATES = 300
NEAR = 40  # elements between a heading and its info line


@dataclass
class Heading:
    element: Any
    text: str
    position: int
    rank: int


def meta_text(value: str | None) -> str:
    """A meta value as shown: markup some CMSs leave inside it (`<p>标题</p>`, `<br>`) removed."""
    if not value:
        return ""
    return clean(re.sub(r"<[^<>]{0,200}>", " ", value))


def looks_like_site(part: str, site_names: tuple[str, ...]) -> bool:
    """A site's name: a known one, or a short name ending like one (`大姚县人民政府`); a
    title such as `关于进一步做好政务信息公开` is longer than any site name."""
    return bool(part in site_names or (len(part) <= 16 and SITE_LIKE_RE.search(part)))


def read_title(page: Page, meta: dict[str, str], site_names: tuple[str, ...] = ()) -> str:
    """The article's heading; else `ArticleTitle`; else the `<title>` without its site tail."""
    return title_and_origin(page, meta, site_names)[0]


def title_and_origin(
    page: Page, meta: dict[str, str], site_names: tuple[str, ...] = ()
) -> tuple[str, str]:
    """The title and where it came from: `heading`, `meta` (ArticleTitle) or `title` tag."""
    names = tuple(n for n in (*site_names, meta.get("SiteName", "")) if n)
    found = next(page.root.iter("title"), None)  # iter runs in C; find(".//") does not
    head = clean(found.text if found is not None else "")
    article_title = meta_text(meta.get("ArticleTitle"))
    heading = best_heading(page, meta, names, head, article_title)
    if heading is not None:
        return heading, "heading"
    if article_title:
        return article_title, "meta"
    return strip_site_suffix(head, names, page), "title"


def best_heading(
    page: Page, meta: dict[str, str], names: tuple[str, ...], head: str, article_title: str
) -> str | None:
    order = page.order
    headings = _headings(page, meta, names)
    if not headings:
        return None
    refs = _squeezed(article_title)
    head_sq = _squeezed(strip_site_suffix(head, names, None))
    crumbs = _crumbs(page)
    next_anchor = _anchor_finder(page)

    def key(h: Heading) -> tuple[int, ...]:
        text = _squeezed(h.text)
        gap = next_anchor(_last_position(h.element, order)) - h.position
        same_meta = bool(refs) and (text == refs or (len(text) >= 6 and text in refs))
        same_head = (
            bool(head_sq) and len(text) >= 4 and (head_sq.startswith(text) or text in head_sq)
        )
        return (
            int(same_meta),
            int(gap <= NEAR),
            int(same_head and text not in crumbs),
            int(text not in crumbs),
            -h.rank,
            -gap,
        )

    return max(headings, key=key).text


_ANCHOR_QUICK_RE = re.compile(r"来源|时间|日期|作者|浏览|点击|\d{4}")
_HINT_QUICK_RE = re.compile(r"tit|bt|biaoti|headline", re.I)
SCAN = NEAR + 1  # elements looked at after a heading for its info line
FAR = 10**6


def _anchor_finder(page: Page) -> Callable[[int], int]:
    """position → position of the first info-line element after it (FAR if none near).

    Only the elements after each heading are tested, not the whole page: the text of
    every element is the costliest thing to read from lxml.
    """
    elements = list(page.order)
    cache: dict[int, bool] = {}

    def is_anchor(position: int) -> bool:
        found = cache.get(position)
        if found is None:
            element = elements[position]
            found = False
            if isinstance(element.tag, str) and element.tag not in _SKIP_IN_SCAN:
                found = any(_is_info_text(own) for own in (element.text, element.tail))
            cache[position] = found
        return found

    first_from: dict[int, int] = {}  # position → first anchor at or after it

    def next_anchor(after: int) -> int:
        scanned = []
        found = FAR
        for position in range(after + 1, min(after + 1 + SCAN, len(elements))):
            known = first_from.get(position)
            if known is not None:
                found = known
                break
            if is_anchor(position):
                found = position
                break
            scanned.append(position)
        if found != FAR:  # "none within SCAN" depends on where the scan began: not kept
            for position in scanned:
                first_from[position] = found
        return found

    return next_anchor


def _is_info_text(text: str | None) -> bool:
    if not text or not _ANCHOR_QUICK_RE.search(text):
        return False
    return bool(_INFO_ANCHOR_RE.search(text)) or _only_date(text)


def _headings(page: Page, meta: dict[str, str], names: tuple[str, ...]) -> list[Heading]:
    """h1…h6 and elements whose class or id says title, that read like a title."""
    order = page.order
    found = [(e, order[e], _HEADING_RANK[e.tag]) for e in page.root.iter(*_HEADING_RANK)]
    for element, cls, ident in page.attributed:
        if element.tag in _HEADING_RANK or element.tag in _SKIP_IN_SCAN:
            continue
        if (cls and _HINT_QUICK_RE.search(cls)) or (ident and _HINT_QUICK_RE.search(ident)):
            found.append((element, order[element], -1))
    found.sort(key=lambda item: item[1])
    del found[MAX_CANDIDATES:]
    headings: list[Heading] = []
    column = _squeezed(meta.get("ColumnName"))
    for element, position, rank in found:
        attrs = f"{element.get('class', '')} {element.get('id', '')}"
        if rank < 0:
            if not _TITLE_CLASS_RE.search(attrs):
                continue
            rank = _CLASS_RANK
        if _SUBTITLE_CLASS_RE.search(attrs) or _CHROME_RE.search(attrs) or _in_head(element):
            continue
        text = clean(" ".join(element_text(element).split("\n")))
        size = len(squeeze(text))
        if not 4 <= size <= 150 or _squeezed(text) == column or looks_like_site(text, names):
            continue
        if _CRUMB_TEXT_RE.search(text) or INFO_LINE_RE.search(text) or _INFO_ANCHOR_RE.search(text):
            continue
        headings.append(Heading(element, text, position, rank))
    return headings


_SKIP_IN_SCAN = {"script", "style", "head", "title", "meta", "link", "noscript"}


def _only_date(text: str | None) -> bool:
    if not text or len(text) > 40:
        return False
    value = normalize(text).strip(" []【】()（）\t\r\n\u3000\xa0")
    return bool(value) and DATE_RE.fullmatch(value) is not None


def _in_head(element: Any) -> bool:
    """Inside <head> or a link (a list item's title), four levels up at most."""
    node = element.getparent()
    for _ in range(4):
        if node is None:
            return False
        if node.tag in ("head", "a", "title"):
            return True
        node = node.getparent()
    return False


def _last_position(element: Any, order: dict[Any, int]) -> int:
    """Position of the element's last descendant: just before whatever follows it."""
    node = element
    while node is not None:
        following = node.getnext()
        if following is not None and following in order:
            return order[following] - 1
        node = node.getparent()
    return len(order)


def _crumbs(page: Page) -> set[str]:
    """Names in the breadcrumb (`首页 > 信息公开 > 通知公告`): column names, not titles."""
    out: set[str] = set()
    for line in page.lines[:120]:
        if _CRUMB_TEXT_RE.search(line):
            out.update(_squeezed(c) for c in re.split(r"[>＞»›/]|当前位置|您的位置|[:：]", line))
    return out - {""}


def _squeezed(text: str | None) -> str:
    return squeeze(unicodedata.normalize("NFKC", text or ""))


def strip_site_suffix(
    title: str, site_names: tuple[str, ...] = (), page: Page | None = None
) -> str:
    """`关于…的通知_大姚县人民政府` → `关于…的通知`; never leaves an empty title.

    A tail goes when it names the site (the portal name, SiteName, 人民政府/网站 …), or when
    the rest is printed on the page as a line of its own (`中华人民共和国监察法-纪检`).
    """
    title = clean(title)
    while True:
        parts = [m for m in TITLE_SPLIT_RE.finditer(title)]
        if not parts:
            return title
        last = parts[-1]
        rest, tail = title[: last.start()].strip(), title[last.end() :].strip()
        if not rest:
            return title
        shown = page is not None and len(tail) <= 12 and _is_line(page, rest)
        if not tail or looks_like_site(tail, site_names) or shown:
            title = rest
            continue
        return title


def _is_line(page: Page, text: str) -> bool:
    want = squeeze(text)
    return want in page.squeezed_lines


def common_title_tail(heads: list[str], share: float = 0.6) -> str | None:
    """The site-name tail most of a site's `<title>`s end with (`…_彝州大姚`), or None.

    A portal whose tail is neither its configured name nor SiteName is still recognised
    once a few of its pages are seen: pass the result to extract_article's site_names.
    """
    tails: dict[str, int] = {}
    for head in heads:
        parts = TITLE_SPLIT_RE.split(clean(head))
        if len(parts) > 1 and parts[-1]:
            tails[parts[-1]] = tails.get(parts[-1], 0) + 1
    if not tails:
        return None
    tail, count = max(tails.items(), key=lambda item: item[1])
    return tail if count >= 2 and count >= share * len(heads) else None
