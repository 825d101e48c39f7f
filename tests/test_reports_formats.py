"""Containers, encodings and layout quirks of real downloads: BOM, UTF-16, Windows-1252, XLSX, zip."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from appeal_assistant.reports import read_report_file, read_reports

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
ORDERS_TEXT = (FIXTURES / "orders.txt").read_text(encoding="utf-8")


def _orders_with_accent() -> str:
    return ORDERS_TEXT.replace("Tea Kettle", "Théière émaillée")


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("cp1252", b""),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "cp1252"],
)
def test_encodings_read_the_same_rows(encoding: str, prefix: bytes, tmp_path: Path) -> None:
    path = tmp_path / "report"
    path.write_bytes(prefix + _orders_with_accent().encode(encoding))
    result = read_report_file(path)
    assert result.kind == "orders"
    assert "Théière émaillée" in set(result.frame["product_name"])
    assert result.frame.loc[3, "product_name"] == "Garden Hose\n50 ft, green"
    assert len(result.frame) == 6 and result.summary.rows_rejected == 2


def test_cp1252_bytes_hidden_after_an_ascii_head_are_still_decoded(tmp_path: Path) -> None:
    header, *rows = ORDERS_TEXT.splitlines(keepends=True)
    filler = "".join(rows[0] for _ in range(40_000))  # over 1 MiB of plain ASCII before the accent
    path = tmp_path / "big.txt"
    path.write_bytes((header + filler + _orders_with_accent().split("\n", 1)[1]).encode("cp1252"))
    frame = read_report_file(path).frame
    assert "Théière émaillée" in set(frame["product_name"])
    assert len(frame) == 40_000 + 6


def test_bytes_windows_1252_leaves_undefined_are_not_fatal(tmp_path: Path) -> None:
    text = _orders_with_accent().encode("cp1252")
    in_head = tmp_path / "latin.txt"
    in_head.write_bytes(text.replace(b"Th", b"\x81Th", 1))  # undefined in cp1252: read as ISO-8859-1
    assert "\x81Théière émaillée" in set(read_report_file(in_head).frame["product_name"])
    header, body = text.split(b"\n", 1)
    late = tmp_path / "late.txt"
    filler = body.split(b"\n", 1)[0] + b"\n"
    late.write_bytes(header + b"\n" + filler * 9000 + body.replace(b"Th", b"\x81Th", 1))  # past the head
    frame = read_report_file(late).frame
    assert len(frame) == 9000 + 6
    assert "\ufffdThéière émaillée" in set(frame["product_name"])


def test_csv_semicolon_and_pipe_delimiters(tmp_path: Path) -> None:
    text = (FIXTURES / "claims.csv").read_text(encoding="utf-8").replace('"1,299.00"', "1299.00")
    for delimiter in (";", "|"):
        path = tmp_path / f"claims{delimiter == '|'}.txt"
        path.write_text(text.replace(",", delimiter), encoding="utf-8")
        frame = read_report_file(path).frame
        assert list(frame["amount"]) == [12.99, 1299.0, 45.0]


def test_windows_line_endings_and_title_line_before_the_header(tmp_path: Path) -> None:
    text = "Order defects for Jul 2026\r\n\r\n" + (FIXTURES / "odr_defects.csv").read_text().replace(
        "\n", "\r\n"
    )
    path = tmp_path / "odr.csv"
    path.write_text(text, encoding="utf-8", newline="")
    result = read_report_file(path)
    assert result.kind == "odr_defects"
    assert result.frame.loc[0, "order_id"] == "113-1111111-1111111"


def test_amazon_order_id_alias_in_returns(tmp_path: Path) -> None:
    text = (FIXTURES / "fba_returns.tsv").read_text().replace("\torder-id\t", "\tamazon-order-id\t", 1)
    path = tmp_path / "returns.txt"
    path.write_text(text)
    result = read_report_file(path)
    assert result.kind == "fba_returns"
    assert result.columns_found["order_id"] == "amazon-order-id"
    assert result.frame.loc[0, "order_id"] == "114-2222222-2222222"


def test_headers_match_case_and_punctuation_loosely(tmp_path: Path) -> None:
    text = (
        (FIXTURES / "feedback.txt")
        .read_text()
        .replace("Your Response", "response")
        .replace("Rater Email", "Rater email")
    )
    text = text.replace("Order ID", "ORDER_ID").replace("Rating", " rating ")
    path = tmp_path / "fb.txt"
    path.write_text(text)
    result = read_report_file(path)
    assert result.kind == "feedback"
    assert list(result.frame["your_response"])[1] == "Thanks!"
    assert result.summary.dropped_columns == ["Rater email"]


def _write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    first = True
    for title, rows in sheets.items():
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        sheet.title = title
        first = False
        for row in rows:
            sheet.append(row)
    book.save(path)


def _tsv_rows(name: str) -> list[list[object]]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as fh:
        return [list(row) for row in csv.reader(fh, delimiter="\t")]


def test_xlsx_with_typed_cells_and_a_notes_sheet(tmp_path: Path) -> None:
    from datetime import datetime

    rows: list[list[object]] = [
        ["Date", "Rating", "Comments", "Your Response", "Order ID", "Rater Email"],
        [datetime(2026, 7, 10), 1, "Call me 617-555-0123", None, "113-1111111-1111111", "sam@example.com"],
        ["7/12/26", 5.0, "Great mug!", "Thanks!", "114-2222222-2222222", "lee.w@example.com"],
    ]
    path = tmp_path / "export.xlsx"
    _write_xlsx(path, {"Notes": [["exported by the seller"], ["nothing here"]], "Feedback": rows})
    data = read_reports([path])
    assert data.frames["feedback"]["feedback_date"].tolist() == [
        pd.Timestamp("2026-07-10"),
        pd.Timestamp("2026-07-12"),
    ]
    assert data.frames["feedback"]["rating"].tolist() == [1.0, 5.0]
    assert data.frames["feedback"]["comments"].tolist()[0] == "Call me [phone]"
    skipped = [f for f in data.files if f.skipped_reason]
    assert [f.path for f in skipped] == [f"{path}[Notes]"]
    assert read_report_file(path).kind == "feedback"


def test_xlsx_all_orders_matches_the_text_file(tmp_path: Path) -> None:
    path = tmp_path / "orders.xlsx"
    rows = _tsv_rows("orders.txt")
    _write_xlsx(path, {"Orders": rows})
    from_xlsx = read_report_file(path)
    from_text = read_report_file(FIXTURES / "orders.txt")
    pd.testing.assert_frame_equal(from_xlsx.frame, from_text.frame)
    assert from_xlsx.summary.rows_rejected == from_text.summary.rows_rejected == 2
    assert [w.split(": ", 1)[1] for w in from_xlsx.warnings] == [
        w.split(": ", 1)[1] for w in from_text.warnings
    ]


def test_zip_of_several_reports_is_read_member_by_member(tmp_path: Path) -> None:
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(FIXTURES / "orders.txt", "reports/a")
        zf.write(FIXTURES / "claims.csv", "reports/b")
        zf.write(FIXTURES / "account_health.json", "c")
        zf.writestr("README.md", "# what these are\n")
        zf.writestr("notice.txt", "Dear seller,\nyour account is under review.\n")
        zf.writestr("__MACOSX/._a", b"\x00\x05\x16\x07")
    data = read_reports([archive])
    assert set(data.frames) == {"orders", "claims"}
    assert data.account_health is not None
    reasons = {f.path: f.skipped_reason for f in data.files if f.skipped_reason}
    assert set(reasons) == {f"{archive}/README.md", f"{archive}/notice.txt"}
    assert "not a report file type (.md)" in reasons[f"{archive}/README.md"]
    kinds = {f.path: f.kind for f in data.files if f.kind}
    assert kinds[f"{archive}/reports/a"] == "orders"
