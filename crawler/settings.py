"""Every crawler default in one place (as Scrapy's own default_settings.py).

Precedence: these defaults < the `crawl:` section of govwatch.yaml < GOVWATCH_CRAWL_* variables.
The defaults are polite on purpose: a county portal often runs on one small server, and the
office running govwatch must never be the reason it goes down.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

from core.config import CrawlConfig, crawl_environment

BOT_NAME = "govwatch"
USER_AGENT = (
    "Mozilla/5.0 (compatible; govwatch/0.1; government website inspection; "
    "+https://github.com/govwatch/govwatch)"
)

DEFAULTS: dict[str, Any] = {
    "BOT_NAME": BOT_NAME,
    "USER_AGENT": USER_AGENT,
    "ROBOTSTXT_OBEY": True,
    # at most 2 requests in flight per site; AutoThrottle slows down further if it is slow
    "CONCURRENT_REQUESTS": 8,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
    "DOWNLOAD_DELAY": 0.5,
    "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_START_DELAY": 1.0,
    "AUTOTHROTTLE_MAX_DELAY": 30.0,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
    "DOWNLOAD_TIMEOUT": 30,
    "RETRY_ENABLED": True,
    "RETRY_TIMES": 2,
    "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
    # a page that still fails is recorded and reported as 采集失败; the log need not shout
    "RETRY_GIVE_UP_LOG_LEVEL": "INFO",
    "GOVWATCH_RETRY_BACKOFF": 2.0,  # seconds before the first retry, doubled for each next one
    "GOVWATCH_MAX_LIST_PAGES": 200,  # per column; a runaway pager must not crawl forever
    # items are written synchronously one by one; Scrapy's default of 100 parallel item
    # slots only costs scheduling overhead on every response
    "CONCURRENT_ITEMS": 8,
    "COOKIES_ENABLED": True,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "WARNING",
    "DOWNLOADER_MIDDLEWARES": {
        "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
        "crawler.middlewares.BackoffRetryMiddleware": 550,
    },
    "ITEM_PIPELINES": {
        "crawler.pipelines.StoragePipeline": 300,
        "crawler.check_data.CheckDataPipeline": 310,  # board, list and home-page dates
    },
    "EXTENSIONS": {
        "crawler.extensions.CrawlProgress": 500,
        "crawler.extensions.ParentWatch": 510,
    },
    # scrapy-playwright: used only by columns marked `render: browser`
    "PLAYWRIGHT_BROWSER_TYPE": "chromium",
    "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": 30_000,
    "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": 2,
}

PLAYWRIGHT_HANDLERS = {
    "http": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
    "https": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
}
# Debian's chromium: no sandbox as root, no calls home (the machine may have no internet).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# govwatch.yaml `crawl:` field → Scrapy setting
_CRAWL_FIELDS = {
    "obey_robots": "ROBOTSTXT_OBEY",
    "concurrency_per_site": "CONCURRENT_REQUESTS_PER_DOMAIN",
    "download_delay": "DOWNLOAD_DELAY",
    "autothrottle": "AUTOTHROTTLE_ENABLED",
    "timeout": "DOWNLOAD_TIMEOUT",
    "retries": "RETRY_TIMES",
    "retry_backoff": "GOVWATCH_RETRY_BACKOFF",
    "user_agent": "USER_AGENT",
    "max_list_pages": "GOVWATCH_MAX_LIST_PAGES",
}


def chromium_executable() -> str | None:
    """GOVWATCH_CHROMIUM, else Debian's chromium; None lets Playwright use its own browser."""
    explicit = os.environ.get("GOVWATCH_CHROMIUM")
    if explicit:
        return explicit
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def build_settings(crawl: CrawlConfig, *, needs_browser: bool) -> dict[str, Any]:
    """Scrapy settings: the defaults, then govwatch.yaml's `crawl:`, then the environment."""
    settings = dict(DEFAULTS)
    for layer in (crawl, crawl_environment()):
        for field, setting in _CRAWL_FIELDS.items():
            value = getattr(layer, field)
            if value is not None:
                settings[setting] = value
    if settings["CONCURRENT_REQUESTS"] < settings["CONCURRENT_REQUESTS_PER_DOMAIN"]:
        settings["CONCURRENT_REQUESTS"] = settings["CONCURRENT_REQUESTS_PER_DOMAIN"]
    if needs_browser:
        settings["DOWNLOAD_HANDLERS"] = PLAYWRIGHT_HANDLERS
        launch: dict[str, Any] = {"headless": True, "args": CHROMIUM_ARGS}
        executable = chromium_executable()
        if executable:
            launch["executable_path"] = executable
        settings["PLAYWRIGHT_LAUNCH_OPTIONS"] = launch
    return settings
