"""Column list pages: the entries on a page and the requests for the column's other pages.

Pager families handled (see docs/research/cms-structures.md for the real markup):
- plain links and query-string pagers (`?page=2`, `list.jsp?pageNo=2`, 下一页 links);
- TRS WCM: `createPageHTML(countPage, currentPage, "index", "html")` written by a script, with
  pages `index.html`, `index_1.html` … `index_{n-1}.html`;
- Hanweb JCMS: records embedded as `<script type="text/xml"><datastore>` CDATA, further
  records from `/module/web/jpage/dataproxy.jsp?startrecord=&endrecord=&perpage=` (POST).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import chompjs
from parsel import Selector

from spiders.dates import DATE_RE, normalize, parse_date
from spiders.page import Page, clean, squeeze
from spiders.portal.article import ATTACHMENT_EXT

# Article URLs of the common CMS families: TRS t20250401_123.html, Hanweb art_12_345.html,
# gkmlpt post_123.html, content_123, date folders /202504/.
ARTICLE_URL_RE = re.compile(
    r"(/t\d{8}_\d+\.s?html?|/art_\d+_\d+\.html|/post_\d+\.html|content_\d+|/\d{6}/|/\d{8}/"
    r"|/art/\d{4}/\d{1,2}/\d{1,2}/|[?&](?:id|articleid|infoid|newsid)=)",
    re.I,
)
_ITEM_TAGS = ("li", "tr", "dd", "dt", "p", "div", "span", "h3", "h4")
_PAGER_TEXT = {"下一页", "下页", "后页", ">", "›", "»", ">>", "尾页", "末页", "最后一页"}
_PAGER_CLASS_RE = re.compile(r"page|pager|fenye|pagination|pb_sys|p_no|p_next", re.I)
_CREATE_PAGE_RE = re.compile(r"createPageHTML\s*\(([^)]*)\)")
_COUNT_PAGE_RE = re.compile(r"\bcountPage\s*=\s*(\d+)")
# the link the pager script writes: "index_" + nextPage + ".shtml"
_PAGER_WRITE_RE = re.compile(r"[\"'](\w+)_[\"']\s*\+\s*\w+\s*\+\s*[\"']\.(s?html?)[\"']")
_DATASTORE_RE = re.compile(r"<datastore>.*?</datastore>", re.S | re.I)
_RECORD_RE = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S | re.I)
_NEXTGROUP_RE = re.compile(r"<nextgroup>\s*<!\[CDATA\[(.*?)\]\]>\s*</nextgroup>", re.S | re.I)
_TOTAL_RE = re.compile(r"(?:totalRecord|totalrecord)\s*(?:[:=]\s*|>)\s*['\"]?(\d+)")
_PERPAGE_RE = re.compile(r"\bperPage\s*[:=]\s*['\"]?(\d+)", re.I)
_GROUPSIZE_RE = re.compile(r"\bgroupSize\s*[:=]\s*['\"]?(\d+)", re.I)
_AJAX_PARAM_RE = re.compile(r"ajaxParam\s*:\s*(\{[^}]*\})")
_PROXY_URL_RE = re.compile(r"proxyUrl\s*:\s*['\"]([^'\"]+)['\"]")
MAX_PAGER_PAGES = 5000
HANWEB_PROXY_PATH = "/module/web/jpage/dataproxy.jsp"


@dataclass(frozen=True)
class ListEntry:
    url: str
    title: str
    date: datetime | None

    @property
    def signature(self) -> str:
        """What the list shows of an article; when it changes, the article is fetched again."""
        day = self.date.isoformat() if self.date else ""
        return hashlib.sha1(f"{self.title}|{day}".encode()).hexdigest()


@dataclass(frozen=True)
class PageRequest:
    url: str
    method: str = "GET"
    form: tuple[tuple[str, str], ...] = ()


@dataclass
class ListPage:
    entries: list[ListEntry] = field(default_factory=list)
    more: list[PageRequest] = field(default_factory=list)
    family: str = "plain"


def parse_list(page: Page) -> ListPage:
    """Entries and further pages of a column list page (any supported family)."""
    if "<datastore" in page.text.lower():
        return _parse_hanweb(page)
    listing = ListPage(entries=entries_in(page.sel, page))
    trs = _trs_pages(page)
    if trs:
        listing.family = "trs"
        listing.more = trs
    else:
        listing.more = _link_pages(page)
        if listing.more:
            listing.family = "querystring"
    return listing


def parse_hanweb_proxy(page: Page) -> list[ListEntry]:
    """Records of a dataproxy.jsp response (XML with CDATA records)."""
    return _records(page, page.text)


def entries_in(sel: Selector, page: Page, *, whole: bool = False) -> list[ListEntry]:
    """The column's entries: the biggest group of dated article links on the page.

    Sidebars (热点信息, 最新发布) are lists too; grouping links by their container and taking
    the biggest dated group keeps them out. With whole=True every link counts (a fragment that
    is the list itself, such as Hanweb's records).
    """
    # keyed by the lxml element itself: the dict keeps the proxy alive, so the same container
    # always maps to the same key (ids of freed proxies get reused)
    dated: dict[object, list[ListEntry]] = {}
    undated: dict[object, list[ListEntry]] = {}
    order: list[object] = []
    for link in sel.xpath("//a[@href]"):
        entry, container = _entry_of(link, page)
        if entry is None:
            continue
        key = container.root if container is not None and not whole else None
        if key not in dated and key not in undated:
            order.append(key)
        (dated if entry.date else undated).setdefault(key, []).append(entry)
    if whole:
        return _unique(dated.get(None, []) + undated.get(None, []))
    # A dated list with a few undated rows (pinned items) keeps those rows.
    best = max(dated, key=lambda k: (len(dated[k]), -order.index(k)), default=_NONE)
    if best is not _NONE:
        return _unique(dated[best] + undated.get(best, []))
    # No dates at all: the biggest group of links that look like articles, if it is a list.
    articles = {k: v for k, v in undated.items() if any(ARTICLE_URL_RE.search(e.url) for e in v)}
    best = max(articles, key=lambda k: len(articles[k]), default=_NONE)
    return _unique(articles[best]) if best is not _NONE and len(articles[best]) >= 3 else []


_NONE = object()


def _entry_of(link: Selector, page: Page) -> tuple[ListEntry | None, Selector | None]:
    href = (link.attrib.get("href") or "").strip()
    if not href or href.startswith(("javascript:", "#", "mailto:", "tel:")):
        return None, None
    if ATTACHMENT_EXT.search(href) and not href.lower().endswith((".htm", ".html")):
        return None, None
    title = clean(link.attrib.get("title")) or clean("".join(link.xpath(".//text()").getall()))
    if len(squeeze(title)) < 4:
        return None, None
    item = _item_of(link)
    container = None
    date = None
    if item is not None:
        # the date printed beside the link, not a date inside the title text
        rest = normalize(" ".join(item.xpath(".//text()[not(ancestor::a)]").getall()))
        found = DATE_RE.search(rest)
        date = parse_date(found.group(0)) if found else None
        parents = item.xpath("..")
        container = parents[0] if parents else None
    if date is None:
        date, date_text = _date_element_in(link)
        if date_text and not link.attrib.get("title"):
            title = clean(title.replace(date_text, ""))
    return ListEntry(page.absolute(href), title, date), container


def _date_element_in(link: Selector) -> tuple[datetime | None, str | None]:
    """Hanweb puts the date inside the link: `<a><span>标题</span><i>2025-04-01</i></a>`."""
    for text in link.xpath(".//*[not(*)]/text()").getall():
        value = normalize(text).strip(" []【】()（）")
        if DATE_RE.fullmatch(value):
            return parse_date(value), text.strip()
    return None, None


def _item_of(link: Selector) -> Selector | None:
    """The list row of a link: the highest ancestor (≤ 4 levels) that holds no other link.

    `<li><span><a>标题</a></span><span>2025-04-01</span></li>` and table rows with the date in
    their own cell both resolve to the row, so the date beside the link is found.
    """
    nearest = best = None
    node = link
    for _ in range(4):
        parents = node.xpath("..")
        if not parents:
            break
        node = parents[0]
        is_item = node.root.tag in _ITEM_TAGS
        if nearest is None and is_item:
            nearest = node
        if len(node.xpath(".//a[@href]")) > 1:
            break
        if is_item:
            best = node
    return best or nearest


def unread_article_links(page: Page) -> int:
    """Links on this site that look like articles: many of them beside zero entries means
    the list markup was not understood (a template change), not an empty column."""
    return sum(
        1
        for href in page.sel.xpath("//a/@href").getall()
        if ARTICLE_URL_RE.search(href) and urlsplit(page.absolute(href)).hostname == page.host
    )


def _unique(entries: Iterable[ListEntry]) -> list[ListEntry]:
    seen: set[str] = set()
    out = []
    for entry in entries:
        if entry.url not in seen:
            seen.add(entry.url)
            out.append(entry)
    return out


def _trs_pages(page: Page) -> list[PageRequest]:
    """The other pages of a TRS column, from its pager script.

    Two forms exist and they name page 2 differently:
    - `createPageHTML(17, 0, "index", "html")` / `var countPage = 17`: 0-based, page 2 is
      `index_1.html` (often only the variables are live and the call sits in a comment);
    - `createPageHTML('page_div', 50, 1, 'index', 'shtml', 1000)`: 1-based, page 2 is
      `index_2.shtml`.
    """
    scripts = "\n".join(page.sel.xpath("//script/text()").getall())
    count = _int(_COUNT_PAGE_RE.search(scripts))
    if count:  # the live variables win over a createPageHTML call left in a comment
        written = _PAGER_WRITE_RE.search(scripts)
        first = 0
        prefix = written.group(1) if written else "index"
        suffix = written.group(2) if written else _page_suffix(page.url) or "html"
    else:
        for match in _CREATE_PAGE_RE.finditer(scripts):
            args = [a.strip().strip("'\"") for a in match.group(1).split(",")]
            numbers = [int(a) for a in args if a.isdigit()]
            words = [a for a in args if a and not a.isdigit()]
            if numbers and len(words) >= 2:
                # a leading element id marks the 6-argument, 1-based form
                first = 1 if len(words) >= 3 else 0
                count, (prefix, suffix) = numbers[0], words[-2:]
                break
        else:
            return []
    # page 1 is the column's own URL; only the others are requested. A broken countPage of a
    # million must not build a million requests (the spider caps list pages anyway).
    count = min(count, MAX_PAGER_PAGES)
    return [
        PageRequest(urljoin(page.url, f"{prefix}_{n}.{suffix}"))
        for n in range(first + 1, first + count)
    ]


def _page_suffix(url: str) -> str | None:
    """`…/index_3.shtml` → `shtml`, so computed pages keep the site's extension."""
    match = re.search(r"/[^/]+\.(s?html?)$", urlsplit(url).path)
    return match.group(1) if match else None


def _int(match: re.Match[str] | None) -> int:
    return int(match.group(1)) if match else 0


def _link_pages(page: Page) -> list[PageRequest]:
    """Pager links: numbered pages and 下一页 in a pager block, on this site only."""
    out = []
    for link in page.sel.xpath("//a[@href]"):
        text = squeeze("".join(link.xpath(".//text()").getall()))
        href = link.attrib["href"].strip()
        if href.startswith(("javascript:", "#")):
            continue
        in_pager = any(
            _PAGER_CLASS_RE.search(anc.attrib.get("class", "") + " " + anc.attrib.get("id", ""))
            for anc in link.xpath("ancestor::*[position() <= 3]")
        )
        if text in _PAGER_TEXT or (in_pager and text.isdigit()):
            url = page.absolute(href)
            if urlsplit(url).hostname == page.host and url != page.url:
                out.append(PageRequest(url))
    return list(dict.fromkeys(out))


def _parse_hanweb(page: Page) -> ListPage:
    listing = ListPage(entries=_records(page, page.text), family="hanweb")
    text = page.text
    total = _int(_TOTAL_RE.search(text))
    per_page = _int(_PERPAGE_RE.search(text)) or 15
    group = per_page * (_int(_GROUPSIZE_RE.search(text)) or 3)
    shown = len(_RECORD_RE.findall(_DATASTORE_RE.search(text).group(0)))  # type: ignore[union-attr]
    nextgroup = _NEXTGROUP_RE.search(text)
    if not total or shown >= total or not nextgroup:
        return listing
    href = Selector(text=nextgroup.group(1)).xpath("//a/@href").get() or ""
    params = {k: v for k, v in parse_qsl(urlsplit(href).query, keep_blank_values=True)}
    params.pop("page", None)
    # the jpage call's ajaxParam is what the browser really posts (it adds col, sourceContentType)
    params.update(_ajax_param(text))
    proxy_match = _PROXY_URL_RE.search(text)
    proxy = urljoin(
        page.url,
        proxy_match.group(1) if proxy_match else urlsplit(href).path or HANWEB_PROXY_PATH,
    )
    for start in range(shown + 1, total + 1, group):
        end = min(start + group - 1, total)
        query = urlencode({"startrecord": start, "endrecord": end, "perpage": per_page})
        listing.more.append(PageRequest(f"{proxy}?{query}", "POST", tuple(params.items())))
    return listing


def _ajax_param(text: str) -> dict[str, str]:
    """The jpage call's `ajaxParam: {col:1, webname:'…'}` (a JS object literal) as form fields."""
    found = _AJAX_PARAM_RE.search(text)
    if not found:
        return {}
    try:
        value = chompjs.parse_js_object(found.group(1))
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): _js_text(v) for k, v in value.items()}


def _js_text(value: object) -> str:
    """A JS value as jQuery posts it: true/false, numbers and strings as written."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _records(page: Page, text: str) -> list[ListEntry]:
    html = "".join(_RECORD_RE.findall(text))
    if not html:
        return []
    fragment = Selector(text=f"<html><body><ul>{html}</ul></body></html>", base_url=page.url)
    return entries_in(fragment, page, whole=True)
