"""The 网民留言 board's vocabulary: the four 留言类型 in the bulletin's order, the words pages
print for them, the words that say a 留言 was answered, and a keyword classifier used only
where a page shows no type (its result is marked as inferred).

Spider (reading pages) and checks (counting them) share this, so it lives in core.
"""

from __future__ import annotations

import re

# The bulletin's order (一(三)): also the order ties are broken in when rounding percentages.
MESSAGE_TYPES: tuple[str, ...] = ("政务咨询", "服务诉求", "意见建议", "投诉举报")

# what boards print → the bulletin's type; the longest match wins
_TYPE_WORDS: dict[str, str] = {
    "政务咨询": "政务咨询", "咨询": "政务咨询", "询问": "政务咨询", "问询": "政务咨询",
    "服务诉求": "服务诉求", "诉求": "服务诉求", "求助": "服务诉求", "申请": "服务诉求",
    "意见建议": "意见建议", "建议": "意见建议", "意见": "意见建议", "建言": "意见建议",
    "投诉举报": "投诉举报", "投诉": "投诉举报", "举报": "投诉举报", "批评": "投诉举报",
}  # fmt: skip

# Keywords in a 留言's title and text, strongest first; a 留言 matching none is a question.
_KEYWORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("投诉举报", re.compile("投诉|举报|违规|违法|乱收费|不作为|拖欠|欠薪|扰民|污染")),
    ("意见建议", re.compile("建议|意见|希望|呼吁|提议|能否增设|恳请")),
    ("服务诉求", re.compile("申请|办理|求助|维修|修复|帮忙|解决|诉求|补办|报修")),
)

# a status that says the board answered the 留言 (even when the reply itself is not shown)
REPLIED_STATUS = re.compile("已回复|已答复|已办结|已处理|办结|已完成|已反馈")


def normalise_type(shown: str | None) -> str | None:
    """The bulletin's type for what a page prints (政务咨询类 → 政务咨询), or None."""
    if not shown:
        return None
    text = re.sub(r"[\s:：类]", "", shown)
    if text in _TYPE_WORDS:
        return _TYPE_WORDS[text]
    for word in sorted(_TYPE_WORDS, key=len, reverse=True):
        if word in text:
            return _TYPE_WORDS[word]
    return None


def classify(title: str, text: str = "") -> str:
    """A type from keywords, for a 留言 whose page shows none (store it as inferred)."""
    for kind, pattern in _KEYWORDS:
        if pattern.search(title) or pattern.search(text):
            return kind
    return MESSAGE_TYPES[0]
