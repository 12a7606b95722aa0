"""govwatch.yaml validation: errors name the file, the line and the field."""

import pytest

from core.config import ConfigError, load_config, parse_config, resolve_db_url
from core.vocab import Category
from govwatch.templates import config_template

GOOD = """\
county: 大姚县
portal:
  name: 大姚县人民政府
  start_url: http://www.dayao.gov.cn/
columns:
  - name: 政务要闻
    url: http://www.dayao.gov.cn/zwyw/
    category: news
    unit: 县政府办公室
  - name: 政策解读
    url: http://www.dayao.gov.cn/zcjd/
    category: policy
    render: browser
    wait_for: "#list li"
units:
  - name: 县政府办公室
    aliases: [县人民政府办公室]
  - name: 金碧镇
    kind: township
"""


def test_valid_config_with_defaults():
    cfg = parse_config(GOOD)
    assert cfg.county_short == "大姚"
    assert cfg.portal.allowed_domains == ["www.dayao.gov.cn"]
    assert cfg.columns[0].category is Category.news
    assert cfg.columns[1].render == "browser"
    assert cfg.units[1].kind == "township"
    assert cfg.crawl.timeout is None  # not set: the settings module's default applies


def test_init_template_is_valid():
    assert parse_config(config_template()).county == "某某县"


@pytest.mark.parametrize(
    ("bad", "good", "expected"),
    [
        (
            "category: news",
            "category: newz",
            "govwatch.yaml:8: columns[0].category: Input should be",
        ),
        (
            "start_url: http://www.dayao.gov.cn/",
            "start_url: www.dayao.gov.cn",
            "govwatch.yaml:4: portal.start_url: 'www.dayao.gov.cn' is not an absolute",
        ),
        ("    kind: township", "    kind: village", "govwatch.yaml:19: units[1].kind"),
        (
            '    wait_for: "#list li"\n',
            "",
            "govwatch.yaml:10: columns[1]: render: browser needs wait_for",
        ),
        (
            "    unit: 县政府办公室",
            "    unit: 县政府",
            "column '政务要闻': unit '县政府' is not in units",
        ),
    ],
)
def test_errors_name_line_and_field(bad, good, expected):
    text = GOOD.replace(bad, good)
    with pytest.raises(ConfigError) as info:
        parse_config(text)
    assert expected in str(info.value)


def test_unknown_key_is_reported_not_ignored():
    with pytest.raises(ConfigError, match=r"govwatch.yaml:3: portal.nmae: Extra inputs"):
        parse_config(GOOD.replace("  name: 大姚县人民政府", "  nmae: 大姚县人民政府"))


def test_alias_used_by_two_units():
    text = GOOD.replace("  - name: 金碧镇", "  - name: 金碧镇\n    aliases: [县人民政府办公室]")
    with pytest.raises(ConfigError, match="县人民政府办公室"):
        parse_config(text)


def test_yaml_syntax_error_has_line(tmp_path):
    path = tmp_path / "govwatch.yaml"
    path.write_text(GOOD.replace("columns:", "columns: [\n"), encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"{path}:\d+: YAML syntax error"):
        load_config(path)


def test_missing_file_says_how_to_make_one(tmp_path):
    with pytest.raises(ConfigError, match="govwatch init"):
        load_config(tmp_path / "nope.yaml")


def test_db_url_precedence(monkeypatch):
    monkeypatch.delenv("GOVWATCH_DB", raising=False)
    assert resolve_db_url() == "sqlite:///govwatch.db"
    monkeypatch.setenv("GOVWATCH_DB", "postgresql+psycopg://u@h/db")
    assert resolve_db_url() == "postgresql+psycopg://u@h/db"
    assert resolve_db_url("sqlite:///x.db") == "sqlite:///x.db"
