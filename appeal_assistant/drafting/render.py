"""Render a response: plain text, Markdown, DOCX (python-docx) and JSON.

``render_submission`` is what goes into the marketplace's form (the plan and the answers to the
notice's asks); ``render_text`` is the whole response a seller reads: the advice first, then the
submission, then the letters they send themselves.
"""

from __future__ import annotations

import json
from io import BytesIO
from typing import Literal

from appeal_assistant.models import PlanItem, PlanOfAction, PlanSection, ResponseType

__all__ = [
    "ASKS_HEADING",
    "PART_HEADINGS",
    "Format",
    "plan_stats",
    "render_docx",
    "render_json",
    "render_markdown",
    "render_submission",
    "render_text",
    "title_of",
]

Format = Literal["text", "markdown", "docx", "json"]

PART_HEADINGS: dict[str, str] = {
    "root_causes": "Root cause",
    "corrective_actions": "Corrective actions taken",
    "preventive_measures": "Preventive measures",
    "supporting_documents": "Supporting documents",
}
ASKS_HEADING = "Answers to the points in the notice"
_DOCS_HEADING = "Documents and information requested"
_ADVICE_HEADING = "Before you send"
_LETTERS_HEADING = "Letters to send yourself"
_CHANGES_HEADING = "What has changed since our last submission"
_PARTS = tuple(PART_HEADINGS)
WORDS_PER_MINUTE = 200
_TITLES: dict[ResponseType, str] = {
    ResponseType.PLAN_OF_ACTION: "Plan of Action",
    ResponseType.IMPROVEMENT_PLAN: "Performance improvement plan",
    ResponseType.DOCUMENTS_ONLY: "Documents requested",
    ResponseType.IP_PATH: "Response to a rights owner's complaint",
    ResponseType.VERIFY_FIRST: "Check this message first",
}


def title_of(plan: PlanOfAction) -> str:
    if plan.kind == "performance_improvement_plan":
        return _TITLES[ResponseType.IMPROVEMENT_PLAN]
    return _TITLES[plan.response_type]


def _items(section: PlanSection, part: str) -> list[PlanItem]:
    items: list[PlanItem] = getattr(section, part)
    return items


def _asks_heading(plan: PlanOfAction) -> str:
    return _DOCS_HEADING if plan.response_type is ResponseType.DOCUMENTS_ONLY else ASKS_HEADING


def _submission_lines(plan: PlanOfAction, *, bullets: str = "- ", numbered: bool = True) -> list[str]:
    lines: list[str] = []
    if plan.opening:
        lines += [plan.opening.text, ""]
    if plan.changes_since_last:
        lines.append(_CHANGES_HEADING)
        lines += [f"{bullets}{item.text}" for item in plan.changes_since_last if item.text]
        lines.append("")
    for n, section in enumerate(plan.sections, 1):
        lines.append(f"{n}. {section.title}" if numbered else section.title)
        for part in _PARTS:
            items = _items(section, part)
            if items:
                lines.append(PART_HEADINGS[part])
                lines += [f"{bullets}{item.text}" for item in items]
        lines.append("")
    if plan.asks:
        lines.append(_asks_heading(plan))
        for ask in plan.asks:
            lines.append(f"{bullets}{_quoted(ask.ask)}: {ask.answer.text}")
            if ask.detail:
                lines.append(f"  The notice requires: {ask.detail}")
        lines.append("")
    return lines


def _quoted(text: str) -> str:
    text = text.rstrip(" .:")
    return f"\u201c{text}\u201d"


def render_submission(plan: PlanOfAction) -> str:
    """What goes into the marketplace's form: the plan and the answers to the notice, no advice or letters."""
    lines = [title_of(plan).upper(), "", *_submission_lines(plan)]
    return "\n".join(lines).rstrip() + "\n"


def render_text(plan: PlanOfAction) -> str:
    """The whole response: advice, the submission, and the letters the seller sends themselves."""
    lines = [title_of(plan).upper(), ""]
    if plan.advice:
        lines.append(_ADVICE_HEADING)
        lines += [f"- {item.text}" for item in plan.advice]
        lines.append("")
    lines += _submission_lines(plan)
    if plan.letters:
        lines.append(_LETTERS_HEADING)
        for n, letter in enumerate(plan.letters, 1):
            lines += [f"Letter {n}, to {letter.to}", f"Subject: {letter.subject}"]
            lines += [item.text for item in letter.body]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_markdown(plan: PlanOfAction) -> str:
    """Markdown with the readiness status and what is still missing."""
    lines = [f"# {title_of(plan)}", ""]
    if not plan.ready:
        lines += [f"> **Not ready:** {len(plan.missing)} fact(s) still missing, shown as [[...]] below.", ""]
    if plan.advice:
        lines += [f"## {_ADVICE_HEADING}", ""] + [f"- {item.text}" for item in plan.advice] + [""]
    if plan.opening:
        lines += [plan.opening.text, ""]
    if plan.changes_since_last:
        lines += [f"## {_CHANGES_HEADING}", ""]
        lines += [f"- {item.text}" for item in plan.changes_since_last if item.text]
        lines.append("")
    for n, section in enumerate(plan.sections, 1):
        lines += [f"## {n}. {section.title}", ""]
        for part in _PARTS:
            items = _items(section, part)
            if items:
                lines += [f"### {PART_HEADINGS[part]}", ""]
                lines += [f"- {item.text}" for item in items]
                lines.append("")
    if plan.asks:
        lines += [f"## {_asks_heading(plan)}", ""]
        for a in plan.asks:
            lines.append(f"- **{_quoted(a.ask)}**: {a.answer.text}")
            if a.detail:
                lines.append(f"  _The notice requires: {a.detail}_")
        lines.append("")
    if plan.letters:
        lines += [f"## {_LETTERS_HEADING}", ""]
        for n, letter in enumerate(plan.letters, 1):
            lines += [f"### Letter {n}, to {letter.to}", "", f"**Subject:** {letter.subject}", ""]
            lines += [item.text for item in letter.body]
            lines.append("")
    if plan.notes:
        lines += ["---", ""] + [f"_{note}_" for note in plan.notes]
    return "\n".join(lines).rstrip() + "\n"


def render_json(plan: PlanOfAction) -> str:
    return json.dumps(plan.model_dump(mode="json"), indent=2) + "\n"


def render_docx(plan: PlanOfAction) -> bytes:
    """A Word document with headings and bullet lists (the submission, then the letters)."""
    from docx import Document

    doc = Document()
    doc.add_heading(title_of(plan), level=0)
    if plan.opening:
        doc.add_paragraph(plan.opening.text)
    if plan.changes_since_last:
        doc.add_heading(_CHANGES_HEADING, level=1)
        for item in plan.changes_since_last:
            if item.text:
                doc.add_paragraph(item.text, style="List Bullet")
    for n, section in enumerate(plan.sections, 1):
        doc.add_heading(f"{n}. {section.title}", level=1)
        for part in _PARTS:
            items = _items(section, part)
            if items:
                doc.add_heading(PART_HEADINGS[part], level=2)
                for item in items:
                    doc.add_paragraph(item.text, style="List Bullet")
    if plan.asks:
        doc.add_heading(_asks_heading(plan), level=1)
        for ask in plan.asks:
            doc.add_paragraph(f"{_quoted(ask.ask)}: {ask.answer.text}", style="List Bullet")
    for n, letter in enumerate(plan.letters, 1):
        doc.add_heading(f"Letter {n}, to {letter.to}", level=1)
        doc.add_paragraph(f"Subject: {letter.subject}")
        for item in letter.body:
            doc.add_paragraph(item.text)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def plan_stats(text: str) -> dict[str, int | float]:
    """Characters, words and reading time (minutes at 200 words a minute) of a rendered plan."""
    words = len(text.split())
    return {"characters": len(text), "words": words, "reading_minutes": round(words / WORDS_PER_MINUTE, 1)}
