"""eBay and Walmart demo data: the simulated world written in the generic orders schema, with truth.

One row per order (reports/SCHEMAS.md, kind ``generic_orders``), buyer personal data columns filled as
in real exports. The truth counts follow the definitions of metrics/generic.py, counted here from the
simulation's own arrays.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from appeal_assistant.demo.catalog import RETURN_REASONS, SHIP_METHODS
from appeal_assistant.demo.format import Formatter, cat, strs, write_table
from appeal_assistant.demo.simulate import CANCEL_NONE, CANCEL_SELLER, CANCEL_SYSTEM, CLAIM_A_TO_Z, World
from appeal_assistant.metrics.generic import EBAY_MIN_TRANSACTIONS
from appeal_assistant.metrics.policy import policy
from appeal_assistant.models import Marketplace

__all__ = ["GENERIC_COLUMNS", "generic_notice", "generic_truth", "write_generic"]

GENERIC_COLUMNS = (
    "order-id",
    "order-date",
    "marketplace",
    "sku",
    "quantity",
    "order-status",
    "cancelled-by",
    "cancel-reason",
    "expected-ship-date",
    "ship-date",
    "carrier",
    "ship-method",
    "tracking-number",
    "tracking-valid",
    "promised-delivery-date",
    "actual-delivery-date",
    "return-date",
    "return-reason",
    "feedback-date",
    "feedback-rating",
    "claim-type",
    "claim-date",
    "claim-outcome",
    "buyer-name",
    "buyer-email",
    "buyer-phone-number",
    "ship-address-1",
    "ship-city",
    "ship-postal-code",
)
#: A-to-z style claim statuses as eBay/Walmart case outcomes.
_OUTCOMES = {
    "Granted": "closed_without_seller_resolution",
    "Denied": "closed_in_seller_favour",
    "Withdrawn": "withdrawn",
    "Open": "",
}

BoolArr = npt.NDArray[np.bool_]


def _first_events(w: World) -> dict[str, Any]:
    """Per order: first known return (day, reason), feedback (day, rating) and claim (day, type, outcome)."""
    n = w.n_orders
    ret_day = np.full(n, np.datetime64("NaT", "D"))
    ret_reason = np.full(n, -1, dtype=np.int64)
    known = w.known(w.ret_day)
    orders = w.item_order[w.ret_item[known]]
    for o, d, r in sorted(
        zip(orders.tolist(), w.ret_day[known].tolist(), w.ret_reason[known].tolist(), strict=True),
        reverse=True,
    ):
        ret_day[o], ret_reason[o] = d, r
    fb_day = np.full(n, np.datetime64("NaT", "D"))
    fb_rating = np.zeros(n, dtype=np.int64)
    fk = w.known(w.fb_day)
    fb_day[w.fb_order[fk]] = w.fb_day[fk]
    fb_rating[w.fb_order[fk]] = w.fb_rating[fk]
    cl_day = np.full(n, np.datetime64("NaT", "D"))
    cl_type = np.full(n, "", dtype=object)
    cl_outcome = np.full(n, "", dtype=object)
    ck = w.known(w.cl_day) & (w.cl_type == CLAIM_A_TO_Z)
    idx = w.cl_order[ck]
    cl_day[idx] = w.cl_day[ck]
    cl_type[idx] = np.where(w.cl_reason[ck] == "Item not received", "item_not_received", "not_as_described")
    cl_outcome[idx] = [_OUTCOMES.get(s, "") for s in w.cl_status[ck]]
    return {
        "ret_day": ret_day,
        "ret_reason": ret_reason,
        "fb_day": fb_day,
        "fb_rating": fb_rating,
        "cl_day": cl_day,
        "cl_type": cl_type,
        "cl_outcome": cl_outcome,
    }


def write_generic(world: World, out: Path) -> tuple[str, dict[str, npt.NDArray[np.object_]]]:
    """Write orders_<marketplace>.csv; returns its name and the PII values written."""
    w, f = world, Formatter(world)
    n = w.n_orders
    ev = _first_events(w)
    while True:  # unique order numbers: eBay's 12-34567-89012 shape, Walmart's 13-digit purchase orders
        raw = f.rng.integers(10**11, 10**12, size=n, dtype=np.int64)
        if np.unique(raw).shape[0] == n:
            break
    text = strs(raw)
    if w.config.marketplace is Marketplace.EBAY:
        order_id = np.array([f"{t[:2]}-{t[2:7]}-{t[7:12]}" for t in text.tolist()], dtype=object)
    else:
        order_id = cat("1", text)
    first_item = np.searchsorted(w.item_order, np.arange(n))
    from appeal_assistant.demo.catalog import CATALOG

    skus = np.array([p.sku for p in CATALOG], dtype=object)[w.item_product[first_item]]
    qty = np.zeros(n, dtype=np.int64)
    np.add.at(qty, w.item_order, w.item_qty)
    cancelled = w.cancelled_by != CANCEL_NONE
    known_ship = w.known(w.ship_day)
    status = np.where(cancelled, "Cancelled", np.where(known_ship, "Shipped", "Unshipped")).astype(object)
    mth = np.where(w.method < 0, 0, w.method)
    carrier = np.where(known_ship, np.array([s.carrier for s in SHIP_METHODS], dtype=object)[mth], "").astype(
        object
    )
    method = np.where(known_ship, np.array([s.method for s in SHIP_METHODS], dtype=object)[mth], "").astype(
        object
    )
    tracking = np.where(w.has_number & known_ship, cat("TRK", f.digits(n, 14)), "").astype(object)
    valid = np.where(known_ship, np.where(w.scanned & w.known(w.first_scan), "y", "n"), "").astype(object)
    delivered = f.known_iso(w.delivered)
    delivered[~w.scanned] = ""  # without a carrier scan the seller never learns the delivery date
    codes = np.array([c for c, _, _ in RETURN_REASONS], dtype=object)
    people = f.people(n)
    market = w.config.marketplace.value
    data = {
        "order-id": order_id,
        "order-date": strs(np.datetime_as_string(w.purchase_day, unit="D")),
        "marketplace": np.full(n, market, dtype=object),
        "sku": skus,
        "quantity": strs(qty),
        "order-status": status,
        "cancelled-by": np.array(["", "buyer", "seller", "system"], dtype=object)[w.cancelled_by],
        "cancel-reason": strs(w.cancel_reason),
        "expected-ship-date": strs(np.datetime_as_string(w.expected_ship, unit="D")),
        "ship-date": f.known_iso(w.ship_day),
        "carrier": carrier,
        "ship-method": method,
        "tracking-number": tracking,
        "tracking-valid": valid,
        "promised-delivery-date": strs(np.datetime_as_string(w.promised, unit="D")),
        "actual-delivery-date": delivered,
        "return-date": f.known_iso(ev["ret_day"]),
        "return-reason": np.where(ev["ret_reason"] >= 0, codes[np.maximum(ev["ret_reason"], 0)], "").astype(
            object
        ),
        "feedback-date": f.known_iso(ev["fb_day"]),
        "feedback-rating": np.where(ev["fb_rating"] > 0, strs(ev["fb_rating"]), "").astype(object),
        "claim-type": ev["cl_type"],
        "claim-date": f.known_iso(ev["cl_day"]),
        "claim-outcome": ev["cl_outcome"],
        "buyer-name": people["name"],
        "buyer-email": cat(np.char.lower(f.alnum(n, 10).astype(str)), "@example.com"),
        "buyer-phone-number": people["phone"],
        "ship-address-1": people["street"],
        "ship-city": np.full(n, "Springfield", dtype=object),
        "ship-postal-code": np.full(n, "62704", dtype=object),
    }
    name = f"orders_{market}.csv"
    write_table(out / name, GENERIC_COLUMNS, data, ",")
    return name, {
        "names": people["name"],
        "emails": data["buyer-email"],
        "phones": people["phone"],
        "streets": people["street"],
        "notes": np.array([], dtype=object),
    }


def _entry(metric_id: str, window: int, num: int, den: int, lo: date, hi: date) -> dict[str, Any]:
    return {
        "id": metric_id,
        "channel": "all",
        "window_days": window,
        "segment": None,
        "numerator": int(num),
        "denominator": int(den),
        "value": num / den if den else None,
        "date_from": str(lo),
        "date_to": str(hi),
    }


def _in(days: npt.NDArray[np.datetime64], lo: date, hi: date) -> BoolArr:
    return ~np.isnat(days) & (days >= np.datetime64(lo, "D")) & (days <= np.datetime64(hi, "D"))


def generic_truth(w: World) -> list[dict[str, Any]]:
    """eBay or Walmart metric counts, as metrics/generic.py defines them, from the simulation's arrays."""
    as_of = w.config.as_of
    ev = _first_events(w)
    cancelled = w.cancelled_by != CANCEL_NONE
    seller_cancel = np.isin(w.cancelled_by, [CANCEL_SELLER, CANCEL_SYSTEM])
    shipped = w.known(w.ship_day)
    tracking = w.has_number & shipped & w.scanned & w.known(w.first_scan)
    delivered_known = w.known(w.delivered) & w.scanned
    closed = w.known(ev["cl_day"]) & (ev["cl_outcome"] == "closed_without_seller_resolution")
    out: list[dict[str, Any]] = []
    if w.config.marketplace is Marketplace.EBAY:
        recent = int(_in(w.purchase_day, as_of - timedelta(days=89), as_of).sum())
        window = 90 if recent >= EBAY_MIN_TRANSACTIONS else 365
        lo = as_of - timedelta(days=window - 1)
        base = _in(w.purchase_day, lo, as_of)
        oos = seller_cancel & (w.cancel_reason != "buyer_requested")
        out.append(
            _entry(
                "ebay_transaction_defect_rate", window, (base & (oos | closed)).sum(), base.sum(), lo, as_of
            )
        )
        out.append(
            _entry(
                "ebay_cases_closed_without_resolution", window, (base & closed).sum(), base.sum(), lo, as_of
            )
        )
        late = (shipped & (w.ship_day > w.expected_ship)) | (
            ~tracking & delivered_known & (w.delivered > w.promised)
        )
        out.append(
            _entry(
                "ebay_late_shipment_rate",
                window,
                (base & shipped & late).sum(),
                (base & shipped).sum(),
                lo,
                as_of,
            )
        )
        return out
    lo, hi = policy("walmart_cancellation_rate").window(as_of, 30)
    base = _in(w.purchase_day, lo, hi)
    out.append(_entry("walmart_cancellation_rate", 30, (base & seller_cancel).sum(), base.sum(), lo, hi))
    base = delivered_known & _in(w.promised, lo, hi)
    out.append(
        _entry(
            "walmart_on_time_delivery_rate",
            30,
            (base & (w.delivered <= w.promised)).sum(),
            base.sum(),
            lo,
            hi,
        )
    )
    base = shipped & _in(w.ship_day, lo, hi)
    out.append(_entry("walmart_valid_tracking_rate", 30, (base & tracking).sum(), base.sum(), lo, hi))
    lo, hi = policy("walmart_return_rate").window(as_of, 60)
    base = _in(w.purchase_day, lo, hi) & ~cancelled
    negative = w.known(ev["fb_day"]) & (ev["fb_rating"] > 0) & (ev["fb_rating"] <= 2)
    out.append(_entry("walmart_negative_feedback_rate", 60, (base & negative).sum(), base.sum(), lo, hi))
    out.append(_entry("walmart_return_rate", 60, (base & w.known(ev["ret_day"])).sum(), base.sum(), lo, hi))
    inr = w.known(ev["cl_day"]) & (ev["cl_type"] == "item_not_received")
    out.append(_entry("walmart_item_not_received_rate", 60, (base & inr).sum(), base.sum(), lo, hi))
    return out


def generic_notice(marketplace: Marketplace, as_of: date, metrics: list[dict[str, Any]]) -> str | None:
    """A performance notice in our own words for the metrics the data breaches (None when none does)."""
    from appeal_assistant.metrics.policy import classify
    from appeal_assistant.models import MetricStatus

    lines = []
    for m in metrics:
        p = policy(m["id"])
        if classify(m["value"], p.threshold, p.direction) is MetricStatus.BREACH:
            limit = f"{'at most' if p.direction == 'max' else 'at least'} {(p.threshold or 0) * 100:.1f}%"
            lines.append(
                f"- {p.label}: {m['value'] * 100:.2f}% ({m['numerator']} of {m['denominator']} orders); "
                f"the standard is {limit}."
            )
    if not lines:
        return None
    sent = f"{as_of.strftime('%B')} {as_of.day}, {as_of.year}"
    body = "\n".join(lines)
    if marketplace is Marketplace.EBAY:
        return f"""Subject: Your seller level is now Below Standard
From: eBay <ebay@ebay.com>
Date: {sent}

Hello,

At this month's evaluation your account fell below eBay's seller performance standards:
{body}

While your account is Below Standard, your listings may appear lower in search results, selling limits may
be applied, and final value fees may be higher. Please review the listed transactions in the Seller Hub
Performance tab and tell us what you are changing. If you believe a case was closed in error, you can appeal
within 30 days.

Seller Performance
https://www.ebay.com/sh/performance
"""
    return f"""Subject: Your Walmart Marketplace account has been suspended
From: Walmart Marketplace <partner-performance@walmart.com>
Date: {sent}

Hello,

Your seller account on Walmart Marketplace has been suspended because it does not meet our performance
standards:
{body}

To request reinstatement, send an action plan through Seller Center (Case Management) within 14 days that
explains the root cause, the corrective actions you have taken and how you will meet the standards going
forward.

Partner Performance
https://marketplacelearn.walmart.com
"""
