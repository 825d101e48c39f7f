"""Column mappings fix unknown layouts; a bad mapping says how to write it."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from appeal_assistant.errors import InputError, MissingColumnError, UnknownReportError
from appeal_assistant.reports import ColumnMapping, parse_map_options, read_report_file, read_reports

ODD_ORDERS = (
    "Order Ref\tBought\tState Of Order\tQty\tBuyer Full Name\n"
    "A-100\t2026-07-10T10:00:00+00:00\tShipped\t1\tJane Roe\n"
    "A-101\t2026-07-11T10:00:00+00:00\tCancelled\t2\tOmar Haddad\n"
)


@pytest.fixture
def odd_orders(tmp_path: Path) -> Path:
    path = tmp_path / "export.tsv"
    path.write_text(ODD_ORDERS, encoding="utf-8")
    return path


def test_unknown_layout_without_a_mapping(odd_orders: Path) -> None:
    with pytest.raises(UnknownReportError):
        read_report_file(odd_orders)


def test_map_options_make_the_file_readable(odd_orders: Path) -> None:
    mapping = ColumnMapping.from_specs(
        ["orders:order_id=Order Ref", "orders:purchase-date=Bought", "orders:order_status='State Of Order'"]
    )
    result = read_report_file(odd_orders, mapping=mapping)
    assert result.kind == "orders"
    assert list(result.frame["order_id"]) == ["A-100", "A-101"]
    assert list(result.frame["quantity"]) == [1.0, 2.0]
    assert result.columns_found["purchase_date"] == "Bought"
    assert result.summary.dropped_columns == ["Buyer Full Name"]


def test_a_partial_mapping_names_the_columns_still_missing(odd_orders: Path) -> None:
    mapping = ColumnMapping.from_specs(["orders:order_id=Order Ref"])
    with pytest.raises(MissingColumnError) as info:
        read_report_file(odd_orders, mapping=mapping)
    assert "has no 'purchase-date'" in str(info.value)
    assert "--map orders:purchase_date=TheirHeader" in str(info.value)


def test_mapping_file_yaml_with_a_day_first_date_format(tmp_path: Path) -> None:
    data = tmp_path / "fb.csv"
    data.write_text("When,Stars,Ref\n13/07/2026,1,113-1111111-1111111\n02/08/2026,5,114-2222222-2222222\n")
    spec = tmp_path / "mapping.yaml"
    spec.write_text(
        "feedback:\n"
        "  feedback_date: {header: When, date_format: '%d/%m/%Y'}\n"
        "  rating: Stars\n"
        "  order_id: Ref\n"
    )
    frame = read_report_file(data, mapping=ColumnMapping.from_file(spec)).frame
    assert list(frame["feedback_date"]) == [pd.Timestamp("2026-07-13"), pd.Timestamp("2026-08-02")]


def test_mapping_file_json_and_separate_date_formats(tmp_path: Path) -> None:
    spec = tmp_path / "mapping.json"
    spec.write_text(
        json.dumps(
            {"shipments": {"ship_date": "Sent"}, "date_formats": {"shipments": {"ship_date": "%d.%m.%Y"}}}
        )
    )
    data = tmp_path / "ship.csv"
    data.write_text("order-id,Sent,carrier\n113-1111111-1111111,03.07.2026,UPS\n")
    mapping = ColumnMapping.from_file(spec)
    assert mapping.date_format("shipments", "ship_date") == "%d.%m.%Y"
    frame = read_report_file(data, mapping=mapping).frame
    assert frame.loc[0, "ship_date"] == pd.Timestamp("2026-07-03")


def test_map_options_override_the_mapping_file(tmp_path: Path) -> None:
    spec = tmp_path / "m.yaml"
    spec.write_text("orders:\n  order_id: Ref\n  purchase_date: Bought\n")
    mapping = parse_map_options(["orders:order_id=Order Ref"], spec)
    assert dict(mapping.headers_for("orders")) == {"order_id": "Order Ref", "purchase_date": "Bought"}
    assert not parse_map_options([], None)


def test_a_mapping_for_one_kind_does_not_capture_another_kinds_file(tmp_path: Path) -> None:
    feedback = tmp_path / "feedback.txt"
    feedback.write_bytes((Path(__file__).parent / "fixtures" / "reports" / "feedback.txt").read_bytes())
    mapping = ColumnMapping.from_specs(["orders:order_id=Order ID"])  # feedback files have 'Order ID' too
    assert read_report_file(feedback, mapping=mapping).kind == "feedback"


def test_mapping_applies_across_a_folder(odd_orders: Path) -> None:
    mapping = ColumnMapping.from_specs(
        ["orders:order_id=Order Ref", "orders:purchase_date=Bought", "orders:order_status=State Of Order"]
    )
    data = read_reports([odd_orders.parent], mapping=mapping)
    assert len(data.orders) == 2


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("orders purchase_date=Bought", "write it as kind:column=TheirHeader"),
        ("orders:purchase_date", "write it as kind:column=TheirHeader"),
        ("invoices:purchase_date=Bought", "unknown report kind 'invoices'; kinds: orders, shipments"),
        ("orders:bought_on=Bought", "'bought_on' is not a column of orders; its columns are: order_id,"),
        ("orders:purchase_date=", "the header is empty"),
        (
            "orders:order_id=buyer-email",
            "'buyer-email' holds buyer personal data (e-mail address) and is never read",
        ),
    ],
)
def test_bad_map_options_say_how_to_fix_them(spec: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        ColumnMapping.from_specs([spec])
    assert str(info.value).startswith(f"--map {spec!r}: ")
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- just\n- a list\n", "expected a mapping of report kinds to columns, got list"),
        ("orders: Bought\n", "'orders' must map columns to headers"),
        (
            "orders:\n  purchase_date: {header: Bought, when: x}\n",
            "expected a header name or {header: ..., date_format: ...}",
        ),
        ("orders:\n  sku: {date_format: '%d/%m/%Y'}\n", "orders.sku is not a date column"),
        ("orders:\n  purchase_date: {date_format: 'day first'}\n", "must be a strftime pattern"),
        ("orders: [\n", "is not valid YAML"),
    ],
)
def test_bad_mapping_files_say_what_is_wrong(text: str, message: str, tmp_path: Path) -> None:
    spec = tmp_path / "mapping.yaml"
    spec.write_text(text)
    with pytest.raises(InputError) as info:
        ColumnMapping.from_file(spec)
    assert str(info.value).startswith(f"mapping file {str(spec)!r}")
    assert message in str(info.value)


def test_missing_mapping_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot be read"):
        ColumnMapping.from_file(tmp_path / "nope.yaml")
