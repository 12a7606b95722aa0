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
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crawler.config import Config, load_config
from crawler.settings import build_settings
from spiders.portal import ColumnPlan, CrawlPlan, PortalSpider
from storage.db import make_engine, session_factory
from storage.models import Article, Column


def build_plan(session: Session, config: Config, site_id: int) -> CrawlPlan:
    counts = dict(
        session.execute(
            select(Article.column_id, func.count())
            .where(Article.site_id == site_id)
            .group_by(Article.column_id)
        ).all()
    )
    wait_for = {c.url: c.wait_for for c in config.columns}
    columns = [
        ColumnPlan(
            name=c.name,
            url=c.url,
            category=c.category,
            render=c.render,
            wait_for=wait_for.get(c.url),
            known_articles=counts.get(c.id, 0),
        )
        for c in session.scalars(
            select(Column).where(Column.site_id == site_id, Column.active.is_(True))
        )
        # columns found in the navigation are crawled only while discovery is on
        if config.portal.discover_columns or not c.discovered
    ]
    known = dict(
        session.execute(
            select(Article.url, Article.list_signature).where(Article.site_id == site_id)
        ).all()
    )
    return CrawlPlan(
        start_url=config.portal.start_url,
        allowed_domains=config.portal.allowed_domains,
        columns=columns,
        discover=config.portal.discover_columns,
        known=known,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crawler.worker")
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--run-id", type=int, required=True)
    parser.add_argument("--site-id", type=int, required=True)
    parser.add_argument("--log-level", default=None)
    args = parser.parse_args(argv)

    config = load_config(args.config)
    engine = make_engine(args.db)
    with session_factory(engine)() as session:
        plan = build_plan(session, config, args.site_id)
    engine.dispose()

    settings = build_settings(
        config, needs_browser=any(c.render == "browser" for c in plan.columns)
    )
    settings.update(
        GOVWATCH_DB_URL=args.db,
        GOVWATCH_RUN_ID=args.run_id,
        GOVWATCH_SITE_ID=args.site_id,
        GOVWATCH_COUNTY=config.county,
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
