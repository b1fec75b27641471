"""Arabic date expressions, resolved against the article's publication date.

"يوم الاثنين" in an article published Tuesday 2025-04-22 is 2025-04-21;
"16 مايو 2025" is 2025-05-16; "الشهر الماضي" is a month ("2025-03").
Month names of every series (مايو/أيار/ماي), weekdays, relative phrases with
their offsets and the cue words live in ``data/lexicons/*.tsv``; one regex is
compiled from them once and run over a normalised copy of the text.

Conventions (each result's ``how`` says which rule gave its ``value``):

- A bare weekday is the most recent one on or before the publication day;
  "الماضي/الماضية" forces a strictly earlier one, "المقبل/القادم" a strictly
  later one, and future tense (``tense="future"``) the next one on or after it.
- A week ("الأسبوع الماضي") is the ISO week (Monday-Sunday): its month
  "YYYY-MM" when the week lies in one month, else its year "YYYY".
- A day and month without a year take the year that puts them nearest the
  publication date (on or before it in the past tense, on or after it in
  the future tense); a bare month is the most recent one on or before the
  publication month unless the tense is future; "مارس الماضي" is the last
  March strictly before the publication month, "مارس المقبل" the next after.
- A bare 19xx/20xx number is a year only with a cue ("عام 2022", "في 2022") or
  right after a noun it labels ("اتفاق 2015", "انتخابات 2024 الرئاسية"): a count
  precedes its noun ("2022 جنديا") while a year follows one, so a number after a
  word and before no counted noun (the text ends, or punctuation, a word with the
  article, a particle, or a name follows) is a year; "نحو 2000" and "عدد القتلى
  2000" stay counts.
- Dates governed by "منذ" ("since ...") get ``how`` prefixed "since-":
  they date the start of a state, not the sentence's event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import compress

from marsad.errors import MarsadError
from marsad.text.normalize import NormalizedView, normalize_key, remove_diacritics
from marsad.lexicons import LexiconError, read_lexicon
from marsad.text.numbers import load_number_words

_YEAR = r"(?:19|20)\d\d(?!\d)"
_KINDS = ("point", "span", "duration", "ago", "weekday-past", "weekday-future", "part-of-day",
          "year-cue", "year-cue-outside", "month-cue", "count-cue", "count-head", "year-follower",
          "since", "since-filler", "future", "not-future")
_UNITS = ("day", "week", "month", "year")


class DateError(MarsadError):
    """A publication date is not an ISO date."""


@dataclass
class DateMention:
    """A date expression; ``value`` is ISO "YYYY-MM-DD", "YYYY-MM", "YYYY" or None."""

    start: int
    end: int
    text: str
    value: str | None
    how: str
    range_end: str | None = None


@dataclass(frozen=True)
class Relative:
    """A relative-date lexicon row: ``offset`` units from publication (count for durations)."""

    offset: int | None
    unit: str
    how: str


@dataclass(frozen=True)
class DateLexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    relatives: dict[str, dict[str, Relative]]  # kind -> normalised phrase -> row
    ordinals: dict[str, int] = field(default_factory=dict)  # "الثالث" -> 3: a day of the month in words


# ---------------------------------------------------------------- lexicons

@lru_cache(maxsize=1)
def load_date_lexicon() -> DateLexicon:
    """Month names, weekday names and relative phrases, normalised; loaded once.

    Example: load_date_lexicon().months["ايار"] == 5
    """
    months = {normalize_key(row["name"]): int(row["month"]) for row in read_lexicon("months")}
    weekdays = {normalize_key(row["name"]): int(row["weekday"]) for row in read_lexicon("weekdays")}
    relatives: dict[str, dict[str, Relative]] = {kind: {} for kind in _KINDS}
    for row in read_lexicon("relative_dates"):
        relatives[_check_kind(row)][normalize_key(row["phrase"])] = _read_relative(row)
    ordinals = {normalize_key(row["ordinal"]): int(row["day"]) for row in read_lexicon("ordinal_days")}
    return DateLexicon(months, weekdays, relatives, ordinals)


def _check_kind(row: dict[str, str]) -> str:
    if row["kind"] not in _KINDS:
        raise LexiconError(f"Unknown kind {row['kind']!r} for {row['phrase']!r} in "
                           f"relative_dates.tsv. Valid: {', '.join(_KINDS)}.")
    if row["unit"] and row["unit"] not in _UNITS:
        raise LexiconError(f"Unknown unit {row['unit']!r} for {row['phrase']!r} in "
                           f"relative_dates.tsv. Valid: {', '.join(_UNITS)}.")
    return row["kind"]


def _read_relative(row: dict[str, str]) -> Relative:
    offset = int(row["offset"]) if row["offset"] else None
    return Relative(offset, row["unit"], row["how"])


def _alternation(words) -> str:
    """A regex alternation of normalised phrases, longest first, spaces as \\s+."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered) + ")"


# ---------------------------------------------------------------- the regex

@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    """The one date pattern, compiled from the lexicons once."""
    parts = {name: _alternation(phrases) for name, phrases in _lexicon_parts().items()}
    return re.compile("".join(_TEMPLATE.split()).format(Y=_YEAR, **parts))


@lru_cache(maxsize=1)
def _lexicon_parts() -> dict[str, list[str]]:
    """The normalised phrases behind each {NAME} of the template but {Y}, the year."""
    lex = load_date_lexicon()
    rel = lex.relatives
    numbers = [w for w, entry in load_number_words().items() if entry.kind in ("unit", "ten")]
    return {
        "M": list(lex.months), "W": list(lex.weekdays), "REL": [*rel["point"], *rel["span"]],
        "AGO": list(rel["ago"]), "DUR": list(rel["duration"]),
        "NUM": numbers, "PAST": list(rel["weekday-past"]),
        "FUT": list(rel["weekday-future"]), "POD": list(rel["part-of-day"]),
        "YK": list(rel["year-cue"]), "YO": list(rel["year-cue-outside"]),
        "MC": list(rel["month-cue"]),
        "ORD": list(lex.ordinals),
        "RM": [phrase for phrase, row in rel["point"].items() if row.unit == "month"],
    }


# One alternative per expression shape, most specific first; white space in the
# template is layout only ({...} are lexicon alternations, \s marks real spaces).
_TEMPLATE = r"""
(?<!\w)[وف]?(?P<expr>
  (?P<iso>(?P<iso_y>{Y})-(?P<iso_m>\d\d?)-(?P<iso_d>\d\d?)(?!\d))
| (?P<dmy>(?P<dmy_a>\d\d?)[/.\-](?P<dmy_b>\d\d?)[/.\-](?P<dmy_y>{Y}))
| (?P<range>(?:(?:من|بين)\s+(?P<ra1>\d\d?)(?:\s+(?P<ram>{M}))?\s*(?:الي|حتي|و|-|–)\s*
             |(?P<rb1>\d\d?)\s*[-–]\s*)
    (?P<r2>\d\d?)\s+(?P<rm>{M})(?:\s*[/(\-]\s*{M}\s*\)?)?
    (?:\s*[،,]?\s*(?:من\s+)?(?:{YK}\s+)?(?P<ry>{Y}))?)
| (?P<dm>(?:(?:{POD}\s+)?(?P<dm_w>{W})\s*[،,]?\s*(?:الموافق\s+)?)?
    (?:(?P<dm_d>\d\d?)\s+(?:من\s+)?|(?P<dm_o>{ORD})\s+من\s+)(?P<dm_m>{M})(?:\s*[/(\-]\s*{M}\s*\)?)?
    (?:\s*[،,]?\s*(?:من\s+)?(?:{YK}\s+)?(?P<dm_y>{Y}))?(?!\w))
| (?P<dr>(?:يوم\s+)?(?:(?P<dr_d>\d\d?)|(?P<dr_o>{ORD}))\s+من\s+(?P<dr_p>{RM})(?!\w))
| (?P<my>(?P<my_m>{M})(?:\s*[/(\-]\s*{M}\s*\)?)?\s*[،,]?\s+(?:من\s+)?(?:{YK}\s+)?(?P<my_y>{Y}))
| (?P<rel>(?P<rel_p>{REL})(?!\w)(?:\s*[(،,\-]?\s*(?:يوم\s+)?(?P<rel_w>{W})(?!\w)\s*\)?)?)
| (?P<ago>{AGO}\s+(?:(?P<ago_n>\d+|{NUM})\s+)?(?P<ago_u>{DUR})(?!\w)(?!\s*\d)(?!\s+من(?!\w)))
| (?P<yr>(?:(?P<yr_o>{YO})\s+)?(?P<yr_s>(?:(?P<yr_k>{YK})\s+)?(?P<yr_y>{Y})(?![\-/.]\d)))
| (?P<mc>(?:(?P<mc_c>{MC})\s+)?(?P<mc_m>{M})(?!\w)(?:\s*[/(\-]\s*{M}\s*\)?)?
    (?:\s+(?:(?P<mc_past>{PAST})|(?P<mc_fut>{FUT}))
      |\s*[،,]?\s*(?:من\s+)?(?:{YK}\s+)?(?P<mc_y>{Y}))?)
| (?P<wd>(?:{POD}\s+)?(?P<wd_w>{W})(?!\w)(?:\s+(?:(?P<wd_past>{PAST})|(?P<wd_fut>{FUT})))?)
)(?!\w)
"""


# ---------------------------------------------------------------- pre-check

_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")


@lru_cache(maxsize=1)
def _anchor_words() -> frozenset[str]:
    """Words one of which every date expression without digits contains: its last word."""
    lex = load_date_lexicon()
    phrases = [*lex.months, *lex.weekdays]
    for kind in ("point", "span", "duration"):
        phrases.extend(lex.relatives[kind])
    return frozenset(phrase.split()[-1] for phrase in phrases)


def _has_candidate(text: str) -> bool:
    """Whether ``text`` may hold a date: a digit, or a month, weekday or relative word.

    A set lookup per distinct word, far cheaper than running the full pattern.
    """
    if _DIGIT.search(text):
        return True
    return any(map(_holds_anchor, map(normalize_key, set(_WORD.findall(remove_diacritics(text))))))


def _has_candidate_key(text: str, keys: list[str]) -> bool:
    return bool(_DIGIT.search(text)) or any(map(_holds_anchor, keys))


@lru_cache(maxsize=100_000)
def _holds_anchor(key: str) -> bool:
    """Whether a word's key is an anchor word, maybe after one or two clitic letters ("والجمعه").

    Cached by key: every word of every sentence is asked.
    """
    anchors = _anchor_words()
    return key in anchors or key[1:] in anchors or key[2:] in anchors


# ---------------------------------------------------------------- helpers

def parse_published(published: str | None) -> date | None:
    """The publication day of an ISO date or datetime string, or None when absent.

    Raises:
        DateError: ``published`` is not ISO "YYYY-MM-DD" (optionally with a time).

    Example: parse_published("2025-05-17T09:30:00") == date(2025, 5, 17)
    """
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        raise DateError(f"Publication date {published!r} is not ISO YYYY-MM-DD; "
                        "pass e.g. '2025-05-17' or None.") from None


def _normalized(text: str) -> NormalizedView:
    """A normalised view of ``text``; offsets are the identity when nothing is dropped."""
    if remove_diacritics(text) != text:
        return NormalizedView.of(text)
    return NormalizedView(text, _fold(text), ())


def _fold(text: str) -> str:
    """``text`` with the one-to-one folds applied.

    One str.replace per letter present: a sentence holds few of them, and
    str.translate would look every character up in a dict.
    """
    for letter, folded in _fold_pairs():
        if letter in text:
            text = text.replace(letter, folded)
    return text


@lru_cache(maxsize=1)
def _fold_pairs() -> tuple[tuple[str, str], ...]:
    # Only one-to-one folds (alef, ya, ta marbuta, digits), so offsets do not move. A folded
    # letter never folds again (normalize_key is idempotent), so the order of replaces is free.
    pairs = {}
    for code in range(0x0600, 0x0700):  # the Arabic block, Persian digits included
        folded = normalize_key(chr(code))
        if len(folded) == 1 and folded != chr(code):
            pairs[chr(code)] = folded
    return tuple(pairs.items())


def _span(view: NormalizedView, start: int, end: int) -> tuple[int, int]:
    """Original offsets of a hit in the view, keeping diacritics that end its last word."""
    if not view.offsets:
        return start, end
    start, end = view.span(start, end)
    while end < len(view.original) and not remove_diacritics(view.original[end]):
        end += 1
    return start, end


def _shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_of(name: str) -> int:
    return load_date_lexicon().months[normalize_key(" ".join(name.split()))]


def _weekday_of(name: str) -> int:
    return load_date_lexicon().weekdays[normalize_key(name)]


# ---------------------------------------------------------------- resolvers

def resolve_weekday(published: date, weekday: int, mode: str) -> date:
    """The ``weekday`` (0 = Monday) nearest ``published`` in direction ``mode``.

    mode: "past" (on or before), "strict-past", "future" (on or after), "strict-future".

    Example: resolve_weekday(date(2025, 5, 17), 4, "past") == date(2025, 5, 16)  # الجمعة
    """
    back = (published.weekday() - weekday) % 7
    if mode == "past":
        return published - timedelta(days=back)
    if mode == "strict-past":
        return published - timedelta(days=back or 7)
    ahead = (weekday - published.weekday()) % 7
    if mode == "future":
        return published + timedelta(days=ahead)
    return published + timedelta(days=ahead or 7)


def _weekday_how(found: date, published: date) -> str:
    if found == published:
        return "weekday-same-day"
    return "weekday-past" if found < published else "weekday-future"


def week_value(monday: date) -> str:
    """The month "YYYY-MM" of an ISO week lying in one month, else its year "YYYY".

    Example: week_value(date(2025, 4, 14)) == "2025-04"; week_value(date(2025, 3, 31)) == "2025"
    """
    sunday = monday + timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return _iso_month(monday.year, monday.month)
    return str((monday + timedelta(days=3)).year)  # the ISO week's own year


def _period_value(first: date, last: date) -> str | None:
    """The finest label covering both days: "YYYY-MM", "YYYY" or None."""
    if (first.year, first.month) == (last.year, last.month):
        return _iso_month(first.year, first.month)
    return str(first.year) if first.year == last.year else None


def _offset_value(published: date, offset: int, unit: str) -> str:
    """The day, week, month or year ``offset`` units from ``published``."""
    if unit == "day":
        return (published + timedelta(days=offset)).isoformat()
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=offset)
        return week_value(monday)
    if unit == "month":
        return _iso_month(*_shift_month(published.year, published.month, offset))
    return str(published.year + offset)


def _span_start(published: date, offset: int, unit: str) -> date:
    if unit in ("day", "week"):
        return published + timedelta(days=offset * (7 if unit == "week" else 1))
    if unit == "month":
        year, month = _shift_month(published.year, published.month, offset)
        return date(year, month, min(published.day, 28))
    return date(published.year + offset, published.month, min(published.day, 28))


def infer_year(published: date, month: int, day: int | None, tense: str | None) -> int:
    """The year of a day-month (or month) written without one, chosen around ``published``.

    Past tense: the latest on or before publication; future: the earliest on or
    after it; unknown: a day-month takes the nearest, a bare month the latest past.

    Example: infer_year(date(2025, 5, 11), 6, None, None) == 2024  # "في يونيو"
    """
    years = (published.year - 1, published.year, published.year + 1)
    if day is None:
        keys = [(year, (year, month), (published.year, published.month)) for year in years]
    else:
        keys = [(year, _make_date(year, month, day), published) for year in years
                if _make_date(year, month, day)]
    later = [year for year, key, anchor in keys if key >= anchor]
    earlier = [year for year, key, anchor in keys if key <= anchor]
    if tense == "future" and later:
        return min(later)
    if (tense == "past" or day is None) and earlier:
        return max(earlier)
    if not keys:  # "31 أبريل": no such day in any year
        return published.year
    return min(keys, key=lambda k: abs((k[1] - k[2]).days))[0]


# ---------------------------------------------------------------- one match

@dataclass
class _Context:
    published: date | None
    tense: str | None


def _read_iso(m: re.Match, ctx: _Context) -> tuple[str | None, str, str | None]:
    day = _make_date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    return (day.isoformat() if day else None), "numeric-date", None


def _read_dmy(m: re.Match, ctx: _Context) -> tuple[str | None, str, str | None]:
    first, second, year = int(m["dmy_a"]), int(m["dmy_b"]), int(m["dmy_y"])
    # Arabic press writes day first; a second field over 12 can only be a day.
    day, month = (second, first) if second > 12 >= first else (first, second)
    found = _make_date(year, month, day)
    return (found.isoformat() if found else None), "numeric-date", None


def _day_month(ctx: _Context, day: int, month: int, year: str | None) -> date | None:
    if year:
        return _make_date(int(year), month, day)
    if ctx.published is None or not 1 <= day <= 31:
        return None
    return _make_date(infer_year(ctx.published, month, day, ctx.tense), month, day)


def _read_range(m: re.Match, ctx: _Context) -> tuple[str | None, str, str | None]:
    end_month = _month_of(m["rm"])
    start_month = _month_of(m["ram"]) if m["ram"] else end_month
    end = _day_month(ctx, int(m["r2"]), end_month, m["ry"])
    start_day = int(m["ra1"] or m["rb1"])
    start = _make_date(end.year - (start_month > end_month), start_month, start_day) if end else None
    how = "range-day-month-year" if m["ry"] else "range-day-month"
    if start is None or end is None or start > end:
        return None, how, None
    return start.isoformat(), how, end.isoformat()


def _day_number(digits: str | None, ordinal: str | None) -> int:
    """A day written in digits ("3") or as an ordinal ("الثالث")."""
    return int(digits) if digits else load_date_lexicon().ordinals[normalize_key(ordinal)]


def _read_day_month(m: re.Match, ctx: _Context) -> tuple[str | None, str, str | None]:
    found = _day_month(ctx, _day_number(m["dm_d"], m["dm_o"]), _month_of(m["dm_m"]), m["dm_y"])
    how = "explicit-day-month-year" if m["dm_y"] else "explicit-day-month"
    return (found.isoformat() if found else None), how, None


def _read_day_of_relative_month(m: re.Match, ctx: _Context) -> tuple[str | None, str, str | None]:
    """"يوم 12 من الشهر الجاري", "في الثالث من الشهر الماضي": that day of the month the phrase names."""
    if ctx.published is None:
        return None, "day-of-relative-month", None
    row = load_date_lexicon().relatives["point"][normalize_key(m["dr_p"])]
    year, month = _shift_month(ctx.published.year, ctx.published.month, row.offset)
    found = _make_date(year, month, _day_number(m["dr_d"], m["dr_o"]))
    return (found.isoformat() if found else None), "day-of-relative-month", None


def _read_month_year(m: re.Match, ctx: _Context) -> tuple[str | None, str, str | None]:
    return _iso_month(int(m["my_y"]), _month_of(m["my_m"])), "explicit-month-year", None


def _read_cued_month(m: re.Match, ctx: _Context) -> tuple[str | None, str, str | None]:
    month = _month_of(m["mc_m"])
    if m["mc_y"]:
        return _iso_month(int(m["mc_y"]), month), "explicit-month-year", None
    if ctx.published is None:
        return None, "explicit-month", None
    if m["mc_past"] or m["mc_fut"]:
        year = _qualified_year(ctx.published, month, bool(m["mc_past"]))
        return _iso_month(year, month), "month-past" if m["mc_past"] else "month-future", None
    return _iso_month(infer_year(ctx.published, month, None, ctx.tense), month), "explicit-month", None


def _qualified_year(published: date, month: int, past: bool) -> int:
    """"مارس الماضي" is the last March before the publication month; "المقبل" the next after it."""
    if past:
        return published.year if month < published.month else published.year - 1
    return published.year if month > published.month else published.year + 1


def _read_year(m: re.Match, ctx: _Context) -> tuple[str | None, str, str | None]:
    return m["yr_y"], "explicit-year", None


def _read_relative_point(m: re.Match, ctx: _Context) -> tuple[str | None, str, str | None]:
    phrase = normalize_key(m["rel_p"])
    relatives = load_date_lexicon().relatives
    row = relatives["point"].get(phrase) or relatives["span"][phrase]
    if ctx.published is None:
        return None, row.how, None
    if phrase in relatives["span"]:
        first = _span_start(ctx.published, row.offset, row.unit)
        return _period_value(first, ctx.published), row.how, None
    value = _offset_value(ctx.published, row.offset, row.unit)
    if m["rel_w"] and row.unit == "day":
        return _check_named_day(ctx.published, row, value, _weekday_of(m["rel_w"]))
    return value, row.how, None


def _check_named_day(published: date, row: Relative, value: str,
                      weekday: int) -> tuple[str, str, None]:
    """"أمس الجمعة": the weekday wins when it disagrees with the offset (a re-published story)."""
    if date.fromisoformat(value).weekday() == weekday:
        return value, row.how, None
    mode = "strict-past" if row.offset < 0 else "past" if row.offset == 0 else "strict-future"
    found = resolve_weekday(published, weekday, mode)
    return found.isoformat(), _weekday_how(found, published), None


def _read_ago(m: re.Match, ctx: _Context) -> tuple[str | None, str, str | None]:
    row = load_date_lexicon().relatives["duration"][normalize_key(m["ago_u"])]
    count = _count_of(m["ago_n"]) if m["ago_n"] else row.offset
    how = f"ago-{row.unit}"
    if count is None or ctx.published is None:
        return None, how, None
    if row.unit == "week":
        return (ctx.published - timedelta(weeks=count)).isoformat(), how, None
    return _offset_value(ctx.published, -count, row.unit), how, None


def _count_of(number: str) -> int | None:
    if number.isdigit():
        return int(number)
    entry = load_number_words().get(normalize_key(number))
    return entry.value if entry else None


def _read_weekday(m: re.Match, ctx: _Context) -> tuple[str | None, str, str | None]:
    weekday = _weekday_of(m["wd_w"])
    if ctx.published is None:
        return None, "weekday", None
    if m["wd_past"]:
        mode = "strict-past"
    elif m["wd_fut"]:
        mode = "strict-future"
    else:
        mode = "future" if ctx.tense == "future" else "past"
    found = resolve_weekday(ctx.published, weekday, mode)
    return found.isoformat(), _weekday_how(found, ctx.published), None


_READERS = {
    "iso": _read_iso, "dmy": _read_dmy, "range": _read_range, "dm": _read_day_month,
    "dr": _read_day_of_relative_month,
    "my": _read_month_year, "rel": _read_relative_point, "ago": _read_ago, "yr": _read_year,
    "mc": _read_cued_month, "wd": _read_weekday,
}
# Where a mention's span starts: cue words like "في" stay outside it.
_SPAN_GROUP = {"yr": "yr_s", "mc": "mc_m"}


# ---------------------------------------------------------------- public API

def find_dates(text: str, published: str | None, *, tense: str | None = None) -> list[DateMention]:
    """Date expressions in ``text``, each resolved against the publication date.

    Args:
        text: any text; offsets of the results index it.
        published: ISO publication date, or None (relative dates then get value None).
        tense: "past", "future" or None (unknown) for the verb the dates go with.

    Raises:
        DateError: ``published`` is not an ISO date, or ``tense`` is not a valid choice.

    Example: find_dates("التقى الوفدان أمس الجمعة", "2025-05-17")[0].value == "2025-05-16"
    """
    if tense not in (None, "past", "future"):
        raise DateError(f"Unknown tense {tense!r}. Valid: 'past', 'future' or None.")
    ctx = _Context(parse_published(published), tense)
    if not _has_candidate(text):
        return []
    return _find_in_view(_normalized(text), ctx)


def _find_in_view(view: NormalizedView, ctx: _Context, names: frozenset[int] = frozenset(),
                  by_clause: bool = False) -> list[DateMention]:
    """The view's date mentions; with ``by_clause``, a future tense read off the text holds only
    from its marker's clause on (``_clause_context``)."""
    return [_make_mention(match, view, _clause_context(view.text, match, ctx) if by_clause else ctx)
            for match in find_date_matches(view.text) if not _is_bare(match, view, names)]


_COMPLEMENTIZER = re.compile(r"(?<!\w)(ان|انه|انها|انهم|بان|بانه|بانها)(?!\w)")


def _clause_context(normalized: str, match: re.Match, ctx: _Context) -> _Context:
    """The context a date is read in: the future only when a future marker comes before the end of
    its clause. "أعلن مساء السبت أن مقاتليه سيعودون" dates the announcement to the past Saturday;
    "من المقرر أن يلتقيا يوم السبت" keeps the coming one (the clause goes on from its marker)."""
    if ctx.tense != "future":
        return ctx
    following = _COMPLEMENTIZER.search(normalized, match.end())
    clause_end = following.start() if following else len(normalized)
    return ctx if _tense_of(normalized[:clause_end]) == "future" else _Context(ctx.published, None)


def find_date_matches(normalized: str) -> list[re.Match]:
    """The matches of ``_pattern().finditer(normalized)``, the pattern tried only where a date may open.

    The pattern is costly at every word start, and most words open no date: a
    cached test per word (``_may_open``) skips them. A match opens at a word
    start (after no word character), so trying those in order finds what finditer finds.

    Example: [m["expr"] for m in find_date_matches("وصل امس الجمعه")] == ["امس الجمعه"]
    """
    pattern = _pattern()
    if "" in _opening_words():  # a phrase opening with punctuation: no word test is safe
        return list(pattern.finditer(normalized))
    matches: list[re.Match] = []
    position = 0
    words = list(_WORD_RUN.finditer(normalized))
    # The cached word test runs in C over the words: the loop only visits those that may open a date.
    for word in compress(words, map(_may_open, map(re.Match.group, words))):
        if word.start() >= position:
            match = pattern.match(normalized, word.start())
            if match:
                matches.append(match)
                position = match.end()
    return matches


_WORD_RUN = re.compile(r"\w+")


@lru_cache(maxsize=100_000)
def _may_open(word: str) -> bool:
    """Whether a date expression may open at this word: a digit or an opening word, after و/ف."""
    openings, lengths = _opening_words(), _opening_lengths()
    for candidate in (word, word[1:] if word[0] in "وف" else ""):
        if candidate[:1].isdecimal() or any(candidate[:n] in openings for n in lengths):
            return True
    return False


# What the alternatives of _TEMPLATE open with, besides digits: a phrase of one of these parts, or
# one of these words. The other parts (durations, number words, "الماضي", a month after a day) and
# template words ("الي", "الموافق", و) only ever follow: a word they open is no date's first word.
# Keep both in step with the template.
_OPENING_PARTS = ("M", "W", "REL", "AGO", "POD", "YO", "YK", "MC", "ORD")
_OPENING_TEMPLATE_WORDS = ("من", "بين", "يوم")


@lru_cache(maxsize=1)
def _opening_words() -> frozenset[str]:
    """What a date expression may open with, up to the first non-word character; a superset.

    Every alternative of the template opens with a digit, a phrase of an opening part or
    an opening word of the template itself (``_OPENING_PARTS``, ``_OPENING_TEMPLATE_WORDS``).
    """
    parts = _lexicon_parts()
    phrases = [phrase for part in _OPENING_PARTS for phrase in parts[part] if phrase.strip()]
    words = {re.match(r"\w*", phrase.split()[0]).group() for phrase in phrases}
    return frozenset(words | set(_OPENING_TEMPLATE_WORDS))


@lru_cache(maxsize=1)
def _opening_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(word) for word in _opening_words()}))


def _is_bare(match: re.Match, view: NormalizedView, names: frozenset[int] = frozenset()) -> bool:
    """A year or month name with no cue: "2022 جنديا" is a count, "مارس الضغط" a verb.

    A year right after a noun it labels ("اتفاق 2015") is no bare year: ``labels_noun``.
    """
    if match["yr"] is not None:
        return not (match["yr_o"] or match["yr_k"] or labels_noun(view, match.start("yr_y"),
                                                                  match.end("yr_y"), names))
    if match["mc"] is not None:
        return not (match["mc_c"] or match["mc_past"] or match["mc_fut"] or match["mc_y"])
    return False


_LETTERS = re.compile(r"[^\W\d_]+")
_AFTER = re.compile(r"\s*(\w+)?")


def labels_noun(view: NormalizedView, start: int, end: int, names: frozenset[int] = frozenset()) -> bool:
    """Whether the year at ``start``..``end`` of ``view.text`` follows a noun it labels.

    Arabic puts a count before its noun ("2022 جنديا") and a year after one ("صفقة 2022"): the
    number must follow a word, no count cue may stand right before it ("نحو 2000") nor a count
    head in the three words before ("عدد القتلى 2000"), and no counted noun may follow: only the
    end, punctuation, a word with the article, a particle ("في", "لم") or a name (whose start,
    an offset into ``view.original``, is in ``names``; names are never counted) may.

    Example: "وقع الطرفان اتفاق 2015 النووي" -> True; "أسقطت الدفاعات 1200 مسيرة" -> False
    """
    before = _words_before(view.text, start)
    if not before or _counts(before):
        return False
    after = _AFTER.match(view.text, end)
    follower = after.group(1)
    if follower is None:
        return True
    return (_is_definite(follower) or _bare_key(follower) in _relatives("year-follower")
            or _span(view, after.start(1), after.end(1))[0] in names)


def _words_before(text: str, start: int) -> list[str]:
    """Up to three words right before ``start``, nearest last, stopping at punctuation or a number."""
    if start == 0 or not text[start - 1].isspace():  # "و2022", "،2022": no word right before
        return []
    words = []
    for word in reversed(text[max(0, start - 60):start].split()[-3:]):
        if not _LETTERS.fullmatch(word):
            break
        words.insert(0, word)
    return words


def _counts(words: list[str]) -> bool:
    # The last word is right before the number; a count head may stand up to three words back.
    heads = _relatives("count-head")
    return _bare_key(words[-1]) in _relatives("count-cue") or any(_bare_key(w) in heads for w in words)


def _is_definite(word: str) -> bool:
    # A counted noun has no article ("2000 جندي"); "الف" is the number word ألف, not al- + ف.
    if word.startswith("لل") and len(word) > 3:  # ل + ال: "للعام", "للرئيس"
        return True
    stem = word[1:] if word[:1] in "وفبلك" and word[1:3] == "ال" else word
    return stem.startswith("ال") and len(stem) > 3 and stem not in load_number_words()


def _bare_key(word: str | None) -> str:
    """``word`` without a leading و/ف (already normalised)."""
    if word and len(word) > 2 and word[0] in "وف":
        return word[1:]
    return word or ""


@lru_cache(maxsize=None)
def _relatives(kind: str) -> frozenset[str]:
    return frozenset(load_date_lexicon().relatives[kind])


def _make_mention(match: re.Match, view: NormalizedView, ctx: _Context) -> DateMention:
    kind = next(name for name in _READERS if match[name] is not None)
    value, how, range_end = _READERS[kind](match, ctx)
    start, end = _span(view, match.start(_SPAN_GROUP.get(kind, "expr")), match.end("expr"))
    if kind != "ago" and _follows_since(view.text, match.start(_SPAN_GROUP.get(kind, "expr"))):
        how = "since-" + how
    return DateMention(start, end, view.original[start:end], value, how, range_end)


def _follows_since(normalized: str, start: int) -> bool:
    """Whether "منذ" (plus at most two filler words like "مطلع عام") comes right before."""
    return bool(_since_pattern().search(normalized, max(0, start - 40), start))


@lru_cache(maxsize=1)
def _since_pattern() -> re.Pattern:
    relatives = load_date_lexicon().relatives
    since, filler = _alternation(relatives["since"]), _alternation(relatives["since-filler"])
    return re.compile(rf"(?<!\w)[وف]?{since}\s+(?:{filler}\s+){{0,2}}$")


def detect_tense(sentence: str) -> str | None:
    """"future" when the sentence has a future marker (سوف، من المقرر، المقبل، a سـ verb), else None.

    Example: detect_tense("سيلتقي الرئيسان الخميس") == "future"
    """
    return _tense_of(_normalized(sentence).text)


_SA_WORD = re.compile(r"(?<!\w)[وف]?(س[يتن]\w{2,})")  # a word that may be a سـ future verb


def _tense_of(normalized: str) -> str | None:
    if _future_pattern().search(normalized):
        return "future"
    for match in _SA_WORD.finditer(normalized):
        if _is_future_verb(match.group(1)):
            return "future"
    return None


def _is_future_verb(word: str) -> bool:
    """Whether a سي/ست/سن word is a future verb rather than a noun or name (سياسة، سنة)."""
    excluded = load_date_lexicon().relatives["not-future"]
    prefixes = tuple(entry[:-1] for entry in excluded if entry.endswith("*"))
    return word not in excluded and not word.startswith(prefixes)


@lru_cache(maxsize=1)
def _future_pattern() -> re.Pattern:
    markers = _alternation(load_date_lexicon().relatives["future"])
    return re.compile(rf"(?<!\w)[وف]?{markers}(?!\w)")


def find_sentence_dates(sentence: str, published: str | None, keys: list[str] | None = None,
                        names: frozenset[int] = frozenset()) -> list[DateMention]:
    """Date expressions of one sentence, read with the sentence's own tense (``detect_tense``).

    The cheap candidate check runs first, so a sentence without a date costs no tense reading;
    ``keys``, the sentence's words already through ``normalize_key``, make it cheaper still;
    ``names``, the offsets where names of people, places or bodies start, show a number before
    one to be a year ("صفقة 2022 روسيا وأوكرانيا"): names are never counted.

    Example: find_sentence_dates("سيلتقي الوفدان الخميس", "2025-05-17")[0].value == "2025-05-22"
    """
    if not (_has_candidate(sentence) if keys is None else _has_candidate_key(sentence, keys)):
        return []
    view = _normalized(sentence)  # normalised once for both the tense and the dates
    return _find_in_view(view, _Context(parse_published(published), _tense_of(view.text)), names, by_clause=True)


def resolve_sentence_date(sentence: str, published: str | None) -> DateMention | None:
    """The date the sentence's event happened: its first date that is not a "since" date.

    The tense comes from ``detect_tense``; mentions without a value are skipped.

    Example: resolve_sentence_date("وصل الوفد يوم الاثنين إلى إسطنبول", "2025-04-22").value == "2025-04-21"
    """
    for mention in find_dates(sentence, published, tense=detect_tense(sentence)):
        if mention.value and not mention.how.startswith("since-"):
            return mention
    return None
