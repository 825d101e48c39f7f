"""Rule tables, part 3: marketplaces, their domains, and the signs of a phishing imitation.

The marketplace's own domains live here and nowhere else: a link or a sender outside them (and
outside the public authorities a genuine notice may cite) is a phishing sign.
"""

from __future__ import annotations

from dataclasses import dataclass

from appeal_assistant.models import Marketplace
from appeal_assistant.notice.patterns import DOMAIN_SOURCE as _DOMAIN

__all__ = [
    "MARKETPLACE_DOMAINS",
    "MARKETPLACE_WORDS",
    "MONTH_FIRST_REGIONS",
    "OFFICIAL_DOMAINS",
    "PHISHING_RULES",
    "PhishingRule",
]

# fmt: off

#: Words that tell which marketplace wrote a notice.
MARKETPLACE_WORDS: dict[Marketplace, str] = {
    Marketplace.AMAZON: r"\bamazon\b|\bseller ?central\b|\bFBA\b|\bASINs?\b|\bA-to-z\b",
    Marketplace.EBAY: r"\bebay\b|\bseller hub\b|\bVeRO\b",
    Marketplace.WALMART: r"\bwalmart\b|\bseller center\b|\bWFS\b",
}

#: The domains each marketplace writes from and links to. A link or sender elsewhere is suspect.
MARKETPLACE_DOMAINS: dict[Marketplace, tuple[str, ...]] = {
    Marketplace.AMAZON: (
        "amazon.com", "amazon.co.uk", "amazon.de", "amazon.ca", "amazon.fr", "amazon.it", "amazon.es",
        "amazon.nl", "amazon.se", "amazon.pl", "amazon.com.be", "amazon.ie", "amazon.co.jp", "amazon.com.au",
        "amazon.in", "amazon.com.mx", "amazon.com.br", "amazon.sg", "amazon.ae", "amazon.sa", "amazon.eg",
        "amazon.com.tr", "amazon.co.za", "media-amazon.com", "ssl-images-amazon.com", "amazonses.com",
    ),
    Marketplace.EBAY: (
        "ebay.com", "ebay.co.uk", "ebay.de", "ebay.ca", "ebay.com.au", "ebay.fr", "ebay.it", "ebay.es",
        "ebay.at", "ebay.ch", "ebay.ie", "ebay.nl", "ebay.pl", "ebayimg.com",
    ),
    Marketplace.WALMART: (
        "walmart.com", "walmart.ca", "marketplacelearn.walmart.com", "sellerhelp.walmart.com",
    ),
}

#: Public authorities a genuine notice may link to (recalls, trademarks, product rules).
OFFICIAL_DOMAINS: tuple[str, ...] = (
    "gov", "gov.uk", "europa.eu", "canada.ca", "gc.ca", "gov.au", "wipo.int", "dpma.de", "inpi.fr",
)

#: Regions whose numeric dates read month first (03/09/2026 = March 9); others read day first.
MONTH_FIRST_REGIONS: frozenset[str | None] = frozenset(
    {None, "amazon.com", "amazon.ca", "ebay.com", "ebay.ca", "walmart.com"}  # amazon.ca: UNCERTAIN
)

# ------------------------------------------------------------------------------------ phishing


@dataclass(frozen=True, slots=True)
class PhishingRule:
    """Phrases showing a phishing sign of ``kind`` (a ``PhishingSignal.kind``)."""

    kind: str
    patterns: tuple[str, ...]
    source: str


_SHORT_HOURS = r"(?:[1-9]|1\d|2[0-4])\s*hours?\b"  # real notices give 48 or 72 hours, never less

PHISHING_RULES: tuple[PhishingRule, ...] = (
    PhishingRule("asks_password", (
        r"\b(?:enter|confirm|provide|send|share|verify|reply with|reply to (?:this|our) (?:e-?mail|message) with"
        r"|update|type|give us)\b[^.]{0,60}"
        r"\b(?:password|passcode|login (?:details|credentials|information)|sign-?in (?:details|credentials)"
        r"|verification code|one-time (?:code|password)|OTP|security code|PIN)\b",
    ), _DOMAIN + " (a notice asking for a password is a red flag)"),
    PhishingRule("asks_payment", (
        r"\b(?:pay|paid|purchase|buy|send|scratch|redeem)\b[^.]{0,60}\bgift ?cards?\b",
        r"\bgift ?cards?\b[^.]{0,60}\b(?:codes?|pay|paid|payment)\b",
        r"\b(?:reactivation|reinstatement|verification|processing|unlock|release|security) "
        r"(?:fee|deposit|charge)",
        r"\b(?:pay|send|transfer|wire|deposit)\b[^.]{0,40}(?:[$€£]\s?\d"
        r"|\b\d+(?:\.\d+)?\s?(?:USD|EUR|GBP|BTC|USDT|ETH)\b"
        r"|\bbitcoin|\bcrypto|\bwallet\b|\bwestern union\b|\bmoneygram\b)",
        r"\b(?:bitcoin|BTC|USDT|cryptocurrency|western union|moneygram|wire transfer)\b",
    ), _DOMAIN + " (payment requests)"),
    PhishingRule("messenger_contact", (
        r"\bwhats ?app\b", r"\btelegram\b", r"\bwechat\b", r"\bviber\b", r"\bskype\b",
        r"\bsignal (?:app|messenger)\b", r"\bfacebook messenger\b", r"\bt\.me/", r"\bwa\.me/",
    ), _DOMAIN + " (messenger contacts)"),
    PhishingRule("urgency_threat", (
        r"\bwithin\s+" + _SHORT_HOURS + r"[^.]{0,120}\b(?:permanent\w*|closed|banned|deleted|terminated"
        r"|lose|lost)\b",
        r"\b(?:terminated|closed|banned|deleted|suspended|deactivated|locked)\b[^.]{0,60}\bwithin\s+"
        + _SHORT_HOURS,
        r"\bfinal (?:notice|warning)\b", r"\bpermanently (?:closed|banned|deleted|locked)\b",
        r"\blegal action\b", r"\bact now\b",
    ), "common phishing pressure tactics (very short windows, threats of permanent loss)"),
    PhishingRule("isolates", (
        r"\b(?:do not|don'?t|never) (?:contact|call|write to|reach out to) (?:amazon|ebay|walmart)"
        r"(?:'s)?(?: (?:customer service|seller support|support|partner support))?\b",
        r"\b(?:outside|other) contact will (?:reset|delay|cancel)\b",
    ), "scam tactic: keep the victim away from the real support channel"),
)
# fmt: on
