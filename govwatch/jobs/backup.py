"""The weekly SQLite backup: sqlite3's online backup API (a consistent copy while a crawl may
be writing), written under a temporary name and renamed, the oldest beyond `keep` removed.
PostgreSQL has its own tools (pg_dump); this job is SQLite only."""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from sqlalchemy import make_url

from core.periods import now

logger = logging.getLogger(__name__)
PREFIX = "govwatch-"
SUFFIX = ".db"


class NotSqlite(ValueError):
    """The database is not a SQLite file."""


def sqlite_path(db_url: str) -> Path:
    url = make_url(db_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        raise NotSqlite(f"{url.get_backend_name()}: only a SQLite database file is backed up here")
    return Path(str(url.database))


def backup_folder(db_url: str, folder: str) -> Path:
    """`folder` relative to the database file's folder (absolute stays absolute)."""
    return sqlite_path(db_url).resolve().parent / Path(folder).expanduser()


def backup_sqlite(db_url: str, folder: str, keep: int) -> Path:
    """Copy the database to folder/govwatch-YYYYMMDD-HHMMSS.db; keep the newest `keep`."""
    source = sqlite_path(db_url)
    if not source.exists():
        raise FileNotFoundError(f"no database at {source}")
    target_dir = backup_folder(db_url, folder)
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{PREFIX}{now():%Y%m%d-%H%M%S}{SUFFIX}"
    partial = target.with_suffix(".partial")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(partial)
        try:
            # pages=1024 per step: the crawl's writes are not blocked for the whole copy
            src.backup(dst, pages=1024, sleep=0.05)
        finally:
            dst.close()
    finally:
        src.close()
    os.replace(partial, target)
    os.chmod(target, 0o600)  # the database holds staff's decisions and account details
    for old in backups(target_dir)[keep:]:
        old.unlink(missing_ok=True)
        logger.info("removed old backup %s", old.name)
    logger.info("backup written: %s", target)
    return target


def backups(folder: Path) -> list[Path]:
    """Backups in folder, newest first (the name sorts by time)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{PREFIX}*{SUFFIX}") if p.is_file()]
    return sorted(found, key=lambda p: p.name, reverse=True)
