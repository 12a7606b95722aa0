"""How the demo's content plan is drawn: counts and dates from seeded generators, so that a
correct crawl reproduces the bulletin's figures (see demo/items.py for what they are)."""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from random import Random

from core.periods import BEIJING, Month, Quarter
from demo.board import plan_letters
from demo.columns import COLUMNS_BY_KEY, DemoColumn
from demo.items import (
    DEFAULT_AS_OF,
    PUBLISHING_UNITS,
    QUARTER_ITEMS,
    SEED,
    ZERO_NEWS_BY_MONTH,
    ContentPlan,
    Item,
)
from demo.texts import ERRATA, make_title
from demo.units import (
    GOV_OFFICE,
    UNITS,
    UNITS_BY_NAME,
    DemoUnit,
)

# -- planning ---------------------------------------------------------------------------------


def plan_content(as_of: date = DEFAULT_AS_OF) -> ContentPlan:
    period = Quarter.last_complete(as_of)
    quarter, start, end = period.key, period.start, period.end
    months = [_add_months(start, i) for i in range(3)]
    planner = _Planner(start)
    planner.quarter_news(months)
    planner.quarter_other(months)
    planner.boundaries(months)
    planner.history(start)
    items = planner.finish()
    _mark_errata(items, start, end)
    from demo.planted import plant  # planted problems (after the draws: figures unchanged)
    from demo.site_plants import plant_site_checks

    plant(items, start, end)
    plant_site_checks(items, start, end)
    plan = ContentPlan(as_of, quarter, start, end, [Month.of(m).key for m in months], items)
    plan.letters = plan_letters(start, months, plan.as_of_moment)
    _check(plan)
    return plan


def _mark_errata(items: list[Item], start: datetime, end: datetime) -> None:
    """Each ERRATA sentence goes into its unit's first news item of the quarter."""
    for index, (unit, _, _) in enumerate(ERRATA):
        carrier = min(
            (
                i
                for i in items
                if i.unit == unit
                and i.col.is_news
                and i.published is not None
                and start <= i.published < end
            ),
            key=lambda i: i.seq,
        )
        carrier.tags.add(f"erratum:{index}")


class _Planner:
    def __init__(self, start: datetime) -> None:
        # separate generators: counts must not depend on month lengths (see module doc)
        self.counts = Random(f"{SEED}:counts")
        self.dates = Random(f"{SEED}:dates")
        self.looks = Random(f"{SEED}:looks")
        self.start = start
        self.items: list[Item] = []
        # (unit, month index) → that unit's news items in the quarter month
        self.news: dict[tuple[str, int], list[Item]] = {}

    def add(
        self,
        column: str,
        unit: DemoUnit | None,
        when: datetime | None,
        *,
        kind: str | None = None,
        source: str | None = None,
        placement: str | None = None,
        topic: str | None = None,
    ) -> Item:
        col = COLUMNS_BY_KEY[column]
        looks = self.looks
        unit_for_text = unit or UNITS_BY_NAME[GOV_OFFICE]
        kind = kind or _kind_for(col, unit_for_text)
        placement = placement or _placement_for(looks, col, unit_for_text)
        if source is None and placement != "none" and unit is not None:
            source = looks.choice(unit.source_forms)
        topic = topic or looks.choice(unit_for_text.topics)
        item = Item(
            seq=len(self.items),
            column=column,
            kind=kind,
            unit=unit.name if unit else None,
            source=source if placement != "none" else None,
            placement=placement,
            published=when,
            topic=topic,
            style=looks.randrange(1000),
        )
        self.items.append(item)
        return item

    def random_time(self, month_start: datetime) -> datetime:
        """A working-hours time on a day of the month (one draw pattern for any month)."""
        days = calendar.monthrange(month_start.year, month_start.month)[1]
        day = int(self.dates.random() * days)
        minutes = 8 * 60 + int(self.dates.random() * 11 * 60)
        return month_start + timedelta(days=day, minutes=minutes)

    # Q: news ---------------------------------------------------------------------------------
    def quarter_news(self, months: list[datetime]) -> None:
        for unit in UNITS:
            for index, month in enumerate(months):
                if unit.name in ZERO_NEWS_BY_MONTH[index]:
                    count = 0
                elif unit.name == GOV_OFFICE:
                    count = self.counts.randint(28, 34)
                elif unit.is_township:
                    count = self.counts.randint(4, 8)
                else:
                    count = self.counts.randint(3, 7)
                if (unit.name, index) == ("县卫生健康局", 1):
                    count = max(count, 3)  # two of them sit on the month's boundaries
                column_draws = [self.counts.random() for _ in range(count)]
                bucket = self.news.setdefault((unit.name, index), [])
                for draw in column_draws:
                    column = _news_column(unit, draw)
                    bucket.append(self.add(column, unit, self.random_time(month)))

    # Q: other columns --------------------------------------------------------------------
    def quarter_other(self, months: list[datetime]) -> None:
        news_total = sum(len(v) for v in self.news.values())
        remaining = QUARTER_ITEMS - news_total
        shares = {"tzgg": 0.40, "zcwj": 0.20, "zcjd": 0.08, "rsxx": 0.14}
        quotas = {key: round(remaining * share) for key, share in shares.items()}
        quotas["ghjh"] = remaining - sum(quotas.values())
        # every unit publishes something besides news (some publish no news at all): one
        # plan or work programme each, and one more document where it usually publishes
        assignments: list[tuple[str, DemoUnit]] = []
        for unit in UNITS:
            assignments.append(("ghjh", unit))
            keys = ["tzgg", "zcwj", "zcjd", "rsxx"]
            other = self.counts.choices(keys, [_weight(k, unit) for k in keys])[0]
            assignments.append((other, unit))
        for key, _ in assignments:
            quotas[key] -= 1
        for key, quota in quotas.items():
            if quota < 0:
                raise AssertionError(f"column {key}: quota below the per-unit minimum")
            weights = [_weight(key, unit) for unit in UNITS]
            assignments += [(key, u) for u in self.counts.choices(UNITS, weights, k=quota)]
        for key, unit in assignments:
            month = months[int(self.counts.random() * 3)]
            self.add(key, unit, self.random_time(month))

    # boundaries ---------------------------------------------------------------------------
    def boundaries(self, months: list[datetime]) -> None:
        """Move chosen quarter items onto month edges; a time-zone bug changes the figures."""
        end = _add_months(months[0], 3)
        moves = [
            # (unit, month index, item number, new Beijing time)
            (GOV_OFFICE, 0, 0, months[0] + timedelta(minutes=10)),  # Apr 1 00:10
            ("县交通运输局", 1, 0, months[1] + timedelta(minutes=20)),  # May 1 00:20
            ("县卫生健康局", 1, 0, months[1] + timedelta(minutes=30)),  # May 1 00:30
            ("县卫生健康局", 1, 1, months[2] - timedelta(minutes=30)),  # May 31 23:30
            ("赵家店镇", 0, 0, months[1] - timedelta(minutes=10)),  # Apr 30 23:50
            ("县林草局", 1, 0, months[2] - timedelta(minutes=15)),  # May 31 23:45
            ("县公安局", 2, 0, end - timedelta(minutes=1)),  # Jun 30 23:59
        ]
        for unit, index, number, when in moves:
            item = self.news[(unit, index)][number]
            item.published = when
            item.placement = "meta"  # the time must be on the page (meta PubDate)
            item.source = item.source or UNITS_BY_NAME[unit].name
            item.tags.add("boundary")

    # outside the quarter ------------------------------------------------------------------
    def history(self, start: datetime) -> None:
        history_columns = ["zwyw", "bmdt", "xzdt", "tzgg", "zcwj", "rsxx", "ghjh", "zcjd"]
        history_weights = [4, 6, 5, 4, 2, 1, 1, 1]
        for back, per_month in ((1, 34), (2, 30), (3, 36), (4, 10), (5, 12), (6, 9)):
            month = _add_months(start, -back)
            for _ in range(per_month):
                key = self.counts.choices(history_columns, history_weights)[0]
                unit = _history_unit(self.counts, key)
                self.add(key, unit, self.random_time(month))
        # the evening before the quarter: a +8 h bug would count it in the quarter
        before = self.add("zwyw", UNITS_BY_NAME[GOV_OFFICE], start - timedelta(minutes=20))
        before.placement, before.source = "meta", GOV_OFFICE
        before.tags.add("boundary")
        # reposts from the prefecture and the province: sources that match no unit
        reposts = (
            ("zwyw", "楚雄州融媒体中心", -1, "county-news"),
            ("zcwj", "云南省人民政府办公厅", -2, "policy"),
            ("tzgg", "楚雄州人民政府办公室", -4, "notice"),
        )
        for key, source, back, kind in reposts:
            when = self.random_time(_add_months(start, back))
            item = self.add(key, None, when, kind=kind, source=source, placement="meta")
            item.tags.add("unmatched")
        # undated pages: a pinned notice and an old plan, no date anywhere on page or list
        created = _add_months(start, -46) + timedelta(days=11, hours=9)
        pinned = self.add("tzgg", UNITS_BY_NAME[GOV_OFFICE], None, placement="line")
        pinned.created, pinned.pinned = created, True
        pinned.title = "【置顶】大姚县政府网站与政务新媒体信息发布审核制度"
        plan = self.add("ghjh", UNITS_BY_NAME["县发展和改革局"], None, placement="card")
        plan.created = created + timedelta(days=36)
        plan.title = "大姚县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
        for item in (pinned, plan):
            item.tags.add("undated")

    def finish(self) -> list[Item]:
        """Titles, ids (increasing with the date, as a CMS assigns them) and attachments."""
        items = sorted(self.items, key=lambda i: (i.url_date, i.seq))
        trs_id, hanweb_id = 4_490_000, 1_182_000
        for item in items:
            rng = Random(f"{SEED}:item:{item.seq}")
            if item.col.family == "hanweb":
                hanweb_id += 1 + rng.randrange(3)
                item.doc_id = hanweb_id
            else:
                trs_id += 1 + rng.randrange(5)
                item.doc_id = trs_id
            if not item.title:
                unit = UNITS_BY_NAME[item.unit] if item.unit else UNITS_BY_NAME[GOV_OFFICE]
                item.title = make_title(rng, item.kind, unit, item.topic, item.url_date)
                if item.unit is None and item.source:
                    item.title = (
                        f"{item.title}（转载）"
                        if item.kind != "policy"
                        else (f"{item.source}关于进一步加强{item.topic}工作的通知")
                    )
            if item.column in ("tzgg", "zcwj") and rng.random() < 0.35:
                item.attachment = "static"
        _special_pages(items)
        return items


def _special_pages(items: Iterable[Item]) -> None:
    """One notice whose attachment link is written by document.write, one split article."""
    notices = [i for i in items if i.column == "tzgg" and i.published and not i.attachment]
    if notices:
        notices[len(notices) // 2].attachment = "script"
    long_news = [i for i in items if i.column == "zwyw" and i.unit == GOV_OFFICE and i.published]
    if long_news:
        long_news[len(long_news) // 3].split = True


def _kind_for(col: DemoColumn, unit: DemoUnit) -> str:
    if col.is_news:
        if unit.name == GOV_OFFICE:
            return "county-news"
        return "town-news" if unit.is_township else "dept-news"
    return {
        "notice": "notice",
        "personnel": "personnel",
        "plan": "plan",
    }.get(col.category, "interpretation" if col.family == "json" else "policy")


def _news_column(unit: DemoUnit, draw: float) -> str:
    if unit.name == GOV_OFFICE:
        return "zwyw"
    if unit.is_township:
        return "zwyw" if draw < 0.15 else "xzdt"
    return "zwyw" if draw < 0.2 else "bmdt"


def _placement_for(rng: Random, col: DemoColumn, unit: DemoUnit) -> str:
    if col.family == "hanweb":
        return rng.choices(("meta", "card", "card-line"), (40, 35, 25))[0]
    if col.key == "zwyw" and unit.name == GOV_OFFICE:
        return rng.choices(("none", "meta", "line", "meta-lower"), (35, 40, 15, 10))[0]
    if col.key == "xzdt":
        return rng.choices(("meta", "line", "oldline"), (60, 20, 20))[0]
    if col.key == "zcjd":
        return "meta"
    return rng.choices(("meta", "meta-lower", "line"), (65, 15, 20))[0]


def _weight(column: str, unit: DemoUnit) -> float:
    gov = unit.name == GOV_OFFICE
    if column == "tzgg":
        return 8 if gov else (1 if unit.is_township else 2)
    if column == "zcwj":
        return 12 if gov else (0.3 if unit.is_township else 1)
    if column == "zcjd":
        return 4 if gov else (0.1 if unit.is_township else 1)
    if column == "rsxx":
        special = {"县人社局": 14, "县教育体育局": 5, "县卫生健康局": 5, GOV_OFFICE: 2}
        return special.get(unit.name, 0.4)
    if column == "ghjh":
        return {"县发展和改革局": 4, GOV_OFFICE: 2}.get(unit.name, 1)
    raise KeyError(column)


def _history_unit(rng: Random, column: str) -> DemoUnit:
    if column == "zwyw":
        return UNITS_BY_NAME[GOV_OFFICE] if rng.random() < 0.7 else rng.choice(UNITS)
    if column == "xzdt":
        return rng.choice([u for u in UNITS if u.is_township])
    if column == "bmdt":
        return rng.choice([u for u in UNITS if not u.is_township and u.name != GOV_OFFICE])
    return rng.choice(UNITS)


def _add_months(value: datetime, months: int) -> datetime:
    index = value.year * 12 + value.month - 1 + months
    return value.replace(year=index // 12, month=index % 12 + 1, day=1)


def _check(plan: ContentPlan) -> None:
    """The story must hold exactly; fail the build loudly if the generator breaks it."""
    story = plan.figures()
    if story.items != QUARTER_ITEMS:
        raise AssertionError(f"{story.items} quarter items, expected {QUARTER_ITEMS}")
    if story.publishing_units != PUBLISHING_UNITS:
        raise AssertionError(f"{story.publishing_units} publishing units")
    for index, month in enumerate(plan.months):
        if sorted(story.zero_news_units[month]) != sorted(ZERO_NEWS_BY_MONTH[index]):
            raise AssertionError(f"zero-news units of {month}: {story.zero_news_units[month]}")
    quarter = plan.quarter_items()
    if any(i.unit is None for i in quarter):
        raise AssertionError("an unmatched source in the quarter")
    late = [i for i in plan.items if i.published and i.published.date() >= plan.as_of]
    if late:
        raise AssertionError(f"{len(late)} items on or after as_of")
    assert all(i.published is None or i.published.tzinfo is BEIJING for i in plan.items)
    paths = Counter(i.path for i in plan.items)
    if max(paths.values()) > 1:
        raise AssertionError("two items share a URL")
