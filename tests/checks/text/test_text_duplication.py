"""多字: doubled characters and words, and legitimate reduplication."""

from __future__ import annotations

import pytest

from checks.text import TextChecker
from tests.checks.text.text_helpers import find, non_punctuation


def test_doubled_de(checker: TextChecker) -> None:
    text = "全县上下要把群众的的急难愁盼问题放在心上。"
    issue = find(checker.check(text), "extra_char", "的")
    assert issue.start == text.index("的的") + 1
    assert issue.suggestion == ""


def test_doubled_word(checker: TextChecker) -> None:
    text = "县政府召开专题会议，对项目建设进行进行安排部署。"
    issue = find(checker.check(text), "extra_char", "进行")
    assert issue.start == text.index("进行进行") + 2
    assert issue.end == issue.start + 2


@pytest.mark.parametrize(
    "text",
    [
        "他常常深入田间地头，看看庄稼长势，听听群众意见。",
        "这个问题我们还要研究研究，再讨论讨论。",
        "实现这一目的的关键在于加强工作作风建设。",
        "的的确确，这些变化群众都看在眼里。",
        "天天学习，人人参与，家家受益。",
    ],
)
def test_reduplication_is_not_flagged(checker: TextChecker, text: str) -> None:
    assert non_punctuation(checker.check(text)) == []
