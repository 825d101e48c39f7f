"""What the notice already says is not asked again, and the issue's evidence is a sentence of the body.

Covers: a question answered from a notice field (``Question.from_notice``), the rights owner written as
'Rights owner: Name (email)', a subject line that names the issue (the evidence is still a body
sentence), compliance paperwork for children's products read as product safety, and a step that names a
document keeping the playbook's document item in the plan.
"""

from __future__ import annotations

from pathlib import Path

from appeal_assistant.drafting.composer import compose_plan, pending_questions
from appeal_assistant.drafting.render import render_text
from appeal_assistant.models import AskKind, IssueKind, NoticeIssue, ResponseType
from appeal_assistant.notice import parse_notice, read_notice

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "notices"

TRADEMARK = """Subject: Notice of policy violation - trademark

Hello,

We removed your listing for ASIN B0D4TRM1KA because a rights owner told us it infringes their trademark.

Rights owner: Harbor Lane Outfitters LLC (legal@harborlane-outfitters.com)
Complaint ID: 14538820167
"""


def test_the_rights_owner_in_brackets_is_read() -> None:
    notice = parse_notice(TRADEMARK)
    assert (notice.rights_owner, notice.rights_owner_email) == (
        "Harbor Lane Outfitters LLC",
        "legal@harborlane-outfitters.com",
    )


def test_a_question_the_notice_answers_is_not_asked() -> None:
    named = parse_notice(TRADEMARK)
    plain = named.model_copy(update={"rights_owner": None, "rights_owner_email": None})
    for notice in (named, plain):
        notice.issues = [NoticeIssue(kind=IssueKind.IP_TRADEMARK, evidence="x")]
    as_plan = {"asks": [], "response_type": ResponseType.PLAN_OF_ACTION}
    ask_plan = compose_plan(plain.model_copy(update=as_plan), None, {})
    told_plan = compose_plan(named.model_copy(update=as_plan), None, {})
    assert "tm.rights_owner" in pending_questions(ask_plan)
    assert "tm.rights_owner" not in pending_questions(told_plan)
    assert "Rights owner: Harbor Lane Outfitters LLC (legal@harborlane-outfitters.com)" in render_text(
        told_plan
    )


def test_a_subject_line_is_not_the_evidence() -> None:
    notice = parse_notice(
        "Subject: Review of your selling account - drop shipping\n\n"
        "Dear seller,\n\nBuyers received packages that named another retailer as the seller. "
        "This is drop shipping, which our policy does not allow.\n"
    )
    [issue] = [i for i in notice.issues if i.kind is IssueKind.DROP_SHIPPING]
    assert not issue.evidence.lower().startswith("subject")
    assert "another retailer" in issue.evidence or "drop shipping, which" in issue.evidence


def test_childrens_product_paperwork_is_product_safety() -> None:
    notice = parse_notice(
        "We removed your listing for ASIN B0F1HTP4D8. Children's products sold in the US must have a "
        "Children's Product Certificate (CPC) and a test report from a CPSC-accepted laboratory. "
        "Please send the CPC and the test report."
    )
    assert notice.issue_kinds == [IssueKind.PRODUCT_SAFETY]


def test_a_step_that_is_a_document_is_answered_by_the_playbook_item() -> None:
    notice = read_notice(FIXTURES / "amazon_uk_product_safety.txt")
    [step] = [a for a in notice.asks if a.kind is AskKind.STEP]
    assert step.document == "product_images"
    plan = compose_plan(notice, None, {})
    answer = next(a.answer for a in plan.asks if a.ask_id == step.id)
    assert answer.text.startswith("Photos of the product, its label") and not answer.placeholders
    assert not any(i.text.startswith("Photos of") for s in plan.sections for i in s.supporting_documents)
