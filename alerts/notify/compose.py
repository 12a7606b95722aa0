"""One message per run and channel: the digest's summary (new findings, 单项否决, 整改逾期,
采集失败, channels whose last delivery failed) in the channel's format, scoped to the units
the channel serves. Email gets an HTML body and the full digest attached.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from alerts.render.digest_html import render_digest_html
from alerts.render.digest_text import day, finding_line, moment

# the services' own limits on a message, in UTF-8 bytes (企业微信's text robot: 2048)
BYTE_LIMITS = {"wecom": 2000, "dingtalk": 19000, "feishu": 19000, "email": 10**7, "other": 8000}
_KINDS = {
    "mailto": "email", "mailtos": "email",
    "wecombot": "wecom", "wxteams": "wecom", "wecom": "wecom",
    "dingtalk": "dingtalk",
    "feishu": "feishu", "lark": "feishu",
}  # fmt: skip
CUT = "……（内容过长已截断，完整日报见邮件附件或 govwatch digest）"


def channel_kind(url: str) -> str:
    """email, wecom, dingtalk, feishu or other, from the apprise URL's scheme."""
    scheme = url.strip().partition("://")[0].lower()
    return _KINDS.get(scheme, "other")


@dataclass
class Message:
    title: str
    text: str  # plain text: robots and any other apprise service
    markdown: str  # 钉钉 renders markdown
    html: str  # the email body
    attachment: str  # the full digest, self-contained HTML (email only)
    nothing_new: bool
    summary: dict[str, Any] = field(default_factory=dict)

    def body_for(self, kind: str) -> str:
        if kind == "email":
            return self.html
        body = self.markdown if kind == "dingtalk" else self.text
        return truncate(body, BYTE_LIMITS.get(kind, BYTE_LIMITS["other"]))


def truncate(text: str, limit: int) -> str:
    if len(text.encode("utf-8")) <= limit:
        return text
    room = limit - len(CUT.encode("utf-8")) - 1
    kept = text.encode("utf-8")[:room].decode("utf-8", errors="ignore")
    return kept.rsplit("\n", 1)[0] + "\n" + CUT


def scope(digest: dict[str, Any], units: list[str] | None) -> dict[str, Any]:
    """The digest as a unit's channel sees it: only its units' findings and lines, counts
    recomputed; the site-level parts (19号 verdict, 采集失败) stay."""
    if not units:
        return digest
    wanted = set(units)
    lines = [u for u in digest["units"] if u["unit"] in wanted]
    findings = [f for f in digest["findings"] if f["unit"] in wanted]
    live = [f for f in findings if f["status"] in ("open", "overdue")]
    counts = dict(digest["counts"])
    counts.update(
        new=sum(1 for f in live if f["new"]),
        open=len(live),
        veto=sum(1 for f in live if f["level"] == "veto"),
        overdue=sum(1 for f in live if f["status"] == "overdue"),
        corrected=sum(1 for f in findings if f["status"] == "corrected"),
    )
    return {**digest, "findings": findings, "units": lines, "counts": counts}


def compose(
    digest: dict[str, Any],
    *,
    units: list[str] | None = None,
    problems: list[dict[str, Any]] | None = None,
    max_items: int = 10,
) -> Message:
    """`problems`: earlier deliveries that failed ({"channel", "at", "attempts", "error"})."""
    d = scope(digest, units)
    counts = d["counts"]
    failures = sum(g["count"] for g in d["fetch_failures"])
    live = [f for f in d["findings"] if f["status"] in ("open", "overdue")]
    new = [f for f in live if f["new"]]
    veto = [f for f in live if f["level"] == "veto"]
    overdue = [f for f in live if f["status"] == "overdue"]
    who = f"（{'、'.join(units)}）" if units else ""
    date = day(d["as_of"])
    totals = (
        f"待整改 {counts['open']} 条，其中单项否决 {counts['veto']} 条、"
        f"整改逾期 {counts['overdue']} 条"
    )
    if not new:
        title = f"{d['site']}检查日报 {date}{who}：无新增问题"
    else:
        title = f"{d['site']}检查日报 {date}{who}：新发现 {len(new)} 条问题"
    parts: list[tuple[str, list[str]]] = []
    if new:
        parts.append((f"新发现（{len(new)}条）", _lines(new, max_items)))
    if veto:
        parts.append((f"单项否决（{len(veto)}条）", _lines(veto, max_items)))
    if overdue:
        parts.append((f"整改逾期（{len(overdue)}条）", _lines(overdue, max_items)))
    if failures:
        reasons = "；".join(f"{g['reason']} {g['count']} 处" for g in d["fetch_failures"])
        parts.append((f"采集失败（{failures}处，未计为问题）", [reasons]))
    if problems:
        parts.append(("推送异常", [_problem(p) for p in problems]))

    run = d.get("run")
    head = f"{d['site']}网站检查日报{who}，检查日期 {date}（北京时间）"
    if run:
        head += f"，最近一次采集 #{run['id']} {moment(run['started_at'])} {run['status_label']}"
    if new:
        lead = f"新发现 {len(new)} 条；{totals}；采集失败 {failures} 处。"
    else:
        lead = f"无新增问题。{totals}；采集失败 {failures} 处。"
    text = "\n".join([head, lead, *(f"\n【{t}】\n" + "\n".join(ls) for t, ls in parts)])
    markdown = "\n".join(
        [f"### {_md(title)}", _md(lead), *(f"\n**{t}**\n\n" + _md_list(ls) for t, ls in parts)]
    )
    body = "".join(
        f"<h3>{html.escape(t)}</h3><ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in ls)
        + "</ul>"
        for t, ls in parts
    )  # fmt: skip
    email = (
        f"<html><body><p>{html.escape(head)}</p><p><b>{html.escape(lead)}</b></p>{body}"
        "<p>完整日报见附件（手机可直接打开）。</p></body></html>"
    )
    summary = {
        "new": len(new),
        "open": counts["open"],
        "veto": counts["veto"],
        "overdue": counts["overdue"],
        "fetch_failures": failures,
        "units": units or [],
        "nothing_new": not new,
        "problems": [p["channel"] for p in problems or []],
    }
    return Message(
        title=title,
        text=text,
        markdown=markdown,
        html=email,
        attachment=render_digest_html(d),
        nothing_new=not new,
        summary=summary,
    )


def _lines(findings: list[dict[str, Any]], limit: int) -> list[str]:
    lines = [f"{n}. {finding_line(f)}" for n, f in enumerate(findings[:limit], start=1)]
    if len(findings) > limit:
        lines.append(f"……另有 {len(findings) - limit} 条，见完整日报")
    return lines


def _problem(p: dict[str, Any]) -> str:
    return (
        f"渠道 {p['channel']} 上次推送失败（{moment(p['at'])}，尝试 {p['attempts']} 次）："
        f"{p['error'] or '原因不明'}"
    )


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#"})


def _md(text: str) -> str:
    """Crawled titles may hold markdown characters: escaped so they print as written."""
    return text.translate(_MD_SPECIAL)


def _md_list(lines: list[str]) -> str:
    return "\n".join(f"- {_md(line)}" for line in lines)
