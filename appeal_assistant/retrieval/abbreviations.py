"""Seller-help abbreviations and their spelled-out forms, used to expand search queries.

Sellers type "poa", "odr" or "a-z"; the knowledge documents mostly spell the terms out. Each entry is
the term as Amazon's, eBay's or Walmart's seller help spells it (shared/DOMAIN.md gathers the pages).
"""

from __future__ import annotations

import re

__all__ = ["ABBREVIATIONS", "expand_abbreviations"]

#: Lower-case abbreviation -> spelled-out term.
ABBREVIATIONS: dict[str, str] = {
    "a-z": "A-to-z Guarantee claim",
    "aha": "Account Health Assurance",
    "ahr": "Account Health Rating",
    "afn": "Amazon-fulfilled",
    "cpc": "Children's Product Certificate",
    "csdr": "Customer Service Dissatisfaction Rate",
    "edd": "estimated delivery date",
    "esd": "expected ship date",
    "fba": "Fulfillment by Amazon",
    "fbm": "fulfilled by merchant, seller-fulfilled",
    "idr": "Invoice Defect Rate",
    "inr": "item not received",
    "ip": "intellectual property",
    "loa": "letter of authorization",
    "lsr": "Late Shipment Rate",
    "mfn": "merchant-fulfilled, seller-fulfilled",
    "odr": "Order Defect Rate",
    "otd": "on-time delivery",
    "otdr": "On-Time Delivery Rate",
    "pip": "performance improvement plan",
    "poa": "Plan of Action",
    "rdr": "Return Dissatisfaction Rate",
    "sds": "safety data sheet",
    "snad": "significantly not as described",
    "tdr": "transaction defect rate",
    "vtr": "Valid Tracking Rate",
    "wfs": "Walmart Fulfillment Services",
}

_PATTERN = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)


def expand_abbreviations(text: str) -> str:
    """Append each abbreviation's spelled-out form once: 'my odr' -> 'my odr (Order Defect Rate)'."""
    seen: set[str] = set()

    def _expand(match: re.Match[str]) -> str:
        key = match.group(1).lower()
        if key in seen:
            return match.group(0)
        seen.add(key)
        return f"{match.group(0)} ({ABBREVIATIONS[key]})"

    return _PATTERN.sub(_expand, text)
