"""`govwatch findings` and its decisions as staff use them: lists, one-line errors, a
dismissal that sticks (and feeds the text checker's accepted words), a confirmation."""

from __future__ import annotations

import json

from sqlalchemy import select
from typer.testing import CliRunner

from checks.base import CheckReport
from checks.decisions import accepted_words
from checks.engine import apply_report
from govwatch.cli import app
from storage.db import make_engine, session_factory, transaction
from storage.models import Finding
from tests.checks.findings_db import SEEN, drafts, make_db

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_lists_open_findings_veto_first_and_filters(tmp_path):
    config, db = make_db(tmp_path)
    result = invoke("findings", "--config", str(config), "--db", db, "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["kind"] for r in rows] == ["board_unanswered", "stale_column", "text_issue"]
    assert rows[0]["level_label"] == "单项否决" and rows[0]["status"] == "open"
    only = invoke("findings", "-c", str(config), "--db", db, "--kind", "stale_column", "--json")
    assert [r["kind"] for r in json.loads(only.stdout)] == ["stale_column"]
    unit = invoke("findings", "-c", str(config), "--db", db, "--unit", "县教育局", "--json")
    assert {r["unit"] for r in json.loads(unit.stdout)} == {"县教育局"}
    text = invoke("findings", "-c", str(config), "--db", db)
    assert "共 3 条" in text.stdout and "[单项否决][待整改]" in text.stdout


def test_bad_input_is_one_clear_line(tmp_path):
    config, db = make_db(tmp_path)
    bad = invoke("findings", "-c", str(config), "--db", db, "--status", "closed")
    assert bad.exit_code == 2
    assert "--status 'closed': choose one of open, corrected, overdue, dismissed, all" in bad.output
    assert "Traceback" not in bad.output
    missing = invoke("findings", "dismiss", "99", "--reason", "误报", "-c", str(config), "--db", db)
    assert missing.exit_code == 2 and "no finding with id 99" in missing.output
    no_reason = invoke("findings", "dismiss", "1", "--reason", " ", "-c", str(config), "--db", db)
    assert no_reason.exit_code == 2 and "--reason" in no_reason.output


def test_a_dismissed_finding_stays_dismissed_and_its_word_is_accepted(tmp_path):
    config, db = make_db(tmp_path)
    with session_factory(make_engine(db))() as session:
        typo = session.scalar(select(Finding).where(Finding.kind == "text_issue"))
    result = invoke(
        "findings", "dismiss", str(typo.id), "--reason", "专有名词", "--by", "张三",
        "-c", str(config), "--db", db,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    sessions = session_factory(make_engine(db))
    # the same problem seen again on the next run: still dismissed, never reopened
    with transaction(sessions) as session:
        draft = drafts()[0]
        apply_report(session, site_id=typo.site_id, run_id=None, kinds=("text_issue",),
                     report=CheckReport({draft.place}, [draft]), now=SEEN)  # fmt: skip
    with sessions() as session:
        row = session.get_one(Finding, typo.id)
        assert (row.status, row.decided_by, row.decision_reason) == (
            "dismissed",
            "张三",
            "专有名词",
        )
        assert row.decided_at is not None
        assert accepted_words(session, typo.site_id) == ["检剑"]
    listed = json.loads(invoke("findings", "-c", str(config), "--db", db, "--json").stdout)
    assert typo.id not in {r["id"] for r in listed}
    dismissed = invoke("findings", "-c", str(config), "--db", db, "--status", "dismissed")
    assert "已排除（误报）：张三" in dismissed.stdout


def test_confirm_records_who_and_when(tmp_path):
    config, db = make_db(tmp_path)
    result = invoke("findings", "confirm", "2", "--by", "李四", "-c", str(config), "--db", db)
    assert result.exit_code == 0, result.output
    row = json.loads(invoke("findings", "-c", str(config), "--db", db, "--json").stdout)
    confirmed = next(r for r in row if r["id"] == 2)
    assert (confirmed["decision"], confirmed["decided_by"]) == ("confirmed", "李四")
    assert confirmed["status"] == "open"
