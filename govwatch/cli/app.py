"""The `govwatch` Typer application; each command group registers itself on it."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="govwatch",
    help="Monitor a county government portal: crawl, store, and report 信息发布 figures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
app.add_typer(db_app, name="db")
