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
    # an incremental crawl stops at known entries; every so often all list pages are read
    "GOVWATCH_FULL_EVERY_DAYS": 7,
    # a page is read whole or not at all: a bigger answer is 页面过大 (Scrapy cancels it)
    "DOWNLOAD_MAXSIZE": 8 * 1024 * 1024,
    "DOWNLOAD_WARNSIZE": 4 * 1024 * 1024,
    # a redirect chain longer than this is a loop too (a repeated URL ends it at once)
    "REDIRECT_MAX_TIMES": 10,
    # Retry-After beyond this (seconds) is not waited for: the page is 频率限制
    "GOVWATCH_RETRY_AFTER_MAX": 60,
    # items are written synchronously one by one; Scrapy's default of 100 parallel item
    # slots only costs scheduling overhead on every response
    "CONCURRENT_ITEMS": 8,
    "COOKIES_ENABLED": True,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "WARNING",
    "DOWNLOADER_MIDDLEWARES": {
        "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
        "crawler.middlewares.BackoffRetryMiddleware": 550,
        "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
        "crawler.middlewares.LoopAwareRedirectMiddleware": 600,
    },
    "ITEM_PIPELINES": {
        "crawler.pipelines.StoragePipeline": 300,
        "crawler.check_data.CheckDataPipeline": 310,  # board, list and home-page dates
        "crawler.site_checks_pipeline.SiteChecksPipeline": 320,  # links, attachments, identity
    },
    "EXTENSIONS": {
        "crawler.extensions.CrawlProgress": 500,
        "crawler.extensions.ParentWatch": 510,
    },
    # the browser (crawler/browser.py): used only by columns marked `render: browser`
    "PLAYWRIGHT_BROWSER_TYPE": "chromium",
    "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": 30_000,
    "PLAYWRIGHT_MAX_CONTEXTS": 1,
    "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": 1,  # one page at a time (see --single-process)
    "PLAYWRIGHT_ABORT_REQUEST": "crawler.browser.skip_heavy",
    "GOVWATCH_RENDER_TIMEOUT": 60,  # seconds for one page, whatever it waits for
    "GOVWATCH_BROWSER_RESTART_PAGES": 50,
    "GOVWATCH_BROWSER_MAX_MB": 450,  # driver + browser; restarted between pages above this
}

PLAYWRIGHT_HANDLERS = {
    "http": "crawler.browser.BrowserHandler",
    "https": "crawler.browser.BrowserHandler",
}
# Debian's chromium: no sandbox as root, no calls home (the machine may have no internet).
# The rest keeps a one-column browser small: one process (renderer, GPU and network service
# inside it), no caches, no images; a JS-built list needs nothing else.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-zygote",
    "--in-process-gpu",
    "--disable-software-rasterizer",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--disable-features=site-per-process,IsolateOrigins,Translate,MediaRouter,"
    "OptimizationHints,BackForwardCache",
    "--disable-accelerated-2d-canvas",
    "--disable-3d-apis",
    "--disk-cache-size=1",
    "--media-cache-size=1",
    "--blink-settings=imagesEnabled=false",
    "--js-flags=--max-old-space-size=64",
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
    "max_page_mb": "DOWNLOAD_MAXSIZE",
    "full_every_days": "GOVWATCH_FULL_EVERY_DAYS",
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
                settings[setting] = int(value * 1024 * 1024) if field == "max_page_mb" else value
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
