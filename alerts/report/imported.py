"""Sections 一(二), (四) and (六) of the 通报 from the imported exports: 依申请公开, 政务服务平台
and the 12345 hotline. A month no import speaks for is *missing* (a placeholder in the
document, `available: false` in JSON), never a zero.

What an import speaks for (ImportBatch.months): the months its rows fall in; for the
依申请公开 register also every month up to the one it was exported in (a register lists every
request received, so a month without any is a true 0件)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.report.model import Span, placeholder
from alerts.report.numbers import percent
from checks.hotline import is_overdue
from core.periods import Month, Quarter
from storage.models import HotlineTicket, ImportBatch, InfoRequest, ServiceMonth


def covered_months(session: Session, site_id: int | None, kind: str) -> set[str]:
    found: set[str] = set()
    for months in session.scalars(
        select(ImportBatch.months).where(ImportBatch.site_id == site_id, ImportBatch.kind == kind)
    ):
        found.update(months or [])
    return found


def _missing(quarter: Quarter, covered: set[str]) -> list[str]:
    return [m.key for m in quarter.months if m.key not in covered]


def requests_figures(session: Session, site_id: int | None, quarter: Quarter) -> dict[str, Any]:
    """一(二): requests received in the quarter and how many of them are closed."""
    missing = _missing(quarter, covered_months(session, site_id, "requests"))
    rows = list(
        session.scalars(
            select(InfoRequest).where(
                InfoRequest.site_id == site_id,
                InfoRequest.received_on >= quarter.start.date(),
                InfoRequest.received_on < quarter.end.date(),
            )
        )
    )
    closed = sum(1 for r in rows if r.closed_on is not None)
    return {
        "available": not missing,
        "missing_months": missing,
        "received": len(rows) if not missing else None,
        "closed": closed if not missing else None,
        "by_reply_method": _tally(r.reply_method or "未注明" for r in rows if r.closed_on),
    }


def requests_spans(label: str, fig: dict[str, Any]) -> list[Span]:
    if not fig["available"]:
        months = "、".join(Month.parse(m).label for m in fig["missing_months"])
        return [Span(f"{label}，"), placeholder(f"未导入{months}的依申请公开登记台账")]
    received, closed = fig["received"], fig["closed"]
    text = f"{label}，收到依申请公开事项{received}件"
    if received == 0:
        return [Span(text + "。")]
    if closed == received:
        return [Span(text + "，已办结。")]
    return [Span(text + f"，已办结{closed}件，正在办理{received - closed}件。")]


def services_figures(session: Session, site_id: int | None, quarter: Quarter) -> dict[str, Any]:
    """一(四): per month 受理, 办结 and the rates, computed from the counts."""
    covered = covered_months(session, site_id, "services")
    stored = {
        row.month: row
        for row in session.scalars(select(ServiceMonth).where(ServiceMonth.site_id == site_id))
    }
    months: dict[str, Any] = {}
    for month in quarter.months:
        row = stored.get(month.key)
        if row is None or month.key not in covered:
            months[month.key] = {"available": False}
            continue
        evaluations = row.ratings if row.ratings is not None else row.rated
        base = row.ratings if row.ratings is not None else row.closed
        months[month.key] = {
            "available": True,
            "accepted": row.accepted,
            "closed": row.closed,
            "rated": row.rated,
            "ratings": row.ratings,
            "good": row.good,
            "bad": row.bad,
            "closed_rate": _ratio(row.closed, row.accepted),
            "active_rate": _ratio(row.rated, base),
            "good_rate": _ratio(row.good, evaluations),
            "bad_rate": _ratio(row.bad, evaluations),
            "text": {
                "closed_rate": _pct(row.closed, row.accepted),
                "active_rate": _pct(row.rated, base),
                "good_rate": _pct(row.good, evaluations),
                "bad_rate": _pct(row.bad, evaluations, bare_zero=True),
            },
        }
    return {"available": all(m["available"] for m in months.values()), "months": months}


def services_spans(fig: dict[str, Any]) -> list[Span]:
    spans: list[Span] = []
    for key, month in fig["months"].items():
        label = f"{Month.parse(key).label}份"
        if not month["available"]:
            spans.append(placeholder(f"{label}政务服务平台办件统计未导入"))
            continue
        t = month["text"]
        text = f"{label}受理{month['accepted']}件，办结{month['closed']}件，"
        text += f"办结率为{t['closed_rate']}。" if t["closed_rate"] else "无受理办件。"
        if t["active_rate"]:
            text += f"办件主动评价率{t['active_rate']}，"
        if t["good_rate"]:
            text += f"好评率{t['good_rate']}，差评率为{t['bad_rate']}。"
        else:
            text = text.rstrip("，") + "。本月无办件评价。"
        spans.append(Span(text))
    return spans


def hotline_figures(
    session: Session, site_id: int | None, quarter: Quarter, as_of: datetime
) -> dict[str, Any]:
    """一(六): tickets dispatched in the quarter, closed, 办结率, 超期."""
    missing = _missing(quarter, covered_months(session, site_id, "hotline"))
    tickets = list(
        session.scalars(
            select(HotlineTicket).where(
                HotlineTicket.site_id == site_id,
                HotlineTicket.dispatched_at >= quarter.start,
                HotlineTicket.dispatched_at < quarter.end,
            )
        )
    )
    if len(missing) == len(quarter.months):
        return {"available": False, "missing_months": missing}
    closed = sum(1 for t in tickets if t.closed_at is not None)
    judged = [is_overdue(t, as_of) for t in tickets]
    return {
        "available": not missing,
        "missing_months": missing,
        "received": len(tickets),
        "closed": closed,
        "closed_rate": _ratio(closed, len(tickets)),
        "closed_rate_text": _pct(closed, len(tickets)),
        "overdue": sum(1 for j in judged if j),
        "without_time_limit": sum(1 for j in judged if j is None),
    }


def hotline_spans(label: str, county: str, fig: dict[str, Any]) -> list[Span]:
    head = f"{label}，{county}12345政务服务便民热线平台"
    if "received" not in fig:  # no import speaks for any month of the quarter
        return [Span(head), placeholder("未导入本季度12345热线工单")]
    spans = [Span(f"{head}共接收派发工单{fig['received']}件，办结{fig['closed']}件")]
    text = f"，办结率{fig['closed_rate_text']}" if fig["closed_rate_text"] else ""
    text += f"，超期办件{fig['overdue']}件。" if fig["overdue"] else "，无超期办件。"
    spans.append(Span(text))
    if fig["without_time_limit"]:
        spans.append(
            placeholder(f"{fig['without_time_limit']}件工单未注明办理时限，未判断是否超期")
        )
    if fig["missing_months"]:
        months = "、".join(Month.parse(m).label for m in fig["missing_months"])
        spans.append(placeholder(f"{months}工单未导入，以上数字不含该月"))
    return spans


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _pct(numerator: int, denominator: int, bare_zero: bool = False) -> str:
    return percent(numerator, denominator, bare_zero=bare_zero) if denominator else ""


def _tally(values: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for value in values:
        out[value] = out.get(value, 0) + 1
    return out
