"""The events stage: PLOVER events of the document, each dated against ``doc.published``."""

from __future__ import annotations

from bisect import bisect_left

from marsad.document import Document, Event
from marsad.events.dates import DateMention, find_sentence_dates
from marsad.events.lexicon import load_cues, word_key
from marsad.events.plover import drop_repeats, find_events
from marsad.text.tokens import token_keys, token_starts


def events_stage(doc: Document) -> Document:
    """``doc`` with ``doc.events`` set: typed, argued and dated PLOVER events, retellings dropped.

    Needs the text layer (tokens, sentences); uses entity mentions and quotes when present.

    Example: an article published 2025-05-12 saying "اقترح بوتين يوم الأحد محادثات مباشرة مع
    أوكرانيا." gets one REQUEST dated "2025-05-11" (date_how from the dates module).
    """
    dates: dict[int, list[DateMention]] = {}
    events = find_events(doc, dates)
    if any(e.date is None for e in events):
        date_by_meeting(events)
        date_by_lead(events, find_lead_day(doc, dates))
    doc.events = drop_repeats(events)
    return doc


def find_lead_day(doc: Document, known: dict[int, list[DateMention]] | None = None) -> str | None:
    """The day of the story: the first day the article's body names, or None.

    A news article leads with its news and dates it ("قال الكرملين يوم الأحد ..."); "since"
    dates and months or years do not count. A second article on a page ("<page>#2") has no
    publication date of its own, so its relative dates are not resolved.

    ``known`` holds sentences already read (by start), as find_events leaves them.

    Example: a body opening "أعلن الكرملين يوم الأحد ..." published Monday 2025-05-12 gives "2025-05-11".
    """
    published = None if doc.part_of else doc.published
    body = [s for s in doc.sentences if s.start >= doc.body_start]
    starts, keys = token_starts(doc), token_keys(doc)
    for sentence in body:
        found = (known or {}).get(sentence.start)
        if found is None:
            text = doc.text[sentence.start:sentence.end]
            found = find_sentence_dates(text, published, keys[bisect_left(starts, sentence.start):
                                                                bisect_left(starts, sentence.end)])
        for mention in found:
            if mention.value and len(mention.value) == 10 and not mention.how.startswith("since-"):
                return mention.value
    return None


def date_by_lead(events: list[Event], lead_day: str | None) -> list[Event]:
    """``events`` with each undated one dated by the lead day (``date_how="story-day"``).

    An undated sentence in a story about one day ("شكر بوتين الصين ...") most likely reports
    that day's events: the reader of the article would put it there on a timeline.
    """
    if lead_day:
        for event in events:
            if event.date is None:
                event.date, event.date_how = lead_day, "story-day"
    return events


def date_by_meeting(events: list[Event]) -> list[Event]:
    """``events`` with each undated one said to be hours before or after a meeting ("قبل ساعات من
    الاجتماع، حذر بوتين ...") dated by the first meeting (CONSULT) the article dates itself.

    Example: a meeting "يوم الثلاثاء" (2025-12-02) dates "وقبل ساعات من الاجتماع، أصدر بوتين تحذيرا"
    to "2025-12-02", with ``date_how="meeting-day"``.
    """
    meeting = next((e for e in events if e.type == "CONSULT" and e.date and len(e.date) == 10
                    and not e.negated), None)
    if meeting is None:
        return events
    cues = load_cues()["hours"]
    for event in events:
        text = f" {word_key(event.evidence)} "
        if event.date is None and any(f" {cue} " in text or f" و{cue} " in text for cue in cues):
            event.date, event.date_how = meeting.date, "meeting-day"
    return events
