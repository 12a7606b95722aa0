"""The 通报 as a .docx (python-docx) laid out per GB/T 9704-2012 《党政机关公文格式》:

- A4; margins: top 37 mm, left 28 mm, so the type area is 156 × 225 mm (right 26, bottom 35);
- title in 2号 (22 pt) 小标宋, centred; body in 3号 (16 pt) 仿宋_GB2312, first line indented
  two characters, line spacing fixed at 28 pt; 一级标题 (一、) in 黑体, 二级标题 (（一）) and
  run-in headings in 楷体_GB2312;
- 发文机关署名 right-aligned two characters from the right edge one line below the text, the
  成文日期 under it starting two characters further right;
- page numbers — 1 — in 4号 宋体, odd pages right and even pages left, one character in;
- tables with borders on every cell and a bold header row.

The document names the intended fonts (east-Asian and Latin slots of every run), so WPS or
Word on the office's machine uses them; the font table gives each a generic family and a
common alternative (仿宋, 楷体, 黑体, 宋体) so a machine without them — LibreOffice with
Noto CJK — falls back to a face of the same kind rather than to a sans default.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from alerts.report.model import Block, Report, Span, date_label

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
# intended font → (generic family, the alternative most machines with Chinese fonts have)
FONT_TABLE = {
    TITLE_FONT: ("roman", "宋体"),
    BODY_FONT: ("modern", "仿宋"),
    HEADING1_FONT: ("swiss", "SimHei"),
    HEADING2_FONT: ("script", "楷体"),
    PAGE_NUMBER_FONT: ("roman", "SimSun"),
}
# tables may be set smaller than the body (小四, 12 pt) so a unit's full name fits its cell
TITLE_SIZE, BODY_SIZE, PAGE_NUMBER_SIZE, TABLE_SIZE = Pt(22), Pt(16), Pt(14), Pt(12)
LINE = Pt(28)
INDENT = Pt(32)  # two characters of 3号
TYPE_WIDTH_MM = 156
# (五)'s table: 序号 | 账号名称 | 开设主体 | 状态 | 逾期情况, widths summing to the type area
TABLE_WIDTHS_MM = (12, 54, 50, 16, 24)


def _fonts(run: Any, name: str) -> None:
    run.font.name = name
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)


def _layout(paragraph: Any, *, indent: bool = True, line: Any = LINE) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = INDENT if indent else None
    fmt.widow_control = False  # an official document fills its 22 lines


def _run(paragraph: Any, text: str, font: str, size: Any = BODY_SIZE, bold: bool = False) -> Any:
    run = paragraph.add_run(text)
    _fonts(run, font)
    run.font.size = size
    run.font.bold = bold
    return run


def _spans(paragraph: Any, spans: list[Span]) -> None:
    for span in spans:
        font = HEADING2_FONT if span.kind == "lead" else BODY_FONT
        run = _run(paragraph, span.text, font)
        if span.kind == "placeholder":  # missing data must jump out at whoever edits it
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _border_cell(cell: Any) -> None:
    props = cell._element.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for edge in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "6")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    props.append(borders)


def _table(document: Any, block: Block) -> None:
    table = document.add_table(rows=1 + len(block.rows), cols=len(block.columns))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = TABLE_WIDTHS_MM if len(block.columns) == len(TABLE_WIDTHS_MM) else None
    if widths:  # the grid (LibreOffice reads it) and every cell (Word reads those)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Mm(width)
    for r, values in enumerate([block.columns, *block.rows]):
        row = table.rows[r]
        if r == 0:  # the header repeats on every page the table runs over
            header = OxmlElement("w:tblHeader")
            row._tr.get_or_add_trPr().append(header)
        for c, value in enumerate(values):
            cell = row.cells[c]
            if widths:
                cell.width = Mm(widths[c])
            _border_cell(cell)
            paragraph = cell.paragraphs[0]
            _layout(paragraph, indent=False, line=Pt(22))
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(paragraph, value, BODY_FONT, TABLE_SIZE, bold=r == 0)


def _page_numbers(document: Any, section: Any) -> None:
    """— N — in 4号 宋体: odd pages right, even pages left, one character in."""
    settings = document.settings.element
    settings.append(OxmlElement("w:evenAndOddHeaders"))
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = PAGE_NUMBER_SIZE
        else:
            fmt.left_indent = PAGE_NUMBER_SIZE
        _run(paragraph, "— ", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
        run = _run(paragraph, "", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            run._element.append(element)
            if kind == "separate":
                number = OxmlElement("w:t")
                number.text = "1"
                run._element.append(number)
        _run(paragraph, " —", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)


def _font_table(document: Any) -> None:
    """Generic families and alternatives for the intended fonts (see the module docstring)."""
    part = next(
        (
            rel.target_part
            for rel in document.part.rels.values()
            if rel.reltype.endswith("/fontTable")
        ),
        None,
    )
    if part is None:
        return
    from docx.oxml import parse_xml

    root = parse_xml(part.blob)
    for name, (family, alternative) in FONT_TABLE.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        alt = OxmlElement("w:altName")
        alt.set(qn("w:val"), alternative)
        charset = OxmlElement("w:charset")
        charset.set(qn("w:val"), "86")  # GB2312
        kind = OxmlElement("w:family")
        kind.set(qn("w:val"), family)
        font.extend([alt, charset, kind])
        root.append(font)
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def render_docx(report: Report) -> bytes:
    document = Document()
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(23)  # the numbers 7 mm below the type area
    normal = document.styles["Normal"]
    normal.font.size = BODY_SIZE
    _fonts(normal, BODY_FONT)
    core = document.core_properties
    core.title, core.author = report.title, report.issuer
    # the date of issue, not the moment of rendering: the same data gives the same document
    core.created = core.modified = datetime(report.date.year, report.date.month, report.date.day)
    core.last_modified_by, core.revision = report.issuer, 1

    title = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    _layout(title, indent=False, line=Pt(35))
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, report.title, TITLE_FONT, TITLE_SIZE)
    _layout(document.add_paragraph(), indent=False)  # 空一行
    addressees = document.add_paragraph()
    _layout(addressees, indent=False)
    _run(addressees, report.addressees, BODY_FONT)

    for block in report.blocks:
        if block.kind == "table":
            _table(document, block)
            continue
        paragraph = document.add_paragraph()
        if block.kind == "chart" and block.image:
            _layout(paragraph, indent=False, line=None)
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run().add_picture(io.BytesIO(block.image), width=Mm(150))
            caption = document.add_paragraph()
            _layout(caption, indent=False)
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(caption, block.caption, BODY_FONT, PAGE_NUMBER_SIZE)
            continue
        _layout(paragraph, indent=block.kind != "note")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if block.kind == "heading1":
            _run(paragraph, block.text, HEADING1_FONT)
        elif block.kind == "heading2":
            _run(paragraph, block.text, HEADING2_FONT)
        else:
            if block.kind == "note":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _spans(paragraph, block.spans)

    _layout(document.add_paragraph(), indent=False)  # 空一行
    issuer = document.add_paragraph()
    _layout(issuer, indent=False)
    issuer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    issuer.paragraph_format.right_indent = INDENT
    _run(issuer, report.issuer, BODY_FONT)
    day = document.add_paragraph()
    _layout(day, indent=False)
    day.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    dated = date_label(report.date)
    # the date's first character two characters right of the issuer's first one
    shift = _width(report.issuer) - _width(dated)
    day.paragraph_format.right_indent = Pt(16 * max(shift, 0))
    _run(day, dated, BODY_FONT)

    _page_numbers(document, section)
    _font_table(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _width(text: str) -> float:
    """Characters of 3号 the text is wide (digits and Latin letters are half width)."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)
