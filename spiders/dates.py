"""Publication dates as county portals print them, read into Beijing-time datetimes.

Seen on portals: `2025-04-01 10:30`, `2025-04-01 10:30:00`, `2025年04月01日`,
`2025年4月1日 10时30分`,
`2025/4/1`, `2025.04.01`, `[2025-04-01]`, and full-width digits. A date that cannot be read
is returned as None, never guessed: under the national rules an undated item is not an update.

`line_date` reads the date a page prints for itself on its info line under the title:
labelled (`发布时间：`, `发布日期:` with an ASCII colon, `日期：`), or unlabelled on a line that
is plainly the info line (`作者：张三 2025-04-03`, `[2025-04-03]`, `2025-04-03 来源：…`). Dates
labelled as something else (成文日期, 更新时间, 实施日期 …) are never the publication date.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from dateutil import parser as date_parser

from core.periods import BEIJING

# year-month-day with the separators portals use (2025-04-01, 2025/4/1, 2025.04.01, 2025年4月1日)
# and an optional time (10:30, 10:30:00, 10时30分)
DATE_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>1[0-2]|0?[1-9])\s*[-/.月]\s*"
    r"(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)\s*日?"
    r"(?:\s*(?P<H>[01]?\d|2[0-3])\s*[:：时]\s*(?P<M>[0-5]\d)\s*分?"
    r"(?:\s*[:：]\s*(?P<S>[0-5]\d)\s*秒?)?)?"
)
_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def normalize(text: str) -> str:
    """Full-width digits and colons to ASCII (NFKC), keeping CJK as is."""
    return unicodedata.normalize("NFKC", text)


def parse_date(text: str | None) -> datetime | None:
    """The first date in text as an aware Beijing datetime, or None."""
    if not text:
        return None
    text = normalize(text).strip()
    if _ISO_RE.match(text):
        # meta tags sometimes carry ISO 8601, possibly with a zone ("2025-04-01T02:30:00Z")
        try:
            value = date_parser.isoparse(text)
        except (ValueError, OverflowError):
            return None
        return value.replace(tzinfo=BEIJING) if value.tzinfo is None else value.astimezone(BEIJING)
    match = DATE_RE.search(text)
    return _from_match(match) if match else None


def _from_match(match: re.Match[str]) -> datetime | None:
    try:
        return datetime(
            int(match["y"]),
            int(match["m"]),
            int(match["d"]),
            int(match["H"] or 0),
            int(match["M"] or 0),
            int(match["S"] or 0),
            tzinfo=BEIJING,
        )
    except ValueError:  # 2025-02-30 and the like
        return None


# Labels of the publication date. `时间`/`日期` alone count too, unless a word before them
# says which other date it is (成文日期, 更新时间, 报名时间 …: never the publication date).
_OTHER_DATE_WORDS = (
    "成文", "印发", "发文", "实施", "施行", "生效", "废止", "失效", "有效", "更新", "修改",
    "修订", "截止", "开始", "结束", "报名", "会议", "活动", "考试", "办理", "受理", "答复",
    "回复", "留言", "来信", "提交", "出生", "任职", "统计", "开标", "成交", "公示", "访问",
    "登记", "批准", "举办", "申请", "缴费", "培训", "开放", "举行", "截至", "办公", "营业",
    "演出", "比赛", "展出", "发生", "检测", "检查", "抽检", "招聘", "面试", "笔试", "体检",
    "公告期", "公示期", "征求意见",
)  # fmt: skip
_BAD_BEFORE = "".join(f"(?<!{word})" for word in _OTHER_DATE_WORDS)
DATE_LABEL_RE = re.compile(
    rf"{_BAD_BEFORE}(?:发布|发稿|发表|公开|公布|上传|录入|添加|信息|撰稿|刊发)?(?:时间|日期)"
    r"\s*[:：]\s*"
)
# any `label：` (to tell a date labelled as something else from an unlabelled one)
_ANY_LABEL_END_RE = re.compile(r"[\u4e00-\u9fff]{1,6}\s*[:：]\s*$")
# what the info line under a title carries besides the date
INFO_LINE_RE = re.compile(
    r"来源|作者|撰稿|编辑|浏览|点击|阅读|访问量|字号|字体|打印|分享|发布者|发布人|审核|供稿"
    r"|【\s*大\s*中\s*小\s*】"
)
_ONLY_DATE_RE = re.compile(r"^[\[【(（\s]*(?P<d>.+?)[\]】)）\s]*$")
# header clocks: 今天是2025年4月3日 星期四
_CLOCK_RE = re.compile(r"今天|今日|星期|周[一二三四五六日天]")


def line_date(line: str, *, unlabelled: bool = True, bare: bool = True) -> datetime | None:
    """The page's own date on one info line, or None (never a date labelled otherwise).

    unlabelled=False takes labelled dates only; bare=False refuses a line that is nothing
    but a date (`[2025-04-03]`), which is the info line only right under a known title.
    """
    norm = normalize(line)
    for match in DATE_LABEL_RE.finditer(norm):
        found = DATE_RE.match(norm, match.end())
        if found:
            return _from_match(found)
    if not unlabelled or _CLOCK_RE.search(norm):
        return None
    only = _ONLY_DATE_RE.match(norm)
    if bare and only and DATE_RE.fullmatch(only["d"].strip()):
        return _from_match(DATE_RE.fullmatch(only["d"].strip()))  # type: ignore[arg-type]
    if not INFO_LINE_RE.search(norm):
        return None
    for found in DATE_RE.finditer(norm):
        before = norm[: found.start()]
        # `成文日期：2025-03-01` is labelled, as something else; `作者：张三 2025-04-03` is not
        if not _ANY_LABEL_END_RE.search(before):
            return _from_match(found)
    return None
