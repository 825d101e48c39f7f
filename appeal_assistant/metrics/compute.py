"""Compute every Amazon metric the data supports, as of a date, with the exact date range used.

Definitions are those of the policy table (metrics/policy.py). Counting rules that the policy pages
leave open are decided here once and documented in each function's docstring.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import numpy.typing as npt
import pandas as pd

from appeal_assistant.metrics.policy import classify, policy
from appeal_assistant.metrics.reasons import REASON_GROUPS
from appeal_assistant.metrics.tables import OrderTables
from appeal_assistant.models import Channel, Marketplace, MetricResult

__all__ = ["amazon_metrics", "defect_flags", "metric_result", "starts_with", "window_mask"]

BoolArr = npt.NDArray[np.bool_]
Days = npt.NDArray[np.datetime64]


def metric_result(
    metric_id: str,
    channel: Channel,
    window_days: int,
    numerator: int,
    denominator: int,
    date_from: date,
    date_to: date,
    segment: str | None = None,
    marketplace: Marketplace = Marketplace.AMAZON,
) -> MetricResult:
    """A MetricResult with its value, threshold and status filled from the policy table."""
    p = policy(metric_id)
    value = numerator / denominator if denominator else None
    return MetricResult(
        id=metric_id,
        marketplace=marketplace,
        channel=channel,
        window_days=window_days,
        segment=segment,
        numerator=int(numerator),
        denominator=int(denominator),
        value=value,
        threshold=p.threshold,
        direction=p.direction,
        status=classify(value, p.threshold, p.direction),
        date_from=date_from,
        date_to=date_to,
        label=p.label,
    )


def window_mask(days: Days, lo: date, hi: date) -> BoolArr:
    """True where a day falls in [lo, hi] (NaT never does)."""
    d = np.asarray(days, dtype="datetime64[D]")
    out: BoolArr = ~np.isnat(d) & (d >= np.datetime64(lo, "D")) & (d <= np.datetime64(hi, "D"))
    return out


def starts_with(values: pd.Series | npt.ArrayLike, prefix: str) -> BoolArr:
    """Vectorised str.startswith over any string column (a categorical one is tested per category)."""
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    if isinstance(series.dtype, pd.CategoricalDtype):
        cat = series.array
        assert isinstance(cat, pd.Categorical)
        hits = np.append(np.asarray(cat.categories.astype(str).str.startswith(prefix), dtype=bool), False)
        found: BoolArr = hits[np.asarray(cat.codes)]  # code -1 (missing) takes the appended False
        return found
    out: BoolArr = series.astype("str").fillna("").str.startswith(prefix).to_numpy(dtype=bool)
    return out


def _known(days: Days, as_of: date) -> BoolArr:
    d = np.asarray(days, dtype="datetime64[D]")
    out: BoolArr = ~np.isnat(d) & (d <= np.datetime64(as_of, "D"))
    return out


def defect_flags(t: OrderTables, as_of: date) -> pd.DataFrame:
    """Per order id: negative feedback, counted A-to-z claim, counted service chargeback (known by as_of)."""
    key = f"defect_flags:{as_of.isoformat()}"
    cached = t.cache.get(key)
    if isinstance(cached, pd.DataFrame):  # the metric and its driver analysis share one computation
        return cached
    n = t.n_ids
    fb, cl = t.feedback, t.claims
    neg = np.zeros(n, dtype=bool)
    fb_ids = fb["order_id"].to_numpy(dtype=np.int64)
    neg[fb_ids[_known(fb["day"].to_numpy(), as_of) & (fb["rating"].to_numpy() <= 2)]] = True
    known = _known(cl["day"].to_numpy(), as_of) & cl["counts"].to_numpy(dtype=bool)
    kind = cl["kind"].to_numpy()
    cl_ids = cl["order_id"].to_numpy(dtype=np.int64)
    atoz = np.zeros(n, dtype=bool)
    atoz[cl_ids[known & (kind == "a_to_z")]] = True
    cb = np.zeros(n, dtype=bool)
    cb[cl_ids[known & (kind == "chargeback")]] = True
    listed = t.listed_defects
    if not listed.empty:  # the ODR download lists defects Amazon counted; they count whatever else we hold
        listed_ids = listed["order_id"].to_numpy(dtype=np.int64)
        listed_kind = listed["kind"].to_numpy()
        for marks, component in ((neg, "negative_feedback"), (atoz, "a_to_z"), (cb, "chargeback")):
            marks[listed_ids[listed_kind == component]] = True
    ids = t.orders["order_id"].to_numpy(dtype=np.int64)
    flags = pd.DataFrame(
        {"order_id": ids, "negative_feedback": neg[ids], "a_to_z": atoz[ids], "chargeback": cb[ids]}
    )
    t.cache[key] = flags
    return flags


def _odr(t: OrderTables, as_of: date, out: list[MetricResult]) -> None:
    """ODR per channel: not-cancelled orders placed in the 60 days; an order with any defect counts once."""
    lo, hi = policy("odr").window(as_of, 60)
    o = t.orders
    flags = defect_flags(t, as_of)
    base_all = ~o["cancelled"].to_numpy(dtype=bool) & window_mask(o["day"].to_numpy(), lo, hi)
    neg, atoz, cb = (flags[c].to_numpy(dtype=bool) for c in ("negative_feedback", "a_to_z", "chargeback"))
    for channel in (Channel.MFN, Channel.AFN):
        base = base_all & (o["channel"] == channel.value).to_numpy(dtype=bool)
        den = int(base.sum())
        out.append(metric_result("odr", channel, 60, int((base & (neg | atoz | cb)).sum()), den, lo, hi))
        out.append(metric_result("odr_negative_feedback", channel, 60, int((base & neg).sum()), den, lo, hi))
        out.append(metric_result("odr_a_to_z_claims", channel, 60, int((base & atoz).sum()), den, lo, hi))
        out.append(metric_result("odr_chargebacks", channel, 60, int((base & cb).sum()), den, lo, hi))


def _not_cancelled(s: pd.DataFrame, t: OrderTables) -> BoolArr:
    cancelled = starts_with(s["status"], "Cancel")
    if t.has_orders:
        by_order = t.by_order(
            t.orders["order_id"].to_numpy(dtype=np.int64), t.orders["cancelled"].to_numpy(dtype=bool), False
        )
        cancelled = cancelled | by_order[s["order_id"].to_numpy(dtype=np.int64)].astype(bool)
    return ~cancelled


def _lsr(t: OrderTables, as_of: date, out: list[MetricResult]) -> None:
    """LSR: seller-fulfilled orders by expected ship date; late if confirmed after it or still unconfirmed."""
    s = t.shipments
    if s.empty or s["expected"].isna().all():
        return
    expected = s["expected"].to_numpy(dtype="datetime64[D]")
    ship = s["ship"].to_numpy(dtype="datetime64[D]")
    shipped = _known(ship, as_of)
    a = np.datetime64(as_of, "D")
    late = (shipped & (ship > expected)) | (~shipped & (expected < a))
    ok = _not_cancelled(s, t)
    for days in (10, 30):
        lo, hi = policy("late_shipment_rate").window(as_of, days)
        base = ok & window_mask(expected, lo, hi)
        out.append(
            metric_result(
                "late_shipment_rate", Channel.MFN, days, int((base & late).sum()), int(base.sum()), lo, hi
            )
        )


def _cancel(t: OrderTables, as_of: date, out: list[MetricResult], warnings: list[str]) -> None:
    """Cancel rate: seller-fulfilled orders placed in 7 days; buyer-requested cancellations excluded."""
    o = t.orders
    lo, hi = policy("pre_fulfillment_cancel_rate").window(as_of, 7)
    if t.has_orders:
        base = (o["channel"] == "mfn").to_numpy(dtype=bool) & window_mask(o["day"].to_numpy(), lo, hi)
        ids = o["order_id"].to_numpy()[base]
        cancelled = o["cancelled"].to_numpy(dtype=bool)[base]
    elif not t.shipments.empty:
        s = t.shipments
        base = window_mask(s["day"].to_numpy(), lo, hi)
        ids = s["order_id"].to_numpy()[base]
        cancelled = starts_with(s["status"], "Cancel")[base]
    else:
        return
    if t.shipments.empty:
        by = np.full(ids.shape, "", dtype=object)
        if cancelled.any():
            warnings.append(
                "no shipments file says who cancelled: every cancelled seller-fulfilled order is "
                "counted as a seller cancellation (buyer requests do not count on Amazon)"
            )
        seller = cancelled
    else:
        ship = t.shipments
        by_order = t.by_order(
            ship["order_id"].to_numpy(dtype=np.int64), ship["cancelled_by"].to_numpy(dtype=object), ""
        )
        by = by_order[ids.astype(np.int64)]
        seller = cancelled & (by != "buyer")
    out.append(
        metric_result(
            "pre_fulfillment_cancel_rate", Channel.MFN, 7, int(seller.sum()), int(base.sum()), lo, hi
        )
    )


def _tracking(t: OrderTables, as_of: date, out: list[MetricResult], warnings: list[str]) -> None:
    """VTR per category and overall (ship date, 30 days); OTDR over tracked packages (promised date)."""
    s = t.shipments
    if s.empty:
        return
    ship = s["ship"].to_numpy(dtype="datetime64[D]")
    valid = s["has_tracking"].to_numpy(dtype=bool)
    if s.attrs.get("has_scan", False):
        valid = valid & _known(s["scan"].to_numpy(dtype="datetime64[D]"), as_of)
    else:
        warnings.append(
            "shipments file has no first-scan date: a package with a tracking number is counted as "
            "validly tracked"
        )
    lo, hi = policy("valid_tracking_rate").window(as_of, 30)
    base = _known(ship, as_of) & window_mask(ship, lo, hi)
    out.append(
        metric_result(
            "valid_tracking_rate", Channel.MFN, 30, int((base & valid).sum()), int(base.sum()), lo, hi
        )
    )
    category = s["category"].to_numpy(dtype=object)
    for name in sorted(set(category[base].tolist()) - {""}):
        in_cat = base & (category == name)
        out.append(
            metric_result(
                "valid_tracking_rate",
                Channel.MFN,
                30,
                int((in_cat & valid).sum()),
                int(in_cat.sum()),
                lo,
                hi,
                segment=f"category:{name}",
            )
        )
    promised = s["promised"].to_numpy(dtype="datetime64[D]")
    if np.isnat(promised).all():
        return
    lo, hi = policy("on_time_delivery_rate").window(as_of, 14)
    delivered = s["delivered"].to_numpy(dtype="datetime64[D]")
    base = _known(ship, as_of) & valid & window_mask(promised, lo, hi)
    on_time = _known(delivered, as_of) & (delivered <= promised)
    out.append(
        metric_result(
            "on_time_delivery_rate", Channel.MFN, 14, int((base & on_time).sum()), int(base.sum()), lo, hi
        )
    )


def _returns(t: OrderTables, as_of: date, out: list[MetricResult]) -> None:
    """Return rate per reason group: orders with a return in 60 days / orders placed in those 60 days."""
    r = t.returns
    if r.empty and not t.has_orders:
        return
    lo, hi = policy("return_rate").window(as_of, 60)
    o = t.orders
    den = (
        int((~o["cancelled"].to_numpy(dtype=bool) & window_mask(o["day"].to_numpy(), lo, hi)).sum())
        if t.has_orders
        else 0
    )
    in_win = window_mask(r["day"].to_numpy(), lo, hi) if not r.empty else np.zeros(0, dtype=bool)
    for group in (*REASON_GROUPS, "other"):
        sel = in_win & (r["group"].to_numpy() == group) if not r.empty else in_win
        num = int(np.unique(r["order_id"].to_numpy(dtype=np.int64)[sel]).size) if not r.empty else 0
        out.append(
            metric_result("return_rate", Channel.ALL, 60, num, den, lo, hi, segment=f"reason_group:{group}")
        )


def _feedback(t: OrderTables, as_of: date, out: list[MetricResult]) -> None:
    """Negative (1-2 star) share of feedback received in 30, 90 and 365 days."""
    fb = t.feedback
    if fb.empty:
        return
    days = fb["day"].to_numpy(dtype="datetime64[D]")
    neg = fb["rating"].to_numpy() <= 2
    for window in (30, 90, 365):
        lo, hi = policy("negative_feedback_share").window(as_of, window)
        base = window_mask(days, lo, hi)
        out.append(
            metric_result(
                "negative_feedback_share",
                Channel.ALL,
                window,
                int((base & neg).sum()),
                int(base.sum()),
                lo,
                hi,
            )
        )


def amazon_metrics(t: OrderTables, as_of: date, warnings: list[str]) -> list[MetricResult]:
    """Every Amazon metric the tables support, as of ``as_of``."""
    out: list[MetricResult] = []
    if t.has_orders:
        _odr(t, as_of, out)
    _lsr(t, as_of, out)
    _cancel(t, as_of, out, warnings)
    _tracking(t, as_of, out, warnings)
    if t.has_orders or not t.returns.empty:
        _returns(t, as_of, out)
    _feedback(t, as_of, out)
    return out
