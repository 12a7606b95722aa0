"""Real public government pages (tests/files/real, origin in each sidecar) against the truth
checked by hand: what staff would see in `govwatch extract` for each page.

Pages marked `split: heldout` were set aside before any rule was written from them; they are
held to the issue's goal (≥ 95 % per field) as a whole instead of page by page.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from spiders.page import Page, squeeze
from spiders.portal.kinds import PageReading, read_page

REAL = Path(__file__).parents[1] / "files" / "real"
SIDECARS = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(REAL.glob("*.json"))}
TUNED = [name for name, meta in SIDECARS.items() if meta["split"] == "tune"]
HELD_OUT = [name for name, meta in SIDECARS.items() if meta["split"] == "heldout"]


@cache
def reading_of(name: str) -> PageReading:
    meta = SIDECARS[name]
    body = next(p for p in REAL.glob(f"{name}.*") if p.suffix != ".json").read_bytes()
    return read_page(Page.from_bytes(meta["url"], body, meta["content_type"]))


def shown(name: str) -> dict[str, str | None]:
    reading = reading_of(name)
    article = reading.article
    return {
        "kind": reading.kind,
        "title": norm(article.title),
        "date": article.published_at.date().isoformat() if article.published_at else None,
        "source": norm(article.source),
    }


def norm(text: str | None) -> str | None:
    return squeeze(unicodedata.normalize("NFKC", text)) or None if text else None


def truth(name: str, field: str) -> str | None:
    value = SIDECARS[name]["truth"].get(field)
    return norm(value) if field in ("title", "source") else value


def articles(names: list[str]) -> list[str]:
    return [n for n in names if SIDECARS[n]["truth"]["kind"] == "article"]


def test_the_corpus_spans_cms_families_and_keeps_pages_held_out():
    assert len({meta["family"] for meta in SIDECARS.values()}) >= 4
    assert HELD_OUT and TUNED
    for meta in SIDECARS.values():
        assert meta["origin"] and meta["url"].startswith("http")


@pytest.mark.parametrize("name", TUNED)
def test_kind(name):
    assert shown(name)["kind"] == truth(name, "kind")


@pytest.mark.parametrize("name", articles(TUNED))
def test_title_is_the_article_heading(name):
    assert shown(name)["title"] == truth(name, "title")


@pytest.mark.parametrize("name", articles(TUNED))
def test_date_is_the_page_own_or_none(name):
    assert shown(name)["date"] == truth(name, "date")


@pytest.mark.parametrize("name", articles(TUNED))
def test_source(name):
    assert shown(name)["source"] == truth(name, "source")


@pytest.mark.parametrize("field", ["title", "date", "source", "kind"])
def test_held_out_pages_meet_the_goal(field):
    scope = HELD_OUT if field == "kind" else articles(HELD_OUT)
    wrong = [n for n in scope if shown(n)[field] != truth(n, field)]
    assert len(wrong) <= len(scope) * 0.05, wrong
