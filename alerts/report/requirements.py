"""Section 三、工作要求 from an editable Jinja2 template (the shipped one carries the
reference bulletin's text). Each non-empty line is a paragraph; a leading （一）…。 sentence
becomes the paragraph's run-in heading."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment, StrictUndefined, TemplateError

from alerts.report.model import Block, Span

_LEAD = re.compile(r"^([（(][一二三四五六七八九十]+[）)][^。！？]*[。！？])(.*)$")


def default_template() -> str:
    return files("alerts.report").joinpath("templates/requirements.j2").read_text("utf-8")


def render_requirements(source: Path | None, context: dict[str, Any]) -> list[Block]:
    """The paragraphs of 三; a template that cannot be read or rendered is a ValueError
    naming the file (and the line, for a syntax error)."""
    name = str(source) if source else "requirements.j2"
    try:
        text = source.read_text(encoding="utf-8") if source else default_template()
    except OSError as exc:
        raise ValueError(
            f"{name}: cannot read the report template: {exc.strerror or exc}"
        ) from None
    env = Environment(autoescape=False, undefined=StrictUndefined, keep_trailing_newline=False)
    try:
        rendered = env.from_string(text).render(**context)
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        raise ValueError(f"{name}{f':{line}' if line else ''}: {exc.message or exc}") from None
    blocks = []
    for line in rendered.splitlines():
        line = line.strip()
        if not line:
            continue
        match = _LEAD.match(line)
        if match:
            spans = [Span(match[1], "lead")] + ([Span(match[2])] if match[2] else [])
        else:
            spans = [Span(line)]
        blocks.append(Block("para", spans))
    return blocks
