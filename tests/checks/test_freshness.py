"""Column freshness against 19号's thresholds: per-category and per-column overrides, the
warning before the threshold, and the veto once five key columns are stale."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from checks.context import CheckContext
from checks.portal.freshness import ColumnFreshness
from core.config import parse_config
from core.periods import BEIJING
from core.vocab import Level
from storage.db import make_engine, session_factory, transaction, upgrade
from storage.models import Column, ColumnRunState, CrawlRun, PageDates
from storage.sync import sync_config

AS_OF = datetime(2025, 7, 1, tzinfo=BEIJING)
BASE = "http://127.0.0.1:9/"


def config_text(columns: list[tuple[str, str, str]], findings: str = "") -> str:
    lines = ["county: 测试县", f"portal: {{name: 测试县人民政府, start_url: '{BASE}'}}", "columns:"]
    for name, category, extra in columns:
        lines += [f"  - name: {name}", f"    url: {BASE}{name}/", f"    category: {category}"]
        lines += [f"    {extra}"] if extra else []
    return "\n".join(lines) + "\n" + findings


def judge(tmp_path: Path, text: str, ages: dict[str, int | None]) -> dict[str, tuple]:
    """Store one finished run in which each column's list showed its newest item `age` days
    before AS_OF (None: an empty list); returns column → (kind, level, stale) drafts."""
    tmp_path.mkdir(exist_ok=True)
    url = f"sqlite:///{tmp_path / 'f.db'}"
    upgrade(url)
    sessions = session_factory(make_engine(url))
    config = parse_config(text)
    with transaction(sessions) as session:
        site_id = sync_config(session, config)
        run = CrawlRun(site_id=site_id, started_at=AS_OF, finished_at=AS_OF, status="finished")
        session.add(run)
        session.flush()
        for column in session.scalars(select(Column)):
            age = ages[column.name]
            shown = 0 if age is None else 3
            session.add(ColumnRunState(run_id=run.id, column_id=column.id, list_pages=1,
                                       entries=shown, complete=True))  # fmt: skip
            newest = None if age is None else AS_OF - timedelta(days=age)
            session.add(PageDates(run_id=run.id, column_id=column.id, kind="list", url=column.url,
                                  entries=shown, newest=newest))  # fmt: skip
    with sessions() as session:
        ctx = CheckContext.latest(session, config, site_id, AS_OF)
        report = ColumnFreshness().run(ctx)
    judged = [c for c in config.columns if c.category.value not in ("interaction", "service")]
    assert len(report.checked) == len(judged)
    return {d.column: (d.kind, d.level, d.evidence.get("stale")) for d in report.findings}


def test_thresholds_by_category_and_the_warning_before_them(tmp_path):
    columns = [("要闻", "news", ""), ("动态", "news", ""), ("通知", "notice", ""),
               ("人事", "personnel", ""), ("其他", "other", ""), ("空白", "other", ""),
               ("留言板", "interaction", ""), ("办事", "service", "")]  # fmt: skip
    ages = {"要闻": 11, "动态": 9, "通知": 181, "人事": 300, "其他": 366, "空白": None,
            "留言板": 900, "办事": 900}  # fmt: skip
    found = judge(tmp_path, config_text(columns), ages)
    assert found == {
        "要闻": ("stale_column", Level.warning, False),  # 11 days: warned before the 14
        "通知": ("stale_column", Level.warning, True),
        "其他": ("stale_column", Level.warning, True),
        "空白": ("empty_column", Level.warning, None),
    }


def test_overrides_per_category_and_per_column(tmp_path):
    columns = [("要闻", "news", ""), ("通知", "notice", "stale_after_days: 30"),
               ("人事", "personnel", "")]  # fmt: skip
    overrides = "findings:\n  stale_after_days: {news: 7, personnel: 200}\n"
    found = judge(tmp_path, config_text(columns, overrides), {"要闻": 8, "通知": 31, "人事": 201})
    assert {c: v[2] for c, v in found.items()} == {"要闻": True, "通知": True, "人事": True}


def test_five_stale_key_columns_cross_the_veto_line(tmp_path):
    columns = [(f"要闻{i}", "news", "") for i in range(4)] + [("通知", "notice", "")]
    four = judge(tmp_path / "a", config_text(columns[:4]), {f"要闻{i}": 20 for i in range(4)})
    assert {v[1] for v in four.values()} == {Level.warning}
    ages = {f"要闻{i}": 20 for i in range(4)} | {"通知": 200}
    five = judge(tmp_path / "b", config_text(columns), ages)
    assert {v[1] for v in five.values()} == {Level.veto}
