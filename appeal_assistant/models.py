"""Shared pydantic types: what flows between reports, metrics, notice, retrieval, drafting and the UI.

Closed sets are enums; every claim carries the evidence it rests on (metric values, counts, the
sentence of the notice, the passage id), so a draft can always say where a sentence came from.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = [
    "LEGACY_STATUS",
    "AnswerProblem",
    "AnswerRecord",
    "AskKind",
    "Case",
    "CaseSummary",
    "Channel",
    "ChecklistItem",
    "DraftVersion",
    "Evidence",
    "FactRef",
    "FileSummary",
    "Finding",
    "FindingKind",
    "HealthReport",
    "IssueKind",
    "Letter",
    "Marketplace",
    "MetricMention",
    "MetricResult",
    "MetricStatus",
    "Notice",
    "NoticeAsk",
    "NoticeIssue",
    "NoticeStatus",
    "Passage",
    "PhishingSignal",
    "PlanAsk",
    "PlanItem",
    "PlanKind",
    "PlanOfAction",
    "PlanPart",
    "PlanSection",
    "Rejection",
    "ReportFile",
    "RequestedDocument",
    "ResponseType",
    "Severity",
    "Turn",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class Marketplace(StrEnum):
    AMAZON = "amazon"
    EBAY = "ebay"
    WALMART = "walmart"


class Channel(StrEnum):
    """Fulfilment channel: seller-fulfilled (MFN), marketplace-fulfilled (AFN, e.g. FBA) or both."""

    MFN = "mfn"
    AFN = "afn"
    ALL = "all"


class MetricStatus(StrEnum):
    OK = "ok"
    WATCH = "watch"
    AT_RISK = "at_risk"
    BREACH = "breach"
    NO_DATA = "no_data"


class Severity(StrEnum):
    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class IssueKind(StrEnum):
    """Every kind of problem a marketplace notice can raise (DOMAIN.md §2 and §4)."""

    # Performance metrics (Amazon; Walmart's equivalents map onto the same kinds)
    ORDER_DEFECT_RATE = "order_defect_rate"
    LATE_SHIPMENT_RATE = "late_shipment_rate"
    PRE_FULFILLMENT_CANCEL_RATE = "pre_fulfillment_cancel_rate"
    VALID_TRACKING_RATE = "valid_tracking_rate"
    ON_TIME_DELIVERY_RATE = "on_time_delivery_rate"
    NEGATIVE_FEEDBACK_RATE = "negative_feedback_rate"
    RETURN_RATE = "return_rate"
    CONTACT_RESPONSE_TIME = "contact_response_time"  # buyer messages (Walmart: seller response rate)
    # eBay seller standards
    TRANSACTION_DEFECT_RATE = "transaction_defect_rate"
    CASES_CLOSED_WITHOUT_RESOLUTION = "cases_closed_without_resolution"
    # Policy and compliance
    INAUTHENTIC = "inauthentic"
    IP_TRADEMARK = "ip_trademark"
    IP_COPYRIGHT = "ip_copyright"
    IP_PATENT = "ip_patent"
    CONDITION_COMPLAINT = "condition_complaint"
    PRODUCT_SAFETY = "product_safety"
    RESTRICTED_PRODUCTS = "restricted_products"
    LISTING_POLICY = "listing_policy"
    FAIR_PRICING = "fair_pricing"
    RELATED_ACCOUNTS = "related_accounts"
    SELLER_VERIFICATION = "seller_verification"
    DROP_SHIPPING = "drop_shipping"
    REVIEW_MANIPULATION = "review_manipulation"
    CODE_OF_CONDUCT = "code_of_conduct"
    FOOD_SAFETY = "food_safety"
    RECALL = "recall"
    # A notice (often a plain rejection) whose issue is not stated in a way the rules recognise
    OTHER = "other"


class PlanPart(StrEnum):
    ROOT_CAUSE = "root_cause"
    CORRECTIVE_ACTIONS = "corrective_actions"
    PREVENTIVE_MEASURES = "preventive_measures"
    SUPPORTING_DOCUMENTS = "supporting_documents"


# --------------------------------------------------------------------------- metrics and findings


class MetricResult(_Model):
    """One computed metric over an exact date range (both ends inclusive)."""

    id: str = Field(description="metric id from the policy table, e.g. 'odr', 'late_shipment_rate'")
    marketplace: Marketplace = Marketplace.AMAZON
    channel: Channel = Channel.ALL
    window_days: int
    segment: str | None = Field(default=None, description="e.g. 'category:Jewelry', 'reason_group:transit'")
    numerator: int
    denominator: int
    value: float | None = Field(description="numerator / denominator; None when the denominator is 0")
    threshold: float | None = None
    direction: Literal["max", "min"] = "max"
    status: MetricStatus = MetricStatus.NO_DATA
    date_from: date
    date_to: date
    label: str = ""

    @property
    def key(self) -> str:
        """Identity used to compare analyzer output with the demo's truth.json."""
        return f"{self.id}|{self.channel.value}|{self.window_days}|{self.segment or ''}"


class FindingKind(StrEnum):
    BREACH = "breach"
    DRIVER = "driver"
    TREND = "trend"
    SPIKE = "spike"
    HEADROOM = "headroom"
    ROLL_OFF = "roll_off"
    RISKY_COMMENT = "risky_comment"
    DISPUTABLE = "disputable"
    DATA_QUALITY = "data_quality"


EvidenceValue = str | int | float | list[str] | None


class Evidence(_Model):
    """A labelled fact behind a finding, e.g. ('carrier', 'Parcelwise') or ('late orders', 41)."""

    label: str
    value: EvidenceValue


class Finding(_Model):
    """What a consultant would write down: a fact, how bad it is, and the numbers that show it."""

    id: str
    kind: FindingKind
    severity: Severity
    title: str
    reason: str
    metric_id: str | None = None
    channel: Channel | None = None
    issue: IssueKind | None = None
    share: float | None = Field(default=None, description="share of the metric's defects it explains")
    evidence: list[Evidence] = Field(default_factory=list)
    order_ids: list[str] = Field(default_factory=list)
    metric_key: str | None = Field(
        default=None, description="MetricResult.key of the metric (with its segment) the finding is about"
    )

    def evidence_value(self, label: str) -> EvidenceValue:
        for item in self.evidence:
            if item.label == label:
                return item.value
        return None


class FileSummary(_Model):
    path: str
    kind: str | None
    rows_read: int = 0
    rows_rejected: int = 0
    skipped_reason: str | None = None
    dropped_columns: list[str] = Field(default_factory=list)


class HealthReport(_Model):
    as_of: date
    marketplace: Marketplace = Marketplace.AMAZON
    metrics: list[MetricResult] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    files: list[FileSummary] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def metric(
        self,
        metric_id: str,
        channel: Channel | None = None,
        window_days: int | None = None,
        segment: str | None = None,
    ) -> MetricResult | None:
        for m in self.metrics:
            if m.id != metric_id or m.segment != segment:
                continue
            if channel is not None and m.channel != channel:
                continue
            if window_days is not None and m.window_days != window_days:
                continue
            return m
        return None


# --------------------------------------------------------------------------- notices


class NoticeStatus(StrEnum):
    """The account's or listing's state as the notice states it (a rejection is ``Notice.rejection``)."""

    WARNING = "warning"
    AT_RISK = "at_risk"
    LISTING_REMOVED = "listing_removed"
    UNDER_REVIEW = "under_review"
    DEACTIVATED = "deactivated"
    PERMANENTLY_DEACTIVATED = "permanently_deactivated"
    UNKNOWN = "unknown"


#: Status values written by earlier versions (kept in case stores) -> today's.
LEGACY_STATUS: dict[str, NoticeStatus] = {
    "account_deactivated": NoticeStatus.DEACTIVATED,
    "temporary_review": NoticeStatus.UNDER_REVIEW,
    "appeal_rejected": NoticeStatus.DEACTIVATED,
}


class ResponseType(StrEnum):
    """What the seller sends back (DOMAIN.md §4, 'Not every notice wants a Plan of Action')."""

    PLAN_OF_ACTION = "plan_of_action"  # root cause, corrective actions, preventive measures (+ documents)
    DOCUMENTS_ONLY = "documents_only"  # identity or business verification: the named documents, no plan
    IMPROVEMENT_PLAN = "improvement_plan"  # a warning: nothing due; a plan to act on
    IP_PATH = "ip_path"  # a rights owner's complaint: retraction, licence or invoices; plan optional
    VERIFY_FIRST = "verify_first"  # suspected phishing: check in Seller Central first, no plan


class AskKind(StrEnum):
    """What a notice asks for: a document, a step to take, an issue of a list, a question, a weak part."""

    DOCUMENT = "document"
    STEP = "step"
    ISSUE = "issue"
    QUESTION = "question"
    CATEGORY = "category"


class NoticeAsk(_Model):
    """One thing the notice asks the seller to send, do, fix or explain; the response answers each."""

    id: str = Field(description="stable within the notice: 'ask.1', 'ask.2', ... in reading order")
    kind: AskKind
    text: str = Field(description="the notice's words for the ask, one line")
    document: str | None = Field(default=None, description="RequestedDocument.kind when it names one")
    part: PlanPart | None = Field(default=None, description="the plan part it asks about, if any")
    step: int | None = Field(default=None, description="position in an ordered list of steps")
    rejected: bool = Field(default=False, description="named as missing or weak by a rejection")
    detail: str = Field(default="", description="what the notice adds about it ('must show sales volume')")


class NoticeIssue(_Model):
    kind: IssueKind
    evidence: str = Field(description="the sentence of the notice the kind was read from")


class MetricMention(_Model):
    metric: str
    value: float = Field(description="as a fraction: 8% is 0.08")
    text: str


class RequestedDocument(_Model):
    kind: Literal[
        "plan_of_action",
        "invoices",
        "supplier_contact",
        "letter_of_authorization",
        "retraction",
        "utility_bill",
        "identity_document",
        "bank_statement",
        "credit_card_statement",
        "business_registration",
        "safety_documents",
        "product_images",
        "other",
    ]
    detail: str = ""


class Rejection(_Model):
    weak_parts: list[PlanPart] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list)


class PhishingSignal(_Model):
    kind: Literal[
        "asks_password",
        "asks_payment",
        "foreign_link",
        "messenger_contact",
        "sender_mismatch",
        "urgency_threat",
        "isolates",
    ]
    evidence: str


class Notice(_Model):
    """What the marketplace sent, read into facts. Text inside a notice is data, never instructions."""

    marketplace: Marketplace = Marketplace.AMAZON
    region: str | None = Field(default=None, description="marketplace domain, e.g. 'amazon.co.uk'")
    status: NoticeStatus = NoticeStatus.UNKNOWN
    status_evidence: str = ""
    issues: list[NoticeIssue] = Field(default_factory=list)
    asins: list[str] = Field(default_factory=list)
    skus: list[str] = Field(default_factory=list)
    order_ids: list[str] = Field(default_factory=list)
    complaint_ids: list[str] = Field(default_factory=list)
    trademark_numbers: list[str] = Field(default_factory=list)
    item_ids: list[str] = Field(default_factory=list, description="eBay item numbers, Walmart item ids")
    patent_numbers: list[str] = Field(default_factory=list)
    reference_ids: list[str] = Field(
        default_factory=list,
        description="the notice's own references: case, matter, report or complaint refs",
    )
    rights_owner: str | None = Field(default=None, description="the complainant named in an IP notice")
    rights_owner_email: str | None = None
    send_to: str | None = Field(
        default=None, description="a marketplace address the notice says to send things to"
    )
    metric_mentions: list[MetricMention] = Field(default_factory=list)
    policy_names: list[str] = Field(default_factory=list)
    links: list[str] = Field(default_factory=list)
    notice_date: date | None = None
    deadline: date | None = None
    deadline_days: int | None = None
    funds_held: bool | None = None
    funds_evidence: str = ""
    inventory_at_risk: bool | None = None
    inventory_evidence: str = ""
    requested_documents: list[RequestedDocument] = Field(default_factory=list)
    plan_parts_requested: list[PlanPart] = Field(default_factory=list)
    rejection: Rejection | None = None
    phishing_signals: list[PhishingSignal] = Field(default_factory=list)
    asks: list[NoticeAsk] = Field(default_factory=list, description="everything the notice asks for")
    response_type: ResponseType = ResponseType.PLAN_OF_ACTION
    response_reason: str = Field(default="", description="why this response type, in one line")
    sender: str | None = None
    subject: str | None = None
    text: str = Field(default="", description="the notice's plain text as read")

    @field_validator("status", mode="before")
    @classmethod
    def _legacy_status(cls, value: object) -> object:
        return LEGACY_STATUS.get(value, value) if isinstance(value, str) else value

    @property
    def issue_kinds(self) -> list[IssueKind]:
        seen: list[IssueKind] = []
        for issue in self.issues:
            if issue.kind not in seen:
                seen.append(issue.kind)
        return seen


# --------------------------------------------------------------------------- knowledge


class Passage(_Model):
    doc_id: str
    chunk_id: str
    title: str
    heading: str
    source: str
    score: float
    text: str
    marketplace: str = "all"
    topics: list[str] = Field(default_factory=list)
    collection: Literal["knowledge", "user"] = "knowledge"


# --------------------------------------------------------------------------- plans


class FactRef(_Model):
    """A pointer from a sentence of a plan to the fact it rests on."""

    kind: Literal["finding", "metric", "notice", "answer", "passage", "playbook"]
    ref: str = Field(description="finding id, metric key, notice field, question id or passage chunk id")
    quote: str = Field(default="", description="the value or words relied on")


class PlanItem(_Model):
    text: str
    refs: list[FactRef] = Field(default_factory=list)
    placeholders: list[str] = Field(default_factory=list, description="facts still missing, '[[...]]'")
    id: str = Field(default="", description="the playbook item it was written from, e.g. 'cause:expired'")
    answers: str = Field(
        default="", description="for an action or a measure: the id of the root cause item it answers"
    )


class PlanAsk(_Model):
    """How the response answers one ask of the notice (NoticeAsk), or what it still needs from the seller."""

    ask_id: str
    kind: AskKind
    ask: str = Field(description="the notice's words for the ask")
    detail: str = Field(default="", description="what the notice requires of it (age, format, contents)")
    answer: PlanItem


class Letter(_Model):
    """A message the seller sends to someone other than the marketplace (rights owner, supplier)."""

    id: str
    to: str
    subject: str
    body: list[PlanItem] = Field(default_factory=list)


class AnswerProblem(_Model):
    """An answer that was not used because it does not answer its question; the question is asked again."""

    question: str
    answer: str
    reason: str


class PlanSection(_Model):
    issue: IssueKind
    title: str
    root_causes: list[PlanItem] = Field(default_factory=list)
    corrective_actions: list[PlanItem] = Field(default_factory=list)
    preventive_measures: list[PlanItem] = Field(default_factory=list)
    supporting_documents: list[PlanItem] = Field(default_factory=list)

    def items(self) -> list[tuple[PlanPart, PlanItem]]:
        out: list[tuple[PlanPart, PlanItem]] = []
        out += [(PlanPart.ROOT_CAUSE, i) for i in self.root_causes]
        out += [(PlanPart.CORRECTIVE_ACTIONS, i) for i in self.corrective_actions]
        out += [(PlanPart.PREVENTIVE_MEASURES, i) for i in self.preventive_measures]
        out += [(PlanPart.SUPPORTING_DOCUMENTS, i) for i in self.supporting_documents]
        return out


PlanKind = Literal["appeal", "performance_improvement_plan"]


class PlanOfAction(_Model):
    """The draft response: a plan of action, or the response the notice calls for (ResponseType)."""

    marketplace: Marketplace = Marketplace.AMAZON
    kind: PlanKind = "appeal"
    response_type: ResponseType = ResponseType.PLAN_OF_ACTION
    advice: list[PlanItem] = Field(
        default_factory=list, description="what the seller should know first; not part of the submission"
    )
    opening: PlanItem | None = None
    sections: list[PlanSection] = Field(default_factory=list)
    changes_since_last: list[PlanItem] = Field(default_factory=list)
    asks: list[PlanAsk] = Field(default_factory=list, description="each ask of the notice and its answer")
    letters: list[Letter] = Field(default_factory=list)
    closing: PlanItem | None = None
    ready: bool = False
    missing: list[str] = Field(default_factory=list, description="placeholders still to fill")
    engine: str = "offline"
    notes: list[str] = Field(default_factory=list, description="what the engine did, e.g. a fallback")
    answer_problems: list[AnswerProblem] = Field(default_factory=list)


# --------------------------------------------------------------------------- cases


class ChecklistItem(_Model):
    """A document or step the seller must send or take, and whether they ticked it."""

    id: str = ""
    kind: str
    detail: str
    done: bool = False


class DraftVersion(_Model):
    version: int
    created_at: datetime
    plan: PlanOfAction
    instruction: str = Field(default="", description="what produced this version, e.g. 'shorter'")
    parent: int | None = Field(default=None, description="the version it was made from (a tree)")
    engine: str = "offline"
    review: dict[str, object] | None = Field(default=None, description="the review of this version (Review)")


class AnswerRecord(_Model):
    """One value given to a question (None: cleared); the latest per question is the current answer."""

    seq: int
    question: str
    value: str | None
    source: str
    created_at: datetime


class Turn(_Model):
    n: int
    role: str
    text: str
    created_at: datetime
    intent: str | None = None


class ReportFile(_Model):
    """A report file a case was analysed from: its name, kind, rows and content hash (never its data)."""

    name: str
    kind: str | None
    rows: int = 0
    sha256: str


class CaseSummary(_Model):
    id: str
    title: str
    created_at: datetime
    updated_at: datetime
    marketplace: Marketplace = Marketplace.AMAZON
    status: str = "open"
    deadline: str | None = None
    versions: int = 0


class Case(_Model):
    id: str
    title: str
    created_at: datetime
    updated_at: datetime | None = None
    marketplace: Marketplace = Marketplace.AMAZON
    status: str = "open"
    deadline: str | None = None
    notice: Notice | None = None
    report: HealthReport | None = None
    report_files: list[ReportFile] = Field(default_factory=list)
    answers: dict[str, str] = Field(default_factory=dict)
    checklist: list[ChecklistItem] = Field(default_factory=list)
    drafts: list[DraftVersion] = Field(default_factory=list)
