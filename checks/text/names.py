"""Spots the typo search leaves alone: personal names, transliterations, coined slogans in
short quotes, enumerations. jieba (without HMM) leaves unknown names and new coinages as
single characters, which would otherwise look exactly like a broken word."""

from __future__ import annotations

import re

from checks.text.segmentation import RARE_WORD, Analysis

NUMERALS = frozenset("一二三四五六七八九十")
# a coined slogan or nickname in short quotes (“优师计划”, “平急两用”) is not checked
SHORT_QUOTE = re.compile(r"(?<=“)[^”“\n]{1,8}(?=”)")
SPEECH_VERBS = frozenset(("说", "表示", "认为", "介绍", "指出", "强调", "告诉", "坦言", "说道"))


def protected_positions(
    ana: Analysis, freq: dict[str, int], surnames: frozenset[str], person_words: frozenset[str]
) -> set[int]:
    """Positions that look like a personal name, a transliteration, a coined slogan in
    short quotes, or an enumeration (九是)."""
    out: set[int] = set()
    tokens = ana.tokens
    text = ana.text
    for m in SHORT_QUOTE.finditer(text):
        out.update(range(m.start(), m.end()))
    for t, (w, start) in enumerate(tokens):
        if len(w) != 1:
            if w in person_words:
                # 检察长应勇, 村民益西卓玛: single characters after a title are a name
                for w2, s2 in tokens[t + 1 : t + 5]:
                    if len(w2) != 1 or not "\u4e00" <= w2 <= "\u9fff":
                        break
                    out.add(s2)
            elif w in SPEECH_VERBS:
                # 关义新认为, 洪方忆及: two or more single characters before a speech verb
                back = []
                for w2, s2 in reversed(tokens[max(0, t - 4) : t]):
                    if len(w2) != 1 or not "\u4e00" <= w2 <= "\u9fff":
                        break
                    back.append(s2)
                if len(back) >= 2:
                    out.update(back)
            continue
        if w == "·":
            # transliterated names: 霍尔迪·埃雷乌
            for k in range(max(0, start - 4), min(len(text), start + 5)):
                out.add(k)
            continue
        if w in surnames:
            given = 0
            for w2, s2 in tokens[t + 1 : t + 3]:
                if len(w2) == 1 and "\u4e00" <= w2 <= "\u9fff" and given < 2:
                    out.add(s2)
                    given += 1
                elif given == 0 and len(w2) == 2 and (freq.get(w2) or 0) < RARE_WORD:
                    out.update((s2, s2 + 1))
                    break
                else:
                    break
            if given or start + 1 in out:
                out.add(start)
        elif w in NUMERALS and text[start + 1 : start + 2] == "是":
            out.add(start)
    return out
