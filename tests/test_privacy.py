"""Buyer personal data: which headers are never read, and how free text is scrubbed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from appeal_assistant.privacy import (
    EMAIL_TOKEN,
    PHONE_TOKEN,
    PII_RULES,
    normalize_header,
    pii_reason,
    scrub_text,
)
from appeal_assistant.reports.columns import KINDS

PII_HEADERS = [
    "buyer-name",
    "buyer-email",
    "buyer-phone-number",
    "recipient-name",
    "ship-address-1",
    "ship-address-2",
    "ship-address-3",
    "ship-city",
    "ship-postal-code",
    "ship-phone-number",
    "bill-address-1",
    "bill-city",
    "bill-state",
    "bill-postal-code",
    "bill-country",
    "delivery-Instructions",
    "delivery-instructions",
    "Rater Email",
    "Rater email",
    "cpf",
    "buyer-tax-registration-id",
    "Buyer Username",
    "Buyer Name",
    "Buyer Email",
    "Buyer Note",
    "Buyer Address 1",
    "Buyer City",
    "Buyer Zip",
    "Ship To Name",
    "Ship To Phone",
    "Ship To Address 1",
    "Customer Name",
    "Customer Shipping Address",
    "Customer Phone Number",
    "Name",
    "City",
    "Zip",
    "gift-message-text",
    # German and French exports
    "Name des Käufers",
    "Nutzername des Käufers",
    "E-Mail des Käufers",
    "Telefonnummer des Empfängers",
    "Adresse 1 des Empfängers",
    "Versand nach - PLZ",
    "Versand nach - Ort",
    "Nom de l'acheteur",
    "Téléphone",
    "Code postal",
]
KEPT_HEADERS = [
    "product-name",
    "Item Name",
    "Item Title",
    "ship-state",
    "ship-country",
    "address-type",
    "is-buyer-requested-cancellation",
    "buyer-cancel-reason",
    "purchase-order-number",
    "license-plate-number",
    "Amazon RMA ID",
    "Merchant SKU",
    "Tracking ID",
    "Label to be paid by",
    "Return carrier",
    "fulfillment-center-id",
    "order-item-id",
    "ship-service-level",
    "Custom Label",
    "State",
    "PO#",
    "Bestellnummer",
    "Verkauft am",
    "Bestandseinheit",
    "Versandservice",
    "Sendungsnummer",
    "Versand nach - Land",
    "Verschickt am - Datum",
    "Artikelnummer",
    "report-date",
]


def test_normalize_header_ignores_case_spacing_and_punctuation() -> None:
    assert (
        normalize_header("Order ID")
        == normalize_header("order-id")
        == normalize_header("order_id")
        == "orderid"
    )
    assert normalize_header("  PO# ") == "po"


def test_normalize_header_takes_accents_off() -> None:
    assert normalize_header("Name des Käufers") == "namedeskaufers"
    assert normalize_header("Téléphone") == "telephone"
    assert normalize_header("Straße") == "strasse"


@pytest.mark.parametrize("header", PII_HEADERS)
def test_personal_data_headers_are_recognised(header: str) -> None:
    assert pii_reason(header), header


@pytest.mark.parametrize("header", KEPT_HEADERS)
def test_useful_headers_are_not_taken_for_personal_data(header: str) -> None:
    assert pii_reason(header) is None


def test_every_rule_catches_its_own_examples() -> None:
    for rule in PII_RULES:
        for example in rule.examples:
            assert pii_reason(example) is not None, (rule.pattern, example)


def test_no_canonical_column_or_alias_is_personal_data() -> None:
    for spec in KINDS.values():
        for column in spec.columns:
            for alias in (column.name, *column.aliases):
                assert pii_reason(alias) is None, (spec.kind, alias)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call me at 555-123-4567 please", f"call me at {PHONE_TOKEN} please"),
        ("(212) 555-0199 after 5", f"{PHONE_TOKEN} after 5"),
        ("+44 20 7946 0958", PHONE_TOKEN),
        ("ring 07700 900123", f"ring {PHONE_TOKEN}"),
        ("1-800-555-0199", PHONE_TOKEN),
        ("mobile: 555 1234", f"mobile: {PHONE_TOKEN}"),
        ("text me on 2125551234", f"text me on {PHONE_TOKEN}"),
        ("mail john.doe+shop@gmail.com now", f"mail {EMAIL_TOKEN} now"),
        ("x8k2q9v@marketplace.amazon.com", EMAIL_TOKEN),
    ],
)
def test_scrub_text_replaces_emails_and_phones(text: str, expected: str) -> None:
    assert scrub_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "order 112-1234567-1234567 was late",
        "ASIN B07XJ8C8F5 arrived broken",
        "delivered 2026-07-10, ordered 7/10/26, due 10.07.2026",
        "paid $12.99, then 1,299.00 and 45,00 EUR",
        "tracking 1Z999AA10123456784 and 9400111899223817123456",
        "eBay order 12-34567-89012",
        "Walmart PO 108888777766665",
        "size 10 12 14, 2 pack, 100-200 units, 12:30 - 3:45",
        "book ISBN 0439708184",
    ],
)
def test_scrub_text_keeps_ids_dates_and_prices(text: str) -> None:
    assert scrub_text(text) == text


def test_scrub_text_handles_empty_text() -> None:
    assert scrub_text("") == ""


_ORDER_ID = st.from_regex(r"\A\d{3}-\d{7}-\d{7}\Z", fullmatch=True)
_ASIN = st.from_regex(r"\AB0[0-9A-Z]{8}\Z", fullmatch=True)
_DATE = st.dates().map(lambda d: d.isoformat())
_PRICE = st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False).map(lambda d: f"${d}")


@given(st.lists(st.one_of(_ORDER_ID, _ASIN, _DATE, _PRICE), min_size=1, max_size=6))
def test_scrub_text_never_touches_order_ids_asins_dates_or_prices(tokens: list[str]) -> None:
    text = "ref " + " and ".join(tokens) + "."
    assert scrub_text(text) == text


@given(st.text(max_size=80))
def test_scrub_text_is_idempotent(text: str) -> None:
    once = scrub_text(text)
    assert scrub_text(once) == once
