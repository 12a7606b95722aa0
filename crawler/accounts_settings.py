"""Scrapy settings of the accounts crawl: the crawl defaults (crawler/settings.py) with what
differs for platform APIs.

- robots.txt is not consulted: these are the platforms' own JSON endpoints and feeds, read
  once per account and run, at a human pace — not pages crawled;
- no AutoThrottle or DOWNLOAD_DELAY: the lanes pause themselves (newmedia.delay_seconds),
  one request at a time per platform;
- retries and their back-off, the timeout, from `newmedia:`;
- Douyin's browser: the crawl's one Chromium (crawler/browser.py), with room for its scripts.
"""

from __future__ import annotations

from typing import Any

from core.config import CrawlConfig, NewMediaConfig
from crawler.settings import build_settings

MAX_RESPONSE_BYTES = 20 * 1024 * 1024


def accounts_settings(newmedia: NewMediaConfig, *, needs_browser: bool) -> dict[str, Any]:
    settings = build_settings(CrawlConfig(), needs_browser=needs_browser)
    settings.update(
        ROBOTSTXT_OBEY=False,
        AUTOTHROTTLE_ENABLED=False,
        DOWNLOAD_DELAY=0,
        CONCURRENT_REQUESTS=16,
        CONCURRENT_REQUESTS_PER_DOMAIN=8,
        DOWNLOAD_TIMEOUT=newmedia.timeout,
        DOWNLOAD_MAXSIZE=MAX_RESPONSE_BYTES,
        DOWNLOAD_WARNSIZE=0,
        RETRY_TIMES=newmedia.retries,
        GOVWATCH_RETRY_BACKOFF=newmedia.backoff_seconds,
        # a 403 from a platform is a block, not a hiccup: never retried
        RETRY_HTTP_CODES=[500, 502, 503, 504, 522, 524, 408, 429],
        ITEM_PIPELINES={"crawler.accounts_pipeline.AccountsPipeline": 300},
        EXTENSIONS={"crawler.extensions.ParentWatch": 510},
        COOKIES_ENABLED=True,
    )
    if newmedia.user_agent:
        settings["USER_AGENT"] = newmedia.user_agent
    if needs_browser:
        # the crawl's one bounded browser (crawler/browser.py), paced for a platform
        settings["PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT"] = newmedia.timeout * 1000
        launch = dict(settings["PLAYWRIGHT_LAUNCH_OPTIONS"])
        # the crawl's lean Chromium (crawler/settings.py), with room for Douyin's scripts
        launch["args"] = [
            *(a for a in launch["args"] if not a.startswith("--js-flags")),
            "--renderer-process-limit=1",
            "--enable-features=NetworkServiceInProcess2",
            "--js-flags=--max-old-space-size=192",
        ]
        settings["PLAYWRIGHT_LAUNCH_OPTIONS"] = launch
    return settings
