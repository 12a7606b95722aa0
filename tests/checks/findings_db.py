"""A database holding a configured county and findings stored through the real engine, for
the tests of decisions, the digest and the `findings` command."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from checks.base import CheckReport, FindingDraft
from checks.engine import apply_report
from core.config import load_config
from core.periods import BEIJING
from core.vocab import Level
from storage.db import make_engine, session_factory, transaction, upgrade
from storage.models import CrawlRun
from storage.sync import sync_config

SEEN = datetime(2025, 7, 1, 8, tzinfo=BEIJING)
CONFIG = """\
county: 测试县
portal: {name: 测试县人民政府, start_url: "http://127.0.0.1:9/"}
units:
  - name: 县政府办公室
  - name: 县教育局
  - name: 甲镇
    kind: township
"""


def drafts() -> list[FindingDraft]:
    return [
        FindingDraft("text_issue", Level.warning, "article:1", "typo|检剑|检验",
                     "《<script>alert(1)</script>通知》错字：「检剑」，应为「检验」", "县教育局",
                     "通知公告", "http://127.0.0.1:9/a.html", {"found": "检剑", "kind": "typo"}),
        FindingDraft("board_unanswered", Level.veto, "message:1", "unanswered",
                     "网民留言《咨询转学》（2025-02-10）已140天未回复", "县教育局", "网民留言"),
        FindingDraft("stale_column", Level.warning, "column:1", "stale",
                     "「通知公告」栏目已272天未更新", "县政府办公室", "通知公告",
                     evidence={"stale": True, "category": "notice"}),
    ]  # fmt: skip


def make_db(tmp_path: Path) -> tuple[Path, str]:
    """(config path, db url) with the three findings above, first seen in run 1."""
    config_path = tmp_path / "govwatch.yaml"
    config_path.write_text(CONFIG, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'govwatch.db'}"
    upgrade(url)
    engine = make_engine(url)
    sessions = session_factory(engine)
    with transaction(sessions) as session:
        site_id = sync_config(session, load_config(config_path))
        run = CrawlRun(site_id=site_id, started_at=SEEN, finished_at=SEEN, status="finished")
        session.add(run)
        session.flush()
        found = drafts()
        by_kind: dict[str, list[FindingDraft]] = {}
        for draft in found:
            by_kind.setdefault(draft.kind, []).append(draft)
        for kind, rows in by_kind.items():
            report = CheckReport({d.place for d in rows}, rows)
            apply_report(session, site_id=site_id, run_id=run.id, kinds=(kind,), report=report,
                         now=SEEN)  # fmt: skip
    engine.dispose()
    return config_path, url
