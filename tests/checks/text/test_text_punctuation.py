"""标点: paired marks, half-width marks, doubled marks and misused 、."""

from __future__ import annotations

from checks.text import TextChecker
from tests.checks.text.text_helpers import find


def _punct(checker: TextChecker, text: str) -> list:
    return [i for i in checker.check(text) if i.kind == "punctuation"]


def test_unmatched_book_title_mark(checker: TextChecker) -> None:
    text = "认真学习《中华人民共和国乡村振兴促进法，抓好贯彻落实。"
    issue = find(_punct(checker, text), "punctuation", "《")
    assert issue.start == text.index("《")


def test_unmatched_quote_and_bracket(checker: TextChecker) -> None:
    found = {i.found for i in _punct(checker, "开展“双报到活动。会议指出（见附件，要抓落实）)。")}
    assert "“" in found
    assert ")" in found


def test_half_width_comma_between_chinese(checker: TextChecker) -> None:
    text = "会议强调,要压实责任.确保实效。"
    issues = _punct(checker, text)
    assert [(i.found, i.suggestion) for i in issues] == [(",", "，"), (".", "。")]


def test_decimal_point_is_fine(checker: TextChecker) -> None:
    assert _punct(checker, "全县完成投资3.5亿元，同比增长12.8%。") == []


def test_doubled_marks(checker: TextChecker) -> None:
    text = "会议结束。。各单位要抓好落实，，确保实效。"
    issues = _punct(checker, text)
    assert {(i.found, i.start) for i in issues} == {("。", 5), ("，", 15)}


def test_enumeration_comma_misuse(checker: TextChecker) -> None:
    issues = _punct(checker, "用了三、四天时间走访了农户、商户、等经营主体。")
    assert {i.rule for i in issues} == {"approximate_number_comma", "comma_before_conjunction"}


def test_ordinal_enumeration_is_fine(checker: TextChecker) -> None:
    assert _punct(checker, "一、二、三等奖分别为五名、十名、二十名。") == []


def test_balanced_marks_are_fine(checker: TextChecker) -> None:
    text = "根据《大姚县“十四五”规划纲要》（以下简称《纲要》），现提出“三个一批”措施。"
    assert _punct(checker, text) == []
