"""The text of an attachment (PDF, DOC, DOCX, XLS, XLSX, WPS, TXT, CSV), for the privacy check.

County portals serve attachments as `application/octet-stream`, with wrong extensions, and
sometimes as something else entirely (a `.doc` that is an RTF or HTML export, a `.pdf` that
is the CMS's error page), so the type comes from the bytes first, then the extension, then
the Content-Type. Everything is bounded: the size is checked before parsing, PDFs are read up
to MAX_PDF_PAGES, spreadsheets up to MAX_CELLS, the text up to MAX_CHARS, each file within
TIME_LIMIT seconds (checked between pages and rows; the external catdoc runs under a
subprocess timeout). Nothing raises: a file that cannot be read is `not_checked` with a short
Chinese reason, so it is reported as not checked, never as "no problem".

Libraries: pypdf (PDF), python-docx (DOCX), openpyxl (XLSX), xlrd (XLS, also Kingsoft .et);
legacy Word (DOC, Kingsoft .wps, RTF) goes through Debian's catdoc.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import shutil
import subprocess
import time
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

from spiders.encoding import DecodeError, decode_html

logger = logging.getLogger(__name__)

MAX_PDF_PAGES = 200
MAX_CELLS = 200_000
MAX_CHARS = 2_000_000
TIME_LIMIT = 60.0  # seconds per file
CATDOC_TIMEOUT = 30.0

# dead-link purposes count all of these as attachments; text is read from the first group
TEXT_EXTENSIONS = {"pdf", "doc", "docx", "xls", "xlsx", "wps", "et", "txt", "csv", "rtf"}
ARCHIVE_EXTENSIONS = {"zip", "rar", "7z"}
OTHER_EXTENSIONS = {"ofd", "ppt", "pptx", "dps"}
ATTACHMENT_EXTENSIONS = TEXT_EXTENSIONS | ARCHIVE_EXTENSIONS | OTHER_EXTENSIONS

TOO_LARGE = "文件过大（超过{mb}MB）"
UNSUPPORTED = "不支持的格式"
BROKEN = "文件已损坏或加密"
TIMEOUT = "提取超时"
ARCHIVE = "压缩文件未检查"
NO_TEXT = "无可提取的文字（可能为扫描件）"
NO_TOOL = "缺少读取旧版Word文件的工具（catdoc）"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# stream names in an OLE directory, UTF-16LE
_OLE_WORD = "WordDocument".encode("utf-16-le")
_OLE_BOOKS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_OLE_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<meta|<body|<!--)", re.I)
_EXT_RE = re.compile(r"\.([A-Za-z0-9]{1,5})$")


@dataclass(frozen=True)
class AttachmentResult:
    status: Literal["ok", "not_checked"]
    # not_checked: why; ok: a note when only part was read (仅检查前200页), else None
    reason: str | None
    file_type: str | None  # pdf doc docx xls xlsx txt csv html rtf zip rar 7z …
    text: str = ""

    def __repr__(self) -> str:  # the text may hold personal data: never in a log line
        return f"AttachmentResult({self.status!r}, {self.reason!r}, {self.file_type!r})"


class _Limit(Exception):
    """The file's time budget ran out."""


def extension_of(url: str) -> str | None:
    path = unquote(urlsplit(url).path)
    m = _EXT_RE.search(path)
    return m.group(1).lower() if m else None


def is_attachment_url(url: str) -> bool:
    """A link to a document, spreadsheet or archive (by its extension)."""
    return extension_of(url) in ATTACHMENT_EXTENSIONS


def sniff(body: bytes, url: str, content_type: str | None) -> str | None:
    """The file's real type: magic bytes, then the extension, then the Content-Type."""
    head = body[:1024]
    if b"%PDF-" in head:  # some servers prepend a few bytes before the header
        return "pdf"
    if body.startswith(_OLE_MAGIC):
        return _ole_kind(body, extension_of(url))
    if body.startswith(b"PK\x03\x04"):
        return _zip_kind(body, extension_of(url))
    if body.startswith(b"{\\rtf"):
        return "rtf"
    if body.startswith(b"Rar!\x1a\x07"):
        return "rar"
    if body.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if _HTML_START.match(head.lstrip(b"\xef\xbb\xbf")):
        return "html"
    ext = extension_of(url)
    if ext in ("txt", "csv"):
        return ext
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime in ("text/plain", "text/csv"):
        return "csv" if mime == "text/csv" else "txt"
    if mime in ("text/html", "application/xhtml+xml"):
        return "html"
    return None


def _ole_kind(body: bytes, ext: str | None) -> str:
    # an encrypted .docx/.xlsx is an OLE file holding the encrypted package
    if _OLE_ENCRYPTED in body:
        return "encrypted"
    # Kingsoft's .wps / .et are the same OLE formats as .doc / .xls
    if _OLE_WORD in body:
        return "doc"
    if any(name in body for name in _OLE_BOOKS):
        return "xls"
    # a cut file may have lost its directory: its extension says what it was meant to be
    return {"doc": "doc", "wps": "doc", "xls": "xls", "et": "xls"}.get(ext or "", "ole")


def _zip_kind(body: bytes, ext: str | None) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(body)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        # a cut or damaged .docx/.xlsx is a broken document, not an archive
        return ext if ext in ("docx", "xlsx") else "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


def attachment_text(
    body: bytes, url: str, content_type: str | None, max_bytes: int
) -> AttachmentResult:
    """The attachment's text, or why it could not be read. Never raises."""
    if len(body) > max_bytes:
        mb = f"{max_bytes / 1024 / 1024:g}"
        return AttachmentResult("not_checked", TOO_LARGE.format(mb=mb), extension_of(url))
    kind = sniff(body, url, content_type)
    if kind in ("zip", "rar", "7z"):
        return AttachmentResult("not_checked", ARCHIVE, kind)
    if kind == "encrypted":
        return AttachmentResult("not_checked", BROKEN, extension_of(url))
    reader = _READERS.get(kind or "")
    if reader is None:
        return AttachmentResult("not_checked", UNSUPPORTED, kind or extension_of(url))
    deadline = time.monotonic() + TIME_LIMIT
    try:
        text, note = reader(body, content_type, deadline)
    except _Limit:
        return AttachmentResult("not_checked", TIMEOUT, kind)
    except _NoTool:
        return AttachmentResult("not_checked", NO_TOOL, kind)
    except Exception as exc:  # a broken file must never stop the crawl
        logger.info("attachment %s not readable as %s: %s", url, kind, type(exc).__name__)
        return AttachmentResult("not_checked", BROKEN, kind)
    if not text.strip():
        return AttachmentResult("not_checked", NO_TEXT, kind)
    if len(text) > MAX_CHARS:
        text, note = text[:MAX_CHARS], note or f"仅检查了前{MAX_CHARS // 10_000}万字"
    return AttachmentResult("ok", note, kind, text)


class _NoTool(Exception):
    """catdoc is not installed."""


def _check_time(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise _Limit


# --- readers: (body, content type, deadline) → (text, note) -------------------------------


def _pdf(body: bytes, _ct: str | None, deadline: float) -> tuple[str, str | None]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body))
    if reader.is_encrypted and not reader.decrypt(""):
        # an empty user password (permissions only) is common; anything else is unreadable
        raise ValueError("encrypted")
    parts: list[str] = []
    total = 0
    for number, page in enumerate(reader.pages):
        if number >= MAX_PDF_PAGES:
            return "\n".join(parts), f"仅检查了前{MAX_PDF_PAGES}页"
        _check_time(deadline)
        text = page.extract_text() or ""
        parts.append(text)
        total += len(text)
        if total > MAX_CHARS:
            break
    return "\n".join(parts), None


def _docx(body: bytes, _ct: str | None, deadline: float) -> tuple[str, str | None]:
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(body))
    # every paragraph of the body in reading order: table cells (nested ones too) and text
    # boxes included, each on its own line as the article pages render table cells
    lines: list[str] = []
    total = 0
    for number, paragraph in enumerate(document.element.body.iter(qn("w:p"))):
        if number % 500 == 0:
            _check_time(deadline)
        line = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        lines.append(line)
        total += len(line) + 1
        if total > MAX_CHARS:
            break
    return "\n".join(lines), None


def _xlsx(body: bytes, _ct: str | None, deadline: float) -> tuple[str, str | None]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(body), read_only=True, data_only=True)
    try:
        sheets = ((ws.title, ws.iter_rows(values_only=True)) for ws in book.worksheets)
        return _table_text(sheets, deadline)
    finally:
        book.close()


def _xls(body: bytes, _ct: str | None, deadline: float) -> tuple[str, str | None]:
    import xlrd

    book = xlrd.open_workbook(file_contents=body, on_demand=True)
    try:

        def rows(sheet: Any) -> Iterator[list[Any]]:
            for r in range(sheet.nrows):
                yield [_xls_value(cell) for cell in sheet.row(r)]

        sheets = ((s.name, rows(s)) for s in book.sheets())
        return _table_text(sheets, deadline)
    finally:
        book.release_resources()


def _xls_value(cell: Any) -> Any:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return cell.value
    if cell.ctype in (xlrd.XL_CELL_TEXT, xlrd.XL_CELL_DATE):
        return cell.value
    return None


def _table_text(
    sheets: Iterable[tuple[str, Iterable[Iterable[Any]]]], deadline: float
) -> tuple[str, str | None]:
    """Cells one per line (as article pages render table cells), each under its column's
    header: `联系电话：13974561230`, `项目编号：13800001111`. A spreadsheet's meaning is in its
    header row, and the privacy rules read labels just before a number."""
    lines: list[str] = []
    cells = 0
    for title, rows in sheets:
        lines.append(f"【{title}】")
        header: list[str] | None = None
        for row in rows:
            values = [_cell_text(v) for v in row]
            cells += len(values)
            if cells > MAX_CELLS:
                return "\n".join(lines), f"仅检查了前{MAX_CELLS // 10_000}万个单元格"
            if cells % 5_000 < len(values):
                _check_time(deadline)
            if not any(values):
                continue
            if header is None and _is_header(values):
                header = values
                lines.extend(v for v in values if v)
                continue
            for i, value in enumerate(values):
                if not value:
                    continue
                label = header[i] if header and i < len(header) and header[i] else ""
                lines.append(f"{label}：{value}" if label else value)
            lines.append("")
    return "\n".join(lines), None


def _cell_text(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value)
    if isinstance(value, int | float):
        if abs(value) >= 1e15:
            # a double keeps 15 significant digits: an 18-digit ID typed as a number has lost
            # its last ones (Excel shows 4.31302E+17); its digits are not what anyone typed
            return f"{value:.6g}"
        # 13974561230 typed as a number comes back as 13974561230.0
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() else repr(value)
        return str(value)
    return str(value).strip()


def _is_header(values: list[str]) -> bool:
    """A row of short labels with no long numbers: 序号 姓名 身份证号码 联系电话."""
    filled = [v for v in values if v]
    return len(filled) >= 2 and not any(re.search(r"\d{5,}", v) for v in filled)


def _catdoc(body: bytes, _ct: str | None, deadline: float) -> tuple[str, str | None]:
    """Word 97–2003, Kingsoft .wps and RTF through Debian's catdoc (-w: no line wrapping, or
    a number at the end of a line is cut in two)."""
    tool = shutil.which("catdoc")
    if tool is None:
        raise _NoTool
    timeout = max(1.0, min(CATDOC_TIMEOUT, deadline - time.monotonic()))
    try:
        done = subprocess.run(
            [tool, "-w", "-d", "utf-8"],
            input=body,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise _Limit from None
    if done.returncode != 0:
        raise ValueError(f"catdoc exit {done.returncode}")
    # catdoc writes a table row's cells separated by tabs: one cell per line instead, as the
    # article pages and the other readers render them
    return done.stdout.decode("utf-8", errors="replace").replace("\t", "\n"), None


def _plain(body: bytes, content_type: str | None, _deadline: float) -> tuple[str, str | None]:
    try:
        return decode_html(body, content_type).text, None
    except DecodeError:
        raise ValueError("undecodable") from None


def _csv(body: bytes, content_type: str | None, deadline: float) -> tuple[str, str | None]:
    # read as a table so each value sits under its column's header, as in a spreadsheet
    text, _ = _plain(body, content_type, deadline)
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    return _table_text([("CSV", rows)], deadline)


def _html(body: bytes, content_type: str | None, _deadline: float) -> tuple[str, str | None]:
    # an "attachment" that is a web page: Word's HTML export saved as .doc, or an error page
    from lxml import html

    from spiders.page import element_text

    text, _ = _plain(body, content_type, _deadline)
    root = html.document_fromstring(text)
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    return element_text(root), None


_READERS = {
    "pdf": _pdf,
    "docx": _docx,
    "xlsx": _xlsx,
    "xls": _xls,
    "doc": _catdoc,
    "rtf": _catdoc,
    "txt": _plain,
    "csv": _csv,
    "html": _html,
}
