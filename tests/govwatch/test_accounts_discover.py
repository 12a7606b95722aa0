"""`govwatch accounts discover` on the demo county's platforms: the 公众号 no registry knows is
found with its evidence; registered accounts are not; a unit with two accounts on one
platform is flagged; a blocked search says so instead of "nothing found"."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select
from typer.testing import CliRunner

from checks.accounts.unregistered import build_report
from core.config import parse_config
from core.periods import BEIJING
from demo.config import config_yaml
from demo.platforms import PlatformServer
from demo.platforms.county import replay_accounts
from govwatch.cli import app
from storage.db import make_engine, session_factory
from storage.models import Finding

runner = CliRunner()
AS_OF = datetime(2025, 7, 1, tzinfo=BEIJING)


def test_discover_finds_the_unregistered_account(tmp_path):
    with PlatformServer(replay_accounts(AS_OF)) as server:
        config = tmp_path / "govwatch.yaml"
        config.write_text(config_yaml("http://127.0.0.1:9/", server.base_url), encoding="utf-8")
        db = f"sqlite:///{tmp_path / 'g.db'}"
        result = runner.invoke(
            app, ["accounts", "discover", "--json", "--config", str(config), "--db", db]
        )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(u["name"], u["id"], u["unit"]) for u in data["unregistered"]] == [
        ("大姚交通运输", "dayaojiaotong", "县交通运输局")
    ]
    assert data["unregistered"][0]["evidence"]["verified"] == "大姚县交通运输局"
    assert data["unchecked"] == {}
    engine = make_engine(db)
    with session_factory(engine)() as session:
        kinds = [(f.kind, f.unit) for f in session.scalars(select(Finding))]
    engine.dispose()
    assert kinds == [("account_unregistered", "县交通运输局")]


def _config():
    return parse_config("""county: 大姚县
portal: {name: 大姚县人民政府, start_url: "http://127.0.0.1:9/"}
units: [{name: 县公安局, aliases: [大姚县公安局]}, {name: 县水务局}]
accounts:
  - {name: 大姚警方微博号, owner: 县公安局, url: "https://m.weibo.cn/u/1"}
  - {name: 大姚交警微博号, owner: 县公安局, url: "https://m.weibo.cn/u/2"}
""")


def test_two_accounts_of_one_unit_on_one_platform_and_blocked_searches():
    searches = [
        {"platform": "weibo", "query": "大姚", "ok": True, "reason": "", "candidates": [
            {"platform": "weibo", "name": "大姚水务", "ident": "9", "url": "https://x/u/9",
             "verified": "大姚县水务局官方微博", "government": True, "query": "大姚",
             "evidence": {}},
            {"platform": "weibo", "name": "大姚美食", "ident": "8", "url": None, "verified": "",
             "government": False, "query": "大姚", "evidence": {}},
            {"platform": "weibo", "name": "大姚警方", "ident": "1", "url": None,
             "verified": "大姚县公安局", "government": True, "query": "大姚", "evidence": {}},
        ]},
        {"platform": "wechat", "query": "大姚", "ok": False, "reason": "antispider",
         "candidates": []},
    ]  # fmt: skip
    report, found = build_report(_config(), searches)
    assert [(u.name, u.unit) for u in found] == [("大姚水务", "县水务局")]
    assert "search:weibo" in report.checked and "search:wechat" in report.unchecked
    duplicates = [f for f in report.findings if f.kind == "account_duplicate"]
    assert [f.unit for f in duplicates] == ["县公安局"]
    assert "大姚警方微博号" in duplicates[0].title and "大姚交警微博号" in duplicates[0].title
