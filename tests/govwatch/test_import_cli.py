"""`govwatch import`: one transaction, the same file twice changes nothing, bad input is one
line naming file, row and column with the database unchanged; the 12345 checks follow China's
calendar (调休 workdays, holidays) and become findings of the 承办单位."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
import time_machine
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from core.periods import BEIJING
from govwatch.cli import app
from tests.checks.findings_db import make_db
from tests.imports_files import TICKET_HEADER, ticket, tickets_file, xlsx

runner = CliRunner()
NOW = datetime(2025, 7, 2, 8, tzinfo=BEIJING)

TICKETS = [
    # Sunday 27 April 2025 was a working day (调休 for 劳动节): due that same day
    ticket("W1", "2025-04-27 10:00", "2025-04-28 09:00", "2025-04-29 10:00"),
    # Thursday 1 May is a holiday: due on the first working day after, Tuesday 6 May
    ticket("W2", "2025-05-01 10:00", "2025-05-06 09:00", "2025-05-07 10:00", unit="甲镇人民政府"),
    ticket("W3", "2025-04-25 16:40", "2025-04-28 09:10", "2025-04-29 10:00"),  # Friday → Monday
    ticket("W4", "2025-04-28 09:00", "2025-04-28 09:30", "2025-04-29 10:00", returns=3),
    # 3 working days from Monday 28 April end with Tuesday 6 May (1–5 May are holidays)
    ticket("W5", "2025-04-28 09:00", "2025-04-28 09:30", "2025-05-08 10:00", limit="3个工作日"),
    ticket("W6", "2025-04-29 09:00", "2025-04-29 09:30", "2025-04-30 10:00", reply="已处理。"),
    ticket("W7", "2025-06-27 09:00", "2025-06-27 09:30", None, unit="某某公司"),  # open, in time
]  # fmt: skip


def dump(db: str) -> dict[str, list[tuple]]:
    engine = create_engine(db)
    with engine.connect() as conn:
        out = {
            table: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {table} ORDER BY id"))]
            for table in ("import_batch", "hotline_ticket", "finding", "info_request")
        }
    engine.dispose()
    return out


def hotline_findings(db: str) -> list[tuple[str, str, str, str]]:
    """(kind, unit, 工单号, status) of every 12345 finding."""
    engine = create_engine(db)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT kind, unit, evidence, status FROM finding WHERE kind LIKE 'hotline_%'")
        ).all()
    engine.dispose()
    return sorted((k, u or "", json.loads(e)["ticket_no"], s) for k, u, e, s in rows)


def govwatch(config, db, *args):
    return runner.invoke(app, [*args, "-c", str(config), "--db", db])


@pytest.fixture
def county(tmp_path):
    config, db = make_db(tmp_path)
    with time_machine.travel(NOW, tick=False):
        yield tmp_path, config, db


def test_hotline_findings_follow_the_calendar(county):
    folder, config, db = county
    path = tickets_file(folder / "工单.xlsx", TICKETS)
    result = govwatch(config, db, "import", "hotline", str(path), "--as-of", "2025-07-01")
    assert result.exit_code == 0, result.output
    assert "共7行（2025-04、2025-05、2025-06），新增7行" in result.stdout
    assert hotline_findings(db) == [
        ("hotline_late_sign", "县教育局", "W1", "open"),
        ("hotline_late_sign", "县教育局", "W3", "open"),
        ("hotline_overdue", "县教育局", "W5", "open"),
        ("hotline_reply", "县教育局", "W6", "open"),
        ("hotline_returned", "县教育局", "W4", "open"),
    ]


def test_the_same_file_twice_changes_nothing(county):
    folder, config, db = county
    path = tickets_file(folder / "工单.xlsx", TICKETS)
    assert (
        govwatch(config, db, "import", "hotline", str(path), "--as-of", "2025-07-01").exit_code == 0
    )
    before = dump(db)
    again = govwatch(config, db, "import", "hotline", str(path), "--as-of", "2025-07-01")
    assert again.exit_code == 0 and "已导入过，数据库未改变" in again.stdout
    # saved again by the office (other bytes, same content): still nothing changes
    resaved = xlsx(folder / "工单（另存）.xlsx", TICKET_HEADER, TICKETS, title="工单明细（另存）")
    third = govwatch(config, db, "import", "hotline", str(resaved), "--as-of", "2025-07-01")
    assert third.exit_code == 0 and "新增0行，更新0行，未变7行" in third.stdout
    assert dump(db) == before


def test_a_corrected_export_updates_its_ticket_and_closes_the_finding(county):
    folder, config, db = county
    govwatch(config, db, "import", "hotline", str(tickets_file(folder / "a.xlsx", TICKETS)))
    fixed = [row if row[0] != "W4" else [*row[:3], 0, *row[4:]] for row in TICKETS]
    result = govwatch(config, db, "import", "hotline", str(tickets_file(folder / "b.xlsx", fixed)))
    assert "新增0行，更新1行，未变6行" in result.stdout
    returned = [f for f in hotline_findings(db) if f[0] == "hotline_returned"]
    assert returned == [("hotline_returned", "县教育局", "W4", "corrected")]


def test_bad_input_is_one_line_and_the_database_is_unchanged(county):
    folder, config, db = county
    govwatch(config, db, "import", "hotline", str(tickets_file(folder / "a.xlsx", TICKETS)))
    before = dump(db)
    wrong = ["W9", "2025-06-31 09:00", None, 0, None, "5", "测试县教育局", "", "x"]
    bad = tickets_file(folder / "坏.xlsx", [*TICKETS, wrong])
    result = govwatch(config, db, "import", "hotline", str(bad))
    assert result.exit_code == 2
    assert (
        result.output.strip()
        == "error: 坏.xlsx：第10行「派发时间」：无法识别的日期时间「2025-06-31 09:00」"
    )
    missing = govwatch(config, db, "import", "requests", str(bad))
    assert missing.exit_code == 2 and "缺少列「收到日期」、「事项」、「办结日期」" in missing.output
    assert "Traceback" not in result.output + missing.output
    assert dump(db) == before
