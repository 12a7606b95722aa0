"""The three exports an office imports, read into plain records (nothing is stored here):

- 依申请公开 register: 收到日期, 申请人类型, 事项, 办结日期, 答复方式 (编号 where it has one);
- 政务服务平台 monthly statistics: 月份, 受理, 办结, 主动评价数, 好评, 差评 (评价总数 where the
  platform exports it: 主动评价率 is 主动评价数 over all evaluations, system defaults included);
- 12345 工单: 工单号, 派发时间, 签收时间, 退件次数, 办结时间, 办理时限, 承办单位, 办理情况,
  答复情况.

Every cell is read strictly: a date that does not parse, a count that is not a whole number,
a required date left empty or a 工单号 given twice stops the whole file with an error naming
the row and the column — a report built on a half-read file would be wrong without saying so.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from core.periods import Month
from core.workdays import add_working_days
from spiders.imports.table import Field, Row, Table, parse_count, parse_moment, read_table

KINDS = ("requests", "services", "hotline")
KIND_LABELS = {"requests": "依申请公开登记台账", "services": "政务服务平台办件统计",
               "hotline": "12345热线工单"}  # fmt: skip

REQUEST_FIELDS = (
    Field("收到日期", ("收到申请日期", "申请日期", "登记日期", "收件日期")),
    Field("申请人类型", ("申请人类别", "申请人"), required=False),
    Field("事项", ("申请事项", "申请内容", "申请公开的信息", "申请公开内容")),
    Field("办结日期", ("答复日期", "办理完成日期", "完成日期")),
    Field("答复方式", ("答复类型", "答复结果", "处理结果"), required=False),
    Field("编号", ("登记编号", "申请编号", "受理编号"), required=False),
)
SERVICE_FIELDS = (
    Field("月份", ("统计月份", "月度", "时间")),
    Field("受理", ("受理数", "受理件数", "受理量", "受理办件")),
    Field("办结", ("办结数", "办结件数", "办结量", "办结办件")),
    Field("主动评价数", ("主动评价", "主动评价件数")),
    Field("评价总数", ("评价数", "评价件数"), required=False),
    Field("好评", ("好评数", "好评件数")),
    Field("差评", ("差评数", "差评件数")),
)
TICKET_FIELDS = (
    Field("工单号", ("工单编号", "工单编码")),
    Field("派发时间", ("派单时间", "交办时间", "转派时间")),
    Field("签收时间", ("接单时间", "签收日期")),
    Field("退件次数", ("退回次数", "回退次数", "退单次数")),
    Field("办结时间", ("办结日期", "完成时间", "办理完成时间")),
    Field("办理时限", ("时限", "办理期限", "处理时限")),
    Field("承办单位", ("承办部门", "责任单位", "处理单位")),
    Field("办理情况", ("处理情况", "办理过程"), required=False),
    Field("答复情况", ("回复情况", "答复内容", "回复内容")),
)
FIELDS = {"requests": REQUEST_FIELDS, "services": SERVICE_FIELDS, "hotline": TICKET_FIELDS}


@dataclass(frozen=True)
class RequestRecord:
    row: int
    key: str
    received_on: date
    applicant_type: str
    subject: str
    closed_on: date | None
    reply_method: str


@dataclass(frozen=True)
class ServiceRecord:
    row: int
    month: str  # "2025-04"
    accepted: int
    closed: int
    rated: int
    ratings: int | None
    good: int
    bad: int


@dataclass(frozen=True)
class TicketRecord:
    row: int
    ticket_no: str
    dispatched_at: datetime
    signed_at: datetime | None
    returns: int
    closed_at: datetime | None
    time_limit: str
    deadline: datetime | None
    unit_raw: str
    handling: str
    reply: str


@dataclass
class ImportFile:
    kind: str
    name: str
    sha256: str
    records: list[Any]

    @property
    def months(self) -> list[str]:
        """The months the file holds rows for (what a report may say something about)."""
        found: set[str] = set()
        for r in self.records:
            if isinstance(r, ServiceRecord):
                found.add(r.month)
            elif isinstance(r, RequestRecord):
                found.add(Month.of(r.received_on).key)
            else:
                found.add(Month.of(r.dispatched_at).key)
        return sorted(found)


def _text(row: Row, name: str) -> str:
    value = row.cells.get(name)
    if value is None:
        return ""
    if isinstance(value, float) and value == int(value):
        value = int(value)  # a 工单号 typed as a number comes back as 2025040100012.0
    return str(value).strip()


def _moment(table: Table, row: Row, name: str, required: bool = False) -> datetime | None:
    value = row.cells.get(name)
    try:
        moment = parse_moment(value)
    except ValueError:
        raise table.error(row, name, f"无法识别的日期时间「{value}」") from None
    if moment is None and required:
        raise table.error(row, name, "日期为空")
    return moment


def _count(table: Table, row: Row, name: str, default: int | None = None) -> int:
    value = row.cells.get(name)
    try:
        count = parse_count(value)
    except ValueError:
        raise table.error(row, name, f"应为不小于0的整数，而不是「{value}」") from None
    if count is None:
        if default is None:
            raise table.error(row, name, "数值为空")
        return default
    return count


_MONTH = re.compile(r"^\s*(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*月?\s*(?:份)?\s*$")


def _month(table: Table, row: Row) -> str:
    value = row.cells.get("月份")
    if isinstance(value, datetime | date):
        return Month.of(value).key
    match = _MONTH.match(str(value or ""))
    if not match or not 1 <= int(match[2]) <= 12:
        raise table.error(row, "月份", f"应写明年份和月份（如2025年4月），而不是「{value}」")
    return Month(int(match[1]), int(match[2])).key


_LIMIT = re.compile(
    r"^\s*(\d+(?:\.\d+)?)\s*(个工作日|工作日|个自然日|自然日|天|日|小时|个小时|h)?\s*$"
)


def deadline_of(limit: Any, dispatched: datetime) -> datetime | None:
    """办理时限 as a moment: a date/time is the deadline itself; "5个工作日" (or a bare 5)
    counts working days after the dispatch day, "15天"/"15个自然日" calendar days (both to
    the end of that day), "24小时" hours. ValueError for anything else."""
    if limit is None or limit == "":
        return None
    if isinstance(limit, int | float) and not isinstance(limit, bool):
        return add_working_days(dispatched, int(limit))
    match = _LIMIT.match(str(limit))
    if match is None:
        moment = parse_moment(limit)
        assert moment is not None
        if moment.hour == moment.minute == moment.second == 0:
            moment += timedelta(days=1)  # a date alone: the whole of that day
        return moment
    amount, unit = float(match[1]), match[2] or "个工作日"
    if "小时" in unit or unit == "h":
        return dispatched + timedelta(hours=amount)
    if "工作日" in unit:
        return add_working_days(dispatched, int(amount))
    end = dispatched.replace(hour=0, minute=0, second=0, microsecond=0)
    return end + timedelta(days=int(amount) + 1)


def _requests(table: Table) -> list[RequestRecord]:
    out, seen = [], {}
    for row in table.rows:
        received = _moment(table, row, "收到日期", required=True)
        closed = _moment(table, row, "办结日期")
        assert received is not None
        if closed is not None and closed.date() < received.date():
            raise table.error(row, "办结日期", "早于收到日期")
        applicant, subject = _text(row, "申请人类型"), _text(row, "事项")
        key = _text(row, "编号")
        if not key:
            # no number in the register: the entry is what it says (the n-th of identical
            # entries stays apart from the others)
            base = f"{received.date()}\x1f{applicant}\x1f{subject}"
            seen[base] = seen.get(base, 0) + 1
            key = (
                "h:"
                + hashlib.sha1(
                    f"{base}\x1f{seen[base]}".encode(), usedforsecurity=False
                ).hexdigest()
            )
        elif key in seen:
            raise table.error(row, "编号", f"编号「{key}」重复（第{seen[key]}行已有）")
        else:
            seen[key] = row.number
        closed_on = closed.date() if closed else None
        reply = _text(row, "答复方式")
        out.append(
            RequestRecord(row.number, key, received.date(), applicant, subject, closed_on, reply)
        )
    return out


def _services(table: Table) -> list[ServiceRecord]:
    out, seen = [], {}
    for row in table.rows:
        month = _month(table, row)
        if month in seen:
            raise table.error(row, "月份", f"月份{month}重复（第{seen[month]}行已有）")
        seen[month] = row.number
        ratings = None if row.cells.get("评价总数") is None else _count(table, row, "评价总数")
        record = ServiceRecord(
            row.number, month, _count(table, row, "受理"), _count(table, row, "办结"),
            _count(table, row, "主动评价数"), ratings, _count(table, row, "好评"),
            _count(table, row, "差评"),
        )  # fmt: skip
        if ratings is not None and record.rated > ratings:
            raise table.error(row, "主动评价数", "大于评价总数")
        if record.good + record.bad > (ratings if ratings is not None else record.rated):
            raise table.error(row, "好评", "好评与差评之和大于评价总数（或主动评价数）")
        out.append(record)
    return out


def _tickets(table: Table) -> list[TicketRecord]:
    out, seen = [], {}
    for row in table.rows:
        number = _text(row, "工单号")
        if not number:
            raise table.error(row, "工单号", "工单号为空")
        if number in seen:
            raise table.error(row, "工单号", f"工单号「{number}」重复（第{seen[number]}行已有）")
        seen[number] = row.number
        dispatched = _moment(table, row, "派发时间", required=True)
        assert dispatched is not None
        limit = row.cells.get("办理时限")
        try:
            deadline = deadline_of(limit, dispatched)
        except ValueError:
            raise table.error(row, "办理时限", f"无法识别的办理时限「{limit}」") from None
        signed, closed = _moment(table, row, "签收时间"), _moment(table, row, "办结时间")
        for name, moment in (("签收时间", signed), ("办结时间", closed)):
            if moment is not None and moment < dispatched:
                raise table.error(row, name, "早于派发时间")
        out.append(
            TicketRecord(
                row.number, number, dispatched, signed, _count(table, row, "退件次数", 0),
                closed, _text(row, "办理时限"), deadline, _text(row, "承办单位"),
                _text(row, "办理情况"), _text(row, "答复情况"),
            )
        )  # fmt: skip
    return out


_PARSERS = {"requests": _requests, "services": _services, "hotline": _tickets}


def read_import(
    kind: str, path: Path, mapping: Mapping[str, str] | None = None, sheet: str | None = None
) -> ImportFile:
    """The whole file as records, or ImportFileError / ValueError saying what is wrong."""
    if kind not in KINDS:
        raise ValueError(f"unknown import {kind!r}: choose one of {', '.join(KINDS)}")
    data = path.read_bytes()
    table = read_table(path, FIELDS[kind], mapping, sheet)
    records = _PARSERS[kind](table)
    return ImportFile(kind, path.name, hashlib.sha256(data).hexdigest(), records)
