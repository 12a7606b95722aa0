"""Personal data found and masked (core/privacy.py): the ID checksum and birth date, Luhn, the
contexts that make a number a phone or not, over a table of real-looking cases.

Every valid ID below was made by computing its MOD 11-2 check digit; the decoys change one
thing (the check digit, the date, the region, the length) so each rule is what rejects them.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from core.privacy import (
    find_leaks,
    id_check_char,
    luhn_valid,
    mask_personal,
    valid_birth_date,
    valid_id_number,
)

TODAY = date(2025, 7, 1)

# 431302 娄底市娄星区, born 1990-03-07, sequence 123 → check digit 6
ID_A = "431302199003071236"
# the GB 11643 example: 110105 北京朝阳, 1949-12-31, check digit X
ID_X = "11010519491231002X"
# 440304 深圳福田, born 2000-02-29 (a leap day) → check digit 8
ID_LEAP = "440304200002294568"
# 430524 隆回县, 1988-11-23 → check digit 5
ID_B = "430524198811230315"
# Luhn-valid card numbers (19 and 16 digits, UnionPay BINs 6217 / 6228)
CARD_19 = "6217001234567890122"
CARD_16 = "6228480012345671"

CASES: list[tuple[str, str, list[tuple[str, str]]]] = [
    # --- 身份证号 ---
    ("valid ID with its label", f"身份证号：{ID_A}", [("id_number", "4313**********1236")]),
    ("valid ID, no label at all", f"张三 {ID_A} 男", [("id_number", "4313**********1236")]),
    ("check digit X", f"公民身份号码{ID_X}。", [("id_number", "1101**********002X")]),
    (
        "lower-case x is the same X",
        f"身份证：{ID_X.lower()}",
        [("id_number", "1101**********002X")],
    ),
    ("born on a leap day", f"证件号码：{ID_LEAP}", [("id_number", "4403**********4568")]),
    ("wrong check digit (6 → 7)", "身份证号：431302199003071237", []),
    ("wrong check digit (X expected, 0 given)", "身份证号：110105194912310020", []),
    # 1990-02-30 does not exist; its check digit 9 is right, only the date rejects it
    ("19900230 is no date", "身份证号：431302199002301239", []),
    # 2099-12-31 is in the future (check digit X is right for those digits)
    ("birth date after today", "身份证号：43130220991231123X", []),
    # 1899-12-31: before 1900 (check digit 4 is right)
    ("birth date before 1900", "身份证号：431302189912311234", []),
    # region 99 is no province (check digit 3 is right for those digits)
    ("no such province", "身份证号：990105194912310023", []),
    ("17 digits", "编码 43130219900307123 结束", []),
    ("19 digits: a valid ID plus a digit", f"流水 {ID_A}5 结束", []),
    ("ID inside a longer run", f"2023{ID_A}", []),
    # an 18-digit 索引号 whose check digit happens to be right (11430000000000000 → 7)
    ("索引号 with a right check digit", "索引号：114300000000000007/2023-00012", []),
    ("索引号 with letters", "索引号：11430000MB1234567X/2023-00012", []),
    ("统一社会信用代码 label", f"统一社会信用代码：{ID_B}", []),
    ("项目编号 label", f"项目编号：{ID_B}", []),
    ("证件编号 is a personal label", f"证件编号：{ID_B}", [("id_number", "4305**********0315")]),
    ("masked ID", "身份证号：4313**********1236", []),
    ("masked ID with X runs", "身份证号：4313XXXXXXXXXX1236", []),
    ("half-masked ID", "身份证号：43130219900307****", []),
    (
        "full-width digits",
        "身份证号：４３１３０２１９９００３０７１２３６",
        [("id_number", "4313**********1236")],
    ),
    ("ID in a file name", f"附件：{ID_A}.pdf", []),
    # --- 手机号码 ---
    ("plain mobile", "联系电话：13974561230。", [("mobile", "139****1230")]),
    ("mobile without a label", "联系人张三13974561230", [("mobile", "139****1230")]),
    ("199 prefix", "手机19912345678", [("mobile", "199****5678")]),
    ("spaced 3-4-4", "手机 139 7456 1230。", [("mobile", "139****1230")]),
    ("hyphened 3-4-4", "手机：139-7456-1230", [("mobile", "139****1230")]),
    ("+86 prefix", "Tel: +86 13974561230", [("mobile", "139****1230")]),
    ("(+86) prefix", "(+86)139-7456-1230", [("mobile", "139****1230")]),
    ("full-width mobile", "电话：１３９７４５６１２３０", [("mobile", "139****1230")]),
    ("landline beside a mobile", "电话0731-84512345、13974561230", [("mobile", "139****1230")]),
    ("86 glued on: a 13-digit run", "8613974561230", []),
    ("mobile inside a longer run", "订单号202313974561230", []),
    ("12 digits", "139745612301", []),
    ("10 digits", "1397456123", []),
    ("12 prefix is no mobile", "12974561230", []),
    ("landline with area code", "办公电话：0731-84512345", []),
    ("landline in brackets", "电话：(0731)8451234", []),
    ("400 line", "服务热线400-123-4567", []),
    ("12345 hotline", "请拨打12345政务服务便民热线", []),
    ("masked mobile", "联系电话：139****1230", []),
    ("项目编号", "项目编号：13974561230", []),
    ("编号 in a table cell", "项目编号\n13974561230\n", []),
    ("文号", "文号：13974561230", []),
    ("No.", "No.13974561230", []),
    ("流水号", "流水号13974561230", []),
    ("an amount", "合计金额15000000000元", []),
    ("a count", "共计13000000000人次", []),
    ("in a URL", "详见http://www.xx.gov.cn/art?tel=13974561230", []),
    ("in a file name", "13974561230.jpg", []),
    ("in an e-mail address", "13974561230@163.com", []),
    ("after a date with a hyphen", "2023-13974561230", []),
    ("followed by -01", "13974561230-01", []),
    # --- 银行卡号 ---
    ("card with 卡号", f"银行卡号：{CARD_19}", [("bank_card", "6217***********0122")]),
    ("card with 账号", f"账号：{CARD_16}", [("bank_card", "6228********5671")]),
    (
        "card in groups of four",
        "卡号：6217 0012 3456 7890 122",
        [("bank_card", "6217***********0122")],
    ),
    ("card in a table cell", f"开户银行卡号\n{CARD_16}\n", [("bank_card", "6228********5671")]),
    ("Luhn-valid card without context", f"编码{CARD_19}", []),
    ("Luhn-valid card, no label at all", f"{CARD_19}", []),
    ("Luhn-invalid with context", "银行卡号：6217001234567890123", []),
    ("an office's account", f"户名：县财政局 账号：{CARD_19}", []),
    ("对公账户", f"对公账户 账号：{CARD_19}", []),
    ("masked card", "卡号：6217***********0122", []),
    ("15 digits", "卡号：622848001234567", []),
    # --- several in one text ---
    (
        "a 公示 row",
        f"1\n张三\n{ID_A}\n13974561230\n湖南省娄底市",
        [("id_number", "4313**********1236"), ("mobile", "139****1230")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_table(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_leaks(text, today=TODAY)
    assert [(leak.kind, leak.masked) for leak in found] == expected


def test_the_table_is_big_enough() -> None:
    assert len(CASES) >= 40
    assert sum(1 for c in CASES if not c[2]) >= 25  # most cases are decoys


@pytest.mark.parametrize(
    ("first17", "check"),
    [
        ("43130219900307123", "6"),
        ("11010519491231002", "X"),
        ("44030420000229456", "8"),
        ("43052419881123031", "5"),
        ("51010719850615032", "9"),
    ],
)
def test_check_digit(first17: str, check: str) -> None:
    assert id_check_char(first17) == check


@pytest.mark.parametrize(
    ("yyyymmdd", "ok"),
    [
        ("19900307", True),
        ("20000229", True),  # 2000 is a leap year
        ("19000229", False),  # 1900 is not
        ("19780229", False),
        ("19990230", False),
        ("19991301", False),
        ("19990001", False),
        ("18991231", False),
        ("20250701", True),  # today
        ("20250702", False),  # tomorrow
    ],
)
def test_birth_date(yyyymmdd: str, ok: bool) -> None:
    assert valid_birth_date(yyyymmdd, TODAY) is ok


def test_valid_id_number() -> None:
    assert valid_id_number(ID_A, TODAY) and valid_id_number(ID_X, TODAY)
    assert not valid_id_number(ID_A[:-1] + "7", TODAY)
    assert not valid_id_number("4313**********1236", TODAY)


@pytest.mark.parametrize(
    ("digits", "ok"),
    [
        (CARD_19, True),
        (CARD_16, True),
        ("4111111111111111", True),  # the well-known Visa test number
        ("4111111111111112", False),
        ("6217001234567890123", False),
    ],
)
def test_luhn(digits: str, ok: bool) -> None:
    assert luhn_valid(digits) is ok


def test_positions_point_into_the_original_text() -> None:
    text = f"公示：\n张三，身份证号：{ID_A}，手机：１３９７４５６１２３０。"
    id_leak, mobile = find_leaks(text, today=TODAY)
    assert text[id_leak.start : id_leak.end] == ID_A
    assert text[mobile.start : mobile.end] == "１３９７４５６１２３０"


def test_context_masks_the_value_and_its_neighbours() -> None:
    # the wrong-check-digit ID next door is not a leak, but the context hides it all the same
    text = f"张三，身份证号：{ID_A}，手机：13974561230；李四 431302199003071237"
    id_leak, mobile = find_leaks(text, today=TODAY)
    for leak in (id_leak, mobile):
        assert "4313**********1236" in leak.context or "139****1230" in leak.context
        assert not re.search(r"\d{6}", leak.context), leak.context
    assert "139****1230" in id_leak.context  # the neighbour within 20 characters is masked


def test_each_kind_can_be_switched_off() -> None:
    text = f"身份证号：{ID_A}，手机：13974561230，银行卡号：{CARD_19}"
    assert [k.kind for k in find_leaks(text, today=TODAY)] == ["id_number", "mobile", "bank_card"]
    only = find_leaks(text, id_numbers=False, bank_cards=False, today=TODAY)
    assert [k.kind for k in only] == ["mobile"]
    # a kind switched off is still masked in the others' context
    assert not re.search(r"\d{6}", only[0].context)


@pytest.mark.parametrize("text", [c[1] for c in CASES if c[2]], ids=[c[0] for c in CASES if c[2]])
def test_masking_leaves_no_six_original_digits(text: str) -> None:
    masked = mask_personal(text, today=TODAY)
    for leak in find_leaks(text, today=TODAY):
        digits = leak.value
        runs = re.findall(r"\d+", masked.translate(_ASCII))
        for i in range(len(digits) - 5):
            assert not any(digits[i : i + 6] in run for run in runs), masked
        assert leak.masked in masked
    assert find_leaks(masked, today=TODAY) == []


_ASCII = {0xFF10 + i: 0x30 + i for i in range(10)}


def test_the_value_is_never_in_repr() -> None:
    (leak,) = find_leaks(f"身份证号：{ID_A}", today=TODAY)
    assert ID_A not in repr(leak) and ID_A not in str(leak)
    assert leak.value == ID_A and len(leak.value_hash) == 24
    (again,) = find_leaks(f"另一篇：{ID_A}", today=TODAY)
    assert again.value_hash == leak.value_hash  # stable: the fingerprint's key


def test_a_neighbour_cut_by_the_context_window_is_masked_whole() -> None:
    # the decoy ID on the next row starts inside the 20-character window and ends outside it:
    # its visible digits must not leak through (it once showed `532********7082`)
    text = "张某某 532326198703151211 13987806215\n李某某 532326199207082427 0870-3121234"
    for leak in find_leaks(text, today=TODAY):
        assert not re.search(r"\d{5}", leak.context), leak.context
        assert "532***********2427" in leak.context
