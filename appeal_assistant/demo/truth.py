"""Count every metric straight from the simulation's own event records (not from the written files).

This is the answer key the analyzer is tested against: the same definitions as the policy table,
counted independently on the generator's arrays as a report downloaded on ``as_of`` would show them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from appeal_assistant.demo.catalog import RETURN_REASONS
from appeal_assistant.demo.simulate import (
    CANCEL_NONE,
    CANCEL_SELLER,
    CANCEL_SYSTEM,
    CLAIM_A_TO_Z,
    CLAIM_CHARGEBACK,
    World,
)
from appeal_assistant.metrics.policy import policy
from appeal_assistant.metrics.reasons import REASON_GROUPS, reason_group

__all__ = ["truth_entry", "truth_metrics", "truth_window"]

BoolArr = npt.NDArray[np.bool_]


def truth_entry(
    metric_id: str,
    channel: str,
    window: int,
    segment: str | None,
    num: int,
    den: int,
    lo: np.datetime64,
    hi: np.datetime64,
) -> dict[str, Any]:
    """One metric of truth.json, in the shape the analyzer's MetricResult is compared with."""
    return {
        "id": metric_id,
        "channel": channel,
        "window_days": window,
        "segment": segment,
        "numerator": int(num),
        "denominator": int(den),
        "value": (num / den) if den else None,
        "date_from": str(lo),
        "date_to": str(hi),
    }


def truth_window(world: World, metric_id: str, days: int) -> tuple[np.datetime64, np.datetime64]:
    lo, hi = policy(metric_id).window(world.config.as_of, days)
    return np.datetime64(lo, "D"), np.datetime64(hi, "D")


def _in(days: npt.NDArray[np.datetime64], lo: np.datetime64, hi: np.datetime64) -> BoolArr:
    return ~np.isnat(days) & (days >= lo) & (days <= hi)


def truth_metrics(world: World) -> list[dict[str, Any]]:
    """Numerator and denominator of every metric the analyzer computes, as of ``world.as_of``."""
    w = world
    n = w.n_orders
    out: list[dict[str, Any]] = []
    cancelled = w.cancelled_by != CANCEL_NONE
    mfn = ~w.is_afn
    known_ship = w.known(w.ship_day)

    # Order defect rate and its components, per channel, by order date.
    lo, hi = truth_window(w, "odr", 60)
    neg = np.zeros(n, dtype=bool)
    fb_known = w.known(w.fb_day)
    neg[w.fb_order[fb_known & (w.fb_rating <= 2)]] = True
    cl_known = w.known(w.cl_day)
    atoz = np.zeros(n, dtype=bool)
    counted = cl_known & (w.cl_type == CLAIM_A_TO_Z) & ~np.isin(w.cl_status, ["Denied", "Withdrawn"])
    atoz[w.cl_order[counted]] = True
    cb = np.zeros(n, dtype=bool)
    counted = (
        cl_known
        & (w.cl_type == CLAIM_CHARGEBACK)
        & (w.cl_category == "service")
        & ~np.isin(w.cl_status, ["Denied", "Withdrawn", "Reversed"])
    )
    cb[w.cl_order[counted]] = True
    for channel, mask in (("mfn", mfn), ("afn", w.is_afn)):
        base = mask & ~cancelled & _in(w.purchase_day, lo, hi)
        den = int(base.sum())
        out.append(truth_entry("odr", channel, 60, None, int((base & (neg | atoz | cb)).sum()), den, lo, hi))
        out.append(
            truth_entry("odr_negative_feedback", channel, 60, None, int((base & neg).sum()), den, lo, hi)
        )
        out.append(truth_entry("odr_a_to_z_claims", channel, 60, None, int((base & atoz).sum()), den, lo, hi))
        out.append(truth_entry("odr_chargebacks", channel, 60, None, int((base & cb).sum()), den, lo, hi))

    # Late shipment rate: seller-fulfilled orders by expected ship date.
    for days in (10, 30):
        lo, hi = truth_window(w, "late_shipment_rate", days)
        base = mfn & ~cancelled & _in(w.expected_ship, lo, hi)
        late = (known_ship & (w.ship_day > w.expected_ship)) | (~known_ship & (w.expected_ship < w.as_of))
        out.append(
            truth_entry(
                "late_shipment_rate", "mfn", days, None, int((base & late).sum()), int(base.sum()), lo, hi
            )
        )

    # Pre-fulfilment cancel rate: seller-fulfilled orders by order date; buyer requests excluded.
    lo, hi = truth_window(w, "pre_fulfillment_cancel_rate", 7)
    base = mfn & _in(w.purchase_day, lo, hi)
    seller = np.isin(w.cancelled_by, [CANCEL_SELLER, CANCEL_SYSTEM])
    out.append(
        truth_entry(
            "pre_fulfillment_cancel_rate", "mfn", 7, None, int((base & seller).sum()), int(base.sum()), lo, hi
        )
    )

    # Valid tracking rate: shipped seller-fulfilled packages by ship date, overall and per category.
    lo, hi = truth_window(w, "valid_tracking_rate", 30)
    base = mfn & known_ship & _in(w.ship_day, lo, hi)
    valid = w.scanned & w.known(w.first_scan)
    out.append(
        truth_entry(
            "valid_tracking_rate", "mfn", 30, None, int((base & valid).sum()), int(base.sum()), lo, hi
        )
    )
    for ci, name in enumerate(w.categories):
        in_cat = base & (w.category == ci)
        if in_cat.any():
            out.append(
                truth_entry(
                    "valid_tracking_rate",
                    "mfn",
                    30,
                    f"category:{name}",
                    int((in_cat & valid).sum()),
                    int(in_cat.sum()),
                    lo,
                    hi,
                )
            )

    # On-time delivery rate: tracked packages by promised delivery date (window ends 7 days back).
    lo, hi = truth_window(w, "on_time_delivery_rate", 14)
    base = mfn & known_ship & valid & _in(w.promised, lo, hi)
    on_time = w.known(w.delivered) & (w.delivered <= w.promised)
    out.append(
        truth_entry(
            "on_time_delivery_rate", "mfn", 14, None, int((base & on_time).sum()), int(base.sum()), lo, hi
        )
    )

    # Return rate by reason group: orders with a return dated in the window / orders placed in it.
    lo, hi = truth_window(w, "return_rate", 60)
    den = int((~cancelled & _in(w.purchase_day, lo, hi)).sum())
    groups = np.array([reason_group(code) for code, _, _ in RETURN_REASONS])[w.ret_reason]
    in_win = _in(w.ret_day, lo, hi) & w.known(w.ret_day)
    for group in (*REASON_GROUPS, "other"):
        orders = np.unique(w.item_order[w.ret_item[in_win & (groups == group)]])
        out.append(
            truth_entry("return_rate", "all", 60, f"reason_group:{group}", int(orders.shape[0]), den, lo, hi)
        )

    # Negative feedback share over 30/90/365 days by feedback date.
    for days in (30, 90, 365):
        lo, hi = truth_window(w, "negative_feedback_share", days)
        base = fb_known & _in(w.fb_day, lo, hi)
        out.append(
            truth_entry(
                "negative_feedback_share",
                "all",
                days,
                None,
                int((base & (w.fb_rating <= 2)).sum()),
                int(base.sum()),
                lo,
                hi,
            )
        )
    return out
