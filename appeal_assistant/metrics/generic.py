"""eBay and Walmart metrics from the generic orders schema (one row per order, see reports/SCHEMAS.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt
import pandas as pd

from appeal_assistant.metrics.compute import metric_result, window_mask
from appeal_assistant.metrics.drivers import DefectSet
from appeal_assistant.metrics.policy import policy
from appeal_assistant.metrics.tables import codes_of, to_days
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

__all__ = [
    "DEFECT_LABELS",
    "METRIC_NEEDS",
    "Population",
    "generic_findings",
    "generic_metrics",
    "newest_date",
    "populations",
    "supported",
]

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


def _text(frame: pd.DataFrame, column: str) -> npt.NDArray[np.str_]:
    """A text column as it was written ('' when missing), for labels such as carrier names."""
    if column not in frame.columns:
        return np.full(len(frame), "", dtype=str)
    return frame[column].fillna("").astype(str).str.strip().to_numpy().astype(str)


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


@dataclass(frozen=True)
class Population:
    """One metric's base rows and defect (or, for an 'at least' metric, success) flags over the frame."""

    metric_id: str
    window: int
    base: BoolArr
    defect: BoolArr
    lo: date
    hi: date
    day: Days  # the date each row is counted by (order, ship, promise date)


#: What a metric's failures are called in driver findings ("late shipments come from ...").
DEFECT_LABELS: dict[str, str] = {
    "ebay_transaction_defect_rate": "transaction defects",
    "ebay_cases_closed_without_resolution": "cases closed without seller resolution",
    "ebay_late_shipment_rate": "late shipments",
    "walmart_cancellation_rate": "seller cancellations",
    "walmart_on_time_delivery_rate": "late deliveries",
    "walmart_valid_tracking_rate": "packages without valid tracking",
    "walmart_negative_feedback_rate": "negative feedback",
    "walmart_return_rate": "returns",
    "walmart_item_not_received_rate": "item-not-received claims",
}
_MARKET_NAMES = {Marketplace.EBAY: "eBay", Marketplace.WALMART: "Walmart", Marketplace.AMAZON: "Amazon"}


def _orders(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop_duplicates("order_id") if "order_id" in frame.columns else frame


def populations(
    frame: pd.DataFrame, as_of: date, marketplace: Marketplace, warnings: list[str]
) -> list[Population]:
    """Every metric's population over a generic orders frame (one row per order after de-duplication)."""
    f = _orders(frame)
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
    out: list[Population] = []

    def add(
        metric_id: str, window: int, base: BoolArr, defect: BoolArr, lo: date, hi: date, day: Days
    ) -> None:
        out.append(Population(metric_id, window, base, defect, lo, hi, day))

    if marketplace is Marketplace.EBAY:
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
        add("ebay_transaction_defect_rate", window, base, oos | closed, lo, hi, order_day)
        add("ebay_cases_closed_without_resolution", window, base, closed, lo, hi, order_day)
        add("ebay_late_shipment_rate", window, base & shipped, late, lo, hi, order_day)
        return out
    if marketplace is Marketplace.WALMART:
        lo, hi = policy("walmart_cancellation_rate").window(as_of, 30)
        add("walmart_cancellation_rate", 30, window_mask(order_day, lo, hi), seller_cancel, lo, hi, order_day)
        add(
            "walmart_on_time_delivery_rate",
            30,
            _known(delivered, as_of) & window_mask(promised, lo, hi),
            delivered <= promised,
            lo,
            hi,
            promised,
        )
        add("walmart_valid_tracking_rate", 30, shipped & window_mask(ship, lo, hi), tracking, lo, hi, ship)
        lo, hi = policy("walmart_return_rate").window(as_of, 60)
        base = window_mask(order_day, lo, hi) & ~cancelled
        inr = claim_known & (
            (np.char.find(claim, "not_received") >= 0) | (np.char.find(claim, "not received") >= 0)
        )
        add("walmart_negative_feedback_rate", 60, base, fb_known & (rating <= 2), lo, hi, order_day)
        add("walmart_return_rate", 60, base, returned, lo, hi, order_day)
        add("walmart_item_not_received_rate", 60, base, inr, lo, hi, order_day)
        return out
    warnings.append(
        "generic orders were read but the marketplace is Amazon: use --marketplace ebay or walmart"
    )
    return out


#: The generic orders columns each metric is computed from, as (what they hold, alternatives): a metric
#: is computed when the files held every column of at least one alternative. Without them a metric
#: would read 0% (no late shipment can be seen without a ship-by date), so it is left out with a warning
#: naming what to map. A metric with several parts lists each part; a part the files cannot show is
#: named in a warning and the metric counts the others.
METRIC_NEEDS: dict[str, tuple[tuple[str, tuple[frozenset[str], ...]], ...]] = {
    "ebay_transaction_defect_rate": (
        ("seller cancellations", (frozenset({"order_status"}),)),
        ("cases closed without seller resolution", (frozenset({"claim_outcome", "claim_date"}),)),
    ),
    "ebay_cases_closed_without_resolution": (
        ("cases closed without seller resolution", (frozenset({"claim_outcome", "claim_date"}),)),
    ),
    "ebay_late_shipment_rate": (
        (
            "late shipments",
            (
                frozenset({"ship_date", "expected_ship_date"}),
                frozenset({"ship_date", "actual_delivery_date", "promised_delivery_date"}),
            ),
        ),
    ),
    "walmart_cancellation_rate": (("seller cancellations", (frozenset({"order_status"}),)),),
    "walmart_on_time_delivery_rate": (
        ("deliveries", (frozenset({"actual_delivery_date", "promised_delivery_date"}),)),
    ),
    "walmart_valid_tracking_rate": (("tracking numbers", (frozenset({"ship_date", "tracking_number"}),)),),
    "walmart_negative_feedback_rate": (("ratings", (frozenset({"feedback_rating", "feedback_date"}),)),),
    "walmart_return_rate": (("returns", (frozenset({"return_date"}),)),),
    "walmart_item_not_received_rate": (("claims", (frozenset({"claim_type", "claim_date"}),)),),
}


def supported(pops: list[Population], found: set[str] | None, warnings: list[str]) -> list[Population]:
    """The populations whose metric the files can show (METRIC_NEEDS); ``found`` None means every
    column (frames built in code). Each metric left out, or counted without a part, is a warning."""
    if found is None:
        return pops
    kept = []
    for pop in pops:
        parts = METRIC_NEEDS.get(pop.metric_id, ())
        missing = [(what, alts) for what, alts in parts if not any(alt <= found for alt in alts)]
        label = policy(pop.metric_id).label
        if parts and len(missing) == len(parts):
            what, alts = missing[0]
            warnings.append(
                f"{label} not computed: the orders file has no {_missing(alts, found)}, so {what} cannot be "
                f"seen; map yours with --map generic_orders:{_first_missing(alts, found)}=TheirHeader"
            )
            continue
        for what, alts in missing:
            warnings.append(
                f"{label} counts no {what}: the orders file has no {_missing(alts, found)}; map yours with "
                f"--map generic_orders:{_first_missing(alts, found)}=TheirHeader"
            )
        kept.append(pop)
    return kept


def _missing(alternatives: tuple[frozenset[str], ...], found: set[str]) -> str:
    """The columns each alternative lacks: 'expected-ship-date (or actual-delivery-date and ...)'."""
    named = [" and ".join(sorted(c.replace("_", "-") for c in alt - found)) for alt in alternatives]
    first = named[0] + (" column" if " and " not in named[0] else " columns")
    return first + "".join(f" (or {n})" for n in named[1:])


def _first_missing(alternatives: tuple[frozenset[str], ...], found: set[str]) -> str:
    return sorted(alternatives[0] - found)[0]


def generic_metrics(pops: list[Population], marketplace: Marketplace) -> list[MetricResult]:
    """The marketplace's metrics from the populations of a generic orders frame."""
    return [
        metric_result(
            p.metric_id,
            Channel.ALL,
            p.window,
            int((p.base & p.defect).sum()),
            int(p.base.sum()),
            p.lo,
            p.hi,
            marketplace=marketplace,
        )
        for p in pops
    ]


def _defect_set(f: pd.DataFrame, pop: Population, direction: str) -> DefectSet:
    """A population as the driver analysis reads it: failures flagged, carrier/method/SKU as codes."""
    rows = np.flatnonzero(pop.base)
    failed = pop.defect if direction == "max" else ~pop.defect
    carrier, method = _text(f, "carrier"), _text(f, "ship_method")
    columns = {
        "carrier_method": pd.Series(np.char.strip(np.char.add(np.char.add(carrier, " "), method))),
        "carrier": pd.Series(carrier),
        "ship_method": pd.Series(method),
        "sku": pd.Series(_text(f, "sku")),
    }
    base = pd.DataFrame({"order_id": rows.astype(np.int64), "day": pop.day[rows], "defect": failed[rows]})
    uniques = {}
    for dim, values in columns.items():
        codes, names = codes_of(values.astype("str"), len(f))
        base[dim] = codes[rows]
        uniques[dim] = names
    ids = _text(f, "order_id").astype(object) if "order_id" in f.columns else np.arange(len(f)).astype(object)
    return DefectSet(
        pop.metric_id,
        DEFECT_LABELS.get(pop.metric_id, "defects"),
        base,
        tuple(columns),
        names=np.asarray(ids, dtype=object),
        uniques=uniques,
    )


def generic_findings(
    metrics: list[MetricResult],
    frame: pd.DataFrame | None = None,
    pops: list[Population] | None = None,
) -> list[Finding]:
    """A status finding for every eBay/Walmart metric at watch or worse, and with the orders frame its
    drivers (carrier and method, SKU), spike and weekly trend, as for Amazon's metrics."""
    from appeal_assistant.metrics.findings import _driver_findings

    out: list[Finding] = []
    sev = {MetricStatus.BREACH: Sev.CRITICAL, MetricStatus.AT_RISK: Sev.HIGH, MetricStatus.WATCH: Sev.MEDIUM}
    word = {
        MetricStatus.BREACH: "",
        MetricStatus.AT_RISK: "close to its target",
        MetricStatus.WATCH: "worth watching",
    }
    flagged = [m for m in metrics if m.marketplace is not Marketplace.AMAZON and m.status in sev]
    by_id = {p.metric_id: p for p in pops or []}
    for m in flagged:
        p = policy(m.id)
        value = "n/a" if m.value is None else f"{m.value * 100:.2f}%"
        target = f"{'at most' if m.direction == 'max' else 'at least'} {(m.threshold or 0) * 100:.2f}%"
        status = word[m.status] or f"{'above' if m.direction == 'max' else 'below'} its target"
        about = [
            Finding(
                id=f"status:{m.id}:{m.window_days}",
                kind=FindingKind.BREACH,
                severity=sev[m.status],
                title=f"{p.label} ({_MARKET_NAMES[m.marketplace]}, {m.window_days} days) is {value}, {status}",
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
        ]
        pop = by_id.get(m.id)
        if pop is not None and frame is not None:
            about += _driver_findings(m, _defect_set(_orders(frame), pop, m.direction))
        for finding in about:
            finding.metric_key = m.key
        out += about
    return out
