"""Seller answers made fit for a plan: dates in one format, fillers and lead-ins gone.

An answer is what the seller typed, so it is kept word for word except for what makes it read as part
of a plan: relative dates ("yesterday", "next Monday") resolved against the case date, written dates
turned into ISO form, fillers ("um", "well,", "yes,") and repeated lead-ins ("the root cause was ...")
removed and doubled words collapsed (the template capitalises an answer that starts a sentence). An answer that does not answer its
question (no date where a date was asked, "done" where an action was asked, a hedge such as
"probably") is not used: the placeholder stays and the question is asked again with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from appeal_assistant.notice.dates import MONTHS

__all__ = [
    "SKIP_WORDS",
    "Expects",
    "NormalizedAnswer",
    "find_dates",
    "normalize_answer",
]

Expects = Literal["text", "date", "person", "number", "ids", "yes_no"]

_I = re.IGNORECASE
#: Replies that mean "no answer yet": the placeholder stays, nothing is reported.
SKIP_WORDS = re.compile(
    r"^\W*(?:i\s+(?:do\s*n[o']?t|dont)\s+know|don'?t\s+know|dunno|idk|no\s+idea|not\s+sure|unsure|n/?a|na|none yet"
    r"|skip|pass|later|tbd|tba|to be (?:decided|confirmed)|\?+|-+|\.+)\W*$",
    _I,
)
_HEDGES = re.compile(
    r"\b(?:probably|maybe|perhaps|i (?:think|guess|believe|suppose)|not (?:sure|certain)|possibly"
    r"|hopefully|roughly|approximately|approx\.?|around|about \d|sometime|some time|soonish|kind of|sort of"
    r"|i'?m not sure|might have|may have been)\b|\?\s*$",
    _I,
)
_FILLERS = re.compile(
    r"^(?:(?:um+|uh+|er+|hm+|well|so|ok(?:ay)?|yes|yeah|yep|yup|sure|right|basically|honestly|actually)\b"
    r"[\s,.:;!-]*|(?:answer|a|q)\s*:\s*)+",
    _I,
)
_LEAD_INS = re.compile(
    r"^(?:(?:the|our)\s+)?(?:(?:root\s+)?cause|reason|problem|issue)\s+(?:was|is|were)\s+(?:that\s+)?"
    r"|^what (?:happened|went wrong) (?:was|is)\s+(?:that\s+)?"
    r"|^(?:it|this) (?:was|is) (?:because|due to)\s+(?:that\s+)?",
    _I,
)
_DOUBLED = re.compile(r"\b([A-Za-z]+)(\s+\1\b)+", _I)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = "|".join((*_WEEKDAYS, "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"))
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATES = re.compile(
    rf"(?<![\d-])(?P<iy>\d{{4}})[-/.](?P<im>\d{{1,2}})[-/.](?P<id>\d{{1,2}})(?!\d)"
    rf"|\b(?P<mm>{_MONTH})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<my>\d{{4}}))?\b"
    rf"|\b(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<dm>{_MONTH})\.?(?:,?\s+(?P<dy>\d{{4}}))?\b"
    rf"|(?<![\d./-])(?P<n1>\d{{1,2}})(?P<sep>[./-])(?P<n2>\d{{1,2}})(?:(?P=sep)(?P<ny>\d{{2}}|\d{{4}}))?(?![\d./-])"
    rf"|\b(?P<rel>today|yesterday|tomorrow|the day before yesterday|this morning|tonight|last night)\b"
    rf"|\b(?P<when>last|next|this|on|since)?\s*(?P<wd>{_WEEKDAY})\b\.?(?!s\b)"
    rf"|\b(?P<ago>\d{{1,3}}|a|one|two|three|four|five|six|seven|ten)\s+(?P<unit>days?|weeks?)\s+ago\b"
    rf"|\b(?P<vague>last week|this week|next week|last month|this month|next month|recently|a while ago)\b",
    _I,
)
_NUMBER_WORDS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "ten": 10,
}
_PERSON = re.compile(
    r"\b[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)+\b|\b(?:manager|owner|director|lead|head|supervisor|officer"
    r"|founder|ceo|coo|team|department|partner|coordinator|specialist|assistant)\b",
)
_EMPTY_ACTION = re.compile(
    r"^\W*(?:done|ok(?:ay)?|yes|no|fixed|sorted|handled|resolved|all good|nothing|n/a|see above|same|as above"
    r"|fine|correct|true|false)\W*$",
    _I,
)
_ID = re.compile(r"\b(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,}\b")


@dataclass(frozen=True, slots=True)
class NormalizedAnswer:
    """The answer as the plan uses it (``text``), or why it cannot be used (``problem``)."""

    text: str | None
    problem: str | None = None
    skipped: bool = False


def _weekday(name: str) -> int:
    name = name.lower()[:3]
    return [w[:3] for w in _WEEKDAYS].index(name)


def _resolve(m: re.Match[str], today: date | None, future: bool) -> tuple[date | None, str | None]:
    """One date mention -> (date, problem). Relative dates need ``today``; vague ones are asked back."""
    g = m.groupdict()
    if g["vague"]:
        return None, f"{m.group(0)!r} is not a date: give the day (for example 2026-11-03)"
    if g["iy"]:
        return _safe(int(g["iy"]), int(g["im"]), int(g["id"]), m)
    if g["mm"] or g["dm"]:
        month = MONTHS[(g["mm"] or g["dm"]).lower().rstrip(".")]
        day = int(g["md"] or g["dd"])
        year_text = g["my"] or g["dy"]
        if year_text:
            return _safe(int(year_text), month, day, m)
        return _without_year(month, day, today, future, m)
    if g["n1"]:
        first, second = int(g["n1"]), int(g["n2"])
        year_text = g["ny"]
        if year_text is None and g["sep"] == ".":
            return None, None  # '3.5' is a number, not a date
        if first <= 12 and second <= 12 and first != second and g["sep"] != ".":
            return None, (
                f"{m.group(0)!r} can be read two ways ({first} {_month_name(second)} or {second} "
                f"{_month_name(first)}): write the month as a word or as YYYY-MM-DD"
            )
        day, month = (first, second) if (g["sep"] == "." or first > 12) else (second, first)
        if year_text is None:
            return _without_year(month, day, today, future, m)
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        return _safe(year, month, day, m)
    if today is None:
        return None, f"{m.group(0)!r} depends on today's date, which this case does not know: give the date"
    if g["rel"]:
        word = g["rel"].lower()
        shift = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "last night": -1}.get(
            word, 0
        )
        return today + timedelta(days=shift), None
    if g["wd"]:
        target = _weekday(g["wd"])
        when = (g["when"] or "").lower()
        if when == "next" or (future and when in ("", "on", "from", "this")):
            ahead = (target - today.weekday()) % 7 or 7
            return today + timedelta(days=ahead), None
        back = (today.weekday() - target) % 7 or 7
        return today - timedelta(days=back), None
    if g["ago"]:
        n = _NUMBER_WORDS.get(g["ago"].lower()) or int(g["ago"])
        days = n * (7 if g["unit"].lower().startswith("week") else 1)
        return today - timedelta(days=days), None
    return None, None


def _month_name(month: int) -> str:
    return date(2000, month, 1).strftime("%B")


def _safe(year: int, month: int, day: int, m: re.Match[str]) -> tuple[date | None, str | None]:
    try:
        return date(year, month, day), None
    except ValueError:
        return None, f"{m.group(0)!r} is not a valid date"


def _without_year(
    month: int, day: int, today: date | None, future: bool, m: re.Match[str]
) -> tuple[date | None, str | None]:
    """'3 March' -> that day in the year that puts it closest to the case date (a start date may lie ahead)."""
    if today is None:
        return None, f"{m.group(0)!r} has no year: add it (for example {day} {_month_name(month)} 2026)"
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None, f"{m.group(0)!r} is not a valid date"
    # an action happened before the case date (answers come a few weeks after a notice: allow 60 days);
    # a start date lies after it (or shortly before)
    slack = timedelta(days=60)
    if future:
        ahead = [d for d in candidates if d >= today - slack]
        return (min(ahead) if ahead else max(candidates)), None
    past = [d for d in candidates if d <= today + slack]
    return (max(past) if past else min(candidates)), None


def find_dates(
    text: str, today: date | None, *, future: bool = False
) -> list[tuple[re.Match[str], date | None, str | None]]:
    """Every date mention in ``text`` with its resolved date or the reason it cannot be resolved."""
    out = []
    for m in _DATES.finditer(text):
        if m.group("wd"):
            after = text[m.end() : m.end() + 40]
            recurring = re.search(
                r"\b(?:every|each|on weekends|from|between|until|through)\s*$", text[: m.start()], _I
            )
            if recurring or re.match(r"\s*(?:\w+\s+)?(?:to|through|until|and|-)\s", after, _I):
                continue  # 'every Monday', 'from Friday evening to Sunday': a pattern, not a date
            if not m.group("when") and not re.fullmatch(r"\W*" + re.escape(m.group(0)) + r"\W*", text):
                continue  # a bare weekday ('Mon') is a date only after last/next/this/on/since
        resolved, problem = _resolve(m, today, future)
        if resolved is None and problem is None:
            continue
        out.append((m, resolved, problem))
    return out


_DAY_RANGE = re.compile(
    rf"\b(?P<a>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<j>and|to|or|-|–)\s+"
    rf"(?P<b>\d{{1,2}}(?:st|nd|rd|th)?\s+(?P<m>{_MONTH})\b(?P<y>,?\s+\d{{4}}\b)?)",
    _I,
)
_MONTH_RANGE = re.compile(
    rf"\b(?P<m>{_MONTH})\s+(?P<a>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<j>and|to|or|-|–)\s+(?P<b>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"\b(?P<y>,?\s+\d{{4}}\b)?(?!\s*(?:%|\d|(?:units?|orders?|items?|parcels?|packages?|pieces?|pcs|boxes|cartons?"
    rf"|buyers?|customers?|days?|weeks?|hours?)\b))",
    _I,
)


def _spell_out_ranges(text: str) -> str:
    """'5 and 6 November' -> '5 November and 6 November', so each day is read as a whole date."""
    text = _DAY_RANGE.sub(lambda m: f"{m['a']} {m['m']}{m['y'] or ''} {m['j']} {m['b']}", text)
    return _MONTH_RANGE.sub(
        lambda m: f"{m['m']} {m['a']}{m['y'] or ''} {m['j']} {m['m']} {m['b']}{m['y'] or ''}", text
    )


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    previous = None
    while previous != text:
        previous = text
        text = _FILLERS.sub("", text).strip()
        text = _LEAD_INS.sub("", text).strip()
    text = _DOUBLED.sub(lambda m: m.group(1), text)
    text = re.sub(r"\bi\b", "I", text)
    return text.rstrip(" .;,")


def normalize_answer(
    raw: str, *, expects: Expects = "text", today: date | None = None, future: bool = False
) -> NormalizedAnswer:
    """The answer as the plan will show it, or why it does not answer the question.

    ``future`` reads a bare weekday or month-day as the next one (a start date) instead of the last one.
    """
    text = _spell_out_ranges(re.sub(r"\s+", " ", raw or "").strip())
    if not text or SKIP_WORDS.match(text):
        return NormalizedAnswer(None, skipped=True)
    hedge = _HEDGES.search(text)
    if hedge is not None:
        return NormalizedAnswer(
            None, f"it sounds unsure ({hedge.group(0).strip()!r}): confirm the fact, or say 'I don't know'"
        )
    pieces: list[str] = []
    last = 0
    found_date = False
    for m, resolved, problem in find_dates(text, today, future=future):
        if problem is not None:
            return NormalizedAnswer(None, problem)
        assert resolved is not None
        found_date = True
        lead = (m.group("when") or "").lower() if m.group("wd") else ""
        keep = (
            f"{lead} "
            if lead in ("on", "since", "from")
            else ("on " if m.group("wd") or m.group("rel") else "")
        )
        if m.group("ago"):
            keep = "on "
        pieces.append(text[last : m.start()])
        pieces.append(keep + resolved.isoformat())
        last = m.end()
    pieces.append(text[last:])
    text = re.sub(r"\b(on|since|from)\s+on\b", r"\1", "".join(pieces), flags=_I)
    text = re.sub(r"^on (\d{4}-\d{2}-\d{2})$", r"\1", text.strip())
    text = _tidy(text)
    if not text:
        return NormalizedAnswer(None, skipped=True)
    if expects == "date" and not found_date:
        return NormalizedAnswer(None, "it gives no date: answer with the day, for example 2026-11-03")
    if expects == "date":
        dates = re.findall(r"\d{4}-\d{2}-\d{2}", text)
        rest = re.sub(r"\d{4}-\d{2}-\d{2}", " ", text).split()
        if len(dates) == 1 and len(rest) <= 6:  # 'we start on 2026-12-01', 'from 2026-12-01 onwards'
            text = dates[0]
    if expects == "person" and not _PERSON.search(raw):
        return NormalizedAnswer(
            None, "it names no person or role: give a name and a role, e.g. 'Dana Reyes, operations manager'"
        )
    if expects == "number" and not re.search(r"\d", text):
        return NormalizedAnswer(None, "it gives no number: answer with the count")
    if expects == "ids" and not _ID.search(text):
        return NormalizedAnswer(None, "it gives no id or number to check (invoice, order or removal ids)")
    if expects == "text" and _EMPTY_ACTION.match(text):
        return NormalizedAnswer(
            None, f"{text!r} does not say what happened: describe it in a sentence, with a date"
        )
    return NormalizedAnswer(text)
