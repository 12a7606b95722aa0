"""Checks and digest benchmark on the embedded demo county. Prints figures; asserts nothing.

The demo is crawled once (the real spider into SQLite); then, on what is stored (~1,400
articles, the boards' 留言):
1. load: every article read from the database as ORM rows — the floor any check over the
   stored items pays, measured in the same run;
2. checks: every registered check with the findings engine (govwatch/jobs/checks.py), as
   `govwatch run` calls it after a crawl (findings exist already: the refresh path);
3. digest: built from the database and rendered as text, HTML and JSON.
The target is checks + digest under 2 s; the ratio to the load puts it in this machine's terms.

    .venv/bin/python benchmarks/checks_bench.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from alerts.digest import build_digest
from alerts.render.digest_html import render_digest_html
from alerts.render.digest_text import render_digest_text
from core.config import load_config
from core.jsonable import dumps
from core.periods import day_start, now
from demo import DEFAULT_AS_OF, DemoServer, build_site
from govwatch.jobs.checks import run_checks
from govwatch.jobs.run import run_job
from storage.db import make_engine, session_factory
from storage.models import Article, BoardMessage


def _best(repeat: int, work: Callable[[], None]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step (best kept)")
    args = parser.parse_args()
    as_of = day_start(DEFAULT_AS_OF)

    site = build_site()
    with tempfile.TemporaryDirectory() as tmp:
        config_path = Path(tmp) / "govwatch.yaml"
        db_url = f"sqlite:///{tmp}/bench.db"
        with DemoServer(site) as server:
            config_path.write_text(site.config_yaml(server.base_url), encoding="utf-8")
            result = run_job(config_path, db_url, as_of=as_of)
        config = load_config(config_path)
        engine = make_engine(db_url)
        sessions = session_factory(engine)
        with sessions() as session:
            articles = len(session.scalars(select(Article.id)).all())
            messages = len(session.scalars(select(BoardMessage.id)).all())

        def load() -> None:
            with sessions() as session:
                session.scalars(select(Article)).all()

        def checks() -> None:
            run_checks(sessions, config, result.site_id, result.run_id, as_of)

        def digest() -> None:
            with sessions() as session:
                data = build_digest(session, config, result.site_id, as_of, now())
            render_digest_text(data)
            render_digest_html(data)
            dumps(data)

        load_s = _best(args.repeat, load)
        checks_s = _best(args.repeat, checks)
        digest_s = _best(args.repeat, digest)
        engine.dispose()

    total = checks_s + digest_s
    print(
        f"stored            : {articles} articles, {messages} 留言 (crawl status {result.status})"
    )
    print(f"load articles     : {load_s:.3f} s")
    print(f"checks            : {checks_s:.3f} s  ({checks_s / load_s:.1f} × load)")
    print(f"digest            : {digest_s:.3f} s  ({digest_s / load_s:.1f} × load)")
    print(f"checks + digest   : {total:.3f} s  ({total / load_s:.1f} × load; target < 2 s)")


if __name__ == "__main__":
    main()
