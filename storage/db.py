"""Engine, sessions and schema upgrades (Alembic, run programmatically)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseError(Exception):
    """The database URL is wrong or the database cannot be opened; the message says which."""


def make_engine(url: str) -> Engine:
    try:
        engine = create_engine(url, future=True)
    except (ArgumentError, ImportError) as exc:
        raise DatabaseError(f"database URL {url!r} is not usable: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    # WAL lets the report commands read while a crawl writes; foreign keys are off by default.
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL + NORMAL stays consistent after a crash (a kill -9 loses nothing committed); only a
    # power cut may drop the last transactions, which the next run fetches again.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def alembic_config(url: str) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig  # slow import: only when migrating

    # stdout at call time: the default is bound when alembic is first imported, which may be
    # a stream that is gone by now (a test runner swapping sys.stdout)
    cfg = AlembicConfig(stdout=sys.stdout)
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the schema to the newest version (idempotent)."""
    from alembic import command
    from alembic.util import CommandError

    make_engine(url).dispose()  # a malformed URL or missing driver: a clear DatabaseError
    try:
        command.upgrade(alembic_config(url), revision)
    except OperationalError as exc:
        raise DatabaseError(f"cannot open database {url!r}: {exc.orig}") from None
    except CommandError as exc:
        # e.g. a database written by a newer govwatch than this one
        raise DatabaseError(f"cannot upgrade database {url!r}: {exc}") from None


def require_current(url: str) -> None:
    """For read-only commands: the database exists and has the newest schema. Never writes."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    parsed = make_url(url)
    in_file = parsed.get_backend_name() == "sqlite" and parsed.database not in (None, ":memory:")
    if in_file and not Path(str(parsed.database)).exists():
        raise DatabaseError(
            f"no database at {parsed.database}: `govwatch run` creates it with the first crawl"
        )
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except OperationalError as exc:
        raise DatabaseError(f"cannot open database {url!r}: {exc.orig}") from None
    finally:
        engine.dispose()
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    if current is None:
        raise DatabaseError(f"{url} holds no govwatch data: `govwatch run` crawls and stores it")
    if current != head:
        raise DatabaseError(
            f"the database schema of {url} is at version {current}, this govwatch needs {head}: "
            "run `govwatch db upgrade`"
        )


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: committed whole or not at all."""
    with factory() as session, session.begin():
        yield session
