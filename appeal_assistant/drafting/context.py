"""The facts a playbook template may use for one issue, each with the reference it rests on.

Slots: ``metric.*`` (the issue's metric), ``driver.*`` / ``driver2.*`` (its top drivers), ``spike.*``,
``rolloff.*``, ``odr.*`` (defect components), ``notice.*`` and ``answer:<question id>``. A slot is only
present when the sources hold its value; the composer turns an absent slot into a placeholder.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from appeal_assistant.drafting.playbook import load_playbook
from appeal_assistant.metrics.drivers import MAJOR_SHARE, MINOR_SHARE
from appeal_assistant.models import (
    Channel,
    FactRef,
    Finding,
    HealthReport,
    IssueKind,
    Marketplace,
    MetricResult,
    MetricStatus,
    Notice,
)

__all__ = [
    "CHANNEL_WORDS",
    "DASHBOARDS",
    "DATA_PLACEHOLDERS",
    "MARKET_NAMES",
    "SectionContext",
    "build_context",
    "driver_is",
    "pick_metric",
    "plan_marketplace",
]

CHANNEL_WORDS = {Channel.MFN: "seller-fulfilled", Channel.AFN: "Amazon-fulfilled", Channel.ALL: "all"}
#: The orders a metric counts, as a plan names them (eBay and Walmart metrics cover every order).
ORDER_WORDS = {
    Channel.MFN: "seller-fulfilled orders",
    Channel.AFN: "Amazon-fulfilled orders",
    Channel.ALL: "orders",
}

MARKET_NAMES = {Marketplace.AMAZON: "Amazon", Marketplace.EBAY: "eBay", Marketplace.WALMART: "Walmart"}
#: Where each marketplace shows a seller's metrics (a missing metric is read from there).
DASHBOARDS = {
    "Amazon": "Account Health page",
    "eBay": "seller dashboard in Seller Hub",
    "Walmart": "Seller Center performance dashboard",
}

#: What a missing data slot is called in the draft.
DATA_PLACEHOLDERS: dict[str, str] = {
    "metric": "the metric value and period from your performance dashboard",
    "driver": "which carrier, SKU or product the defects come from",
    "driver2": "the second largest source of defects",
    "spike": "the dates the defects are concentrated in",
    "rolloff": "the date the metric returns under target",
    "odr": "the number of claims and negative feedback in the period",
    "notice": "the detail from your notice",
}

_STATUS_RANK = {
    MetricStatus.BREACH: 0,
    MetricStatus.AT_RISK: 1,
    MetricStatus.WATCH: 2,
    MetricStatus.OK: 3,
    MetricStatus.NO_DATA: 4,
}


@dataclass
class SectionContext:
    kind: IssueKind
    values: dict[str, str] = field(default_factory=dict)
    refs: dict[str, FactRef] = field(default_factory=dict)
    metric: MetricResult | None = None
    driver: Finding | None = None
    spike: Finding | None = None
    answers: dict[str, str] = field(default_factory=dict)
    notice: Notice | None = None
    #: The marketplace the plan is for: the notice's, else the analysed data's, else Amazon.
    marketplace: str = "amazon"

    def put(self, name: str, value: object, ref: FactRef) -> None:
        if value is None or value == "" or value == []:
            return
        if isinstance(value, list):
            text = ", ".join(str(v) for v in value)
        elif isinstance(value, int) and not isinstance(value, bool):
            text = f"{value:,}"
        else:
            text = str(value)
        self.values[name] = text
        self.refs[name] = ref.model_copy(update={"quote": text})

    def has(self, name: str) -> bool:
        return name in self.values


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.2f}%"


def _mkey(m: MetricResult) -> str:
    return f"{m.id}:{m.channel.value}:{m.window_days}" + (f":{m.segment}" if m.segment else "")


def pick_metric(
    report: HealthReport | None, metric_ids: list[str], notice: Notice | None
) -> MetricResult | None:
    """The metric result an issue rests on: the worst status, the channel the notice names, longest window."""
    if report is None or not metric_ids:
        return None
    candidates = [m for m in report.metrics if m.id in metric_ids and m.value is not None]
    if not candidates:
        return None
    text = (notice.text if notice else "").lower()
    wants_afn = "fulfilled by amazon" in text or "amazon-fulfilled" in text
    wants_mfn = "seller-fulfilled" in text or "seller fulfilled" in text or "you ship yourself" in text

    def rank(m: MetricResult) -> tuple[int, int, int, int]:
        channel_pref = (
            0 if (wants_afn and m.channel is Channel.AFN) or (wants_mfn and m.channel is Channel.MFN) else 1
        )
        segment_pref = 0 if m.segment and m.status is MetricStatus.BREACH else 1
        return (_STATUS_RANK[m.status], channel_pref, segment_pref, -m.window_days)

    return sorted(candidates, key=rank)[0]


def _finding(
    report: HealthReport, prefix: str, nth: int = 0, metric: MetricResult | None = None
) -> Finding | None:
    """The ``nth`` finding whose id starts with ``prefix``; with ``metric``, only findings about exactly
    that metric (a segment's finding ids extend its metric's, so the prefix alone would match them)."""
    hits = [
        f
        for f in report.findings
        if f.id.startswith(prefix) and (metric is None or f.metric_key in (None, metric.key))
    ]
    return hits[nth] if len(hits) > nth else None


def _at_least(share: float | None, floor: float) -> bool:
    """A driver's share of the defects reaches ``floor``; an unknown share does not hold a driver back."""
    return share is None or share >= floor


def _driver_values(ctx: SectionContext, name: str, f: Finding) -> None:
    ref = FactRef(kind="finding", ref=f.id)
    for label, slot in (
        ("value", "value"),
        ("dimension", "dimension"),
        ("defects", "defects"),
        ("total defects", "total"),
        ("share", "share"),
        ("rate", "rate"),
        ("rate elsewhere", "rate_elsewhere"),
        ("volume share", "volume_share"),
    ):
        value = f.evidence_value(label)
        if slot in ("share", "volume_share") and isinstance(value, str) and value.endswith("%"):
            value = f"{float(value[:-1]):.0f}%"  # shares read better whole; rates keep their decimals
        ctx.put(f"{name}.{slot}", value, ref)
    if f.order_ids:
        ctx.put(f"{name}.examples", f.order_ids[:3], ref)


def plan_marketplace(notice: Notice | None, report: HealthReport | None) -> Marketplace | None:
    """The marketplace a plan is for: the notice's, else the analysed data's (None when neither)."""
    if notice is not None:
        return notice.marketplace
    return report.marketplace if report is not None else None


def build_context(
    kind: IssueKind,
    metric_ids: list[str],
    notice: Notice | None,
    report: HealthReport | None,
    answers: dict[str, str],
) -> SectionContext:
    """Every slot value for an issue section, with its reference."""
    ctx = SectionContext(
        kind=kind, answers={k: v.strip() for k, v in answers.items() if v and v.strip()}, notice=notice
    )
    market = plan_marketplace(notice, report)
    if market is not None:
        ctx.marketplace = market.value
    m = pick_metric(report, metric_ids, notice)
    if m is not None and report is not None:
        ctx.metric = m
        ref = FactRef(kind="metric", ref=m.key)
        ctx.put("metric.label", m.label, ref)
        ctx.put("metric.value", _pct(m.value), ref)
        ctx.put(
            "metric.target",
            ("under " if m.direction == "max" else "at least ") + _pct(m.threshold)
            if m.threshold is not None
            else "",
            ref,
        )
        ctx.put("metric.numerator", m.numerator, ref)
        ctx.put("metric.denominator", m.denominator, ref)
        ctx.put("metric.date_from", m.date_from.isoformat(), ref)
        ctx.put("metric.date_to", m.date_to.isoformat(), ref)
        ctx.put("metric.window_days", m.window_days, ref)
        ctx.put("metric.channel", CHANNEL_WORDS[m.channel], ref)
        ctx.put("metric.orders", ORDER_WORDS[m.channel], ref)
        if m.segment:
            ctx.put("metric.segment", m.segment.split(":", 1)[1], ref)
        key = _mkey(m)
        driver = _finding(report, f"driver:{key}:", metric=m)
        if driver is not None and _at_least(driver.share, MAJOR_SHARE):  # a cause, not a side note
            ctx.driver = driver
            _driver_values(ctx, "driver", driver)
            second = _finding(report, f"driver:{key}:", 1, metric=m)
            if second is not None and _at_least(second.share, MINOR_SHARE):
                _driver_values(ctx, "driver2", second)
        spike = _finding(report, f"spike:{key}", metric=m)
        if spike is not None:
            ctx.spike = spike
            sref = FactRef(kind="finding", ref=spike.id)
            ctx.put("spike.date_from", spike.evidence_value("date_from"), sref)
            ctx.put("spike.date_to", spike.evidence_value("date_to"), sref)
            ctx.put("spike.defects", spike.evidence_value("defects"), sref)
            ctx.put("spike.total", spike.evidence_value("total defects"), sref)
        rolloff = _finding(report, f"rolloff:{key}", metric=m)
        if rolloff is not None:
            ctx.put(
                "rolloff.date",
                rolloff.evidence_value("back under target"),
                FactRef(kind="finding", ref=rolloff.id),
            )
        if m.id == "odr":
            for comp, slot in (
                ("odr_a_to_z_claims", "a_to_z"),
                ("odr_negative_feedback", "negative_feedback"),
                ("odr_chargebacks", "chargebacks"),
            ):
                part = report.metric(comp, m.channel, m.window_days)
                if part is not None:
                    ctx.put(f"odr.{slot}", part.numerator, FactRef(kind="metric", ref=part.key))
    if notice is not None:
        for attr in ("asins", "skus", "order_ids", "complaint_ids", "trademark_numbers"):
            ctx.put(f"notice.{attr}", getattr(notice, attr)[:12], FactRef(kind="notice", ref=attr))
        if notice.notice_date:
            ctx.put("notice.date", notice.notice_date.isoformat(), FactRef(kind="notice", ref="notice_date"))
        ctx.put("notice.market", MARKET_NAMES[notice.marketplace], FactRef(kind="notice", ref="marketplace"))
        ctx.put("notice.rights_owner", notice.rights_owner, FactRef(kind="notice", ref="rights_owner"))
        ctx.put(
            "notice.rights_owner_email",
            notice.rights_owner_email,
            FactRef(kind="notice", ref="rights_owner_email"),
        )
        for issue in notice.issues:
            if issue.kind is kind:
                ctx.put("notice.evidence", issue.evidence, FactRef(kind="notice", ref="issues"))
                break
    for qid, text in ctx.answers.items():
        ctx.put(f"answer:{qid}", text.rstrip(" ."), FactRef(kind="answer", ref=qid))
    # a broader answer stands in for a specific question not yet answered (never loses the seller's words
    # when new data makes the plan ask the carrier- or item-specific question instead)
    for question in load_playbook(kind).questions:
        if question.from_notice and question.id not in ctx.answers and notice is not None:
            known = notice_answer(notice, question.from_notice)
            if known:
                ctx.put(f"answer:{question.id}", known, FactRef(kind="notice", ref=question.from_notice))
                continue
        broader = question.covered_by
        if broader and question.id not in ctx.answers and broader in ctx.answers:
            ctx.put(
                f"answer:{question.id}",
                ctx.answers[broader].rstrip(" ."),
                FactRef(kind="answer", ref=broader),
            )
    return ctx


def notice_answer(notice: Notice, field: str) -> str | None:
    """What the notice itself says in answer to a question (``Question.from_notice``), or None."""
    if field == "rights_owner" and notice.rights_owner:
        email = f" ({notice.rights_owner_email})" if notice.rights_owner_email else ""
        return f"{notice.rights_owner}{email}"
    return None


def driver_is(ctx: SectionContext, dimensions: list[str]) -> bool:
    """True when the top driver runs along one of ``dimensions`` (finding ids end in ':dim:value')."""
    if ctx.driver is None or ctx.metric is None:
        return False
    rest = ctx.driver.id[len(f"driver:{_mkey(ctx.metric)}:") :]
    return rest.split(":", 1)[0] in dimensions
