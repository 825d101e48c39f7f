"""Buyer personal data: the one table of columns never read, and scrubbing of free text.

Amazon's data protection policy limits what a seller may keep about buyers, and nothing about a buyer
should leave the seller's machine (DOMAIN.md §3). Report readers therefore never read a column that
matches :data:`PII_RULES` (its name is listed as dropped instead), and free-text buyer comments that
are kept for analysis go through :func:`scrub_text`, which replaces e-mail addresses and phone numbers.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "EMAIL_PATTERN",
    "EMAIL_TOKEN",
    "PHONE_TOKEN",
    "PII_RULES",
    "PiiRule",
    "normalize_header",
    "pii_reason",
    "scrub_text",
]

EMAIL_TOKEN = "[email]"
PHONE_TOKEN = "[phone]"


@functools.lru_cache(maxsize=4096)
def normalize_header(header: str) -> str:
    """Header as compared everywhere: case-folded, accents taken off, only letters and digits
    ('Order ID' -> 'orderid', 'Name des Käufers' -> 'namedeskaufers', 'Téléphone' -> 'telephone').

    Cached: detection compares every header line against every kind's aliases."""
    folded = unicodedata.normalize("NFKD", header.casefold())
    return re.sub(r"[^0-9a-z]+", "", folded)


@dataclass(frozen=True, slots=True)
class PiiRule:
    """Headers whose normalized form matches ``pattern`` hold buyer personal data, for ``reason``."""

    pattern: str
    reason: str
    examples: tuple[str, ...]


#: Every kind of buyer personal data found in marketplace exports, with headers seen in Amazon's flat
#: files (All Orders, Amazon Fulfilled Shipments, actionable orders, feedback), eBay's Orders report
#: (English and German) and Walmart's order export. Patterns match the normalized header (see
#: :func:`normalize_header`). ship-state and ship-country are kept on purpose: they are aggregates useful
#: for carrier analysis. German eBay headers ("Name des Käufers", "Adresse 1 des Empfängers", "Versand
#: nach - PLZ") as read by public importers, e.g. https://github.com/Jens252/brickmerge_import (ebay_sales.py).
PII_RULES: tuple[PiiRule, ...] = (
    PiiRule(r"e?mail", "e-mail address", ("buyer-email", "Rater Email", "Buyer Email")),
    PiiRule(
        r"phone|mobile|telephone|telefon|^tel$|^fax",
        "phone number",
        (
            "buyer-phone-number",
            "ship-phone-number",
            "Ship To Phone",
            "Customer Phone Number",
            "Telefonnummer des Empfängers",
        ),
    ),
    PiiRule(
        r"des(kaufers|empfangers)$|(de|du)l?(acheteur|destinataire)$",
        "details of the buyer or recipient",
        ("Name des Käufers", "Nutzername des Käufers", "Wohnort des Käufers", "Pseudo de l'acheteur"),
    ),
    PiiRule(
        r"(buyer|recipient|customer|shipto|billto|postto|soldto|deliverto|receiver|rater|purchaser|"
        r"contact|consignee)(user)?(full|first|last|given|family)?name",
        "person's name",
        ("buyer-name", "recipient-name", "Ship To Name", "Buyer Username", "Customer Name"),
    ),
    PiiRule(r"^(full|first|last|given|family)?name$|^(user)?name$", "person's name", ("Name", "First Name")),
    PiiRule(
        r"^(requester|submitter|customer)(name|email|id)?$",
        "the buyer who wrote (helpdesk exports)",
        ("Requester", "Submitter", "Customer"),
    ),
    PiiRule(
        r"address(?!type)|adresse|anschrift|^street|streetname|strasse|housenumber",
        "street address",
        ("ship-address-1", "bill-address-2", "Buyer Address 1", "Customer Shipping Address", "Adresse 1"),
    ),
    PiiRule(
        r"postal|postcode|zip|plz$",
        "postal code",
        ("ship-postal-code", "Buyer Zip", "Zip", "Versand nach - PLZ"),
    ),
    PiiRule(
        r"city$|^town$|(^|nach|wohn)ort$|^ville$|^stadt$",
        "city (with a postal code it points at a household)",
        ("ship-city", "City", "Versand nach - Ort"),
    ),
    PiiRule(r"^bill", "billing details of the buyer", ("bill-state", "bill-country")),
    PiiRule(
        r"instruction|buyernote|customernote|giftmessage|notetoseller|deliverynote",
        "free text written by the buyer for delivery",
        ("delivery-instructions", "Buyer Note"),
    ),
    PiiRule(
        r"^cpf$|taxregistration|buyertaxid|buyervat|vatnumber|nationalid|^ssn$|passport",
        "personal tax or identity number",
        ("cpf", "buyer-tax-registration-id"),
    ),
    PiiRule(r"^ipaddress$|^ip$|deviceid", "network identifier", ("IP Address",)),
)

_COMPILED = tuple((re.compile(rule.pattern), rule) for rule in PII_RULES)


def pii_reason(header: str) -> str | None:
    """Why ``header`` is buyer personal data, or None when it is not."""
    key = normalize_header(header)
    if not key:
        return None
    for pattern, rule in _COMPILED:
        if pattern.search(key):
            return rule.reason
    return None


#: An e-mail address (the one pattern for it: scrubbing here, masking in llm/redact.py).
EMAIL_PATTERN = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_EMAIL = EMAIL_PATTERN

# Phone shapes, most specific first. Each is fenced so it never starts or ends inside a longer run of
# digits, letters or dashes: Amazon order ids (112-1234567-1234567), eBay order numbers (12-34567-89012),
# ASINs, tracking numbers, ISO dates and prices do not fit any of them.
_FENCE_L = r"(?<![\w\-/.+])"
_FENCE_R = r"(?![\w\-/]|\.\d)"
_PHONE = re.compile(
    _FENCE_L
    + r"(?:"
    # international: +CC then 6-14 more digits in groups ("+44 20 7946 0958", "+1-555-123-4567")
    + r"\+\d{1,3}(?:[\s.\-]?\(?\d{1,5}\)?){2,6}"
    # North American with area code in parentheses: "(555) 123-4567"
    + r"|\(\d{3}\)\s?\d{3}[\s.\-]\d{4}"
    # North American grouped: "555-123-4567", "555.123.4567", "555 123 4567", "1-555-123-4567"
    + r"|(?:1[\s.\-])?\d{3}[\s.\-]\d{3}[\s.\-]\d{4}"
    # trunk-prefixed national numbers (UK, DE, FR...): "07700 900123", "030 1234567", "01 23 45 67 89"
    + r"|0\d{1,4}(?:[\s\-/]\d{2,8}){1,4}"
    # bare digit runs shaped like a phone: NANP 10 digits (area and exchange codes start 2-9), 1+NANP,
    # UK mobile 07xxxxxxxxx
    + r"|1?[2-9]\d{2}[2-9]\d{6}|07\d{9}"
    + r")"
    + _FENCE_R
)
# A shorter local number ("555-1234") counts only right after a word that announces a phone number.
_CUED_PHONE = re.compile(
    r"(?i)(\b(?:phone|tel|telephone|call|text|mobile|cell|whatsapp|ph)\b[.:#]?\s*(?:(?:me|us|at|on)\s+)*)"
    r"(\+?\d[\d\s.\-()]{5,}\d)" + _FENCE_R
)
_MIN_PHONE_DIGITS = 7
_MAX_PHONE_DIGITS = 15


def _phone_or_keep(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = sum(ch.isdigit() for ch in text)
    if not _MIN_PHONE_DIGITS <= digits <= _MAX_PHONE_DIGITS:
        return text
    if text.startswith("0") and not text.startswith("+") and digits < 9:
        return text  # short trunk-prefixed groups are more often codes, sizes or dates than phones
    return PHONE_TOKEN


def scrub_text(text: str) -> str:
    """Replace e-mail addresses with ``[email]`` and phone numbers with ``[phone]``; keep everything else."""
    if not text:
        return text
    out = _EMAIL.sub(EMAIL_TOKEN, text)
    out = _PHONE.sub(_phone_or_keep, out)
    return _CUED_PHONE.sub(_cued_phone_or_keep, out)


def _cued_phone_or_keep(match: re.Match[str]) -> str:
    digits = sum(ch.isdigit() for ch in match.group(2))
    if _MIN_PHONE_DIGITS <= digits <= _MAX_PHONE_DIGITS:
        return match.group(1) + PHONE_TOKEN
    return match.group(0)
