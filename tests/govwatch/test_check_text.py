"""The check-text command: jsonl line contract, text underline, unreadable input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from checks.text import TextChecker, default_checker
from govwatch.cli.text import check_lines, display_width, underline

SAMPLE = "产品质量检剑合格。\n\n群众的的诉求要及时回应。\n全县上下团结一心。\n"


@pytest.fixture(scope="module")
def checker() -> TextChecker:
    return default_checker()


def _run(checker: TextChecker, source: str, fmt: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = check_lines(source, fmt, checker=checker, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_jsonl_gives_one_line_per_input_line(tmp_path: Path, checker: TextChecker) -> None:
    path = tmp_path / "in.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    code, out, _ = _run(checker, str(path), "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 3, 4]
    assert rows[1] == {"line": 2, "issues": []}
    assert rows[3]["issues"] == []
    assert [i["found"] for i in rows[0]["issues"]] == ["剑"]
    assert rows[2]["issues"][0]["kind"] == "extra_char"
    assert rows[2]["issues"][0]["start"] == "群众的的".index("的的") + 1
    assert code == 1


def test_jsonl_from_stdin_with_blank_lines(checker: TextChecker) -> None:
    out = io.StringIO()
    code = check_lines(
        "-",
        "jsonl",
        checker=checker,
        stdout=out,
        stderr=io.StringIO(),
        stdin=io.StringIO("\n\n全县上下团结一心。"),
    )
    assert [json.loads(x) for x in out.getvalue().splitlines()] == [
        {"line": 1, "issues": []},
        {"line": 2, "issues": []},
        {"line": 3, "issues": []},
    ]
    assert code == 0


def test_text_format_underlines_the_spot(tmp_path: Path, checker: TextChecker) -> None:
    path = tmp_path / "in.txt"
    path.write_text("产品质量检剑合格。\n", encoding="utf-8")
    code, out, _ = _run(checker, str(path), "text")
    lines = out.splitlines()
    assert "[错字]" in lines[0] and "“剑” → “验”" in lines[0]
    assert lines[1] == "    产品质量检剑合格。"
    # five double-width characters before 剑, one double-width caret pair under it
    assert lines[2] == "    " + " " * 10 + "^^"
    assert lines[-1] == "共发现 1 处问题。"
    assert code == 1


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "govwatch", "check-text", str(missing)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert str(missing) in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_non_utf8_file_is_a_clear_error(tmp_path: Path, checker: TextChecker) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("检查".encode("gbk"))
    code, out, err = _run(checker, str(path), "text")
    assert code == 2
    assert str(path) in err and "UTF-8" in err
    assert out == ""


def test_display_width_and_underline() -> None:
    assert display_width("ab中文，") == 8
    assert underline("a中b", 2, 3) == "   ^"
