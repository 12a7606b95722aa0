"""Small office exports written by the tests (XLSX through openpyxl, CSV as text), shaped
like the real ones: a title line above the header, Chinese headers, dates as cells or text."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

TICKET_HEADER = ["工单编号", "派发时间", "签收时间", "退件次数", "办结时间", "办理时限", "承办单位",
                 "办理情况", "答复情况"]  # fmt: skip
REPLY = "经核实，已电话联系诉求人，就所反映的道路照明问题作了详细解释说明，诉求人表示理解。"


def xlsx(path: Path, header: list[str], rows: list[list[object]], title: str = "") -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    if title:
        sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def ticket(
    number: str,
    sent: str,
    signed: str | None,
    closed: str | None,
    *,
    returns: int = 0,
    unit: str = "测试县教育局",
    limit: str = "5个工作日",
    reply: str = REPLY,
) -> list[object]:
    def moment(text: str | None) -> datetime | None:
        return datetime.fromisoformat(text) if text else None

    return [
        number,
        moment(sent),
        moment(signed),
        returns,
        moment(closed),
        limit,
        unit,
        "已办理",
        reply,
    ]


def tickets_file(path: Path, rows: list[list[object]]) -> Path:
    return xlsx(path, TICKET_HEADER, rows, title="12345热线工单明细表")
