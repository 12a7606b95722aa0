"""`govwatch schedule --list` from a clean folder on the demo's own govwatch.yaml."""

from __future__ import annotations

import subprocess
import sys

from demo.config import config_yaml


def test_list_shows_the_jobs_on_the_demo_config(tmp_path):
    (tmp_path / "govwatch.yaml").write_text(config_yaml("http://127.0.0.1:8741/"), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "govwatch", "schedule", "--list"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "大姚县 计划任务（时区 Asia/Shanghai）"
    jobs = [line.split()[0] for line in lines[1:] if line.startswith("  ")]
    assert jobs == ["nightly", "probe", "report", "backup", "digest"]
    assert "下次运行 " in lines[1] and "[30 1 * * *]" in lines[1]
    assert not (tmp_path / "govwatch.db").exists()  # --list reads only


def test_run_now_refuses_an_unknown_job_in_one_line(tmp_path):
    (tmp_path / "govwatch.yaml").write_text(config_yaml("http://127.0.0.1:8741/"), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "govwatch", "schedule", "--run-now", "crawl"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: --run-now 'crawl': choose one of nightly, probe, report, backup, deliver, digest"
    ]
