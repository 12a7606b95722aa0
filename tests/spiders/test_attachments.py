"""Attachment text (spiders/attachments.py): real files of each format, built here where a
maintained library writes them (DOCX, XLSX, PDF), else committed fixtures made with
LibreOffice (tests/files/attachments/SOURCES.md); oversize, broken, encrypted, mislabelled."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from core.privacy import find_leaks
from spiders import attachments
from spiders.attachments import attachment_text, is_attachment_url, sniff

FILES = Path(__file__).parent.parent / "files" / "attachments"
MB = 1024 * 1024
ID = "431302199003071236"  # a valid 身份证号 (see tests/core/test_privacy.py)
MOBILE = "13974561230"
needs_catdoc = pytest.mark.skipif(shutil.which("catdoc") is None, reason="catdoc not installed")


def read(body: bytes, url: str, content_type: str | None = None, max_bytes: int = 20 * MB):
    return attachment_text(body, url, content_type, max_bytes)


def leaks(text: str) -> list[tuple[str, str]]:
    return [(leak.kind, leak.masked) for leak in find_leaks(text)]


EXPECTED = [("id_number", "4313**********1236"), ("mobile", "139****1230")]


def pdf_bytes(pages: list[str]) -> bytes:
    """A minimal PDF with one line of Helvetica text per page (offsets computed, so pypdf
    reads it without repairing anything)."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    kids = []
    for text in pages:
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
        page_no = len(objects) + 1
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {page_no + 1} 0 R"
            " /Resources << /Font << /F1 << /Type /Font /Subtype /Type1"
            " /BaseFont /Helvetica >> >> >> >>"
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream.decode()}\nendstream")
        kids.append(f"{page_no} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("关于2024年度临时救助对象的公示")
    table = document.add_table(rows=2, cols=3)
    for i, text in enumerate(["姓名", "身份证号码", "联系电话"]):
        table.cell(0, i).text = text
    for i, text in enumerate(["张三", ID, MOBILE]):
        table.cell(1, i).text = text
    document.add_paragraph("经办人电话：0731-84512345；李四 4313**********2312")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "公示名单"
    sheet.append(["序号", "姓名", "身份证号码", "联系电话", "项目编号"])
    # the mobile typed as a number, as staff do; 项目编号 looks like a mobile but is not one
    sheet.append([1, "张三", ID, int(MOBILE), "13800001111"])
    # an ID typed as a number has lost its last digits (a double): not what anyone typed
    sheet.append([2, "王五", 431302199003071236, "139****0123", "13800002222"])
    book.create_sheet("说明").append(["经办人电话", "0731-84512345"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_pdf_with_an_id_number() -> None:
    result = read(pdf_bytes([f"Name: Zhang San  ID {ID}  Tel {MOBILE}"]), "http://x/a.pdf")
    assert (result.status, result.file_type, result.reason) == ("ok", "pdf", None)
    assert ID in result.text and leaks(result.text) == EXPECTED


def test_wrong_extension_with_pdf_magic_is_still_read() -> None:
    body = pdf_bytes([f"ID {ID}"])
    result = read(body, "http://x/download.doc?id=3", "application/octet-stream")
    assert result.file_type == "pdf" and ID in result.text


def test_pdf_pages_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attachments, "MAX_PDF_PAGES", 2)
    result = read(pdf_bytes(["page one", "page two", f"page three {ID}"]), "http://x/a.pdf")
    assert result.status == "ok" and result.reason == "仅检查了前2页"
    assert "page two" in result.text and ID not in result.text


def test_encrypted_pdf_is_not_checked() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes([f"ID {ID}"]))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    result = read(out.getvalue(), "http://x/a.pdf")
    assert (result.status, result.reason) == ("not_checked", "文件已损坏或加密")


def test_pdf_without_text_is_not_checked() -> None:
    result = read(pdf_bytes([""]), "http://x/scan.pdf")
    assert (result.status, result.reason) == ("not_checked", "无可提取的文字（可能为扫描件）")


def test_docx_reads_table_cells() -> None:
    result = read(docx_bytes(), "http://x/gs.docx")
    assert (result.status, result.file_type) == ("ok", "docx")
    assert "身份证号码" in result.text and ID in result.text
    assert leaks(result.text) == EXPECTED  # the masked ID and the landline are not leaks


def test_xlsx_reads_every_sheet_under_its_headers() -> None:
    result = read(xlsx_bytes(), "http://x/md.xlsx")
    assert (result.status, result.file_type) == ("ok", "xlsx")
    assert f"联系电话：{MOBILE}" in result.text and "0731-84512345" in result.text
    assert "项目编号：13800001111" in result.text
    assert "431302199003071236" in result.text  # the text cell, exactly
    assert "4.31302e+17" in result.text  # the number cell, as Excel shows it
    assert leaks(result.text) == EXPECTED


def test_docx_served_as_octet_stream_without_extension() -> None:
    result = read(docx_bytes(), "http://x/download?fileid=9", "application/octet-stream")
    assert result.file_type == "docx" and ID in result.text


def test_xls_fixture() -> None:
    result = read((FILES / "privacy_sample.xls").read_bytes(), "http://x/md.xls")
    assert (result.status, result.file_type) == ("ok", "xls")
    assert "项目编号：13800001111" in result.text
    assert leaks(result.text) == EXPECTED


@needs_catdoc
def test_doc_fixture() -> None:
    result = read((FILES / "privacy_sample.doc").read_bytes(), "http://x/gs.doc")
    assert (result.status, result.file_type) == ("ok", "doc")
    assert "临时救助" in result.text  # Chinese survives
    assert "项目编号\n13800001111" in result.text  # a table row's cells, one per line
    assert leaks(result.text) == EXPECTED


@needs_catdoc
def test_a_doc_that_is_really_rtf() -> None:
    result = read(
        (FILES / "privacy_sample.rtf").read_bytes(), "http://x/gs.doc", "application/msword"
    )
    assert result.file_type == "rtf" and leaks(result.text) == EXPECTED


def test_doc_without_catdoc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attachments.shutil, "which", lambda _name: None)
    result = read((FILES / "privacy_sample.doc").read_bytes(), "http://x/gs.doc")
    assert (result.status, result.reason) == ("not_checked", "缺少读取旧版Word文件的工具（catdoc）")


def test_a_doc_that_is_really_html() -> None:
    body = (
        "<html><head><meta charset='gbk'><style>p{}</style></head>"
        f"<body><p>申请人身份证号码{ID}</p><script>var t='{MOBILE}'</script></body></html>"
    ).encode("gbk")
    result = read(body, "http://x/gs.doc")
    assert result.file_type == "html" and leaks(result.text) == EXPECTED[:1]


def test_txt_and_csv() -> None:
    txt = read(f"身份证号：{ID}\n".encode("gb18030"), "http://x/a.txt")
    assert txt.file_type == "txt" and leaks(txt.text) == EXPECTED[:1]
    body = f"姓名,身份证号码,联系电话,项目编号\n张三,{ID},{MOBILE},13800001111\n".encode()
    table = read(body, "http://x/a.csv")
    assert table.file_type == "csv" and leaks(table.text) == EXPECTED


def test_oversize_is_not_checked_before_parsing() -> None:
    result = read(b"%PDF-1.4 this would not parse", "http://x/a.pdf", max_bytes=10)
    assert result.status == "not_checked" and (result.reason or "").startswith("文件过大")
    big = read(b"x" * (20 * MB + 1), "http://x/a.pdf")
    assert (big.status, big.reason) == ("not_checked", "文件过大（超过20MB）")


@pytest.mark.parametrize(
    ("body", "url"),
    [
        (b"%PDF-1.4\n1 0 obj garbage", "http://x/a.pdf"),
        (b"PK\x03\x04 truncated zip", "http://x/a.docx"),
        (docx_bytes()[:2000], "http://x/a.docx"),
        (xlsx_bytes()[:-300], "http://x/a.xlsx"),
        ((FILES / "privacy_sample.xls").read_bytes()[:3000], "http://x/a.xls"),
    ],
    ids=["pdf", "not-a-zip", "docx-cut", "xlsx-cut", "xls-cut"],
)
def test_broken_files_are_not_checked(body: bytes, url: str) -> None:
    result = read(body, url)
    assert (result.status, result.reason) == ("not_checked", "文件已损坏或加密")


def test_archives_and_unknown_formats() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("名单.txt", f"{ID}")
    assert read(buffer.getvalue(), "http://x/a.zip").reason == "压缩文件未检查"
    assert read(b"Rar!\x1a\x07\x00rest", "http://x/a.rar").reason == "压缩文件未检查"
    assert read(b"\x89PNG\r\n\x1a\n....", "http://x/a.png").reason == "不支持的格式"


def test_the_text_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attachments, "MAX_CHARS", 100)
    result = read(("甲" * 500).encode(), "http://x/a.txt")
    assert result.status == "ok" and len(result.text) == 100 and result.reason


def test_a_slow_file_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attachments, "TIME_LIMIT", -1.0)  # the budget is spent at once
    result = read(pdf_bytes(["one", "two"]), "http://x/a.pdf")
    assert (result.status, result.reason) == ("not_checked", "提取超时")


def test_repr_never_shows_the_text() -> None:
    result = read(f"身份证号：{ID}".encode(), "http://x/a.txt")
    assert ID not in repr(result)


def test_sniff_order() -> None:
    assert sniff(b"junk%PDF-1.7", "http://x/a.xls", None) == "pdf"
    assert sniff(b"hello", "http://x/a.bin", "text/plain; charset=gbk") == "txt"
    assert sniff(b"hello", "http://x/a.bin", "application/octet-stream") is None


@pytest.mark.parametrize(
    ("url", "yes"),
    [
        ("http://x/files/名单.PDF", True),
        ("http://x/a.docx?v=2", True),
        ("http://x/%E5%90%8D%E5%8D%95.xls", True),
        ("http://x/a.wps", True),
        ("http://x/a.et", True),
        ("http://x/a.zip", True),
        ("http://x/a.rar", True),
        ("http://x/a.csv", True),
        ("http://x/a.html", False),
        ("http://x/pdf/", False),
        ("http://x/a.jpg", False),
    ],
)
def test_is_attachment_url(url: str, yes: bool) -> None:
    assert is_attachment_url(url) is yes


def test_an_encrypted_office_file_is_not_checked() -> None:
    # a password-protected .docx is an OLE container holding an EncryptedPackage stream
    body = attachments._OLE_MAGIC + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le")
    result = read(body + b"\0" * 500, "http://x/a.docx")
    assert (result.status, result.reason) == ("not_checked", "文件已损坏或加密")
