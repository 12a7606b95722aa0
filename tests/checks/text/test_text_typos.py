"""错字: confusion-set candidates and listed typos on realistic official text."""

from __future__ import annotations

from checks.text import TextChecker
from tests.checks.text.text_helpers import assert_offsets, find, non_punctuation


def test_shape_slip_in_a_word(checker: TextChecker) -> None:
    text = "经县市场监管局抽样，该批次产品质量检剑合格，准予出厂销售。"
    issues = checker.check(text)
    issue = find(issues, "typo", "剑")
    assert issue.suggestion == "验"
    assert (issue.start, issue.end) == (text.index("检剑") + 1, text.index("检剑") + 2)
    assert_offsets(text, issues)


def test_idiom_typo(checker: TextChecker) -> None:
    text = "各项工作要按步就班、稳妥有序地推进。"
    issue = find(checker.check(text), "typo", "按步就班")
    assert issue.suggestion == "按部就班"
    assert text[issue.start : issue.end] == "按步就班"


def test_conjunction_typo(checker: TextChecker) -> None:
    text = "既使遇到再大的困难，也要确保民生资金按时足额发放到位。"
    issue = find(checker.check(text), "typo", "既使")
    assert (issue.start, issue.end, issue.suggestion) == (0, 2, "即使")


def test_legitimate_ji_shi_construction_is_not_flagged(checker: TextChecker) -> None:
    text = "这项政策既使企业减轻了负担，又使群众得到了实惠。"
    assert not [i for i in checker.check(text) if i.kind == "typo"]


def test_homophone_slips_in_official_text(checker: TextChecker) -> None:
    text = "完善监管体惜，加强舆论监督，提升预警信息发布的覆盖面。"
    issue = find(checker.check(text), "typo", "惜")
    assert issue.suggestion == "系"


def test_every_issue_has_consistent_offsets(checker: TextChecker) -> None:
    text = "（一）推进政府信息么开。\n按步就班做好迎检准备，检剑结果及时公示。"
    issues = checker.check(text)
    assert issues
    assert_offsets(text, issues)
    assert all(0.0 <= i.confidence <= 1.0 for i in non_punctuation(issues))
