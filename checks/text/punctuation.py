"""标点: unmatched paired marks, half-width marks in Chinese text, doubled marks, misused 、."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from checks.text import evidence
from checks.text.issue import TextIssue

PAIRS = {"（": "）", "《": "》", "“": "”", "‘": "’", "【": "】", "〔": "〕", "「": "」"}
CLOSERS = {v: k for k, v in PAIRS.items()}
PAIR_MARKS = re.compile(r"[（）《》“”‘’【】〔〕「」()\n]")
# ASCII brackets mixed with full-width ones: （…) or (…）
HALF_PAIRS = {"(": ")"}

CJK = "\u4e00-\u9fff"
HALF_TO_FULL = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！"}
HALF_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}])[,;:?!.](?=[{CJK}“《（])")
DOUBLED = re.compile(r"([。，、；：])\1+")
# two different sentence marks in a row (，。 、， ；。): one of them is a slip
CLASHING = re.compile(r"[，、；：][。，；：、]|[。][，、；：]")
NUMERALS = "一二三四五六七八九十"
APPROX_NUMBERS = re.compile(
    rf"(?<!第)([{NUMERALS}])、([{NUMERALS}])(?=[个天年月日次人名家种项条位所户元万亿千百倍岁])"
)
# 、 right before the conjunction that closes a list (A、B、和C); 和平/等级/与会 are words
COMMA_BEFORE_CONJ = re.compile(
    r"、(?=(?:和|及|以及|与|等)(?![平谐睦谈解蔼气美乐善])(?![\u4e00-\u9fff]?(?:级|同|于)))"
)
ARABIC_ORDINAL = re.compile(r"(?m)^[ \t\u3000]*(\d{1,2})、")


def find_punctuation(text: str) -> list[TextIssue]:
    issues = list(_unmatched(text))
    issues += _half_width(text)
    issues += _doubled(text)
    issues += _enumeration(text)
    return issues


def _unmatched(text: str) -> Iterator[TextIssue]:
    # paired marks are balanced within a paragraph (line)
    stack: list[tuple[str, int]] = []
    for m in PAIR_MARKS.finditer(text):
        ch = m.group()
        k = m.start()
        if ch == "\n":
            yield from _leftovers(stack)
            stack = []
        elif ch in PAIRS or ch == "(":
            stack.append((ch, k))
        else:
            opener = CLOSERS.get(ch, "(")
            if stack and stack[-1][0] == opener:
                stack.pop()
            elif stack and {stack[-1][0], opener} == {"（", "("}:
                want = PAIRS.get(stack[-1][0], ")")
                stack.pop()
                yield _mark(k, ch, want, "mixed_width_bracket", 0.8)
            elif (
                ch == ")"
                and k > 0
                and ((text[k - 1].isascii() and text[k - 1].isalnum()) or text[k - 1] in NUMERALS)
            ):
                continue  # a list marker: 1) a) 一)
            else:
                yield _mark(k, ch, "", "unmatched_pair", 0.8, evidence.unmatched(ch, opener, False))
    yield from _leftovers(stack)


def _leftovers(stack: list[tuple[str, int]]) -> Iterator[TextIssue]:
    for ch, pos in stack:
        if ch != "(":  # a lone "(" is too often a half-typed list marker to report
            why = evidence.unmatched(ch, PAIRS[ch], True)
            yield _mark(pos, ch, "", "unmatched_pair", 0.8, why)


def _half_width(text: str) -> Iterator[TextIssue]:
    for m in HALF_BETWEEN_CJK.finditer(text):
        mark = m.group()
        full = HALF_TO_FULL[mark]
        yield _mark(m.start(), mark, full, "half_width", 0.85, evidence.half_width(mark, full))


def _doubled(text: str) -> Iterator[TextIssue]:
    for m in DOUBLED.finditer(text):
        yield TextIssue(
            m.start() + 1,
            m.end(),
            m.group()[1:],
            "",
            "punctuation",
            "doubled_mark",
            0.9,
            m.group(),
            evidence.PUNCTUATION["doubled_mark"],
        )
    for m in CLASHING.finditer(text):
        a = m.start()
        if DOUBLED.match(text, a):
            continue
        yield TextIssue(
            a,
            a + 2,
            m.group(),
            m.group()[1],
            "punctuation",
            "clashing_marks",
            0.7,
            m.group(),
            evidence.clashing(m.group()),
        )


def _enumeration(text: str) -> Iterator[TextIssue]:
    for m in APPROX_NUMBERS.finditer(text):
        a = m.start()
        if int(NUMERALS.index(m.group(2))) - int(NUMERALS.index(m.group(1))) != 1:
            continue
        yield _mark(a + 1, "、", "", "approximate_number_comma", 0.7)
    for m in COMMA_BEFORE_CONJ.finditer(text):
        yield _mark(m.start(), "、", "", "comma_before_conjunction", 0.75)
    for m in ARABIC_ORDINAL.finditer(text):
        a = m.end() - 1
        yield _mark(a, "、", ".", "arabic_ordinal_comma", 0.55)


def _mark(
    at: int, mark: str, suggestion: str, rule: str, confidence: float, why: str = ""
) -> TextIssue:
    """A one-character punctuation issue; rules without a specific reason share a fixed one."""
    why = why or evidence.PUNCTUATION[rule]
    return TextIssue(at, at + 1, mark, suggestion, "punctuation", rule, confidence, mark, why)


def punctuation_kinds() -> Sequence[str]:
    return (
        "unmatched_pair",
        "mixed_width_bracket",
        "half_width",
        "doubled_mark",
        "clashing_marks",
        "approximate_number_comma",
        "comma_before_conjunction",
        "arabic_ordinal_comma",
    )
