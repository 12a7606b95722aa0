"""Small assertions shared by the text-check tests."""

from __future__ import annotations

from collections.abc import Iterable

from checks.text import TextIssue

# A county's own names, as govwatch.yaml would supply them (units, places, people).
COUNTY_WORDS = ("大姚", "六苴", "赵家店", "搬迁安置办", "金碧镇", "六苴镇", "赵家店镇", "李明华")


def non_punctuation(issues: Iterable[TextIssue]) -> list[TextIssue]:
    return [i for i in issues if i.kind != "punctuation"]


def assert_offsets(text: str, issues: Iterable[TextIssue]) -> None:
    for issue in issues:
        assert text[issue.start : issue.end] == issue.found, issue


def find(issues: Iterable[TextIssue], kind: str, found: str) -> TextIssue:
    for issue in issues:
        if issue.kind == kind and issue.found == found:
            return issue
    raise AssertionError(f"no {kind} issue for {found!r} in {list(issues)}")
