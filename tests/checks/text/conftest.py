"""Shared fixtures: checkers are built once per test session (dictionary loading is slow)."""

from __future__ import annotations

import pytest

from checks.text import TextChecker, default_checker
from checks.text_issues import build_checker
from core.config import parse_config


@pytest.fixture(scope="session")
def checker() -> TextChecker:
    """The shared default checker (the one ``checks.text.check`` uses)."""
    return default_checker()


COUNTY_YAML = """
county: 大姚县
portal: {name: 大姚县人民政府, start_url: "http://www.dayao.gov.cn/"}
units:
  - {name: 县搬迁安置办}
  - {name: 金碧镇, kind: township}
  - {name: 六苴镇, kind: township}
  - {name: 赵家店镇, kind: township}
text_check:
  extra_words: [搬迁安置办]
  places: [六苴, 赵家店]
  ignore: [金碧辉煌工程]
  min_confidence: 0.5
  wording: [{wrong: 县扶贫办公室, right: 县乡村振兴局}]
  leaders:
    - {name: 李明华, title: 县委副书记、县长}
    - {name: 张丽, title: 副县长}
"""


@pytest.fixture(scope="session")
def county_checker() -> TextChecker:
    """A checker built from a county's govwatch.yaml: local words, wording rules and leaders."""
    return build_checker(parse_config(COUNTY_YAML))
