"""Section 二、存在的主要问题, drafted from the quarter's findings in the bulletin's three
groups — (一) 网站与新媒体运维, (二) 12345 工作质量, (三) 新媒体监管. Every statement states the
count it rests on; a statement without findings is left out, and so is a group with none:
nothing is invented. Staff edit the draft in the .docx.

The quarter's findings: not dismissed, seen since the quarter began; a text issue of an
article only when the article was published in the quarter; a 12345 finding only for a
ticket dispatched in it; nothing about the accounts `report.exclude_accounts` leaves out.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.report.model import Block, Span
from alerts.report.numbers import joined, ordinal
from core.periods import Quarter
from core.vocab import FindingStatus
from storage.models import Article, Finding

GROUPS = (
    ("website", "政府网站、政务新媒体运维水平有待提高。"),
    ("hotline", "12345政府热线工作质量有待提高。"),
    ("newmedia", "政务新媒体常态化监管责任落实不力。"),
)
TEXT_KINDS = {"typo": "错字", "extra_char": "多字", "missing_char": "漏字",
              "wording": "严重表述错误", "punctuation": "标点符号错用"}  # fmt: skip


def quarter_findings(
    session: Session, site_id: int | None, quarter: Quarter, excluded_accounts: set[int]
) -> list[Finding]:
    rows = list(
        session.scalars(
            select(Finding)
            .where(
                Finding.site_id == site_id,
                Finding.status != FindingStatus.dismissed,
                Finding.last_seen >= quarter.start,
            )
            .order_by(Finding.id)
        )
    )
    article_ids = [int(f.place.split(":")[1]) for f in rows if f.place.startswith("article:")]
    published = dict(
        session.execute(
            select(Article.id, Article.published_at).where(Article.id.in_(article_ids))
        ).all()
    )
    excluded_places = {f"account:{i}" for i in excluded_accounts}

    def belongs(f: Finding) -> bool:
        if f.place in excluded_places:
            return False
        if f.kind == "text_issue" and f.place.startswith("article:"):
            when = published.get(int(f.place.split(":")[1]))
            return when is None or quarter.start <= when < quarter.end
        if f.kind.startswith("hotline_"):
            sent = (f.evidence or {}).get("dispatched_at")
            return bool(sent) and quarter.start <= datetime.fromisoformat(sent) < quarter.end
        return True

    return [f for f in rows if belongs(f)]


def _units(found: list[Finding]) -> list[tuple[str, int]]:
    """Units with their counts, most first (then in order of first finding)."""
    counts = Counter(f.unit or "未对应单位" for f in found)
    order = list(dict.fromkeys(f.unit or "未对应单位" for f in found))
    return sorted(counts.items(), key=lambda kv: (-kv[1], order.index(kv[0])))


def _unit_list(found: list[Finding], limit: int = 6, measure: str = "件") -> str:
    """县政府办公室3篇、县司法局1篇 (the unit alone when it is the only one, with one)."""
    units = _units(found)
    shown = [f"{u}{n}{measure}" if len(units) > 1 or n > 1 else u for u, n in units[:limit]]
    return joined(shown) + ("等" if len(units) > limit else "")


def _example(f: Finding) -> str:
    e = f.evidence or {}
    where = f"《{e['article_title']}》" if e.get("article_title") else ""
    if e.get("in") == "board_reply":
        where = "网民留言回复"
    elif f.place.startswith("post:"):
        where = f"政务新媒体「{e.get('account') or f.column}」"
    found, fix = e.get("found", ""), e.get("suggestion", "")
    if fix:
        return f"{f.unit or ''}{where}中“{found}”应为“{fix}”"
    return f"{f.unit or ''}{where}中“{found}”存在{TEXT_KINDS.get(e.get('kind', ''), '文字错误')}"


def _examples(texts: list[Finding], count: int = 3) -> list[Finding]:
    """Two or three examples, the most serious first, from as many units as possible."""
    ranked = sorted(
        texts, key=lambda f: (f.level != "veto", not (f.evidence or {}).get("suggestion"), f.id)
    )
    picked: list[Finding] = []
    for f in ranked:
        if f.unit not in {p.unit for p in picked}:
            picked.append(f)
        if len(picked) == count:
            break
    return picked


def _per_page(found: list[Finding]) -> list[Finding]:
    """One finding per page (a page missing two elements is one page to correct)."""
    return list({f.place: f for f in found}.values())


def _say(key: str, count: int, lead: str, text: str, found: list[Finding]) -> dict[str, Any]:
    return {"key": key, "count": count, "lead": lead, "text": text, "findings": found}


def _website(found: list[Finding]) -> list[dict[str, Any]]:
    out = []
    texts = [f for f in found if f.kind == "text_issue"]
    if texts:
        kinds = Counter(TEXT_KINDS.get((f.evidence or {}).get("kind", ""), "其他") for f in texts)
        detail = "、".join(f"{k}{n}处" for k, n in kinds.most_common())
        examples = "；".join(_example(f) for f in _examples(texts))
        text = (
            f"检查发现政府网站与政务新媒体发布的信息存在文字错误{len(texts)}处（{detail}），"
            f"涉及{len(_units(texts))}家单位，如{examples}。"
        )
        out.append(_say("text_issue", len(texts), "信息公开审核要求落实不到位。", text, texts))
    missing = [f for f in found if f.kind == "elements_missing"]
    if missing:
        pages = {f.place for f in missing}
        kinds = Counter((f.evidence or {}).get("missing") for f in missing)
        parts = [
            f"未标注信息来源{kinds['source']}篇" if kinds["source"] else "",
            f"未标注发布时间{kinds['date']}篇" if kinds["date"] else "",
        ]
        text = (
            f"{len(pages)}篇信息要素填写不完整（{'、'.join(p for p in parts if p)}），"
            f"涉及{_unit_list(_per_page(missing), measure='篇')}。"
        )
        lead = "政府网站巡网读网制度落实不到位。"
        out.append(_say("elements_missing", len(pages), lead, text, missing))
    stale = [f for f in found if f.kind in ("stale_column", "empty_column", "homepage_stale")]
    if stale:
        parts = []
        columns = [f for f in stale if f.kind == "stale_column"]
        if columns:
            names = joined([f"{f.column}" for f in columns], 5)
            parts.append(f"{names}{len(columns)}个栏目超过更新时限未更新")
        empty = [f for f in stale if f.kind == "empty_column"]
        if empty:
            parts.append(f"{joined([f'{f.column}' for f in empty], 5)}{len(empty)}个栏目为空白栏目")
        if any(f.kind == "homepage_stale" for f in stale):
            parts.append("门户网站首页未按要求更新")
        text = "；".join(parts) + f"，涉及{_unit_list(stale, measure='个')}。"
        out.append(_say("stale_column", len(stale), "栏目信息更新不及时。", text, stale))
    board = [f for f in found if f.kind in ("board_unanswered", "board_no_recent_reply")]
    if board:
        parts = []
        late = [f for f in board if f.kind == "board_unanswered"]
        if late:
            parts.append(
                f"{len(late)}条网民留言超过3个月未回复（{_unit_list(late, measure='条')}）"
            )
        quiet = [f for f in board if f.kind == "board_no_recent_reply"]
        if quiet:
            parts.append(f"{joined([f.column or '' for f in quiet])}超过2个月未发布留言答复")
        text = "；".join(parts) + "。"
        out.append(_say("board", len(board), "网民留言办理回复不及时。", text, board))
    return out


def _hotline(found: list[Finding]) -> list[dict[str, Any]]:
    out = []
    late = [f for f in found if f.kind == "hotline_late_sign"]
    if late:
        text = f"本季度{len(late)}件工单未在派发当日（工作日）签收，涉及{_unit_list(late)}。"
        lead = "部分承办单位未能按照工作日当日签收。"
        out.append(_say("hotline_late_sign", len(late), lead, text, late))
    returned = [f for f in found if f.kind == "hotline_returned"]
    if returned:
        numbers = joined([f"{(f.evidence or {}).get('ticket_no')}" for f in returned], 5)
        text = (
            f"{len(returned)}件工单回退记录达3次及以上（工单号{numbers}），"
            f"涉及{_unit_list(returned)}。"
        )
        lead = "部分承办单位未经报备反复退件。"
        out.append(_say("hotline_returned", len(returned), lead, text, returned))
    overdue = [f for f in found if f.kind == "hotline_overdue"]
    if overdue:
        text = f"{len(overdue)}件工单超过办理时限办结或仍未办结，涉及{_unit_list(overdue)}。"
        out.append(_say("hotline_overdue", len(overdue), "部分工单超期办理。", text, overdue))
    replies = [f for f in found if f.kind == "hotline_reply"]
    if replies:
        short = {f.place for f in replies if (f.evidence or {}).get("problem") == "incomplete"}
        texts = [f for f in replies if (f.evidence or {}).get("problem") == "text"]
        parts = [f"{len(short)}件要素不全" if short else ""]
        if texts:
            parts.append(f"{len({f.place for f in texts})}件存在错别字或标点错误{len(texts)}处")
        tickets = {f.place for f in replies}
        text = (
            f"{len(tickets)}件工单的“答复情况”内容存在问题，其中"
            f"{'，'.join(p for p in parts if p)}，涉及{_unit_list(replies)}。"
        )
        out.append(_say("hotline_reply", len(tickets), "工单填写提交不规范。", text, replies))
    return out


def _newmedia(found: list[Finding]) -> list[dict[str, Any]]:
    out = []
    unregistered = [f for f in found if f.kind in ("account_unregistered", "account_duplicate")]
    if unregistered:
        n_new = sum(1 for f in unregistered if f.kind == "account_unregistered")
        n_dup = len(unregistered) - n_new
        parts = [
            f"发现未经报备私自开设的政务新媒体{n_new}个" if n_new else "",
            f"同一平台重复开设账号{n_dup}个" if n_dup else "",
        ]
        units = _unit_list(unregistered, measure="个")
        text = "，".join(p for p in parts if p) + f"，涉及{units}。"
        lead = "部分主办单位责任落实不到位，政务新媒体建设运维不规范。"
        out.append(_say("account_unregistered", len(unregistered), lead, text, unregistered))
    quiet = [f for f in found if f.kind in ("account_overdue", "account_abnormal")]
    if quiet:
        n_late = sum(1 for f in quiet if f.kind == "account_overdue")
        parts = [
            f"{n_late}个政务新媒体监测时点前2周内无更新" if n_late else "",
            f"{len(quiet) - n_late}个账号异常" if len(quiet) > n_late else "",
        ]
        text = "，".join(p for p in parts if p) + f"，涉及{_unit_list(quiet, measure='个')}。"
        out.append(_say("account_overdue", len(quiet), "部分政务新媒体更新不及时。", text, quiet))
    late_fix = [f for f in found if f.kind == "text_issue" and f.status == FindingStatus.overdue]
    if late_fix:
        text = (
            f"政府网站与政务新媒体检测出的信息错误{len(late_fix)}处逾期未整改，"
            f"涉及{_unit_list(late_fix, measure='处')}，信息安全风险隐患较大。"
        )
        lead = "信息发布审查审核不够严格。"
        out.append(_say("text_overdue", len(late_fix), lead, text, late_fix))
    return out


def problems(found: list[Finding]) -> list[dict[str, Any]]:
    """The groups that have something to say, each with its numbered statements."""
    groups = []
    for key, heading in GROUPS:
        statements = {"website": _website, "hotline": _hotline, "newmedia": _newmedia}[key](found)
        if statements:
            groups.append({"group": key, "heading": heading, "statements": statements})
    return groups


def problem_blocks(groups: list[dict[str, Any]]) -> list[Block]:
    blocks = []
    for number, group in enumerate(groups, 1):
        spans = [Span(f"（{ordinal(number)}）{group['heading']}", "lead")]
        for n, statement in enumerate(group["statements"], 1):
            spans.append(Span(f"{ordinal(n)}是{statement['lead']}{statement['text']}"))
        blocks.append(Block("para", spans))
    return blocks


def problems_json(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "group": g["group"],
            "heading": g["heading"],
            "statements": [
                {"key": s["key"], "count": s["count"], "text": f"{s['lead']}{s['text']}",
                 "finding_ids": [f.id for f in s["findings"]]}
                for s in g["statements"]
            ],
        }
        for g in groups
    ]  # fmt: skip
