"""Correct prose that used to be flagged stays quiet; the slips next to it are still found."""

from __future__ import annotations

import pytest

from checks.text import TextChecker
from checks.text.lexicon import SiteLexicon
from tests.checks.text.text_helpers import find, non_punctuation

# Each sentence is correct as written and was flagged by an earlier version of a rule.
CORRECT = [
    "树立共同、综合、合作、可持续的安全观。",  # 可持续的 is not 可持续地
    "超大规模的国内市场成为一个可持续的历史过程。",
    "据介绍，综合智慧零碳电厂最大的特点是建在了用户侧。",  # 建在 is not 现在
    "趁着两家都无大人，偷偷爬上墙头摘石榴。",  # 爬上 is not 爬山
    "会议桌前，人们围坐一圈，挤得满满当当。",  # a verb and its 得, not 记得
    "蘸上山间蓝莓做成的果酱，夹上一口肉肠。",  # 夹上 is not 加上
    "截至目前，电子营业执照应用量已经超过1.4亿次。",
    "“水利兴而后天下可平，外患可息，而教化可兴矣。”",  # classical Chinese
    "不一会儿，食堂里就坐得满满当当。",  # 就坐 is not 就座 here
    "景德镇瓷器及制瓷技艺传到亚洲、非洲。",  # 及 is a conjunction
    "生动展现三百六十行、行行有诗意的时代生活。",  # reduplication
    "永远都要看别人眼色。",  # a real word, not a homophone slip for 颜色
    "“大而化之之谓圣，圣而不可知之之谓神。”",  # 之之 in a classical quotation
]


@pytest.mark.parametrize("text", CORRECT)
def test_correct_prose_is_not_flagged(checker: TextChecker, text: str) -> None:
    assert non_punctuation(checker.check(text)) == []


def test_slips_are_still_found_next_to_such_prose(checker: TextChecker) -> None:
    text = "人们围坐一圈，挤得满满当当。抽查的第1批产品质量检剑合格，各项工作要按步就班推进。"
    issues = checker.check(text)
    assert find(issues, "typo", "剑").suggestion == "验"
    assert find(issues, "typo", "按步就班").suggestion == "按部就班"
    assert len(non_punctuation(issues)) == 2


def test_learned_site_words_silence_only_the_statistical_rules(checker: TextChecker) -> None:
    text = "县公安局深入开展反电诈宣传，要求按步就班推进。"
    plain = checker.check(text)
    assert find(plain, "typo", "诈").word == "电诈"
    # the same checker configuration, told that the county uses 电诈 (and even 按步就班)
    county = TextChecker(lexicon=SiteLexicon(words=frozenset({"电诈", "按步就班"})))
    issues = county.check(text)
    assert [i.found for i in non_punctuation(issues)] == ["按步就班"]
    # learning needs the flags without the lexicon
    assert find(county.check(text, use_lexicon=False), "typo", "诈")


def test_a_frequent_term_needs_strong_evidence(checker: TextChecker) -> None:
    text = "县公安局深入开展反电诈宣传进社区活动。"
    (issue,) = non_punctuation(checker.check(text))
    assert issue.confidence < 0.9
    county = TextChecker(lexicon=SiteLexicon(frequent=frozenset({"电诈"})))
    assert non_punctuation(county.check(text)) == []


def test_a_long_text_is_checked_up_to_the_cap_at_a_sentence_end() -> None:
    small = TextChecker(max_chars=120)
    text = "产品质量检验合格。" * 30 + "抽查的第1批产品质量检剑合格。"
    assert small.checked_length(text) <= 120
    assert text[: small.checked_length(text)].endswith("。")
    assert small.check(text) == []  # the slip lies beyond the cap
    assert find(small.check(text[-40:]), "typo", "剑")
