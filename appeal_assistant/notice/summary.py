"""Show a Notice: a short readable summary (what it is, what to send, by when, what next) or JSON."""

from __future__ import annotations

import json
import re

from appeal_assistant.models import Marketplace, Notice, NoticeStatus, PlanPart
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
    "foreign_link": "links to a site that is not the marketplace's",
    "messenger_contact": "moves the conversation to a messenger app",
    "sender_mismatch": "was not sent from the marketplace's domain",
    "urgency_threat": "pressures with a very short deadline or threats",
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
_TAG = re.compile(r"\[(window|files): ([^\]]+)\]")


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
    """What the seller should do now, in order."""
    steps: list[str] = []
    page = _ACCOUNT_PAGES[notice.marketplace]
    if _is_phishing(notice):
        steps.append(
            f"Treat this message as suspect: do not click its links, reply, pay or share a password. "
            f"Sign in to {page} by typing the address yourself and check whether the same notice is there."
        )
    kinds = notice.issue_kinds
    documents = [d.kind for d in notice.requested_documents]
    if notice.rejection is not None:
        weak = _parts(notice.rejection.weak_parts) or "the parts the reviewer named"
        steps.append(
            f"Revise the plan of action: strengthen {weak} with specific facts, dates and evidence, then "
            "resubmit (appeal-assistant draft)."
        )
    elif "plan_of_action" in documents:
        steps.append(
            "Write a plan of action with one root cause, the actions already taken and the preventive "
            "measures for each issue (appeal-assistant draft)."
        )
    others = [DOCUMENT_LABELS.get(k, k).split(" (")[0].lower() for k in documents if k != "plan_of_action"]
    if others:
        steps.append("Gather the documents asked for: " + "; ".join(others) + ".")
    if notice.status in (NoticeStatus.WARNING, NoticeStatus.AT_RISK) and any(
        k in _PERFORMANCE for k in kinds
    ):
        steps.append(
            "Analyse your order, shipment and return reports (appeal-assistant analyze) to find what "
            "drives the metric, and fix it before the threshold is crossed."
        )
    if notice.status == NoticeStatus.LISTING_REMOVED and not documents:
        steps.append(
            "Correct or remove the listings named in the notice and check them against the policy cited."
        )
    if (notice.deadline or notice.deadline_days) and not _is_phishing(notice):
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
    out += ["", "What to send:" if notice.requested_documents else "What to send: nothing requested"]
    out += [
        f"  - {_document_line(d.kind, d.detail, notice.plan_parts_requested)}"
        for d in notice.requested_documents
    ]
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
