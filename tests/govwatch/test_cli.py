"""The command line as staff use it: clear one-line errors, JSON for scripts."""

from __future__ import annotations

import json
import sqlite3

from typer.testing import CliRunner

from govwatch.cli import app
from tests.conftest import FILES

runner = CliRunner()


def test_extract_json_reports_what_the_extractor_reads():
    meta = json.loads((FILES / "hanweb_article_card.json").read_text(encoding="utf-8"))
    result = runner.invoke(
        app,
        [
            "extract",
            str(FILES / "hanweb_article_card.html"),
            "--url",
            meta["url"],
            "--content-type",
            meta["content_type"],
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["kind"] == "article"
    assert data["title"] == "大姚县医疗保障局关于调整城乡居民医保门诊待遇的通知"
    assert data["published"] == "2025-05-20T00:00:00+08:00"
    assert data["source_unit"] == "大姚县医疗保障局"
    assert data["column"] == "政策文件"
    assert data["text_chars"] > 150
    assert data["links"] == []


def test_extract_list_page_kind_and_links():
    meta = json.loads((FILES / "trs_list_gbk.json").read_text(encoding="utf-8"))
    result = runner.invoke(
        app,
        ["extract", str(FILES / "trs_list_gbk.html"), "--url", meta["url"], "--json"],
    )
    data = json.loads(result.stdout)
    assert data["kind"] == "list"
    assert len(data["links"]) == 6
    assert data["links"][0]["title"] == "县教育体育局召开2025年春季学期安全工作会议"
    assert data["pager"] == "trs"


def test_extract_with_config_names_the_unit(tmp_path):
    config = tmp_path / "g.yaml"
    config.write_text(
        "county: 大姚县\nportal: {name: 大姚县人民政府, start_url: 'http://www.dayao.gov.cn/'}\n"
        "units: [{name: 县医保局, aliases: [县医疗保障局]}]\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["extract", str(FILES / "hanweb_article_card.html"), "-c", str(config), "--json"]
    )
    assert json.loads(result.stdout)["unit"] == "县医保局"


def test_missing_file_is_one_clear_line():
    result = runner.invoke(app, ["extract", "no/such/page.html"])
    assert result.exit_code == 2
    assert "no/such/page.html: no such file" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_bad_config_names_file_and_line(tmp_path):
    config = tmp_path / "govwatch.yaml"
    config.write_text(
        "county: 大姚县\nportal:\n  name: 大姚县人民政府\n  start_url: dayao.gov.cn\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["run", "-c", str(config), "--db", f"sqlite:///{tmp_path}/x.db"])
    assert result.exit_code == 2
    assert f"{config}:4: portal.start_url" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.db").exists()  # nothing touched before the config is valid


def test_bad_quarter_and_date(tmp_path):
    config = tmp_path / "govwatch.yaml"
    config.write_text(
        "county: 大姚县\nportal: {name: 大姚县人民政府, start_url: 'http://127.0.0.1:9/'}\n",
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path}/x.db"
    result = runner.invoke(app, ["stats", "-c", str(config), "--db", db, "--quarter", "2025Q7"])
    assert result.exit_code == 2 and "2025Q7" in result.stderr
    result = runner.invoke(app, ["stats", "-c", str(config), "--db", db, "--as-of", "7/1"])
    assert result.exit_code == 2 and "--as-of '7/1'" in result.stderr


def test_unusable_database_url(tmp_path):
    config = tmp_path / "govwatch.yaml"
    config.write_text(
        "county: 大姚县\nportal: {name: 大姚县人民政府, start_url: 'http://127.0.0.1:9/'}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["stats", "-c", str(config), "--db", "nosuchdb://x"])
    assert result.exit_code == 2
    assert "database URL 'nosuchdb://x'" in result.stderr


def test_init_writes_a_valid_template_and_refuses_to_overwrite(tmp_path):
    path = tmp_path / "govwatch.yaml"
    assert runner.invoke(app, ["init", str(path)]).exit_code == 0
    assert "county:" in path.read_text(encoding="utf-8")
    again = runner.invoke(app, ["init", str(path)])
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_default_quarter_is_the_last_complete_one_in_beijing_time(tmp_path):
    import time_machine

    config = tmp_path / "govwatch.yaml"
    config.write_text(
        "county: 大姚县\nportal: {name: 大姚县人民政府, start_url: 'http://127.0.0.1:9/'}\n"
        "columns: [{name: 政务要闻, url: 'http://127.0.0.1:9/zwyw/', category: news}]\n"
        "units: [{name: 县政府办公室}]\n",
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path}/x.db"
    assert runner.invoke(app, ["db", "upgrade", "--db", db]).exit_code == 0
    # 2025-06-30 17:00 UTC is already 1 July in Beijing: Q2 has ended there
    with time_machine.travel("2025-06-30 17:00 +0000", tick=False):
        result = runner.invoke(app, ["stats", "-c", str(config), "--db", db, "--json"])
    data = json.loads(result.stdout)
    assert data["quarter"] == "2025Q2"
    assert data["as_of"] == "2025-07-01T01:00:00+08:00"
    # no crawl has run: nothing is claimed about units without news
    assert result.exit_code == 0, result.output
    assert data["zero_news_units"] == {}
    assert data["zero_news_unverified"]["2025-06"] == ["县政府办公室"]
    assert data["run"] is None


def test_demo_will_not_overwrite_a_real_county_config(tmp_path):
    config = tmp_path / "govwatch.yaml"
    config.write_text("county: 楚雄县\n", encoding="utf-8")
    result = runner.invoke(app, ["demo", "-c", str(config), "--db", f"sqlite:///{tmp_path}/d.db"])
    assert result.exit_code == 2
    assert "is not the demo's configuration" in result.stderr
    assert config.read_text(encoding="utf-8") == "county: 楚雄县\n"


def test_stats_is_read_only(tmp_path):
    config = tmp_path / "govwatch.yaml"
    config.write_text(
        "county: 大姚县\nportal: {name: 大姚县人民政府, start_url: 'http://127.0.0.1:9/'}\n",
        encoding="utf-8",
    )
    missing = tmp_path / "typo.db"
    result = runner.invoke(app, ["stats", "-c", str(config), "--db", f"sqlite:///{missing}"])
    assert result.exit_code == 2 and "no database at" in result.stderr
    assert not missing.exists()  # a mistyped --db creates nothing

    old = tmp_path / "old.db"
    assert runner.invoke(app, ["db", "upgrade", "--db", f"sqlite:///{old}"]).exit_code == 0
    from alembic import command

    from storage.db import alembic_config

    command.downgrade(alembic_config(f"sqlite:///{old}"), "0002")
    result = runner.invoke(app, ["stats", "-c", str(config), "--db", f"sqlite:///{old}"])
    assert result.exit_code == 2 and "govwatch db upgrade" in result.stderr
    with sqlite3.connect(old) as connection:  # not migrated behind the user's back
        assert connection.execute("select version_num from alembic_version").fetchall() == [
            ("0002",)
        ]
