"""Every report kind is recognised from its headers alone and typed as SCHEMAS.md promises."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from appeal_assistant.reports import KINDS, ReportFrame, empty_frame, read_report_file

FIXTURES = Path(__file__).parent / "fixtures" / "reports"

EXPECTED_KIND = {
    "orders.txt": "orders",
    "shipments.csv": "shipments",
    "fba_returns.tsv": "fba_returns",
    "mfn_returns.txt": "mfn_returns",
    "feedback.txt": "feedback",
    "claims.csv": "claims",
    "odr_defects.csv": "odr_defects",
    "afn_shipments.txt": "afn_shipments",
    "unshipped_orders.txt": "unshipped_orders",
    "generic_orders.csv": "generic_orders",
    "ebay_orders.csv": "generic_orders",
    "ebay_orders_de.csv": "generic_orders",
    "walmart_orders.csv": "generic_orders",
    "account_health.json": "account_health",
}


def read_as_junk(name: str, tmp_path: Path) -> ReportFrame:
    """Copy a fixture under a meaningless name, so only its content can tell its kind."""
    junk = tmp_path / f"download({len(list(tmp_path.iterdir()))}).dat"
    shutil.copy(FIXTURES / name, junk)
    return read_report_file(junk)


@pytest.mark.parametrize(("name", "kind"), sorted(EXPECTED_KIND.items()))
def test_kind_comes_from_headers_not_the_file_name(name: str, kind: str, tmp_path: Path) -> None:
    assert read_as_junk(name, tmp_path).kind == kind


@pytest.mark.parametrize("name", sorted(n for n, k in EXPECTED_KIND.items() if k != "account_health"))
def test_frames_have_every_canonical_column_with_its_dtype(name: str, tmp_path: Path) -> None:
    result = read_as_junk(name, tmp_path)
    expected = empty_frame(KINDS[result.kind])  # type: ignore[index]
    assert list(result.frame.columns) == list(expected.columns)
    assert result.frame.dtypes.to_dict() == expected.dtypes.to_dict()


def test_empty_frames_carry_the_documented_dtypes() -> None:
    frame = empty_frame(KINDS["orders"])
    assert str(frame["purchase_date"].dtype) == "datetime64[us, UTC]"
    assert str(frame["quantity"].dtype) == "float64"
    assert frame["is_business_order"].dtype == bool
    assert frame["order_id"].dtype == "str"
    assert "channel" in frame.columns
    assert str(empty_frame(KINDS["shipments"])["ship_date"].dtype) == "datetime64[us]"


def test_all_orders_values_and_channel(tmp_path: Path) -> None:
    frame = read_as_junk("orders.txt", tmp_path).frame
    assert list(frame["order_id"]) == [
        "113-1111111-1111111",
        "113-1111111-1111111",
        "114-2222222-2222222",
        "112-3333333-3333333",
        "111-4444444-4444444",
        "116-6666666-6666666",
    ]
    assert list(frame["channel"]) == ["mfn", "mfn", "afn", "mfn", "afn", "mfn"]
    # -07:00 offset becomes UTC
    assert frame.loc[2, "purchase_date"] == pd.Timestamp("2026-07-11 16:05:00", tz="UTC")
    assert frame.loc[3, "product_name"] == "Garden Hose\n50 ft, green"
    assert frame.loc[4, "order_status"] == "Shipped - Delivered to Buyer"
    assert np.isnan(frame.loc[4, "quantity"])
    assert frame.loc[1, "quantity"] == 2.0
    assert list(frame["is_business_order"]) == [False] * 5 + [True]
    assert frame["item_price"].tolist()[:2] == [12.99, 14.99]
    assert frame["gift_wrap_price"].isna().all()


def test_shipments_dates_are_naive_calendar_days(tmp_path: Path) -> None:
    frame = read_as_junk("shipments.csv", tmp_path).frame
    assert frame.loc[0, "expected_ship_date"] == pd.Timestamp("2026-07-11")
    assert pd.isna(frame.loc[1, "ship_date"])
    assert frame.loc[1, "cancelled_by"] == "seller"
    assert pd.isna(frame.loc[3, "expected_ship_date"])  # '2026-13-45' is unreadable, row kept
    assert frame.loc[3, "ship_country"] == "GB"
    assert pd.isna(frame.loc[2, "tracking_number"])


def test_returns_and_feedback_values(tmp_path: Path) -> None:
    fba = read_as_junk("fba_returns.tsv", tmp_path).frame
    assert fba.loc[1, "return_date"] == pd.Timestamp("2026-07-21 12:30:00", tz="UTC")
    assert fba.loc[0, "detailed_disposition"] == "CUSTOMER_DAMAGED"
    mfn = read_as_junk("mfn_returns.txt", tmp_path).frame
    assert list(mfn["return_request_date"]) == [pd.Timestamp("2026-07-18"), pd.Timestamp("2026-07-19")]
    assert list(mfn["a_to_z_claim"]) == [False, True]
    assert list(mfn["return_reason"]) == ["CR-DEFECTIVE", "AMZ-PG-BAD-DESC"]
    feedback = read_as_junk("feedback.txt", tmp_path).frame
    assert list(feedback["feedback_date"]) == [pd.Timestamp(f"2026-07-{d}") for d in (10, 12, 14)]
    assert list(feedback["rating"]) == [1.0, 5.0, 2.0]


def test_claims_odr_and_generic_values(tmp_path: Path) -> None:
    claims = read_as_junk("claims.csv", tmp_path).frame
    assert list(claims["amount"]) == [12.99, 1299.0, 45.0]
    assert claims["chargeback_category"].isna().tolist() == [True, False, False]
    odr = read_as_junk("odr_defects.csv", tmp_path).frame
    assert list(odr["channel"]) == ["mfn", "afn", "mfn"]
    assert odr.loc[2, "order_date"] == pd.Timestamp("2026-07-14")
    generic = read_as_junk("generic_orders.csv", tmp_path).frame
    assert list(generic["tracking_valid"]) == [True, None, None, None]
    assert generic.loc[2, "claim_outcome"] == "closed_without_seller_resolution"


def test_ebay_and_walmart_exports_map_onto_generic_orders(tmp_path: Path) -> None:
    ebay = read_as_junk("ebay_orders.csv", tmp_path)
    assert list(ebay.frame["order_id"]) == ["12-34567-89012", "23-45678-90123"]
    assert list(ebay.frame["order_date"]) == [pd.Timestamp("2026-07-10"), pd.Timestamp("2026-07-11")]
    assert list(ebay.frame["ship_date"]) == [pd.Timestamp("2026-07-11"), pd.Timestamp("2026-07-15")]
    assert list(ebay.frame["sku"]) == ["MUG-12", "KET-1"]
    assert ebay.summary.rows_rejected == 1  # the "2 record(s) downloaded" trailer
    walmart = read_as_junk("walmart_orders.csv", tmp_path)
    assert list(walmart.frame["order_id"]) == ["108888777766665", "108888777766666"]
    assert list(walmart.frame["expected_ship_date"]) == [
        pd.Timestamp("2026-07-07"),
        pd.Timestamp("2026-07-08"),
    ]


def test_a_german_ebay_orders_report_maps_onto_generic_orders(tmp_path: Path) -> None:
    """Semicolon-separated, header on the second line, German headers and month names ("10-Mär-25")."""
    de = read_as_junk("ebay_orders_de.csv", tmp_path)
    assert list(de.frame["order_id"]) == ["23-11111-22222", "23-11111-22223", "23-11111-22224"]
    assert list(de.frame["order_date"]) == [
        pd.Timestamp("2025-12-03"),
        pd.Timestamp("2025-12-05"),
        pd.Timestamp("2025-03-10"),
    ]
    assert de.frame["ship_date"].tolist()[::2] == [pd.Timestamp("2025-12-04"), pd.Timestamp("2025-03-12")]
    assert pd.isna(de.frame["ship_date"].iloc[1])
    assert list(de.frame["sku"]) == ["LAMP-LED-01", "BOARD-BMB", "CHG-65W"]
    assert list(de.frame["quantity"]) == [1.0, 2.0, 1.0]
    assert list(de.frame["ship_method"]) == ["DHL Paket", "Hermes Päckchen", "DHL Paket"]
    assert de.summary.rows_rejected == 0 and not de.warnings
    assert de.summary.dropped_columns == [
        "Nutzername des Käufers",
        "Name des Käufers",
        "E-Mail des Käufers",
        "Telefonnummer des Empfängers",
        "Adresse 1 des Empfängers",
        "Versand nach - PLZ",
        "Versand nach - Ort",
    ]


def test_afn_and_unshipped_keep_operational_columns(tmp_path: Path) -> None:
    afn = read_as_junk("afn_shipments.txt", tmp_path).frame
    assert list(afn["fulfillment_center_id"]) == ["PHX7", "TPA1"]
    assert afn.loc[0, "estimated_arrival_date"] == pd.Timestamp("2026-07-14 20:00", tz="UTC")
    unshipped = read_as_junk("unshipped_orders.txt", tmp_path)
    assert unshipped.summary.rows_rejected == 0  # trailing empty tab columns are not an error
    assert list(unshipped.frame["is_prime"]) == [True, False]
    assert unshipped.frame.loc[0, "product_name"] == "Garden Hose\n25 ft"
    assert list(unshipped.frame["days_past_promise"]) == [0.0, 1.0]
