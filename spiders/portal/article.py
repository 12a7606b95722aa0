"""Read one article page: title, publication date, source unit, column, body, attachments.

Fields come from the most trustworthy place that has them, in this order:
1. government meta tags (国办发〔2017〕47号: ArticleTitle, PubDate, ContentSource, ColumnName,
   SiteIDCode …; names in any case, markup inside values removed),
2. the 政府信息公开 info card (索引号 / 发布机构 / 成文日期 / 发布日期 / 文号),
3. the visible info line under the title (发布时间：… 来源：…), or a labelled line below the body.

The date is only ever the page's own. The list page's date is kept apart (`list_date`): a page
that prints no date is undated and counts for no month, and a date in the body (the 落款 of a
notice, a date the text mentions) is never taken for the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from parsel import Selector

from core.failures import ExtractError, FetchFailure
from core.periods import now
from spiders.dates import DATE_LABEL_RE, DATE_RE, INFO_LINE_RE, line_date, normalize, parse_date
from spiders.page import Page, clean, element_text, raw_text, squeeze
from spiders.portal.card import DATE_LABELS, SOURCE_LABELS, read_info_card
from spiders.portal.links import body_links
from spiders.portal.title import meta_text, title_and_origin

META_NAMES = (
    "ArticleTitle", "PubDate", "PublishDate", "ContentSource", "ColumnName", "ColumnType",
    "SiteName", "SiteDomain", "SiteIDCode", "Author", "Keywords", "Description",
    "ColumnKeywords", "ColumnDescription", "Url",
)  # fmt: skip
_META_BY_LOWER = {name.lower(): name for name in META_NAMES}

# Body containers of the common CMS families (TRS, Hanweb, Ucap and site-built ones).
BODY_SELECTORS = (
    ".TRS_UEDITOR", ".TRS_Editor", "#UCAP-CONTENT", "#zoom", ".zoom", "#Zoom", ".bt-article",
    "#vsb_content", ".v_news_content", ".article-content", ".art_con", ".article_con",
    ".news_content", ".content_text", "#content", ".wzcon", ".zw", ".TRS_PreAppend",
)  # fmt: skip
ATTACHMENT_EXT = re.compile(
    r"\.(pdf|docx?|xlsx?|wps|et|ofd|zip|rar|7z|pptx?|txt|jpg|png)(\?|#|$)", re.I
)

_BODY_MARKERS_RE = re.compile(
    r"<!--\s*ZJEG_RSS\.content\.begin\s*-->(.*?)<!--\s*ZJEG_RSS\.content\.end\s*-->"
    r"|<meta\s+name=[\"']?ContentStart[\"']?\s*/?>(.*?)<meta\s+name=[\"']?ContentEnd",
    re.S | re.I,
)
# TRS templates keep some attachment links in script strings written by document.write
_SCRIPT_HREF_RE = re.compile(r"href\s*=\s*\\?[\"']([^\"'\\]+)\\?[\"']")
# A source value ends at a run of spaces, the next label, or page furniture.
_SOURCE_LINE_RE = re.compile(
    rf"(?:{SOURCE_LABELS})\s*[:：]\s*(?P<v>[^\s|｜【\[]+(?:[ ][^\s|｜【\[:：]+)?)"
)
_SOURCE_LABEL_END_RE = re.compile(rf"(?:{SOURCE_LABELS})\s*[:：]\s*$")
_SOURCE_STOP_RE = re.compile(
    rf"(?:{DATE_LABELS}|作者|编辑|责任编辑|浏览|点击|阅读|字号|字体|分享|打印)\s*[:：]?.*$"
)


# what a page no reader expected can raise while being read: reported as ExtractError
READING_ERRORS = (ValueError, TypeError, AttributeError, IndexError, KeyError, RecursionError)


@dataclass
class Article:
    url: str
    title: str
    published_at: datetime | None
    date_source: str | None
    source: str | None
    source_from: str | None
    column: str | None
    text: str
    attachments: list[dict[str, str]] = field(default_factory=list)
    # [url, tag, text] of the body's links and images (spiders/portal/links.py)
    links: list[list[str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    info_card: dict[str, str] = field(default_factory=dict)
    charset: str = "utf-8"
    # the date the list page showed beside the link: stored apart, never the page's date
    list_date: datetime | None = None

    # characters of link text inside the body (a list's "body" is mostly links)
    link_chars: int = 0
    # heading | meta (ArticleTitle) | title (the <title> tag, site name removed)
    title_from: str = "title"
    # marker (ZJEG/ContentStart) | container (a known body class or id) | densest | None
    body_from: str | None = None

    @property
    def text_chars(self) -> int:
        return len(squeeze(self.text))


def read_meta(sel: Selector) -> dict[str, str]:
    """Government meta tags by canonical name (PubDate, not pubdate), markup removed."""
    out: dict[str, str] = {}
    root = sel.root
    if isinstance(root, str):
        return out
    for node in root.iter("meta"):
        raw_name = (node.get("name") or node.get("property") or "").strip()
        name = _META_BY_LOWER.get(raw_name.lower())
        if name and name not in out:
            content = meta_text(node.get("content"))
            if content:
                out[name] = content
    if "PubDate" not in out and "PublishDate" in out:
        out["PubDate"] = out["PublishDate"]
    return out


def read_meta_line(
    page: Page, title: str, body_text: str = ""
) -> tuple[datetime | None, str | None]:
    """Date and source the page prints for itself: the info line under the title
    (`发布时间：2025-04-01 来源：县教育体育局`), else a labelled line just below the body."""
    lines = page.lines
    window, under_title = _info_window(page, title, body_text)
    date: datetime | None = None
    source: str | None = None
    for index, line in enumerate(window):
        if date is None:
            # a bare date counts only right under the title, not above a body found alone
            date = line_date(line, bare=under_title)
        if source is None:
            source = _line_source(line)
            if source is None and _SOURCE_LABEL_END_RE.search(line) and index + 1 < len(window):
                # `<li>来源：</li><li>县林草局</li>`: the value is the next block
                source = _line_source("来源：" + window[index + 1])
        if date and source:
            return date, source
    # some templates print 来源/发布时间 after the body (平潭's TRS templates)
    for line in _after_body(lines, body_text):
        if date is None:
            date = line_date(line, unlabelled=False)
        if source is None:
            source = _line_source(line)
    return date, source


def _info_window(page: Page, title: str, body_text: str) -> tuple[list[str], bool]:
    """The lines between the title and the body, where a page prints its own date, and
    whether they were found under the title (else: the few lines above the body)."""
    lines = page.lines
    body_start = _find_line(lines, body_text.split("\n", 1)[0]) if body_text else None
    start = None
    want = squeeze(title)
    if want:
        squeezed = page.squeezed_lines
        exact = [i for i, line in enumerate(squeezed) if line == want]
        # the breadcrumb may end with the title too: take the last one above the body
        above = [i for i in exact if body_start is None or i < body_start]
        start = above[-1] if above else exact[0] if exact else None
        if start is None:
            start = next((i for i, line in enumerate(squeezed) if want[:12] in line), None)
    if start is None:
        # no title line: only the few lines just above the body can be its info line
        if body_start is None:
            return [], False
        return lines[max(0, body_start - 4) : body_start], False
    stop = body_start if body_start is not None and body_start > start else start + 10
    window = []
    for line in lines[start + 1 : min(stop, start + 10)]:
        # the body began (templates whose body container holds the title too): a signature
        # date further down a short notice is not the info line
        if _is_prose(line):
            break
        window.append(line)
    return window, True


def _is_prose(line: str) -> bool:
    return len(squeeze(line)) > 50 and not (INFO_LINE_RE.search(line) or DATE_LABEL_RE.search(line))


def _after_body(lines: list[str], body_text: str) -> list[str]:
    if not body_text:
        return []
    last = _find_line(lines, body_text.rsplit("\n", 1)[-1])
    return lines[last + 1 : last + 4] if last is not None else []


def _find_line(lines: list[str], text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    return next((i for i, line in enumerate(lines) if line == text), None)


def _line_source(line: str) -> str | None:
    norm = normalize(line)
    match = _SOURCE_LINE_RE.search(norm)
    if not match:
        return None
    value = _SOURCE_STOP_RE.sub("", match["v"])
    # `来源：县政府办 2025-04-03`: the date printed after the source is not part of it
    dated = DATE_RE.search(value)
    value = (value[: dated.start()] if dated else value).strip(" ：:;；,，")
    return value or None


def read_body(page: Page) -> Any | None:
    """The body's lxml element: CMS markers, then known containers, then the densest block."""
    return find_body(page)[0]


def find_body(page: Page) -> tuple[Any | None, str | None]:
    """The body element and how it was found: marker | container | densest."""
    # Hanweb marks the body exactly; trust the markers over any container guess.
    marked = _BODY_MARKERS_RE.search(page.text)
    if marked:
        html = marked.group(1) or marked.group(2) or ""
        root = Selector(text=f"<div>{html}</div>", base_url=page.url).root
        return root.find(".//div"), "marker"
    found: dict[int, list[Any]] = {}
    for element, cls, ident in page.attributed:
        for token in cls.split():
            rank = _BODY_CLASSES.get(token)
            if rank is not None:
                found.setdefault(rank, []).append(element)
        rank = _BODY_IDS.get(ident)
        if rank is not None:
            found.setdefault(rank, []).append(element)
    if found:
        return max(found[min(found)], key=lambda e: len(raw_text(e))), "container"
    densest = _densest_block(page)
    return densest, "densest" if densest is not None else None


_BODY_CLASSES = {css[1:]: rank for rank, css in enumerate(BODY_SELECTORS) if css[0] == "."}
_BODY_IDS = {css[1:]: rank for rank, css in enumerate(BODY_SELECTORS) if css[0] == "#"}
_BLOCK_PARENTS = {"div", "td", "article", "section"}


def _densest_block(page: Page) -> Any | None:
    """The element whose own <p> children hold the most text: the article body."""
    best, best_len = None, 0
    for element in page.order:
        if not isinstance(element.tag, str) or element.tag not in _BLOCK_PARENTS:
            continue
        length = sum(len(squeeze(raw_text(p))) for p in element.iterchildren("p"))
        if length > best_len:
            best, best_len = element, length
    return best


def read_attachments(page: Page, body: Any | None) -> list[dict[str, str]]:
    """Attachment links of the body (else the page), plus those hidden in script strings."""
    found: dict[str, str] = {}
    root = page.root
    for scope in ([body] if body is not None else []) + (
        [root] if not isinstance(root, str) else []
    ):
        for link in scope.iter("a"):
            href = link.get("href")
            if href and ATTACHMENT_EXT.search(href):
                _add_attachment(found, page, href, clean(element_text(link)))
        if found:
            break
    if not isinstance(root, str):
        for script in root.iter("script"):
            for href in _SCRIPT_HREF_RE.findall(script.text or ""):
                _add_attachment(found, page, href, "")
    return [{"url": url, "name": name} for url, name in found.items()]


def _add_attachment(found: dict[str, str], page: Page, href: str, name: str) -> None:
    href = href.strip()
    if href.startswith(("javascript:", "mailto:")) or not ATTACHMENT_EXT.search(href):
        return
    url = page.absolute(href)
    if url not in found:
        found[url] = name or url.rsplit("/", 1)[-1]


_CRUMB_LINE_RE = re.compile(r"^(当前位置|您的位置|您现在的位置|您现在的位置是|所在位置)\s*[:：]")


def read_column(page: Page, meta: dict[str, str]) -> str | None:
    if meta.get("ColumnName"):
        return meta["ColumnName"]
    for line in page.lines[:80]:
        if _CRUMB_LINE_RE.match(line):
            crumbs = [c for c in re.split(r"\s*[>＞»/]\s*|\s+", line.split("：", 1)[-1]) if c]
            crumbs = [c.split(":", 1)[-1] for c in crumbs]
            if crumbs and crumbs[-1] not in ("正文", "详情", "内容"):
                return crumbs[-1]
            if len(crumbs) > 1:
                return crumbs[-2]
    return None


def extract_article(
    page: Page, list_date: datetime | None = None, site_names: tuple[str, ...] = ()
) -> Article:
    """Read an article page. `list_date` (the date beside the link on the list page) is kept
    in `Article.list_date`, never used as the page's date; `site_names` (the portal's names)
    help strip them from a `<title>`. Unexpected markup gives ExtractError, not a traceback."""
    try:
        return _extract(page, list_date, site_names)
    except FetchFailure:
        raise
    except READING_ERRORS as exc:
        raise ExtractError(f"{type(exc).__name__}: {exc}") from exc


def _extract(page: Page, list_date: datetime | None, site_names: tuple[str, ...]) -> Article:
    meta = read_meta(page.sel)
    card = read_info_card(page)
    title, title_from = title_and_origin(page, meta, site_names)
    body, body_from = find_body(page)
    text = element_text(body) if body is not None else ""
    line_date_, line_source = read_meta_line(page, title, text)

    date_candidates: list[tuple[str, datetime | None]] = [
        ("meta", parse_date(meta.get("PubDate"))),
        ("infocard", parse_date(card.get("published"))),
        ("line", line_date_),
    ]
    # a date after the moment the page is read was not a publication date (a typo, or a
    # fabricated one: 19号 counts 伪造发稿日期 as 弄虚作假); the next place may hold the real one
    latest = now() + timedelta(days=1)
    date_source, published = next(
        ((s, d) for s, d in date_candidates if d and d <= latest), (None, None)
    )

    source_candidates = [
        ("meta", meta.get("ContentSource")),
        ("infocard", card.get("publisher")),
        ("line", line_source),
    ]
    source_from, source = next(((s, v) for s, v in source_candidates if v), (None, None))

    return Article(
        url=page.url,
        title=title,
        published_at=published,
        date_source=date_source,
        source=source,
        source_from=source_from,
        column=read_column(page, meta),
        text=text,
        attachments=read_attachments(page, body),
        links=body_links(page, body),
        meta=meta,
        info_card=card,
        charset=page.charset,
        list_date=list_date,
        link_chars=_link_chars(body),
        title_from=title_from,
        body_from=body_from,
    )


def _link_chars(body: Any | None) -> int:
    if body is None:
        return 0
    return sum(len(squeeze(raw_text(link))) for link in body.iter("a"))
