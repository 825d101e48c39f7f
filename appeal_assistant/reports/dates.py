"""Vectorised date parsing: the date shapes report files use, tried in order, strictly (no 30 February).

Slash dates are read month first (M/D/YY, M/D/YYYY: the US Seller Central exports); a file written day
first needs a date format in the mapping file. A value with a time and an offset becomes UTC in a
timestamp column; a date column keeps the calendar date as written (the wall-clock date of the
seller's time zone), so ``2026-07-10T23:30:00-07:00`` is 10 July there. A timestamp without an offset
is taken as UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["DATE_PATTERNS", "DatePattern", "parse_by_pattern", "parse_dates"]

DateKind = Literal["date", "timestamp"]
_UNIT: Literal["us"] = "us"


@dataclass(frozen=True, slots=True)
class DatePattern:
    """Values fully matching ``regex`` (RE2) are read with the first of ``formats`` that fits."""

    name: str
    regex: str
    formats: tuple[str, ...]
    example: str


#: Shapes seen in Amazon, eBay, Walmart and spreadsheet exports, most common first.
DATE_PATTERNS: tuple[DatePattern, ...] = (
    DatePattern(
        "iso", r"^\d{4}-\d{1,2}-\d{1,2}([T ]\d{1,2}:\d{2}.*)?$", ("ISO8601",), "2026-07-10T14:22:11+00:00"
    ),
    DatePattern("day_mon_year", r"^\d{1,2}-[A-Za-z]{3}-\d{4}$", ("%d-%b-%Y",), "10-Jul-2025"),
    DatePattern("day_mon_yy", r"^\d{1,2}-[A-Za-z]{3}-\d{2}$", ("%d-%b-%y",), "10-Jul-25"),
    DatePattern("us_slash", r"^\d{1,2}/\d{1,2}/\d{4}$", ("%m/%d/%Y",), "7/10/2026"),
    DatePattern("us_slash_short", r"^\d{1,2}/\d{1,2}/\d{2}$", ("%m/%d/%y",), "7/10/26"),
    DatePattern(
        "us_slash_time",
        r"^\d{1,2}/\d{1,2}/\d{2,4} \d{1,2}:\d{2}(:\d{2})?( ?[AaPp][Mm])?$",
        (
            "%m/%d/%Y %H:%M:%S",
            "%m/%d/%Y %H:%M",
            "%m/%d/%Y %I:%M:%S %p",
            "%m/%d/%Y %I:%M %p",
            "%m/%d/%y %H:%M",
            "%m/%d/%y %H:%M:%S",
        ),
        "7/10/2026 14:22",
    ),
    DatePattern(
        "mon_day_year", r"^[A-Za-z]{3}-\d{1,2}-\d{2}(\d{2})?$", ("%b-%d-%y", "%b-%d-%Y"), "Jul-10-25"
    ),
    DatePattern(
        "mon_day_comma",
        r"^[A-Za-z]{3,9}\.? \d{1,2}, \d{4}$",
        ("%b %d, %Y", "%B %d, %Y", "%b. %d, %Y"),
        "Jul 10, 2025",
    ),
    DatePattern("day_mon_space", r"^\d{1,2} [A-Za-z]{3,9} \d{4}$", ("%d %b %Y", "%d %B %Y"), "10 Jul 2025"),
    DatePattern("dotted_dmy", r"^\d{1,2}\.\d{1,2}\.\d{4}$", ("%d.%m.%Y",), "10.07.2026"),
    DatePattern("iso_slash", r"^\d{4}/\d{1,2}/\d{1,2}$", ("%Y/%m/%d",), "2026/07/10"),
)

_ISO_DATE_PREFIX = r"^(?P<d>\d{4}-\d{1,2}-\d{1,2})"


def _to_datetime(
    values: npt.NDArray[np.object_], fmt: str, kind: DateKind, aware_ok: bool
) -> pd.DatetimeIndex:
    series = pd.Series(values, dtype=object)
    if kind == "timestamp" and aware_ok:
        return pd.DatetimeIndex(pd.to_datetime(series, format=fmt, utc=True, errors="coerce"))
    parsed = pd.DatetimeIndex(pd.to_datetime(series, format=fmt, errors="coerce"))
    if parsed.tz is not None:  # a custom format with %z: keep the wall-clock date
        parsed = parsed.tz_localize(None)
    if kind == "timestamp":
        return parsed.tz_localize("UTC")
    return parsed.normalize()


def _as_micros(index: pd.DatetimeIndex) -> npt.NDArray[np.int64]:
    """Integer microseconds since the epoch (NaT as the minimum int64) of a naive or UTC index."""
    if index.tz is not None:
        index = index.tz_convert("UTC").tz_localize(None)
    return index.as_unit(_UNIT).asi8


def _parse_subset(
    values: pa.Array, pattern: DatePattern, kind: DateKind, override: str | None
) -> pd.DatetimeIndex:
    """Parse values of one shape; a date column keeps the calendar date an ISO value was written with."""
    if override is None and pattern.name == "iso" and kind == "date":
        prefix = pc.extract_regex(values, _ISO_DATE_PREFIX).field("d")
        return _to_datetime(prefix.to_numpy(zero_copy_only=False), "%Y-%m-%d", kind, False)
    raw = values.to_numpy(zero_copy_only=False)
    formats = (override,) if override else pattern.formats
    result = _to_datetime(raw, formats[0], kind, aware_ok=formats[0] == "ISO8601" or "%z" in formats[0])
    for fmt in formats[1:]:
        if not result.isna().any():
            break
        parsed = _to_datetime(raw, fmt, kind, aware_ok="%z" in fmt)
        result = result.where(pd.notna(result), parsed)
    return result


def _strict_iso(values: pa.Array | pa.ChunkedArray, kind: DateKind) -> pa.Array | None:
    """Arrow's own strict ISO parsing when every value is canonical ISO 8601, else None.

    The shape of every Amazon export: ``2026-07-10T14:22:11+00:00`` timestamps with an offset and
    ``2026-07-10`` dates. Arrow's casts reject impossible dates (30 February) and partial matches, so
    whatever they accept the general path would read the same; anything else goes the general way.
    """
    try:
        if kind == "timestamp":  # an offset is required here; without one the general path assumes UTC
            return pc.cast(values, pa.timestamp(_UNIT, tz="UTC"))
        try:
            return pc.cast(pc.cast(values, pa.date32()), pa.timestamp(_UNIT))
        except pa.ArrowInvalid:
            pc.cast(values, pa.timestamp(_UNIT, tz="UTC"))  # full timestamps: keep the date as written
            day = pc.utf8_slice_codeunits(values, 0, 10)
            return pc.cast(pc.cast(day, pa.date32()), pa.timestamp(_UNIT))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


def parse_dates(
    values: pa.Array | pa.ChunkedArray, kind: DateKind, override: str | None = None
) -> tuple[pa.Array, npt.NDArray[np.bool_]]:
    """Parse a string array (nulls = blank) into timestamps; also return which non-blank cells failed.

    ``kind='timestamp'`` gives ``timestamp[us, UTC]``, ``kind='date'`` gives naive ``timestamp[us]``.
    """
    if override is None:
        strict = _strict_iso(values, kind)
        if strict is not None:
            return strict, np.zeros(len(values), dtype=bool)
    return parse_by_pattern(values, kind, override)


def parse_by_pattern(
    values: pa.Array | pa.ChunkedArray, kind: DateKind, override: str | None = None
) -> tuple[pa.Array, npt.NDArray[np.bool_]]:
    """The general path of :func:`parse_dates`: every value matched to a shape of DATE_PATTERNS."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    n = len(values)
    out = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    pending = np.asarray(values.is_valid().to_numpy(zero_copy_only=False), dtype=bool).copy()
    patterns = (DatePattern("override", r".*", (override,), ""),) if override else DATE_PATTERNS
    for pattern in patterns:
        if not pending.any():
            break
        if override:
            mask = pending.copy()
        else:
            hit = pc.match_substring_regex(values, pattern.regex).fill_null(False)
            mask = pending & np.asarray(hit.to_numpy(zero_copy_only=False), dtype=bool)
        if not mask.any():
            continue
        idx = np.flatnonzero(mask)
        parsed = _parse_subset(values.take(pa.array(idx)), pattern, kind, override)
        ok = ~np.asarray(parsed.isna())
        out[idx[ok]] = _as_micros(parsed)[ok]
        pending[idx[ok]] = False
    bad = pending
    valid = out != np.iinfo(np.int64).min
    arrow_type = pa.timestamp(_UNIT, tz="UTC") if kind == "timestamp" else pa.timestamp(_UNIT)
    array = pa.array(out, type=pa.int64(), mask=~valid).cast(arrow_type)
    return array, bad
