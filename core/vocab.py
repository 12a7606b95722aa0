"""The words every layer shares: column categories, run statuses, finding levels, page kinds.

Stored as their string values, so the database and JSON stay readable.
"""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    """Column categories; the inspection rules (国办秘函〔2019〕19号) differ per category."""

    news = "news"  # 动态、要闻
    notice = "notice"  # 通知公告
    policy = "policy"  # 政策文件、政策解读
    personnel = "personnel"  # 人事信息
    plan = "plan"  # 规划计划
    service = "service"  # 政务服务
    interaction = "interaction"  # 互动交流
    other = "other"


class RunStatus(StrEnum):
    running = "running"
    finished = "finished"  # every page read
    incomplete = "incomplete"  # finished, some pages 采集失败
    failed = "failed"  # the crawl process died or was killed
    interrupted = "interrupted"  # stopped on purpose (SIGTERM); what it stored is kept

    @property
    def label(self) -> str:
        return _RUN_LABELS[self]


_RUN_LABELS = {
    RunStatus.running: "进行中",
    RunStatus.finished: "完成",
    RunStatus.incomplete: "部分页面采集失败",
    RunStatus.failed: "采集失败",
    RunStatus.interrupted: "已中断",
}


class Level(StrEnum):
    """How serious a finding is; veto = 单项否决 under 19号."""

    info = "info"
    warning = "warning"
    veto = "veto"

    @property
    def label(self) -> str:
        return {"info": "提示", "warning": "问题", "veto": "单项否决"}[self.value]


class FindingStatus(StrEnum):
    open = "open"
    corrected = "corrected"  # no longer seen after a complete check of its place
    overdue = "overdue"  # still open past its correction deadline (整改逾期)
    dismissed = "dismissed"  # staff said it is a false alarm: never reopens

    @property
    def label(self) -> str:
        return _FINDING_LABELS[self]


_FINDING_LABELS = {
    FindingStatus.open: "待整改",
    FindingStatus.corrected: "已整改",
    FindingStatus.overdue: "整改逾期",
    FindingStatus.dismissed: "已排除（误报）",
}


class PageKind(StrEnum):
    home = "home"
    list = "list"
    article = "article"
    board = "board"
    robots = "robots"
    other = "other"
