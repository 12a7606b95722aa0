"""`govwatch export`: the quarter as an Excel workbook (openpyxl) for staff who sort and
filter — 单位发布统计 (units × months), 栏目更新 (columns and their freshness), 问题清单
(findings: open, corrected, overdue), 政务新媒体, 网民留言, 12345工单检查, and the imported
依申请公开 and 政务服务 figures.

Every sheet has its header row frozen and its widths set; dates are real dates (Beijing
time, shown as such); any text starting with = + - @ (or a tab or CR) gets a leading ' so
that Excel shows it instead of running it — crawled titles are written by strangers.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alerts.accounts_table import build_table
from alerts.digest import KIND_LABELS
from alerts.report import imported
from checks.board.stats import month_stats
from checks.hotline import is_overdue
from checks.portal.freshness import CATEGORY_LABELS, category_of, thresholds
from checks.publishing import unit_month_counts
from core.config import Config
from core.periods import Month, Quarter, beijing
from core.vocab import FindingStatus, Level
from storage.attribution import Attribution
from storage.models import Article, Column, Finding, HotlineTicket

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HOTLINE_LABELS = {
    "hotline_late_sign": "未按工作日当日签收",
    "hotline_returned": "退件3次及以上",
    "hotline_overdue": "超期",
    "hotline_reply": "答复情况问题",
}


def neutral(value: Any) -> Any:
    """A cell value Excel will not execute; aware datetimes as Beijing wall-clock time."""
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_START) else value
    if isinstance(value, datetime):
        return beijing(value).replace(tzinfo=None)
    return value


def _sheet(
    book: Workbook,
    title: str,
    header: list[str],
    rows: list[list[Any]],
    widths: list[int],
    percent_columns: tuple[int, ...] = (),
) -> None:
    sheet = book.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        sheet.append([neutral(v) for v in row])
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif cell.column in percent_columns and isinstance(cell.value, float):
                cell.number_format = "0.00%"
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions


def _units(session: Session, config: Config, site_id: int | None, quarter: Quarter) -> list[Any]:
    names = [u.name for u in config.units]
    tally = unit_month_counts(
        session, Attribution.for_site(session, config, site_id), names, site_id, quarter.months
    )
    kinds = {u.name: ("乡镇" if u.kind == "township" else "县级部门") for u in config.units}
    rows = []
    for name in names:
        cells = tally.counts[name]
        values = [v for m in quarter.months for v in (cells[m.key]["all"], cells[m.key]["news"])]
        rows.append([name, kinds[name], *values, sum(c["all"] for c in cells.values())])
    return rows


def _columns(session: Session, config: Config, site_id: int | None, as_of: datetime) -> list[Any]:
    newest = dict(
        session.execute(
            select(Article.column_id, func.max(Article.published_at))
            .where(Article.site_id == site_id, Article.published_at <= as_of)
            .group_by(Article.column_id)
        ).all()
    )
    live = {
        f.column: f.kind
        for f in session.scalars(
            select(Finding).where(
                Finding.site_id == site_id,
                Finding.kind.in_(("stale_column", "empty_column")),
                Finding.status.in_((FindingStatus.open, FindingStatus.overdue)),
            )
        )
    }
    rows = []
    for column in session.scalars(
        select(Column).where(Column.site_id == site_id, Column.active.is_(True)).order_by(Column.id)
    ):
        limit = thresholds(config, column)
        latest = newest.get(column.id)
        state = {"stale_column": "不更新", "empty_column": "空白栏目"}.get(
            live.get(column.name, "")
        )
        rows.append(
            [
                column.name,
                CATEGORY_LABELS.get(category_of(column), column.category),
                column.default_unit.name if column.default_unit else None,
                latest,
                (as_of - latest).days if latest else None,
                limit[0] if limit else None,
                state or ("不判断" if limit is None else "正常"),
                column.url,
            ]
        )
    return rows


def _findings(session: Session, site_id: int | None) -> list[Any]:
    rows = session.scalars(
        select(Finding)
        .where(Finding.site_id == site_id, Finding.status != FindingStatus.dismissed)
        .order_by(Finding.id)
    )
    return [
        [
            f.id,
            KIND_LABELS.get(f.kind, HOTLINE_LABELS.get(f.kind, f.kind)),
            Level(f.level).label,
            f.unit,
            f.column,
            f.title,
            f.url,
            f.first_seen,
            f.last_seen,
            FindingStatus(f.status).label,
            f.deadline,
            f.corrected_at,
        ]
        for f in rows
    ]


def _messages(session: Session, config: Config, site_id: int | None, quarter: Quarter) -> list[Any]:
    rows = []
    for key, month in month_stats(session, config, site_id, quarter.months).items():
        label = Month.parse(key).label
        rows.append([label, "合计", "", month["count"], None])
        for kind, n in month["by_type"].items():
            rows.append([label, "按问题类型", kind, n, month["by_type_percent"][kind] / 100])
        for unit, n in month["by_unit"].items():
            rows.append([label, "按承办单位", unit, n, None])
    return rows


def _tickets(session: Session, site_id: int | None, quarter: Quarter, as_of: datetime) -> list[Any]:
    problems: dict[str, list[str]] = {}
    for f in session.scalars(
        select(Finding).where(
            Finding.site_id == site_id,
            Finding.kind.like("hotline_%"),
            Finding.status != FindingStatus.dismissed,
        )
    ):
        problems.setdefault(f.place.removeprefix("ticket:"), []).append(f.title)
    rows = []
    for t in session.scalars(
        select(HotlineTicket)
        .where(
            HotlineTicket.site_id == site_id,
            HotlineTicket.dispatched_at >= quarter.start,
            HotlineTicket.dispatched_at < quarter.end,
        )
        .order_by(HotlineTicket.dispatched_at)
    ):
        late = is_overdue(t, as_of)
        rows.append(
            [
                t.ticket_no,
                t.unit_raw,
                t.dispatched_at,
                t.signed_at,
                t.returns,
                t.closed_at,
                t.deadline,
                {True: "是", False: "否", None: "无时限"}[late],
                t.reply,
                "；".join(problems.get(t.ticket_no, [])) or "无",
            ]
        )
    return rows


SERVICE_ROWS = (
    ("受理", "accepted"),
    ("办结", "closed"),
    ("办结率", "closed_rate"),
    ("主动评价率", "active_rate"),
    ("好评率", "good_rate"),
    ("差评率", "bad_rate"),
)


def render_export(
    session: Session, config: Config, site_id: int | None, quarter: Quarter, as_of: datetime
) -> bytes:
    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    months = quarter.months
    per_month = [f"{m.label}{k}" for m in months for k in ("信息", "新闻类")]
    _sheet(
        book,
        "单位发布统计",
        ["单位", "类型", *per_month, "季度合计"],
        _units(session, config, site_id, quarter),
        [24, 10, *([9] * 6), 10],
    )
    _sheet(
        book,
        "栏目更新",
        ["栏目", "类别", "责任单位", "最新信息时间", "距今天数", "更新时限", "状态", "链接"],
        _columns(session, config, site_id, as_of),
        [20, 12, 18, 18, 10, 14, 10, 50],
    )
    _sheet(
        book,
        "问题清单",
        [
            "编号",
            "问题类型",
            "级别",
            "责任单位",
            "栏目",
            "问题",
            "链接",
            "首次发现",
            "最近发现",
            "状态",
            "整改期限",
            "整改时间",
        ],
        _findings(session, site_id),
        [7, 16, 9, 18, 16, 60, 40, 17, 17, 10, 17, 17],
    )
    table = build_table(session, config, site_id, as_of) if site_id is not None else None
    _sheet(
        book,
        "政务新媒体",
        ["序号", "账号名称", "平台", "开设主体", "状态", "逾期情况", "最新发布时间", "原因"],
        [
            [
                r.number,
                r.name,
                r.platform,
                r.owner_display,
                r.status_label,
                r.overdue_text,
                r.last_post_at,
                r.reason,
            ]
            for r in (table.rows if table else [])
        ],
        [6, 36, 10, 26, 10, 20, 18, 24],
    )
    _sheet(
        book,
        "网民留言",
        ["月份", "分类", "项目", "条数", "占比"],
        _messages(session, config, site_id, quarter),
        [8, 12, 20, 8, 8],
        (5,),
    )
    _sheet(
        book,
        "12345工单检查",
        [
            "工单号",
            "承办单位",
            "派发时间",
            "签收时间",
            "退件次数",
            "办结时间",
            "办理时限",
            "超期",
            "答复情况",
            "检查发现",
        ],
        _tickets(session, site_id, quarter, as_of),
        [18, 20, 17, 17, 9, 17, 17, 7, 40, 50],
    )
    requests = imported.requests_figures(session, site_id, quarter)
    services = imported.services_figures(session, site_id, quarter)
    rows: list[list[Any]] = [
        ["依申请公开", "收到", requests["received"]],
        ["依申请公开", "已办结", requests["closed"]],
    ]
    for key, m in services["months"].items():
        label = f"政务服务 {Month.parse(key).label}"
        if not m["available"]:
            rows.append([label, "未导入", None])
            continue
        rows += [[label, name, m[field]] for name, field in SERVICE_ROWS]
    _sheet(book, "导入数据", ["来源", "项目", "数值"], rows, [20, 14, 12], (3,))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
