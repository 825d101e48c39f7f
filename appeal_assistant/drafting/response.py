"""The parts of a response beyond the plan's sections: each ask answered, advice, and letters.

- ``ask_questions``: the questions a notice's own asks raise (ids ``ask.1``, ``ask.2``, ...): a document
  to name, a step to confirm, a listed issue to explain, a question to answer.
- ``answer_asks``: one ``PlanAsk`` per ask of the notice, answered from the plan, the seller's answers,
  or a visible placeholder; an ask is never dropped.
- ``advice``: what the seller should know first for this kind of response (what to send, by when,
  what is at stake; never a link from a suspected phishing message).
- ``ip_letters``: for a rights owner's complaint, the request for a retraction and the request to the
  supplier for invoices or a letter of authorization.

Every sentence is built from the notice, the seller's answers or a knowledge document named in its
reference; nothing here states a fact about the seller's business that they have not given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from appeal_assistant.drafting.context import SectionContext
from appeal_assistant.drafting.playbook import Question
from appeal_assistant.drafting.template import render_template, sentence_case
from appeal_assistant.models import (
    AskKind,
    FactRef,
    IssueKind,
    Letter,
    Marketplace,
    Notice,
    NoticeAsk,
    NoticeStatus,
    PlanAsk,
    PlanItem,
    PlanPart,
    PlanSection,
    ResponseType,
)
from appeal_assistant.notice.requests import IP_KINDS
from appeal_assistant.notice.summary import DOCUMENT_LABELS, PHISHING_LABELS

__all__ = [
    "ACCOUNT_PAGES",
    "IP_QUESTIONS",
    "VERIFY_QUESTION",
    "advice",
    "answer_asks",
    "ask_questions",
    "defang",
    "ip_letters",
]

ACCOUNT_PAGES: dict[Marketplace, str] = {
    Marketplace.AMAZON: "Seller Central (Account Health and Performance Notifications)",
    Marketplace.EBAY: "Seller Hub (Performance, and Messages from eBay)",
    Marketplace.WALMART: "Seller Center (Notifications and Performance)",
}
_MARKET_NAMES = {Marketplace.AMAZON: "Amazon", Marketplace.EBAY: "eBay", Marketplace.WALMART: "Walmart"}
_PART_WORDS = {
    PlanPart.ROOT_CAUSE: "Root cause",
    PlanPart.CORRECTIVE_ACTIONS: "Corrective actions taken",
    PlanPart.PREVENTIVE_MEASURES: "Preventive measures",
    PlanPart.SUPPORTING_DOCUMENTS: "Supporting documents",
}
_KB = "knowledge/"

#: Asked when a message looks like phishing: the answer decides whether it is answered at all.
VERIFY_QUESTION = Question(
    id="verify.genuine",
    ask=(
        "Did you find this same notice in your account after signing in by typing the marketplace's address "
        "yourself (not through a link in the message)? Answer yes or no."
    ),
    why="A message that shows signs of phishing is answered only once the account itself shows it.",
    placeholder="whether the same notice appears in your account",
    expects="yes_no",
)

#: The facts the letters of an IP complaint need (the rights owner's details come from the notice).
IP_QUESTIONS: tuple[Question, ...] = (
    Question(
        id="ip.basis",
        ask=(
            "Why should the complaint be withdrawn? Say which fits and give the facts: genuine units bought from "
            "the brand or an authorised distributor (with invoice numbers), a licence from the rights owner, "
            "the listing already corrected (what and when), or the product was never sold."
        ),
        why="A retraction request states briefly why the complaint does not apply, with the proof.",
        placeholder="why the complaint does not apply, with the proof",
    ),
    Question(
        id="ip.contact",
        ask="Which name, business name and e-mail address should the rights owner answer to?",
        why="The rights owner needs to know who is asking and where to reply.",
        placeholder="your name, business name and e-mail",
    ),
    Question(
        id="ip.supplier",
        ask="Who is your supplier for these items (full business name)?",
        why="The request for invoices or a letter of authorization goes to the supplier.",
        placeholder="your supplier's business name",
    ),
)

#: Where each marketplace asks sellers to report a spoofed message (knowledge/phishing-notices-and-impersonation.md).
_REPORT_SPOOF: dict[Marketplace, str] = {
    Marketplace.AMAZON: "forward it to stop-spoofing@amazon.com (typed by hand), then delete it",
    Marketplace.EBAY: "forward it to spoof@ebay.com (typed by hand), then delete it",
}
_IP_KB = "rights-owner-retractions"
_LOA_KB = "supporting-documents-letters-of-authorization"
_INVOICE_KB = "supporting-documents-invoices"


def defang(text: str) -> str:
    """Hosts and addresses shown as text that no renderer turns into a link ('evil[.]example')."""
    text = re.sub(r"\bhttps?://", "", text, flags=re.I)
    return re.sub(r"(?<=\w)\.(?=[a-z]{2,24}\b)", "[.]", text)


def _specific_question(ask: NoticeAsk) -> bool:
    """A question the plan's parts do not answer by themselves ('how you rotate date-coded stock')."""
    return ask.part is None


#: The placeholder of a question raised by a step of the notice (the chat tells steps apart by it).
STEP_PLACEHOLDER = "what you did for this step, and the date"


def _ask_question(ask: NoticeAsk) -> Question | None:
    """The question an ask puts to the seller, or None when the plan itself answers it."""
    words = ask.text.rstrip(".:")
    if ask.kind is AskKind.DOCUMENT and ask.document != "plan_of_action":
        label = DOCUMENT_LABELS.get(ask.document or "other", "document").split(" (")[0].lower()
        return Question(
            id=ask.id,
            ask=f"The notice asks for: \u201c{words}\u201d. Which {label} will you send? Name each one, who issued "
            "it and its date.",
            why="Every document the notice asks for must be answered; a missing one is a common rejection.",
            placeholder=f"the {label} you send: issuer and date",
        )
    if ask.kind is AskKind.STEP:
        return Question(
            id=ask.id,
            ask=f"The notice asks you to: \u201c{words}\u201d. Have you done it? Say what you did and the date.",
            why="A step the notice sets must be done (in its order) before the appeal is reviewed.",
            placeholder=STEP_PLACEHOLDER,
        )
    if ask.kind is AskKind.ISSUE:
        return Question(
            id=ask.id,
            ask=f"The notice lists: \u201c{words}\u201d. What caused it, and what did you change (with the date)?",
            why="Each issue the notice lists needs its own cause and fix; one left out reads as unanswered.",
            placeholder="what caused this and what you changed",
        )
    if ask.kind is AskKind.QUESTION and _specific_question(ask):
        return Question(
            id=ask.id,
            ask=f"The notice asks: \u201c{words}\u201d. What is your answer?",
            why="The reviewer checks that every question of the notice is answered explicitly.",
            placeholder="your answer to this question",
        )
    return None


def ask_questions(notice: Notice | None) -> dict[str, Question]:
    """Questions raised by the notice's own asks, by id (ask.N), for the interview and placeholders."""
    if notice is None:
        return {}
    out: dict[str, Question] = {}
    for ask in notice.asks:
        question = _ask_question(ask)
        if question is not None:
            out[question.id] = question
    return out


def _where(sections: list[PlanSection], part: PlanPart) -> str:
    titles = [f"{n}. {s.title}" for n, s in enumerate(sections, 1)]
    if not titles:
        return f"under {_PART_WORDS[part]}"
    where = titles[0] if len(titles) == 1 else "each issue"
    return f"under {_PART_WORDS[part]} ({where})"


def _answer_text(ask: NoticeAsk, answers: Mapping[str, str]) -> str | None:
    value = answers.get(ask.id)
    return value.rstrip(" .") if value else None


#: The kinds of ask a playbook's document item answers: a request for a document, or a step that is one.
DOCUMENT_ASKS = (AskKind.DOCUMENT, AskKind.STEP)


def answer_asks(
    notice: Notice,
    sections: list[PlanSection],
    answers: Mapping[str, str],
    documents: Mapping[str, PlanItem],
    *,
    has_changes: bool,
) -> list[PlanAsk]:
    """One answer per ask of the notice, in its order; ``documents`` maps a document kind to the plan item
    that provides it (from the playbooks)."""
    out: list[PlanAsk] = []
    questions = ask_questions(notice)
    for ask in notice.asks:
        ref = FactRef(kind="notice", ref=f"asks:{ask.id}", quote=ask.text[:120])
        prefix = f"Step {ask.step}: " if ask.kind is AskKind.STEP and ask.step else ""
        given = _answer_text(ask, answers)
        item: PlanItem
        if ask.kind is AskKind.DOCUMENT and ask.document == "plan_of_action":
            item = PlanItem(
                text="This plan of action: root cause, corrective actions and preventive measures for each issue.",
                refs=[ref],
            )
        elif ask.kind in DOCUMENT_ASKS and given is None and ask.document in documents:
            provided = documents[ask.document or ""]
            item = provided.model_copy(update={"text": prefix + provided.text, "refs": [ref, *provided.refs]})
        elif (
            ask.kind in (AskKind.QUESTION, AskKind.CATEGORY)
            and ask.part is not None
            and given is None
            and sections
        ):
            text = f"Answered {_where(sections, ask.part)}."
            if ask.kind is AskKind.CATEGORY:
                text = f"More detail is given {_where(sections, ask.part)}" + (
                    "; what changed is listed at the top." if has_changes else "."
                )
            item = PlanItem(text=text, refs=[ref])
        elif given is not None:
            lead = "Attached: " if ask.kind is AskKind.DOCUMENT else ""
            item = PlanItem(
                text=f"{prefix}{lead}{given if lead else sentence_case(given)}.",
                refs=[ref, FactRef(kind="answer", ref=ask.id, quote=given)],
            )
        else:
            question = questions.get(ask.id)
            placeholder = question.placeholder if question else "your answer"
            item = PlanItem(text=f"{prefix}[[{placeholder}]]", refs=[ref], placeholders=[ask.id])
        out.append(PlanAsk(ask_id=ask.id, kind=ask.kind, ask=ask.text, detail=ask.detail, answer=item))
    return out


#: The identifiers a notice names, in the order a reviewer checks them, with their labels.
_IDENTIFIERS = (
    ("asins", "ASINs"),
    ("item_ids", "items"),
    ("skus", "SKUs"),
    ("order_ids", "orders"),
    ("complaint_ids", "complaint IDs"),
    ("reference_ids", "references"),
    ("trademark_numbers", "trademark registrations"),
    ("patent_numbers", "patents"),
)


def _named(notice: Notice, limit: int = 12) -> str:
    """'ASINs B0..., B0...; references VRO-...; rights owner X (x@...)': what the response must cover."""
    parts = []
    for attr, label in _IDENTIFIERS:
        values: list[str] = getattr(notice, attr)
        if values:
            more = f" and {len(values) - limit} more" if len(values) > limit else ""
            parts.append(f"{label} {', '.join(values[:limit])}{more}")
    if notice.rights_owner or notice.rights_owner_email:
        email = f" ({notice.rights_owner_email})" if notice.rights_owner and notice.rights_owner_email else ""
        parts.append(f"rights owner {notice.rights_owner or notice.rights_owner_email}{email}")
    return "; ".join(parts)


def _deadline(notice: Notice) -> str:
    if notice.deadline is not None:
        return f"by {notice.deadline.isoformat()}"
    if notice.deadline_days:
        return f"within {notice.deadline_days} days of the notice"
    return ""


def _stakes(notice: Notice) -> str:
    stakes = []
    if notice.funds_held:
        stakes.append("funds are held")
    if notice.inventory_at_risk:
        stakes.append("inventory at the marketplace's warehouses may be disposed of")
    return "; ".join(stakes)


def advice(notice: Notice | None, response: ResponseType, *, asked: int) -> list[PlanItem]:
    """What the seller should know first, for this kind of response (not part of the submission)."""
    if notice is None:
        return []
    ref = FactRef(kind="notice", ref="response_type", quote=notice.response_reason)
    name = _MARKET_NAMES[notice.marketplace]
    page = ACCOUNT_PAGES[notice.marketplace]
    deadline = _deadline(notice)
    when = f" {deadline}" if deadline else ""
    out: list[PlanItem] = []
    if response is ResponseType.VERIFY_FIRST:
        signs = "; ".join(
            defang(f"{PHISHING_LABELS[s.kind]} ({s.evidence[:90]})")
            for s in notice.phishing_signals
            if s.kind != "urgency_threat"
        )
        out.append(
            PlanItem(
                text="Do not click or open any link in this message, and do not reply, pay, sign in or enter a password, "
                f"bank or card details from it: it shows signs of phishing: {signs}.",
                refs=[
                    FactRef(kind="notice", ref="phishing_signals"),
                    FactRef(kind="passage", ref=_KB + "phishing-notices-and-impersonation"),
                ],
            )
        )
        out.append(
            PlanItem(
                text=f"Open a new browser window, type the address of {name} {page.split(' (')[0]} yourself and "
                f"check {page.split('(')[-1].rstrip(')')} for the same notice. No plan of action is drafted for this "
                "message; if the same notice is in your account, answer that one.",
                refs=[FactRef(kind="passage", ref=_KB + "phishing-notices-and-impersonation")],
            )
        )
        report = _REPORT_SPOOF.get(notice.marketplace)
        if report:
            out.append(
                PlanItem(
                    text=f"Report the message to {name}: {report}.",
                    refs=[FactRef(kind="passage", ref=_KB + "phishing-notices-and-impersonation")],
                )
            )
        out.append(
            PlanItem(
                text=f"{name} never asks for a password or security code by e-mail, and no marketplace takes fees or "
                "deposits in gift cards. If you already replied, paid or signed in through the message: change "
                "your password at once, turn on two-step verification, and call your bank or card issuer.",
                refs=[FactRef(kind="passage", ref=_KB + "phishing-notices-and-impersonation")],
            )
        )
        return out
    if response is ResponseType.DOCUMENTS_ONLY:
        out.append(
            PlanItem(
                text=f"No plan of action is needed: the notice asks only for the {asked} item(s) below. Send them{when} "
                f"where the notice says; names and addresses on every document must match the account exactly.",
                refs=[ref, FactRef(kind="passage", ref=_KB + "seller-identity-verification")],
            )
        )
    elif response is ResponseType.IMPROVEMENT_PLAN:
        status = notice.status.value.replace("_", " ")
        out.append(
            PlanItem(
                text=f"Nothing has to be sent now: this notice is a warning (status: {status}). The plan below is "
                "for you to act on before the issue costs the account; send it only if the notice invites a reply.",
                refs=[ref, FactRef(kind="passage", ref=_KB + "performance-improvement-plan")],
            )
        )
    elif response is ResponseType.IP_PATH:
        ids = ", ".join(notice.complaint_ids)
        out.append(
            PlanItem(
                text=f"The listing was removed after a rights owner's complaint{f' (complaint {ids})' if ids else ''}. "
                "Two routes back: ask the rights owner to retract the complaint (letter 1 below), or show that it "
                "does not apply with invoices, a licence or a letter of authorization (name your supplier and a "
                f"request for them is drafted too). A plan of action is needed only if the notice asks for one{when}.",
                refs=[ref, FactRef(kind="passage", ref=_KB + _IP_KB)],
            )
        )
        if IssueKind.IP_PATENT in notice.issue_kinds:
            out.append(
                PlanItem(
                    text="Whether a product falls under a patent's claims is a legal question: have a patent attorney "
                    "compare the product with the claims before you argue that it does not infringe, and keep the "
                    "listings down meanwhile.",
                    refs=[FactRef(kind="passage", ref=_KB + _IP_KB)],
                )
            )
        reported = next((i.evidence for i in notice.issues if i.kind in IP_KINDS and i.evidence), "")
        if reported:
            out.append(
                PlanItem(
                    text=f"What was reported: \u201c{reported.rstrip(' .')}.\u201d Fix that in every listing before asking "
                    "for a retraction, and expect further complaints to lead to restrictions on the account.",
                    refs=[FactRef(kind="notice", ref="issues", quote=reported[:120])],
                )
            )
    else:
        lead = (
            "Your earlier appeal was turned down: answer each point it names in more detail; do not resend the same text. "
            if notice.rejection is not None
            else ""
        )
        docs = " and the documents listed under 'Answers to the notice'" if asked else ""
        out.append(
            PlanItem(
                text=f"{lead}Send this plan of action{docs}{when}{',' if when else ''} "
                + (
                    f"to {notice.send_to}, the address the notice gives."
                    if notice.send_to
                    else f"through {page.split(' (')[0]}."
                ),
                refs=[ref, FactRef(kind="passage", ref=_KB + "appeal-submission-and-deadlines")],
            )
        )
    for mention in notice.metric_mentions[:3]:
        out.append(
            PlanItem(
                text=f"The notice reports: \u201c{mention.text[:200].rstrip(' .')}.\u201d",
                refs=[FactRef(kind="notice", ref="metric_mentions", quote=mention.text[:200])],
            )
        )
    stakes = _stakes(notice)
    if stakes:
        out.append(PlanItem(text=f"At stake: {stakes}.", refs=[FactRef(kind="notice", ref="funds_held")]))
    named = _named(notice)
    if named:
        out.append(
            PlanItem(text=f"The notice names: {named}.", refs=[FactRef(kind="notice", ref="identifiers")])
        )
    if notice.status is NoticeStatus.PERMANENTLY_DEACTIVATED:
        out.append(
            PlanItem(
                text="The notice says the decision is final and the deactivation permanent: write again only with "
                "materially new information the earlier review did not have (new documents, a cause not explained "
                "before), complete the first time. Do not open another selling account: it would be linked to this "
                "one and closed too. Funds held are usually released after the hold period the notice states "
                "(about 90 days on Amazon) unless they are withheld for the violation.",
                refs=[FactRef(kind="notice", ref="status", quote=notice.status_evidence)],
            )
        )
    return out


_RETRACTION: tuple[str, ...] = (
    "We sell the products named in your complaint<< ({notice.asins})>> on {notice.market}. Our listing was removed "
    "after your complaint<< {notice.complaint_ids}>><< (notice of {notice.date})>>.",
    "Why we ask you to withdraw it: {answer:ip.basis}.",
    "If you agree, please send a retraction to {notice.market} from the address you used for the complaint, naming "
    "the complaint<< {notice.complaint_ids}>> and the listings<< ({notice.asins})>>. We can send copies of our "
    "documents on request.",
    "Contact: {answer:ip.contact}.",
)
_SUPPLIER: tuple[str, ...] = (
    "Please send copies of your invoices for what we bought from you over the last 365 days<< for these products: "
    "{notice.asins}>>. Each invoice "
    "should show your business name, address and phone number, our business as the buyer, the products and the "
    "quantities.",
    "If you are an authorised distributor of the brand, please also send a letter of authorization or a "
    "distributor certificate from the brand.",
    "Contact: {answer:ip.contact}.",
)


def _letter(
    letter_id: str, to: str, subject: str, lines: tuple[str, ...], ctx: SectionContext, source: str
) -> Letter:
    questions = {q.id: q for q in IP_QUESTIONS}
    body = []
    for line in lines:
        item = render_template(line, ctx, questions)
        item.refs.append(FactRef(kind="passage", ref=_KB + source, quote=source))
        body.append(item)
    return Letter(
        id=letter_id,
        to=render_template(to, ctx, questions).text,
        subject=render_template(subject, ctx, questions).text,
        body=body,
    )


def ip_letters(notice: Notice, answers: Mapping[str, str], ctx: SectionContext, *, ip: bool) -> list[Letter]:
    """The retraction request to the rights owner (IP complaints) and the supplier's invoices request."""
    letters: list[Letter] = []
    if not ctx.has("answer:ip.supplier") and ctx.has("answer:inauth.supplier"):
        ctx.put(
            "answer:ip.supplier", ctx.values["answer:inauth.supplier"], ctx.refs["answer:inauth.supplier"]
        )
    if ip:
        letters.append(
            _letter(
                "retraction_request",
                "{notice.rights_owner}<< ({notice.rights_owner_email})>>"
                if ctx.has("notice.rights_owner")
                else "<<{notice.rights_owner_email}, >>the rights owner named in the complaint",
                "Request to withdraw complaint<< {notice.complaint_ids}>><< about {notice.asins}>>",
                _RETRACTION,
                ctx,
                _IP_KB,
            )
        )
    if not ip or ctx.has("answer:ip.supplier"):  # a reseller's route: only once the supplier is named
        letters.append(
            _letter(
                "supplier_documents",
                "{answer:ip.supplier}",
                "Request for invoices and a letter of authorization<< for {notice.asins}>>",
                _SUPPLIER,
                ctx,
                _INVOICE_KB,
            )
        )
    return letters
