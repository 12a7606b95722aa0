"""A fetched page: raw bytes decoded once, parsed once, shared by every extractor."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from parsel import Selector

from core.failures import EmptyPage, PageDecodeError
from spiders.encoding import DecodeError, decode_html

_ATTRS_XPATH = etree.XPath("//@class|//@id")
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
# one tag with tens of thousands of characters of attributes: libxml2 checks attributes for
# duplicates pairwise (seconds for 50,000 of them); no real page needs them, so they go
_HUGE_TAG_RE = re.compile(r"<([a-zA-Z][\w:-]*)\s[^<>]{20000,}>")
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
        return Selector(root=self.root, type="html", base_url=self.url)

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
        """The lxml root element; extractors walk it directly (parsel wrappers cost ~10×).

        Parsed with lxml.etree's HTML parser, not lxml.html's: the latter looks up a Python
        element class for every node touched, which doubles parsing and walking time.
        Comments are dropped at parse time (nothing reads them from the tree; the Hanweb
        body markers are read from the text), so text around them stays joined.
        """
        # lxml refuses an XML encoding declaration in decoded text; NULs truncate it
        text = _XML_DECL_RE.sub("", self.text, count=1).replace("\x00", "").strip()
        text = _HUGE_TAG_RE.sub(r"<\1>", text)
        parser = etree.HTMLParser(
            recover=True, encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True
        )
        root = None
        if text:
            try:
                root = etree.fromstring(text.encode("utf-8"), parser=parser, base_url=self.url)
            except etree.XMLSyntaxError:  # markup lxml cannot recover from: an empty page
                root = None
        return root if root is not None else etree.fromstring(b"<html/>", parser=parser)

    @cached_property
    def visible_text(self) -> str:
        """The page's text as a reader sees it, one block per line."""
        return node_text(self.sel)

    @cached_property
    def lines(self) -> list[str]:
        return self.visible_text.split("\n")

    @cached_property
    def squeezed_lines(self) -> list[str]:
        """`lines` without any whitespace, for matching a title against them."""
        return [squeeze(line) for line in self.lines]

    @cached_property
    def attributed(self) -> list[tuple[Any, str, str]]:
        """(element, class, id) of every element with a class or an id, in document order.

        One XPath over the attributes (C) instead of reading two attributes of every element
        from Python: title, body and card readers all start from here.
        """
        root = self.root
        out: list[tuple[Any, str, str]] = []
        last = None
        for value in _ATTRS_XPATH(root):
            element = value.getparent()
            if element is last:
                _, cls, ident = out[-1]
            else:
                cls = ident = ""
            if value.attrname == "class":
                cls = str(value)
            else:
                ident = str(value)
            if element is last:
                out[-1] = (element, cls, ident)
            else:
                out.append((element, cls, ident))
                last = element
        return out

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
    text = _INLINE_SPACE_RE.sub(" ", "".join(text_parts(element)))
    return _LINE_BREAKS_RE.sub("\n", text).strip()


def raw_text(element: Any) -> str:
    """All text under an element, scripts included, computed in C: a cheap size bound."""
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


_INLINE_SPACE_RE = re.compile(r"[^\S\n]+")
_LINE_BREAKS_RE = re.compile(r" ?\n[\n ]*")


def text_parts(root: Any) -> list[str]:
    """The text pieces of an lxml element in reading order, "\n" around block elements.

    lxml's iterwalk runs in C and keeps no Python stack: a page of 10,000 nested <div>s must
    not raise RecursionError (it did with a recursive walk). The root's tail is left out.
    """
    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag
        if event == "start":
            if tag in _SKIP_TAGS:
                walker.skip_subtree()
                continue
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if element.text:
                parts.append(element.text)
        else:
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if element.tail and element is not root:
                parts.append(element.tail)
    return parts
