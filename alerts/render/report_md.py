"""The 通报 as Markdown (for review in a browser or a chat): the same blocks as the .docx;
the chart as its figures in a small table. Crawled text (titles, unit names from pages) is
escaped so that it cannot become Markdown or HTML markup."""

from __future__ import annotations

import re

from alerts.report.model import Block, Report, date_label

# what could start markup inside a line (CJK text has no list markers to fear mid-line)
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~=])")


def md_escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _spans(block: Block) -> str:
    out = []
    for span in block.spans:
        text = md_escape(span.text)
        out.append(
            f"**{text}**"
            if span.kind == "lead"
            else f"=={text}=="
            if span.kind == "placeholder"
            else text
        )
    return "".join(out)


def _chart(report: Report) -> list[str]:
    chart = (report.figures.get("portal") or {}).get("chart")
    if not chart:
        return []
    series = chart["series"]
    lines = ["| 月份 | " + " | ".join(series.values()) + " |", "|---|" + "---|" * len(series)]
    for month, values in chart["by_unit_type"].items():
        lines.append(f"| {int(month[5:])}月 | " + " | ".join(str(values[k]) for k in series) + " |")
    return lines


def render_report_md(report: Report) -> str:
    lines = [f"# {md_escape(report.title)}", "", md_escape(report.addressees), ""]
    for block in report.blocks:
        if block.kind == "heading1":
            lines += [f"## {md_escape(block.text)}", ""]
        elif block.kind == "heading2":
            lines += [f"### {md_escape(block.text)}", ""]
        elif block.kind == "table":
            lines.append("| " + " | ".join(md_escape(c) for c in block.columns) + " |")
            lines.append("|" + "---|" * len(block.columns))
            lines += ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in block.rows]
            lines.append("")
        elif block.kind == "chart":
            lines += [f"*{md_escape(block.caption)}*", "", *_chart(report), ""]
        else:
            lines += [_spans(block), ""]
    lines += [
        "",
        f'<p align="right">{md_escape(report.issuer)}<br>{date_label(report.date)}</p>',
        "",
    ]
    return "\n".join(lines)
