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

    @cached_property
    def base_url(self) -> str:
        """The URL relative links resolve against: `<base href>` when the page has one."""
        base = self.sel.xpath("//base/@href").get()
        return urljoin(self.url, base.strip()) if base else self.url

    def absolute(self, href: str) -> str:
        return urljoin(self.base_url, href.strip())

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @cached_property
    def root(self) -> Any:
        """The lxml root element: extractors walk it directly (parsel wrappers cost ~10×)."""
        return self.sel.root

    @cached_property
    def visible_text(self) -> str:
        """The page's text as a reader sees it, one block per line."""
        return node_text(self.sel)

    @cached_property
    def lines(self) -> list[str]:
        return self.visible_text.split("\n")

    @cached_property
    def order(self) -> dict[Any, int]:
        """Document order of every element (and comment): element → position."""
        root = self.root
        if isinstance(root, str):
            return {}
        return {element: index for index, element in enumerate(root.iter())}


_BLOCK_TAGS = {
    "p", "div", "br", "li", "tr", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5",
    "h6", "table", "ul", "ol", "section", "article", "header", "footer", "blockquote",
}  # fmt: skip


def node_text(node: Selector) -> str:
    """Text of a node with block elements on their own lines, scripts and styles left out."""
    return element_text(node.root)


def element_text(element: Any) -> str:
    """node_text of a bare lxml element (or a string an XPath returned)."""
    if isinstance(element, str):
        return clean(element)
    lines = (clean(line) for line in "".join(text_parts(element)).split("\n"))
    return "\n".join(line for line in lines if line)


def text_parts(root: Any) -> list[str]:
    """The text pieces of an lxml element in reading order, "\n" around block elements.

    An explicit stack, not recursion: a page of 10,000 nested <div>s must not raise
    RecursionError. (lxml's iterwalk is no help: it skips comments and so loses their
    tails.) The root's own tail is not part of it.
    """
    parts: list[str] = []
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag
        # comments and processing instructions have a non-str tag: their text is not shown
        name = tag.lower() if isinstance(tag, str) else ""
        if closing or not name or name in _SKIP_TAGS:
            if closing and name in _BLOCK_TAGS:
                parts.append("\n")
            if element is not root and element.tail:
                parts.append(element.tail)
            continue
        if name in _BLOCK_TAGS:
            parts.append("\n")
        if element.text:
            parts.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    return parts
