"""Crawl benchmark on the embedded demo county, over loopback. Prints figures; asserts nothing.

1. Raw fetch rate: aiohttp GETs every path of the demo site at the crawl's concurrency — the
   ceiling for this machine and server, measured in the same run.
2. Full crawl: `govwatch run` (the real CLI, spider, pipeline, checks and SQLite) on a fresh
   database; pages/s and the ratio to the raw rate; the peak RSS of its whole process tree
   (govwatch, the crawl worker, Playwright's driver and Chromium for the one JS-built column).
3. Incremental crawl: N new articles are published, the crawl runs again; requests made
   against the ideal: robots.txt, the home page, each column's first list page, the further
   list pages that hold new entries, and the N articles.
4. The same full crawl without the browser column: its peak RSS, and the ratio.

    .venv/bin/python benchmarks/crawl_bench.py [--new 25] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import aiohttp
import psutil
from sqlalchemy import func, select

from demo import DemoServer, build_site
from demo.columns import column_for
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


def _govwatch_run(config: Path, db_url: str) -> tuple[float, int]:
    """`govwatch run` as a user starts it: wall seconds and the peak RSS (bytes) of its tree."""
    command = [sys.executable, "-m", "govwatch", "run", "-c", str(config), "--db", db_url]
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        root = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            total = 0
            for process in tree:
                with contextlib.suppress(psutil.Error):  # it may have just ended
                    total += process.memory_info().rss
            peak = max(peak, total)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    proc.wait()
    done.set()
    sampler.join()
    return time.perf_counter() - started, peak


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

        wall, peak_browser = _govwatch_run(config, db_url)
        first_id = 1
        run, list_pages = _run_stats(db_url, first_id)
        crawl_seconds = (run.finished_at - run.started_at).total_seconds()
        rate = run.requests / crawl_seconds
        print(
            f"full crawl        : {run.requests} requests in {crawl_seconds:.2f} s "
            f"(worker start to end; {wall:.2f} s for the whole command) = {rate:.0f} pages/s; "
            f"{run.articles_new} articles, status {run.status}"
        )
        print(f"crawl / raw ratio : {rate / raw_rate:.2f}")
        print(
            f"peak RSS, whole process tree, with the browser column: {peak_browser / 2**20:.0f} MiB"
        )

        column = column_for("zwyw")
        site.add_articles(args.new, column.key)
        _govwatch_run(config, db_url)
        run, list_pages = _run_stats(db_url, first_id + 1)
        with session_factory(make_engine(db_url))() as session:
            columns = session.scalar(
                select(func.count()).where(ColumnRunState.run_id == first_id + 1)
            )
        # every column's first page, the pages the new entries pushed onto, robots + home
        ideal = 2 + int(columns or 0) + math.ceil(args.new / column.per_page) - 1 + args.new
        print(
            f"incremental crawl : {run.requests} requests for {args.new} new articles "
            f"({list_pages} list pages read); ideal {ideal} = robots.txt + home page + "
            f"{columns} first pages + {math.ceil(args.new / column.per_page) - 1} pages with new "
            f"entries + {args.new} articles; new {run.articles_new}, changed "
            f"{run.articles_changed}, unchanged {run.articles_unchanged}"
        )
        print(f"incremental / ideal ratio: {run.requests / ideal:.2f}")

        plain = Path(tmp) / "plain.yaml"
        plain.write_text(re.sub(r"    render: browser\n    wait_for: .*\n", "", text), "utf-8")
        _, peak_plain = _govwatch_run(plain, f"sqlite:///{tmp}/plain.db")
        print(
            f"peak RSS, whole process tree, without it: {peak_plain / 2**20:.0f} MiB; "
            f"with / without ratio {peak_browser / peak_plain:.2f}"
        )


if __name__ == "__main__":
    main()
