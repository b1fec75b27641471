"""Sentence splitting that survives Arabic punctuation and quotes spanning sentences.

A sentence ends at . ! ? ؟ … or a line break, followed by space; never
inside a quotation, so «… انتهى. ثم …» stays one sentence when its closing
mark comes in the same paragraph. The Arabic comma and semicolon (، ؛) do
not end a sentence. Abbreviations such as "د." and single initials do not.
"""

from __future__ import annotations

import re

from marsad.document import Sentence

_OPENERS = {"«": "»", "“": "”", "„": "“", "‹": "›", "《": "》", "「": "」"}
_CLOSERS = {closing: opening for opening, closing in _OPENERS.items()}
_TERMINATORS = ".!?؟…"
_ABBREVIATION = re.compile(r"(?<!\S)(?:[\u0621-\u064aA-Za-z]|Mr|Dr|St|No|Jr|ج\.م)\.$")


def _quote_depth_changes(char: str, depth: int, straight_open: bool) -> tuple[int, bool]:
    if char in _OPENERS and not (char == "“" and depth > 0):
        return depth + 1, straight_open
    if char in _CLOSERS and depth > 0:
        return depth - 1, straight_open
    if char == '"':
        return (depth - 1, False) if straight_open else (depth + 1, True)
    return depth, straight_open


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` as offsets, stripped of surrounding space.

    Example: [text[s.start:s.end] for s in split_sentences("جاء. ثم ذهب؟ نعم")]
    == ["جاء.", "ثم ذهب؟", "نعم"]
    """
    sentences: list[Sentence] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        sentences.extend(_split_paragraph(text, paragraph.start(), paragraph.end()))
    return sentences


_SPECIAL = re.compile("[" + re.escape(_TERMINATORS + "".join(_OPENERS) + "".join(_CLOSERS) + '"') + "]")


def _split_paragraph(text: str, start: int, end: int) -> list[Sentence]:
    # A quote that never closes in this paragraph must not swallow it whole.
    closes = _quote_closes_in(text[start:end])
    result: list[Sentence] = []
    sentence_start = start
    depth, straight_open = 0, False
    resume = start
    for match in _SPECIAL.finditer(text, start, end):
        index = match.start()
        if index < resume:
            continue
        char = text[index]
        before = depth
        if closes:
            depth, straight_open = _quote_depth_changes(char, depth, straight_open)
        # A quote that closes right after a terminator ends the sentence with it.
        closed_after_stop = before > 0 and depth == 0 and text[index - 1] in _TERMINATORS
        if (char in _TERMINATORS and depth <= 0) or closed_after_stop:
            stop = index + 1
            while stop < end and (text[stop] in _TERMINATORS or text[stop] in _CLOSERS or text[stop] == '"'):
                stop += 1
            at_boundary = stop >= end or text[stop].isspace()
            if at_boundary and not (char == "." and _is_abbreviation(text, sentence_start, index)):
                result.append(Sentence(sentence_start, stop))
                sentence_start = resume = stop
    result.append(Sentence(sentence_start, end))
    return [stripped for s in result if (stripped := _strip(text, s)) is not None]


def _is_abbreviation(text: str, sentence_start: int, stop: int) -> bool:
    """Whether the full stop at ``stop`` ends an abbreviation ("د.", "ج.م.").

    An abbreviation is at most four characters with its stop: the search starts there, not at the
    start of the sentence (the lookbehind still sees the character before it).
    """
    return bool(_ABBREVIATION.search(text, max(sentence_start, stop - _LONGEST_ABBREVIATION + 1), stop + 1))


_LONGEST_ABBREVIATION = len("ج.م.")
_QUOTE_MARKS = re.compile("[" + re.escape("".join(_OPENERS) + "".join(_CLOSERS) + '"') + "]")


def _quote_closes_in(paragraph: str) -> bool:
    depth, straight_open = 0, False
    # Only quotation marks move the depth: visiting them alone skips the per-character loop.
    for char in _QUOTE_MARKS.findall(paragraph):
        depth, straight_open = _quote_depth_changes(char, depth, straight_open)
    return depth == 0 and not straight_open


def strip_offsets(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) narrowed past surrounding white space; start == end when nothing is left.

    Example: strip_offsets("  نعم ", 0, 6) == (2, 5)
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _strip(text: str, sentence: Sentence) -> Sentence | None:
    start, end = strip_offsets(text, sentence.start, sentence.end)
    return Sentence(start, end) if end > start else None
