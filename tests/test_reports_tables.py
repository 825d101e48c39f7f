"""The column table, the date shapes and SCHEMAS.md agree with each other and with the contract."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import pandas as pd
import pyarrow as pa
import pytest

from appeal_assistant.privacy import normalize_header
from appeal_assistant.reports import KINDS
from appeal_assistant.reports.dates import DATE_PATTERNS, parse_dates
from appeal_assistant.reports.schema_doc import SCHEMAS_PATH, generated_block


def test_schemas_md_matches_the_tables() -> None:
    text = SCHEMAS_PATH.read_text(encoding="utf-8")
    assert generated_block() in text, "run: python -m appeal_assistant.reports.schema_doc"


def test_each_kind_has_required_columns_and_unambiguous_aliases() -> None:
    for spec in KINDS.values():
        assert spec.required, spec.kind
        seen: dict[str, str] = {}
        for column in spec.columns:
            assert column.name == column.name.lower() and " " not in column.name
            for alias in column.aliases:
                key = normalize_header(alias)
                assert seen.setdefault(key, column.name) == column.name, (spec.kind, alias)


def test_canonical_names_are_the_snake_case_of_the_demo_headers() -> None:
    renamed = {("mfn_returns", "sku"), ("feedback", "feedback_date")}  # 'Merchant SKU', 'Date'
    for spec in KINDS.values():
        for column in spec.columns:
            header, name = normalize_header(column.header), normalize_header(column.name)
            if (spec.kind, column.name) not in renamed:
                assert header in (name, "amazon" + name), (spec.kind, column.name, column.header)


@pytest.mark.parametrize("pattern", DATE_PATTERNS, ids=lambda p: p.name)
def test_every_documented_date_shape_parses_its_example(pattern: object) -> None:
    example = pattern.example  # type: ignore[attr-defined]
    dates, bad = parse_dates(pa.array([example], pa.large_string()), "date")
    assert not bad.any()
    value = dates.to_pylist()[0]
    assert value is not None and value.year in (2025, 2026) and value.month == 7 and value.day == 10


def _parse(
    values: list[str | None], kind: str = "date", fmt: str | None = None
) -> tuple[list[object], list[bool]]:
    dates, bad = parse_dates(pa.array(values, pa.large_string()), kind, fmt)  # type: ignore[arg-type]
    return dates.to_pylist(), bad.tolist()


def test_dates_are_strict_and_blank_is_not_an_error() -> None:
    values, bad = _parse(["2026-02-30", "2026-02-28", None, "31/31/2026", "13/7/26", "10-Jul-2025"])
    assert values == [None, datetime(2026, 2, 28), None, None, None, datetime(2025, 7, 10)]
    assert bad == [True, False, False, True, True, False]


def test_timestamps_become_utc_and_dates_keep_the_written_day() -> None:
    stamp = "2026-07-10T23:30:00-07:00"
    (as_ts,), _ = _parse([stamp], "timestamp")
    assert pd.Timestamp(as_ts) == pd.Timestamp("2026-07-11 06:30", tz="UTC")
    (as_date,), _ = _parse([stamp], "date")
    assert as_date == datetime(2026, 7, 10)
    values, _ = _parse(["2026-07-10", "2026-07-10 14:22:11", "7/10/2026 2:22 PM"], "timestamp")
    assert [pd.Timestamp(v) for v in values] == [
        pd.Timestamp("2026-07-10", tz="UTC"),
        pd.Timestamp("2026-07-10 14:22:11", tz="UTC"),
        pd.Timestamp("2026-07-10 14:22", tz="UTC"),
    ]


def test_a_date_format_override_reads_day_first() -> None:
    values, bad = _parse(["13/07/2026", "7/13/2026"], "date", "%d/%m/%Y")
    assert values == [datetime(2026, 7, 13), None] and bad == [False, True]


def test_reports_package_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys, appeal_assistant.reports, appeal_assistant.privacy\n"
        "heavy = [m for m in ('torch', 'chromadb', 'litellm', 'sentence_transformers') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_a_column_is_read_in_one_day_month_order() -> None:
    """A UK export: 26/06/2025 proves day-first, so 09/07/2025 is 9 July, not 7 September."""
    got, bad = _parse(["09/07/2025", "26/06/2025", "05/06/2025"])
    assert got == [datetime(2025, 7, 9), datetime(2025, 6, 26), datetime(2025, 6, 5)] and not any(bad)
    got, _ = _parse(["09/07/2025", "05/06/2025"])  # nothing proves the order: US month-first stays
    assert got == [datetime(2025, 9, 7), datetime(2025, 5, 6)]
    got, _ = _parse(["07/09/25", "06/26/25"])  # US, short year
    assert got == [datetime(2025, 7, 9), datetime(2025, 6, 26)]
    got, bad = _parse(["13/14/2025", "09/07/2025"])  # impossible either way: that cell only is unreadable
    assert got == [None, datetime(2025, 9, 7)] and bad == [True, False]
    # dashed numeric dates (Amazon's EU/IN returns download) are day-first unless the column proves not
    assert _parse(["18-05-2025", "05-06-2025"])[0] == [datetime(2025, 5, 18), datetime(2025, 6, 5)]
    assert _parse(["05-18-2025", "05-06-2025"])[0] == [datetime(2025, 5, 18), datetime(2025, 5, 6)]


def test_a_trailing_zone_abbreviation_sets_the_offset() -> None:
    got, bad = _parse(
        ["Jun 21, 2025 6:55:24 AM PDT", "Jun 21, 2025 11:59:59 PM PST", "23.05.2025 00:48:55 UTC"],
        "timestamp",
    )
    assert [g.isoformat() for g in got] == [  # type: ignore[union-attr]
        "2025-06-21T13:55:24+00:00",
        "2025-06-22T07:59:59+00:00",
        "2025-05-23T00:48:55+00:00",
    ]
    assert not any(bad)
    # a date column keeps the day as written in the seller's zone
    assert _parse(["Jun 21, 2025 11:59:59 PM PST"])[0] == [datetime(2025, 6, 21)]


def test_month_names_of_the_european_marketplaces_are_read() -> None:
    values, bad = _parse(
        ["10-Dez-25", "15-janv.-25", "15 juil. 2025", "15. März 2025", "3 août 2025", "12-dic-2025",
         "7 mei 2025", "1. Okt. 2025", "Dez 29, 2025", "10-Jul-2025", "10 Julember 2025"]
    )  # fmt: skip
    assert values == [
        datetime(2025, 12, 10),
        datetime(2025, 1, 15),
        datetime(2025, 7, 15),
        datetime(2025, 3, 15),
        datetime(2025, 8, 3),
        datetime(2025, 12, 12),
        datetime(2025, 5, 7),
        datetime(2025, 10, 1),
        datetime(2025, 12, 29),
        datetime(2025, 7, 10),
        None,
    ]
    assert bad == [False] * 10 + [True]
