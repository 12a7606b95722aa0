"""漏字 in fixed names and 严重表述错误 (wording list, leaders' names and titles)."""

from __future__ import annotations

from checks.text import TextChecker
from tests.checks.text.text_helpers import find, non_punctuation


def test_truncated_state_name(checker: TextChecker) -> None:
    text = "根据《中华人民共和土地管理法》有关规定，现将有关事项公告如下。"
    issue = find(checker.check(text), "missing_char", "中华人民共和")
    assert issue.suggestion == "中华人民共和国"
    assert issue.start == text.index("中华人民共和")


def test_full_state_name_is_fine(checker: TextChecker) -> None:
    text = "根据《中华人民共和国土地管理法》有关规定，中华人民共和国国歌响起。"
    assert non_punctuation(checker.check(text)) == []


def test_character_missing_inside_a_name(checker: TextChecker) -> None:
    issue = find(
        checker.check("全面贯彻习近平新时代中国特色社会主思想。"),
        "missing_char",
        "习近平新时代中国特色社会主思想",
    )
    assert issue.suggestion == "习近平新时代中国特色社会主义思想"


def test_shipped_wording_list(checker: TextChecker) -> None:
    text = "更加紧密地团结在以习近平总书记为核心的党中央周围。"
    issue = find(checker.check(text), "wording", "以习近平总书记为核心的党中央")
    assert issue.suggestion == "以习近平同志为核心的党中央"


def test_configured_wording_rule(county_checker: TextChecker) -> None:
    issue = find(county_checker.check("请与县扶贫办公室联系。"), "wording", "县扶贫办公室")
    assert issue.suggestion == "县乡村振兴局"


def test_wrong_title_next_to_leader(county_checker: TextChecker) -> None:
    text = "副县长李明华出席会议并讲话。"
    issue = find(county_checker.check(text), "wording", "副县长")
    assert issue.rule == "leader_title"
    assert issue.suggestion == "县长"


def test_right_titles_are_fine(county_checker: TextChecker) -> None:
    text = "县委副书记、县长李明华，副县长张丽出席会议。李明华县长强调，要抓好落实。"
    assert non_punctuation(county_checker.check(text)) == []


def test_misspelt_leader_name(county_checker: TextChecker) -> None:
    issue = find(county_checker.check("县长李明化主持召开常务会议。"), "wording", "李明化")
    assert issue.rule == "leader_name"
    assert issue.suggestion == "李明华"
