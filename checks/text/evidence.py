"""Why a spot is thought wrong, in plain Chinese: the reviewer reads this next to the flag
and decides in seconds, so every sentence states only what the rule actually checked."""

from __future__ import annotations

from checks.text.resources import NEAR_PINYIN, SAME_PINYIN, SERIES, SHAPE

CHANNELS = {
    SAME_PINYIN: "读音相同",
    NEAR_PINYIN: "读音相近",
    SHAPE: "字形相近",
    SERIES: "声旁相同、读音相近",
}
LIST_NAMES = {
    "curated": "常见错误写法",
    "ecspell": "常见错误写法（见 ECSpell 常见错字错词表）",
    "pycorrector": "常见错误写法（见 pycorrector 错别字表）",
}
# A replacement word this frequent in jieba's counts is called 常用词 rather than 词语.
COMMON_WORD = 20000


def confusion_char(
    old_word: str,
    new_word: str,
    old_char: str,
    new_char: str,
    channel: int,
    *,
    common: bool,
    old_known: bool,
) -> str:
    kind = "常用词" if common else "词语"
    relation = CHANNELS.get(channel, "读音或字形相近")
    old = f"「{old_word}」是少见词" if old_known else f"「{old_word}」不成词"
    return (
        f"{old}，「{new_word}」是{kind}；"
        f"「{old_char}」与「{new_char}」{relation}，疑为输入时选错了字"
    )


def homophone_word(old_word: str, new_word: str, reading: str) -> str:
    return (
        f"「{old_word}」与「{new_word}」读音相同（{reading}），"
        f"「{new_word}」远比「{old_word}」常用，疑为同音词选错"
    )


def listed(wrong: str, right: str, source: str) -> str:
    return f"「{wrong}」是{LIST_NAMES.get(source, '常见错误写法')}，应为「{right}」"


def doubled_char(ch: str) -> str:
    return f"「{ch}」连写了两次，这里不是叠字用法，多了一个「{ch}」"


def doubled_word(word: str) -> str:
    return f"「{word}」连写了两遍，「{word}」不这样重叠使用，多了一遍"


def fixed_phrase(found: str, phrase: str, missing: str) -> str:
    return f"「{phrase}」是固定名称，「{found}」少了「{missing}」字"


def wording(wrong: str, right: str) -> str:
    if right:
        return f"「{wrong}」不是规范表述，规范表述为「{right}」"
    return f"「{wrong}」是禁用或慎用的表述"


def leader_title(name: str, titles: str, found: str) -> str:
    return f"按配置，「{name}」的职务是「{titles}」，这里写作「{found}」"


def leader_name(found: str, name: str, title: str) -> str:
    return f"「{found}」紧挨职务「{title}」，与配置的领导「{name}」只差一个音近或形近字"


PUNCTUATION = {
    "mixed_width_bracket": "全角括号与半角括号混用，应成对使用同一种括号",
    "doubled_mark": "同一个标点连用了两次，保留一个即可",
    "approximate_number_comma": "相邻数字连用表示概数（如“三四个”），中间不加顿号",
    "comma_before_conjunction": "顿号后紧跟连词「和」「及」「与」「等」，顿号多余",
    "arabic_ordinal_comma": "阿拉伯数字序号后应使用「.」，不用顿号",
}


def unmatched(mark: str, partner: str, opening: bool) -> str:
    if opening:
        return f"「{mark}」在本段中没有与之配对的「{partner}」"
    return f"「{mark}」前面没有与之配对的「{partner}」"


def half_width(mark: str, full: str) -> str:
    return f"中文之间用了半角标点「{mark}」，应为全角「{full}」"


def clashing(marks: str) -> str:
    return f"「{marks}」两个标点连用，应只保留一个"
