"""Render a plan: plain text for the appeal form, Markdown, DOCX (python-docx) and JSON."""

from __future__ import annotations

import json
from io import BytesIO
from typing import Literal

from appeal_assistant.models import PlanItem, PlanOfAction, PlanSection

__all__ = [
    "PART_HEADINGS",
    "Format",
    "plan_stats",
    "render_docx",
    "render_json",
    "render_markdown",
    "render_text",
]

Format = Literal["text", "markdown", "docx", "json"]

PART_HEADINGS: dict[str, str] = {
    "root_causes": "Root cause",
    "corrective_actions": "Corrective actions taken",
    "preventive_measures": "Preventive measures",
    "supporting_documents": "Supporting documents",
}
_PARTS = tuple(PART_HEADINGS)
WORDS_PER_MINUTE = 200


def _items(section: PlanSection, part: str) -> list[PlanItem]:
    items: list[PlanItem] = getattr(section, part)
    return items


def _title(plan: PlanOfAction) -> str:
    return "PERFORMANCE IMPROVEMENT PLAN" if plan.kind == "performance_improvement_plan" else "PLAN OF ACTION"


def render_text(plan: PlanOfAction) -> str:
    """Plain text for the marketplace's appeal form: short headings, bullets, no markup."""
    lines = [_title(plan), ""]
    if plan.opening:
        lines += [plan.opening.text, ""]
    if plan.changes_since_last:
        lines.append("What has changed since our last submission")
        lines += [f"- {item.text}" for item in plan.changes_since_last if item.text]
        lines.append("")
    for n, section in enumerate(plan.sections, 1):
        lines.append(f"{n}. {section.title}")
        for part in _PARTS:
            items = _items(section, part)
            if items:
                lines.append(PART_HEADINGS[part])
                lines += [f"- {item.text}" for item in items]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_markdown(plan: PlanOfAction) -> str:
    """Markdown with the readiness status and what is still missing."""
    title = (
        "Performance improvement plan" if plan.kind == "performance_improvement_plan" else "Plan of Action"
    )
    lines = [f"# {title}", ""]
    if not plan.ready:
        lines += [f"> **Not ready:** {len(plan.missing)} fact(s) still missing, shown as [[...]] below.", ""]
    if plan.opening:
        lines += [plan.opening.text, ""]
    if plan.changes_since_last:
        lines += ["## What has changed since our last submission", ""]
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
    if plan.notes:
        lines += ["---", ""] + [f"_{note}_" for note in plan.notes]
    return "\n".join(lines).rstrip() + "\n"


def render_json(plan: PlanOfAction) -> str:
    return json.dumps(plan.model_dump(mode="json"), indent=2) + "\n"


def render_docx(plan: PlanOfAction) -> bytes:
    """A Word document with headings and bullet lists."""
    from docx import Document

    doc = Document()
    doc.add_heading(
        "Performance improvement plan" if plan.kind == "performance_improvement_plan" else "Plan of Action",
        level=0,
    )
    if plan.opening:
        doc.add_paragraph(plan.opening.text)
    if plan.changes_since_last:
        doc.add_heading("What has changed since our last submission", level=1)
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
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def plan_stats(text: str) -> dict[str, int | float]:
    """Characters, words and reading time (minutes at 200 words a minute) of a rendered plan."""
    words = len(text.split())
    return {"characters": len(text), "words": words, "reading_minutes": round(words / WORDS_PER_MINUTE, 1)}
