"""`govwatch` command line: one module per command group, all on one Typer app."""

from __future__ import annotations

from govwatch.cli import demo, digest, findings, portal, setup, text  # noqa: F401  (register)
from govwatch.cli.app import app


def main() -> None:
    app(prog_name="govwatch")
