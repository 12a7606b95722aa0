"""The content plan: every article of the demo portal, who published it, where and when.

The plan is built so that a correct crawl of the demo reproduces section 一(一) of the county's
2025 Q2 bulletin for the quarter before `as_of`:
- exactly QUARTER_ITEMS (1268) items with a Beijing-time publication date in the quarter,
  published by all 42 units;
- news items (columns of category `news`) per unit and month: zero exactly for the units the
  bulletin lists (ZERO_NEWS_BY_MONTH), at least one for every other unit and month;
- history outside the quarter (the quarter before, and the one before that), reposts whose
  source is no unit of the county, and two undated pages, none of which may change the figures;
- items placed on month and quarter boundaries (23:59 / 00:10 Beijing time) so that a crawler
  that mixes up time zones gets the figures visibly wrong.

Counts are drawn from their own seeded generator, dates from another, so moving `as_of` to
another quarter moves the dates but keeps every per-unit, per-month figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from core.periods import BEIJING, Month
from demo.board import Letter
from demo.columns import COLUMNS_BY_KEY, DemoColumn
from demo.texts import ERRATA
from demo.units import (
    UNITS,
)

SEED = "govwatch-demo-dayao-2025Q2"
# a page that prints no date of its own (only its list entry shows one): undated, so it counts
# for no month, like the two pages without any date (see demo/planted.py)
NO_PAGE_DATE = "planted:no-page-date"
DEFAULT_AS_OF = date(2025, 7, 1)
QUARTER_ITEMS = 1268
PUBLISHING_UNITS = 42

# Section 一(一) of the bulletin: units with no news item, by month of the quarter.
ZERO_NEWS_BY_MONTH: tuple[tuple[str, ...], ...] = (
    ("县工业信息化商务科技局", "县教育体育局", "县人社局", "县交通运输局", "县文化和旅游局",
     "县卫生健康局", "县搬迁安置办", "金碧镇"),
    ("县工业信息化商务科技局", "县教育体育局", "县人社局", "县文化和旅游局", "县搬迁安置办",
     "金碧镇", "赵家店镇"),
    ("县人社局", "县文化和旅游局", "县卫生健康局", "县林草局", "县医保局", "县搬迁安置办",
     "金碧镇", "赵家店镇"),
)  # fmt: skip

# Where a page prints its source (see render_trs / render_hanweb):
# meta        ContentSource meta + visible 来源： line (Hanweb: meta + card + 信息来源 line)
# meta-lower  lower-case contentSource / pubdate metas + visible `信息来源:` (half-width colon)
# line        ContentSource meta left empty; the source is only in the visible line
# oldline     old template without government metas: date and source only in the visible line
# none        no source anywhere (credited through the column's `unit:` in the config)
# card        Hanweb: the source only in the 信息公开 card (发布机构)
# card-line   Hanweb: card + visible 信息来源 line, no meta
PLACEMENTS = ("meta", "meta-lower", "line", "oldline", "none", "card", "card-line")


@dataclass
class Item:
    seq: int  # identity within the plan; seeds the item's own text generator
    column: str  # DemoColumn key
    kind: str  # text kind: county-news, dept-news, town-news, notice, policy, …
    unit: str | None  # unit credited (canonical name); None for reposts from outside
    source: str | None  # source as printed on the page; None = the page names none
    placement: str
    published: datetime | None  # Beijing time; None = undated page
    topic: str
    title: str = ""
    doc_id: int = 0
    # the date in the URL of an undated page (TRS and Hanweb URLs always carry one)
    created: datetime | None = None
    pinned: bool = False
    style: int = 0  # picks date formats / label variants per item
    attachment: str | None = None  # None | "static" | "script"
    split: bool = False  # TRS article continued on t…_1.html
    tags: set[str] = field(default_factory=set)  # e.g. {"boundary"}, {"added"}

    @property
    def col(self) -> DemoColumn:
        return COLUMNS_BY_KEY[self.column]

    @property
    def category(self) -> str:
        return self.col.category

    @property
    def url_date(self) -> datetime:
        value = self.published or self.created
        assert value is not None
        return value

    @property
    def path(self) -> str:
        """Server path of the article page."""
        d = self.url_date
        if self.col.family == "hanweb":
            return f"/art/{d.year}/{d.month}/{d.day}/art_{self.col.col_id}_{self.doc_id}.html"
        return f"{self.col.dir}{d:%Y%m}/t{d:%Y%m%d}_{self.doc_id}.html"

    @property
    def continuation_path(self) -> str:
        return self.path.removesuffix(".html") + "_1.html"

    @property
    def attachment_name(self) -> str:
        """P0 + 20 digits, as TRS names uploaded files."""
        d = self.url_date
        return f"P0{d:%Y%m%d}{self.doc_id:07d}{self.seq % 100000:05d}.pdf"

    @property
    def attachment_path(self) -> str:
        if self.col.family == "hanweb":
            return f"/module/download/downfile.jsp?classid=0&filename={self.attachment_name}"
        return self.path.rsplit("/", 1)[0] + "/" + self.attachment_name


@dataclass
class ContentPlan:
    as_of: date
    quarter: str
    start: datetime  # first instant of the quarter (Beijing)
    end: datetime  # first instant after it
    months: list[str]
    items: list[Item]
    letters: list[Letter] = field(default_factory=list)  # both boards' 留言 (demo/board.py)

    @property
    def as_of_moment(self) -> datetime:
        return datetime(self.as_of.year, self.as_of.month, self.as_of.day, tzinfo=BEIJING)

    def in_quarter(self, item: Item) -> bool:
        if item.published is None or NO_PAGE_DATE in item.tags:
            return False
        return self.start <= item.published < self.end

    def quarter_items(self) -> list[Item]:
        return [i for i in self.items if self.in_quarter(i)]

    def figures(self) -> QuarterStory:
        """What a correct crawl must report for the quarter (computed from the plan)."""
        units = {u.name: {m: {"all": 0, "news": 0} for m in self.months} for u in UNITS}
        total = 0
        for item in self.quarter_items():
            total += 1
            if item.unit is None:
                continue
            cell = units[item.unit][Month.of(item.published).key]  # type: ignore[arg-type]
            cell["all"] += 1
            if item.col.is_news:
                cell["news"] += 1
        zero = {m: [n for n in units if units[n][m]["news"] == 0] for m in self.months}
        return QuarterStory(
            quarter=self.quarter,
            months=self.months,
            items=total,
            publishing_units=sum(1 for n in units if any(units[n][m]["all"] for m in units[n])),
            units=units,
            zero_news_units=zero,
            unmatched_sources=sorted({i.source for i in self.items if i.unit is None and i.source}),
            undated_items=sum(
                1 for i in self.items if i.published is None or NO_PAGE_DATE in i.tags
            ),
            text_issues={unit: {kind: 1} for unit, _, kind in ERRATA},
        )


@dataclass
class QuarterStory:
    quarter: str
    months: list[str]
    items: int
    publishing_units: int
    units: dict[str, dict[str, dict[str, int]]]
    zero_news_units: dict[str, list[str]]
    unmatched_sources: list[str]
    undated_items: int
    # unit → kind → count of the published errors (texts.ERRATA)
    text_issues: dict[str, dict[str, int]]
