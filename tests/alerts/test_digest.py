"""The digest as staff read it: new findings first, every unit's line, the verdict, 采集失败
in its own section; HTML that escapes crawled text; JSON of the documented shape."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from govwatch.cli import app
from tests.checks.findings_db import make_db

runner = CliRunner()


def digest(tmp_path, fmt: str) -> str:
    config, db = make_db(tmp_path)
    result = runner.invoke(app, ["digest", "-f", fmt, "-c", str(config), "--db", db])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_json_shape(tmp_path):
    data = json.loads(digest(tmp_path, "json"))
    assert {"generated_at", "as_of", "site_verdict", "findings", "fetch_failures"} <= set(data)
    first = data["findings"][0]
    assert {"kind", "level", "unit", "column", "url", "title", "evidence", "first_seen",
            "last_seen", "status"} <= set(first)  # fmt: skip
    assert first["kind"] == "board_unanswered"  # veto first
    assert all(f["new"] for f in data["findings"])
    assert [u["unit"] for u in data["units"]] == ["县政府办公室", "县教育局", "甲镇"]
    assert data["units"][2]["text"] == "无问题"
    assert data["site_verdict"]["lines"][0]["count"] == 1
    assert data["site_verdict"]["board_unanswered"] == 1


def test_text_lists_new_then_units_then_verdict_then_failures(tmp_path):
    text = digest(tmp_path, "text")
    order = [text.index(h) for h in ("一、新发现的问题（3条）", "二、待整改问题", "三、本次已整改",
                                     "四、19号单项否决指标", "五、未能检查")]  # fmt: skip
    assert order == sorted(order)
    assert "  甲镇：无问题" in text
    assert "县教育局：待整改2条" in text and "单项否决1条" in text
    assert "动态要闻、通知公告、政策文件类不更新栏目1个，距单项否决线（5个）还差4个" in text
    assert "<script>alert(1)</script>" in text  # plain text prints it as it is


def test_html_escapes_crawled_text_and_is_self_contained(tmp_path):
    html = digest(tmp_path, "html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<meta name="viewport"' in html
    assert "http" not in html.split("<main>")[0]  # no outside stylesheet or script
    assert '甲镇</span>：<span class="ok">无问题' in html


def test_an_unknown_format_is_one_line(tmp_path):
    config, db = make_db(tmp_path)
    result = runner.invoke(app, ["digest", "-f", "pdf", "-c", str(config), "--db", db])
    assert result.exit_code == 2 and "--format 'pdf'" in result.output
