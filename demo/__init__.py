"""The embedded demo county: a local copy of 大姚县's portal that tells the 2025 Q2 story.

`govwatch demo` builds the site, serves it on 127.0.0.1, writes govwatch.yaml pointing at it,
crawls it with the real spider and prints the per-unit × month figures:

    site = build_site(as_of=date(2025, 7, 1))
    with DemoServer(site) as server:
        text = site.config_yaml(server.base_url)

Everything is deterministic: dates are relative to `as_of`, text comes from seeded generators.
"""

from demo.columns import COLUMNS, DemoColumn
from demo.items import (
    DEFAULT_AS_OF,
    PUBLISHING_UNITS,
    QUARTER_ITEMS,
    ZERO_NEWS_BY_MONTH,
    ContentPlan,
    Item,
    QuarterStory,
)
from demo.server import DemoServer, RequestRecord
from demo.site import DemoSite, build_site
from demo.units import DEMO_COUNTY, PORTAL_NAME, UNITS, DemoUnit

__all__ = [
    "COLUMNS",
    "DEFAULT_AS_OF",
    "DEMO_COUNTY",
    "PORTAL_NAME",
    "PUBLISHING_UNITS",
    "QUARTER_ITEMS",
    "UNITS",
    "ZERO_NEWS_BY_MONTH",
    "ContentPlan",
    "DemoColumn",
    "DemoServer",
    "DemoSite",
    "DemoUnit",
    "Item",
    "QuarterStory",
    "RequestRecord",
    "build_site",
]
