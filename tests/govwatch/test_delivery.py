"""Delivery of the nightly digest to real local services: aiosmtpd (with AUTH) and a webhook
receiver on 127.0.0.1, a real crawl of a small portal, time frozen at a Beijing moment."""

from __future__ import annotations

import logging
import os
from datetime import datetime

import pytest
import time_machine
from sqlalchemy import select
from typer.testing import CliRunner

from core.periods import BEIJING
from govwatch.cli import app
from govwatch.jobs.tasks import JobContext, fire
from storage.db import make_engine, session_factory
from storage.models import Delivery, DigestRecord, JobRun
from tests.govwatch.ops_helpers import (
    EDU_TOKEN,
    ROBOT_TOKEN,
    SMTP_PASSWORD,
    Mailbox,
    Webhooks,
    county_config,
    county_site,
)
from tests.httpserver import LocalSite

MORNING = datetime(2025, 7, 1, 8, 0, tzinfo=BEIJING)
CHANNELS = """delivery:
  channels:
    - {name: office}
    - {name: robot}
    - {name: edu, units: [县教育局]}
  retries: 2
  backoff_seconds: 0.05
"""


@pytest.fixture
def services(tmp_path, monkeypatch):
    with LocalSite() as site, Mailbox() as mailbox, Webhooks() as hooks:
        county_site(site)
        robot, edu = hooks.hook(ROBOT_TOKEN), hooks.hook(EDU_TOKEN)
        # the office's mail account from a 0600 secrets file, the robots from the environment
        secrets = tmp_path / "secrets.env"
        secrets.write_text(f"GOVWATCH_CHANNEL_OFFICE={mailbox.url}\n", encoding="utf-8")
        secrets.chmod(0o600)
        monkeypatch.setenv("GOVWATCH_SECRETS", str(secrets))
        monkeypatch.setenv("GOVWATCH_CHANNEL_ROBOT", hooks.hook_url(ROBOT_TOKEN))
        monkeypatch.setenv("GOVWATCH_CHANNEL_EDU", hooks.hook_url(EDU_TOKEN))
        yield site, mailbox, hooks, robot, edu


def _context(tmp_path, site, delivery=CHANNELS):
    config = county_config(tmp_path / "govwatch.yaml", site.url, delivery=delivery)
    return JobContext(str(config), f"sqlite:///{tmp_path / 'g.db'}")


def _rows(db_url, model):
    with session_factory(make_engine(db_url))() as session:
        return list(session.scalars(select(model).order_by(model.id)))


def _secrets(mailbox, hooks):
    return [SMTP_PASSWORD, ROBOT_TOKEN, EDU_TOKEN, mailbox.url, hooks.hook_url(ROBOT_TOKEN)]


def test_nightly_sends_one_email_with_the_digest_and_one_robot_message(tmp_path, services, caplog):
    site, mailbox, hooks, robot, edu = services
    ctx = _context(tmp_path, site)
    caplog.set_level(logging.DEBUG)  # apprise's debug lines name the URLs it posts to
    with time_machine.travel(MORNING, tick=True):
        assert fire("nightly", context=ctx, scheduled_for=MORNING) == "ok"

    assert len(mailbox.messages) == 1
    mail = mailbox.messages[0]
    assert "新发现" in mail["Subject"] and "2025-07-01" in mail["Subject"]
    attachments = [part for part in mail.walk() if part.is_attachment()]
    assert len(attachments) == 1
    page = attachments[0].get_payload(decode=True).decode("utf-8")  # <meta charset="utf-8">
    assert attachments[0].get_filename() == "govwatch-digest-20250701.html"
    assert "测试县人民政府 网站检查日报" in page and "招生计划" in page and "预算公开" in page
    assert "<script" not in page  # the self-contained digest, not a page with scripts

    assert len(robot.bodies) == 1
    message = robot.bodies[0]["message"]
    assert "【新发现" in message and "招生计划" in message and "预算公开" in message
    # 县教育局's own robot hears only of 县教育局's findings
    assert len(edu.bodies) == 1
    assert "招生计划" in edu.bodies[0]["message"] and "县财政局" not in edu.bodies[0]["message"]
    assert "预算公开" not in edu.bodies[0]["message"]

    deliveries = _rows(ctx.db_url, Delivery)
    assert [(d.channel, d.status, d.attempts) for d in deliveries] == [
        ("office", "sent", 1),
        ("robot", "sent", 1),
        ("edu", "sent", 1),
    ]
    digest = _rows(ctx.db_url, DigestRecord)[-1]
    assert all(d.digest_id == digest.id for d in deliveries)  # stored before it was sent
    assert [(j.job, j.status) for j in _rows(ctx.db_url, JobRun)] == [("nightly", "ok")]
    assert "apprise" in caplog.text  # apprise's own lines were captured …
    for secret in _secrets(mailbox, hooks):
        assert secret not in caplog.text  # … and none of them carries a secret


def test_a_failing_channel_is_retried_then_reported_in_the_next_digest_and_status(
    tmp_path, services, caplog
):
    site, mailbox, hooks, robot, edu = services
    robot.status = 500
    ctx = _context(tmp_path, site)
    caplog.set_level(logging.DEBUG)
    with time_machine.travel(MORNING, tick=True):
        assert fire("nightly", context=ctx, scheduled_for=MORNING) == "ok"
    assert len(robot.bodies) == 3  # the first attempt and two retries
    failed = [d for d in _rows(ctx.db_url, Delivery) if d.channel == "robot"]
    assert [(d.status, d.attempts) for d in failed] == [("failed", 3)]
    assert failed[0].error and ROBOT_TOKEN not in failed[0].error

    with time_machine.travel(MORNING.replace(minute=10), tick=False):
        status = CliRunner().invoke(app, ["status", "-c", ctx.config_path, "--db", ctx.db_url])
    assert status.exit_code == 0, status.output
    assert "robot（全部单位）已配置，最近一次：2025-07-01" in status.output
    assert "发送失败（尝试 3 次" in status.output
    assert "office（全部单位）已配置" in status.output and "已发送" in status.output
    assert "#1 2025-07-01 08:00 完成" in status.output  # the last crawl and its outcome
    assert "nightly 2025-07-01 08:00 完成" in status.output  # the last job runs
    assert "nightly 下次 2025-07-02 01:30" in status.output  # the next scheduled jobs
    assert "[bold]" not in status.output and " MB" in status.output  # the database size

    robot.status = 200
    later = datetime(2025, 7, 1, 9, 0, tzinfo=BEIJING)
    with time_machine.travel(later, tick=True):
        assert fire("digest", context=ctx, scheduled_for=later, manual=True) == "ok"
    assert len(mailbox.messages) == 2
    body = mailbox.messages[1].get_body(("html",)).get_content()
    assert "推送异常" in body and "渠道 robot 上次推送失败" in body
    assert "推送异常" in robot.bodies[-1]["message"]
    # 县教育局's channel is not told of the office's robot
    assert "推送异常" not in edu.bodies[-1]["message"]

    text = caplog.text + status.output + str([d.error for d in _rows(ctx.db_url, Delivery)])
    for secret in _secrets(mailbox, hooks):
        assert secret not in text


def test_quiet_hours_hold_the_digest_until_they_end_and_nothing_new_is_one_line(tmp_path, services):
    site, mailbox, _hooks, robot, edu = services
    ctx = _context(tmp_path, site, CHANNELS + '  quiet_hours: "22:00-07:30"\n')
    night = datetime(2025, 7, 1, 1, 30, tzinfo=BEIJING)
    with time_machine.travel(night, tick=True):
        assert fire("nightly", context=ctx, scheduled_for=night) == "ok"
    assert (mailbox.messages, robot.bodies, edu.bodies) == ([], [], [])
    assert {d.status for d in _rows(ctx.db_url, Delivery)} == {"held"}

    end = datetime(2025, 7, 1, 7, 30, tzinfo=BEIJING)
    with time_machine.travel(end, tick=True):
        assert fire("deliver", context=ctx, scheduled_for=end) == "ok"
        assert fire("deliver", context=ctx, scheduled_for=end.replace(minute=31)) == "ok"
    assert (len(mailbox.messages), len(robot.bodies), len(edu.bodies)) == (1, 1, 1)

    # the next night finds nothing new: a short line, not a digest
    next_night = datetime(2025, 7, 2, 8, 0, tzinfo=BEIJING)
    with time_machine.travel(next_night, tick=True):
        assert fire("nightly", context=ctx, scheduled_for=next_night) == "ok"
    message = robot.bodies[-1]["message"]
    assert len(robot.bodies) == 2 and "无新增问题" in message and "【新发现" not in message

    # … or nothing at all, if the office says so
    config = ctx.config_path
    with open(config, "a", encoding="utf-8") as f:
        f.write("  nothing_new: false\n")
    third = datetime(2025, 7, 3, 8, 0, tzinfo=BEIJING)
    with time_machine.travel(third, tick=True):
        assert fire("nightly", context=ctx, scheduled_for=third) == "ok"
    assert len(robot.bodies) == 2 and len(mailbox.messages) == 2
    last = _rows(ctx.db_url, Delivery)[-3:]
    assert {d.status for d in last} == {"skipped"}


def test_channels_never_come_from_the_yaml(tmp_path):
    config = county_config(
        tmp_path / "govwatch.yaml",
        "http://127.0.0.1:9/",
        delivery=f"delivery:\n  channels:\n    - name: 'json://127.0.0.1/hook/{ROBOT_TOKEN}'\n",
    )
    result = CliRunner().invoke(app, ["schedule", "--list", "-c", str(config)])
    assert result.exit_code == 2
    assert "a channel's URL is a secret" in result.output
    assert ROBOT_TOKEN not in result.output and "Traceback" not in result.output


def test_a_secrets_file_others_can_read_is_refused_in_one_line(tmp_path, monkeypatch):
    secrets = tmp_path / "secrets.env"
    secrets.write_text(f"GOVWATCH_CHANNEL_ROBOT=json://127.0.0.1/{ROBOT_TOKEN}\n")
    secrets.chmod(0o644)
    monkeypatch.setenv("GOVWATCH_SECRETS", str(secrets))
    monkeypatch.delenv("GOVWATCH_CHANNEL_ROBOT", raising=False)
    config = county_config(tmp_path / "govwatch.yaml", "http://127.0.0.1:9/", delivery=CHANNELS)
    db_url = f"sqlite:///{tmp_path / 'g.db'}"
    result = CliRunner().invoke(
        app, ["schedule", "--run-now", "backup", "-c", str(config), "--db", db_url]
    )
    assert result.exit_code == 2, result.output
    assert "readable by others" in result.output and "chmod 600" in result.output
    assert ROBOT_TOKEN not in result.output
    assert os.path.exists(secrets)
