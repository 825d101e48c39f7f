"""The policy table: every metric's definition, threshold, window and source, per marketplace.

This is the ONE place thresholds live. Marketplaces change their help pages; each row says where its
figures were read and when they were last checked. Windows are inclusive day ranges ending at
``as_of - lag_days``; a window of N days covers N calendar dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from appeal_assistant.models import Channel, IssueKind, Marketplace, MetricStatus

__all__ = [
    "AT_RISK_FRACTION",
    "POLICIES",
    "WATCH_FRACTION",
    "MetricPolicy",
    "classify",
    "policies_for",
    "policy",
]

#: A "max" metric is at 'watch' from this share of its threshold, 'at_risk' from AT_RISK_FRACTION.
WATCH_FRACTION = 0.5
AT_RISK_FRACTION = 0.75

DateBasis = Literal[
    "order_date",
    "expected_ship_date",
    "ship_date",
    "promised_delivery_date",
    "return_date",
    "feedback_date",
    "received_date",
    "evaluation",
]

_VERIFIED = date(2026, 11, 28)


@dataclass(frozen=True, slots=True)
class MetricPolicy:
    id: str
    marketplace: Marketplace
    label: str
    definition: str
    threshold: float | None
    direction: Literal["max", "min"]
    windows: tuple[int, ...]
    date_basis: DateBasis
    scope: Channel
    issue: IssueKind | None
    source: str
    last_verified: date = _VERIFIED
    lag_days: int = 0
    uncertain: str = ""

    def window(self, as_of: date, days: int) -> tuple[date, date]:
        """The inclusive date range of a ``days`` window for a report dated ``as_of``."""
        from datetime import timedelta

        end = as_of - timedelta(days=self.lag_days)
        return end - timedelta(days=days - 1), end


_SC = "https://sellercentral.amazon.com/help/hub/reference/external/"

POLICIES: tuple[MetricPolicy, ...] = (
    # ------------------------------------------------------------------ Amazon
    MetricPolicy(
        "odr",
        Marketplace.AMAZON,
        "Order Defect Rate",
        "Orders with at least one defect (negative feedback rated 1-2, an A-to-z Guarantee claim that "
        "was not denied or withdrawn, a service chargeback) / orders, by order date. An order counts once.",
        0.01,
        "max",
        (60,),
        "order_date",
        Channel.MFN,
        IssueKind.ORDER_DEFECT_RATE,
        _SC + "200285170",
    ),
    MetricPolicy(
        "odr_negative_feedback",
        Marketplace.AMAZON,
        "ODR: negative feedback rate",
        "Orders with 1-2 star seller feedback / orders, by order date.",
        None,
        "max",
        (60,),
        "order_date",
        Channel.MFN,
        IssueKind.ORDER_DEFECT_RATE,
        _SC + "200285170",
    ),
    MetricPolicy(
        "odr_a_to_z_claims",
        Marketplace.AMAZON,
        "ODR: A-to-z Guarantee claim rate",
        "Orders with an A-to-z claim not denied or withdrawn / orders, by order date.",
        None,
        "max",
        (60,),
        "order_date",
        Channel.MFN,
        IssueKind.ORDER_DEFECT_RATE,
        _SC + "27951",
    ),
    MetricPolicy(
        "odr_chargebacks",
        Marketplace.AMAZON,
        "ODR: service chargeback rate",
        "Orders with a service (non-fraud) chargeback not reversed / orders, by order date.",
        None,
        "max",
        (60,),
        "order_date",
        Channel.MFN,
        IssueKind.ORDER_DEFECT_RATE,
        _SC + "200285170",
    ),
    MetricPolicy(
        "late_shipment_rate",
        Marketplace.AMAZON,
        "Late Shipment Rate",
        "Seller-fulfilled orders ship-confirmed after their expected ship date (or still unconfirmed "
        "after it) / seller-fulfilled orders with an expected ship date in the window.",
        0.04,
        "max",
        (10, 30),
        "expected_ship_date",
        Channel.MFN,
        IssueKind.LATE_SHIPMENT_RATE,
        _SC + "200285190",
    ),
    MetricPolicy(
        "pre_fulfillment_cancel_rate",
        Marketplace.AMAZON,
        "Pre-fulfillment Cancel Rate",
        "Seller-fulfilled orders cancelled by the seller (including automatic cancellations for missing "
        "ship confirmation; buyer-requested cancellations excluded) / seller-fulfilled orders, by order date.",
        0.025,
        "max",
        (7,),
        "order_date",
        Channel.MFN,
        IssueKind.PRE_FULFILLMENT_CANCEL_RATE,
        _SC + "200285210",
    ),
    MetricPolicy(
        "valid_tracking_rate",
        Marketplace.AMAZON,
        "Valid Tracking Rate",
        "Seller-fulfilled packages with a valid tracking number (at least one carrier scan) / packages "
        "shipped, by ship date; measured per product category and overall.",
        0.95,
        "min",
        (30,),
        "ship_date",
        Channel.MFN,
        IssueKind.VALID_TRACKING_RATE,
        _SC + "201817070",
    ),
    MetricPolicy(
        "on_time_delivery_rate",
        Marketplace.AMAZON,
        "On-Time Delivery Rate",
        "Tracked seller-fulfilled packages delivered by the promised date / tracked packages, over the "
        "14 days of promised delivery dates that end 7 days before the report date.",
        0.90,
        "min",
        (14,),
        "promised_delivery_date",
        Channel.MFN,
        IssueKind.ON_TIME_DELIVERY_RATE,
        _SC + "200847280",
        lag_days=7,
        uncertain="older help pages give a 97% advisory target; 90% is the deactivation line",
    ),
    MetricPolicy(
        "return_rate",
        Marketplace.AMAZON,
        "Return rate by reason group",
        "Orders with a return of the reason group dated in the window / orders placed in the window "
        "(not cancelled). Diagnostic: no marketplace threshold.",
        None,
        "max",
        (60,),
        "return_date",
        Channel.ALL,
        IssueKind.RETURN_RATE,
        _SC + "201887610",
    ),
    MetricPolicy(
        "negative_feedback_share",
        Marketplace.AMAZON,
        "Negative feedback share",
        "Feedback rated 1-2 stars / all feedback received in the window (Amazon shows 30/90/365 days).",
        None,
        "max",
        (30, 90, 365),
        "feedback_date",
        Channel.ALL,
        IssueKind.NEGATIVE_FEEDBACK_RATE,
        _SC + "200285170",
    ),
    # ------------------------------------------------------------------ eBay (help 4080, 4347, 4351)
    MetricPolicy(
        "ebay_transaction_defect_rate",
        Marketplace.EBAY,
        "Transaction defect rate",
        "Transactions with a seller cancellation for being out of stock or a case closed without seller "
        "resolution / transactions; 3 months when >= 400 transactions, else 12 months.",
        0.02,
        "max",
        (90, 365),
        "evaluation",
        Channel.ALL,
        IssueKind.TRANSACTION_DEFECT_RATE,
        "https://www.ebay.com/help/selling/seller-levels-performance-standards/seller-levels-performance-standards?id=4080",
        uncertain="Below Standard also needs >= 5 defects from unique buyers; Top Rated needs <= 0.5%",
    ),
    MetricPolicy(
        "ebay_cases_closed_without_resolution",
        Marketplace.EBAY,
        "Cases closed without seller resolution",
        "Cases the buyer escalated that eBay closed in the buyer's favour without seller resolution / "
        "transactions.",
        0.003,
        "max",
        (90, 365),
        "evaluation",
        Channel.ALL,
        IssueKind.CASES_CLOSED_WITHOUT_RESOLUTION,
        "https://www.ebay.com/help/policies/selling-policies/seller-performance-policy?id=4347",
    ),
    MetricPolicy(
        "ebay_late_shipment_rate",
        Marketplace.EBAY,
        "Late shipment rate",
        "Transactions shipped after the handling time (or delivered late without tracking proof) / "
        "transactions. Top Rated requires <= 3%.",
        0.03,
        "max",
        (90, 365),
        "evaluation",
        Channel.ALL,
        IssueKind.LATE_SHIPMENT_RATE,
        "https://www.ebay.com/help/selling/seller-levels-performance-standards/seller-levels-performance-standards?id=4080",
    ),
    # ------------------------------------------------------------------ buyer messages (messages log)
    MetricPolicy(
        "contact_response_time",
        Marketplace.AMAZON,
        "Contact response time (answered within 24 h)",
        "Buyer messages answered within 24 hours (weekends and holidays count) / messages that needed an "
        "answer, by the day received. Messages marked 'no response needed' are left out; an unanswered "
        "message counts as late once its 24 hours have passed.",
        0.90,
        "min",
        (7, 30, 90),
        "received_date",
        Channel.ALL,
        IssueKind.CONTACT_RESPONSE_TIME,
        _SC + "200549770",
    ),
    # ------------------------------------------------------------------ Walmart (marketplacelearn)
    MetricPolicy(
        "walmart_cancellation_rate",
        Marketplace.WALMART,
        "Cancellation rate",
        "Orders cancelled by the seller / orders.",
        0.02,
        "max",
        (30,),
        "order_date",
        Channel.ALL,
        IssueKind.PRE_FULFILLMENT_CANCEL_RATE,
        "https://marketplacelearn.walmart.com/guides/Policies%20&%20standards/Performance%20standards",
    ),
    MetricPolicy(
        "walmart_on_time_delivery_rate",
        Marketplace.WALMART,
        "On-time delivery rate",
        "Orders delivered by the promised date / delivered orders.",
        0.90,
        "min",
        (30,),
        "promised_delivery_date",
        Channel.ALL,
        IssueKind.ON_TIME_DELIVERY_RATE,
        "https://marketplacelearn.walmart.com/guides/Policies%20&%20standards/Performance%20standards",
    ),
    MetricPolicy(
        "walmart_valid_tracking_rate",
        Marketplace.WALMART,
        "Valid tracking rate",
        "Orders with valid tracking / shipped orders.",
        0.99,
        "min",
        (30,),
        "ship_date",
        Channel.ALL,
        IssueKind.VALID_TRACKING_RATE,
        "https://marketplacelearn.walmart.com/guides/Policies%20&%20standards/Performance%20standards",
        uncertain="99% is from an older US page",
    ),
    MetricPolicy(
        "walmart_negative_feedback_rate",
        Marketplace.WALMART,
        "Negative feedback rate",
        "Orders with negative feedback / orders over 60 days.",
        0.02,
        "max",
        (60,),
        "order_date",
        Channel.ALL,
        IssueKind.NEGATIVE_FEEDBACK_RATE,
        "https://marketplacelearn.walmart.com/guides/Policies%20&%20standards/Performance%20standards",
    ),
    MetricPolicy(
        "walmart_return_rate",
        Marketplace.WALMART,
        "Return rate",
        "Orders returned / orders over 60 days.",
        0.06,
        "max",
        (60,),
        "order_date",
        Channel.ALL,
        IssueKind.RETURN_RATE,
        "https://marketplacelearn.walmart.com/guides/Policies%20&%20standards/Performance%20standards",
        uncertain="announced January 2026 (third-party report)",
    ),
    MetricPolicy(
        "walmart_item_not_received_rate",
        Marketplace.WALMART,
        "Item not received rate",
        "Orders with an item-not-received claim / orders over 60 days.",
        0.02,
        "max",
        (60,),
        "order_date",
        Channel.ALL,
        IssueKind.ON_TIME_DELIVERY_RATE,
        "https://marketplacelearn.walmart.com/guides/Policies%20&%20standards/Performance%20standards",
        uncertain="announced January 2026 (third-party report)",
    ),
    MetricPolicy(
        "walmart_seller_response_rate",
        Marketplace.WALMART,
        "Seller response rate (answered within 48 h)",
        "Customer inquiries answered within 48 hours / inquiries, by the day received; an unanswered "
        "inquiry counts as late once its 48 hours have passed.",
        0.95,
        "min",
        (30,),
        "received_date",
        Channel.ALL,
        IssueKind.CONTACT_RESPONSE_TIME,
        "https://marketplacelearn.walmart.com/guides/Policies%20&%20standards/Performance%20standards",
    ),
)

_BY_ID = {p.id: p for p in POLICIES}


def policy(metric_id: str) -> MetricPolicy:
    """The policy row of ``metric_id``; KeyError names the known ids."""
    try:
        return _BY_ID[metric_id]
    except KeyError:
        raise KeyError(f"unknown metric id {metric_id!r}; known: {sorted(_BY_ID)}") from None


def policies_for(marketplace: Marketplace) -> list[MetricPolicy]:
    return [p for p in POLICIES if p.marketplace == marketplace]


def classify(value: float | None, threshold: float | None, direction: Literal["max", "min"]) -> MetricStatus:
    """ok / watch / at_risk / breach for a value against its threshold.

    For a "max" metric (lower is better) the value is at 'watch' from half the threshold and 'at risk'
    from three quarters (e.g. ODR 0.75%). For a "min" metric the same fractions apply to the shortfall
    room: VTR 95% target -> breach below 95%, at risk below 96.25%, watch below 97.5%.
    """
    if value is None:
        return MetricStatus.NO_DATA
    if threshold is None:
        return MetricStatus.OK
    if direction == "max":
        if value >= threshold:
            return MetricStatus.BREACH
        if value >= threshold * AT_RISK_FRACTION:
            return MetricStatus.AT_RISK
        if value >= threshold * WATCH_FRACTION:
            return MetricStatus.WATCH
        return MetricStatus.OK
    room = 1.0 - threshold
    if value < threshold:
        return MetricStatus.BREACH
    if value < threshold + room * (1 - AT_RISK_FRACTION):
        return MetricStatus.AT_RISK
    if value < threshold + room * (1 - WATCH_FRACTION):
        return MetricStatus.WATCH
    return MetricStatus.OK
