"""Public API: TextIssue, sentence_of, per-call extra words and ignore lists."""

from __future__ import annotations

import dataclasses

import pytest

from checks.text import TextChecker, TextIssue, check, sentence_of, split_sentences


def test_text_issue_is_frozen_and_serialisable() -> None:
    issue = TextIssue(1, 3, "检剑", "检验", "typo", "confusion_char", 0.9, "检剑", "理由")
    with pytest.raises(dataclasses.FrozenInstanceError):
        issue.start = 2  # type: ignore[misc]
    assert issue.to_dict() == {
        "start": 1,
        "end": 3,
        "found": "检剑",
        "suggestion": "检验",
        "kind": "typo",
        "rule": "confusion_char",
        "confidence": 0.9,
        "word": "检剑",
        "evidence": "理由",
        "rule_label": "音近形近字",
    }


def test_sentence_of_returns_sentence_and_offset() -> None:
    text = "第一句话。第二句有错字吗？\n第三句"
    sentence, offset = sentence_of(text, text.index("错字"), text.index("错字") + 2)
    assert (sentence, offset) == ("第二句有错字吗？", 5)
    assert text[offset : offset + len(sentence)] == sentence
    assert sentence_of(text, text.index("第三")) == ("第三句", text.index("第三"))
    assert [s for s, _ in split_sentences(text)] == ["第一句话。", "第二句有错字吗？", "第三句"]


def test_extra_words_do_not_leak_between_calls(checker: TextChecker) -> None:
    before = checker.tokens("六苴镇赵家店村")
    with_words = checker.check("六苴镇赵家店村", extra_words=["六苴镇", "赵家店村"])
    assert with_words == []
    assert checker.tokens("六苴镇赵家店村") == before
    assert checker._tokenizer.FREQ.get("赵家店村") is None


def test_ignore_list_silences_a_spot(checker: TextChecker) -> None:
    text = "县里开展“按步就班”主题活动。"
    assert [i.found for i in check(text) if i.kind == "typo"] == ["按步就班"]
    assert [i for i in check(text, ignore=["按步就班"]) if i.kind == "typo"] == []


def test_min_confidence_filters(county_checker: TextChecker) -> None:
    strict = TextChecker(min_confidence=0.99)
    assert strict.check("我们要按步就班地推进。") == []
    assert county_checker.min_confidence < 0.99


def test_empty_text(checker: TextChecker) -> None:
    assert checker.check("") == []


def test_build_checker_maps_the_yaml_keys(county_checker: TextChecker) -> None:
    assert county_checker.min_confidence == 0.5
    assert "搬迁安置办" in county_checker.extra_words
    assert "李明华" in county_checker.extra_words  # leaders' names are local words too
    assert county_checker.ignore == ("金碧辉煌工程",)
    text = "金碧辉煌工程由县扶贫办公室负责。"
    assert [i.found for i in county_checker.check(text)] == ["县扶贫办公室"]


def test_jieba_global_dictionary_is_untouched(checker: TextChecker) -> None:
    import jieba

    checker.check("六苴镇赵家店村", extra_words=["六苴镇", "赵家店村"])
    assert "赵家店村" not in jieba.dt.FREQ
