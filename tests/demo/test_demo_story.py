"""The content plan tells the bulletin's story: 1268 items, 42 units, the zero-news months.

These tests guard the generator itself (computed from the site's own item model, no crawl).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from datetime import date, timedelta

import pytest

from core.config import parse_config
from core.periods import BEIJING, Month
from core.units import UnitMatcher, UnitRef
from demo import (
    DEMO_COUNTY,
    PUBLISHING_UNITS,
    QUARTER_ITEMS,
    UNITS,
    ZERO_NEWS_BY_MONTH,
    DemoSite,
    build_site,
)
from demo.columns import COLUMNS_BY_KEY

BULLETIN = {
    # section 一(一) of /work/shared/reference/2025Q2-inspection-bulletin.txt
    "2025-04": "县工业信息化商务科技局、县教育体育局、县人社局、县交通运输局、县文化和旅游局、"
    "县卫生健康局、县搬迁安置办、金碧镇",
    "2025-05": "县工业信息化商务科技局、县教育体育局、县人社局、县文化和旅游局、县搬迁安置办、"
    "金碧镇、赵家店镇",
    "2025-06": "县人社局、县文化和旅游局、县卫生健康局、县林草局、县医保局、县搬迁安置办、"
    "金碧镇、赵家店镇",
}


def _matcher(site: DemoSite) -> UnitMatcher:
    config = parse_config(site.config_yaml("http://127.0.0.1:8000/"))
    return UnitMatcher(
        config.county, [UnitRef(u.name, tuple(u.aliases), u.kind) for u in config.units]
    )


def test_quarter_totals_match_the_bulletin(demo_site: DemoSite) -> None:
    story = demo_site.figures()
    assert demo_site.quarter == "2025Q2"
    assert story.items == QUARTER_ITEMS == 1268
    assert story.publishing_units == PUBLISHING_UNITS == 42
    assert len(UNITS) == 42
    assert sum(1 for u in UNITS if u.kind == "township") == 12


def test_zero_news_units_per_month_are_the_bulletins(demo_site: DemoSite) -> None:
    story = demo_site.figures()
    for month, listed in BULLETIN.items():
        assert sorted(story.zero_news_units[month]) == sorted(listed.split("、"))
    assert [sorted(m) for m in ZERO_NEWS_BY_MONTH] == [
        sorted(v.split("、")) for v in BULLETIN.values()
    ]
    # every other unit has at least one news item in every month
    for unit, months in story.units.items():
        for month, cell in months.items():
            assert (cell["news"] == 0) == (unit in story.zero_news_units[month])


def test_units_without_news_still_publish_elsewhere(demo_site: DemoSite) -> None:
    story = demo_site.figures()
    never = [u for u, months in story.units.items() if not any(c["news"] for c in months.values())]
    assert sorted(never) == ["县人社局", "县搬迁安置办", "县文化和旅游局", "金碧镇"]
    for unit in never:
        assert sum(c["all"] for c in story.units[unit].values()) >= 1


def test_every_quarter_source_is_attributable_through_the_config(demo_site: DemoSite) -> None:
    matcher = _matcher(demo_site)
    forms: Counter[str] = Counter()
    for item in demo_site.plan.quarter_items():
        if item.source is None:
            # a page without any source: credited through its column's `unit:`
            assert COLUMNS_BY_KEY[item.column].default_unit == item.unit
            assert COLUMNS_BY_KEY[item.column].configured
            continue
        assert matcher.match(item.source) == item.unit, item.source
        forms[item.source] += 1
    # sources are printed in varied real forms, not only the canonical names
    for form in (
        "大姚县教育体育局",
        "县教体局",
        "大姚县金碧镇人民政府",
        "金碧镇",
        "县人力资源和社会保障局",
    ):
        assert forms[form] > 0, form
    assert len(forms) > 100


def test_outside_the_quarter_there_is_history_reposts_and_undated_pages(
    demo_site: DemoSite,
) -> None:
    plan = demo_site.plan
    outside = [i for i in plan.items if not plan.in_quarter(i)]
    dated = [i.published for i in outside if i.published]
    assert min(dated) < plan.start - timedelta(days=150)  # the previous year's last months
    assert any(plan.start - timedelta(days=92) <= d < plan.start for d in dated)
    unmatched = [i for i in plan.items if i.unit is None]
    assert {i.source for i in unmatched} == {
        "楚雄州融媒体中心",
        "云南省人民政府办公厅",
        "楚雄州人民政府办公室",
    }
    assert all(not plan.in_quarter(i) for i in unmatched)
    matcher = _matcher(demo_site)
    assert all(matcher.match(i.source) is None for i in unmatched)
    undated = [i for i in plan.items if i.published is None]
    assert len(undated) == 2
    # plus one page whose only date is its list entry: undated too, in no month
    assert demo_site.figures().undated_items == 3


def test_no_item_after_as_of(demo_site: DemoSite) -> None:
    limit = demo_site.plan.end  # as_of 2025-07-01 00:00 Beijing
    assert all(i.published < limit for i in demo_site.items if i.published)


def test_items_sit_on_month_and_quarter_boundaries(demo_site: DemoSite) -> None:
    times = {i.published for i in demo_site.items if "boundary" in i.tags}
    hm = {(t.month, t.day, t.hour, t.minute) for t in times if t}
    assert (3, 31, 23, 40) in hm  # outside: a +8 h bug would count it in Q2
    assert (4, 1, 0, 10) in hm  # inside: a UTC bug would drop it
    assert (6, 30, 23, 59) in hm
    assert (4, 30, 23, 50) in hm  # 赵家店镇's April news: moves to May under +8 h
    assert (5, 1, 0, 20) in hm  # 县交通运输局's first May news: moves to April under UTC
    assert all(t.tzinfo is BEIJING for t in times if t)


def test_as_of_moves_the_whole_timeline() -> None:
    later = build_site(as_of=date(2026, 1, 1))
    base = build_site()
    assert later.quarter == "2025Q4"
    assert later.figures().items == 1268
    a, b = base.figures(), later.figures()
    for unit in a.units:
        assert [a.units[unit][m] for m in a.months] == [b.units[unit][m] for m in b.months]
    assert [sorted(b.zero_news_units[m]) for m in b.months] == [
        sorted(x) for x in ZERO_NEWS_BY_MONTH
    ]
    assert all(i.published < later.plan.end for i in later.items if i.published)
    assert {Month.of(i.published).key for i in later.plan.quarter_items()} == {  # type: ignore[arg-type]
        "2025-10",
        "2025-11",
        "2025-12",
    }


def test_build_is_deterministic() -> None:
    def digest(site: DemoSite) -> str:
        h = hashlib.sha256()
        for path in site.paths():
            resource = site.get(path)
            if resource is not None:
                h.update(path.encode() + resource.body)
        return h.hexdigest()

    assert digest(build_site()) == digest(build_site())


@pytest.mark.parametrize("column", ["zwyw", "bmdt", "xzdt", "tzgg", "zcwj", "rsxx", "ghjh", "zcjd"])
def test_every_column_has_quarter_items(demo_site: DemoSite, column: str) -> None:
    assert any(i.column == column for i in demo_site.plan.quarter_items())


def test_size_stays_small(demo_site: DemoSite) -> None:
    paths = demo_site.paths()
    assert len(paths) < 2000
    sizes = [len(demo_site.get(p).body) for p in paths if p.endswith(".html")]  # type: ignore[union-attr]
    sizes.sort()
    assert 2_000 <= sizes[len(sizes) // 2] <= 8_000


def test_titles_and_text_are_chinese_government_writing(demo_site: DemoSite) -> None:
    titles = [i.title for i in demo_site.items]
    assert all(re.search(r"[\u4e00-\u9fff]{4}", t) for t in titles)
    assert any("通知" in t for t in titles) and any("会议" in t or "推进会" in t for t in titles)
    assert DEMO_COUNTY in demo_site.config_yaml("http://127.0.0.1:1/")
