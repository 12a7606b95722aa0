"""Matching 来源 strings to configured units, the way portals print them."""

import pytest

from core.units import UnitMatcher, UnitRef

MATCHER = UnitMatcher(
    "大姚县",
    [
        UnitRef("县教育体育局", ("县教体局",)),
        UnitRef("县人社局", ("县人力资源和社会保障局",)),
        UnitRef("县政府办公室", ("县人民政府办公室",)),
        UnitRef("县委宣传部"),
        UnitRef("金碧镇", kind="township"),
        UnitRef("湾碧傣族傈僳族乡", ("湾碧乡",), kind="township"),
    ],
)


@pytest.mark.parametrize(
    ("source", "unit"),
    [
        ("县教育体育局", "县教育体育局"),
        ("大姚县教育体育局", "县教育体育局"),
        ("县教体局", "县教育体育局"),
        ("大姚县教体局（供稿）", "县教育体育局"),
        ("大姚县人力资源和社会保障局", "县人社局"),
        ("大姚县人民政府办公室", "县政府办公室"),
        ("中共大姚县委宣传部", "县委宣传部"),
        ("金碧镇人民政府", "金碧镇"),
        ("大姚县金碧镇人民政府", "金碧镇"),
        ("大姚县湾碧乡人民政府", "湾碧傣族傈僳族乡"),
        ("县教育体育局 张三", "县教育体育局"),
        ("县教育体育局、县人社局", "县教育体育局"),
    ],
)
def test_known_forms_match(source, unit):
    assert MATCHER.match(source) == unit


@pytest.mark.parametrize("source", ["云南省人民政府办公厅", "楚雄州融媒体中心", "", None, "县教"])
def test_other_sources_stay_unmatched(source):
    assert MATCHER.match(source) is None
