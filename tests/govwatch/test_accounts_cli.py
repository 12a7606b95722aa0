"""govwatch accounts / check-account / accounts import as staff use them: the table from what
is stored, one-line errors for bad input, nothing stored lost."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from core.config import load_config
from govwatch.cli import app
from tests.newmedia_replay import Replay

runner = CliRunner()
AS_OF = "2025-07-01T00:00"
CONFIG = """county: 大姚县
portal: {name: 大姚县人民政府, start_url: "http://127.0.0.1:9/portal/"}
units:
  - {name: 县公安局, aliases: [大姚县公安局]}
  - {name: 县文化和旅游局, aliases: [大姚县文化和旅游局]}
accounts:
  - {name: 大姚警方微博号, owner: 县公安局, url: "https://m.weibo.cn/u/1669879400"}
  - {name: 文旅大姚B站, owner: 县文化和旅游局, url: "https://space.bilibili.com/3845290"}
  - {name: 已注销微博, owner: 县公安局, url: "https://m.weibo.cn/u/2"}
"""


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    folder = tmp_path_factory.mktemp("accounts")
    with Replay() as replay:
        config = folder / "govwatch.yaml"
        config.write_text(CONFIG + replay.platforms(), encoding="utf-8")
        db = f"sqlite:///{folder / 'g.db'}"
        result = runner.invoke(
            app, ["accounts", "check", "--as-of", AS_OF, "--config", str(config), "--db", db]
        )
        assert result.exit_code == 0, result.output
        yield config, db, replay, result.stdout


def test_check_prints_the_table_of_the_bulletin(checked):
    _config, _db, _replay, text = checked
    assert "(五)政务新媒体运维检查情况" in text
    assert "序号 | 账号名称 | 开设主体 | 状态 | 逾期情况 |" in text
    assert "1 | 大姚警方微博号 | 大姚县公安局 | 逾期 | 逾期3天 |" in text
    assert "2 | 文旅大姚B站 | 大姚县文化和旅游局 | 正常 | 无 |" in text
    assert "3 | 已注销微博 | 大姚县公安局 | 账号异常 | 账号不存在或已注销 |" in text
    assert "总体合格率33.3%" in text and "(监测时间:2025年4月1日—2025年6月30日" in text


def test_json_rows_exactly_as_specified(checked):
    config, db, _replay, _ = checked
    result = runner.invoke(
        app, ["accounts", "--format", "json", "--config", str(config), "--db", db]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    first = data["accounts"][0]
    assert set(first) == {"name", "platform", "owner", "status", "overdue", "overdue_days",
                          "last_post_at", "reason", "posts_per_month"}  # fmt: skip
    assert first == {
        "name": "大姚警方微博号", "platform": "weibo", "owner": "县公安局", "status": "逾期",
        "overdue": "逾期3天", "overdue_days": 3, "last_post_at": "2025-06-14T00:00:00+08:00",
        "reason": None, "posts_per_month": {"2025-04": 0, "2025-05": 0, "2025-06": 5},
    }  # fmt: skip
    assert data["accounts"][2]["reason"] == "账号不存在或已注销"


def test_xlsx_and_html(checked, tmp_path):
    config, db, _replay, _ = checked
    target = tmp_path / "t.xlsx"
    args = ["accounts", "--config", str(config), "--db", db]
    assert runner.invoke(app, [*args, "--format", "xlsx", "-o", str(target)]).exit_code == 0
    sheet = load_workbook(target).active
    assert [c.value for c in sheet[4]] == ["序号", "账号名称", "开设主体", "状态", "逾期情况"]
    assert [c.value for c in sheet[5]][1:4] == ["大姚警方微博号", "大姚县公安局", "逾期"]
    html = runner.invoke(app, [*args, "--format", "html"]).stdout
    assert '<tr class="overdue"><td>1</td><td>大姚警方微博号</td>' in html


def test_an_earlier_monitoring_point_has_no_checks(checked):
    config, db, _replay, _ = checked
    result = runner.invoke(
        app, ["accounts", "--as-of", "2025-06-01", "--config", str(config), "--db", db]
    )
    assert result.exit_code == 0
    assert "尚未检查" in result.stdout


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("https://www.example.com/news/", "不支持的链接"),
        ("http://127.0.0.1:8000/rss.xml", "本机或内网地址"),
        ("不存在的账号", "没有名为「不存在的账号」的已登记账号"),
    ],
)
def test_check_account_refuses_bad_input(checked, target, message, tmp_path):
    config, db, _replay, _ = checked
    text = config.read_text(encoding="utf-8").replace(
        "allow_private_hosts: true", "allow_private_hosts: false"
    )
    strict = tmp_path / "govwatch.yaml"
    strict.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check-account", target, "--config", str(strict), "--db", db])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output


def test_check_account_by_name_is_stored_like_the_nightly_run(checked):
    config, db, replay, _ = checked
    replay.reset_log()
    result = runner.invoke(
        app, ["check-account", "文旅大姚B站", "--as-of", AS_OF, "--json", "--config", str(config),
              "--db", db],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["stored"] and data["row"]["status"] == "正常" and len(data["posts"]) == 5
    assert all("/bilibili/" in t for t in replay.hits())  # only that account was fetched
    table = runner.invoke(app, ["accounts", "--format", "json", "--config", str(config),
                                "--db", db])  # fmt: skip
    assert len(json.loads(table.stdout)["accounts"]) == 3  # the other rows are still there


def test_check_account_unregistered_url_is_judged_not_stored(checked):
    config, db, _replay, _ = checked
    result = runner.invoke(
        app, ["check-account", "https://space.bilibili.com/3845290?spm=1", "--as-of", AS_OF,
              "--json", "--config", str(config), "--db", db],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["stored"]  # the same mid as a registered account: it is that account
    other = runner.invoke(
        app, ["check-account", "https://space.bilibili.com/404", "--as-of", AS_OF, "--json",
              "--config", str(config), "--db", db],
    )  # fmt: skip
    assert other.exit_code == 0, other.output
    found = json.loads(other.stdout)
    assert not found["stored"] and found["row"]["status"] == "账号异常"


def _sheet(path, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["账号名称", "平台", "开设主体", "链接/ID"])
    for row in rows:
        sheet.append(row)
    book.save(path)


def test_import_registry_reports_bad_rows_by_number(tmp_path):
    config = tmp_path / "govwatch.yaml"
    config.write_text(CONFIG + "# kept\ncrawl: {retries: 1}\n", encoding="utf-8")
    sheet = tmp_path / "台账.xlsx"
    _sheet(sheet, [
        ["大姚警方抖音号", "抖音", "大姚县公安局", "MS4wLjABAAAAabcdef"],
        ["文旅大姚", "微信公众号", "县文化和旅游局", "wenlvdayao"],
        ["无主账号", "微博", "县不存在局", "123"],
        ["坏链接", "微博", "县公安局", "https://www.example.com/x"],
        ["大姚警方微博号", "微博", "县公安局", "https://weibo.com/u/1669879400"],
    ])  # fmt: skip
    result = runner.invoke(app, ["accounts", "import", str(sheet), "--config", str(config)])
    assert result.exit_code == 2
    assert "第4行：开设主体「县不存在局」不是已配置的单位" in result.stderr
    assert "第5行" in result.stderr and "第2行" not in result.stderr
    loaded = load_config(config)
    names = [a.name for a in loaded.accounts]
    assert names == ["大姚警方微博号", "文旅大姚B站", "已注销微博", "大姚警方抖音号", "文旅大姚"]
    assert loaded.accounts[3].ref.ids["sec_uid"] == "MS4wLjABAAAAabcdef"
    assert "# kept" in config.read_text(encoding="utf-8")
    assert (tmp_path / "govwatch.yaml.bak").exists()


def test_import_csv_gb18030(tmp_path):
    config = tmp_path / "govwatch.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    sheet = tmp_path / "台账.csv"
    sheet.write_bytes("账号名称,平台,开设主体,链接/ID\n大姚警方B站,B站,县公安局,12345\n重复的B站,B站,县公安局,3845290\n"
                      .encode("gb18030"))  # fmt: skip
    result = runner.invoke(app, ["accounts", "import", str(sheet), "--config", str(config)])
    assert result.exit_code == 2
    assert "第3行：与已登记的「文旅大姚B站」是同一账号" in result.stderr
    assert load_config(config).accounts[-1].key == "bilibili:12345"
