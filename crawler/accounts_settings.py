"""Scrapy settings of the accounts crawl: the crawl defaults (crawler/settings.py) with what
differs for platform APIs.

- robots.txt is not consulted: these are the platforms' own JSON endpoints and feeds, read
  once per account and run, at a human pace — not pages crawled;
- no AutoThrottle or DOWNLOAD_DELAY: the lanes pause themselves (newmedia.delay_seconds),
  one request at a time per platform;
- retries and their back-off, the timeout, from `newmedia:`;
- Douyin's browser: one Chromium for the run, images, media and fonts never downloaded.
"""

from __future__ import annotations

from typing import Any

from core.config import CrawlConfig, NewMediaConfig
from crawler.settings import build_settings

MAX_RESPONSE_BYTES = 20 * 1024 * 1024
_HEAVY = ("image", "media", "font")


def abort_heavy(request: Any) -> bool:
    """PLAYWRIGHT_ABORT_REQUEST: the post list needs scripts and XHR, never pictures."""
    return request.resource_type in _HEAVY


def accounts_settings(
    newmedia: NewMediaConfig, *, needs_browser: bool, browser_scheme: str = "https"
) -> dict[str, Any]:
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
        # scrapy-playwright starts one Playwright driver (~100 MB) per scheme it handles:
        # only the scheme Douyin is reached by gets it, the other keeps Scrapy's handler
        settings["DOWNLOAD_HANDLERS"] = {
            browser_scheme: settings["DOWNLOAD_HANDLERS"][browser_scheme]
        }
        settings.update(
            PLAYWRIGHT_ABORT_REQUEST=abort_heavy,
            PLAYWRIGHT_MAX_PAGES_PER_CONTEXT=1,
            PLAYWRIGHT_MAX_CONTEXTS=1,
            PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT=newmedia.timeout * 1000,
        )
        launch = dict(settings["PLAYWRIGHT_LAUNCH_OPTIONS"])
        # one browser, few processes: a county checks tens of accounts, one page at a time
        launch["args"] = [
            *launch["args"],
            "--blink-settings=imagesEnabled=false",
            "--renderer-process-limit=1",
            "--in-process-gpu",
            "--no-zygote",
            "--enable-features=NetworkServiceInProcess2",
            "--disable-features=site-per-process,Translate,BackForwardCache,MediaRouter",
            "--disable-extensions",
            "--disable-dev-shm-usage",
            "--disk-cache-size=1048576",
            "--js-flags=--max-old-space-size=192",
        ]
        settings["PLAYWRIGHT_LAUNCH_OPTIONS"] = launch
    return settings
