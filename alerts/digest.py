"""The morning digest's content, built from what is stored: new findings first, open ones by
responsible unit (veto first, overdue marked), what was corrected since the previous run, the
site-level 19号 verdict, what could not be checked (采集失败, by reason, never mixed with
problems), and staff's decisions. Every configured unit gets its line, "无问题" included.

One dict (JSON-ready), so the stored digest, `--format json` and the text and HTML renderings
(alerts/render/digest_*.py) say the same thing.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from checks.context import CheckContext
from checks.portal.verdict import site_verdict
from core.config import Config
from core.failures import label_of
from core.vocab import FindingStatus, Level, RunStatus
from storage.models import Column, FetchFailureRecord, Finding

KIND_LABELS = {
    "zero_news": "新闻类信息发布为0",
    "stale_column": "栏目不更新",
    "empty_column": "空白栏目",
    "homepage_stale": "首页不更新",
    "board_unanswered": "留言超过3个月未回复",
    "board_no_recent_reply": "留言答复不及时",
    "elements_missing": "要素不全",
    "text_issue": "文字错误",
    "privacy_leak": "隐私信息泄露",
    "site_unavailable": "站点无法访问",
    "dead_link": "链接不可用",
    "identity_missing": "网站标识或要素缺失",
    "account_overdue": "政务新媒体逾期未更新",
    "account_abnormal": "政务新媒体账号异常",
    "account_unregistered": "政务新媒体未报备",
    "account_duplicate": "政务新媒体重复开设",
    "hotline_late_sign": "12345工单签收超时",
    "hotline_overdue": "12345工单办理超期",
    "hotline_returned": "12345工单多次退回",
    "hotline_reply": "12345工单答复不规范",
}
# the site as a whole (identity, home-page links, availability) or a page no unit owns
NO_UNIT = "全站或未对应单位"
_LEVEL_ORDER = {Level.veto: 0, Level.warning: 1, Level.info: 2}
_LIVE = (FindingStatus.open, FindingStatus.overdue)


def build_digest(
    session: Session, config: Config, site_id: int | None, as_of: datetime, generated_at: datetime
) -> dict[str, Any]:
    ctx = CheckContext.latest(session, config, site_id, as_of)
    run = ctx.run
    rows = list(session.scalars(select(Finding).where(Finding.site_id == site_id)))
    since = run.started_at if run else None

    def is_new(f: Finding) -> bool:
        return run is not None and f.first_run_id == run.id and f.status in _LIVE

    live = [f for f in rows if f.status in _LIVE]
    corrected = [
        f
        for f in rows
        if f.status == FindingStatus.corrected
        and since
        and f.corrected_at
        and f.corrected_at >= since
    ]
    live.sort(key=_order)
    corrected.sort(key=_order)
    items = [_finding(f, is_new(f)) for f in live + corrected]

    by_unit: defaultdict[str, list[Finding]] = defaultdict(list)
    for f in live:
        by_unit[f.unit or NO_UNIT].append(f)
    units = [u.name for u in config.units]
    extra = sorted(u for u in by_unit if u not in units and u != NO_UNIT)
    unit_lines = [_unit_line(name, by_unit.get(name, [])) for name in units + extra]
    if NO_UNIT in by_unit:
        unit_lines.append(_unit_line(NO_UNIT, by_unit[NO_UNIT]))

    decided = dict(
        session.execute(
            select(Finding.decision, func.count())
            .where(Finding.site_id == site_id, Finding.decision.is_not(None))
            .group_by(Finding.decision)
        ).all()
    )
    return {
        "generated_at": generated_at,
        "as_of": as_of,
        "county": config.county,
        "site": config.portal.name,
        "run": _run(run),
        "site_verdict": site_verdict(session, site_id).as_dict(),
        "counts": {
            "new": sum(1 for f in live if is_new(f)),
            "open": len(live),
            "veto": sum(1 for f in live if f.level == Level.veto),
            "overdue": sum(1 for f in live if f.status == FindingStatus.overdue),
            "corrected": len(corrected),
            "confirmed": decided.get("confirmed", 0),
            "dismissed": decided.get("dismissed", 0),
        },
        "findings": items,
        "units": unit_lines,
        "fetch_failures": _failures(session, run.id) if run else [],
    }


def _order(f: Finding) -> tuple[Any, ...]:
    return (
        _LEVEL_ORDER.get(Level(f.level), 3),
        f.status != FindingStatus.overdue,
        f.first_seen,
        f.id,
    )


_DECISIONS = {"confirmed": "已确认", "dismissed": "已排除（误报）"}


def finding_row(f: Finding) -> dict[str, Any]:
    """A finding as the digest, `govwatch findings` and reports show it."""
    return {
        "id": f.id,
        "kind": f.kind,
        "kind_label": KIND_LABELS.get(f.kind, f.kind),
        "level": f.level,
        "level_label": Level(f.level).label,
        "unit": f.unit,
        "column": f.column,
        "url": f.url,
        "title": f.title,
        "evidence": f.evidence,
        "first_seen": f.first_seen,
        "last_seen": f.last_seen,
        "status": f.status,
        "status_label": FindingStatus(f.status).label,
        "deadline": f.deadline,
        "corrected_at": f.corrected_at,
        "decision": f.decision,
        "decision_label": _DECISIONS.get(f.decision or "", ""),
        "decided_by": f.decided_by,
        "decided_at": f.decided_at,
        "decision_reason": f.decision_reason,
    }


def _finding(f: Finding, new: bool) -> dict[str, Any]:
    return {**finding_row(f), "new": new}


def _unit_line(name: str, found: list[Finding]) -> dict[str, Any]:
    veto = sum(1 for f in found if f.level == Level.veto)
    overdue = sum(1 for f in found if f.status == FindingStatus.overdue)
    if not found:
        text = "无问题"
    else:
        extra = [f"单项否决{veto}条" if veto else "", f"整改逾期{overdue}条" if overdue else ""]
        kinds: dict[str, int] = {}
        for f in found:
            label = KIND_LABELS.get(f.kind, f.kind)
            kinds[label] = kinds.get(label, 0) + 1
        detail = "、".join(f"{k}：{n}条" for k, n in kinds.items())
        text = f"待整改{len(found)}条（{detail}）" + "".join(f"，{e}" for e in extra if e)
    return {
        "unit": name,
        "open": len(found),
        "veto": veto,
        "overdue": overdue,
        "text": text,
        "finding_ids": [f.id for f in sorted(found, key=_order)],
    }


def _run(run: Any) -> dict[str, Any] | None:
    if run is None:
        return None
    return {
        "id": run.id,
        "status": run.status,
        "status_label": RunStatus(run.status).label,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
    }


def _failures(session: Session, run_id: int) -> list[dict[str, Any]]:
    """This run's 采集失败, grouped by reason (the reasons staff can act on differ)."""
    groups: dict[str, dict[str, Any]] = {}
    rows = session.execute(
        select(FetchFailureRecord, Column.name)
        .outerjoin(Column, FetchFailureRecord.column_id == Column.id)
        .where(FetchFailureRecord.run_id == run_id)
        .order_by(FetchFailureRecord.id)
    )
    for record, column in rows:
        group = groups.setdefault(
            record.code,
            {"code": record.code, "reason": label_of(record.code), "count": 0, "pages": []},
        )
        group["count"] += 1
        group["pages"].append(
            {
                "url": record.url,
                "column": column,
                "page_kind": record.page_kind,
                "http_status": record.http_status,
                "detail": record.detail,
            }
        )
    return sorted(groups.values(), key=lambda g: -g["count"])
