"""The interview: which fact to ask for next, and how to ask it.

Every turn asks the most important fact still missing across all the case's issues, not a fixed
order: an answer that did not answer its question first (it is asked again with the reason), then the
facts behind a root cause, then what was done, then what the notice itself asks for (documents, steps,
questions), then who owns the prevention and from when, then supporting details. A question the seller
skipped goes to the back of the line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from appeal_assistant.drafting.composer import case_questions, pending_questions
from appeal_assistant.drafting.context import build_context
from appeal_assistant.drafting.playbook import Question, load_playbook
from appeal_assistant.drafting.template import render_template
from appeal_assistant.models import HealthReport, IssueKind, Notice, PlanItem, PlanOfAction

__all__ = ["NextQuestion", "next_question", "question_rank"]

#: How much a missing fact weighs, by where its placeholder sits (lower asks first).
_WEIGHT = {
    "asked_again": 0,
    "root_causes": 1,
    "corrective_actions": 2,
    "asks": 3,
    "changes_since_last": 4,
    "preventive_measures": 5,
    "supporting_documents": 6,
    "letters": 7,
    "other": 8,
}


@dataclass(frozen=True)
class NextQuestion:
    id: str
    text: str
    why: str
    again: str | None = None  # why the last answer was not used


def _places(plan: PlanOfAction) -> dict[str, str]:
    """Question id -> the kind of place its first placeholder sits in."""
    where: dict[str, str] = {}

    def mark(items: Sequence[PlanItem], place: str) -> None:
        for item in items:
            for key in item.placeholders:
                where.setdefault(key, place)

    for section in plan.sections:
        mark(section.root_causes, "root_causes")
        mark(section.corrective_actions, "corrective_actions")
    mark([a.answer for a in plan.asks], "asks")
    mark(plan.changes_since_last, "changes_since_last")
    for section in plan.sections:
        mark(section.preventive_measures, "preventive_measures")
        mark(section.supporting_documents, "supporting_documents")
    mark([line for letter in plan.letters for line in letter.body], "letters")
    return where


def question_rank(plan: PlanOfAction, skipped: Sequence[str] = ()) -> list[str]:
    """Every question still open, most important first; skipped ones last, in the order they were skipped."""
    again = {p.question for p in plan.answer_problems}
    where = _places(plan)
    pending = pending_questions(plan)
    order = {qid: n for n, qid in enumerate(pending)}

    def rank(qid: str) -> tuple[int, int, int]:
        skip = skipped.index(qid) + 1 if qid in skipped else 0
        place = "asked_again" if qid in again else where.get(qid, "other")
        return (skip, _WEIGHT[place], order[qid])

    return sorted(pending, key=rank)


def _kind_for(qid: str, notice: Notice | None, plan: PlanOfAction) -> IssueKind:
    prefix = qid.split(".", 1)[0]
    for section in plan.sections:
        book = load_playbook(section.issue)
        if any(q.id == qid for q in book.questions) or any(
            q.id.split(".")[0] == prefix for q in book.questions
        ):
            return section.issue
    if plan.sections:
        return plan.sections[0].issue
    return notice.issue_kinds[0] if notice is not None and notice.issues else IssueKind.OTHER


def next_question(
    plan: PlanOfAction,
    notice: Notice | None,
    report: HealthReport | None,
    answers: Mapping[str, str],
    skipped: Sequence[str] = (),
) -> NextQuestion | None:
    """The most important missing fact, asked with the case's own facts filled in and a one-line reason."""
    ranked = question_rank(plan, skipped)
    if not ranked:
        return None
    qid = ranked[0]
    questions: Mapping[str, Question] = case_questions(notice)
    question = questions.get(qid)
    if question is None:
        return NextQuestion(id=qid, text=f"Please give: {qid}", why="the draft needs it")
    kind = _kind_for(qid, notice, plan)
    ctx = build_context(kind, load_playbook(kind).metrics, notice, report, dict(answers))
    text = render_template(question.ask, ctx, questions).text
    problem = next((p for p in plan.answer_problems if p.question == qid), None)
    return NextQuestion(id=qid, text=text, why=question.why, again=problem.reason if problem else None)
