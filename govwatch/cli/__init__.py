"""`govwatch` command line: one module per command group, all on one Typer app."""

from __future__ import annotations

from govwatch.cli import accounts, demo, portal, setup, text  # noqa: F401  (they register commands)
from govwatch.cli.app import app


def main() -> None:
    app(prog_name="govwatch")
