"""Percentages of 一(三): whole numbers summing to exactly 100."""

from __future__ import annotations

from checks.board.stats import largest_remainder
from core.board import MESSAGE_TYPES

ORDER = list(MESSAGE_TYPES)


def test_four_of_six_and_two_of_six_are_67_and_33_not_the_bulletins_66_and_34():
    assert largest_remainder({"政务咨询": 4, "服务诉求": 2}, ORDER) == {
        "政务咨询": 67,
        "服务诉求": 33,
    }


def test_ties_go_to_the_type_listed_first():
    counts = {"政务咨询": 3, "服务诉求": 1, "意见建议": 2, "投诉举报": 2}
    assert largest_remainder(counts, ORDER) == {
        "政务咨询": 38, "服务诉求": 12, "意见建议": 25, "投诉举报": 25,
    }  # fmt: skip
    thirds = largest_remainder({"政务咨询": 1, "服务诉求": 1, "意见建议": 1}, ORDER)
    assert thirds == {"政务咨询": 34, "服务诉求": 33, "意见建议": 33}


def test_always_100():
    for total in range(1, 40):
        for first in range(total + 1):
            counts = {"政务咨询": first, "服务诉求": total - first}
            assert sum(largest_remainder(counts, ORDER).values()) == 100
    assert largest_remainder({"政务咨询": 0}, ORDER) == {"政务咨询": 0}
