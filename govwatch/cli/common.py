"""What every command shares: the consoles, the common options, and one way to report errors.

Every command reports bad input as one clear line on stderr with exit code 2, never a
traceback.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from core.config import DEFAULT_CONFIG_NAME, ConfigError
from core.failures import FetchFailure
from core.periods import Quarter, day_start, now
from govwatch.jobs.errors import CrawlInProgress
from storage.db import DatabaseError

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

ConfigOpt = Annotated[
    Path, typer.Option("--config", "-c", help="Configuration file.", show_default=True)
]
DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (default: $GOVWATCH_DB, else sqlite:///govwatch.db)."),
]
QuarterOpt = Annotated[
    str | None,
    typer.Option(
        "--quarter", help="Quarter to report, e.g. 2025Q2 (default: the last complete one)."
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="Report as of this Beijing date (YYYY-MM-DD); default: now."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
DEFAULT_CONFIG = Path(DEFAULT_CONFIG_NAME)


class UsageProblem(Exception):
    """A problem with what the user typed or configured."""


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the errors a user can fix into one line on stderr and exit code 2."""
    try:
        yield
    except (
        ConfigError, DatabaseError, FetchFailure, UsageProblem, ValueError, CrawlInProgress,
        OSError,
    ) as exc:  # fmt: skip
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from None


def read_file(path: str | Path) -> bytes:
    """A file's bytes; a missing, unreadable or folder path is a UsageProblem naming it."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageProblem(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageProblem(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise UsageProblem(f"{path}: no permission to read it") from None
    except OSError as exc:
        raise UsageProblem(f"{path}: cannot read it: {exc.strerror or exc}") from None


def parse_quarter(value: str | None, as_of: datetime) -> Quarter:
    """--quarter, or the last complete quarter before as_of."""
    if value is None:
        return Quarter.last_complete(as_of)
    try:
        return Quarter.parse(value)
    except ValueError as exc:
        raise UsageProblem(f"--quarter: {exc}") from None


def parse_as_of(value: str | None) -> datetime:
    if not value:
        return now()
    try:
        return day_start(date.fromisoformat(value))
    except ValueError:
        raise UsageProblem(f"--as-of {value!r}: expected a date like 2025-07-01") from None


def free_port(preferred: int) -> int:
    """preferred if nothing listens there, else 0 (any free port)."""
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", preferred))
        except OSError:
            return 0
    return preferred
