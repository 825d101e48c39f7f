"""The fast paths of reading and analysing give exactly what the general paths give.

Each shortcut (Arrow's strict ISO casts for dates, Arrow's hash encoding for codes, categorical label
columns, the comment-scrubbing prefilter, the whole-file parallel CSV reader) is checked against the
slower path it stands in for, on generated values and on a demo data set.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appeal_assistant.demo import DemoConfig, generate_demo
from appeal_assistant.metrics.analyze import ANALYSIS_COLUMNS
from appeal_assistant.metrics.compute import starts_with
from appeal_assistant.metrics.tables import codes_of
from appeal_assistant.privacy import scrub_text
from appeal_assistant.reports import delimited
from appeal_assistant.reports.convert import _scrub
from appeal_assistant.reports.dates import parse_by_pattern, parse_dates
from appeal_assistant.reports.mapping import parse_map_options
from appeal_assistant.reports.seller_data import read_reports

_MOMENTS = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2099, 12, 31))
_OFFSETS = st.integers(min_value=-12 * 4, max_value=14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q)))


def _iso(moment: datetime, offset: timezone, sep: str, fraction: bool, zulu: bool) -> str:
    value = moment.replace(tzinfo=UTC if zulu else offset)
    text = value.isoformat(sep=sep, timespec="microseconds" if fraction else "seconds")
    return text.replace("+00:00", "Z") if zulu else text


def _same(values: list[str | None], kind: str) -> None:
    array = pa.array(values, type=pa.large_string())
    fast, fast_bad = parse_dates(array, kind)  # type: ignore[arg-type]
    slow, slow_bad = parse_by_pattern(array, kind)  # type: ignore[arg-type]
    assert fast.type == slow.type
    assert fast.to_pylist() == slow.to_pylist(), values
    assert fast_bad.tolist() == slow_bad.tolist()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(_MOMENTS, _OFFSETS, st.sampled_from("T "), st.booleans(), st.booleans()),
        min_size=1,
        max_size=8,
    ),
    st.booleans(),
)
def test_iso_timestamps_read_the_same_on_both_paths(parts: list[tuple], with_blank: bool) -> None:
    values: list[str | None] = [_iso(*p) for p in parts] + ([None] if with_blank else [])
    _same(values, "timestamp")
    _same(values, "date")  # a date column keeps the calendar date as written


@settings(max_examples=40, deadline=None)
@given(st.lists(st.dates(min_value=datetime(1990, 1, 1).date()), min_size=1, max_size=8))
def test_iso_dates_read_the_same_on_both_paths(days: list) -> None:
    values = [d.isoformat() for d in days]
    _same(values, "date")


@pytest.mark.parametrize(
    "values",
    [
        ["2026-02-30"],  # impossible: flagged, not rolled over to March
        ["2026-07-10", "7/10/2026"],  # mixed shapes
        ["2026-07-10T14:22:11"],  # no offset: taken as UTC by the general path
        ["2026-07-10T23:30:00-07:00", "2026-7-1T01:00:00+00:00"],  # one-digit month
        ["2026-07-10T25:00:00+00:00"],  # impossible hour
        ["10-Jul-2025", None],
    ],
)
def test_other_shapes_fall_back_to_the_general_path(values: list[str | None]) -> None:
    _same(values, "timestamp")
    _same(values, "date")


def test_a_date_column_keeps_the_written_day_of_an_offset_timestamp() -> None:
    out, bad = parse_dates(pa.array(["2026-07-10T23:30:00-07:00"]), "date")
    assert out.to_pylist() == [datetime(2026, 7, 10)] and not bad.any()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.text(max_size=40),
            st.from_regex(r"call me on \+?\d[\d -]{6,14}\d", fullmatch=True),
            st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.(com|de)", fullmatch=True),
            st.sampled_from(["order 112-1234567-1234567 late", "٠٥٥٥١٢٣٤٥٦٧ phone", "555-123-4567"]),
        ),
        min_size=1,
        max_size=10,
    )
)
def test_scrubbing_skips_only_cells_that_cannot_hold_contact_details(values: list[str | None]) -> None:
    series = pd.Series(values, dtype="str")
    scrubbed = _scrub(series).tolist()
    expected = [scrub_text(v) if isinstance(v, str) else v for v in series.tolist()]
    assert [None if pd.isna(v) else v for v in scrubbed] == [None if pd.isna(v) else v for v in expected]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from(["UPS", "USPS", "", "FedEx", "dhl"])), max_size=30))
def test_codes_match_pandas_factorize_for_text_and_categorical(values: list[str | None]) -> None:
    text = pd.Series(values, dtype="str")
    codes, names = codes_of(text, len(values))
    expect_codes, expect_names = pd.factorize(text.fillna(""))
    assert codes.tolist() == expect_codes.tolist()
    assert names.tolist() == list(expect_names)
    cat_codes, cat_names = codes_of(pd.Series(pd.Categorical(text)), len(values))
    assert [cat_names[c] for c in cat_codes] == text.fillna("").tolist()
    assert starts_with(pd.Series(pd.Categorical(text)), "U").tolist() == starts_with(text, "U").tolist()


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    generate_demo(out, DemoConfig(orders=6000, seed=5))
    return out


def test_whole_file_and_streaming_reads_give_the_same_frames(
    demo_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mapping = parse_map_options([], None).reading_only(ANALYSIS_COLUMNS)
    whole = read_reports([demo_folder], mapping=mapping)
    monkeypatch.setattr(delimited, "WHOLE_FILE_BYTES", 0)  # every file streams in 1 MiB blocks
    monkeypatch.setattr(delimited, "BLOCK_BYTES", 64 << 10)
    streamed = read_reports([demo_folder], mapping=mapping)
    assert whole.frames.keys() == streamed.frames.keys()
    for kind, frame in whole.frames.items():
        pd.testing.assert_frame_equal(frame, streamed.frames[kind], obj=kind)
    assert [f.model_dump() for f in whole.files] == [f.model_dump() for f in streamed.files]
    assert np.array_equal(whole.warnings, streamed.warnings)
