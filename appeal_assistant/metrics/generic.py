"""eBay and Walmart metrics from the generic orders schema (one row per order, see reports/SCHEMAS.md)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import numpy.typing as npt
import pandas as pd

from appeal_assistant.metrics.compute import metric_result, window_mask
from appeal_assistant.metrics.policy import policy
from appeal_assistant.metrics.tables import to_days
from appeal_assistant.models import (
    Channel,
    Evidence,
    Finding,
    FindingKind,
    Marketplace,
    MetricResult,
    MetricStatus,
)
from appeal_assistant.models import Severity as Sev

__all__ = ["generic_findings", "generic_metrics", "newest_date"]

Days = npt.NDArray[np.datetime64]
BoolArr = npt.NDArray[np.bool_]
EBAY_MIN_TRANSACTIONS = 400  # below this in 3 months, eBay evaluates the last 12 months (help 4080)


def _days(frame: pd.DataFrame, column: str) -> Days:
    if column not in frame.columns:
        return np.full(len(frame), "NaT", dtype="datetime64[D]")
    return to_days(frame[column])


def _lower(frame: pd.DataFrame, column: str) -> npt.NDArray[np.str_]:
    if column not in frame.columns:
        return np.full(len(frame), "", dtype=str)
    return np.char.lower(frame[column].fillna("").astype(str).to_numpy().astype(str))


#: Worded ratings (eBay's and Walmart's exports) on the 1-5 scale; 1-2 count as negative.
_WORDED_RATINGS = {"negative": 1.0, "neutral": 3.0, "positive": 5.0}


def _ratings(frame: pd.DataFrame) -> npt.NDArray[np.float64]:
    """Feedback ratings as numbers: stars stay, 'negative'/'neutral'/'positive' map onto 1/3/5."""
    if "feedback_rating" not in frame.columns:
        return np.full(len(frame), np.nan)
    text = frame["feedback_rating"].astype("str").str.strip().str.lower()
    worded = text.map(_WORDED_RATINGS)
    numeric = pd.to_numeric(text, errors="coerce")
    return np.asarray(worded.fillna(numeric).to_numpy(dtype=float))


def newest_date(frame: pd.DataFrame) -> date | None:
    """The newest order, ship or event date in the frame."""
    best: np.datetime64 | None = None
    for col in (
        "order_date",
        "ship_date",
        "actual_delivery_date",
        "return_date",
        "feedback_date",
        "claim_date",
    ):
        d = _days(frame, col)
        d = d[~np.isnat(d)]
        if d.size and (best is None or d.max() > best):
            best = d.max()
    return None if best is None else pd.Timestamp(best).date()


def _known(d: Days, as_of: date) -> npt.NDArray[np.bool_]:
    return ~np.isnat(d) & (d <= np.datetime64(as_of, "D"))


def generic_metrics(
    frame: pd.DataFrame, as_of: date, marketplace: Marketplace, warnings: list[str]
) -> list[MetricResult]:
    """The marketplace's metrics from a generic orders frame."""
    f = frame.drop_duplicates("order_id") if "order_id" in frame.columns else frame
    order_day = _days(f, "order_date")
    status = _lower(f, "order_status")
    cancelled = np.char.startswith(status, "cancel")
    seller_cancel = cancelled & ~np.isin(_lower(f, "cancelled_by"), ["buyer", "customer"])
    ship, expected = _days(f, "ship_date"), _days(f, "expected_ship_date")
    promised, delivered = _days(f, "promised_delivery_date"), _days(f, "actual_delivery_date")
    tracking = _lower(f, "tracking_number") != ""
    if "tracking_valid" in f.columns:
        flag = _lower(f, "tracking_valid")
        tracking = tracking & ~np.isin(flag, ["n", "no", "false", "0"])
    shipped = _known(ship, as_of)
    claim = _lower(f, "claim_type")
    claim_known = _known(_days(f, "claim_date"), as_of)
    outcome = _lower(f, "claim_outcome")
    rating = _ratings(f)
    fb_known = _known(_days(f, "feedback_date"), as_of)
    returned = _known(_days(f, "return_date"), as_of)
    m = marketplace
    out: list[MetricResult] = []

    def add(metric_id: str, window: int, base: BoolArr, defect: BoolArr, lo: date, hi: date) -> None:
        out.append(
            metric_result(
                metric_id,
                Channel.ALL,
                window,
                int((base & defect).sum()),
                int(base.sum()),
                lo,
                hi,
                marketplace=m,
            )
        )

    if m is Marketplace.EBAY:
        lo90 = as_of - timedelta(days=89)
        window = 90 if int(window_mask(order_day, lo90, as_of).sum()) >= EBAY_MIN_TRANSACTIONS else 365
        if window == 365:
            warnings.append(
                f"fewer than {EBAY_MIN_TRANSACTIONS} transactions in 3 months: eBay evaluates the "
                "last 12 months"
            )
        lo, hi = as_of - timedelta(days=window - 1), as_of
        base = window_mask(order_day, lo, hi)
        closed = claim_known & (np.char.find(outcome, "without") >= 0)
        oos = seller_cancel & ~np.isin(_lower(f, "cancel_reason"), ["buyer_requested", "buyer requested"])
        late = (ship > expected) | (~tracking & _known(delivered, as_of) & (delivered > promised))
        add("ebay_transaction_defect_rate", window, base, oos | closed, lo, hi)
        add("ebay_cases_closed_without_resolution", window, base, closed, lo, hi)
        add("ebay_late_shipment_rate", window, base & shipped, late, lo, hi)
        return out
    if m is Marketplace.WALMART:
        lo, hi = policy("walmart_cancellation_rate").window(as_of, 30)
        add("walmart_cancellation_rate", 30, window_mask(order_day, lo, hi), seller_cancel, lo, hi)
        add(
            "walmart_on_time_delivery_rate",
            30,
            _known(delivered, as_of) & window_mask(promised, lo, hi),
            delivered <= promised,
            lo,
            hi,
        )
        add("walmart_valid_tracking_rate", 30, shipped & window_mask(ship, lo, hi), tracking, lo, hi)
        lo, hi = policy("walmart_return_rate").window(as_of, 60)
        base = window_mask(order_day, lo, hi) & ~cancelled
        inr = claim_known & (
            (np.char.find(claim, "not_received") >= 0) | (np.char.find(claim, "not received") >= 0)
        )
        add("walmart_negative_feedback_rate", 60, base, fb_known & (rating <= 2), lo, hi)
        add("walmart_return_rate", 60, base, returned, lo, hi)
        add("walmart_item_not_received_rate", 60, base, inr, lo, hi)
        return out
    warnings.append(
        "generic orders were read but the marketplace is Amazon: use --marketplace ebay or walmart"
    )
    return out


def generic_findings(metrics: list[MetricResult]) -> list[Finding]:
    """A status finding for every eBay/Walmart metric at watch or worse."""
    out: list[Finding] = []
    sev = {MetricStatus.BREACH: Sev.CRITICAL, MetricStatus.AT_RISK: Sev.HIGH, MetricStatus.WATCH: Sev.MEDIUM}
    for m in metrics:
        if m.marketplace is Marketplace.AMAZON or m.status not in sev:
            continue
        p = policy(m.id)
        value = "n/a" if m.value is None else f"{m.value * 100:.2f}%"
        target = f"{'at most' if m.direction == 'max' else 'at least'} {(m.threshold or 0) * 100:.2f}%"
        out.append(
            Finding(
                id=f"status:{m.id}:{m.window_days}",
                kind=FindingKind.BREACH,
                severity=sev[m.status],
                title=f"{p.label} ({m.marketplace.value}, {m.window_days} days) is {value}",
                reason=f"{m.numerator} of {m.denominator} between {m.date_from} and {m.date_to}; target {target}.",
                metric_id=m.id,
                channel=m.channel,
                issue=p.issue,
                evidence=[
                    Evidence(label="value", value=value),
                    Evidence(label="numerator", value=m.numerator),
                    Evidence(label="denominator", value=m.denominator),
                ],
            )
        )
    return out
