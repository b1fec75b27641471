"""Quotation-mark pairing for Arabic news: every mark style, mixed and unbalanced pairs.

Arabic sites use « », “ ”, „ “, ‘ ’ and straight quotes, often mixed ("”…”",
"“…\"") and sometimes unbalanced. A mark's role (opening or closing) is read
from what stands around it, not from its glyph alone; guillemets nest other
marks inside them. A quote left open runs to the next opening mark or to the
end of its paragraph (the convention for a quote that goes on in the next one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.text.sentences import strip_offsets

_FAMILY = {"«": "G", "»": "G", "“": "D", "”": "D", "„": "D", "‟": "D", '"': "D", "‘": "S", "’": "S"}
_MARK = re.compile("[«»“”„‟\"‘’]")
_BEFORE_OPENING = set(" \t([{:—–-/") | {""}
_AFTER_CLOSING = set(" \t.,،؛;:!?؟)]}…—–-") | {""}


@dataclass(frozen=True)
class QuotedSpan:
    """The text between two marks: ``start``/``end`` exclude the marks; ``closed`` is False when
    the closing mark was missing and the span ends at the next opening mark or the paragraph end."""

    open_mark: int
    start: int
    end: int
    closed: bool


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Outermost quoted spans of ``text``, paragraph by paragraph, stripped of surrounding space.

    Example: [text[s.start:s.end] for s in find_quoted_spans(text := 'قال: ”نحن هنا الآن”')]
    == ["نحن هنا الآن"]
    """
    if not _MARK.search(text):  # most sentences the event stage asks about quote nobody
        return []
    spans: list[QuotedSpan] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        left_open = bool(spans) and not spans[-1].closed and spans[-1].end == _previous_end(text, paragraph.start())
        spans.extend(_pair_marks(text, paragraph.start(), paragraph.end(), left_open))
    return [stripped for span in spans if (stripped := _strip(text, span)) is not None]


def _previous_end(text: str, start: int) -> int:
    """The end of the paragraph before the one starting at ``start``."""
    return len(text[:start].rstrip("\n"))


def _role(text: str, index: int, start: int, end: int, is_open: bool) -> str:
    mark = text[index]
    if mark == "«":
        return "open"
    if mark == "»":
        return "close"
    before = text[index - 1] if index > start else ""
    after = text[index + 1] if index + 1 < end else ""
    if mark in "‘’" and before.isascii() and before.isalpha() and after.isascii() and after.isalpha():
        return "none"  # an apostrophe inside a Latin word: O’Brien
    if before == ":" or (before in _BEFORE_OPENING and after.isalnum()):
        return "open"
    if (before.isalnum() or before in ".!?؟…،,؛;)") and after in _AFTER_CLOSING:
        return "close"
    return "close" if is_open else "open"


def _pair_marks(text: str, start: int, end: int, left_open: bool = False) -> list[QuotedSpan]:
    """Quoted spans of the paragraph text[start:end]. ``left_open``: the paragraph before ended
    inside a quote, so a closing mark before any opening one ends that quote's last part here
    ("«… طرف.\n\nإن أمن روسيا خط أحمر»")."""
    spans: list[QuotedSpan] = []
    stack: list[tuple[int, str]] = []  # (mark offset, family) of the open quotes, outermost first
    for match in _MARK.finditer(text, start, end):
        index, family = match.start(), _FAMILY[match.group()]
        inner = [item for item in stack if item[1] == family]
        role = _role(text, index, start, end, bool(inner))
        if role == "none":
            continue
        if left_open and role == "close" and not stack and not spans:
            spans.append(QuotedSpan(start, start, index, True))  # no mark opens it: it goes on from above
            continue
        left_open = left_open and role != "open"
        if role == "open" and stack and stack[-1][1] != family:
            stack.append((index, family))  # a quote nested inside another kind of mark
        elif role == "open":
            if stack:  # an unclosed quote of this kind: it ends where the next one opens
                opened = stack.pop()[0]
                if not stack:
                    spans.append(QuotedSpan(opened, opened + 1, index, False))
            stack.append((index, family))
        elif inner:
            while stack and stack[-1][1] != family:
                stack.pop()
            opened = stack.pop()[0]
            if not stack:
                spans.append(QuotedSpan(opened, opened + 1, index, True))
    if stack:
        opened = stack[0][0]
        spans.append(QuotedSpan(opened, opened + 1, end, False))
    return spans


def _strip(text: str, span: QuotedSpan) -> QuotedSpan | None:
    start, stop = strip_offsets(text, span.start, span.end)
    return QuotedSpan(span.open_mark, start, stop, span.closed) if stop > start else None
