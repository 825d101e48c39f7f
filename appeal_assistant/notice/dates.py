"""Dates in notices: the notice's own date (from its header lines) and the deadline to answer by."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta

from appeal_assistant.notice.asks import (
    DEADLINE_ACTION_CUES,
    DEADLINE_NOT_BEFORE,
    DEADLINE_SKIP_CUES,
    NUMBER_WORDS,
)
from appeal_assistant.notice.text import Document, Segment, clean_evidence

__all__ = [
    "MONTHS",
    "Deadline",
    "InlineHeaders",
    "add_business_days",
    "find_date",
    "find_deadline",
    "inline_headers",
]

#: Month names and abbreviations (English, and German for Amazon.de notices).
# fmt: off
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "januar": 1, "february": 2, "feb": 2, "februar": 2, "march": 3, "mar": 3,
    "märz": 3, "maerz": 3, "april": 4, "apr": 4, "may": 5, "mai": 5, "june": 6, "jun": 6, "juni": 6,
    "july": 7, "jul": 7, "juli": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12, "dezember": 12, "dez": 12,
}
# fmt: on
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_RE = (
    rf"(?<![\d-])(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})(?!\d)"
    rf"|\b(?P<mm>{_MONTH})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>\d{{4}})\b"
    rf"|\b(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<dm>{_MONTH})\.?,?\s+(?P<dy>\d{{4}})\b"
    rf"|(?<![\d./-])(?P<n1>\d{{1,2}})(?P<sep>[./-])(?P<n2>\d{{1,2}})(?P=sep)(?P<ny>\d{{4}})(?!\d)"
)
_DATE = re.compile(_DATE_RE, re.IGNORECASE)
_HEADER = re.compile(
    r"^[ \t>]*(From|To|Cc|Date|Sent|Subject|Datum|Von|Betreff|Gesendet)[ \t]*:[ \t]*(.*)$",
    re.IGNORECASE | re.MULTILINE,
)
_NUMBER = r"\d{1,3}|" + "|".join(NUMBER_WORDS)
_UNIT = r"(?P<kind>calendar\s+|business\s+|working\s+)?(?P<unit>days?|hours?)\b"
_RELATIVE = re.compile(
    rf"\b(?:within|in)\s+(?:the\s+)?(?:next\s+)?(?P<n>{_NUMBER})\s*(?:\(\d{{1,3}}\)\s*)?{_UNIT}"
    rf"|\byou have\s+(?P<n2>{_NUMBER})\s+(?P<kind2>calendar\s+|business\s+|working\s+)?"
    rf"(?P<unit2>days?|hours?)\s+to\b",
    re.IGNORECASE,
)
_ABSOLUTE = re.compile(
    rf"\b(?:by|before|no later than|until|on or before|deadline(?: is|:)?)\s+(?:the\s+)?"
    rf"(?:[a-z]+day,?\s+)?(?:{_DATE_RE})",
    re.IGNORECASE,
)
_ACTION = re.compile(DEADLINE_ACTION_CUES, re.IGNORECASE)
_NOT_BEFORE = re.compile(DEADLINE_NOT_BEFORE, re.IGNORECASE)
_SKIP = re.compile(DEADLINE_SKIP_CUES, re.IGNORECASE)
_REQUESTER = re.compile(r"\b(?:you|your|please|must|need to|required)\b", re.IGNORECASE)
_IMPERATIVE = re.compile(
    r"^(?:[-*•(\d.)\s]+)?(?:send|submit|provide|create|upload|reply|respond|appeal|contact|confirm"
    r"|remove|complete)\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _to_date(m: re.Match[str], day_first: bool) -> date | None:
    try:
        if m.group("iy"):
            return date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        if m.group("mm"):
            return date(int(m.group("my")), MONTHS[m.group("mm").lower()], int(m.group("md")))
        if m.group("dm"):
            return date(int(m.group("dy")), MONTHS[m.group("dm").lower()], int(m.group("dd")))
        first, second = int(m.group("n1")), int(m.group("n2"))
        if m.group("sep") == "." or first > 12:
            day_first = True
        elif second > 12:
            day_first = False
        day, month = (first, second) if day_first else (second, first)
        return date(int(m.group("ny")), month, day)
    except (ValueError, KeyError):
        return None


def find_date(text: str, *, day_first: bool) -> date | None:
    """The first valid date written in ``text`` (ISO, 'November 3, 2026', '3 Nov 2026', 03/11/2026)."""
    for m in _DATE.finditer(text):
        found = _to_date(m, day_first)
        if found is not None:
            return found
    return None


@dataclass(frozen=True, slots=True)
class InlineHeaders:
    """From / Date / Subject lines written in the text (a pasted or forwarded e-mail)."""

    sender: str | None = None
    subject: str | None = None
    date_text: str | None = None

    def date(self, *, day_first: bool) -> date | None:
        return find_date(self.date_text, day_first=day_first) if self.date_text else None


def inline_headers(text: str) -> InlineHeaders:
    """The innermost header block: in a forwarded mail, the original message's headers come last."""
    blocks: list[dict[str, str]] = []
    last_line = -2
    for m in _HEADER.finditer(text):
        line = text.count("\n", 0, m.start())
        if line > last_line + 1 or not blocks:
            blocks.append({})
        name = m.group(1).lower()
        key = {"sent": "date", "datum": "date", "gesendet": "date", "von": "from", "betreff": "subject"}.get(
            name, name
        )
        blocks[-1].setdefault(key, m.group(2).strip())
        last_line = line
    for block in reversed(blocks):
        if "date" in block or "from" in block:
            sender = block.get("from")
            email = _EMAIL.search(sender or "")
            return InlineHeaders(
                sender=email.group(0) if email else (sender or None),
                subject=block.get("subject") or None,
                date_text=block.get("date") or None,
            )
    return InlineHeaders()


def add_business_days(start: date, days: int) -> date:
    """``start`` plus ``days`` working days (Saturdays and Sundays skipped; holidays are not known)."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


@dataclass(frozen=True, slots=True)
class Deadline:
    days: int | None
    date: date | None
    evidence: str


def _asks_seller(seg: Segment, start: int) -> bool:
    text = seg.text
    return (
        _ACTION.search(text) is not None
        and (_REQUESTER.search(text) is not None or _IMPERATIVE.match(text) is not None)
        and _SKIP.search(text) is None
        and _NOT_BEFORE.search(text[:start]) is None
    )


def _number(raw: str) -> int:
    return int(raw) if raw.isdigit() else NUMBER_WORDS[raw.lower()]


def find_deadline(doc: Document, *, notice_date: date | None, day_first: bool) -> Deadline | None:
    """The date to answer by: an explicit date wins, else 'within N days / hours' of the notice."""
    for seg in doc.candidates(_ABSOLUTE):
        for m in _ABSOLUTE.finditer(seg.text):
            found = _to_date(m, day_first)
            if found is not None and _asks_seller(seg, m.start()):
                days = (found - notice_date).days if notice_date and found >= notice_date else None
                return Deadline(days, found, clean_evidence(seg.text))
    for seg in doc.candidates(_RELATIVE):
        for m in _RELATIVE.finditer(seg.text):
            if not _asks_seller(seg, m.start()):
                continue
            n = _number(m.group("n") or m.group("n2"))
            unit = (m.group("unit") or m.group("unit2")).lower()
            business = (m.group("kind") or m.group("kind2") or "").strip().lower() in ("business", "working")
            days = math.ceil(n / 24) if unit.startswith("hour") else n
            if days <= 0 or days > 366:
                continue
            deadline = None
            if notice_date is not None:
                deadline = (
                    add_business_days(notice_date, days) if business else notice_date + timedelta(days=days)
                )
            return Deadline(days, deadline, clean_evidence(seg.text))
    return None
