"""Bad input gives a typed error or a warning naming file, row and column; no row vanishes unreported."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from appeal_assistant.errors import InputError, MissingColumnError, ReportFileError, UnknownReportError
from appeal_assistant.reports import read_report_file, read_reports

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
ORDERS = (FIXTURES / "orders.txt").read_text(encoding="utf-8")
HEADER = ORDERS.split("\n", 1)[0]
GOOD_ROW = ORDERS.split("\n")[1]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Work inside tmp_path so messages name files as a user would type them."""
    monkeypatch.chdir(tmp_path)


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = Path(name)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("content", [b"", b"   \n\n", b"\xef\xbb\xbf\r\n"])
def test_empty_file(content: bytes, tmp_path: Path) -> None:
    path = _write(tmp_path, "orders.txt", content)
    with pytest.raises(ReportFileError, match=r"orders\.txt: is empty"):
        read_report_file(path)


def test_binary_junk_with_nul_bytes(tmp_path: Path) -> None:
    rng = random.Random(3)
    path = _write(tmp_path, "orders.txt", bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00\x01")
    with pytest.raises(ReportFileError, match=r"orders\.txt: is binary data"):
        read_report_file(path)


def test_binary_junk_without_nul_bytes(tmp_path: Path) -> None:
    rng = random.Random(5)
    path = _write(tmp_path, "orders.txt", bytes(rng.randrange(1, 32) for _ in range(4096)))
    with pytest.raises(ReportFileError, match="binary data"):
        read_report_file(path)


@pytest.mark.parametrize(
    ("head", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), r"old binary Excel \(\.xls\)"),
        (b"%PDF-1.7\n", "is a PDF"),
    ],
)
def test_documents_that_are_not_reports(head: bytes, message: str, tmp_path: Path) -> None:
    with pytest.raises(ReportFileError, match=message):
        read_report_file(_write(tmp_path, "report.txt", head))


def test_single_column_file_names_the_delimiter_problem(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "orders.txt", HEADER.replace("\t", " ") + "\n" + GOOD_ROW.replace("\t", " ") + "\n"
    )
    with pytest.raises(ReportFileError) as info:
        read_report_file(path)
    assert "orders.txt: found a single column on the header line" in str(info.value)
    assert "tab-, comma-, semicolon- or pipe-separated" in str(info.value)


def test_rows_with_another_delimiter_than_the_header(tmp_path: Path) -> None:
    rows = "\n".join(GOOD_ROW.replace("\t", ",") for _ in range(5))
    path = _write(tmp_path, "orders.txt", HEADER + "\n" + rows + "\n")
    with pytest.raises(ReportFileError) as info:
        read_report_file(path)
    assert str(info.value) == (
        "orders.txt: 5 of 5 rows do not have the header's 32 fields (row 2 has 1); the header is "
        "tab-separated: check the delimiter"
    )
    assert info.value.row == 2


def test_unknown_headers_list_what_was_found_and_what_is_needed(tmp_path: Path) -> None:
    path = _write(tmp_path, "notes.csv", "Order Number,When,State\nA-1,yesterday,done\n")
    with pytest.raises(UnknownReportError) as info:
        read_report_file(path)
    message = str(info.value)
    assert message.startswith(
        "notes.csv: the headers match no known report (found: 'Order Number', 'When', 'State'); "
    )
    assert "closest: shipments needs order-id, ship-date (missing ship-date); " in message
    assert "generic_orders needs order-id, order-date (missing order-date)" in message
    assert message.endswith("; map with --map shipments:ship_date=TheirHeader or a mapping file")


def test_missing_required_column_is_named_with_its_spellings(tmp_path: Path) -> None:
    text = ORDERS.replace("purchase-date", "bought-on")
    with pytest.raises(MissingColumnError) as info:
        read_report_file(_write(tmp_path, "orders.txt", text))
    message = str(info.value)
    assert message.startswith(
        "orders.txt: reads as orders (Amazon All Orders report) but has no 'purchase-date' "
        "(also read as 'order-date') column; found: 'amazon-order-id', 'merchant-order-id', 'bought-on'"
    )
    assert message.endswith("map it with --map orders:purchase_date=TheirHeader")
    assert info.value.column == "purchase-date"


def test_missing_column_in_a_folder_skips_that_file_with_the_fix(tmp_path: Path) -> None:
    """In a folder one file of many lacks a column: it is skipped with the message, the rest is read."""
    _write(tmp_path, "orders.txt", ORDERS.replace("purchase-date", "bought-on"))
    _write(tmp_path, "notice.txt", "Dear seller,\nYour account has been deactivated.\n")
    _write(tmp_path, "zz_orders.txt", ORDERS)
    data = read_reports([tmp_path])
    skipped = {f.path: f.skipped_reason for f in data.files if f.skipped_reason}
    reason = skipped[str(tmp_path / "orders.txt")] or ""
    assert "has no 'purchase-date'" in reason and "--map orders:purchase_date=TheirHeader" in reason
    assert "orders" in data.frames and len(data.frames["orders"]) > 0
    with pytest.raises(MissingColumnError):  # named on its own, the file is an error to fix
        read_reports([tmp_path / "orders.txt"])


def test_unreadable_required_date_rejects_the_row_with_its_number(tmp_path: Path) -> None:
    result = read_report_file(FIXTURES / "orders.txt")
    assert result.summary.rows_read == 6
    assert result.summary.rows_rejected == 2
    name = FIXTURES / "orders.txt"
    assert f"{name}: 1 row with an unreadable 'purchase-date' (row 7; e.g. '31/31/2026'); rejected" in (
        result.warnings
    )
    assert f"{name}: 1 row with no 'amazon-order-id' (row 8); rejected" in result.warnings
    assert (
        f"{name}: 1 row with an unreadable 'quantity' (row 6; e.g. 'two'); kept with the value left empty"
        in result.warnings
    )
    # the rejected row's other bad cells are not reported a second time
    assert not any("last-updated-date" in w for w in result.warnings)


def test_many_bad_rows_are_counted_and_the_first_few_listed(tmp_path: Path) -> None:
    good = GOOD_ROW
    bad = good.replace("2026-07-10T14:22:11+00:00", "31/31/2026", 1)
    lines = [HEADER] + [good] * 3 + [bad] * 8 + [good]
    path = _write(tmp_path, "orders.txt", "\n".join(lines) + "\n")
    result = read_report_file(path)
    assert result.summary.rows_read == 4
    assert result.summary.rows_rejected == 8
    assert (
        "orders.txt: 8 rows with an unreadable 'purchase-date' (rows 5, 6, 7, 8, 9, ...; "
        "e.g. '31/31/2026'); rejected" in result.warnings
    )


def test_a_few_ragged_rows_are_rejected_and_reported(tmp_path: Path) -> None:
    lines = [HEADER, GOOD_ROW, "113-9999999-9999999\tonly\tthree", GOOD_ROW, GOOD_ROW + "\tEXTRA", GOOD_ROW]
    result = read_report_file(_write(tmp_path, "orders.txt", "\n".join(lines) + "\n"))
    assert result.summary.rows_read == 3
    assert result.summary.rows_rejected == 2
    warning = next(w for w in result.warnings if "fields" in w)
    assert warning.endswith("2 rows without the header's 32 fields (rows 3, 5; row 3 has 3); rejected")


def test_empty_rows_are_skipped_and_reported(tmp_path: Path) -> None:
    lines = [HEADER, GOOD_ROW, "\t" * 31, GOOD_ROW]
    result = read_report_file(_write(tmp_path, "orders.txt", "\n".join(lines) + "\n"))
    assert result.summary.rows_read == 2
    assert "orders.txt: 1 row with no values (row 3); skipped" in result.warnings


def test_header_only_file_reads_as_empty_with_a_warning(tmp_path: Path) -> None:
    result = read_report_file(_write(tmp_path, "orders.txt", HEADER + "\n"))
    assert result.kind == "orders" and result.frame.empty
    assert result.warnings == ["orders.txt: has a header but no data rows"]


def test_unclosed_quote_is_reported_with_the_row_it_starts_on(tmp_path: Path) -> None:
    lines = [HEADER, GOOD_ROW, GOOD_ROW.replace("Ceramic Mug, 12 oz", '"Ceramic Mug, 12 oz', 1), GOOD_ROW]
    result = read_report_file(_write(tmp_path, "orders.txt", "\n".join(lines) + "\n"))
    assert result.summary.rows_read == 1
    assert result.summary.rows_rejected == 1
    assert result.warnings == [
        "orders.txt: 1 row without the header's 32 fields (row 3; row 3 has 10; row 3 runs over several "
        "lines: a quote may be left open); rejected"
    ]


def test_json_that_is_not_account_health(tmp_path: Path) -> None:
    with pytest.raises(
        ReportFileError, match=r"is JSON but not an account-health report .*found 'scenarios'"
    ):
        read_report_file(_write(tmp_path, "truth.json", '{"scenarios": []}'))
    with pytest.raises(ReportFileError, match=r"is not valid JSON \(line 2"):
        read_report_file(_write(tmp_path, "health.json", '{"accountStatuses": [\n,]}'))


def test_paths_that_do_not_exist_or_are_folders(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_report_file(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="does not exist"):
        read_reports([tmp_path / "nope"])
    with pytest.raises(InputError, match="is a folder"):
        read_report_file(tmp_path)


@pytest.mark.parametrize(
    ("header", "what"),
    [
        ("date/time,settlement id,type,order id,sku,description,quantity,total", "payments"),
        ("Datum/Uhrzeit,Abrechnungsnummer,Typ,Bestellnummer,SKU,Gesamt", "payments"),
        (
            "settlement-id\tsettlement-start-date\tsettlement-end-date\ttransaction-type\torder-id",
            "settlement",
        ),
    ],
)
def test_payment_reports_are_declined_not_misread_as_orders(tmp_path: Path, header: str, what: str) -> None:
    sep = "\t" if "\t" in header else ","
    row = sep.join("Order" if h.strip().lower() in ("type", "typ") else "1" for h in header.split(sep))
    path = _write(tmp_path, "payments.csv", f"{header}\n{row}\n{row}\n")
    with pytest.raises(ReportFileError, match=rf"payments\.csv: is a {what}"):
        read_report_file(path)
    _write(tmp_path, "zz_orders.txt", ORDERS)
    data = read_reports([tmp_path])  # in a folder: skipped with the reason, the orders still read
    assert any(f.skipped_reason and what in f.skipped_reason for f in data.files)
    assert len(data.frames["orders"]) > 0
