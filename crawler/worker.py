"""The crawl itself, in a child process: `python -m crawler.worker --config … --db … --run-id …`.

Twisted's reactor cannot be restarted inside one process, so every crawl gets a fresh process.
That keeps `govwatch run` callable again and again from the nightly scheduler, and a crash in
the crawl cannot take the scheduler down with it.
"""

from __future__ import annotations

import argparse
import logging
import sys

from scrapy.crawler import CrawlerProcess

from core.config import load_config
from crawler.plan import build_plan
from crawler.settings import build_settings
from spiders.portal.spider import PortalSpider
from storage.db import make_engine, session_factory, transaction


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crawler.worker")
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--run-id", type=int, required=True)
    parser.add_argument("--site-id", type=int, required=True)
    parser.add_argument("--log-level", default=None)
    parser.add_argument("--full", action="store_true", help="read every list page")
    parser.add_argument(
        "--accept-layout", action="append", default=[], metavar="COLUMN_URL",
        help="take this column's list as it reads now (after a real redesign)",
    )  # fmt: skip
    args = parser.parse_args(argv)

    config = load_config(args.config)
    engine = make_engine(args.db)
    with transaction(session_factory(engine)) as session:
        plan = build_plan(session, config, args.site_id, args.run_id, full=args.full)
    engine.dispose()

    settings = build_settings(
        config.crawl, needs_browser=any(c.render == "browser" for c in plan.columns)
    )
    settings.update(
        GOVWATCH_DB_URL=args.db,
        GOVWATCH_RUN_ID=args.run_id,
        GOVWATCH_SITE_ID=args.site_id,
        GOVWATCH_CONFIG=config,
        GOVWATCH_ACCEPT_LAYOUT=args.accept_layout,
    )
    if args.log_level:
        settings["LOG_LEVEL"] = args.log_level
    process = CrawlerProcess(settings)
    if not args.log_level:
        # An unreachable robots.txt is logged with a traceback; the page requests that follow
        # fail too and are recorded as 采集失败, so the traceback only alarms the reader.
        logging.getLogger("scrapy.downloadermiddlewares.robotstxt").setLevel(logging.CRITICAL)
    crawler = process.create_crawler(PortalSpider)
    process.crawl(crawler, plan=plan)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    # exceptions outside our callbacks' guard, or items that could not be stored: the run
    # must not be reported as clean
    errors = stats.get("spider_exceptions/count", 0) + stats.get("govwatch/item_errors", 0)
    return 3 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
