"""Crawl benchmark on the embedded demo county, over loopback. Prints figures; asserts nothing.

1. Raw fetch rate: aiohttp GETs every path of the demo site at the crawl's concurrency — the
   ceiling for this machine and server, measured in the same run.
2. Full crawl: `run_job` (the real spider, pipeline and SQLite) on a fresh database;
   pages/s and the ratio to the raw rate.
3. Incremental crawl: N new articles are published, the crawl runs again; requests made
   against (list pages + N), the ideal.

    .venv/bin/python benchmarks/crawl_bench.py [--new 25] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import tempfile
import time
from pathlib import Path

import aiohttp
from sqlalchemy import func, select

from demo import DemoServer, build_site
from govwatch.jobs.run import run_job
from storage.db import make_engine, session_factory
from storage.models import ColumnRunState, CrawlRun


async def _raw_fetch(base_url: str, paths: list[str], concurrency: int) -> tuple[int, float]:
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def one(path: str) -> int:
            async with session.get(base_url.rstrip("/") + path) as response:
                await response.read()
                return response.status

        started = time.perf_counter()
        statuses = await asyncio.gather(*(one(p) for p in paths))
        elapsed = time.perf_counter() - started
    ok = sum(1 for s in statuses if s == 200)
    return ok, elapsed


def _run_stats(db_url: str, run_id: int) -> tuple[CrawlRun, int]:
    with session_factory(make_engine(db_url))() as session:
        run = session.get_one(CrawlRun, run_id)
        list_pages = session.scalar(
            select(func.sum(ColumnRunState.list_pages)).where(ColumnRunState.run_id == run_id)
        )
        return run, int(list_pages or 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--new", type=int, default=25, help="articles added before run 2")
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()

    site = build_site()
    with tempfile.TemporaryDirectory() as tmp, DemoServer(site) as server:
        config = Path(tmp) / "govwatch.yaml"
        text = site.config_yaml(server.base_url)
        text = re.sub(
            r"concurrency_per_site: \d+", f"concurrency_per_site: {args.concurrency}", text
        )
        config.write_text(text, encoding="utf-8")
        db_url = f"sqlite:///{tmp}/bench.db"
        paths = site.paths()

        ok, raw_seconds = asyncio.run(_raw_fetch(server.base_url, paths, args.concurrency))
        raw_rate = ok / raw_seconds
        print(f"raw aiohttp fetch : {ok} pages in {raw_seconds:.2f} s = {raw_rate:.0f} pages/s")

        started = time.perf_counter()
        first = run_job(config, db_url)
        wall = time.perf_counter() - started
        run, list_pages = _run_stats(db_url, first.run_id)
        crawl_seconds = (run.finished_at - run.started_at).total_seconds()
        rate = run.requests / crawl_seconds
        print(
            f"full crawl        : {run.requests} requests in {crawl_seconds:.2f} s "
            f"(worker start to end; {wall:.2f} s with checks) = {rate:.0f} pages/s; "
            f"{run.articles_new} articles, status {run.status}"
        )
        print(f"crawl / raw ratio : {rate / raw_rate:.2f}")

        site.add_articles(args.new)
        second = run_job(config, db_url)
        run, list_pages = _run_stats(db_url, second.run_id)
        # the home page and robots.txt are fetched on every run
        ideal = list_pages + args.new
        print(
            f"incremental crawl : {run.requests} requests for {args.new} new articles; "
            f"list pages {list_pages} + N {args.new} = {ideal} "
            f"(+2 for robots.txt and the home page); new {run.articles_new}, "
            f"changed {run.articles_changed}, unchanged {run.articles_unchanged}"
        )
        print(f"incremental / ideal ratio: {run.requests / ideal:.2f}")


if __name__ == "__main__":
    main()
