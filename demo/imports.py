"""The demo county's exports from other systems, in the formats an office gets them — what
`govwatch import` reads and `govwatch demo` imports — carrying the reference bulletin's
figures for the quarter before --as-of:

- 依申请公开登记台账.xlsx (a title line above the header): 2 requests received in the quarter,
  both closed (and one of the quarter before, which the report must leave out);
- 政务服务平台办件统计.csv (GB18030, as Windows exports it): 受理/办结 737, 585, 6265 with
  the bulletin's rates. The bulletin's 主动评价率 (88.8%, 89.67%, 99.26%) cannot be any count
  over 办结 (no whole number of 737 is 88.80%): the platform divides by 评价总数 (主动 plus
  system-default evaluations), so the file carries 评价总数 — its values are the demo's own,
  chosen to give exactly those rates;
- 12345工单明细.xlsx: 751 tickets, all closed within their 时限, plus the problems planted for
  the checks (PLANTED): three tickets not signed on the working day they were dispatched —
  one dispatched on a 调休 Sunday that was a working day — one returned 3 times, one reply of
  a few characters; and one ticket dispatched on a holiday and signed on the first working
  day after it, which is on time.

Its 承办单位 column is headed 接收单位, a name govwatch does not know: the demo's govwatch.yaml
maps it (`imports: hotline: columns: {承办单位: 接收单位}`), as a county would.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from core.periods import BEIJING, Quarter
from core.workdays import add_working_days, is_workday
from demo.units import UNITS, UNITS_BY_NAME

REQUESTS_FILE = "demo-imports/依申请公开登记台账.xlsx"
SERVICES_FILE = "demo-imports/政务服务平台办件统计.csv"
HOTLINE_FILE = "demo-imports/12345工单明细.xlsx"
HOTLINE_UNIT_HEADER = "接收单位"

# the bulletin's 一(四), month by month: 受理, 办结, 评价总数, 主动评价数, 好评, 差评
SERVICES = ((737, 737, 732, 650, 732, 0), (585, 585, 581, 521, 581, 0),
            (6265, 6265, 6258, 6212, 6258, 0))  # fmt: skip
TICKETS_PER_MONTH = (243, 236, 272)  # 751, the bulletin's 一(六)
TYPES = (
    ("咨询", "3个工作日"),
    ("求助", "5个工作日"),
    ("投诉", "13个工作日"),
    ("建议", "13个工作日"),
)
REPLIES = (
    "经核实，已电话联系诉求人，就所反映的{t}问题作了详细解释说明，诉求人表示理解。",
    "接到工单后，我单位立即安排工作人员到现场核实，{t}问题已协调处理完毕，并已回访诉求人。",
    "已联系诉求人说明相关政策规定，{t}事项正在按程序办理，诉求人对答复表示满意。",
)
TOPICS = ("道路照明", "供水管网", "社保缴费", "子女入学", "农村建房", "环境卫生", "医保报销")


@dataclass(frozen=True)
class PlantedTicket:
    kind: str  # the finding it makes: hotline_late_sign | hotline_returned | hotline_reply | ""
    unit: str  # a demo unit (canonical name)


# the tickets planted for the checks, by their 工单号's last part
PLANTED = {
    "9001": PlantedTicket("hotline_late_sign", "县住房城乡建设局"),  # Friday 16:40 → Monday
    "9002": PlantedTicket("hotline_late_sign", "县自然资源局"),  # a 调休 working Sunday
    "9003": PlantedTicket("hotline_late_sign", "金碧镇"),  # signed two days later
    "9004": PlantedTicket("", "县民政局"),  # dispatched on a holiday: signed in time
    "9005": PlantedTicket("hotline_returned", "县人社局"),  # returned 3 times
    "9006": PlantedTicket("hotline_reply", "县农业农村局"),  # reply: 已处理。
}


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BEIJING)


def _workdays(start: date, end: date) -> list[date]:
    days, day = [], start
    while day < end:
        if is_workday(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def _ticket_row(number: str, sent: datetime, signed: datetime, returns: int, unit: str,
                kind: int, reply: str) -> list[object]:  # fmt: skip
    limit = TYPES[kind][1]
    closed = add_working_days(signed, 1) - timedelta(hours=6, minutes=17)
    return [number, sent, signed, returns, closed, limit, UNITS_BY_NAME[unit].prefixed_full,
            f"已按{TYPES[kind][0]}类工单办理", reply]  # fmt: skip


def hotline_rows(quarter: Quarter) -> list[list[object]]:
    rng = random.Random(f"12345-{quarter.key}")
    rows: list[list[object]] = []
    counter = 0
    for month, count in zip(quarter.months, TICKETS_PER_MONTH, strict=True):
        days = _workdays(month.start.date(), month.end.date())
        for n in range(count - sum(1 for p in _planted(quarter) if p[1].month == month.number)):
            counter += 1
            day = days[n % len(days)]
            sent = _at(day, 8 + rng.randrange(9), rng.randrange(60))
            signed = sent + timedelta(minutes=10 + rng.randrange(40))
            unit = UNITS[rng.randrange(len(UNITS))].name
            kind = rng.randrange(len(TYPES))
            reply = REPLIES[rng.randrange(len(REPLIES))].format(
                t=TOPICS[rng.randrange(len(TOPICS))]
            )
            number = f"CX{month.year}{month.number:02d}{counter:05d}"
            rows.append(_ticket_row(number, sent, signed, rng.randrange(2), unit, kind, reply))
    for suffix, sent, signed, returns, reply in _planted(quarter):
        unit = PLANTED[suffix].unit
        rows.append(_ticket_row(f"CX{quarter.year}{suffix}", sent, signed, returns, unit, 1,
                                reply or REPLIES[0].format(t=TOPICS[0])))  # fmt: skip
    rows.sort(key=lambda r: r[1])  # type: ignore[arg-type, return-value]
    return rows


def _planted(quarter: Quarter) -> list[tuple[str, datetime, datetime, int, str]]:
    """(工单号 suffix, 派发, 签收, 退件, reply or "") of the planted tickets."""
    start, end = quarter.start.date(), quarter.end.date()
    days = [start + timedelta(days=i) for i in range((end - start).days)]
    friday = next(
        d for d in days if d.weekday() == 4 and is_workday(d) and is_workday(d + timedelta(days=3))
    )
    # a weekend day that is a working day (调休); any working day in a quarter without one
    makeup = next((d for d in days if d.weekday() >= 5 and is_workday(d)), days[40])
    tuesday = next(d for d in days[30:] if d.weekday() == 1 and is_workday(d))
    holiday = next((d for d in days if d.weekday() < 5 and not is_workday(d)), None)
    out = [
        ("9001", _at(friday, 16, 40), _at(friday + timedelta(days=3), 9, 10), 0, ""),
        ("9002", _at(makeup, 10), _at(_next_workday(makeup), 8, 50), 0, ""),
        ("9003", _at(tuesday, 9, 30), _at(tuesday + timedelta(days=2), 15), 0, ""),
        ("9005", _at(days[50], 9), _at(days[50], 9, 40), 3, ""),
        ("9006", _at(days[60], 11), _at(days[60], 11, 20), 0, "已处理。"),
    ]
    if holiday is not None:
        out.append(("9004", _at(holiday, 10), _at(_next_workday(holiday), 9), 0, ""))
    return sorted(out)


def _next_workday(day: date) -> date:
    day += timedelta(days=1)
    while not is_workday(day):
        day += timedelta(days=1)
    return day


def expected_hotline(quarter: Quarter) -> list[tuple[str, str]]:
    """(finding kind, unit) of every hotline finding a correct check reports."""
    suffixes = {p[0] for p in _planted(quarter)}
    return sorted((p.kind, p.unit) for s, p in PLANTED.items() if p.kind and s in suffixes)


def _xlsx(title: str, header: list[str], rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append([v.replace(tzinfo=None) if isinstance(v, datetime) else v for v in row])
    for cells in sheet.iter_rows(min_row=3):
        for cell in cells:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_import_files(folder: Path, quarter: Quarter) -> dict[str, Path]:
    """Write the three exports under `folder`; kind → path."""
    paths = {"requests": folder / REQUESTS_FILE, "services": folder / SERVICES_FILE,
             "hotline": folder / HOTLINE_FILE}  # fmt: skip
    for path in paths.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    first, _, third = quarter.months
    before = first.start - timedelta(days=20)
    requests = [
        [1, before.date(), "公民", "某村集体土地征收补偿标准", (before + timedelta(days=9)).date(),
         "予以公开"],
        [2, date(first.year, first.number, 15), "公民", "城区道路改造工程规划许可信息",
         date(first.year, first.number, 28), "予以公开"],
        [3, date(third.year, third.number, 9), "法人或者其他组织", "2024年度农业补贴发放情况",
         date(third.year, third.number, 20), "部分公开"],
    ]  # fmt: skip
    paths["requests"].write_bytes(_xlsx(
        f"大姚县人民政府办公室政府信息公开申请登记台账（{quarter.year}年）",
        ["序号", "收到申请日期", "申请人类型", "申请公开的信息", "办结日期", "答复方式"], requests,
    ))  # fmt: skip
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(
        ["统计月份", "受理件数", "办结件数", "评价总数", "主动评价数", "好评数", "差评数"]
    )
    for month, figures in zip(quarter.months, SERVICES, strict=True):
        writer.writerow([f"{month.year}年{month.number}月", *figures])
    paths["services"].write_bytes(text.getvalue().encode("gb18030"))
    paths["hotline"].write_bytes(_xlsx(
        "楚雄州12345政务服务便民热线工单明细表（大姚县）",
        ["工单编号", "派单时间", "签收时间", "退件次数", "办结时间", "办理时限",
         HOTLINE_UNIT_HEADER, "办理情况", "答复情况"],
        hotline_rows(quarter),
    ))  # fmt: skip
    return paths
