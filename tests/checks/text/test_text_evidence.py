"""Every issue says, in plain Chinese, which rule raised it and why the spot looks wrong."""

from __future__ import annotations

import io

from checks.text import TextChecker
from govwatch.cli.text import check_lines
from tests.checks.text.text_helpers import find


def test_confusion_typo_names_both_words_and_the_likeness(checker: TextChecker) -> None:
    issue = find(checker.check("抽查的第1批产品质量检剑合格，准予出厂。"), "typo", "剑")
    assert issue.rule_label == "音近形近字"
    assert issue.word == "检剑"
    assert issue.evidence.startswith("「检剑」不成词，「检验」是")
    assert "「剑」与「验」" in issue.evidence


def test_listed_typo_says_it_is_a_known_wrong_form(checker: TextChecker) -> None:
    issue = find(checker.check("各项工作要按步就班推进。"), "typo", "按步就班")
    assert issue.rule_label == "常见错别字表"
    assert issue.evidence == "「按步就班」是常见错误写法，应为「按部就班」"


def test_other_rules_explain_themselves(checker: TextChecker, county_checker: TextChecker) -> None:
    doubled = find(checker.check("群众的的诉求要及时回应。"), "extra_char", "的")
    assert doubled.evidence == "「的」连写了两次，这里不是叠字用法，多了一个「的」"
    missing = find(
        checker.check("根据《中华人民共和土地管理法》有关规定。"), "missing_char", "中华人民共和"
    )
    assert missing.evidence == "「中华人民共和国」是固定名称，「中华人民共和」少了「国」字"
    wording = find(county_checker.check("请与县扶贫办公室联系。"), "wording", "县扶贫办公室")
    assert wording.evidence == "「县扶贫办公室」不是规范表述，规范表述为「县乡村振兴局」"
    title = find(county_checker.check("副县长李明华出席会议并讲话。"), "wording", "副县长")
    assert title.evidence == "按配置，「李明华」的职务是「县委副书记、县长」，这里写作「副县长」"
    mark = find(checker.check("认真学习《乡村振兴促进法，抓好落实。"), "punctuation", "《")
    assert mark.evidence == "「《」在本段中没有与之配对的「》」"


def test_every_issue_of_a_mixed_text_has_a_reason(
    checker: TextChecker, county_checker: TextChecker
) -> None:
    text = (
        "副县长李明华要求，各单位要按步就班推进，产品质量检剑合格。群众的的诉求,要及时回应。"
        "全面贯彻落实中华人民共和宪法（试行)。"
    )
    found = county_checker.check(text)
    assert len(found) >= 6
    assert all(issue.evidence and issue.rule_label != issue.rule for issue in found)


def test_check_text_prints_the_reason_under_the_spot(checker: TextChecker) -> None:
    out = io.StringIO()
    code = check_lines(
        "-",
        "text",
        checker=checker,
        stdout=out,
        stderr=io.StringIO(),
        stdin=io.StringIO("各项工作要按步就班推进。\n"),
    )
    lines = out.getvalue().splitlines()
    assert code == 1
    assert lines[3] == "    依据（常见错别字表）：「按步就班」是常见错误写法，应为「按部就班」"
