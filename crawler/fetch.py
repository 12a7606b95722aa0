"""Fetch one URL with the crawler's settings, in a child process, for commands that need one
page now (`govwatch extract URL`): `python -m crawler.fetch URL --out DIR [--config FILE]`.

The child writes the response (body + meta.json) or the named failure into DIR; the parent
turns it back into a Page or raises the failure.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import CrawlerProcess

from core.config import CrawlConfig, load_config
from core.failures import FetchFailure, FetchTimeout, failure_for
from crawler.settings import DEFAULTS, build_settings
from spiders.page import Page
from spiders.single import FetchedItem, FetchFailedItem, SinglePageSpider

# Scrapy's own timeout and retries apply inside; this bounds the whole child (start-up,
# robots.txt, every retry with its back-off)
_GRACE = 30.0


def fetch_url(url: str, config_path: str | Path | None = None, *, browser: bool = False) -> Page:
    """The page at url, read the way the crawl reads it; raises a named FetchFailure."""
    crawl = load_config(config_path).crawl if config_path else CrawlConfig()
    timeout = (crawl.timeout or DEFAULTS["DOWNLOAD_TIMEOUT"]) * (
        1 + (crawl.retries if crawl.retries is not None else DEFAULTS["RETRY_TIMES"])
    )
    with tempfile.TemporaryDirectory(prefix="govwatch-fetch-") as folder:
        command = [sys.executable, "-m", "crawler.fetch", url, "--out", folder]
        if config_path:
            command += ["--config", str(config_path)]
        if browser:
            command.append("--browser")
        try:
            subprocess.run(command, check=False, timeout=timeout + _GRACE)
        except subprocess.TimeoutExpired:
            raise FetchTimeout(f"{url}: no answer within {timeout + _GRACE:g} s") from None
        out = Path(folder)
        meta_path = out / "meta.json"
        if not meta_path.exists():
            raise FetchFailure(f"{url}: the fetch process ended without an answer")
        meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
        if "code" in meta:
            failure = failure_for(meta["code"])
            raise failure(f"{url}: {failure.label}（{meta['detail']}）", meta["status"])
        return Page.from_bytes(meta["url"], (out / "body").read_bytes(), meta["content_type"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crawler.fetch")
    parser.add_argument("url")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--config", default=None)
    parser.add_argument("--browser", action="store_true")
    args = parser.parse_args(argv)

    crawl = load_config(args.config).crawl if args.config else CrawlConfig()
    settings = build_settings(crawl, needs_browser=args.browser)
    settings["ITEM_PIPELINES"] = {}
    settings["EXTENSIONS"] = {}
    # one page and its robots.txt: no pacing to do, so none to wait for
    settings["DOWNLOAD_DELAY"] = 0
    settings["AUTOTHROTTLE_ENABLED"] = False
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(SinglePageSpider)

    def store(item: Any, **_: Any) -> None:
        if isinstance(item, FetchedItem):
            (args.out / "body").write_bytes(item.body)
            meta = {"url": item.url, "status": item.status, "content_type": item.content_type}
        elif isinstance(item, FetchFailedItem):
            meta = {"code": item.code, "status": item.status, "detail": item.detail}
        else:
            return
        (args.out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")

    crawler.signals.connect(store, signal=signals.item_scraped)
    process.crawl(crawler, url=args.url, browser=args.browser)
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
