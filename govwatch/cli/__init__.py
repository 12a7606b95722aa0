"""`govwatch` command line: one module per command group, all on one Typer app."""

from __future__ import annotations

from govwatch.cli import (  # noqa: F401  (each registers its commands)
    accounts,
    demo,
    digest,
    findings,
    imports,
    portal,
    probe,
    report,
    schedule,
    setup,
    status,
    text,
)
from govwatch.cli.app import app


def main() -> None:
    app(prog_name="govwatch")
