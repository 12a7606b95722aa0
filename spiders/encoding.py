"""Turn the raw bytes of a Chinese government page into text, with the charset actually used.

Order of trust: BOM, HTTP header, `<meta charset>`, then detection. Two quirks of county
portals decide the details:
- Java application servers often send `charset=ISO-8859-1` by default while the page itself
  is GBK or UTF-8, so a Latin-1 header never beats a Chinese `<meta>` declaration.
- Pages declared `gb2312` routinely contain GBK-only characters (e.g. 堃, 玥, 镕 in names), so
  every GB declaration is decoded as GB18030, the superset.
A declaration that does not decode cleanly is treated as wrong and detection takes over.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes
from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

# Charsets a server sends by default without meaning it.
_WEAK_HEADER_CHARSETS = {"cp1252", "latin-1", "iso8859-1", "ascii", "windows-1252"}


class DecodeError(ValueError):
    """The bytes are not text in any charset we can recognise."""


@dataclass(frozen=True)
class Decoded:
    text: str
    charset: str
    # bom | header | meta | detected
    source: str


def _canonical(name: str | None) -> str | None:
    if not name:
        return None
    resolved = resolve_encoding(name)
    if resolved is None:
        return None
    if resolved in ("gb2312", "gbk", "gb18030"):
        return "gb18030"
    return codecs.lookup(resolved).name


def _strict(body: bytes, charset: str) -> str | None:
    try:
        return body.decode(charset)
    except (UnicodeDecodeError, LookupError):
        return None


# Files that servers send as text/html when a link points at an attachment or a broken
# gateway answers: never a page, whatever a charset detector makes of the bytes.
_MAGIC = (
    (b"%PDF-", "PDF"), (b"PK\x03\x04", "ZIP/Office"), (b"\xd0\xcf\x11\xe0", "Office 97"),
    (b"\x89PNG", "PNG"), (b"GIF8", "GIF"), (b"\xff\xd8\xff", "JPEG"), (b"\x1f\x8b", "gzip"),
    (b"Rar!", "RAR"), (b"7z\xbc\xaf", "7z"), (b"BM", "BMP"),
)  # fmt: skip


def binary_kind(body: bytes) -> str | None:
    """What binary file the bytes are (`PDF`, `gzip` …), or None for text."""
    head = body.lstrip()[:8]
    for magic, name in _MAGIC:
        if head.startswith(magic) and (name != "BMP" or not body[:2048].isascii()):
            return name
    sample = body[:4096]
    # text in any charset a portal uses has no NUL bytes (UTF-16 pages carry a BOM)
    if sample.count(0) > len(sample) // 100 and not read_bom(body)[0]:
        return "binary"
    return None


def decode_html(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode an HTML (or XML/JSON) body; raise DecodeError when nothing fits."""
    kind = binary_kind(body)
    if kind:
        raise DecodeError(f"not a web page: {kind} bytes served as text")
    bom_charset, bom = read_bom(body)
    if bom_charset:
        text = _strict(body[len(bom) :], _canonical(bom_charset) or bom_charset)
        if text is not None:
            return Decoded(text, _canonical(bom_charset) or bom_charset, "bom")

    header = _canonical(http_content_type_encoding(content_type or ""))
    meta = _canonical(html_body_declared_encoding(body))
    candidates: list[tuple[str, str]] = []
    # a Latin-1 default decodes any bytes, so it is trusted only for pure-ASCII pages
    weak = header in _WEAK_HEADER_CHARSETS and (meta or not body.isascii())
    if header and not weak:
        candidates.append((header, "header"))
    if meta:
        candidates.append((meta, "meta"))
    if any(charset == "gb18030" for charset, _ in candidates) and not body.isascii():
        # GB18030 decodes nearly any bytes, UTF-8 almost none by accident: Chinese bytes that
        # are valid UTF-8 are UTF-8, whatever a misconfigured server or template declares
        text = _strict(body, "utf-8")
        if text is not None:
            return Decoded(text, "utf-8", "detected")
    for charset, source in candidates:
        text = _strict(body, charset)
        if text is not None:
            return Decoded(text, charset, source)
    for charset, source in candidates:
        # a few broken bytes (a character cut at the end, one pasted from elsewhere) do not
        # make the declared charset wrong: keep the page, with those bytes replaced
        text = _nearly(body, charset)
        if text is not None:
            return Decoded(text, charset, source)

    return _detect(body)


def _nearly(body: bytes, charset: str) -> str | None:
    """The body decoded with at most a handful of undecodable bytes replaced, or None."""
    try:
        text = body.decode(charset, errors="replace")
    except LookupError:
        return None
    broken = text.count("\ufffd") - body.count("\ufffd".encode())
    return text if broken <= max(2, len(body) // 5000) else None


def _detect(body: bytes) -> Decoded:
    # UTF-8 is self-validating: Chinese text in GBK almost never decodes as UTF-8 by accident.
    for charset in ("utf-8", "gb18030"):
        text = _strict(body, charset) or _nearly(body, charset)
        if text is not None and (charset == "utf-8" or _looks_chinese(text)):
            return Decoded(text, charset, "detected")
    best = from_bytes(body).best()
    if best is not None and best.encoding:
        charset = _canonical(best.encoding) or best.encoding
        return Decoded(str(best), charset, "detected")
    raise DecodeError("bytes are not text in UTF-8, GB18030 or any detectable charset")


def _looks_chinese(text: str) -> bool:
    """GB18030 decodes most byte soup; accept it only if CJK dominates the non-ASCII part."""
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return True
    cjk = sum(1 for ch in non_ascii if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f")
    return cjk / len(non_ascii) >= 0.8
