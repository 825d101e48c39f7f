"""Return-reason codes grouped by what they say about the root cause (DOMAIN.md §3).

FBA codes are bare (DEFECTIVE); seller-fulfilled codes carry a CR- prefix (CR-DEFECTIVE) or an
AMZ-PG- prefix. Anything not listed is 'other'. Source: Amazon FBA customer returns and seller-
fulfilled returns reports (GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA, GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE).
"""

from __future__ import annotations

from typing import Literal

__all__ = ["REASON_GROUPS", "ReasonGroup", "reason_group"]

ReasonGroup = Literal["product_quality", "listing_accuracy", "transit", "buyer_side", "other"]

REASON_GROUPS: dict[ReasonGroup, frozenset[str]] = {
    "product_quality": frozenset(
        {"DEFECTIVE", "QUALITY_UNACCEPTABLE", "MISSING_PARTS", "EXPIRED_ITEM", "PART_NOT_COMPATIBLE"}
    ),
    "listing_accuracy": frozenset(
        {
            "NOT_AS_DESCRIBED",
            "AMZ-PG-BAD-DESC",
            "NOT_COMPATIBLE",
            "SWITCHEROO",
            "WRONG_ITEM",
            "AMZ-PG-APP-TOO-SMALL",
            "AMZ-PG-APP-TOO-LARGE",
        }
    ),
    "transit": frozenset(
        {
            "DAMAGED_BY_CARRIER",
            "DAMAGED_BY_FC",
            "MISSED_ESTIMATED_DELIVERY",
            "NEVER_ARRIVED",
            "UNDELIVERABLE_UNKNOWN",
            "UNDELIVERABLE_REFUSED",
        }
    ),
    "buyer_side": frozenset(
        {
            "UNWANTED_ITEM",
            "ORDERED_WRONG_ITEM",
            "FOUND_BETTER_PRICE",
            "NO_REASON_GIVEN",
            "UNAUTHORIZED_PURCHASE",
            "EXCESSIVE_INSTALLATION",
        }
    ),
}
_LOOKUP = {code: group for group, codes in REASON_GROUPS.items() for code in codes}


def reason_group(code: str) -> ReasonGroup:
    """The group of a return reason code, accepting CR- prefixes and any letter case."""
    key = code.strip().upper()
    if key.startswith("CR-"):
        key = key[3:]
    return _LOOKUP.get(key, "other")
