"""`privacy_leak` through the real engine (govwatch.jobs.checks.run_checks): the real ID and
mobile of a 公示 among decoys are found exactly, in an article and in an attachment; the raw
values are stored nowhere; the same leak next run is the same row; a page not read creates
and closes nothing."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from alerts.digest import build_digest
from core.config import Config, load_config
from core.vocab import FindingStatus
from govwatch.jobs.checks import run_checks
from storage.db import make_engine, session_factory, transaction, upgrade
from storage.models import Article, AttachmentText, CrawlRun, Finding
from storage.sync import sync_config
from tests.checks.findings_db import CONFIG, SEEN

ID_A = "431302199003071236"  # valid (check digit 6)
ID_LEAP = "440304200002294568"  # valid, born 2000-02-29
ID_UNSEEN = "11010519491231002X"  # valid, on a page the run did not read
MOBILE = "13974561230"
RAW = (ID_A, ID_LEAP, ID_UNSEEN, MOBILE)

# a 公示 as article pages render it: a table, one cell per line, and the office's decoys
GONGSHI = f"""关于2025年临时救助对象的公示
索引号：114300000000000007/2025-00012
序号
姓名
身份证号码
联系电话
1
张三
{ID_A}
{MOBILE}
2
李四
4313**********2312
139****0123
3
王五
431302199003071237
项目编号：13800001111
监督电话：0731-84512345，12345
"""


@pytest.fixture
def db(tmp_path: Path):
    config_path = tmp_path / "govwatch.yaml"
    config_path.write_text(CONFIG, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'govwatch.db'}"
    upgrade(url)
    engine = make_engine(url)
    sessions = session_factory(engine)
    config = load_config(config_path)
    with transaction(sessions) as session:
        site_id = sync_config(session, config)
    yield sessions, config, site_id
    engine.dispose()


def new_run(session: Session, site_id: int, day: int) -> CrawlRun:
    at = SEEN + timedelta(days=day)
    run = CrawlRun(site_id=site_id, started_at=at, finished_at=at, status="finished")
    session.add(run)
    session.flush()
    return run


def article(site_id: int, n: int, text: str, run_id: int | None) -> Article:
    return Article(
        site_id=site_id,
        url=f"http://127.0.0.1:9/art/{n}.html",
        title=f"公示{n}",
        source_raw="县教育局",
        published_at=SEEN,
        date_source="meta",
        fetched_at=SEEN,
        content_hash=f"h{n}",
        text=text,
        attachments=[{"url": f"http://127.0.0.1:9/files/{n}.xlsx", "name": "救助名单.xlsx"}],
        first_run_id=run_id,
        last_run_id=run_id,
    )


def attachment(url: str, article_url: str, run_id: int, **kw: Any) -> AttachmentText:
    return AttachmentText(url=url, article_url=article_url, run_id=run_id, fetched_at=SEEN, **kw)


def privacy(sessions: sessionmaker[Session]) -> list[Finding]:
    with sessions() as session:
        return list(
            session.scalars(
                select(Finding).where(Finding.kind == "privacy_leak").order_by(Finding.id)
            )
        )


def check(sessions: sessionmaker[Session], config: Config, site_id: int, run_id: int):
    summary = run_checks(sessions, config, site_id, run_id, as_of=SEEN + timedelta(days=3))
    assert "privacy_leak" not in summary.failed
    return summary


def seed(sessions: sessionmaker[Session], site_id: int) -> dict[str, int]:
    with transaction(sessions) as session:
        run = new_run(session, site_id, 0)
        seen = article(site_id, 1, GONGSHI, run.id)
        unseen = article(site_id, 3, f"身份证号：{ID_UNSEEN}", None)
        session.add_all([seen, unseen])
        session.flush()
        ok = attachment(
            "http://127.0.0.1:9/files/1.xlsx", seen.url, run.id, status="ok", file_type="xlsx",
            text=f"【名单】\n姓名：赵六\n身份证号码：{ID_LEAP}\n联系电话：{MOBILE}\n",
        )  # fmt: skip
        big = attachment(
            "http://127.0.0.1:9/files/2.pdf", seen.url, run.id, status="not_checked",
            reason="文件过大（超过20MB）", file_type="pdf", text="",
        )  # fmt: skip
        session.add_all([ok, big])
        session.flush()
        return {"run": run.id, "seen": seen.id, "unseen": unseen.id, "ok": ok.id, "big": big.id}


def test_exactly_the_real_values_are_found(db):
    sessions, config, site_id = db
    ids = seed(sessions, site_id)
    summary = check(sessions, config, site_id, ids["run"])
    found = {(f.place, f.evidence["kind"], f.evidence["masked"]) for f in privacy(sessions)}
    assert found == {
        (f"article:{ids['seen']}", "id_number", "4313**********1236"),
        (f"article:{ids['seen']}", "mobile", "139****1230"),
        (f"attachment:{ids['ok']}", "id_number", "4403**********4568"),
        (f"attachment:{ids['ok']}", "mobile", "139****1230"),
    }
    by_title = {f.title: f for f in privacy(sessions)}
    art = by_title["《公示1》公开了未脱敏的身份证号（4313**********1236）"]
    assert (art.unit, art.level, art.url) == (
        "县教育局",
        "warning",
        "http://127.0.0.1:9/art/1.html",
    )
    assert art.evidence["kind_label"] == "身份证号" and art.evidence["attachment_url"] is None
    assert GONGSHI[art.evidence["position"] :].startswith(ID_A)
    assert "4313**********1236" in art.evidence["context"]
    att = by_title["《公示1》的附件《救助名单.xlsx》公开了未脱敏的身份证号（4403**********4568）"]
    assert att.url == "http://127.0.0.1:9/files/1.xlsx"
    assert att.evidence["article_url"] == "http://127.0.0.1:9/art/1.html"
    assert att.unit == "县教育局" and att.deadline is not None
    unchecked = summary.unchecked["privacy_leak"]
    assert unchecked[f"article:{ids['unseen']}"] == "最近一次采集未读到该文章"
    assert unchecked[f"attachment:{ids['big']}"] == "附件未检查：文件过大（超过20MB）"


def test_the_raw_values_are_stored_and_shown_nowhere(db):
    sessions, config, site_id = db
    ids = seed(sessions, site_id)
    check(sessions, config, site_id, ids["run"])
    rows = privacy(sessions)
    assert rows
    stored = json.dumps(
        [{c.name: getattr(f, c.name) for c in Finding.__table__.columns} for f in rows],
        default=str,
        ensure_ascii=False,
    )
    with sessions() as session:
        digest = json.dumps(
            build_digest(session, config, site_id, SEEN + timedelta(days=3), SEEN),
            default=str,
            ensure_ascii=False,
        )
    assert "隐私信息泄露" in digest
    for text in (stored, digest):
        for value in RAW:
            # not the value, nor any six of its digits in a row (the masked middle included)
            for i in range(len(value) - 5):
                assert value[i : i + 6] not in text, value[i : i + 6]


def test_the_same_leak_next_run_is_the_same_row_and_a_fix_corrects_it(db):
    sessions, config, site_id = db
    ids = seed(sessions, site_id)
    check(sessions, config, site_id, ids["run"])
    before = {f.fingerprint: f.id for f in privacy(sessions)}
    with transaction(sessions) as session:
        run = new_run(session, site_id, 1)
        seen = session.get(Article, ids["seen"])
        seen.last_run_id = run.id
        # the office masked the mobile in the article (the ID moved down a line: same finding)
        seen.text = "更正：\n" + GONGSHI.replace(MOBILE, "139****1230")
        for key in ("ok", "big"):
            session.get(AttachmentText, ids[key]).run_id = run.id
        run_id = run.id
    check(sessions, config, site_id, run_id)
    after = privacy(sessions)
    assert {f.fingerprint: f.id for f in after} == before  # no new row
    status = {(f.place, f.evidence["kind"]): f.status for f in after}
    assert status[(f"article:{ids['seen']}", "mobile")] == FindingStatus.corrected
    assert status[(f"article:{ids['seen']}", "id_number")] == FindingStatus.open
    assert status[(f"attachment:{ids['ok']}", "id_number")] == FindingStatus.open


def test_a_page_or_attachment_not_read_closes_nothing(db):
    sessions, config, site_id = db
    ids = seed(sessions, site_id)
    check(sessions, config, site_id, ids["run"])
    with transaction(sessions) as session:
        run = new_run(session, site_id, 1)  # reads neither the article nor the attachments
        run_id = run.id
    summary = check(sessions, config, site_id, run_id)
    assert all(f.status == FindingStatus.open for f in privacy(sessions))
    assert len(privacy(sessions)) == 4
    unchecked = summary.unchecked["privacy_leak"]
    assert unchecked[f"article:{ids['seen']}"] == "最近一次采集未读到该文章"
    assert unchecked[f"attachment:{ids['ok']}"] == "最近一次采集未读取该附件"


def test_switches(db):
    sessions, config, site_id = db
    ids = seed(sessions, site_id)
    config.privacy.mobiles = False
    config.privacy.attachments = False
    summary = check(sessions, config, site_id, ids["run"])
    assert {f.evidence["kind"] for f in privacy(sessions)} == {"id_number"}
    assert {f.place for f in privacy(sessions)} == {f"article:{ids['seen']}"}
    assert summary.unchecked["privacy_leak"][f"attachment:{ids['ok']}"] == "附件检查未开启"
    config.privacy.enabled = False
    check(sessions, config, site_id, ids["run"])
    assert len(privacy(sessions)) == 1  # a check switched off closes nothing either
