"""Text checks for published government text: 错字, 多字, 漏字, 严重表述错误 and 标点.

``check(text)`` uses a shared default checker; build a ``TextChecker`` per site/county
configuration for batch work. See README.md in this folder.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from checks.text.checker import DEFAULT_MIN_CONFIDENCE, TextChecker
from checks.text.issue import KIND_LABELS, KINDS, TextIssue
from checks.text.phrases import Leader, WordingRule
from checks.text.sentences import sentence_of, split_sentences

__all__ = [
    "DEFAULT_MIN_CONFIDENCE",
    "KINDS",
    "KIND_LABELS",
    "Leader",
    "TextChecker",
    "TextIssue",
    "WordingRule",
    "check",
    "default_checker",
    "sentence_of",
    "split_sentences",
]

_default: TextChecker | None = None
_default_lock = threading.Lock()


def default_checker() -> TextChecker:
    """The process-wide checker with the shipped data only (built on first use)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = TextChecker()
        return _default


def check(
    text: str, *, extra_words: Iterable[str] = (), ignore: Iterable[str] = ()
) -> list[TextIssue]:
    """Check one text with the default checker.

    ``extra_words`` and ``ignore`` apply to this call only: the words are added to the
    default checker's dictionary for the call and removed afterwards, so one county's
    place names never affect another call.
    """
    return default_checker().check(text, extra_words=extra_words, ignore=ignore)
