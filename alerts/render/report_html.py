"""The 通报 as one self-contained HTML page (inline CSS, the chart as a data: URI, no
scripts): what a reader sees in a browser, A4-like. Every string is escaped (Jinja2
autoescape), crawled titles and unit names included."""

from __future__ import annotations

import base64
from functools import cache
from importlib.resources import files

from jinja2 import Environment, Template

from alerts.report.model import Report, date_label


@cache
def _template() -> Template:
    env = Environment(autoescape=True)
    text = files("alerts.render").joinpath("templates/report.html").read_text(encoding="utf-8")
    return env.from_string(text)


def render_report_html(report: Report) -> str:
    return _template().render(
        r=report,
        day=date_label(report.date),
        png=lambda data: base64.b64encode(data or b"").decode("ascii"),
    )
