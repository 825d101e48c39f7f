"""Cached calls from the app into the core (kept out of the page script)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from appeal_assistant.drafting.composer import compose_plan, optional_questions, pending_questions
from appeal_assistant.drafting.context import build_context
from appeal_assistant.drafting.playbook import question_index
from appeal_assistant.models import HealthReport, Notice, PlanOfAction

__all__ = [
    "analyze_folder",
    "compose",
    "notice_files",
    "optional",
    "pending",
    "question_text",
    "read_notice_file",
]


@st.cache_data(show_spinner="Reading the report files...")
def analyze_folder(folder: str) -> HealthReport:
    from appeal_assistant.metrics.analyze import analyze_paths

    return analyze_paths([Path(folder)])


def notice_files(folder: str) -> list[str]:
    return sorted(p.name for p in Path(folder).glob("notice_*.txt"))


@st.cache_data
def read_notice_file(path: str) -> Notice:
    from appeal_assistant.notice import read_notice

    return read_notice(Path(path))


def compose(notice: Notice | None, report: HealthReport, answers: dict[str, str]) -> PlanOfAction:
    return compose_plan(notice, report, answers)


def pending(plan: PlanOfAction) -> list[str]:
    return pending_questions(plan)


def optional(plan: PlanOfAction, answers: dict[str, str]) -> list[str]:
    return optional_questions(plan, answers)


def question_text(
    qid: str, notice: Notice | None, report: HealthReport, answers: dict[str, str]
) -> tuple[str, str]:
    """The question with its slots filled from the case, and why the reviewer needs it."""
    from appeal_assistant.drafting.composer import render_template

    question = question_index()[qid]
    kind = notice.issue_kinds[0] if notice is not None and notice.issues else None
    if kind is None:
        return question.ask, question.why
    from appeal_assistant.drafting.playbook import all_playbooks

    for issue_kind in notice.issue_kinds if notice else []:
        book = all_playbooks().get(issue_kind)
        if book and any(q.id == qid for q in book.questions):
            kind = issue_kind
            break
    book = all_playbooks()[kind]
    ctx = build_context(kind, book.metrics, notice, report, answers)
    return render_template(question.ask, ctx).text, question.why
