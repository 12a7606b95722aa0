"""The demo's govwatch.yaml validates and describes the site it points at."""

from __future__ import annotations

import yaml

from core.config import parse_config
from core.vocab import Category
from demo import UNITS, DemoSite
from demo.board import BOARDS
from demo.columns import COLUMNS, JSON_WAIT_FOR
from demo.config import config_yaml

BASE = "http://127.0.0.1:43210/"
PLATFORMS = "http://127.0.0.1:43211/"


def test_config_validates(demo_site: DemoSite) -> None:
    text = demo_site.config_yaml(BASE)
    config = parse_config(text)
    assert config.county == "大姚县"
    assert config.portal.name == "大姚县人民政府"
    assert config.portal.start_url == BASE
    assert config.portal.allowed_domains == ["127.0.0.1"]
    assert config.portal.discover_columns is True
    # English comments for the people editing it
    assert "# These values are for the local demo server only" in text


def test_units_with_kinds_and_aliases(demo_site: DemoSite) -> None:
    config = parse_config(demo_site.config_yaml(BASE))
    assert [u.name for u in config.units] == [u.name for u in UNITS if u.kind == "department"] + [
        u.name for u in UNITS if u.kind == "township"
    ]
    by_name = {u.name: u for u in config.units}
    assert by_name["金碧镇"].kind == "township"
    assert "大姚县人力资源和社会保障局" in by_name["县人社局"].aliases
    assert "县人力资源和社会保障局" in by_name["县人社局"].aliases
    assert "县林业和草原局" in by_name["县林草局"].aliases
    assert "大姚县林业和草原局" in by_name["县林草局"].aliases
    assert "县医疗保障局" in by_name["县医保局"].aliases
    assert "县教体局" in by_name["县教育体育局"].aliases
    assert "大姚县金碧镇人民政府" in by_name["金碧镇"].aliases


def test_columns_leave_one_for_discovery(demo_site: DemoSite) -> None:
    config = parse_config(demo_site.config_yaml(BASE))
    configured = {c.name: c for c in config.columns}
    assert "规划计划" not in configured
    boards = {b.name for b in BOARDS}
    assert set(configured) == {c.name for c in COLUMNS if c.configured} | boards
    assert all(configured[name].category is Category.interaction for name in boards)
    assert configured["政务要闻"].unit == "县政府办公室"
    assert configured["政务要闻"].category is Category.news
    assert configured["通知公告"].url == BASE + "tzgg/list.html"
    js = configured["政策解读"]
    assert js.render == "browser" and js.wait_for == JSON_WAIT_FOR
    assert js.category is Category.policy
    for column in COLUMNS:
        if column.configured:
            assert configured[column.name].category.value == column.category


def test_crawl_section_is_tuned_for_loopback(demo_site: DemoSite) -> None:
    config = parse_config(demo_site.config_yaml(BASE))
    crawl = config.crawl
    assert crawl.obey_robots is True
    assert crawl.concurrency_per_site == 8
    assert crawl.download_delay == 0
    assert crawl.autothrottle is False
    assert crawl.retries == 1
    assert crawl.retry_backoff == 0.1


def test_text_check_places_and_accounts(demo_site: DemoSite) -> None:
    config = parse_config(config_yaml(BASE, PLATFORMS))
    for place in ("大姚", "六苴", "赵家店", "昙华", "三岔河", "湾碧"):
        assert place in config.text_check.places
    # the bulletin's 12 accounts in its order, then the demo-only extras, marked as such
    names = [a.name for a in config.accounts]
    assert names[:12] == [
        "大姚警方微信公众号", "大姚警方微博号", "大姚警方抖音号", "健康大姚微信公众号",
        "文旅大姚微信公众号", "大姚林业微信公众号", "大姚县医疗保障局微信公众号",
        "大姚人社微信公众号", "美丽六苴微信公众号", "六苴镇综合审批服务平台微信小程序",
        "大姚县人民政府微信公众号", "大美桂花",
    ]  # fmt: skip
    assert len(names) == 15 and all("演示附加" in n for n in names[12:])
    owners = {u.name for u in config.units}
    assert all(a.owner in owners for a in config.accounts)


def test_yaml_is_plain_data_without_the_comments(demo_site: DemoSite) -> None:
    data = yaml.safe_load(demo_site.config_yaml(BASE))
    assert set(data) == {"county", "portal", "columns", "units", "crawl", "text_check", "imports"}
    # the accounts come with the local platforms they are read from, never without them
    data = yaml.safe_load(config_yaml(BASE, PLATFORMS))
    assert {"accounts", "platforms", "newmedia", "report"} <= set(data)
    # the 通报 leaves the demo-only accounts out of (五): exactly those, by name
    extras = [a["name"] for a in data["accounts"] if "演示附加" in a["name"]]
    assert data["report"]["exclude_accounts"] == extras and len(extras) == 3
