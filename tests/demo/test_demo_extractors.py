"""The lead's extractors read the demo pages as the content plan says they should.

Only checks that pass with today's extractors are here; the demo pages follow the research
notes (docs/research/cms-structures.md), not the extractors.
"""

from __future__ import annotations

from random import Random

import pytest

from core.config import parse_config
from core.units import UnitMatcher, UnitRef
from demo import DemoSite, Item
from demo.columns import COLUMNS_BY_KEY
from demo.render_common import HOST_TOKEN
from spiders.page import Page
from spiders.portal.article import extract_article
from spiders.portal.listing import HANWEB_PROXY_PATH, parse_hanweb_proxy, parse_list
from spiders.portal.navigation import discover_columns, site_id_code

BASE = "http://127.0.0.1:8000"


def page_of(site: DemoSite, target: str, method: str = "GET", body: bytes = b"") -> Page:
    resource = site.respond(method, target, body)
    assert resource.status == 200, target
    raw = resource.body.replace(HOST_TOKEN.encode(), b"127.0.0.1:8000")
    return Page.from_bytes(BASE + target, raw, resource.content_type)


def _sample(site: DemoSite) -> list[Item]:
    """Every kind of page: each column × source placement, boundaries, undated, plus random."""
    chosen: dict[tuple[str, str], Item] = {}
    for item in site.items:
        chosen.setdefault((item.column, item.placement), item)
    special = [i for i in site.items if i.tags & {"boundary", "undated", "unmatched"}]
    rest = Random(7).sample(site.items, 60)
    return list({i.seq: i for i in [*chosen.values(), *special, *rest]}.values())


def test_articles_read_as_planned(demo_site: DemoSite) -> None:
    config = parse_config(demo_site.config_yaml(BASE + "/"))
    matcher = UnitMatcher(
        config.county, [UnitRef(u.name, tuple(u.aliases), u.kind) for u in config.units]
    )
    for item in _sample(demo_site):
        article = extract_article(page_of(demo_site, item.path))
        assert article.title == item.title, item.path
        if item.published is None:
            assert article.published_at is None, item.path  # undated: never guessed
        elif "boundary" in item.tags:
            assert article.published_at == item.published, item.path
        else:
            assert article.published_at is not None
            assert article.published_at.date() == item.published.date(), item.path
        if item.source is None:
            assert article.source is None, item.path
        else:
            assert matcher.match(article.source) == item.unit, (item.path, article.source)


def test_charsets_are_detected(demo_site: DemoSite) -> None:
    zwyw = next(i for i in demo_site.items if i.column == "zwyw")
    bmdt = next(i for i in demo_site.items if i.column == "bmdt")
    xzdt = next(i for i in demo_site.items if i.column == "xzdt")
    assert page_of(demo_site, zwyw.path).charset_source == "header"
    meta_only = page_of(demo_site, bmdt.path)
    assert (meta_only.charset, meta_only.charset_source) == ("gb18030", "meta")
    assert page_of(demo_site, xzdt.path).charset == "utf-8"


def test_source_placements(demo_site: DemoSite) -> None:
    def first(column: str, placement: str) -> Item:
        return next(
            i
            for i in demo_site.items
            if i.column == column and i.placement == placement and i.published
        )

    line_only = extract_article(page_of(demo_site, first("tzgg", "line").path))
    assert line_only.source_from == "line"
    lower = extract_article(page_of(demo_site, first("bmdt", "meta-lower").path))
    assert lower.source_from == "meta" and "pubdate" not in lower.meta
    card_only = extract_article(page_of(demo_site, first("rsxx", "card").path))
    assert card_only.source_from == "infocard" and card_only.date_source == "infocard"
    old = extract_article(page_of(demo_site, first("xzdt", "oldline").path))
    assert (old.source_from, old.date_source) == ("line", "line")


@pytest.mark.parametrize(
    ("column", "pages"),
    [
        ("zwyw", lambda n: [f"/zwyw/index_{k}.html" for k in range(1, n)]),  # Form A
        ("xzdt", lambda n: [f"/xzdt/index_{k}.html" for k in range(1, n)]),  # Form A call
        ("bmdt", lambda n: [f"/bmdt/index_{k}.html" for k in range(2, n + 1)]),  # Form B
    ],
)
def test_trs_pagers(demo_site: DemoSite, column: str, pages) -> None:
    col = COLUMNS_BY_KEY[column]
    count = -(-sum(1 for i in demo_site.items if i.column == column) // col.per_page)
    listing = parse_list(page_of(demo_site, col.path))
    assert listing.family == "trs"
    assert len(listing.entries) == col.per_page
    assert all(entry.date for entry in listing.entries)
    more = {r.url.removeprefix(BASE) for r in listing.more} - {col.path + "index.html"}
    assert more == set(pages(count))


def test_query_string_pager(demo_site: DemoSite) -> None:
    listing = parse_list(page_of(demo_site, "/tzgg/list.html"))
    assert listing.family == "querystring"
    assert len(listing.entries) == 15
    assert sum(1 for e in listing.entries if e.date is None) == 1  # the pinned, undated notice
    assert BASE + "/tzgg/list.html?page=2" in {r.url for r in listing.more}


def test_hanweb_column_and_proxy(demo_site: DemoSite) -> None:
    col = COLUMNS_BY_KEY["zcwj"]
    total = sum(1 for i in demo_site.items if i.column == "zcwj")
    listing = parse_list(page_of(demo_site, col.path))
    assert listing.family == "hanweb"
    assert len(listing.entries) == 45  # the inline group; the mobile copy adds no duplicates
    assert all(r.method == "POST" for r in listing.more)
    assert ("columnid", str(col.col_id)) in listing.more[0].form
    seen = {e.url for e in listing.entries}
    for request in listing.more:
        target = request.url.removeprefix(BASE)
        assert target.startswith(HANWEB_PROXY_PATH)
        body = "&".join(f"{k}={v}" for k, v in request.form).encode()
        seen |= {e.url for e in parse_hanweb_proxy(page_of(demo_site, target, "POST", body))}
    assert len(seen) == total


def test_navigation_discovers_every_column(demo_site: DemoSite) -> None:
    home = page_of(demo_site, "/")
    found = {c.name: (c.url.removeprefix(BASE), c.category) for c in discover_columns(home)}
    for column in COLUMNS_BY_KEY.values():
        if column.in_nav:  # the planted columns are linked from the 信息公开 menu only
            assert found[column.name] == (column.path, column.category)
    assert site_id_code(home) == "5323260001"
