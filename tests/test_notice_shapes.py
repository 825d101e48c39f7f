"""Notice shapes found on the second dev set: forwarded e-mails, legal footers, tax-identity checks,
headings without an end mark, and 'your plan is not complete'. The notices here are written for the tests."""

from __future__ import annotations

from appeal_assistant.models import AskKind, IssueKind, NoticeStatus, ResponseType
from appeal_assistant.notice import parse_notice
from appeal_assistant.notice.parser import unwrap_forward

FORWARDED = """From: Dana Reyes <dana@northpeak-goods.example>
To: consultant@appeals.example
Subject: Fwd: Your Amazon.com selling privileges

Can you have a look? This came this morning.

---------- Forwarded message ---------
From: Amazon.com Seller Performance <seller-performance@amazon.com>
Date: Fri, Nov 27, 2026 at 6:12 AM
Subject: RE: Your Amazon.com selling privileges

> Hello,
>
> We received your information, but your plan is not complete. Our review found these problems:
>
> -- Your plan does not tell us what caused the orders below to arrive late.
> -- Explain how you will prevent late-receipt complaints in the future.
>
> To sell on Amazon.com again, reply to this message with a plan that addresses these issues.
>
> > ----- Original message -----
> > From: dana@northpeak-goods.example
> > We will make sure this does not happen again.
"""

TAX = """From: eBay <ebay@ebay.com>
Subject: Action needed: we couldn't verify your Tax ID

Hi seller,

We checked the Tax ID you gave us against IRS records and the name and number did not match.
Your payouts are on hold.

What you need to do by January 15, 2027
1. Sign in to eBay and go to Payments > Taxes.
2. Fill in the Form W-9 there:
   - Line 1: your name exactly as the IRS has it.
   - Your 9-digit Tax ID.
3. Certify and sign the form, then submit it.

If we still can't verify your Tax ID, we may limit your ability to sell.

Copyright 1995-2026 eBay Inc. All Rights Reserved. Designated trademarks and brands are the property of their
respective owners. Your use of eBay is governed by the User Agreement.
"""


def test_a_forwarded_notice_is_read_as_the_marketplace_sent_it() -> None:
    notice = parse_notice(FORWARDED)
    assert not notice.phishing_signals  # the seller's own address forwarded it; the marketplace sent it
    assert notice.rejection is not None and notice.status is NoticeStatus.DEACTIVATED
    assert notice.response_type is ResponseType.PLAN_OF_ACTION
    assert IssueKind.ON_TIME_DELIVERY_RATE in notice.issue_kinds
    assert not any("make sure this does not happen" in a.text for a in notice.asks)  # the seller's old plan
    assert "Can you have a look" not in unwrap_forward(FORWARDED)
    assert unwrap_forward("Hello, no forward here.") == "Hello, no forward here."


def test_a_tax_identity_check_asks_for_its_steps_not_a_plan() -> None:
    notice = parse_notice(TAX)
    assert notice.issue_kinds == [IssueKind.SELLER_VERIFICATION]  # the footer's 'trademarks' raise nothing
    assert notice.response_type is ResponseType.DOCUMENTS_ONLY and notice.status is NoticeStatus.AT_RISK
    assert notice.deadline is not None and notice.deadline.isoformat() == "2027-01-15"
    steps = [a for a in notice.asks if a.kind is AskKind.STEP]
    assert [a.text[:12] for a in steps] == ["Sign in to e", "Fill in the ", "Certify and "]
    assert "Line 1" in steps[1].detail  # the form's lines belong to the step
    assert not any("User Agreement" in a.text for a in notice.asks)


def test_late_receipt_words_are_no_receipt_document() -> None:
    notice = parse_notice(
        "Explain how you will prevent non-receipt and late-receipt complaints in the future."
    )
    assert all(a.document != "invoices" for a in notice.asks)
    receipts = parse_notice("Please send purchase receipts for the units you sold.")
    assert any(a.document == "invoices" for a in receipts.asks)


def test_item_numbers_patents_and_references_are_named_in_the_response() -> None:
    from appeal_assistant.drafting.composer import compose_plan
    from appeal_assistant.drafting.render import render_text

    notice = parse_notice(
        "We removed your listing after a report from a rights owner.\n"
        "Item number: 285519304412\nReference: VRO-2026-118734\n"
        "The claimant holds U.S. Patent No. 10,987,654 and Design Patent D912,345. Case ID: 18273645."
    )
    assert notice.item_ids == ["285519304412"]
    assert notice.patent_numbers == ["10,987,654", "D912,345"]
    assert notice.reference_ids == ["VRO-2026-118734", "18273645"]
    text = render_text(compose_plan(notice, None, {}))
    assert "The notice names: items 285519304412; references VRO-2026-118734, 18273645; patents" in text


def test_a_boxed_contact_with_leader_dots_is_read() -> None:
    from appeal_assistant.notice.parser import unbox

    boxed = (
        "We removed your listing after a VeRO report: the photos infringe their copyright.\n"
        "  +-- REPORTED BY ------------------------------+\n"
        "  |  VeRO participant ....... Ridgeline Gear Co. |\n"
        "  |  Write to ............... legal@ridgeline.example |\n"
        "  |  Their reference ........ RG-2026-0419       |\n"
        "  +---------------------------------------------+\n"
    )
    assert "VeRO participant: Ridgeline Gear Co." in unbox(boxed).splitlines()
    notice = parse_notice(boxed)
    assert (notice.rights_owner, notice.rights_owner_email) == (
        "Ridgeline Gear Co.",
        "legal@ridgeline.example",
    )
    assert notice.reference_ids == ["RG-2026-0419"]


def test_a_scam_that_asks_for_a_password_by_reply_and_isolates_the_seller() -> None:
    notice = parse_notice(
        "From: eBay Trust Desk <trust.desk.ebay@gmail.com>\nSubject: account suspension pending\n\n"
        "Reply to this email with your user ID and password so our agent can confirm you own the account. "
        "Do not contact eBay Customer Service about this case; outside contact will reset the review."
    )
    kinds = {s.kind for s in notice.phishing_signals}
    assert {"asks_password", "isolates"} <= kinds
    assert notice.response_type is ResponseType.VERIFY_FIRST
    from appeal_assistant.drafting.composer import compose_plan
    from appeal_assistant.drafting.render import render_text

    text = render_text(compose_plan(notice, None, {}))
    assert "never asks for a password or security code" in text and "change your password at once" in text


def test_a_final_decision_gets_advice_on_what_is_still_possible() -> None:
    from appeal_assistant.drafting.composer import compose_plan
    from appeal_assistant.drafting.render import render_text

    notice = parse_notice(
        "Your Amazon selling account has been permanently deactivated for review manipulation. "
        "This decision is final and we may not respond to further messages."
    )
    assert notice.status is NoticeStatus.PERMANENTLY_DEACTIVATED
    text = render_text(compose_plan(notice, None, {}))
    assert "materially new information" in text and "Do not open another selling account" in text


def test_a_notice_that_names_where_to_send_is_followed() -> None:
    from appeal_assistant.drafting.composer import compose_plan
    from appeal_assistant.drafting.render import render_text

    notice = parse_notice(
        "We removed your hoverboard listings (ASIN B0HVB00001) for product safety concerns.\n"
        "For these listings, send a plan of action and a UL 2272 test report to hoverboard-listing@amazon.com."
    )
    assert notice.send_to == "hoverboard-listing@amazon.com"
    assert "to hoverboard-listing@amazon.com, the address the notice gives" in render_text(
        compose_plan(notice, None, {})
    )
    assert parse_notice("Send your documents to help@scam-desk.example today.").send_to is None


def test_a_patent_claim_block_and_item_lines_are_read() -> None:
    from appeal_assistant.drafting.composer import compose_plan
    from appeal_assistant.drafting.render import render_text

    notice = parse_notice(
        "From: Walmart Marketplace <marketplace-trustandsafety@walmart.com>\n\n"
        "We received a legal claim that products you offer infringe a U.S. patent. We have unpublished these items:\n\n"
        "  2096400001 - Folding Colander, 4 Qt\n  2096400002 - Folding Colander, 2-Pack\n\n"
        "Patent asserted: U.S. Patent No. 11,400,123\n\n"
        "Please do not set these products up again under new item IDs while the claim is open.\n\n"
        "Claimant:\n        Hillside Housewares, Inc.\n        represented by A. Lawyer, Partner\n"
        "        alawyer@hillside-law.example\n        Matter ref. HH-0931\n"
    )
    assert notice.item_ids == ["2096400001", "2096400002"] and notice.reference_ids == ["HH-0931"]
    assert notice.rights_owner_email == "alawyer@hillside-law.example"
    text = render_text(compose_plan(notice, None, {}))
    assert "patent attorney" in text and "Answered under" not in text  # no plan section to point to


def test_walmart_non_new_merchandise_with_an_item_table() -> None:
    notice = parse_notice(
        "Your Walmart Marketplace selling privileges are suspended. Customers received items that were used, "
        "opened or missing parts, on orders for items listed as new (Non-New Merchandise Policy).\n\n"
        "  Item ID      Item                               Complaints\n"
        "  5510200001   Tablet 10.1 inch, 64GB                  6\n"
        "  5510200002   Over-Ear Headphones, Black              4\n"
    )
    assert IssueKind.CONDITION_COMPLAINT in notice.issue_kinds
    assert notice.item_ids == ["5510200001", "5510200002"]
