"""Findings a consultant would write down, each with the numbers that show it."""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt
import pandas as pd

from appeal_assistant.metrics.compute import defect_flags, starts_with, window_mask
from appeal_assistant.metrics.drivers import (
    DIMENSION_LABELS,
    DefectSet,
    breakdown,
    find_drivers,
    find_spike,
    weekly_rates,
)
from appeal_assistant.metrics.policy import policy
from appeal_assistant.metrics.risk import (
    FBA_FULFILMENT_PATTERN,
    PRODUCT_REVIEW_PATTERN,
    RISK_WORDS,
    SERVICE_PATTERN,
)
from appeal_assistant.metrics.tables import OrderTables, codes_of
from appeal_assistant.models import (
    Channel,
    Evidence,
    Finding,
    FindingKind,
    MetricResult,
    MetricStatus,
    Severity,
)

__all__ = ["defect_sets", "metric_findings", "pct"]

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
    """'Late Shipment Rate (MFN, 30 days)' or 'Valid Tracking Rate in Jewelry (MFN, 30 days)'."""
    where = f" in {m.segment.split(':', 1)[1]}" if m.segment else ""
    return f"{policy(m.id).label}{where} ({m.channel.value.upper()}, {m.window_days} days)"


_SHIP_DIMS = ("carrier", "ship_method", "carrier_method", "category")
ShipDims = dict[str, tuple[npt.NDArray[np.int64], npt.NDArray[np.object_]]]


def _ship_dims(t: OrderTables) -> ShipDims:
    """Per order id: the code of its carrier, ship method, carrier+method and category (built once)."""
    cached = t.cache.get("ship_dims")
    if cached is not None:
        return cached  # type: ignore[return-value]
    s = t.shipments
    dims: ShipDims = {}
    if not s.empty:
        ids = s["order_id"].to_numpy(dtype=np.int64)
        columns = {
            "carrier": pd.Series(s["carrier"]),
            "ship_method": pd.Series(s["ship_method"]),
            "carrier_method": (
                pd.Series(s["carrier"]).astype("str") + " " + pd.Series(s["ship_method"]).astype("str")
            ).str.strip(),
            "category": pd.Series(s["category"]),
        }
        for dim, values in columns.items():
            codes, names = codes_of(values, len(s))
            by_order = np.full(t.n_ids, -1, dtype=np.int64)
            by_order[ids] = codes
            dims[dim] = (by_order, names)
    t.cache["ship_dims"] = dims
    return dims


def _obj(values: npt.ArrayLike) -> pd.Series:
    """Text kept as plain objects: converting half a million labels to Arrow strings costs more than it saves."""
    return pd.Series(np.asarray(values, dtype=object), dtype=object)


def _item_pairs(t: OrderTables, dim: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Distinct (order id, SKU or ASIN code) pairs of the order items (built once per analysis)."""
    key = f"pairs:{dim}"
    cached = t.cache.get(key)
    if cached is None:
        pairs = t.items[["order_id", dim]].drop_duplicates()  # hash-based: faster than sorting a million
        cached = (pairs["order_id"].to_numpy(dtype=np.int64), pairs[dim].to_numpy(dtype=np.int64))
        t.cache[key] = cached
    return cached  # type: ignore[return-value]


def _defect_set(
    t: OrderTables,
    metric_id: str,
    label: str,
    base: pd.DataFrame,
    dims: tuple[str, ...],
    composition: tuple[str, ...] = (),
) -> DefectSet:
    """Attach dimension codes (shipping facts, SKUs, ASINs) to a base population of orders."""
    base = base.reset_index(drop=True)
    uniques: dict[str, npt.NDArray[np.object_]] = {}
    multi: dict[str, tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]] = {}
    ship = _ship_dims(t)
    ids = base["order_id"].to_numpy(dtype=np.int64)
    for dim in dims:
        if dim in ship:
            by_order, names = ship[dim]
            base[dim] = by_order[ids]
            uniques[dim] = names
        elif dim in ("sku", "asin") and t.has_orders:
            multi[dim] = _item_pairs(t, dim)
            uniques[dim] = t.sku_names if dim == "sku" else t.asin_names
    return DefectSet(
        metric_id,
        label,
        base,
        tuple(d for d in dims if d in uniques),
        names=t.names,
        uniques=uniques,
        multi=multi,
        composition=composition,
    )


def defect_sets(t: OrderTables, metric: MetricResult) -> DefectSet | None:
    """The population and defect flags behind ``metric`` (None when the metric has no driver analysis)."""
    lo, hi = metric.date_from, metric.date_to
    as_of = hi + timedelta(days=policy(metric.id).lag_days)
    o, s = t.orders, t.shipments
    if metric.id == "odr":
        flags = defect_flags(t, as_of)
        mask = (
            ~o["cancelled"].to_numpy(dtype=bool)
            & window_mask(o["day"].to_numpy(), lo, hi)
            & (o["channel"].to_numpy() == metric.channel.value)
        )
        neg, atoz, cb = (flags[c].to_numpy(dtype=bool) for c in ("negative_feedback", "a_to_z", "chargeback"))
        defect_type = np.where(
            atoz, "A-to-z claim", np.where(neg, "negative feedback", np.where(cb, "chargeback", ""))
        )
        claims = t.claims[t.claims["counts"].astype(bool)]
        reason = t.by_order(
            claims["order_id"].to_numpy(dtype=np.int64), claims["reason"].to_numpy(dtype=object), ""
        )
        ids = o["order_id"].to_numpy(dtype=np.int64)
        base = pd.DataFrame(
            {
                "order_id": ids,
                "day": o["day"].to_numpy(),
                "defect": neg | atoz | cb,
                "defect_type": _obj(defect_type),
                "claim_reason": _obj(reason[ids]),
            }
        )[mask]
        dims = ("carrier_method", "asin", "sku") if metric.channel is Channel.MFN else ("asin", "sku")
        return _defect_set(
            t,
            "odr",
            f"order defects ({metric.channel.value.upper()})",
            base,
            dims,
            ("defect_type", "claim_reason"),
        )
    if metric.id in ("late_shipment_rate", "valid_tracking_rate", "on_time_delivery_rate") and s.empty:
        return None
    a = np.datetime64(as_of, "D")
    if metric.id == "late_shipment_rate":
        expected = s["expected"].to_numpy(dtype="datetime64[D]")
        ship = s["ship"].to_numpy(dtype="datetime64[D]")
        shipped = ~np.isnat(ship) & (ship <= a)
        late = (shipped & (ship > expected)) | (~shipped & (expected < a))
        mask = window_mask(expected, lo, hi) & ~starts_with(s["status"], "Cancel")
        base = pd.DataFrame({"order_id": s["order_id"].to_numpy(), "day": expected, "defect": late})[mask]
        return _defect_set(
            t, metric.id, "late shipments", base, ("carrier_method", "carrier", "sku", "category")
        )
    if metric.id in ("valid_tracking_rate", "on_time_delivery_rate"):
        ship = s["ship"].to_numpy(dtype="datetime64[D]")
        valid = s["has_tracking"].to_numpy(dtype=bool)
        if s.attrs.get("has_scan", False):
            scan = s["scan"].to_numpy(dtype="datetime64[D]")
            valid = valid & ~np.isnat(scan) & (scan <= a)
        shipped = ~np.isnat(ship) & (ship <= a)
        if metric.id == "valid_tracking_rate":
            mask = shipped & window_mask(ship, lo, hi)
            if metric.segment and metric.segment.startswith("category:"):
                mask &= s["category"].to_numpy(dtype=object) == metric.segment.split(":", 1)[1]
            base = pd.DataFrame({"order_id": s["order_id"].to_numpy(), "day": ship, "defect": ~valid})[mask]
            label = "packages without valid tracking"
        else:
            promised = s["promised"].to_numpy(dtype="datetime64[D]")
            delivered = s["delivered"].to_numpy(dtype="datetime64[D]")
            on_time = ~np.isnat(delivered) & (delivered <= a) & (delivered <= promised)
            mask = shipped & valid & window_mask(promised, lo, hi)
            base = pd.DataFrame({"order_id": s["order_id"].to_numpy(), "day": promised, "defect": ~on_time})[
                mask
            ]
            label = "late deliveries"
        return _defect_set(
            t, metric.id, label, base, ("carrier_method", "carrier", "ship_method", "category", "sku")
        )
    if metric.id == "pre_fulfillment_cancel_rate" and t.has_orders:
        mask = (o["channel"].to_numpy() == "mfn") & window_mask(o["day"].to_numpy(), lo, hi)
        ids = o["order_id"].to_numpy(dtype=np.int64)
        if s.empty:
            by = np.full(t.n_ids, "", dtype=object)
            why = by
        else:
            ship_ids = s["order_id"].to_numpy(dtype=np.int64)
            by = t.by_order(ship_ids, s["cancelled_by"].to_numpy(dtype=object), "")
            why = t.by_order(ship_ids, s["cancel_reason"].to_numpy(dtype=object), "")
        defect = o["cancelled"].to_numpy(dtype=bool) & (by[ids] != "buyer")
        base = pd.DataFrame(
            {"order_id": ids, "day": o["day"].to_numpy(), "defect": defect, "cancel_reason": _obj(why[ids])}
        )[mask]
        return _defect_set(t, metric.id, "seller cancellations", base, ("sku",), ("cancel_reason",))
    if metric.id == "return_rate" and metric.segment and t.has_orders:
        group = metric.segment.split(":", 1)[1]
        r = t.returns
        sel = r[window_mask(r["day"].to_numpy(), lo, hi) & (r["group"].to_numpy() == group)]
        mask = ~o["cancelled"].to_numpy(dtype=bool) & window_mask(o["day"].to_numpy(), lo, hi)
        sel_ids = sel["order_id"].to_numpy(dtype=np.int64)
        hit = np.zeros(t.n_ids, dtype=bool)
        hit[sel_ids] = True
        reason = t.by_order(sel_ids, sel["reason"].to_numpy(dtype=object), "")
        ids = o["order_id"].to_numpy(dtype=np.int64)
        base = pd.DataFrame(
            {"order_id": ids, "day": o["day"].to_numpy(), "defect": hit[ids], "reason": _obj(reason[ids])}
        )[mask]
        return _defect_set(
            t, metric.id, f"{group.replace('_', ' ')} returns", base, ("asin", "sku"), ("reason",)
        )
    return None


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
    title = f"{p.label}{where} ({m.channel.value.upper()}, {m.window_days} days) is {pct(m.value)}, {word}"
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
            f"With no new defects and the same daily volume, {p.label} returns under target on {first_clear}."
            if first_clear
            else f"With no new defects, {p.label} does not return under target within {w} days."
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
        out.append(
            Finding(
                id=f"driver:{_mkey(m)}:{drv.dimension}:{drv.value}",
                kind=FindingKind.DRIVER,
                severity=severity if rank == 0 else Severity.MEDIUM,
                title=f"{drv.value} ({label}) accounts for {drv.defects} of {drv.total_defects} {ds.label}",
                reason=(
                    f"{pct(drv.share)} of the {ds.label} come from {drv.value}, which carries {pct(drv.base_share)} "
                    f"of the volume: its rate is {pct(drv.rate)} against {pct(drv.rest_rate)} for everything else."
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
    spike = find_spike(ds)
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
        direction = "rising" if recent > before * 1.25 else "falling" if recent < before * 0.8 else "flat"
        out.append(
            Finding(
                id=f"trend:{_mkey(m)}",
                kind=FindingKind.TREND,
                severity=Severity.INFO,
                title=f"{_mlabel(m)}: weekly trend is {direction}",
                reason=f"Last two weeks average {pct(float(recent))} against {pct(float(before))} before.",
                metric_id=m.id,
                channel=m.channel,
                issue=p.issue,
                evidence=[Evidence(label="weekly", value=series)],
            )
        )
    return out


def _comment_findings(t: OrderTables, as_of: date) -> list[Finding]:
    out: list[Finding] = []
    lo = as_of - timedelta(days=89)
    fb = t.feedback[window_mask(t.feedback["day"].to_numpy(), lo, as_of)]
    r = t.returns[window_mask(t.returns["day"].to_numpy(), lo, as_of)]
    texts = pd.concat(
        [
            pd.DataFrame(
                {"order_id": fb["order_id"].to_numpy(dtype=np.int64), "text": fb["comments"].to_numpy()}
            ),
            pd.DataFrame(
                {"order_id": r["order_id"].to_numpy(dtype=np.int64), "text": r["comments"].to_numpy()}
            ),
        ],
        ignore_index=True,
    )
    texts = texts[texts["text"].astype("str") != ""]
    asin_of = (
        t.by_order(t.orders["order_id"].to_numpy(dtype=np.int64), t.orders["asin"].to_numpy(), -1)
        if t.has_orders
        else np.full(t.n_ids, -1)
    )
    for label, (pattern, issue) in RISK_WORDS.items():
        hit = texts[texts["text"].astype("str").str.contains(pattern)]
        if hit.empty:
            continue
        codes = asin_of[hit["order_id"].to_numpy(dtype=np.int64)]
        asins = sorted({str(t.asin_names[c]) for c in codes if c >= 0} - {""})
        ids = sorted({str(x) for x in t.names[hit["order_id"].to_numpy(dtype=np.int64)]})
        out.append(
            Finding(
                id=f"risk:{label}",
                kind=FindingKind.RISKY_COMMENT,
                severity=Severity.HIGH
                if issue.value in ("inauthentic", "product_safety")
                else Severity.MEDIUM,
                title=f"{len(hit)} buyer comment{'s' if len(hit) != 1 else ''} in 90 days mention '{label}'",
                reason=f"Comments like these can turn into {issue.value.replace('_', ' ')} complaints; check the "
                f"listings and units concerned.",
                issue=issue,
                evidence=[Evidence(label="asins", value=asins[:10]), Evidence(label="count", value=len(hit))],
                order_ids=ids[:10],
            )
        )
    return out


def _disputable(t: OrderTables, as_of: date) -> list[Finding]:
    out: list[Finding] = []
    s = t.shipments
    cl = t.claims[t.claims["counts"].astype(bool) & (t.claims["kind"] == "a_to_z")]
    if not s.empty and not cl.empty:
        joined = cl.merge(s, on="order_id", how="inner", suffixes=("", "_s"))
        on_time = (
            ~joined["ship"].isna()
            & (joined["ship"] <= joined["expected"])
            & joined["has_tracking"]
            & (joined["reason"].astype("str").str.contains("not received", case=False))
        )
        ids = sorted({str(x) for x in t.names[joined.loc[on_time, "order_id"].to_numpy(dtype=np.int64)]})
        if ids:
            out.append(
                Finding(
                    id="disputable:a_to_z_on_time",
                    kind=FindingKind.DISPUTABLE,
                    severity=Severity.MEDIUM,
                    title=f"{len(ids)} item-not-received A-to-z claim{'s' if len(ids) != 1 else ''} on orders "
                    "shipped on time with tracking",
                    reason="Claims on orders confirmed on time with a tracked service may be appealed (within 30 "
                    "days) with the tracking evidence; with Buy Shipping labels they are covered by claim protection.",
                    evidence=[Evidence(label="orders", value=len(ids))],
                    order_ids=ids[:20],
                )
            )
    fb = t.feedback[
        (t.feedback["rating"] <= 2)
        & window_mask(t.feedback["day"].to_numpy(), as_of - timedelta(days=89), as_of)
    ]
    if not fb.empty:
        text = fb["comments"].astype("str")
        review = text.str.contains(PRODUCT_REVIEW_PATTERN) & ~text.str.contains(SERVICE_PATTERN)
        fb_ids = fb["order_id"].to_numpy(dtype=np.int64)
        channel = (
            t.by_order(
                t.orders["order_id"].to_numpy(dtype=np.int64), t.orders["channel"].to_numpy(dtype=object), ""
            )
            if t.has_orders
            else np.full(t.n_ids, "", dtype=object)
        )
        fba = (channel[fb_ids] == "afn") & text.str.contains(FBA_FULFILMENT_PATTERN).to_numpy(dtype=bool)
        review_arr = review.to_numpy(dtype=bool)
        for key, mask, title, why in (
            (
                "product_review",
                review_arr,
                "negative feedback that reads as a product review",
                "Feedback that only reviews the product (not the seller's service) can be reported for removal.",
            ),
            (
                "fba_fulfilment",
                fba & ~review_arr,
                "negative feedback about Amazon's own fulfilment",
                "Feedback on Amazon-fulfilled orders that blames delivery is Amazon's responsibility: request a "
                "strike-through.",
            ),
        ):
            ids = sorted({str(x) for x in t.names[fb_ids[mask]]})
            if ids:
                out.append(
                    Finding(
                        id=f"disputable:{key}",
                        kind=FindingKind.DISPUTABLE,
                        severity=Severity.LOW,
                        title=f"{len(ids)} {title}",
                        reason=why,
                        evidence=[Evidence(label="orders", value=len(ids))],
                        order_ids=ids[:20],
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
        if flagged:
            findings.append(_status_finding(m, ds))
        if (ds is not None and m.numerator > 0) or (ds is not None and m.direction == "min"):
            findings.extend(_driver_findings(m, ds))
        if m.threshold is not None:
            findings.extend(_headroom_and_rolloff(m, ds))
    findings.extend(_comment_findings(t, as_of))
    findings.extend(_disputable(t, as_of))
    order = {Severity.CRITICAL: 0, Severity.HIGH: 1, Severity.MEDIUM: 2, Severity.LOW: 3, Severity.INFO: 4}
    kind_order = {
        FindingKind.BREACH: 0,
        FindingKind.DRIVER: 1,
        FindingKind.SPIKE: 2,
        FindingKind.ROLL_OFF: 3,
        FindingKind.HEADROOM: 4,
        FindingKind.TREND: 5,
        FindingKind.RISKY_COMMENT: 6,
        FindingKind.DISPUTABLE: 7,
        FindingKind.DATA_QUALITY: 8,
    }
    findings.sort(key=lambda f: (order[f.severity], kind_order[f.kind]))
    return findings
