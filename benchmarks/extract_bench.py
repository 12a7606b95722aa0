"""Score extraction on saved real government pages, and time it.

Usage::

    .venv/bin/python benchmarks/extract_bench.py [--dir tests/files/real] [--show tune|heldout|all]
        [--rounds 3]

Each page is ``<id>.html`` (raw bytes) plus ``<id>.json`` with ``url``, ``content_type``,
``split`` (``tune`` or ``heldout``) and ``truth`` (``title``, ``date`` as YYYY-MM-DD,
``source``, ``kind``; ``null`` where the page has none). Printed:

* per-field accuracy (title, date, source, kind) of ``read_page`` (what ``govwatch extract``
  shows) on the tuned pages and on the held-out ones, which no rule was written from;
* pages/s of ``read_page`` and of ``extract_article`` (what the spider runs) on the same
  bytes, next to parsing those bytes with lxml alone in the same run, and the ratio.

Titles and sources compare without whitespace and after NFKC (full-width forms), dates by
day. Nothing is asserted: the tests do that.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lxml import etree

from spiders.page import Page, squeeze
from spiders.portal.article import extract_article
from spiders.portal.kinds import read_page

FIELDS = ("title", "date", "source", "kind")
DEFAULT_DIR = Path(__file__).resolve().parents[1] / "tests" / "files" / "real"


@dataclass
class Saved:
    name: str
    url: str
    content_type: str
    body: bytes
    split: str
    truth: dict[str, Any]
    family: str


def load(folder: Path) -> list[Saved]:
    out = []
    for meta_path in sorted(folder.glob("*.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if "truth" not in meta:
            continue
        body_path = next(p for p in folder.glob(f"{meta_path.stem}.*") if p.suffix != ".json")
        out.append(
            Saved(
                meta_path.stem,
                meta["url"],
                meta.get("content_type", "text/html"),
                body_path.read_bytes(),
                meta.get("split", "tune"),
                meta["truth"],
                meta.get("family", ""),
            )
        )
    return out


def _norm(value: str | None) -> str | None:
    return squeeze(unicodedata.normalize("NFKC", value)) or None if value else None


def read(saved: Saved) -> dict[str, str | None]:
    try:
        page = Page.from_bytes(saved.url, saved.body, saved.content_type)
        reading = read_page(page)
    except Exception as exc:  # a failure is a wrong answer on every field, not a crash
        return dict.fromkeys(FIELDS, f"<{type(exc).__name__}>")
    article = reading.article
    return {
        "title": article.title if reading.kind == "article" else None,
        "date": article.published_at.date().isoformat() if article.published_at else None,
        "source": article.source,
        "kind": reading.kind,
    }


def score(pages: list[Saved], show: str) -> None:
    results = {p.name: read(p) for p in pages}
    for split in ("tune", "heldout"):
        part = [p for p in pages if p.split == split]
        articles = [p for p in part if p.truth.get("kind") == "article"]
        print(f"\n{split}: {len(part)} pages ({len(articles)} articles)")
        for field in FIELDS:
            # title, date and source are scored on articles; kind on every page
            scope = part if field == "kind" else articles
            right = sum(_same(field, results[p.name][field], p.truth.get(field)) for p in scope)
            share = right / len(scope) if scope else 0.0
            print(f"  {field:<7} {right:>3}/{len(scope):<3} {share:7.1%}")
        if show in (split, "all"):
            for p in part:
                for field in FIELDS:
                    if p.truth.get("kind") != "article" and field != "kind":
                        continue
                    got, want = results[p.name][field], p.truth.get(field)
                    if not _same(field, got, want):
                        print(f"    ✗ {p.name} {field}: got {got!r}, want {want!r}")


def _same(field: str, got: str | None, want: str | None) -> bool:
    if field in ("title", "source"):
        return _norm(got) == _norm(want)
    return got == want


def timing(pages: list[Saved], rounds: int) -> None:
    """Best round of each reader, rounds interleaved: the machine is shared, and a round
    slowed by another process says nothing about the code."""
    bodies = [(p.url, p.body, p.content_type) for p in pages]
    charsets = [Page.from_bytes(*b).charset for b in bodies]

    def lxml_only() -> None:
        # the parse Page does (lxml.etree's HTML parser, charset known), nothing else
        for (_, body, _), charset in zip(bodies, charsets, strict=True):
            etree.fromstring(body, etree.HTMLParser(encoding=charset))

    def spider() -> None:
        for url, body, ctype in bodies:
            extract_article(Page.from_bytes(url, body, ctype))

    def extract() -> None:
        for url, body, ctype in bodies:
            read_page(Page.from_bytes(url, body, ctype))

    readers = {"lxml parse only": lxml_only, "read_page (extract)": extract}
    readers["extract_article (spider)"] = spider
    best = dict.fromkeys(readers, float("inf"))
    for _ in range(rounds):
        for label, fn in readers.items():
            start = time.perf_counter()
            fn()
            best[label] = min(best[label], time.perf_counter() - start)
    rate = {label: len(bodies) / seconds for label, seconds in best.items()}
    base = rate["lxml parse only"]
    print(f"\nspeed over {len(bodies)} pages, best of {rounds} rounds")
    for label, value in rate.items():
        print(f"  {label:<26} {value:7.1f} pages/s  = {value / base:.3f} × lxml")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--show", choices=("none", "tune", "heldout", "all"), default="none")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--no-timing", action="store_true")
    args = ap.parse_args()
    pages = load(args.dir)
    families = sorted({p.family for p in pages})
    print(f"{len(pages)} saved pages, {len(families)} template families")
    score(pages, args.show)
    if not args.no_timing:
        timing(pages, args.rounds)


if __name__ == "__main__":
    main()
