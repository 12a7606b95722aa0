"""The weekly SQLite backup: a consistent, readable copy; the newest `keep` are kept."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest
import time_machine

from core.periods import BEIJING
from govwatch.jobs.backup import NotSqlite, backup_folder, backup_sqlite, backups
from storage.db import upgrade


def test_backups_are_readable_copies_and_rotate(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'g.db'}"
    upgrade(db_url)
    start = datetime(2025, 7, 6, 3, 30, tzinfo=BEIJING)
    for week in range(5):
        with time_machine.travel(start + timedelta(weeks=week), tick=False):
            backup_sqlite(db_url, "backups", keep=3)
    kept = backups(backup_folder(db_url, "backups"))
    assert [p.name for p in kept] == [
        "govwatch-20250803-033000.db",
        "govwatch-20250727-033000.db",
        "govwatch-20250720-033000.db",
    ]
    assert oct(kept[0].stat().st_mode & 0o777) == "0o600"
    copy = sqlite3.connect(kept[0])
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert copy.execute("select version_num from alembic_version").fetchone()
    copy.close()
    assert not list((tmp_path / "backups").glob("*.partial"))


def test_only_sqlite_files_are_backed_up():
    with pytest.raises(NotSqlite):
        backup_sqlite("postgresql+psycopg://u:p@127.0.0.1/g", "backups", 3)
