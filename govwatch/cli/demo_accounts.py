"""The demo's 政务新媒体 part: local platform servers, the registry in govwatch.yaml, the
accounts check after the portal crawl, and the table (五) after the portal's figures."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from core.config import Config
from core.periods import Quarter
from govwatch.cli.common import err, out

PLATFORMS_PORT = 8742


@contextmanager
def demo_platforms(as_of: datetime, config_path: Path, portal_url: str) -> Iterator[Any]:
    """Serve the demo platforms, write govwatch.yaml (portal + accounts) and the posts file."""
    from demo.config import POSTS_FILE, config_yaml
    from demo.platforms import PlatformServer
    from demo.platforms.county import posts_csv, replay_accounts
    from govwatch.cli.common import free_port

    with PlatformServer(replay_accounts(as_of), port=free_port(PLATFORMS_PORT)) as server:
        config_path.write_text(config_yaml(portal_url, server.base_url), encoding="utf-8")
        posts = config_path.resolve().parent / POSTS_FILE
        posts.parent.mkdir(parents=True, exist_ok=True)
        posts.write_text(posts_csv(as_of), encoding="utf-8")
        yield server


def print_with_accounts(
    cfg: Config,
    db: str,
    quarter: Quarter,
    as_of: datetime,
    as_json: bool,
    print_figures: Callable[..., None],
) -> None:
    """Print the figures and table (五) (the run checked the accounts as of the demo's
    monitoring point)."""
    from alerts.accounts_table import render_text
    from core.jsonable import dumps
    from govwatch.cli.accounts import stored_table
    from govwatch.jobs.stats import read_figures

    table = stored_table(cfg, db, as_of)
    if as_json:
        data = json.loads(dumps(read_figures(cfg, db, quarter, as_of)))
        data["accounts"] = [row.to_json() for row in table.rows]
        data["accounts_summary"] = table.summary()
        print(json.dumps(data, ensure_ascii=False))
        return
    print_figures(cfg, db, quarter, as_of, False)
    out.print()
    out.print(render_text(table), markup=False)
    err.print("（名称中标注“演示附加”的账号为演示用附加账号，不属于通报原文。）")
