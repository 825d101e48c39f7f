"""Read a Plan of Action pasted as plain text or Markdown into issue sections and their parts.

Tolerant by design: headings may be Markdown (``## Root cause``), bold (``**Root cause:**``), numbered
(``1. Late shipments``, ``Issue 2: ...``), in capitals or plain lines ending with a colon; a part heading
may carry its first sentence inline (``Root cause: our pick list ...``). Bullets (``-``, ``*``, ``•``,
``1.``, ``a)``) start items, other lines continue the item above or start a paragraph. Part headings seen
before any issue heading open an unnamed section; each section's issue is read from its heading, else
from its body (the heading and issue word tables are in :mod:`appeal_assistant.drafting.phrases`).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from appeal_assistant.drafting.phrases import (
    CHANGES_HEADING,
    GREETING,
    ISSUE_KEYWORDS,
    PART_HEADINGS,
    PLAN_TITLE,
    RESPONSE_BLOCKS,
    SIGN_OFF,
    issue_in,
)
from appeal_assistant.models import IssueKind, PlanOfAction, PlanPart

__all__ = ["ParsedPlan", "ParsedSection", "from_plan", "parse_plan_text"]

_BULLET = re.compile(r"^\s*(?:[-*•–·+]|\d{1,2}[.)]|[a-zA-Z][.)]|\(\w{1,3}\))\s+")
_SYMBOL_BULLET = re.compile(r"^\s*[-*•–·+]\s+")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(.+?)\1\s*:?\s*$")
_NUMBERED = re.compile(
    r"^\s*(?:(?:(?:issue|section|violation|problem|part|step)\s*)?(?:\d{1,2}|[IVX]{1,4})\s*[.):\-–]\s*|[A-H][.)]\s+)",
    re.I,
)
_HEADING_TAIL = re.compile(r"\s*(?:$|[(&\-–]|(?:of|for|behind|regarding|about|on|in|taken|to|and)\b)", re.I)
_ISSUE_PREFIX = re.compile(r"^\s*(?:issue|section|violation|problem)\s*\d{1,2}\b", re.I)
_MAX_HEADING_WORDS = 12
#: After a skipped block (advice, letters), a numbered issue heading or the changes heading resumes.
PART_HEADING_OR_SECTION = re.compile(
    r"^(?:\d{1,2}\. \S|#{1,3} \d{1,2}\. |what has changed|this plan of action)", re.I
)


class ParsedSection(BaseModel):
    """One issue of a plan: its heading, the issue kind read from it, and the text of each part."""

    model_config = ConfigDict(extra="forbid")

    title: str = ""
    issue: IssueKind | None = None
    issue_from: Literal["plan", "heading", "body"] | None = None
    parts: dict[PlanPart, list[str]] = Field(default_factory=dict)
    unlabelled: list[str] = Field(default_factory=list, description="text before any part heading")

    def texts(self) -> list[str]:
        """Every item of the section, parts first in plan order, then unlabelled text."""
        out = [t for part in PlanPart for t in self.parts.get(part, [])]
        return out + self.unlabelled


class ParsedPlan(BaseModel):
    """A plan read into the shape the reviewer checks: opening, changes, sections, closing."""

    model_config = ConfigDict(extra="forbid")

    title: str = ""
    opening: list[str] = Field(default_factory=list)
    changes: list[str] = Field(default_factory=list)
    sections: list[ParsedSection] = Field(default_factory=list)
    closing: list[str] = Field(default_factory=list)

    def texts(self) -> list[str]:
        """Every item in reading order."""
        out = list(self.opening) + list(self.changes)
        for section in self.sections:
            out += section.texts()
        return out + list(self.closing)


def from_plan(plan: PlanOfAction) -> ParsedPlan:
    """The reviewable shape of a structured plan (issues are known, nothing is guessed)."""
    sections = []
    for s in plan.sections:
        parts: dict[PlanPart, list[str]] = {}
        for part, item in s.items():
            parts.setdefault(part, []).append(item.text)
        sections.append(ParsedSection(title=s.title, issue=s.issue, issue_from="plan", parts=parts))
    return ParsedPlan(
        opening=[plan.opening.text] if plan.opening and plan.opening.text else [],
        changes=[i.text for i in plan.changes_since_last if i.text],
        sections=sections,
        closing=[plan.closing.text] if plan.closing and plan.closing.text else [],
    )


def _strip_decoration(line: str) -> tuple[str, bool]:
    """Heading text without Markdown, bold or numbering marks, and whether any decoration was there."""
    text = line.strip()
    decorated = False
    if _MD_HEADING.match(text):
        text, decorated = _MD_HEADING.sub("", text).rstrip("#").strip(), True
    if "**" in text or "__" in text:
        text, decorated = text.replace("**", "").replace("__", "").strip(), True
    numbered = _NUMBERED.match(text)
    if numbered and numbered.end() < len(text):
        text, decorated = text[numbered.end() :].strip(), True
    return text, decorated


def _part_heading(line: str) -> tuple[PlanPart, str, str] | None:
    """(part, inline text, heading words) for a part heading: 'Root cause:', '### Actions taken', ..."""
    if _SYMBOL_BULLET.match(line):
        return None
    text, decorated = _strip_decoration(line)
    decorated = decorated or (text.isupper() and len(text) > 3)
    head, sep, rest = text.partition(":")
    plain = text.rstrip(":. ").strip()
    for part, pattern in PART_HEADINGS.items():
        if sep and len(head.split()) <= 6 and pattern.fullmatch(head.strip()):
            return part, rest.strip(), head
        if pattern.fullmatch(plain):
            return part, "", plain
        m = pattern.match(plain)
        if (
            m is None
            or len(plain.split()) > 8
            or plain.endswith(".")
            or plain[m.end() : m.end() + 1].isalnum()
        ):
            continue
        # Undecorated lines qualify only when the heading goes on with "of ...", "for ...", "taken", ...
        if decorated or _HEADING_TAIL.match(plain[m.end() :]):
            return part, "", plain
    return None


def _next_nonblank(lines: list[str], i: int) -> str:
    for line in lines[i + 1 :]:
        if line.strip():
            return line
    return ""


def _issue_heading(line: str, next_line: str, in_part: PlanPart | None) -> str | None:
    """The heading text when ``line`` opens an issue section, else None."""
    if _SYMBOL_BULLET.match(line):
        return None
    stripped = line.strip()
    text, decorated = _strip_decoration(stripped)
    text = text.rstrip(":").strip()
    words = len(text.split())
    if not text or words > _MAX_HEADING_WORDS:
        return None
    if _MD_HEADING.match(stripped) or _BOLD_LINE.match(stripped) or _ISSUE_PREFIX.match(stripped):
        return text
    if text.endswith((".", "!", "?", ";", ",")):
        return None
    nxt = _part_heading(next_line) if next_line else None
    if nxt is not None and (in_part is None or nxt[0] is PlanPart.ROOT_CAUSE):
        return text
    named = issue_in(text) is not None
    marked = decorated or stripped.endswith(":") or (text.isupper() and words >= 1)
    return text if named and marked and in_part is None else None


def _body_issue(texts: list[str]) -> IssueKind | None:
    counts: Counter[IssueKind] = Counter()
    body = "\n".join(texts)
    for kind, pattern in ISSUE_KEYWORDS.items():
        counts[kind] = len(pattern.findall(body))
    best = [k for k, n in counts.most_common() if n > 0]
    return best[0] if best else None


class _Reader:
    """Line-by-line state of the parse."""

    def __init__(self) -> None:
        self.plan = ParsedPlan()
        self.section: ParsedSection | None = None
        self.part: PlanPart | None = None
        self.where: Literal["opening", "changes", "section", "closing", "skip"] = "opening"
        self.continuing = False

    def _bucket(self) -> list[str]:
        if self.where == "closing":
            return self.plan.closing
        if self.where == "changes":
            return self.plan.changes
        if self.where == "opening" or self.section is None:
            return self.plan.opening
        if self.part is None:
            return self.section.unlabelled
        return self.section.parts.setdefault(self.part, [])

    def add(self, text: str, *, new_item: bool) -> None:
        text = text.strip()
        if not text:
            self.continuing = False
            return
        bucket = self._bucket()
        if bucket and self.continuing and not new_item:
            bucket[-1] = f"{bucket[-1]} {text}"
        else:
            bucket.append(text)
        self.continuing = True

    def open_section(self, title: str) -> None:
        issue = issue_in(title) if title else None
        self.section = ParsedSection(title=title, issue=issue, issue_from="heading" if issue else None)
        self.plan.sections.append(self.section)
        self.part, self.where, self.continuing = None, "section", False

    def open_part(self, part: PlanPart, heading: str) -> None:
        section = self.section
        if section is None or self.where != "section" or section.parts.get(part):
            self.open_section("")
            section = self.section
        if section is not None:
            section.parts.setdefault(part, [])
            if section.issue is None and (issue := issue_in(heading)) is not None:
                section.issue, section.issue_from = issue, "heading"  # "Root cause of late shipments"
        self.part, self.continuing = part, False


def parse_plan_text(text: str) -> ParsedPlan:
    """Split pasted plan text into opening, changes, issue sections with parts, and closing."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    r = _Reader()
    for i, raw in enumerate(lines):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped or set(stripped) <= set("-=_*#~"):
            r.continuing = False
            continue
        plain, _ = _strip_decoration(stripped)
        block = next((name for name, rx in RESPONSE_BLOCKS.items() if rx.match(plain.rstrip(":"))), None)
        if block is not None:
            r.where, r.section, r.part, r.continuing = (
                ("skip" if block == "skip" else "closing"),
                None,
                None,
                False,
            )
            continue
        if r.where == "skip":
            if PART_HEADING_OR_SECTION.match(stripped) is None:
                continue
            r.where = "opening" if not r.plan.sections else "section"
        if r.where == "closing":
            r.add(_BULLET.sub("", stripped), new_item=True)
            continue
        if not r.plan.sections and not r.plan.title and PLAN_TITLE.match(plain.rstrip(":")):
            r.plan.title = plain
            continue
        if CHANGES_HEADING.match(plain):
            r.where, r.section, r.part, r.continuing = "changes", None, None, False
            continue
        if r.plan.sections and SIGN_OFF.match(plain):
            r.where, r.continuing = "closing", False
            r.add(plain, new_item=True)
            continue
        part = _part_heading(line)
        if part is not None:
            r.open_part(part[0], part[2])
            r.add(part[1], new_item=True)
            continue
        title = _issue_heading(line, _next_nonblank(lines, i), r.part if r.where == "section" else None)
        if title is not None and not GREETING.match(title):
            r.open_section(title)
            continue
        bullet = _BULLET.match(line)
        r.add(line[bullet.end() :] if bullet else stripped, new_item=bool(bullet))
    plan = r.plan
    if not plan.sections:
        # Prose without headings: keep a greeting in the opening, the rest is one unnamed section.
        body = [t for t in plan.opening if not GREETING.match(t)]
        if body:
            plan.opening = [t for t in plan.opening if GREETING.match(t)]
            plan.sections.append(ParsedSection(unlabelled=body))
    for section in plan.sections:
        if section.issue is None:
            # A lone unnamed section may name its issue only in the opening ("... our late shipment rate").
            alone = len(plan.sections) == 1
            section.issue = _body_issue(section.texts()) or (_body_issue(plan.opening) if alone else None)
            section.issue_from = "body" if section.issue else None
    return plan
