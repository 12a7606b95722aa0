"""Shared fixtures: checkers are built once per test session (dictionary loading is slow)."""

from __future__ import annotations

import pytest
from text_helpers import COUNTY_WORDS

from checks.text import TextChecker, default_checker


@pytest.fixture(scope="session")
def checker() -> TextChecker:
    """The shared default checker (the one ``checks.text.check`` uses)."""
    return default_checker()


@pytest.fixture(scope="session")
def county_checker() -> TextChecker:
    """A checker configured like a county site: local words, wording rules and leaders."""
    # the ``text_check:`` mapping of govwatch.yaml, plus the county's own names
    text_check = {
        "extra_words": ["搬迁安置办"],
        "ignore": ["金碧辉煌工程"],
        "min_confidence": 0.5,
        "wording": [{"wrong": "县扶贫办公室", "right": "县乡村振兴局"}],
        "leaders": [
            {"name": "李明华", "title": "县委副书记、县长"},
            {"name": "张丽", "title": "副县长"},
        ],
    }
    return TextChecker.from_config(text_check, extra_words=COUNTY_WORDS)
