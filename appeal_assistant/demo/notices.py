"""Notices and the account-health report that the demo seller's data would trigger.

The notice texts are written for this project (shaped like DOMAIN.md §4, not copied from any real
notice); every figure in them comes from the truth counts of the same data set.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from appeal_assistant.demo.simulate import ScenarioName

__all__ = ["account_health_report", "scenario_notice"]


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.2f}%"


def _find(
    metrics: list[dict[str, Any]], metric_id: str, channel: str, window: int, segment: str | None = None
) -> dict[str, Any]:
    for m in metrics:
        if (m["id"], m["channel"], m["window_days"], m["segment"]) == (metric_id, channel, window, segment):
            return m
    # Tiny data sets can lack a segment (no Jewelry package shipped): report it as empty, not as an error.
    return {
        "id": metric_id,
        "channel": channel,
        "window_days": window,
        "segment": segment,
        "numerator": 0,
        "denominator": 0,
        "value": None,
        "date_from": "",
        "date_to": "",
    }


def _long(d: date) -> str:
    return f"{d.strftime('%B')} {d.day}, {d.year}"


_FOOTER = """How do I send the required information?
Open Account Health in Seller Central, choose "Reactivate your account" (or "View appeal" next to the
issue), and submit your plan of action there. We do not accept plans by reply to this e-mail.

Has your account been deactivated in error?
If you believe the figures above are wrong, you can send us the records that show it through the same
Account Health page.

Amazon Seller Performance
https://sellercentral.amazon.com/performance/account/health
"""


def scenario_notice(
    scenario: ScenarioName,
    as_of: date,
    metrics: list[dict[str, Any]],
    drivers: dict[str, dict[str, Any]],
    example_orders: list[str],
) -> str:
    """The notice text such data would trigger, dated ``as_of``."""
    sent = _long(as_of)
    examples = "\n".join(f"  {oid}" for oid in example_orders[:3])
    if scenario == "carrier_disruption":
        odr = _find(metrics, "odr", "mfn", 60)
        lsr = _find(metrics, "late_shipment_rate", "mfn", 30)
        atoz = _find(metrics, "odr_a_to_z_claims", "mfn", 60)
        return f"""Subject: Your Amazon.com selling privileges have been deactivated
Date: {sent}

Hello,

Your selling privileges on Amazon.com have been deactivated, in line with section 3 of the Amazon
Services Business Solutions Agreement. Your listings have been removed from the store and the funds in
your account are on hold.

Why is this happening?
Your account is below our performance targets for orders you ship yourself:
- Order Defect Rate (seller-fulfilled): {_pct(odr["value"])} over orders placed {odr["date_from"]} to {odr["date_to"]}. Target: under 1%.
- Late Shipment Rate (30 days): {_pct(lsr["value"])}. Target: under 4%.
Buyers opened {atoz["numerator"]} A-to-z Guarantee claims in the period, most of them for items not received.
Examples of affected orders:
{examples}

How do I reactivate my account?
Send us a plan of action that explains:
- the root cause of the late shipments and of the order defects;
- the actions you have already taken to fix them;
- the steps you will take so that they do not happen again.

What happens if I do not send the required information?
If we do not receive an acceptable plan of action within 17 days of this message, your account will stay
deactivated and the funds held in it may remain on hold for up to 90 days.

{_FOOTER}"""
    if scenario == "defective_batch":
        odr = _find(metrics, "odr", "afn", 60)
        neg = _find(metrics, "odr_negative_feedback", "afn", 60)
        info = drivers["defective_batch"]
        return f"""Subject: Action required: Order Defect Rate above target on Amazon.com
Date: {sent}

Hello,

Your Amazon.com selling account is at risk of deactivation. Your Order Defect Rate for orders
fulfilled by Amazon is {_pct(odr["value"])} for orders placed {odr["date_from"]} to {odr["date_to"]}, above the
target of under 1%. Negative feedback on {neg["numerator"]} orders accounts for most of it.

Why is this happening?
Many of the recent complaints concern one product, ASIN {info["asin"]} ({info["product"]}): buyers report
that units stop working or do not charge shortly after delivery.

How do I fix this?
Send us a plan of action with:
- the root cause of the complaints about this product;
- the actions you have taken on the affected units and on the listing;
- the measures you have put in place to check the quality of future inventory.
Please include supplier invoices and any inspection or test reports for the affected ASIN.

Please respond within 17 days. If your rate stays above target, your selling privileges may be removed.

{_FOOTER}"""
    if scenario == "stock_out":
        cancel = _find(metrics, "pre_fulfillment_cancel_rate", "mfn", 7)
        skus = ", ".join(drivers["stock_out"]["skus"])
        return f"""Subject: Your cancellation rate is above our target
Date: {sent}

Hello,

This is a warning about your account on Amazon.com. Your pre-fulfillment cancel rate for the last
7 days is {_pct(cancel["value"])} ({cancel["numerator"]} of {cancel["denominator"]} seller-fulfilled orders), above our
target of under 2.5%. Cancelling orders because an item is out of stock hurts buyers.

The cancellations concern these SKUs: {skus}.

What should I do?
Review your inventory and tell us in a plan of action what caused the cancellations, what you have done
about it and how you will keep your available quantity accurate from now on. If the rate stays above
the target, your account may be deactivated.

{_FOOTER}"""
    vtr = _find(
        metrics, "valid_tracking_rate", "mfn", 30, f"category:{drivers['missing_tracking']['category']}"
    )
    cat = drivers["missing_tracking"]["category"]
    return f"""Subject: Restriction on seller-fulfilled orders in the {cat} category
Date: {sent}

Hello,

Your valid tracking rate for seller-fulfilled packages in the {cat} category is {_pct(vtr["value"])} over the
last 30 days ({vtr["date_from"]} to {vtr["date_to"]}), below the required 95%. As a result, your {cat} listings have
been removed from seller-fulfilled sale, and you can no longer ship {cat} orders yourself until the
restriction is lifted.

How do I get this restriction removed?
Send a plan of action that explains why packages were shipped without valid tracking, what you have
changed, and how you will make sure every package carries a tracking number a carrier has scanned.

{_FOOTER}"""


def _rate_block(m: dict[str, Any], target: float, condition: str, counts: dict[str, int]) -> dict[str, Any]:
    value = m["value"] or 0.0
    bad = value >= target if condition == "LESS_THAN" else value < target
    return {
        "reportingDateRange": {
            "reportingDateFrom": f"{m['date_from']}T00:00Z",
            "reportingDateTo": f"{m['date_to']}T23:59Z",
        },
        **counts,
        "status": "BAD" if bad else "GOOD",
        "rate": round(value, 6),
        "targetValue": target,
        "targetCondition": condition,
    }


def account_health_report(as_of: date, metrics: list[dict[str, Any]]) -> dict[str, Any]:
    """An account-health JSON in the shape of Amazon's GET_V2_SELLER_PERFORMANCE_REPORT."""

    def odr(channel: str) -> dict[str, Any]:
        m = _find(metrics, "odr", channel, 60)
        comps = {
            k: _find(metrics, k, channel, 60)["numerator"]
            for k in ("odr_a_to_z_claims", "odr_chargebacks", "odr_negative_feedback")
        }
        block = _rate_block(m, 0.01, "LESS_THAN", {"orderCount": m["denominator"]})
        block.update(
            {
                "orderWithDefects": {"count": m["numerator"], "status": block["status"]},
                "claims": {"count": comps["odr_a_to_z_claims"], "status": "NONE"},
                "chargebacks": {"count": comps["odr_chargebacks"], "status": "NONE"},
                "negativeFeedback": {"count": comps["odr_negative_feedback"], "status": "NONE"},
                "fulfillmentType": channel,
            }
        )
        return block

    lsr = _find(metrics, "late_shipment_rate", "mfn", 30)
    pcr = _find(metrics, "pre_fulfillment_cancel_rate", "mfn", 7)
    vtr = _find(metrics, "valid_tracking_rate", "mfn", 30)
    otd = _find(metrics, "on_time_delivery_rate", "mfn", 14)
    perf = {
        "marketplaceId": "ATVPDKIKX0DER",
        "orderDefectRate": {"mfn": odr("mfn"), "afn": odr("afn")},
        "lateShipmentRate": _rate_block(
            lsr, 0.04, "LESS_THAN", {"orderCount": lsr["denominator"], "lateShipmentCount": lsr["numerator"]}
        ),
        "prefulfillmentCancelRate": _rate_block(
            pcr, 0.025, "LESS_THAN", {"orderCount": pcr["denominator"], "cancellationCount": pcr["numerator"]}
        ),
        "validTrackingRate": _rate_block(
            vtr,
            0.95,
            "GREATER_THAN",
            {"shipmentCount": vtr["denominator"], "validTrackingCount": vtr["numerator"]},
        ),
        "onTimeDeliveryRate": _rate_block(
            otd,
            0.90,
            "GREATER_THAN",
            {"shipmentCountWithValidTracking": otd["denominator"], "onTimeDeliveryCount": otd["numerator"]},
        ),
    }
    window_from = as_of - timedelta(days=179)
    for key in (
        "listingPolicyViolations",
        "productAuthenticityCustomerComplaints",
        "productConditionCustomerComplaints",
        "productSafetyCustomerComplaints",
        "receivedIntellectualPropertyComplaints",
        "restrictedProductPolicyViolations",
        "foodAndProductSafetyIssues",
        "otherPolicyViolations",
    ):
        perf[key] = {
            "reportingDateRange": {
                "reportingDateFrom": f"{window_from}T00:00Z",
                "reportingDateTo": f"{as_of}T23:59Z",
            },
            "defectsCount": 0,
            "status": "GOOD",
            "targetValue": 0,
            "targetCondition": "EQUALS",
        }
    odr_blocks: dict[str, Any] = perf["orderDefectRate"]  # type: ignore[assignment]
    any_bad = any(isinstance(v, dict) and v.get("status") == "BAD" for v in perf.values()) or any(
        odr_blocks[c]["status"] == "BAD" for c in ("mfn", "afn")
    )
    perf["accountHealthRating"] = {
        "ahrStatus": "AT_RISK" if any_bad else "GREAT",
        "reportingDateRange": {
            "reportingDateFrom": f"{window_from}T00:00Z",
            "reportingDateTo": f"{as_of}T23:59Z",
        },
    }
    return {
        "accountStatuses": [{"marketplaceId": "ATVPDKIKX0DER", "status": "AT_RISK" if any_bad else "NORMAL"}],
        "performanceMetrics": [perf],
    }
