"""A fetched page: raw bytes decoded once, parsed once, shared by every extractor."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from core.failures import EmptyPage, PageDecodeError
from spiders.encoding import DecodeError, decode_html

_SPACE_RE = re.compile(r"[\s\u3000\xa0]+")
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "title"}


def clean(text: str | None) -> str:
    """Collapse every kind of whitespace (incl. full-width and nbsp) to one space."""
    return _SPACE_RE.sub(" ", text or "").strip()


def squeeze(text: str | None) -> str:
    """Remove all whitespace: `索 引 号` → `索引号`."""
    return _SPACE_RE.sub("", text or "")


@dataclass
class Page:
    url: str
    text: str
    charset: str = "utf-8"
    charset_source: str = "detected"
    raw: bytes = field(default=b"", repr=False)

    @classmethod
    def from_bytes(cls, url: str, body: bytes, content_type: str | None = None) -> Page:
        """Decode raw bytes; an empty or undecodable body is a named fetch failure."""
        if not body.strip():
            raise EmptyPage("返回内容为空")
        try:
            decoded = decode_html(body, content_type)
        except DecodeError as exc:
            raise PageDecodeError(str(exc)) from None
        return cls(url, decoded.text, decoded.charset, decoded.source, body)

    @cached_property
    def sel(self) -> Selector:
        # parsel/lxml refuse str input with an XML encoding declaration; strip it.
        text = re.sub(r"^\s*<\?xml[^>]*\?>", "", self.text)
        return Selector(text=text or "<html></html>", base_url=self.url)

    def absolute(self, href: str) -> str:
        base = self.sel.xpath("//base/@href").get()
        return urljoin(urljoin(self.url, base) if base else self.url, href.strip())

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @cached_property
    def visible_text(self) -> str:
        """The page's text as a reader sees it, one block per line."""
        return node_text(self.sel)


_BLOCK_TAGS = {
    "p", "div", "br", "li", "tr", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5",
    "h6", "table", "ul", "ol", "section", "article", "header", "footer", "blockquote",
}  # fmt: skip


def node_text(node: Selector) -> str:
    """Text of a node with block elements on their own lines, scripts and styles left out."""
    root = node.root
    if isinstance(root, str):
        return clean(root)
    parts: list[str] = []
    _walk(root, parts)
    lines = (clean(line) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _walk(element: Any, parts: list[str]) -> None:
    tag = element.tag
    # comments and processing instructions have a non-str tag; skip them and hidden content
    if isinstance(tag, str) and tag.lower() not in _SKIP_TAGS:
        block = tag.lower() in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if element.text:
            parts.append(element.text)
        for child in element:
            _walk(child, parts)
        if block:
            parts.append("\n")
    if element.tail:
        parts.append(element.tail)
