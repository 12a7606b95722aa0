"""`govwatch demo`: the embedded demo county (大姚县, 2025 Q2), crawled end to end."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from core.config import DEFAULT_DB_URL, load_config
from govwatch.cli.app import app
from govwatch.cli.common import (
    DEFAULT_CONFIG,
    ConfigOpt,
    JsonOpt,
    UsageProblem,
    err,
    free_port,
    parse_as_of,
    user_errors,
)
from govwatch.cli.portal import print_figures

DEMO_PORT = 8741


@app.command()
def demo(
    as_of: Annotated[
        str, typer.Option("--as-of", help="The demo's 'today' (Beijing date).")
    ] = "2025-07-01",
    db: Annotated[
        str, typer.Option("--db", help="Database URL ($GOVWATCH_DB is not used by the demo).")
    ] = DEFAULT_DB_URL,
    config: ConfigOpt = DEFAULT_CONFIG,
    as_json: JsonOpt = False,
    serve: Annotated[
        bool, typer.Option("--serve", help="Keep the demo portal running afterwards (Ctrl-C ends).")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite a govwatch.yaml that is not the demo's.")
    ] = False,
) -> None:
    """Crawl the embedded demo county (大姚县, 2025 Q2) end to end; needs nothing but govwatch."""
    from core.periods import Quarter
    from demo import DemoServer, build_site
    from demo.config import DEMO_MARKER
    from govwatch.cli.demo_accounts import demo_platforms, print_with_accounts
    from govwatch.jobs.run import run_job

    with user_errors():
        reference = parse_as_of(as_of)
        if config.exists() and not force and DEMO_MARKER not in config.read_text("utf-8"):
            raise UsageProblem(
                f"{config} is not the demo's configuration; run the demo in another folder, "
                "or use --force to overwrite it"
            )
        site = build_site(as_of=reference.date())
        # the same port every time when it is free, so a second demo run is incremental
        with (
            DemoServer(site, port=free_port(DEMO_PORT)) as server,
            demo_platforms(reference, config, server.base_url) as platforms,
        ):
            err.print(
                f"demo portal at {server.base_url}, platforms at {platforms.base_url}; "
                f"config written to {config}"
            )
            cfg = load_config(config)
            run_job(config, db, as_of=reference)
            import_demo_files(config, db, Quarter.last_complete(reference), reference)
            print_with_accounts(
                cfg, db, Quarter.last_complete(reference), reference, as_json, print_figures
            )
            if serve:
                err.print(f"serving {server.base_url} until Ctrl-C")
                server.wait()


def import_demo_files(config: Path, db: str, quarter: Any, as_of: Any) -> None:
    """The demo's exports from other systems (依申请公开, 政务服务, 12345), written next to
    govwatch.yaml and imported the way `govwatch import` does."""
    from demo.imports import write_import_files
    from govwatch.jobs.imports import import_file

    for kind, path in write_import_files(config.resolve().parent, quarter).items():
        import_file(config, db, kind, path, as_of=as_of)
