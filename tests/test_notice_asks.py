"""A notice's asks as data, and the response it calls for (notices written in our own words)."""

from __future__ import annotations

from appeal_assistant.drafting.composer import compose_plan, optional_questions
from appeal_assistant.drafting.render import render_text
from appeal_assistant.models import AskKind, IssueKind, NoticeStatus, PlanPart, ResponseType
from appeal_assistant.notice import parse_notice

REJECTION = """Hello,

Thank you for submitting your appeal. We received it but do not have enough information to complete our
review of your account and inventory at this time.

To show that your inventory is authentic, please submit documents such as:
-- Bank statement or credit card statement with the purchase of the ASIN under review.
-- Order confirmation email.
-- Shipment tracking information.
-- Authorization letters from the brand or its licensed distributors.

ASIN: B0C9QWERTY
"""

RELATED = """Your Amazon.com selling account has been deactivated because it is related to another account
that is not permitted to sell.

How do I reactivate my account?
1. First, resolve the issue on the related account so that it is reactivated.
2. Then reply to this message with the name of the related account and the date it was reactivated.

You have 17 days to reply.
"""

PLAN_DESCRIBES = """We have deactivated your listing for ASIN B08KTW1ZQ3 because customers received protein bars past
their expiration date (food safety).

To reactivate the listing, please reply with:
- a plan of action describing how you store and rotate date-coded stock and how you will check expiration
  dates before shipping
- invoices for the units you sent to us
"""

VERIFICATION = """We need to verify your identity before you can continue selling on Amazon.de.

Please upload:
- a colour scan of your passport or national identity card
- a utility bill issued in the last 90 days showing the same name and address as your account
- a credit card statement for the card on your account

Your account is under review until we receive these documents.
"""

IP_REMOVAL = """We removed the listing below because a rights owner reported that it infringes their trademark.

ASIN: B0D1TRADE1 | Complaint ID: 8812345670
Rights owner: Lumen Home GmbH
Rights owner email: legal@lumenhome.example

If you think the complaint is wrong, contact the rights owner. If they agree, they can send us a retraction.
"""

PHISHING = """From: "Amazon Seller Support" <support@amaz0n-sellers.example>
Subject: Final warning: verify your account within 24 hours

Your seller account will be permanently closed within 24 hours. Log in at http://amaz0n-sellers.example/verify
and confirm your password and bank details to keep selling.
"""

WARNING = """Your Order Defect Rate is 1.4%, above our target of under 1%. Your account is at risk of
deactivation. We want to make you aware so that you can take action. No action is required from you at this time.
"""

TRADEMARK_OWNER_ASIDE = """Your Amazon.com selling account has been deactivated because we received complaints that
items you sold were counterfeit.

How do I reactivate my account?
Please send copies of invoices from your supplier issued in the last 365 days.
If you are the trademark owner, provide a copy of your trademark registration.
"""


def test_a_rejection_that_lists_what_was_missing_is_a_rejection_with_every_document_as_an_ask() -> None:
    notice = parse_notice(REJECTION)
    assert notice.rejection is not None and notice.status is NoticeStatus.DEACTIVATED
    docs = [a for a in notice.asks if a.kind is AskKind.DOCUMENT]
    assert len(docs) == 4 and all(a.rejected for a in docs)
    assert [a.document for a in docs] == ["bank_statement", "other", "other", "letter_of_authorization"]
    assert notice.response_type is ResponseType.PLAN_OF_ACTION
    plan = compose_plan(notice, None, {})
    text = render_text(plan)
    for words in ("Order confirmation email", "Shipment tracking information", "Authorization letters"):
        assert words in text
    assert not plan.ready and {f"ask.{n}" for n in range(1, 5)} <= set(plan.missing)


def test_ordered_steps_keep_their_order_and_are_each_asked() -> None:
    notice = parse_notice(RELATED)
    steps = [a for a in notice.asks if a.kind is AskKind.STEP]
    assert [a.step for a in steps] == [1, 2]
    assert "related account" in steps[0].text and "date" in steps[1].text
    plan = compose_plan(notice, None, {})
    answers = [a.answer.text for a in plan.asks if a.kind is AskKind.STEP]
    assert answers[0].startswith("Step 1:") and answers[1].startswith("Step 2:")
    done = compose_plan(notice, None, {steps[0].id: "on 2026-11-18 the related account was reactivated"})
    assert "Step 1: On 2026-11-18 the related account was reactivated." in render_text(done)


def test_a_plan_described_in_the_notice_becomes_questions_the_plan_answers() -> None:
    notice = parse_notice(PLAN_DESCRIBES)
    questions = [a.text for a in notice.asks if a.kind is AskKind.QUESTION]
    assert questions == [
        "how you store and rotate date-coded stock",
        "how you will check expiration dates before shipping",
    ]
    assert notice.issue_kinds == [IssueKind.FOOD_SAFETY]  # one section, not a second product-safety one


def test_identity_verification_is_documents_only_with_no_plan() -> None:
    notice = parse_notice(VERIFICATION)
    assert notice.response_type is ResponseType.DOCUMENTS_ONLY and notice.status is NoticeStatus.UNDER_REVIEW
    kinds = [a.document for a in notice.asks if a.kind is AskKind.DOCUMENT]
    assert kinds == ["identity_document", "utility_bill", "credit_card_statement"]
    plan = compose_plan(notice, None, {})
    text = render_text(plan)
    assert not plan.sections and "No plan of action is needed" in text and "Root cause" not in text
    answered = compose_plan(
        notice, None, {a.id: f"attached, issued 2026-11-0{n}" for n, a in enumerate(notice.asks, 1)}
    )
    assert answered.ready


def test_a_rights_owner_complaint_takes_the_ip_path_with_letters() -> None:
    notice = parse_notice(IP_REMOVAL)
    assert notice.response_type is ResponseType.IP_PATH and notice.status is NoticeStatus.LISTING_REMOVED
    assert (notice.rights_owner, notice.rights_owner_email) == ("Lumen Home GmbH", "legal@lumenhome.example")
    plan = compose_plan(notice, None, {})
    assert [letter.id for letter in plan.letters] == ["retraction_request"]  # no supplier named yet
    assert "ip.supplier" in optional_questions(plan, {})
    resold = compose_plan(notice, None, {"ip.supplier": "Nordlicht Handel GmbH"})
    assert [letter.id for letter in resold.letters] == ["retraction_request", "supplier_documents"]
    assert resold.letters[1].to == "Nordlicht Handel GmbH"
    retraction = plan.letters[0]
    assert retraction.to == "Lumen Home GmbH (legal@lumenhome.example)" and "8812345670" in retraction.subject
    body = " ".join(i.text for i in retraction.body)
    assert "B0D1TRADE1" in body and "retraction" in body
    assert not plan.sections and not plan.ready and "ip.basis" in plan.missing


def test_a_phishing_message_gets_no_plan_and_no_link() -> None:
    notice = parse_notice(PHISHING)
    assert notice.response_type is ResponseType.VERIFY_FIRST
    plan = compose_plan(notice, None, {})
    text = render_text(plan)
    assert not plan.sections and not plan.asks and not plan.ready and plan.missing == ["verify.genuine"]
    assert "http" not in text and "amaz0n-sellers.example" not in text and "amaz0n-sellers[.]example" in text
    assert "type the address" in text
    genuine = compose_plan(notice, None, {"verify.genuine": "yes"})
    assert genuine.response_type is not ResponseType.VERIFY_FIRST


def test_a_warning_needs_nothing_sent_and_gets_an_improvement_plan() -> None:
    notice = parse_notice(WARNING)
    assert notice.status is NoticeStatus.AT_RISK and notice.response_type is ResponseType.IMPROVEMENT_PLAN
    plan = compose_plan(notice, None, {})
    assert plan.kind == "performance_improvement_plan" and plan.sections
    assert "Nothing has to be sent now" in render_text(plan)


def test_who_the_seller_is_does_not_raise_an_issue() -> None:
    notice = parse_notice(TRADEMARK_OWNER_ASIDE)
    assert notice.issue_kinds == [IssueKind.INAUTHENTIC]


def test_a_rejection_names_each_weak_part_once() -> None:
    notice = parse_notice(
        "We reviewed your appeal. Unfortunately, we cannot reinstate your account. Your root cause was clear. "
        "Please provide greater detail on the following:\n- the actions you have taken\n"
        "- how you will prevent this in the future\n"
    )
    categories = [a for a in notice.asks if a.kind is AskKind.CATEGORY]
    assert [a.part for a in categories] == [PlanPart.CORRECTIVE_ACTIONS, PlanPart.PREVENTIVE_MEASURES]


def test_a_plain_rejection_without_an_issue_still_gets_a_plan_that_asks_for_it() -> None:
    notice = parse_notice(
        "Thank you for your appeal. Unfortunately we do not have enough information to reinstate your account. "
        "Please send a revised plan of action."
    )
    assert notice.rejection is not None and notice.issues == []
    plan = compose_plan(notice, None, {})
    assert [s.issue for s in plan.sections] == [IssueKind.OTHER]
    assert not plan.ready and "other.issue" in plan.missing
