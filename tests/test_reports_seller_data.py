"""read_reports over folders: skipped files with reasons, frames joined across files, empty kinds typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from appeal_assistant.reports import SellerData, read_reports

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
ORDERS = (FIXTURES / "orders.txt").read_text(encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A download folder as a seller has it: reports, a notice, a README and the demo's truth file."""
    root = tmp_path / "downloads"
    (root / "returns").mkdir(parents=True)
    (root / "orders.txt").write_text(ORDERS)
    (root / "returns" / "fba.txt").write_bytes((FIXTURES / "fba_returns.tsv").read_bytes())
    (root / "health.json").write_bytes((FIXTURES / "account_health.json").read_bytes())
    (root / "notice.txt").write_text("Dear Seller,\n\nWe have deactivated your selling account.\n")
    (root / "notice.eml").write_text("From: seller-performance@amazon.com\nSubject: Your account\n\nHello")
    (root / "README.md").write_text("# Downloads\n")
    (root / "truth.json").write_text('{"generator": "demo", "scenarios": []}')
    (root / "empty.csv").write_text("")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    return root


def test_folder_reads_reports_and_lists_the_rest_as_skipped(folder: Path) -> None:
    messages: list[str] = []
    data = read_reports([folder], on_progress=messages.append)
    assert data.kinds == ["orders", "fba_returns"]
    assert data.has("orders") and data.has("account_health") and not data.has("claims")
    skipped = {Path(f.path).name: f.skipped_reason for f in data.files if f.skipped_reason}
    assert set(skipped) == {"notice.txt", "notice.eml", "README.md", "truth.json", "empty.csv"}
    assert skipped["notice.eml"] == "not a report file type (.eml)"
    assert "the headers match no known report" in (skipped["notice.txt"] or "")
    assert "is JSON but not an account-health report" in (skipped["truth.json"] or "")
    assert (skipped["empty.csv"] or "").endswith("is empty; download the report again")
    read = {Path(f.path).name: f for f in data.files if not f.skipped_reason}
    assert read["orders.txt"].kind == "orders" and read["orders.txt"].rows_read == 6
    assert read["orders.txt"].rows_rejected == 2
    assert read["fba.txt"].kind == "fba_returns"
    assert any(m.endswith("Amazon All Orders report (orders), 6 rows") for m in messages)
    assert any(m.startswith("reading ") for m in messages)


def test_kinds_not_given_are_empty_frames_with_their_columns(folder: Path) -> None:
    data = read_reports([folder])
    assert data.claims.empty
    assert list(data.claims.columns)[:4] == ["claim_id", "order_id", "claim_type", "claim_date"]
    assert str(data.claims["claim_date"].dtype) == "datetime64[us]"
    assert data.shipments.empty and "ship_date" in data.shipments.columns
    assert {"order_id", "purchase_date", "ship_state"} <= data.columns_found["orders"]
    assert "number_of_items" not in data.columns_found["orders"]


def test_item_rows_split_across_files_are_joined_and_overlaps_dropped(tmp_path: Path) -> None:
    header, *rows = ORDERS.rstrip("\n").split("\n")
    (tmp_path / "jul_a.txt").write_text("\n".join([header, *rows[:2]]) + "\n")  # first item of an order
    (tmp_path / "jul_b.txt").write_text("\n".join([header, *rows[1:3]]) + "\n")  # its second item again
    data = read_reports([tmp_path / "jul_a.txt", tmp_path / "jul_b.txt"])
    assert list(data.orders["order_id"]) == [
        "113-1111111-1111111",
        "113-1111111-1111111",
        "114-2222222-2222222",
    ]
    assert list(data.orders["sku"]) == ["MUG-12", "MUG-16", "MUG-16"]
    assert "orders: 1 rows repeated across 2 files were dropped (the downloads overlap)" in data.warnings
    assert list(data.orders.index) == [0, 1, 2]


def test_same_rows_in_one_file_are_kept(tmp_path: Path) -> None:
    header, first, *_ = ORDERS.split("\n")
    (tmp_path / "o.txt").write_text("\n".join([header, first, first]) + "\n")
    assert len(read_reports([tmp_path]).orders) == 2


def test_nothing_recognised_is_a_warning_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "notice.txt").write_text("Hello seller\n")
    data = read_reports([tmp_path])
    assert isinstance(data, SellerData) and not data.frames
    assert data.warnings == ["no report files were recognised; see the skipped files for the reasons"]


def test_an_explicit_non_report_file_raises(folder: Path) -> None:
    from appeal_assistant.errors import ReportFileError

    with pytest.raises(ReportFileError):
        read_reports([folder / "notice.txt"])
