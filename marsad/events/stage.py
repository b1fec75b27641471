"""The events stage: PLOVER events of the document, each dated against ``doc.published``."""

from __future__ import annotations

from collections import Counter

from marsad.document import Document, Event
from marsad.events.dates import DateMention, detect_tense, find_dates
from marsad.events.plover import drop_repeats, find_events


def events_stage(doc: Document) -> Document:
    """``doc`` with ``doc.events`` set: typed, argued and dated PLOVER events, retellings dropped.

    Needs the text layer (tokens, sentences); uses entity mentions when present.

    Example: an article published 2025-05-11 saying "اقترح بوتين يوم الأحد محادثات مباشرة مع
    أوكرانيا." gets one REQUEST dated "2025-05-11" (date_how from the dates module).
    """
    found = find_dates(doc.text, doc.published)
    story_day = find_story_day(found)
    dated_sentences = {s.start: [] for s in doc.sentences if any(s.start <= m.start < s.end for m in found)}
    events = [date_event(doc, event, story_day, dated_sentences) for event in find_events(doc)]
    doc.events = drop_repeats(events)
    return doc


def sentence_dates(doc: Document, start: int, end: int) -> list[DateMention]:
    """Dated mentions of one sentence, "since" dates left out (they date a state, not an event)."""
    sentence = doc.text[start:end]
    found = find_dates(sentence, doc.published, tense=detect_tense(sentence))
    return [m for m in found if m.value and not m.how.startswith("since-")]


def find_story_day(found: list[DateMention]) -> str | None:
    """The day the story is about: the day the article's date mentions name most, or None.

    Example: an article that says "يوم الأحد" three times and "الجمعة" once has the
    Sunday as its story day.
    """
    days = Counter(m.value for m in found if m.value and len(m.value) == 10 and not m.how.startswith("since-"))
    return days.most_common(1)[0][0] if days else None


def date_event(doc: Document, event: Event, story_day: str | None,
               dates: dict[int, list[DateMention]]) -> Event:
    """``event`` dated by its sentence's date nearest the trigger, else by the story day.

    ``dates`` maps the start of each sentence that holds a date expression to its dates
    (filled on first use). An undated sentence in a story about one day ("شكر بوتين
    الصين ...") most likely reports that day's events; ``date_how`` is "story-day" then.
    """
    # Only sentences with a date expression are read again, with their own tense.
    if event.start in dates and not dates[event.start]:
        dates[event.start] = sentence_dates(doc, event.start, event.end)
    mentions = dates.get(event.start, [])
    if mentions:
        trigger = (event.trigger_start or event.start) - event.start
        nearest = min(mentions, key=lambda m: abs(m.start - trigger))
        event.date, event.date_how = nearest.value, nearest.how
    elif story_day:
        event.date, event.date_how = story_day, "story-day"
    return event
