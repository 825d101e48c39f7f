"""A notice's text cut into sentences: hard-wrapped lines re-flowed, list items tied to their lead-in.

Notices arrive as e-mails wrapped at 72 columns, PDF text with a break on every line, web pages pasted
as one long paragraph, and lists whose items ("- invoices from your supplier") only make sense with
the sentence above them ("Please send the following:"). ``Document`` hides all of that: every
``Segment`` is one sentence or list item with its offsets, its lead-in and its section heading.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from appeal_assistant.notice.asks import REQUEST_HEADINGS

__all__ = ["Document", "Segment", "clean_evidence", "normalize"]

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2002\u2003\u2009\u3000"), " ")
_QUOTES = {ord("\u2019"): "'", ord("\u2018"): "'", ord("\u201c"): '"', ord("\u201d"): '"'}
_BULLET_LINE = re.compile(r"^[ \t]*(?:--?|[*•◦▪‣–]|\(?\d{1,2}[.)]|\(?[a-hA-H]\))[ \t]+")
# "Please send: • invoices • ..." and "please upload: 1. A test report 2. The ..." in flattened text
_INLINE_BULLET = re.compile(r"[ \t]+[•◦▪‣][ \t]+|(?<=[:;.])[ \t]+\(?\d{1,2}[.)][ \t]+(?=[A-Z(])")
# "Subject: ...", "Late shipment rate: 2%": a label line starts a new line of its own
_HEADER_LINE = re.compile(r"^[ \t]*[A-Z][\w'-]*(?: [\w'()-]+){0,5}:[ \t]")
_TABLE_LINE = re.compile(r"\t|\S {3,}\S|\|")
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]”’]*[ \t]+(?=[\"'(\[“‘]?[A-Z0-9])")
_REQUEST_HEADING = re.compile(REQUEST_HEADINGS, re.IGNORECASE)
_WS = re.compile(r"\s+")
_MONTH_START = re.compile(r"(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz])", re.IGNORECASE)

# fmt: off
#: Words whose dot does not end a sentence.
ABBREVIATIONS: frozenset[str] = frozenset({
    "e.g", "i.e", "u.s", "u.k", "no", "nos", "inc", "ltd", "co", "corp", "st", "mr", "ms", "mrs", "dr",
    "etc", "vs", "reg", "nr", "approx", "dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov",
    "dec", "fig", "art", "sec", "ref", "tel",
})
# fmt: on


def normalize(text: str) -> str:
    """Unify line ends, spaces and quotes, and drop invisible characters; nothing else changes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    return text.translate(_INVISIBLE).translate(_SPACES).translate(_QUOTES)


def clean_evidence(text: str, limit: int = 300) -> str:
    """One line of evidence: bullets and runs of whitespace collapsed, cut at ``limit`` characters."""
    text = _WS.sub(" ", _BULLET_LINE.sub("", text)).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence or list item: ``text`` is ``Document.text[start:end]``."""

    index: int
    start: int
    end: int
    text: str
    lead: str = ""
    heading: str = ""
    is_heading: bool = False

    @property
    def context(self) -> str:
        """The lead-in and the segment together, as a reader would take them."""
        return f"{self.lead} {self.text}" if self.lead else self.text

    @property
    def in_request_section(self) -> bool:
        return bool(self.heading) and _REQUEST_HEADING.search(self.heading) is not None


@dataclass(slots=True)
class Document:
    """The flowed text of a notice and its segments, in order."""

    text: str
    segments: list[Segment] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str) -> Document:
        flowed = _flow(normalize(text))
        doc = cls(flowed)
        doc.segments = _segment(flowed)
        doc._starts = [s.start for s in doc.segments]
        return doc

    def segment_at(self, offset: int) -> Segment | None:
        """The segment holding character ``offset`` (None between segments)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        seg = self.segments[i]
        return seg if offset < seg.end else None

    def candidates(self, pattern: re.Pattern[str]) -> list[Segment]:
        """Segments that may hold a match of ``pattern``, found with one scan of the whole text.

        A match in the whole text can run across segments and hide a later match inside its span, so
        every segment a match overlaps is a candidate; callers search each candidate on its own.
        """
        found: set[int] = set()
        for match in pattern.finditer(self.text):
            i = max(0, bisect.bisect_right(self._starts, match.start()) - 1)
            while i < len(self.segments) and self.segments[i].start <= max(match.end(), match.start() + 1):
                if self.segments[i].end > match.start():
                    found.add(i)
                i += 1
        return [self.segments[i] for i in sorted(found)]


def _is_table(line: str) -> bool:
    return _TABLE_LINE.search(line.strip()) is not None


def _flow(text: str) -> str:
    """Replace soft line breaks (a sentence wrapped onto the next line) by spaces; offsets are kept."""
    lines = text.split("\n")
    out = list(text)
    pos = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        nxt = lines[i + 1]
        stripped, nxt_stripped = line.rstrip(), nxt.strip()
        if (
            stripped
            and nxt_stripped
            and stripped[-1] not in ".!?:;"
            and not _BULLET_LINE.match(nxt)
            and not _HEADER_LINE.match(nxt)
            and not _HEADER_LINE.match(line)
            and not _is_table(line)
            and not _is_table(nxt)
            and (nxt_stripped[0].islower() or len(stripped) >= 60)
        ):
            out[pos] = " "
        pos += 1
    return "".join(out)


def _pieces(line: str, offset: int) -> list[tuple[int, int, bool]]:
    """Split one line into (start, end, is_bullet) pieces at inline bullets and sentence ends."""
    bounds: list[tuple[int, int, bool]] = []
    cuts = [(m.start(), m.end()) for m in _INLINE_BULLET.finditer(line)]
    marker = _BULLET_LINE.match(line)
    starts = [(0, marker is not None)] + [(end, True) for _, end in cuts]
    ends = [start for start, _ in cuts] + [len(line)]
    for (start, bullet), end in zip(starts, ends, strict=True):
        piece_start = start
        skip_to = marker.end() if marker is not None and start == 0 else start  # "1. Send ..." is one item
        for m in _SENTENCE_END.finditer(line, skip_to, end):
            word = line[line.rfind(" ", start, m.start()) + 1 : m.start() + 1].rstrip(".").lower()
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            if word.isdigit() and len(word) <= 2 and _MONTH_START.match(line, m.end()):
                continue  # "3. November 2026"
            bounds.append((offset + piece_start, offset + m.end(), bullet and piece_start == start))
            piece_start = m.end()
        bounds.append((offset + piece_start, offset + end, bullet and piece_start == start))
    return bounds


def _segment(text: str) -> list[Segment]:
    """Cut the flowed text into segments; a lead-in ending in ':' stays with the list lines that follow it."""
    segments: list[Segment] = []
    lead, heading = "", ""
    pos = 0
    for line in text.split("\n"):
        if line.strip() and not _BULLET_LINE.match(line):
            lead = ""  # a plain line ends any list above it (blank lines do not)
        for start, end, _bullet in _pieces(line, pos):
            raw = text[start:end]
            body = raw.strip()
            if not body:
                continue
            start += len(raw) - len(raw.lstrip())
            end = start + len(body)
            is_heading = (
                (body.endswith("?") and len(body) <= 100)
                or (body.endswith(":") and len(body) <= 60 and _REQUEST_HEADING.search(body) is not None)
                # a line of its own with no end mark: 'What you need to do by January 15, 2027'
                or (
                    body == line.strip()
                    and len(body) <= 60
                    and body[-1] not in ".!,;:"
                    and _REQUEST_HEADING.match(body) is not None
                )
            )
            if is_heading:
                heading = body
                lead = ""
            segments.append(Segment(len(segments), start, end, body, lead, heading, is_heading))
            if body.endswith(":"):
                lead = body
        pos += len(line) + 1
    return segments
