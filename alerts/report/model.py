"""The 通报 as a renderer-neutral document: headings, paragraphs made of spans, the account
table, the chart, and the figures behind them as data. docx, md, html and json render this
one structure, so every format says the same thing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

SpanKind = Literal["text", "lead", "placeholder"]
BlockKind = Literal["heading1", "heading2", "para", "table", "chart", "note"]


@dataclass(frozen=True)
class Span:
    text: str
    # lead: a run-in heading (（一）持续强化信息公开审核。) set in 楷体; placeholder: data that
    # is missing, shown so that nobody mistakes it for a figure
    kind: SpanKind = "text"


@dataclass
class Block:
    kind: BlockKind
    spans: list[Span] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # table
    rows: list[list[str]] = field(default_factory=list)  # table
    image: bytes | None = None  # chart (PNG)
    caption: str = ""  # chart or table

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


def para(*parts: str | Span) -> Block:
    return Block("para", [p if isinstance(p, Span) else Span(p) for p in parts])


def placeholder(text: str) -> Span:
    return Span(f"【待补充：{text}】", "placeholder")


@dataclass
class Report:
    title: str
    addressees: str
    blocks: list[Block]
    issuer: str
    date: date
    figures: dict[str, Any]

    @property
    def placeholders(self) -> list[str]:
        return [s.text for b in self.blocks for s in b.spans if s.kind == "placeholder"]

    def plain_text(self) -> str:
        """Every line a reader sees, in order (tests compare it with the reference)."""
        lines = [self.title, self.addressees]
        for block in self.blocks:
            if block.kind == "table":
                lines.append(" | ".join(block.columns))
                lines += [" | ".join(row) for row in block.rows]
            elif block.kind == "chart":
                lines.append(block.caption)
            else:
                lines.append(block.text)
        lines += [self.issuer, date_label(self.date)]
        return "\n".join(lines)


def date_label(day: date) -> str:
    """成文日期 as GB/T 9704-2012 writes it: 2025年7月18日 (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"
