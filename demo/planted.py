"""The problems planted in the demo county, and the ground truth the checks must report.

Planted into the content plan (plant()):
- 招生计划 (县教育体育局, plan: 365 days) last updated 10 months before the quarter, and
  政策问答 (县政府办公室, policy: 180 days) 4 months before it: the two columns the bulletin
  says had to be chased again and again — stale_column;
- 重大建设项目 (县发展和改革局) never had an item ("暂无信息") — empty_column;
- two 政务要闻 items of 县政府办公室 print no 来源, one extra 部门动态 item prints no date of its
  own (only the list shows it: it counts for no month), and the two undated pages have none
  at all — elements_missing.
On the boards (demo/board.py): one 留言 unanswered for over 3 months — board_unanswered; the
县长信箱 silent for over 2 months — board_no_recent_reply.

The site checks' plants (dead links, a leaked ID and mobile, a footer without its
公安机关备案号) are in demo/site_plants.py.

Everything else a check could report is the bulletin's (zero_news) or texts.ERRATA
(text_issue); expected_findings() lists them all, and nothing else may be found.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import astuple, dataclass, replace
from datetime import datetime, timedelta

from core.periods import Quarter
from demo import site_plants
from demo.board import BOARDS, Letter
from demo.columns import COLUMNS_BY_KEY
from demo.imports import expected_hotline
from demo.items import NO_PAGE_DATE, ZERO_NEWS_BY_MONTH, ContentPlan, Item
from demo.platforms.county import ACCOUNTS
from demo.texts import ERRATA
from demo.units import GOV_OFFICE, UNITS_BY_NAME

NO_SOURCE, STALE = "planted:no-source", "planted:stale"
NO_DATE_UNIT = "县司法局"


@dataclass(frozen=True, order=True)
class Expected:
    kind: str
    unit: str | None
    column: str | None
    detail: str  # the month, the article or 留言 title, the missing element, the text issue


def plant(items: list[Item], start: datetime, end: datetime) -> None:
    """Add the stale columns' history and mark the 要素不全 pages (no random draws: the
    generated figures stay exactly as they were)."""
    quarter = [i for i in items if i.published and start <= i.published < end]
    # every other item of 政务要闻 prints its unit as 来源; two planted ones print none
    silent = [i for i in items if i.placement == "none"]
    keep = [i for i in quarter if i.placement == "none" and not i.tags][:2]
    for item in silent:
        if item in keep:
            item.tags.add(NO_SOURCE)
        else:
            item.placement, item.source = "meta", item.unit
    like = next(i for i in quarter if i.column == "bmdt" and i.unit == NO_DATE_UNIT and not i.tags)
    items.append(
        replace(
            like,
            seq=len(items),
            doc_id=max(i.doc_id for i in items if i.col.family == "trs") + 7,
            title=like.title.rstrip("。") + "（续）",
            tags={NO_PAGE_DATE},
        )
    )

    history = (
        ("zsjh", "县教育体育局", "plan", [(-34, 5), (-22, 8), (-10, 2)],
         "{y}年大姚县普通高中招生计划"),
        ("zcwd", GOV_OFFICE, "policy", [(-9, 11), (-7, 3), (-6, 20), (-4, 6)],
         "政策问答：{y}年{t}相关政策解答"),
    )  # fmt: skip
    for column, unit_name, kind, offsets, template in history:
        unit = UNITS_BY_NAME[unit_name]
        for n, (months, day) in enumerate(offsets):
            when = _add_months(start, months) + timedelta(days=day, hours=9, minutes=30)
            topic = unit.topics[n % len(unit.topics)]
            item = Item(
                seq=len(items),
                column=column,
                kind=kind,
                unit=unit.name,
                source=unit.prefixed_full,
                placement="meta",
                published=when,
                topic=topic,
                title=template.format(y=when.year, t=topic),
                doc_id=1_100_000 + len(items),
                style=n,
                tags={STALE},
            )
            items.append(item)


def expected_findings(
    plan: ContentPlan, pages: Mapping[str, bytes], meta_tags: list[str]
) -> list[Expected]:
    """Every finding a correct run over the demo reports at the default as_of, sorted.
    `pages`: the rendered article pages by path; `meta_tags`: the tags article pages must
    carry (identity.article_meta)."""
    out = [
        Expected("zero_news", unit, None, month)
        for month, units in zip(plan.months, ZERO_NEWS_BY_MONTH, strict=True)
        for unit in units
    ]
    out += [Expected("text_issue", unit, None, kind) for unit, _, kind in ERRATA]
    for key in ("zsjh", "zcwd"):
        column = COLUMNS_BY_KEY[key]
        out.append(Expected("stale_column", column.default_unit, column.name, "stale"))
    empty = COLUMNS_BY_KEY["zdxm"]
    out.append(Expected("empty_column", empty.default_unit, empty.name, "empty"))
    for item in plan.items:
        if NO_SOURCE in item.tags:
            out.append(Expected("elements_missing", item.unit, item.col.name, "source"))
        if NO_PAGE_DATE in item.tags or "undated" in item.tags:
            out.append(Expected("elements_missing", item.unit, item.col.name, "date"))
    board_names = {b.key: b.name for b in BOARDS}
    for letter in plan.letters:
        if _unanswered(letter, plan.as_of_moment):
            out.append(
                Expected("board_unanswered", letter.unit, board_names[letter.board], "unanswered")
            )
    out.append(
        Expected("board_no_recent_reply", GOV_OFFICE, board_names["xzxx"], "no_recent_reply")
    )
    # the demo-only extra accounts (demo/platforms/county.py): the overdue one is a finding;
    # the blocked one is 采集失败 and the one with old pinned posts is fine — neither is
    out += [
        Expected("account_overdue", account.owner, None, "account_overdue")
        for account in ACCOUNTS
        if account.extra == "overdue"
    ]
    # the 12345 export's planted tickets (demo/imports.py)
    quarter = Quarter.last_complete(plan.as_of_moment)
    out += [Expected(kind, unit, None, kind) for kind, unit in expected_hotline(quarter)]
    out += _site_checks(plan, pages, meta_tags)
    return sorted(out, key=sort_key)


def sort_key(row: Expected | tuple[str | None, ...]) -> tuple[str, ...]:
    """Findings in a stable order (a unit or column may be None: the site as a whole)."""
    values = astuple(row) if isinstance(row, Expected) else row
    return tuple(v or "" for v in values)


def _site_checks(
    plan: ContentPlan, pages: Mapping[str, bytes], meta_tags: list[str]
) -> list[Expected]:
    out = [Expected("dead_link", None, None, site_plants.DEAD_HOME_LINK)]
    for item in plan.items:
        if site_plants.DEAD_LINKS in item.tags:
            out += [
                Expected("dead_link", item.unit, item.col.name, site_plants.DEAD_BODY_LINK),
                Expected("dead_link", item.unit, item.col.name, site_plants.DEAD_IMAGE),
            ]
        if site_plants.MISSING_ATTACHMENT in item.tags:
            out.append(Expected("dead_link", item.unit, item.col.name, item.attachment_path))
        if site_plants.ATTACHMENT_LEAK in item.tags:
            out.append(Expected("privacy_leak", item.unit, item.col.name, "id_number"))
        if site_plants.PRIVACY in item.tags:
            out += [
                Expected("privacy_leak", item.unit, item.col.name, "id_number"),
                Expected("privacy_leak", item.unit, item.col.name, "mobile"),
            ]
    out.append(Expected("identity_missing", None, None, "police_record"))
    for column_name in site_plants.meta_gaps(plan.items, pages, meta_tags):
        column = next(c for c in COLUMNS_BY_KEY.values() if c.name == column_name)
        out.append(Expected("identity_missing", column.default_unit, column_name, "meta"))
    return out


def _unanswered(letter: Letter, as_of: datetime) -> bool:
    return not letter.reply and _add_months(letter.asked, 3) < as_of


def _add_months(value: datetime, months: int) -> datetime:
    index = value.year * 12 + value.month - 1 + months
    return value.replace(year=index // 12, month=index % 12 + 1, day=min(value.day, 28))
