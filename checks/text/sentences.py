"""Sentence boundaries with offsets, so an issue can be stored next to its sentence."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

# A sentence ends at 。！？ (and their half-width forms), optionally followed by closing
# quotes/brackets, or at a line break; ；and … also close a sentence for display purposes.
_END = re.compile(r"(?:[。！？!?；;]|…+)[”’」』）)》]*|\n")
# where a text may be cut without cutting a word: after a full stop or a line break
SENTENCE_END = re.compile(r"[。！？!?\n][”’」』）)》]*")


def split_sentences(text: str) -> list[tuple[str, int]]:
    """``[(sentence, offset), ...]`` covering ``text``; whitespace-only pieces are dropped."""
    out: list[tuple[str, int]] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        piece = text[start:end]
        if piece.strip():
            out.append((piece.rstrip("\n"), start))
        start = end
    if start < len(text) and text[start:].strip():
        out.append((text[start:], start))
    return out


def sentence_of(text: str, start: int, end: int | None = None) -> tuple[str, int]:
    """The sentence containing ``text[start:end]`` and the sentence's offset in ``text``.

    A span crossing a sentence end returns the run of sentences that covers it.
    """
    end = start + 1 if end is None else max(end, start + 1)
    sentences = split_sentences(text)
    first = last = None
    for sent, off in sentences:
        if first is None and start < off + max(len(sent), 1):
            first = (sent, off)
        if off < end:
            last = (sent, off)
    if first is None or last is None:
        return text, 0
    a, b = first[1], last[1] + len(last[0])
    return text[a:b], a


class SentenceIndex:
    """``sentence_of`` for many spans of one text: the sentences are split once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences = split_sentences(text)
        self._ends = [off + max(len(s), 1) for s, off in self.sentences]
        self._starts = [off for _, off in self.sentences]

    def sentence(self, start: int, end: int | None = None) -> tuple[str, int]:
        """The same answer as ``sentence_of(text, start, end)``."""
        end = start + 1 if end is None else max(end, start + 1)
        first = bisect_right(self._ends, start)
        last = bisect_left(self._starts, end) - 1
        if first >= len(self.sentences) or last < 0:
            return self.text, 0
        a = self.sentences[first][1]
        s, off = self.sentences[last]
        return self.text[a : off + len(s)], a
