"""The message of one run: scoped to a channel's units, shortened to a robot's limit,
crawled text escaped for markdown."""

from __future__ import annotations

from alerts.notify.compose import BYTE_LIMITS, CUT, channel_kind, compose


def _finding(i: int, unit: str, title: str, **extra: object) -> dict:
    return {
        "id": i, "kind": "stale_column", "level": "warning", "level_label": "问题",
        "unit": unit, "column": "栏目", "url": f"http://127.0.0.1/{i}", "title": title,
        "status": "open", "status_label": "待整改", "new": True, "evidence": {},
        "first_seen": "2025-06-30T01:30:00+08:00", "last_seen": "2025-07-01T01:30:00+08:00",
        "deadline": None, "corrected_at": None, "decision": None, "decided_by": None,
        "decided_at": None, "kind_label": "栏目不更新", **extra,
    }  # fmt: skip


def _digest(findings: list[dict]) -> dict:
    units = sorted({f["unit"] for f in findings})
    return {
        "generated_at": "2025-07-01T08:00:00+08:00",
        "as_of": "2025-07-01T08:00:00+08:00",
        "county": "测试县",
        "site": "测试县人民政府",
        "run": None,
        "site_verdict": {"vetoed": False, "lines": [], "homepage_stale": False,
                         "board_unanswered": 0},
        "counts": {"new": len(findings), "open": len(findings), "veto": 0, "overdue": 0,
                   "corrected": 0, "confirmed": 0, "dismissed": 0},
        "findings": findings,
        "units": [
            {"unit": u, "open": 1, "veto": 0, "overdue": 0, "text": "待整改",
             "finding_ids": [f["id"] for f in findings if f["unit"] == u]}
            for u in units
        ],
        "fetch_failures": [{"code": "timeout", "reason": "访问超时", "count": 2, "pages": []}],
    }  # fmt: skip


def test_a_units_channel_counts_only_its_findings():
    digest = _digest(
        [
            _finding(1, "县教育局", "甲"),
            _finding(2, "县财政局", "乙", level="veto", level_label="单项否决"),
        ]
    )
    message = compose(digest, units=["县教育局"])
    assert message.summary["new"] == 1 and message.summary["veto"] == 0
    assert "甲" in message.text and "乙" not in message.text and "县财政局" not in message.text
    assert "乙" not in message.attachment
    assert "采集失败（2处" in message.text  # site-level: every channel is told


def test_robot_messages_fit_the_service_and_markdown_is_escaped():
    many = [_finding(i, "县教育局", f"第{i}条*加粗*[链接](x) 很长的标题" * 3) for i in range(80)]
    message = compose(_digest(many), max_items=100)
    wecom = message.body_for("wecom")
    assert len(wecom.encode("utf-8")) <= BYTE_LIMITS["wecom"] and wecom.endswith(CUT)
    assert "\\*加粗\\*" in message.body_for("dingtalk") and "\\[链接\\]" in message.markdown
    assert message.body_for("email") == message.html and "&lt;" not in message.title


def test_nothing_new_is_one_short_line():
    message = compose(_digest([_finding(1, "县教育局", "甲", new=False)]))
    assert message.nothing_new and "无新增问题" in message.title
    assert "【新发现" not in message.text


def test_channel_kinds_from_the_url_scheme():
    assert [channel_kind(u) for u in ("mailtos://a", "wecombot://k", "dingtalk://t",
                                      "feishu://t", "json://h/x")] == [
        "email", "wecom", "dingtalk", "feishu", "other"]  # fmt: skip
