"""Grounding: every number, percentage, date, id, name and document kind in a plan must come from a source.

Used by the reviewer (for any plan text) and by the LLM drafter's fact check. Sources are the notice,
the health report (metrics and findings), the seller's answers, retrieved passages and the offline
draft. Matching is deliberately literal and normalised (commas in numbers, date formats, rounding
of percentages), so a fact either traces back or is reported with the sentence it sits in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from appeal_assistant.models import HealthReport, Notice, Passage

__all__ = [
    "DOCUMENT_TERMS",
    "Sources",
    "UnsupportedFact",
    "build_sources",
    "extract_facts",
    "unsupported_facts",
]

FactKind = Literal["asin", "order_id", "percent", "date", "number", "name", "document"]

ASIN = re.compile(r"\bB0[A-Z0-9]{8}\b")
ORDER_ID = re.compile(r"\b\d{3}-\d{7}-\d{7}\b")
PERCENT = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d+)?)\s?%")
ISO_DATE = re.compile(r"\b(20\d{2})-(\d{2})-(\d{2})\b")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MON = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
LONG_DATE = re.compile(
    rf"\b(?:({_MONTHS}|{_MON})\.? (\d{{1,2}}),? (20\d{{2}})|(\d{{1,2}}) ({_MONTHS}|{_MON})\.?,? (20\d{{2}}))\b"
)
NUMBER = re.compile(r"(?<![\w.\-/$])\$?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\w%\-/]|\.\d)")
NAME = re.compile(r"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+)+|[A-Z]{2,}[a-z]*)\b")

#: Document kinds a plan may claim to attach; each must appear in a source (answers, notice, draft).
DOCUMENT_TERMS: dict[str, re.Pattern[str]] = {
    "invoice": re.compile(r"\binvoices?\b", re.I),
    "letter of authorization": re.compile(r"\b(letters? of authori[sz]ation|LOA)\b"),
    "retraction": re.compile(r"\bretractions?\b", re.I),
    "utility bill": re.compile(r"\butility bills?\b", re.I),
    "certificate": re.compile(r"\bcertificat(e|es|ion)\b", re.I),
    "test report": re.compile(r"\b(lab(oratory)? )?test reports?\b", re.I),
    "safety data sheet": re.compile(r"\bsafety data sheets?\b|\bSDS\b", re.I),
    "photos": re.compile(r"\bphotos?\b|\bphotographs?\b", re.I),
    "bank statement": re.compile(r"\bbank statements?\b", re.I),
}

#: Capitalised words that are never facts (headings, marketplace vocabulary, calendar words).
_COMMON_NAMES = {
    "Amazon",
    "Seller Central",
    "Account Health",
    "Plan",
    "Plan of Action",
    "Root",
    "Root Cause",
    "Corrective",
    "Preventive",
    "Supporting",
    "Documents",
    "We",
    "Our",
    "The",
    "This",
    "Every",
    "Each",
    "After",
    "For",
    "From",
    "Since",
    "Cause",
    "On",
    "In",
    "To",
    "Any",
    "All",
    "A-to-z",
    "Guarantee",
    "FBA",
    "MFN",
    "AFN",
    "ASIN",
    "ASINs",
    "SKU",
    "SKUs",
    "ODR",
    "LSR",
    "VTR",
    "OTDR",
    "US",
    "USA",
    "UK",
    "EU",
    "PDF",
    "ID",
    "IDs",
    "Business Solutions",
    "Agreement",
    "Order Defect Rate",
    "Late Shipment Rate",
    "Valid Tracking Rate",
    "On-Time Delivery Rate",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "eBay",
    "Walmart",
    "Hello",
    "Dear",
    "Thank",
    "Thanks",
    "Regards",
    "Compared",
    "Performance",
    "Improvement",
    "I",
    "If",
    "When",
    "With",
}


@dataclass(frozen=True)
class UnsupportedFact:
    kind: FactKind
    value: str
    excerpt: str


@dataclass
class Sources:
    """Normalised facts found in the sources, plus their raw text for name look-ups."""

    text: str = ""
    asins: set[str] = field(default_factory=set)
    order_ids: set[str] = field(default_factory=set)
    percents: set[float] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    numbers: set[float] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)

    def add_text(self, text: str) -> None:
        if not text:
            return
        self.text += "\n" + text
        for kind, value, _ in extract_facts(text):
            self._add(kind, value)

    def _add(self, kind: FactKind, value: str) -> None:
        if kind == "asin":
            self.asins.add(value)
        elif kind == "order_id":
            self.order_ids.add(value)
        elif kind == "percent":
            self.percents.add(round(float(value), 4))
        elif kind == "date":
            self.dates.add(value)
        elif kind == "number":
            self.numbers.add(float(value))
        elif kind == "document":
            self.documents.add(value)

    def add_rate(self, rate: float | None) -> None:
        if rate is not None:
            self.percents.add(round(rate * 100, 4))

    def add_date(self, d: date | None) -> None:
        if d is not None:
            self.dates.add(d.isoformat())

    def has_percent(self, value: float) -> bool:
        for p in self.percents:
            for digits in (0, 1, 2):
                if abs(round(p, digits) - value) < 1e-9:
                    return True
        return False


def _sentence(text: str, start: int, end: int) -> str:
    lo = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    hi_dot = text.find(".", end)
    hi_nl = text.find("\n", end)
    his = [h for h in (hi_dot, hi_nl) if h != -1]
    hi = min(his) if his else len(text)
    return text[lo : hi + 1].strip()[:240]


def _iso(match: re.Match[str]) -> str | None:
    try:
        if match.group(1):
            month, day, year = match.group(1), match.group(2), match.group(3)
        else:
            day, month, year = match.group(4), match.group(5), match.group(6)
        fmt = "%B %d %Y" if len(month.rstrip(".")) > 4 or month == "May" else "%b %d %Y"
        month = month.rstrip(".")[:3] if fmt == "%b %d %Y" else month
        return datetime.strptime(f"{month} {day} {year}", fmt).date().isoformat()
    except ValueError:
        return None


def extract_facts(text: str) -> list[tuple[FactKind, str, str]]:
    """(kind, normalised value, sentence) for every checkable fact in ``text``."""
    facts: list[tuple[FactKind, str, str]] = []
    taken: list[tuple[int, int]] = []

    def free(m: re.Match[str]) -> bool:
        return not any(m.start() < e and m.end() > s for s, e in taken)

    for pattern, kind in ((ORDER_ID, "order_id"), (ASIN, "asin")):
        for m in pattern.finditer(text):
            facts.append((kind, m.group(0), _sentence(text, m.start(), m.end())))  # type: ignore[arg-type]
            taken.append(m.span())
    for m in ISO_DATE.finditer(text):
        if free(m):
            facts.append(("date", m.group(0), _sentence(text, m.start(), m.end())))
            taken.append(m.span())
    for m in LONG_DATE.finditer(text):
        if free(m):
            iso = _iso(m)
            if iso:
                facts.append(("date", iso, _sentence(text, m.start(), m.end())))
                taken.append(m.span())
    for m in PERCENT.finditer(text):
        if free(m):
            facts.append(("percent", m.group(1), _sentence(text, m.start(), m.end())))
            taken.append(m.span())
    for m in NUMBER.finditer(text):
        if not free(m):
            continue
        whole = m.group(1).replace(",", "")
        value = f"{whole}.{m.group(2)}" if m.group(2) else whole
        if float(value) < 2:
            continue
        facts.append(("number", value, _sentence(text, m.start(), m.end())))
    for term, pattern in DOCUMENT_TERMS.items():
        for m in pattern.finditer(text):
            facts.append(("document", term, _sentence(text, m.start(), m.end())))
            break
    return facts


def _names(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for m in NAME.finditer(text):
        name = m.group(1)
        # Skip a capitalised word that only starts a sentence or a bullet.
        before = text[max(0, m.start() - 2) : m.start()]
        if (
            " " not in name
            and "-" not in name
            and (
                m.start() == 0
                or before.strip() in ("", ".", "-", "*", ":")
                or before.endswith(("\n", ". ", ": ", "- "))
            )
        ):
            continue
        # Drop leading common words ("Our Parcelwise" -> "Parcelwise"), keeping the name's own separators.
        while True:
            head = re.match(r"([A-Za-z]+)[ -]", name)
            if head is None or head.group(1) not in _COMMON_NAMES:
                break
            name = name[head.end() :]
        parts = re.split(r"[ -]", name)
        if name in _COMMON_NAMES or all(part in _COMMON_NAMES for part in parts):
            continue
        out.append((name, _sentence(text, m.start(), m.end())))
    return out


def build_sources(
    *,
    notice: Notice | None = None,
    report: HealthReport | None = None,
    answers: dict[str, str] | None = None,
    passages: Sequence[Passage] = (),
    extra_texts: Iterable[str] = (),
) -> Sources:
    """Collect the facts every plan sentence may rest on."""
    src = Sources()
    if notice is not None:
        src.add_text(notice.text)
        src.asins.update(notice.asins)
        src.order_ids.update(notice.order_ids)
        src.add_date(notice.notice_date)
        src.add_date(notice.deadline)
        for doc in notice.requested_documents:
            src.add_text(doc.kind.replace("_", " ") + " " + doc.detail)
    if report is not None:
        src.add_date(report.as_of)
        for m in report.metrics:
            src.add_rate(m.value)
            src.add_rate(m.threshold)
            src.numbers.update({float(m.numerator), float(m.denominator), float(m.window_days)})
            src.add_date(m.date_from)
            src.add_date(m.date_to)
        for f in report.findings:
            src.add_text(f.title + " " + f.reason)
            for ev in f.evidence:
                values = ev.value if isinstance(ev.value, list) else [ev.value]
                src.add_text(" ".join(str(v) for v in values if v is not None))
            src.order_ids.update(f.order_ids)
    for text in (answers or {}).values():
        src.add_text(text)
    for p in passages:
        src.add_text(p.text)
    for text in extra_texts:
        src.add_text(text)
    return src


def unsupported_facts(text: str, sources: Sources, *, check_names: bool = True) -> list[UnsupportedFact]:
    """Facts in ``text`` that no source contains (each reported once, with its sentence)."""
    out: list[UnsupportedFact] = []
    seen: set[tuple[str, str]] = set()
    lowered = sources.text.lower()
    for kind, value, sentence in extract_facts(text):
        ok = {
            "asin": lambda v: v in sources.asins,
            "order_id": lambda v: v in sources.order_ids,
            "percent": lambda v: sources.has_percent(float(v)),
            "date": lambda v: v in sources.dates,
            "number": lambda v: float(v) in sources.numbers or sources.has_percent(float(v)),
            "document": lambda v: v in sources.documents,
        }[kind](value)
        if not ok and (kind, value) not in seen:
            seen.add((kind, value))
            out.append(UnsupportedFact(kind, value, sentence))
    if check_names:
        for name, sentence in _names(text):
            if name.lower() not in lowered and ("name", name) not in seen:
                seen.add(("name", name))
                out.append(UnsupportedFact("name", name, sentence))
    return out
