"""The digest as one self-contained HTML file (inline CSS, no scripts, no outside resources)
that reads on a phone. Every crawled string is escaped by Jinja2's autoescape: a title
holding `<script>` shows as text."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, Template

from alerts.render.digest_text import day, moment


@cache
def _template() -> Template:
    env = Environment(autoescape=True, trim_blocks=False, lstrip_blocks=False)
    text = files("alerts.render").joinpath("templates/digest.html").read_text(encoding="utf-8")
    return env.from_string(text)


def render_digest_html(digest: dict[str, Any]) -> str:
    findings = digest["findings"]
    return _template().render(
        d=digest,
        day=day,
        moment=moment,
        by_id={f["id"]: f for f in findings},
        new=[f for f in findings if f["new"]],
        corrected=[f for f in findings if f["status"] == "corrected"],
    )
