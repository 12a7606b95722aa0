"""Read one article page: title, publication date, source unit, column, body, attachments.

Fields come from the most trustworthy place that has them, in this order:
1. government meta tags (国办发〔2017〕47号: ArticleTitle, PubDate, ContentSource, ColumnName,
   SiteIDCode …; names in any case),
2. the 政府信息公开 info card (索引号 / 发布机构 / 成文日期 / 发布日期 / 文号),
3. the visible metadata line under the title (发布时间：… 来源：…),
4. the list page the link came from (date only), then a heuristic on the body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from parsel import Selector

from spiders.dates import DATE_RE, normalize, parse_date
from spiders.page import Page, clean, node_text, squeeze

META_NAMES = (
    "ArticleTitle", "PubDate", "ContentSource", "ColumnName", "ColumnType", "SiteName",
    "SiteDomain", "SiteIDCode", "Author", "Keywords", "Description", "ColumnKeywords",
    "ColumnDescription", "Url",
)  # fmt: skip
_META_BY_LOWER = {name.lower(): name for name in META_NAMES}

INFO_CARD_LABELS = {
    "索引号": "index_no",
    "发布机构": "publisher",
    "发文机关": "publisher",
    "发布单位": "publisher",
    "公开主体": "publisher",
    "成文日期": "written",
    "发布日期": "published",
    "公开日期": "published",
    "文号": "doc_no",
    "发文字号": "doc_no",
    "主题分类": "topic",
    "有效性": "validity",
}
# labels only a card has (发布日期 alone also appears in ordinary info lines)
_CARD_HINT_RE = re.compile("索引号|发布机构|发文机关|成文日期|文号|公开主体|主题分类")
_CARD_LABEL_RE = re.compile("|".join(sorted(INFO_CARD_LABELS, key=len, reverse=True)))

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
_DATE_LABELS = r"发布时间|发布日期|发稿时间|发表时间|更新时间|时间|日期"
_SOURCE_LABELS = r"信息来源|文章来源|稿件来源|来源单位|发布机构|来源"
_DATE_LINE_RE = re.compile(rf"(?:{_DATE_LABELS})\s*[:：]\s*")
# A source value ends at a run of spaces, the next label, or page furniture.
_SOURCE_LINE_RE = re.compile(
    rf"(?:{_SOURCE_LABELS})\s*[:：]\s*(?P<v>[^\s|｜【\[]+(?:[ ][^\s|｜【\[:：]+)?)"
)
_SOURCE_STOP_RE = re.compile(
    rf"(?:{_DATE_LABELS}|作者|编辑|责任编辑|浏览|点击|阅读|字号|字体|分享|打印)\s*[:：]?.*$"
)
_NEXT_LABEL_RE = re.compile(
    rf"\s*(?:{_CARD_LABEL_RE.pattern}|{_DATE_LABELS}|{_SOURCE_LABELS})\s*[:：]"
)
_TITLE_SPLIT_RE = re.compile(r"\s*(?:_|--|—|－|\||｜| - )\s*")


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
    meta: dict[str, str] = field(default_factory=dict)
    info_card: dict[str, str] = field(default_factory=dict)
    charset: str = "utf-8"

    @property
    def text_chars(self) -> int:
        return len(squeeze(self.text))


def read_meta(sel: Selector) -> dict[str, str]:
    """Government meta tags by canonical name (PubDate, not pubdate)."""
    out: dict[str, str] = {}
    for node in sel.xpath("//meta[@name or @property]"):
        raw_name = (node.attrib.get("name") or node.attrib.get("property") or "").strip()
        name = _META_BY_LOWER.get(raw_name.lower())
        content = clean(node.attrib.get("content"))
        if name and content and name not in out:
            out[name] = content
    return out


def read_info_card(page: Page) -> dict[str, str]:
    """The 政府信息公开 card: label cells followed by value cells, or `label：value` text."""
    card: dict[str, str] = {}
    # most news pages have no card: skip the cell-by-cell walk (visible_text is cached and
    # read anyway for the metadata line)
    if not _CARD_HINT_RE.search(squeeze(page.visible_text)):
        return card
    cells = page.sel.xpath("//table//td|//table//th|//dl/dt|//dl/dd|//li|//span|//p|//div[not(*)]")
    for index, cell in enumerate(cells):
        text = squeeze(node_text(cell))
        if not text or len(text) > 60:
            continue
        for label, key in INFO_CARD_LABELS.items():
            if key in card:
                continue
            if text.rstrip(":：") == label:
                value = _next_value(cells, index)
            elif text.startswith((label + "：", label + ":")):
                value = clean(node_text(cell)).split("：" if "：" in text else ":", 1)[-1]
            else:
                continue
            value = _cut_at_next_label(clean(value))
            if value and not _CARD_LABEL_RE.fullmatch(squeeze(value).rstrip(":：")):
                card[key] = value
    return card


def _cut_at_next_label(value: str) -> str:
    """`县教育体育局 发布日期：2025-04-01` → `县教育体育局` when a cell holds several fields."""
    match = _NEXT_LABEL_RE.search(value)
    return value[: match.start()].strip() if match and match.start() > 0 else value


def _next_value(cells: list[Selector], index: int) -> str:
    """The value cell after a label cell; empty when the next cell is itself a label."""
    for cell in cells[index + 1 : index + 3]:
        text = clean(node_text(cell))
        if text:
            return "" if _CARD_LABEL_RE.match(squeeze(text)) else text
    return ""


def read_title(page: Page, meta: dict[str, str]) -> str:
    if meta.get("ArticleTitle"):
        return meta["ArticleTitle"]
    head = clean(page.sel.xpath("//title/text()").get())
    candidates = []
    for css in ("h1", ".article-title", ".title", ".tit", "h2"):
        for node in page.sel.css(css)[:5]:
            text = clean(" ".join(node.css("::text").getall()))
            # a header's <h1>大姚县人民政府</h1> is the site, not the article
            if 4 <= len(text) <= 200 and not _looks_like_site(text, meta.get("SiteName")):
                candidates.append(text)
    # the heading that the <title> repeats is the article's
    for text in candidates:
        if text in head:
            return text
    return candidates[0] if candidates else strip_site_suffix(head, meta.get("SiteName"))


def strip_site_suffix(title: str, site_name: str | None = None) -> str:
    """`关于…的通知_大姚县人民政府` → `关于…的通知`; never leaves an empty title."""
    parts = [p for p in _TITLE_SPLIT_RE.split(title) if p]
    if len(parts) <= 1:
        return title
    while len(parts) > 1 and _looks_like_site(parts[-1], site_name):
        parts.pop()
    return "_".join(parts) if len(parts) > 1 else parts[0]


def _looks_like_site(part: str, site_name: str | None) -> bool:
    return bool(
        (site_name and part == site_name)
        or re.search(r"(人民政府|政府网|门户网站|政务网|信息公开|网站)$", part)
    )


def read_meta_line(page: Page, title: str) -> tuple[datetime | None, str | None]:
    """Date and source printed near the title: `发布时间：2025-04-01 来源：县教育体育局`."""
    lines = page.visible_text.split("\n")
    start = 0
    for index, line in enumerate(lines):
        if title and title[:12] in line:
            start = index
            break
    date: datetime | None = None
    source: str | None = None
    for line in lines[start : start + 12]:
        norm = normalize(line)
        if date is None:
            for match in _DATE_LINE_RE.finditer(norm):
                found = DATE_RE.match(norm, match.end())
                if found:
                    date = parse_date(found.group(0))
                    break
        if source is None:
            match = _SOURCE_LINE_RE.search(norm)
            if match:
                value = _SOURCE_STOP_RE.sub("", match["v"]).strip(" ：:;；,，")
                if value and not DATE_RE.match(value):
                    source = value
        if date and source:
            break
    return date, source


def read_body(page: Page) -> Selector | None:
    # Hanweb marks the body exactly; trust the markers over any container guess.
    marked = _BODY_MARKERS_RE.search(page.text)
    if marked:
        html = marked.group(1) or marked.group(2) or ""
        return Selector(text=f"<div>{html}</div>", base_url=page.url).xpath("//div")[0]
    for css in BODY_SELECTORS:
        nodes = page.sel.css(css)
        if nodes:
            return max(nodes, key=lambda n: len(node_text(n)))
    return _densest_block(page.sel)


def _densest_block(sel: Selector) -> Selector | None:
    """The element whose own <p> children hold the most text: the article body."""
    best, best_len = None, 0
    for node in sel.xpath("//div[p]|//td[p]|//article[p]|//section[p]"):
        length = sum(len(squeeze(node_text(p))) for p in node.xpath("./p"))
        if length > best_len:
            best, best_len = node, length
    return best


def read_attachments(page: Page, body: Selector | None) -> list[dict[str, str]]:
    """Attachment links of the body (else the page), plus those hidden in script strings."""
    found: dict[str, str] = {}
    for scope in ([body] if body is not None else []) + [page.sel]:
        for link in scope.xpath(".//a[@href]"):
            _add_attachment(found, page, link.attrib["href"], clean(node_text(link)))
        if found:
            break
    for script in page.sel.xpath("//script/text()").getall():
        for href in _SCRIPT_HREF_RE.findall(script):
            _add_attachment(found, page, href, "")
    return [{"url": url, "name": name} for url, name in found.items()]


def _add_attachment(found: dict[str, str], page: Page, href: str, name: str) -> None:
    href = href.strip()
    if href.startswith(("javascript:", "mailto:")) or not ATTACHMENT_EXT.search(href):
        return
    url = page.absolute(href)
    if url not in found:
        found[url] = name or url.rsplit("/", 1)[-1]


def read_column(page: Page, meta: dict[str, str]) -> str | None:
    if meta.get("ColumnName"):
        return meta["ColumnName"]
    for line in page.visible_text.split("\n")[:80]:
        if re.match(r"^(当前位置|您的位置|您现在的位置|所在位置)\s*[:：]", line):
            crumbs = [c for c in re.split(r"\s*[>＞»/]\s*|\s+", line.split("：", 1)[-1]) if c]
            crumbs = [c.split(":", 1)[-1] for c in crumbs]
            if crumbs and crumbs[-1] not in ("正文", "详情", "内容"):
                return crumbs[-1]
            if len(crumbs) > 1:
                return crumbs[-2]
    return None


def _body_date(text: str) -> datetime | None:
    """The signature date at the end of a notice (落款): the last date of the body."""
    tail = "\n".join(text.split("\n")[-4:])
    found = [m for m in DATE_RE.finditer(normalize(tail))]
    return parse_date(found[-1].group(0)) if found else None


def extract_article(page: Page, list_date: datetime | None = None) -> Article:
    meta = read_meta(page.sel)
    card = read_info_card(page)
    title = read_title(page, meta)
    line_date, line_source = read_meta_line(page, title)
    body = read_body(page)
    text = node_text(body) if body is not None else ""

    date_candidates: list[tuple[str, datetime | None]] = [
        ("meta", parse_date(meta.get("PubDate"))),
        ("infocard", parse_date(card.get("published"))),
        ("line", line_date),
        ("list", list_date),
        ("body", _body_date(text)),
    ]
    date_source, published = next(((s, d) for s, d in date_candidates if d), (None, None))

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
        meta=meta,
        info_card=card,
        charset=page.charset,
    )
