"""Show a Notice: a short readable summary (what it is, what to send, by when, what next) or JSON."""

from __future__ import annotations

import json
import re

from appeal_assistant.models import (
    AskKind,
    Marketplace,
    Notice,
    NoticeAsk,
    NoticeStatus,
    PlanPart,
    ResponseType,
)
from appeal_assistant.notice.patterns import (
    ISSUE_LABELS,
    METRIC_NAMES,
)

__all__ = ["DOCUMENT_LABELS", "PHISHING_LABELS", "next_steps", "notice_json", "render_summary"]

DOCUMENT_LABELS: dict[str, str] = {
    "plan_of_action": "Plan of action",
    "invoices": "Invoices or receipts from your supplier",
    "supplier_contact": "Supplier contact details (name, address, phone, website)",
    "letter_of_authorization": "Letter of authorization from the brand or rights owner",
    "retraction": "Retraction of the complaint, sent by the rights owner",
    "utility_bill": "Utility bill for your address",
    "identity_document": "Identity document (passport or ID card)",
    "bank_statement": "Bank account statement",
    "credit_card_statement": "Credit card statement",
    "business_registration": "Business registration document",
    "safety_documents": "Safety or compliance documents (test reports, certificates)",
    "product_images": "Photos of the product, label or packaging",
    "other": "Other document",
}
PHISHING_LABELS: dict[str, str] = {
    "asks_password": "asks for a password or sign-in code",
    "asks_payment": "asks for a payment, fee or gift cards",
    "foreign_link": "links to a look-alike site outside the marketplace's own domain",
    "messenger_contact": "moves the conversation to a messenger app",
    "sender_mismatch": "its sender is not an address of the marketplace's domain",
    "urgency_threat": "pressures with a very short deadline or threats",
    "isolates": "tells you not to contact the marketplace's own support",
}
_STATUS_LABELS: dict[NoticeStatus, str] = {
    NoticeStatus.WARNING: "a warning",
    NoticeStatus.AT_RISK: "account at risk",
    NoticeStatus.LISTING_REMOVED: "listings removed",
    NoticeStatus.UNDER_REVIEW: "account under review",
    NoticeStatus.DEACTIVATED: "account deactivated",
    NoticeStatus.PERMANENTLY_DEACTIVATED: "account permanently deactivated",
    NoticeStatus.UNKNOWN: "status not stated",
}
_RESPONSE_LABELS: dict[ResponseType, str] = {
    ResponseType.PLAN_OF_ACTION: "a plan of action",
    ResponseType.DOCUMENTS_ONLY: "the documents asked for, no plan of action",
    ResponseType.IMPROVEMENT_PLAN: "nothing due now; an improvement plan to act on",
    ResponseType.IP_PATH: "a retraction from the rights owner, or proof the complaint does not apply",
    ResponseType.VERIFY_FIRST: "nothing: verify this message in your account first",
}
_ASK_KIND_LABELS: dict[AskKind, str] = {
    AskKind.DOCUMENT: "document",
    AskKind.STEP: "step",
    AskKind.ISSUE: "issue to fix",
    AskKind.QUESTION: "question",
    AskKind.CATEGORY: "judged weak",
}
_MARKETPLACE_NAMES = {Marketplace.AMAZON: "Amazon", Marketplace.EBAY: "eBay", Marketplace.WALMART: "Walmart"}
_ACCOUNT_PAGES = {
    Marketplace.AMAZON: "Account Health in Seller Central",
    Marketplace.EBAY: "Seller Hub (Performance)",
    Marketplace.WALMART: "Seller Center",
}
_PART_LABELS = {
    PlanPart.ROOT_CAUSE: "root cause",
    PlanPart.CORRECTIVE_ACTIONS: "corrective actions",
    PlanPart.PREVENTIVE_MEASURES: "preventive measures",
    PlanPart.SUPPORTING_DOCUMENTS: "supporting documents",
}
_PERFORMANCE = frozenset(kind for kind, _, _ in METRIC_NAMES)
_TAG = re.compile(r"\[(window|files): ([^\]]+)\]")  # kept for _document_line


def _ask_label(ask: NoticeAsk) -> str:
    label = _ASK_KIND_LABELS[ask.kind]
    if ask.kind is AskKind.STEP and ask.step:
        label = f"step {ask.step}"
    return label + (", asked again" if ask.rejected and ask.kind is not AskKind.CATEGORY else "")


def _ask_text(notice: Notice, ask: NoticeAsk) -> str:
    """A document ask with its label and what the notice adds (age, file types); others as written."""
    if ask.kind is not AskKind.DOCUMENT or ask.document in (None, "other", "plan_of_action"):
        return ask.text
    detail = next((d.detail for d in notice.requested_documents if d.kind == ask.document), "")
    return f"{_document_line(ask.document, detail, notice.plan_parts_requested)}: {ask.text}"


def _is_phishing(notice: Notice) -> bool:
    """Any sign beyond mere pressure makes the message suspect."""
    return any(s.kind != "urgency_threat" for s in notice.phishing_signals)


def _parts(parts: list[PlanPart]) -> str:
    return ", ".join(_PART_LABELS[p] for p in parts)


def _document_line(kind: str, detail: str, parts: list[PlanPart]) -> str:
    label = DOCUMENT_LABELS.get(kind, kind)
    tags = dict(_TAG.findall(detail))
    extras = []
    if kind == "plan_of_action" and parts:
        extras.append("covering " + _parts(parts))
    if "window" in tags:
        extras.append(f"dated within the last {tags['window']}")
    if "files" in tags:
        extras.append(f"as {tags['files']}")
    if kind == "other":
        extras.append(_TAG.sub("", detail).strip())
    return label + (f" ({'; '.join(extras)})" if extras else "")


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _deadline_line(notice: Notice) -> str:
    if notice.deadline and notice.notice_date:
        gap = _days((notice.deadline - notice.notice_date).days)
        return f"{notice.deadline.isoformat()} ({gap} after the notice of {notice.notice_date.isoformat()})"
    if notice.deadline:
        return notice.deadline.isoformat()
    if notice.deadline_days:
        days = _days(notice.deadline_days)
        return f"within {days} of the notice (its date is unknown: count from when it arrived)"
    return "none stated"


def next_steps(notice: Notice) -> list[str]:
    """What the seller should do now, in order, for the response the notice calls for."""
    steps: list[str] = []
    page = _ACCOUNT_PAGES[notice.marketplace]
    response = notice.response_type
    if response is ResponseType.VERIFY_FIRST:
        return [
            f"Treat this message as suspect: do not click its links, reply, pay or share a password. Sign in to "
            f"{page} by typing the address yourself and check whether the same notice is there; answer only that one."
        ]
    documents = [a for a in notice.asks if a.kind is AskKind.DOCUMENT and a.document != "plan_of_action"]
    others = [a for a in notice.asks if a.kind in (AskKind.STEP, AskKind.ISSUE)]
    if notice.rejection is not None:
        weak = _parts(notice.rejection.weak_parts)
        what = f"strengthen {weak}" if weak else "answer each point the reviewer listed"
        steps.append(
            f"Revise the plan of action: {what} with specific facts, dates and evidence; do not resend the same "
            "text (appeal-assistant draft)."
        )
    elif response is ResponseType.PLAN_OF_ACTION:
        steps.append(
            "Write a plan of action with one root cause, the actions already taken and the preventive measures for "
            "each issue, answering every point listed above (appeal-assistant draft)."
        )
    elif response is ResponseType.DOCUMENTS_ONLY:
        steps.append("No plan of action is needed: send the documents listed above, exactly as asked.")
    elif response is ResponseType.IP_PATH:
        steps.append(
            "Ask the rights owner to retract the complaint, or gather the invoices, licence or letter of "
            "authorization that show it does not apply (appeal-assistant draft writes both letters)."
        )
    elif response is ResponseType.IMPROVEMENT_PLAN:
        kinds = notice.issue_kinds
        if any(k in _PERFORMANCE for k in kinds):
            steps.append(
                "Nothing has to be sent now. Analyse your order, shipment and return reports (appeal-assistant "
                "analyze) to find what drives the metric, and fix it before the threshold is crossed."
            )
        else:
            steps.append(
                f"Nothing has to be sent now. Check {page} for this notice and fix what it names before it "
                "affects the account (appeal-assistant draft writes an improvement plan)."
            )
    if documents and response is not ResponseType.DOCUMENTS_ONLY:
        steps.append(
            f"Gather the {len(documents)} document(s) listed above; each must match what the notice asks."
        )
    for ask in sorted(others, key=lambda a: a.step or 0):
        if ask.kind is AskKind.STEP:
            steps.append(f"{'Step ' + str(ask.step) + ': ' if ask.step else ''}{ask.text}")
    if (notice.deadline or notice.deadline_days) and response is not ResponseType.IMPROVEMENT_PLAN:
        steps.append(f"Send everything before the deadline: {_deadline_line(notice)}.")
    if not steps:
        steps.append(
            f"Check {page} for this notice and keep watching your metrics; nothing has to be sent now."
        )
    return steps


def render_summary(notice: Notice) -> str:
    """A readable summary: what it is, what is at stake, what to send, by when, and what to do next."""
    name = _MARKETPLACE_NAMES[notice.marketplace]
    where = f"{name} ({notice.region})" if notice.region else name
    out = [f"Notice: {where}, {_STATUS_LABELS[notice.status]}"]
    if notice.status_evidence:
        out.append(f'  read from: "{notice.status_evidence}"')
    facts = [
        f"dated {notice.notice_date.isoformat()}" if notice.notice_date else "",
        f"from {notice.sender}" if notice.sender else "",
        f"subject: {notice.subject}" if notice.subject else "",
    ]
    if any(facts):
        out.append("  " + " · ".join(f for f in facts if f))
    if notice.phishing_signals:
        title = "WARNING: this may be phishing" if _is_phishing(notice) else "Note: pressure tactics"
        out += ["", f"{title}. The message:"]
        out += [f"  - {PHISHING_LABELS[s.kind]}: {s.evidence}" for s in notice.phishing_signals]
    out += ["", f"Issues ({len(notice.issues)}):" if notice.issues else "Issues: none recognised"]
    out += [f'  - {ISSUE_LABELS[i.kind]}: "{i.evidence}"' for i in notice.issues]
    if notice.rejection is not None:
        weak = _parts(notice.rejection.weak_parts) or "not named"
        out += ["", f"Earlier appeal rejected. Parts judged weak: {weak}"]
        out += [f'  "{e}"' for e in notice.rejection.evidence]
    out += ["", f"Deadline: {_deadline_line(notice)}"]
    stakes = []
    if notice.funds_held is not None:
        stakes.append(
            ("funds held" if notice.funds_held else "funds not held") + f' ("{notice.funds_evidence}")'
        )
    if notice.inventory_at_risk:
        stakes.append(f'inventory at risk ("{notice.inventory_evidence}")')
    if stakes:
        out.append("At stake: " + "; ".join(stakes))
    out += ["", f"Response: {_RESPONSE_LABELS[notice.response_type]} ({notice.response_reason})"]
    if notice.asks:
        out += [
            "",
            f"What the notice asks for ({len(notice.asks)}; answer each, deadline: {_deadline_line(notice)}):",
        ]
        out += [f"  {a.id.split('.')[1]}. [{_ask_label(a)}] {_ask_text(notice, a)}" for a in notice.asks]
    else:
        out += ["", "What the notice asks for: nothing specific"]
    mentioned = [
        ("ASINs", notice.asins),
        ("SKUs", notice.skus),
        ("Order ids", notice.order_ids),
        ("Complaint ids", notice.complaint_ids),
        ("Trademark numbers", notice.trademark_numbers),
        ("Metrics", [f"{m.metric.replace('_', ' ')} {m.value:.1%}" for m in notice.metric_mentions]),
        ("Policies", notice.policy_names),
        ("Links", notice.links),
    ]
    lines = [f"  {label}: {', '.join(values)}" for label, values in mentioned if values]
    if lines:
        out += ["", "Mentioned:", *lines]
    out += ["", "What to do next:"]
    out += [f"  {n}. {step}" for n, step in enumerate(next_steps(notice), start=1)]
    return "\n".join(out)


def notice_json(notice: Notice, *, include_text: bool = False) -> str:
    """The Notice as indented JSON (dates as ISO strings); the notice's own text only when asked."""
    data = notice.model_dump(mode="json", exclude=None if include_text else {"text"})
    return json.dumps(data, indent=2, ensure_ascii=False)
