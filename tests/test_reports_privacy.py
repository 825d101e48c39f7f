"""No buyer personal data reaches a frame: not as a column, not as a value, whatever the container."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from appeal_assistant.privacy import pii_reason
from appeal_assistant.reports import SellerData, read_reports

FIXTURES = Path(__file__).parent / "fixtures" / "reports"

# Every name, e-mail, phone, street, city, postal code, tax id and delivery note written in the fixtures.
PII_VALUES = [
    # ebay_orders_de.csv (German headers)
    "Anna Müller",
    "Mueller123",
    "anna.mueller@",
    "+49 30 1234567",
    "0171 2345678",
    "Hauptstraße 5",
    "Ringweg 12",
    "10115",
    "80331",
    "München",
    "Jane Roe",
    "Omar Haddad",
    "Carlos Díaz",
    "Priya Natarajan",
    "Morgan Avery",
    "Taylor Brooks",
    "Jordan Ellis",
    "Riley Moreno",
    "Sam Buyer",
    "Alex Kim",
    "Robin Lee",
    "Dana Whitfield",
    "Lee Park",
    "Sam Ortiz",
    "Ana Lima",
    "Chris Nolan",
    "Jamie Fox",
    "mugfan77",
    "kettle_buyer",
    "Avery Quinn",
    "Blake Rivers",
    "jane.roe@",
    "omar.h@",
    "carlos.diaz@",
    "priya@",
    "8xk2q9v@",
    "y7h3m1z@",
    "q1w2e3r4@",
    "z9x8c7v6@",
    "sam@",
    "lee.w@",
    "kim@",
    "alex@",
    "robin@",
    "pat.buyer@",
    "dana.w@",
    "lee.park@",
    "sam.ortiz@",
    "ana@",
    "chris.n@",
    "jamie.f@",
    "@example",
    "@marketplace.amazon.com",
    "503-555-0142",
    "(212) 555-0199",
    "07700 900123",
    "208-555-0110",
    "253-555-0133",
    "512-555-0166",
    "971-555-0188",
    "786-555-0144",
    "617-555-0123",
    "415-555-0175",
    "555-201-7788",
    "937-555-0107",
    "775-555-0135",
    "614-555-0191",
    "918-555-0172",
    "42 Elm Street",
    "Apt 3",
    "9 Birch Lane",
    "7 Rue de la Paix",
    "221B Baker Street",
    "500 Harbor Way",
    "88 Congress Ave",
    "1200 NW Glisan St",
    "Unit 4",
    "300 Ocean Dr",
    "12 Pine Rd",
    "3 Oak Ct",
    "77 Lake St",
    "5 Hill Ave",
    "14 Maple Ave",
    "22 Cedar Rd",
    "9 Elm St",
    "41 Spruce Ave",
    "Springfield",
    "Portland",
    "Tacoma",
    "Boise",
    "Austin",
    "Denver",
    "Miami",
    "Dayton",
    "Reno",
    "Columbus",
    "Tulsa",
    "London",
    "New York",
    "62704",
    "97201",
    "98402",
    "83702",
    "78701",
    "80202",
    "33101",
    "97209",
    "33139",
    "10001",
    "NW1 6XE",
    "45402",
    "89501",
    "43004",
    "74103",
    "123.456.789-09",
    "Leave at back door",
    "Gate code 4421",
    "Ring twice",
    "Please ship fast",
]


@pytest.fixture(scope="module")
def everything(tmp_path_factory: pytest.TempPathFactory) -> SellerData:
    """Every fixture, some of them again inside a zip and as an .xlsx, read as one folder."""
    import openpyxl

    folder = tmp_path_factory.mktemp("all")
    for path in FIXTURES.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    with zipfile.ZipFile(folder / "bundle.zip", "w") as zf:
        for name in ("shipments.csv", "afn_shipments.txt", "unshipped_orders.txt"):
            zf.write(FIXTURES / name, f"again/{name}")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    with (FIXTURES / "shipments.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            sheet.append(row)
    book.save(folder / "shipments.xlsx")
    return read_reports([folder])


def _cells(frame: pd.DataFrame) -> list[str]:
    return [str(v) for column in frame.columns for v in frame[column].tolist() if v is not None]


def test_every_fixture_was_read(everything: SellerData) -> None:
    assert set(everything.frames) == {
        "orders",
        "shipments",
        "fba_returns",
        "mfn_returns",
        "feedback",
        "claims",
        "odr_defects",
        "afn_shipments",
        "unshipped_orders",
        "generic_orders",
    }
    assert not [f for f in everything.files if f.skipped_reason]


def test_no_personal_data_column_in_any_frame(everything: SellerData) -> None:
    for kind, frame in everything.frames.items():
        for column in frame.columns:
            assert pii_reason(column) is None, (kind, column)


def test_no_personal_data_value_anywhere_in_any_frame(everything: SellerData) -> None:
    cells = [(kind, cell) for kind, frame in everything.frames.items() for cell in _cells(frame)]
    assert cells
    for value in PII_VALUES:
        leaks = [(kind, cell) for kind, cell in cells if value in cell]
        assert not leaks, (value, leaks)


def test_no_personal_data_value_in_warnings_or_file_summaries(everything: SellerData) -> None:
    text = "\n".join(everything.warnings) + "\n".join(f.model_dump_json() for f in everything.files)
    for value in PII_VALUES:
        assert value not in text, value


def test_dropped_columns_are_listed_per_file(everything: SellerData) -> None:
    by_path = {Path(f.path).name: f for f in everything.files}
    assert by_path["orders.txt"].dropped_columns == ["ship-city", "ship-postal-code", "cpf"]
    assert by_path["feedback.txt"].dropped_columns == ["Rater Email"]
    assert by_path["claims.csv"].dropped_columns == ["buyer-name"]
    assert "delivery-instructions" in by_path["shipments.csv"].dropped_columns
    assert "delivery-Instructions" in by_path["unshipped_orders.txt"].dropped_columns
    assert by_path["afn_shipments.txt"].dropped_columns[:3] == [
        "buyer-email",
        "buyer-name",
        "buyer-phone-number",
    ]
    assert by_path["ebay_orders.csv"].dropped_columns == [
        "Buyer Username",
        "Buyer Name",
        "Buyer Email",
        "Buyer Note",
        "Buyer Address 1",
        "Buyer City",
        "Buyer Zip",
        "Ship To Name",
        "Ship To Phone",
    ]


def test_comments_are_kept_but_scrubbed(everything: SellerData) -> None:
    comments = everything.feedback["comments"].tolist()
    assert "Never arrived. Call me [phone] or mail me at [email]" in comments
    fba = everything.fba_returns["customer_comments"].tolist()
    assert "Arrived cracked. Email me at [email] or call [phone]" in fba
    assert "Handle fell off; order 111-4444444-4444444 on 2026-07-13, paid $39.00" in fba
    assert "damaged on arrival - call [phone]" in everything.generic_orders["return_reason"].tolist()


def test_state_and_country_are_kept(everything: SellerData) -> None:
    assert {"IL", "WA", "OR"} <= set(everything.orders["ship_state"].dropna())
    assert set(everything.shipments["ship_country"].dropna()) == {"US", "GB"}
