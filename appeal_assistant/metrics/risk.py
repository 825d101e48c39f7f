"""Risk words in buyer comments and hints that a defect may be individually disputable.

Sources: DOMAIN.md §6 (risk words a consultant watches for) and Amazon's feedback-removal guidance
(feedback that is entirely a product review, or about fulfilment by Amazon, can be removed or struck
through: https://sellercentral.amazon.com/help/hub/reference/external/G200386100).
"""

from __future__ import annotations

import re

from appeal_assistant.models import IssueKind

__all__ = [
    "FBA_FULFILMENT_PATTERN",
    "PRODUCT_REVIEW_PATTERN",
    "RISK_WORDS",
    "SERVICE_PATTERN",
    "complaint_words",
    "risk_hits",
]

#: What the complaints a risky comment foreshadows are called, per notice kind.
_COMPLAINTS: dict[IssueKind, str] = {
    IssueKind.INAUTHENTIC: "inauthenticity complaints",
    IssueKind.PRODUCT_SAFETY: "product safety complaints",
    IssueKind.CONDITION_COMPLAINT: "condition complaints",
    IssueKind.LISTING_POLICY: "listing accuracy complaints",
}


def complaint_words(issue: IssueKind) -> str:
    """'condition complaints' for IssueKind.CONDITION_COMPLAINT, and so on."""
    return _COMPLAINTS.get(issue, f"{issue.value.replace('_', ' ')} complaints")


#: risk label -> (pattern, the notice kind it foreshadows)
RISK_WORDS: dict[str, tuple[re.Pattern[str], IssueKind]] = {
    "fake / counterfeit": (
        re.compile(r"\b(?:fake|counterfeit|knock[- ]?off|not (?:genuine|authentic)|replica)\b", re.I),
        IssueKind.INAUTHENTIC,
    ),
    "expired": (
        re.compile(r"\b(?:expired|out of date|past (?:its|the) (?:expiry|expiration))\b", re.I),
        IssueKind.PRODUCT_SAFETY,
    ),
    "used / opened": (
        re.compile(r"\b(?:used|opened|resealed|pre-?owned|second[- ]hand|returned item)\b", re.I),
        IssueKind.CONDITION_COMPLAINT,
    ),
    "damaged": (
        re.compile(r"\b(?:damaged|broken on arrival|crushed|dented|cracked)\b", re.I),
        IssueKind.CONDITION_COMPLAINT,
    ),
    "not as described": (
        re.compile(
            r"\b(?:not as described|not what (?:was|is) (?:pictured|described|advertised)|"
            r"different (?:item|product) than)\b",
            re.I,
        ),
        IssueKind.LISTING_POLICY,
    ),
    "unsafe": (
        re.compile(
            r"\b(?:caught fire|burn(?:ed|t)|smok(?:e|ed|ing)|shock(?:ed)?|rash|allergic|unsafe|dangerous)\b",
            re.I,
        ),
        IssueKind.PRODUCT_SAFETY,
    ),
}

#: Words that make a comment a product review rather than a comment on the seller's service.
PRODUCT_REVIEW_PATTERN = re.compile(
    r"\b(?:product review|quality|color|colour|smaller|bigger|size|fit|sound|stopped working|broke|"
    r"does not work|doesn't work|defective|battery|cheap)\b",
    re.I,
)
#: Words about service (shipping, communication) that keep feedback about the seller.
SERVICE_PATTERN = re.compile(
    r"\b(?:late|never arrived|shipping|shipped|package|parcel|tracking|deliver(?:y|ed)|seller|answer(?:ed)?|"
    r"respon(?:d|se)|refund|message)\b",
    re.I,
)
#: Fulfilment complaints on Amazon-fulfilled orders: Amazon strikes such feedback through.
FBA_FULFILMENT_PATTERN = re.compile(
    r"\b(?:late|never arrived|package|parcel|box|deliver(?:y|ed)|shipping)\b", re.I
)


def risk_hits(text: str) -> list[str]:
    """The risk labels whose pattern occurs in ``text``."""
    return [label for label, (pattern, _) in RISK_WORDS.items() if pattern.search(text)]
