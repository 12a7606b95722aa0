"""`govwatch init` and `govwatch db upgrade`: getting a county started."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from core.config import resolve_db_url
from govwatch.cli.app import app, db_app
from govwatch.cli.common import DEFAULT_CONFIG, DbOpt, UsageProblem, out, user_errors


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the file.")] = DEFAULT_CONFIG,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented govwatch.yaml to fill in for your county."""
    from govwatch.templates import config_template

    with user_errors():
        if path.exists() and not force:
            raise UsageProblem(f"{path} already exists (use --force to overwrite it)")
        path.write_text(config_template(), encoding="utf-8")
    out.print(f"wrote {path}: fill in your county, portal, columns and units, then `govwatch run`")


@db_app.command("upgrade")
def db_upgrade(db: DbOpt = None) -> None:
    """Create or upgrade the database schema to the newest version."""
    from storage.db import upgrade

    with user_errors():
        db_url = resolve_db_url(db)
        upgrade(db_url)
    out.print(f"database {db_url} is up to date")
