"""The one result type every rule returns."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Kind = Literal["typo", "extra_char", "missing_char", "wording", "punctuation"]

KINDS: tuple[str, ...] = ("typo", "extra_char", "missing_char", "wording", "punctuation")

# User-visible names of the kinds (the alerts staff read are in Chinese).
KIND_LABELS: dict[str, str] = {
    "typo": "错字",
    "extra_char": "多字",
    "missing_char": "漏字",
    "wording": "严重表述错误",
    "punctuation": "标点",
}

# User-visible names of the rules, so a reviewer sees which check raised a flag.
RULE_LABELS: dict[str, str] = {
    "confusion_char": "音近形近字",
    "homophone_word": "同音词误用",
    "typo_list_curated": "常见错别字表",
    "typo_list_ecspell": "常见错别字表（ECSpell）",
    "typo_list_pycorrector": "常见错别字表（pycorrector）",
    "doubled_char": "重复字",
    "doubled_word": "重复词",
    "fixed_phrase": "固定名称漏字",
    "wording_list": "规范表述",
    "leader_title": "领导职务",
    "leader_name": "领导姓名",
    "unmatched_pair": "成对标点",
    "mixed_width_bracket": "括号全半角混用",
    "half_width": "半角标点",
    "doubled_mark": "标点重复",
    "clashing_marks": "标点连用",
    "approximate_number_comma": "概数顿号",
    "comma_before_conjunction": "连词前顿号",
    "arabic_ordinal_comma": "数字序号",
}


@dataclass(frozen=True, slots=True)
class TextIssue:
    """One flagged spot: ``text[start:end] == found``; ``suggestion`` replaces it ("" = delete
    for extra_char, or no suggestion when the rule cannot tell).

    ``word`` is the written word the rule judged (检剑 for the 剑 of 检剑; the found text
    itself for list rules): the site lexicon counts these. ``evidence`` says in plain
    Chinese why the rule thinks the spot is wrong, for the reviewer.
    """

    start: int
    end: int
    found: str
    suggestion: str
    kind: Kind
    rule: str
    confidence: float
    word: str = ""
    evidence: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "rule_label": self.rule_label}

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def rule_label(self) -> str:
        return RULE_LABELS.get(self.rule, self.rule)
