"""Optional questions: facts that unlock extra plan items are offered, and answering them adds the item."""

from __future__ import annotations

from appeal_assistant.drafting.composer import compose_plan, optional_questions
from appeal_assistant.drafting.playbook import load_playbook
from appeal_assistant.drafting.render import render_text
from appeal_assistant.models import IssueKind, Notice, NoticeIssue


def test_optional_question_is_offered_and_answering_it_adds_an_item() -> None:
    notice = Notice(
        issues=[NoticeIssue(kind=IssueKind.INAUTHENTIC, evidence="inauthentic complaints")],
        asins=["B0TESTAAAA"],
    )
    plan = compose_plan(notice, None, {})
    offered = optional_questions(plan, {})
    assert offered, "the inauthentic playbook unlocks items with optional answers"
    qid = offered[0]
    assert qid in {q.id for q in load_playbook(IssueKind.INAUTHENTIC).questions}
    answer = "the brand's distributor list names our supplier Veltra Trading GmbH"
    richer = compose_plan(notice, None, {qid: answer})
    assert len(render_text(richer)) > len(render_text(plan))
    assert qid not in optional_questions(richer, {qid: answer})
