"""Findings a consultant would write down, each with the numbers that show it."""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np

from appeal_assistant.metrics.defects import defect_sets
from appeal_assistant.metrics.drivers import (
    DIMENSION_LABELS,
    MAJOR_SHARE,
    MINOR_SHARE,
    SPIKE_DAYS,
    DefectSet,
    breakdown,
    find_drivers,
    find_spike,
    weekly_rates,
)
from appeal_assistant.metrics.policy import policy
from appeal_assistant.metrics.signals import comment_findings, disputable_findings
from appeal_assistant.metrics.tables import OrderTables
from appeal_assistant.models import (
    Evidence,
    Finding,
    FindingKind,
    MetricResult,
    MetricStatus,
    Severity,
)

__all__ = ["metric_findings", "pct", "sort_findings"]

_SEVERITY = {
    MetricStatus.BREACH: Severity.CRITICAL,
    MetricStatus.AT_RISK: Severity.HIGH,
    MetricStatus.WATCH: Severity.MEDIUM,
    MetricStatus.OK: Severity.LOW,
    MetricStatus.NO_DATA: Severity.INFO,
}


def pct(value: float | None) -> str:
    """0.0731 -> '7.31%'."""
    return "n/a" if value is None else f"{value * 100:.2f}%"


def _mkey(m: MetricResult) -> str:
    return f"{m.id}:{m.channel.value}:{m.window_days}" + (f":{m.segment}" if m.segment else "")


def _mlabel(m: MetricResult) -> str:
    """'Late Shipment Rate (MFN, 30 days)', 'Valid Tracking Rate in Jewelry (MFN, 30 days)' or
    'Return rate by reason group: product quality (all channels, 60 days)'."""
    label = policy(m.id).label
    if m.segment:
        kind, value = m.segment.split(":", 1)
        label += f": {value.replace('_', ' ')}" if kind == "reason_group" else f" in {value}"
    return f"{label} ({_channel_words(m)}, {m.window_days} days)"


def _channel_words(m: MetricResult) -> str:
    return "all channels" if m.channel.value == "all" else m.channel.value.upper()


def _breakdowns(ds: DefectSet | None) -> list[Evidence]:
    """'breakdown by claim reason: Item not received: 30, ...' for each composition dimension."""
    if ds is None:
        return []
    out = []
    for dim in ds.composition:
        parts = breakdown(ds, dim)
        if parts:
            out.append(
                Evidence(
                    label=f"breakdown by {DIMENSION_LABELS.get(dim, dim)}",
                    value=[f"{value}: {count}" for value, count in parts],
                )
            )
    return out


def _status_finding(m: MetricResult, ds: DefectSet | None = None) -> Finding:
    p = policy(m.id)
    side = "above" if m.direction == "max" else "below"
    word = {
        MetricStatus.BREACH: f"{side} its target",
        MetricStatus.AT_RISK: "close to its target",
        MetricStatus.WATCH: "worth watching",
    }[m.status]
    where = f" in {m.segment.split(':', 1)[1]}" if m.segment else ""
    target = ("under " if m.direction == "max" else "at least ") + pct(m.threshold)
    title = f"{p.label}{where} ({_channel_words(m)}, {m.window_days} days) is {pct(m.value)}, {word}"
    return Finding(
        id=f"status:{_mkey(m)}",
        kind=FindingKind.BREACH,
        severity=_SEVERITY[m.status],
        title=title,
        reason=f"{m.numerator} of {m.denominator} between {m.date_from} and {m.date_to}; target {target}.",
        metric_id=m.id,
        channel=m.channel,
        issue=p.issue,
        evidence=[
            Evidence(label="value", value=pct(m.value)),
            Evidence(label="target", value=target),
            Evidence(label="numerator", value=m.numerator),
            Evidence(label="denominator", value=m.denominator),
            Evidence(label="window", value=f"{m.date_from} to {m.date_to}"),
            *_breakdowns(ds),
        ],
    )


def _headroom_and_rolloff(m: MetricResult, ds: DefectSet | None) -> list[Finding]:
    """How many more defects fit, and when defects leave the window with no new ones."""
    if m.threshold is None or m.denominator == 0:
        return []
    bad = m.numerator if m.direction == "max" else m.denominator - m.numerator
    limit = m.threshold if m.direction == "max" else 1.0 - m.threshold
    allowed = (
        math.ceil(limit * m.denominator) - 1 if m.direction == "max" else math.floor(limit * m.denominator)
    )
    out: list[Finding] = []
    p = policy(m.id)
    if bad <= allowed:
        room = allowed - bad
        out.append(
            Finding(
                id=f"headroom:{_mkey(m)}",
                kind=FindingKind.HEADROOM,
                severity=Severity.HIGH if room <= 2 else Severity.MEDIUM if room <= 5 else Severity.LOW,
                title=f"{_mlabel(m)}: room for {room} more defect{'s' if room != 1 else ''} before the target",
                reason=f"At the current volume of {m.denominator} in the window, {allowed + 1} defects would reach "
                f"{pct(limit if m.direction == 'max' else m.threshold)}.",
                metric_id=m.id,
                channel=m.channel,
                issue=p.issue,
                evidence=[Evidence(label="defects now", value=bad), Evidence(label="headroom", value=room)],
            )
        )
    if ds is None or ds.base.empty or bad == 0:
        return out
    days = ds.base["day"].to_numpy(dtype="datetime64[D]")
    defect = ds.base["defect"].to_numpy(dtype=bool)
    valid = ~np.isnat(days)
    days, defect = days[valid], defect[valid]
    w = m.window_days
    start = np.datetime64(m.date_from, "D")
    daily = len(days) / w
    first_clear: date | None = None
    leave_dates: list[str] = []
    for step in range(1, w + 1):
        new_start = start + np.timedelta64(step, "D")
        keep = days >= new_start
        num = int((defect & keep).sum())
        den = int(keep.sum()) + daily * step
        leaving = int((defect & (days == new_start - np.timedelta64(1, "D"))).sum())
        if leaving and len(leave_dates) < 5:
            leave_dates.append(f"{(m.date_to + timedelta(days=step)).isoformat()}: {leaving} leave")
        if first_clear is None and den > 0 and num / den < limit:
            first_clear = m.date_to + timedelta(days=step)
    if m.status is MetricStatus.BREACH or leave_dates:
        reason = (
            f"With no new defects and the same daily volume, {p.label} is back within its target on "
            f"{first_clear}."
            if first_clear
            else f"With no new defects, {p.label} is not back within its target within {w} days."
        )
        out.append(
            Finding(
                id=f"rolloff:{_mkey(m)}",
                kind=FindingKind.ROLL_OFF,
                severity=Severity.MEDIUM if m.status is MetricStatus.BREACH else Severity.INFO,
                title=f"{_mlabel(m)}: defects leave the window from {m.date_to + timedelta(days=1)}",
                reason=reason,
                metric_id=m.id,
                channel=m.channel,
                issue=p.issue,
                evidence=[
                    Evidence(label="next roll-offs", value=leave_dates),
                    Evidence(label="back under target", value=str(first_clear) if first_clear else None),
                ],
            )
        )
    return out


def _driver_findings(m: MetricResult, ds: DefectSet) -> list[Finding]:
    out: list[Finding] = []
    p = policy(m.id)
    severity = _SEVERITY[m.status]
    for rank, drv in enumerate(find_drivers(ds)):
        label = DIMENSION_LABELS.get(drv.dimension, drv.dimension)
        verb = "account" if len(drv.values) > 1 else "accounts"
        where = f" in {m.segment.split(':', 1)[1]}" if m.segment and m.segment.startswith("category:") else ""
        if rank == 0 and drv.share >= MAJOR_SHARE:
            weight = severity  # the main source of the problem weighs as much as the problem
        else:
            weight = Severity.MEDIUM if drv.share >= MINOR_SHARE else Severity.LOW
        out.append(
            Finding(
                id=f"driver:{_mkey(m)}:{drv.dimension}:{drv.value}",
                kind=FindingKind.DRIVER,
                severity=weight,
                title=f"{drv.value} ({label}) {verb} for {drv.defects} of {drv.total_defects} {ds.label}{where}",
                reason=(
                    f"{pct(drv.share)} of the {ds.label}{where} come from {drv.value}, which "
                    f"{'carry' if len(drv.values) > 1 else 'carries'} {pct(drv.base_share)} of the volume: "
                    f"{'their' if len(drv.values) > 1 else 'its'} rate is {pct(drv.rate)} against "
                    f"{pct(drv.rest_rate)} for everything else{where}."
                ),
                metric_id=m.id,
                channel=m.channel,
                issue=p.issue,
                share=drv.share,
                evidence=[
                    Evidence(label="dimension", value=label),
                    Evidence(label="value", value=drv.value),
                    Evidence(label="defects", value=drv.defects),
                    Evidence(label="total defects", value=drv.total_defects),
                    Evidence(label="share", value=pct(drv.share)),
                    Evidence(label="volume", value=drv.base),
                    Evidence(label="volume share", value=pct(drv.base_share)),
                    Evidence(label="rate", value=pct(drv.rate)),
                    Evidence(label="rate elsewhere", value=pct(drv.rest_rate)),
                    Evidence(label="window", value=f"{m.date_from} to {m.date_to}"),
                ],
                order_ids=list(drv.order_ids),
            )
        )
    # a 7-day spike cannot stand out in a window of two weeks or less (it is most of the window)
    spike = find_spike(ds) if m.window_days > 2 * SPIKE_DAYS else None
    if spike:
        out.append(
            Finding(
                id=f"spike:{_mkey(m)}",
                kind=FindingKind.SPIKE,
                severity=Severity.MEDIUM,
                title=f"{spike.defects} of {spike.total_defects} {ds.label} fall between {spike.date_from} and "
                f"{spike.date_to}",
                reason=f"One week holds {pct(spike.defects / spike.total_defects)} of the {ds.label} but only "
                f"{pct(spike.base / spike.total_base)} of the volume.",
                metric_id=m.id,
                channel=m.channel,
                issue=p.issue,
                evidence=[
                    Evidence(label="date_from", value=str(spike.date_from)),
                    Evidence(label="date_to", value=str(spike.date_to)),
                    Evidence(label="defects", value=spike.defects),
                    Evidence(label="total defects", value=spike.total_defects),
                ],
            )
        )
    weeks = weekly_rates(ds.base["day"].to_numpy(), ds.base["defect"].to_numpy(dtype=bool), m.date_to)
    series = [f"{start}: {pct(d / b) if b else 'n/a'} ({d}/{b})" for start, d, b in weeks]
    rates = [d / b for _, d, b in weeks if b]
    if len(rates) >= 4:
        recent, before = np.mean(rates[-2:]), np.mean(rates[:-2])
        # the weekly rates are shares of defects, whichever way the metric itself points
        direction = (
            "getting worse" if recent > before * 1.25 else "improving" if recent < before * 0.8 else "steady"
        )
        out.append(
            Finding(
                id=f"trend:{_mkey(m)}",
                kind=FindingKind.TREND,
                severity=Severity.INFO,
                title=f"{_mlabel(m)}: {direction} week by week",
                reason=f"{ds.label[:1].upper()}{ds.label[1:]}: {pct(float(recent))} of the volume in the last two "
                f"weeks against {pct(float(before))} before.",
                metric_id=m.id,
                channel=m.channel,
                issue=p.issue,
                evidence=[Evidence(label="weekly", value=series)],
            )
        )
    return out


def metric_findings(t: OrderTables, metrics: list[MetricResult], as_of: date) -> list[Finding]:
    """Status, drivers, spikes, trends, headroom, roll-off, risky comments and disputable defects."""
    findings: list[Finding] = []
    for m in metrics:
        if m.id in (
            "odr_negative_feedback",
            "odr_a_to_z_claims",
            "odr_chargebacks",
            "negative_feedback_share",
        ):
            continue
        flagged = m.status in (MetricStatus.BREACH, MetricStatus.AT_RISK, MetricStatus.WATCH)
        concerned = flagged or (
            m.id == "return_rate"
            and m.segment in ("reason_group:product_quality", "reason_group:listing_accuracy")
            and m.numerator >= 10
        )
        ds = defect_sets(t, m) if concerned else None
        about: list[Finding] = []
        if flagged:
            about.append(_status_finding(m, ds))
        if (ds is not None and m.numerator > 0) or (ds is not None and m.direction == "min"):
            about.extend(_driver_findings(m, ds))
        if m.threshold is not None:
            about.extend(_headroom_and_rolloff(m, ds))
        for finding in about:  # the exact metric (and segment): ids of a segment extend the metric's
            finding.metric_key = m.key
        findings.extend(about)
    findings.extend(comment_findings(t, as_of))
    findings.extend(disputable_findings(t, as_of))
    sort_findings(findings)
    return findings


_SEVERITY_ORDER = {
    Severity.CRITICAL: 0,
    Severity.HIGH: 1,
    Severity.MEDIUM: 2,
    Severity.LOW: 3,
    Severity.INFO: 4,
}
_KIND_ORDER = {
    kind: n
    for n, kind in enumerate(
        (
            FindingKind.BREACH,
            FindingKind.DRIVER,
            FindingKind.SPIKE,
            FindingKind.ROLL_OFF,
            FindingKind.HEADROOM,
            FindingKind.TREND,
            FindingKind.RISKY_COMMENT,
            FindingKind.DISPUTABLE,
            FindingKind.DATA_QUALITY,
        )
    )
}


def sort_findings(findings: list[Finding]) -> None:
    """Most severe first; within a severity, breaches, then drivers, spikes, roll-offs and the rest."""
    findings.sort(key=lambda f: (_SEVERITY_ORDER[f.severity], _KIND_ORDER[f.kind]))
