"""An office's export file (XLSX or CSV) as rows of named cells, with the row numbers a
spreadsheet shows, so every error can name the file, the row and the column.

Exports from the hotline or the 政务服务 platform often put a title line or two above the
header ("楚雄州12345热线工单明细表"): the header is the first of the top rows that holds the
required columns. Header names are compared without spaces or line breaks (a wrapped header
cell "派发\n时间" is 派发时间).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from core.periods import BEIJING, beijing

HEADER_SEARCH_ROWS = 10
MAX_ROWS = 200_000
_SPACE = re.compile(r"\s+")


class ImportFileError(ValueError):
    """A file that cannot be imported as it is; the message names file, row and column."""

    def __init__(self, file: str, problem: str, row: int | None = None, column: str | None = None):
        where = f"第{row}行" if row else ""
        if column:
            where += f"「{column}」"
        super().__init__(f"{file}：{where + '：' if where else ''}{problem}")
        self.file, self.row, self.column, self.problem = file, row, column, problem


@dataclass(frozen=True)
class Field:
    name: str  # govwatch's name for the column (the usual header)
    aliases: tuple[str, ...] = ()  # other headers offices use for it
    required: bool = True  # the column must be there (a cell may still be empty)


@dataclass
class Row:
    number: int  # as the spreadsheet shows it (1 = the first line of the file)
    cells: dict[str, Any]  # field name → cell value (None when empty)


@dataclass
class Table:
    file: str  # the file's name, for messages
    header_row: int
    columns: dict[str, str]  # field name → the header it was read from
    rows: list[Row]

    def error(self, row: Row | int | None, field: str | None, problem: str) -> ImportFileError:
        number = row.number if isinstance(row, Row) else row
        header = self.columns.get(field or "", field)
        return ImportFileError(self.file, problem, number, header)


def _clean(value: Any) -> str:
    return _SPACE.sub("", str(value)) if value is not None else ""


def _raw_rows(path: Path, sheet: str | None) -> list[tuple[int, list[Any]]]:
    name = path.name
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # a damaged or mislabelled file: zipfile, KeyError …
            raise ImportFileError(name, f"不是可读取的Excel文件（{type(exc).__name__}）") from None
        try:
            if sheet is not None and sheet not in book.sheetnames:
                raise ImportFileError(name, f"没有名为「{sheet}」的工作表")
            ws = book[sheet] if sheet else book.worksheets[0]
            rows = [
                (n, list(values))
                for n, values in enumerate(ws.iter_rows(values_only=True), 1)
                if n <= MAX_ROWS
            ]
        finally:
            book.close()
        return rows
    if path.suffix.lower() not in (".csv", ".txt"):
        raise ImportFileError(name, "只能导入 .xlsx 或 .csv 文件")
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(name, "文件编码无法识别（应为UTF-8或GB18030）")
    reader = csv.reader(io.StringIO(text, newline=""))
    out = []
    for values in reader:
        if reader.line_num > MAX_ROWS:
            break
        out.append((reader.line_num, list(values)))
    return out


def _lookup(fields: Sequence[Field], mapping: Mapping[str, str]) -> dict[str, list[str]]:
    """Field name → the headers that may carry it: the configured one first."""
    known = {f.name for f in fields}
    for name in mapping:
        if name not in known:
            raise ValueError(
                f"imports columns: unknown column {name!r}; known: {', '.join(sorted(known))}"
            )
    return {
        f.name: [_clean(h) for h in ((mapping[f.name],) if f.name in mapping else ())]
        + [_clean(h) for h in (f.name, *f.aliases)]
        for f in fields
    }


def read_table(
    path: Path,
    fields: Sequence[Field],
    mapping: Mapping[str, str] | None = None,
    sheet: str | None = None,
) -> Table:
    """The rows of the file's header-led table; a missing required column is an error."""
    name = path.name
    candidates = _lookup(fields, mapping or {})
    raw = _raw_rows(path, sheet)
    best: tuple[int, int, dict[str, int]] | None = None  # (found, row number, positions)
    for number, values in raw[:HEADER_SEARCH_ROWS]:
        cleaned = [_clean(v) for v in values]
        positions: dict[str, int] = {}
        for field, headers in candidates.items():
            for header in headers:
                if header in cleaned:
                    positions[field] = cleaned.index(header)
                    break
        if best is None or len(positions) > best[0]:
            best = (len(positions), number, positions)
    if best is None:
        raise ImportFileError(name, "文件为空")
    _, header_row, positions = best
    missing = [f.name for f in fields if f.required and f.name not in positions]
    if missing:
        shown = "、".join(f"「{m}」" for m in missing)
        raise ImportFileError(
            name, f"缺少列{shown}（表头应在前{HEADER_SEARCH_ROWS}行内）", header_row
        )
    header_cells = dict(raw)[header_row]
    columns = {field: str(header_cells[i]).strip() for field, i in positions.items()}
    rows = []
    for number, values in raw:
        if number <= header_row or not any(_clean(v) for v in values):
            continue
        cells = {}
        for field, index in positions.items():
            value = values[index] if index < len(values) else None
            if isinstance(value, str):
                value = value.strip() or None
            cells[field] = value
        rows.append(Row(number, cells))
    return Table(name, header_row, columns, rows)


_DATE_FORMS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y%m%d %H:%M:%S", "%Y%m%d")


def parse_moment(value: Any) -> datetime | None:
    """A cell as a Beijing-time moment (a date alone is its midnight); None when empty.
    ValueError when it holds something that is not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return beijing(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=BEIJING)
    text = str(value).strip()
    text = re.sub(r"[/.年月]", "-", text).replace("日", " ").replace("T", " ")
    text = _SPACE.sub(" ", text).strip()
    for form in _DATE_FORMS:
        try:
            return datetime.strptime(text, form).replace(tzinfo=BEIJING)
        except ValueError:
            continue
    raise ValueError(value)


def parse_count(value: Any) -> int | None:
    """A whole number ≥ 0 ("737", "737件", 737.0); None when empty; ValueError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        if value != int(value) or value < 0:
            raise ValueError(value)
        return int(value)
    text = str(value).strip().replace(",", "").removesuffix("件").removesuffix("次").strip()
    if not text.isdigit():
        raise ValueError(value)
    return int(text)
