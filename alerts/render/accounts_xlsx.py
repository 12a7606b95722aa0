"""The inspection table as an XLSX workbook (openpyxl): the sheet staff paste into the
bulletin, plus a second sheet with the figures behind each row."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from alerts.accounts_table import COLUMNS, AccountsTable
from alerts.render.xlsx import neutral


def render_xlsx(table: AccountsTable) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "政务新媒体检查"
    sheet.append(["(五)政务新媒体运维检查情况"])
    sheet.append([table.summary()])
    sheet.append([f"(监测时间:{table.window})"])
    sheet.append(list(COLUMNS))
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([neutral(v) for v in row.cells()])  # names come from the platforms
    for column, width in zip("ABCDE", (6, 32, 28, 10, 30), strict=True):
        sheet.column_dimensions[column].width = width
    sheet["A2"].alignment = Alignment(wrap_text=False)

    months = table.quarter.months if table.quarter else []
    detail = book.create_sheet("明细")
    detail.append(["账号名称", "平台", "开设主体", "状态", "最新发布时间", "距今天数", "逾期天数",
                   *(f"{m.label}发布数" for m in months), "原因", "说明"])  # fmt: skip
    for row in table.rows:
        detail.append([neutral(v) for v in [
            row.name, row.platform, row.owner_display, row.status_label,
            row.last_post_at.strftime("%Y-%m-%d %H:%M") if row.last_post_at else "",
            None if row.last_post_at is None or table.as_of is None
            else (table.as_of.date() - row.last_post_at.date()).days,
            row.overdue_days,
            *(row.posts_per_month.get(m.key) for m in months),
            row.reason or "", row.detail or "",
        ]])  # fmt: skip
    out = BytesIO()
    book.save(out)
    return out.getvalue()
