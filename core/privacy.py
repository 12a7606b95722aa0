"""Personal data in published text (19号's 隐私信息泄露): 身份证号, mainland mobile numbers and
bank card numbers, found and masked. Pure functions: no I/O, no logging.

A false finding is the worst bug this product can have, so every rule leans towards silence:
- 身份证号: 18 characters standing alone, a real province code, a real birth date and the
  ISO 7064 MOD 11-2 check digit. 索引号, 统一社会信用代码 and 项目编号 are 18 characters too;
  the check digit rejects all but 1 in 11 of them and their labels reject the rest.
- 手机号码: 11 digits 1[3-9]… standing alone (not a slice of a longer number), optionally
  +86 / 0086 before, optionally written 3-4-4 with spaces or hyphens; never after a label of
  a non-phone number (编号, 索引号, 文号, 订单, 流水号, No. …), never inside a URL or file name,
  never an amount (…元, …万).
- 银行卡号: 16–19 digits (optionally in groups of four) with a valid Luhn checksum AND a card
  label just before (卡号, 账号, 银行卡 …); 对公 accounts of offices are public, not personal.
- Masked values (4313**********2312, 139****0123, 4313XXXXXXXXXX2312) are never leaks: a run
  touching `*`/`×` is part of a masked value, and a masked run of X is not \\d.

Full-width digits (１３９…) are folded to ASCII for detection, one character for one, so
positions reported are positions in the original text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Kind = Literal["id_number", "mobile", "bank_card"]
KIND_LABELS: dict[str, str] = {
    "id_number": "身份证号",
    "mobile": "手机号码",
    "bank_card": "银行卡号",
}
CONTEXT_CHARS = 20

# Full-width ASCII (U+FF01–U+FF5E) → ASCII and the ideographic space → space: what NFKC does to
# the characters these rules read, kept one-for-one so offsets stay valid.
_FOLD = {0xFF01 + i: 0x21 + i for i in range(0x5E)} | {0x3000: 0x20, 0xA0: 0x20}

# GB/T 2260 province codes (71 台湾, 81 香港, 82 澳门: their residence permits use 83 and 81/82;
# 91: the 2017 foreigners' permanent residence ID starts with 9)
_PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
     50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91}
)  # fmt: skip
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# a character that makes a digit run part of something longer: another digit, a letter
# (MB1234567X: an organisation code), or a mask character (139****0123)
_JOINS = r"0-9A-Za-z*×"
_ID_RE = re.compile(rf"(?<![{_JOINS}])\d{{17}}[\dXx](?![{_JOINS}])")
_MOBILE_RE = re.compile(
    rf"(?<![{_JOINS}])(?P<prefix>(?:\+86|0086|\(\+?86\)|（\+?86）|86(?=[- ]))[- ]?)?"
    r"(?P<number>1[3-9]\d(?P<sep>[- ]?)\d{4}(?P=sep)\d{4})"
    rf"(?![{_JOINS}])"
)
_CARD_RE = re.compile(
    rf"(?<![{_JOINS}])(?:\d{{16,19}}|\d{{4}}(?P<sep>[- ])\d{{4}}(?:(?P=sep)\d{{4}}){{2}}"
    rf"(?:(?P=sep)\d{{1,3}})?)(?![{_JOINS}])"
)

# Labels of numbers that are not personal: within the same field before a candidate they
# rule it out (项目编号：13912345678 is a project, 索引号 an index, 文号 a document number).
_NOT_PERSONAL = (
    "编号", "索引号", "文号", "订单", "流水号", "单号", "批号", "代码", "信用代码", "登记号",
    "备案号", "许可证", "合同号", "项目号", "标段", "No.", "NO.", "no.", "№",
    "QQ", "qq", "邮编", "金额", "合计", "总计", "¥", "￥", "卡号", "账号", "帐号", "发票",
)  # fmt: skip
# ...unless the label is itself a personal one (证件编号, 身份证号码)
_PERSONAL_ID_LABELS = ("身份证", "身份号码", "证件号", "证件编号", "公民身份")
# a field ends at these: a label before one of them belongs to another field
# (not a tab: `项目编号\t13800001111` is a label and its value in a Word table row)
_FIELD_BREAK = re.compile(r"[，,。；;、|｜]| {2,}")
_LABEL_WINDOW = 10
# after a number, these make it an amount or a count, not a phone
_AMOUNT_AFTER = re.compile(r"\s*(?:元|万|亿|千|百|%|％|人|户|个|件|次|吨|米|平方|亩|公斤|千克|kg)")

_CARD_LABELS = (
    "银行卡", "卡号", "账号", "帐号", "银行账户", "银行帐户", "开户行", "开户银行", "借记卡",
    "信用卡", "账户", "帐户", "收款账户",
)  # fmt: skip
_CARD_WINDOW = 15
# an office's account (捐款, 非税收入 notices) is published on purpose
_CARD_PUBLIC = (
    "对公", "单位", "专户", "专用账户", "基本户", "基本账户", "财政", "国库", "公司", "委员会",
    "政府", "基金会", "红十字", "慈善", "协会",
)  # fmt: skip
_CARD_PUBLIC_WINDOW = 40

# characters of a URL or file name: a number inside one (…/13912345678.jpg, ?tel=139…) is not
# a published phone number
_URLISH = re.compile(r"[A-Za-z0-9_.~:/?#=&%@+\-]")
_URL_MARKERS = ("/", "?", "=", "&", "@", "_", "\\", "www.", "http")
_FILE_EXT = re.compile(r"\.(?:[a-z]{2,4})(?:[^A-Za-z0-9]|$)", re.I)

_LONG_DIGITS = re.compile(r"\d{11,}")


@dataclass(frozen=True)
class Leak:
    kind: Kind
    masked: str  # the value as every output shows it
    start: int  # character offsets of the value in the text searched
    end: int
    context: str  # ~20 characters either side, every personal number in it masked
    # the value itself (digits, X upper case): only for the fingerprint, never shown
    value: str = field(repr=False, compare=False, default="")

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def value_hash(self) -> str:
        """What tells two leaks of one kind apart across runs without storing the value."""
        return hashlib.sha256(f"{self.kind}:{self.value}".encode()).hexdigest()[:24]


def fold(text: str) -> str:
    """Full-width ASCII to ASCII, one character for one (offsets stay valid)."""
    return text.translate(_FOLD)


# --- the rules, each testable on its own -------------------------------------------------


def id_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character of the first 17 digits of a 身份证号."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def valid_birth_date(yyyymmdd: str, today: date | None = None) -> bool:
    """A real calendar date from 1900 to today."""
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= (today or date.today())


def valid_id_number(value: str, today: date | None = None) -> bool:
    """An 18-character 身份证号 that could have been issued (region, birth date, check)."""
    value = fold(value).upper()
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return False
    if int(value[:2]) not in _PROVINCES:
        return False
    return valid_birth_date(value[6:14], today) and id_check_char(value[:17]) == value[17]


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def mask_value(kind: Kind, value: str) -> str:
    """4313**********2312, 139****0123, 6222***********1234."""
    if kind == "mobile":
        return value[:3] + "****" + value[-4:]
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


# --- finding -------------------------------------------------------------------------------


def find_leaks(
    text: str,
    *,
    id_numbers: bool = True,
    mobiles: bool = True,
    bank_cards: bool = True,
    today: date | None = None,
) -> list[Leak]:
    """Every personal number in `text`, in order of position."""
    folded = fold(text)
    spans: list[tuple[Kind, int, int, str]] = []
    if id_numbers:
        spans += _ids(folded, today)
    if mobiles:
        spans += _mobiles(folded)
    if bank_cards:
        spans += _cards(folded)
    spans = _without_overlaps(spans)
    # every value is masked in every context, whatever kinds the caller asked for
    all_spans = spans if id_numbers and mobiles and bank_cards else _all_spans(folded, today)
    return [
        Leak(
            kind,
            mask_value(kind, value),
            start,
            end,
            _context(text, folded, start, end, all_spans),
            value,
        )
        for kind, start, end, value in spans
    ]


def mask_personal(text: str, *, today: date | None = None) -> str:
    """`text` with every personal number detected in it masked (for logs and outputs)."""
    return _replace(text, _all_spans(fold(text), today))


def _all_spans(folded: str, today: date | None) -> list[tuple[Kind, int, int, str]]:
    return _without_overlaps([*_ids(folded, today), *_mobiles(folded), *_cards(folded)])


def _ids(folded: str, today: date | None) -> Iterable[tuple[Kind, int, int, str]]:
    for m in _ID_RE.finditer(folded):
        value = m.group().upper()
        if not valid_id_number(value, today):
            continue
        if _labelled_not_personal(folded, m.start(), _PERSONAL_ID_LABELS) or _in_url(
            folded, m.start(), m.end()
        ):
            continue
        yield "id_number", m.start(), m.end(), value


def _mobiles(folded: str) -> Iterable[tuple[Kind, int, int, str]]:
    for m in _MOBILE_RE.finditer(folded):
        start, end = m.start("number"), m.end("number")
        begin = m.start()  # the +86 prefix included
        if _joined(folded, begin, end, spaced=bool(m.group("sep"))):
            continue
        if _labelled_not_personal(folded, begin, ()) or _in_url(folded, begin, end):
            continue
        if _AMOUNT_AFTER.match(folded, end):
            continue
        yield "mobile", start, end, re.sub(r"\D", "", m.group("number"))


def _cards(folded: str) -> Iterable[tuple[Kind, int, int, str]]:
    for m in _CARD_RE.finditer(folded):
        digits = re.sub(r"\D", "", m.group())
        if not 16 <= len(digits) <= 19 or not luhn_valid(digits):
            continue
        if _joined(folded, m.start(), m.end(), spaced=bool(m.group("sep"))):
            continue
        before = _same_field(folded, m.start(), _CARD_WINDOW)
        if not any(label in before for label in _CARD_LABELS):
            continue
        if any(word in folded[max(0, m.start() - _CARD_PUBLIC_WINDOW) : m.start()]
               for word in _CARD_PUBLIC):  # fmt: skip
            continue
        if _in_url(folded, m.start(), m.end()):
            continue
        yield "bank_card", m.start(), m.end(), digits


def _joined(folded: str, start: int, end: int, *, spaced: bool) -> bool:
    """Is the run a slice of a longer number? `2023-13912345678`, `13912345678-01`,
    `1.3912345678`; for a spaced value also `6 139 1234 5678` (a longer spaced run)."""
    joiners = "-/._" + (" " if spaced else "")
    before = folded[start - 2 : start] if start >= 2 else ""
    after = folded[end : end + 2]
    return (len(before) == 2 and before[1] in joiners and before[0].isdigit()) or (
        len(after) == 2 and after[0] in joiners and after[1].isdigit()
    )


def _same_field(folded: str, start: int, window: int) -> str:
    """Up to `window` characters before `start` in the same field: cut at the last field
    break. Tables come as one cell per line, so a value opening its line belongs to the line
    before it (`项目编号\n13912345678` is a label cell and its value cell)."""
    before = _FIELD_BREAK.split(folded[max(0, start - window) : start])[-1]
    lines = before.split("\n")
    if len(lines) >= 2 and not lines[-1].strip():
        return lines[-2]
    return lines[-1]


def _labelled_not_personal(folded: str, start: int, personal: tuple[str, ...]) -> bool:
    before = _same_field(folded, start, _LABEL_WINDOW)
    if any(label in before for label in personal):
        return False
    return any(label in before for label in _NOT_PERSONAL)


def _in_url(folded: str, start: int, end: int) -> bool:
    """Inside a URL, an e-mail address or a file name (13912345678.jpg)."""
    left = start
    while left > 0 and _URLISH.match(folded[left - 1]):
        left -= 1
    right = end
    while right < len(folded) and _URLISH.match(folded[right]):
        right += 1
    token = folded[left:right]
    outside = token[: start - left] + "\x00" + token[end - left :]
    if any(marker in outside for marker in _URL_MARKERS):
        return True
    return bool(_FILE_EXT.match(folded, end))


def _without_overlaps(
    spans: list[tuple[Kind, int, int, str]],
) -> list[tuple[Kind, int, int, str]]:
    """One value per stretch of text (an ID wins over anything inside it)."""
    kept: list[tuple[Kind, int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[1], -(s[2] - s[1]))):
        if kept and span[1] < kept[-1][2]:
            continue
        kept.append(span)
    return kept


def _replace(text: str, spans: list[tuple[Kind, int, int, str]]) -> str:
    out, pos = [], 0
    for kind, start, end, value in spans:
        out += [text[pos:start], mask_value(kind, value)]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _context(
    text: str, folded: str, start: int, end: int, spans: list[tuple[Kind, int, int, str]]
) -> str:
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    # a value cut by the window's edge is taken whole, so no unmasked part of it shows
    for _, s, e, _ in spans:
        if s < lo < e:
            lo = s
        if s < hi < e:
            hi = e
    # so is any other digit run (a decoy ID, a 索引号): it is masked below by its shape
    while lo > 0 and folded[lo - 1].isdigit() and folded[lo].isdigit():
        lo -= 1
    while hi < len(text) and folded[hi - 1].isdigit() and folded[hi].isdigit():
        hi += 1
    inside = [(k, s - lo, e - lo, v) for k, s, e, v in spans if s >= lo and e <= hi]
    shown = _replace(text[lo:hi], inside)
    # long digit runs the rules did not take (a wrong check digit, a labelled number) may
    # still be someone's: the context shows their shape only
    for m in reversed(list(_LONG_DIGITS.finditer(fold(shown)))):
        run = m.group()
        shown = shown[: m.start()] + run[:3] + "*" * (len(run) - 7) + run[-4:] + shown[m.end() :]
    return re.sub(r"\s+", " ", shown).strip()
