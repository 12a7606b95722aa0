"""Every finding kind a check reports has the Chinese name staff read in the digest."""

from __future__ import annotations

from alerts.digest import KIND_LABELS
from checks.accounts.unregistered import KINDS as ACCOUNT_REGISTRY_KINDS
from checks.registry import kinds


def test_every_kind_has_a_chinese_label():
    missing = (kinds() | set(ACCOUNT_REGISTRY_KINDS)) - set(KIND_LABELS)
    assert missing == set()
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in label) for label in KIND_LABELS.values())
