"""The demo's 网民留言 boards and their 留言, with the ground truth the checks must find.

网民留言 reproduces section 一(三) of the bulletin for the quarter before `as_of`: 19 留言, 8/5/6
per month, the bulletin's types and 承办单位 in the bulletin's order (the order they arrived).
Around the quarter: answered 留言 of the quarter before, and one 留言 of that quarter still
unanswered (办理中) more than 3 months later — board_unanswered. One 留言 shows no 留言类型 (the
keyword classifier infers 意见建议 from its title); one shows a reply without its time.

县长信箱 is a second, quiet board: its last reply is more than 2 months old —
board_no_recent_reply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from demo.units import UNITS_BY_NAME

# 网民留言 of the quarter as the bulletin's section 一(三) counts them: (month index, type, unit),
# in the order they arrived within each month
LETTERS: tuple[tuple[int, str, str], ...] = (
    (0, "政务咨询", "县住房城乡建设局"), (0, "政务咨询", "县住房城乡建设局"),
    (0, "政务咨询", "县教育体育局"), (0, "服务诉求", "县住房城乡建设局"),
    (0, "意见建议", "县公安局"), (0, "意见建议", "县财政局"),
    (0, "投诉举报", "县卫生健康局"), (0, "投诉举报", "龙街镇"),
    (1, "政务咨询", "县政府办公室"), (1, "政务咨询", "县政府办公室"),
    (1, "政务咨询", "县教育体育局"), (1, "政务咨询", "县人社局"), (1, "政务咨询", "县人社局"),
    (2, "政务咨询", "县农业农村局"), (2, "政务咨询", "县农业农村局"),
    (2, "政务咨询", "县民政局"), (2, "政务咨询", "县人社局"),
    (2, "服务诉求", "县自然资源局"), (2, "服务诉求", "龙街镇"),
)  # fmt: skip
# the quarter before: (days before the quarter, type, unit, answered)
EARLIER: tuple[tuple[int, str, str, bool], ...] = (
    (80, "政务咨询", "县医保局", True),
    (61, "服务诉求", "县水务局", True),
    (45, "意见建议", "县文化和旅游局", True),
    (22, "服务诉求", "县交通运输局", False),  # still 办理中: unanswered for over 3 months
    (9, "政务咨询", "县市场监督管理局", True),
)
# 县长信箱: (days before the quarter, type, unit); each answered 5 days later
MAYOR_LETTERS: tuple[tuple[int, str, str], ...] = (
    (70, "意见建议", "县政府办公室"),
    (40, "政务咨询", "县发展和改革局"),
    (20, "服务诉求", "县住房城乡建设局"),
)

_VERB = {"政务咨询": "咨询", "服务诉求": "申请办理", "意见建议": "关于", "投诉举报": "反映"}
_TAIL = {"意见建议": "的建议", "投诉举报": "有关问题"}
_REPLY = {
    "政务咨询": "您好！您咨询的问题已收悉。经核实，{t}相关政策及办理流程已在本单位门户网站公开，"
    "您也可以在工作日到县政务服务中心窗口咨询办理。感谢您的关注！",
    "服务诉求": "您好！您反映的诉求已收悉。我单位已安排工作人员现场核实，{t}相关事项已按规定"
    "办理完毕。感谢您的支持！",
    "意见建议": "您好！感谢您对{t}工作提出的宝贵建议，我单位将认真研究，在下一步工作中积极采纳。",
    "投诉举报": "您好！您反映的问题已收悉。经调查核实，我单位已责成相关责任人限期整改，"
    "{t}工作将进一步规范。感谢您的监督！",
}


@dataclass(frozen=True)
class Letter:
    board: str  # wsly | xzxx
    number: int  # the id in the detail page URL
    title: str
    asked: datetime
    kind: str
    unit: str
    replied: datetime | None
    reply: str
    show_type: bool = True
    show_reply_time: bool = True

    @property
    def status(self) -> str:
        return "已办结" if self.reply else "办理中"


@dataclass(frozen=True)
class BoardSpec:
    key: str
    name: str
    path: str  # list page: path; page k ≥ 2: path?page=k
    per_page: int


BOARDS: tuple[BoardSpec, ...] = (
    BoardSpec("wsly", "网民留言", "/hdjl/wsly/list.html", 10),
    BoardSpec("xzxx", "县长信箱", "/hdjl/xzxx/list.html", 10),
)


def _title(kind: str, unit_name: str, number: int) -> str:
    unit = UNITS_BY_NAME[unit_name]
    topic = unit.topics[number % len(unit.topics)]
    return f"{_VERB[kind]}{topic}{_TAIL.get(kind, '相关事宜')}"


def _letter(
    board: str, number: int, asked: datetime, kind: str, unit: str, answered: bool, **kw: bool
) -> Letter:
    title = _title(kind, unit, number)
    topic = title.removeprefix(_VERB[kind]).removesuffix(_TAIL.get(kind, "相关事宜"))
    replied = asked + timedelta(days=3 + number % 5, hours=6) if answered else None
    reply = _REPLY[kind].format(t=topic) if answered else ""
    return Letter(board, number, title, asked, kind, unit, replied, reply, **kw)


def plan_letters(quarter_start: datetime, months: list[datetime], as_of: datetime) -> list[Letter]:
    """Every 留言 of both boards, oldest first (deterministic: no random draws)."""
    out: list[Letter] = []
    for days, kind, unit, answered in EARLIER:
        asked = quarter_start - timedelta(days=days, hours=-9, minutes=-15)
        out.append(_letter("wsly", 1000 + len(out), asked, kind, unit, answered))
    seen_in_month: dict[int, int] = {}
    for index, (month, kind, unit) in enumerate(LETTERS):
        k = seen_in_month.get(month, 0)
        seen_in_month[month] = k + 1
        asked = months[month] + timedelta(days=1 + 3 * k, hours=9, minutes=10 * k)
        # the quarter's last 留言 arrived days ago: still being handled (not yet 3 months)
        answered = index != len(LETTERS) - 1 and asked + timedelta(days=9) < as_of
        extra = {}
        if (month, kind, unit) == (0, "意见建议", "县财政局"):
            extra["show_type"] = False  # the page shows no type: inferred from 建议 in the title
        if (month, kind, unit) == (1, "政务咨询", "县教育体育局"):
            extra["show_reply_time"] = False  # replied, time unknown
        out.append(_letter("wsly", 1000 + len(out), asked, kind, unit, answered, **extra))
    for days, kind, unit in MAYOR_LETTERS:
        asked = quarter_start - timedelta(days=days, hours=-10)
        out.append(_letter("xzxx", 2000 + len(out), asked, kind, unit, True))
    return sorted(out, key=lambda letter: letter.asked)
