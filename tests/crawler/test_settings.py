"""Crawler settings: polite defaults, overridden by govwatch.yaml, then by the environment."""

import pytest

from core.config import ConfigError, parse_config
from crawler.settings import DEFAULTS, build_settings

BASE = "county: 测试县\nportal: {name: 测试县人民政府, start_url: 'http://www.example.gov.cn/'}\n"


def test_polite_defaults(monkeypatch):
    monkeypatch.delenv("GOVWATCH_CRAWL_TIMEOUT", raising=False)
    settings = build_settings(parse_config(BASE).crawl, needs_browser=False)
    assert settings["ROBOTSTXT_OBEY"] is True
    assert settings["CONCURRENT_REQUESTS_PER_DOMAIN"] == 2
    assert settings["AUTOTHROTTLE_ENABLED"] is True
    assert settings["DOWNLOAD_TIMEOUT"] == DEFAULTS["DOWNLOAD_TIMEOUT"] == 30
    assert "DOWNLOAD_HANDLERS" not in settings  # no browser unless a column needs one


def test_config_then_environment(monkeypatch):
    config = parse_config(BASE + "crawl: {timeout: 60, concurrency_per_site: 1}\n")
    monkeypatch.setenv("GOVWATCH_CRAWL_TIMEOUT", "90")
    settings = build_settings(config.crawl, needs_browser=False)
    assert settings["DOWNLOAD_TIMEOUT"] == 90
    assert settings["CONCURRENT_REQUESTS_PER_DOMAIN"] == 1


def test_bad_environment_value_is_named(monkeypatch):
    monkeypatch.setenv("GOVWATCH_CRAWL_RETRIES", "many")
    with pytest.raises(ConfigError, match=r"GOVWATCH_CRAWL_RETRIES=.many.: Input should be"):
        build_settings(parse_config(BASE).crawl, needs_browser=False)


def test_browser_columns_use_debian_chromium_without_calling_home(monkeypatch):
    monkeypatch.setenv("GOVWATCH_CHROMIUM", "/opt/chrome/chrome")
    settings = build_settings(parse_config(BASE).crawl, needs_browser=True)
    launch = settings["PLAYWRIGHT_LAUNCH_OPTIONS"]
    assert launch["executable_path"] == "/opt/chrome/chrome"
    assert "--disable-background-networking" in launch["args"]
    assert settings["DOWNLOAD_HANDLERS"]["https"] == "crawler.browser.BrowserHandler"
