"""The accounts crawl in a child process (Twisted's reactor cannot be restarted, and a crash
must not take the scheduler down): `python -m crawler.accounts_worker --config … --as-of …`.

With --db/--run-id/--site-id every account is stored as it is read; --only KEY limits the run
to some registered accounts; --url checks one URL that need not be registered (written to
--out only). Credentials are read here, from the environment or the secrets file — they
never travel on a command line and are masked in every log line.
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.crawler import CrawlerProcess

from core.accounts import load_secrets, redact
from core.config import AccountConfig, Config, load_config
from crawler.accounts_settings import accounts_settings
from spiders.accounts import adapter_for
from spiders.accounts.discover import DiscoverSpider
from spiders.accounts.douyin import DouyinAdapter
from spiders.accounts.spider import AccountsSpider

UNREGISTERED_OWNER = "（未报备）"


class _Redact(logging.Filter):
    def __init__(self, secrets: dict[str, str]) -> None:
        super().__init__()
        self.secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage(), self.secrets)
        record.args = ()
        return True


def adhoc_account(config: Config, url: str) -> AccountConfig:
    """An account for a URL that is not in the registry (check-account URL)."""
    account = AccountConfig(name=url, owner=UNREGISTERED_OWNER, url=url)
    account.resolve((urlsplit(config.platforms.rsshub.base_url).hostname or "",))
    return account


def select_accounts(config: Config, only: list[str], url: str | None) -> list[AccountConfig]:
    if url:
        return [adhoc_account(config, url)]
    accounts = config.accounts
    return [a for a in accounts if a.key in only] if only else list(accounts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crawler.accounts_worker")
    parser.add_argument("--config", required=True)
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--since", required=True)
    parser.add_argument("--db", default=None)
    parser.add_argument("--run-id", type=int, default=None)
    parser.add_argument("--site-id", type=int, default=None)
    parser.add_argument("--only", action="append", default=[])
    parser.add_argument("--url", default=None)
    parser.add_argument("--out", default=None)
    parser.add_argument("--log-level", default=None)
    parser.add_argument("--discover", action="store_true", help="search for unregistered ones")
    args = parser.parse_args(argv)

    config = load_config(args.config)
    secrets = load_secrets(config.newmedia.secrets_file)
    accounts = [] if args.discover else select_accounts(config, args.only, args.url)
    if not accounts and not args.discover:
        return 0
    needs_browser = any(isinstance(adapter_for(a), DouyinAdapter) for a in accounts)
    settings = accounts_settings(config.newmedia, needs_browser=needs_browser)
    settings.update(
        GOVWATCH_DB_URL=args.db,
        GOVWATCH_ACCOUNT_RUN_ID=args.run_id,
        GOVWATCH_SITE_ID=args.site_id,
        GOVWATCH_ACCOUNTS_OUT=args.out,
    )
    if args.log_level:
        settings["LOG_LEVEL"] = args.log_level
    process = CrawlerProcess(settings)
    for handler in logging.getLogger().handlers:
        handler.addFilter(_Redact(secrets))
    if args.discover:
        crawler = process.create_crawler(DiscoverSpider)
        process.crawl(crawler, config=config)
        process.start()
        return 0
    crawler = process.create_crawler(AccountsSpider)
    process.crawl(
        crawler,
        config=config,
        accounts=accounts,
        as_of=datetime.fromisoformat(args.as_of),
        since=datetime.fromisoformat(args.since),
        secrets=secrets,
        config_dir=str(Path(args.config).resolve().parent),
    )
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    return 3 if stats.get("spider_exceptions/count", 0) else 0


if __name__ == "__main__":
    sys.exit(main())
