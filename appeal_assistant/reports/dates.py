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
    # Amazon.de's feedback export writes 10.07.25 (the Airbyte Amazon connector's per-marketplace date
    # formats: https://github.com/airbytehq/airbyte, source-amazon-seller-partner)
    DatePattern("dotted_dmy_short", r"^\d{1,2}\.\d{1,2}\.\d{2}$", ("%d.%m.%y",), "10.07.25"),
    DatePattern(
        "dotted_dmy_time",
        r"^\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}:\d{2}(:\d{2})?$",
        ("%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M"),
        "10.07.2025 00:48:55 UTC",
    ),
    # Amazon's EU/IN help pages document the returns download with DD-MM-YYYY dates
    DatePattern("dmy_dash", r"^\d{1,2}-\d{1,2}-\d{4}$", ("%d-%m-%Y",), "10-07-2025"),
    DatePattern(
        "mon_day_comma_time",
        r"^[A-Za-z]{3,9}\.? \d{1,2}, \d{4},? \d{1,2}:\d{2}(:\d{2})? ?[AaPp][Mm]$",
        ("%b %d, %Y %I:%M:%S %p", "%b %d, %Y %I:%M %p", "%B %d, %Y %I:%M:%S %p", "%b %d, %Y, %I:%M:%S %p"),
        "Jul 10, 2025 6:55:24 AM PDT",
    ),
    DatePattern("iso_slash", r"^\d{4}/\d{1,2}/\d{1,2}$", ("%Y/%m/%d",), "2026/07/10"),
    # helpdesk and spreadsheet exports with a time
    DatePattern(
        "iso_slash_time",
        r"^\d{4}/\d{1,2}/\d{1,2} \d{1,2}:\d{2}(:\d{2})?$",
        ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"),
        "2026/07/10 14:22:11",
    ),
    DatePattern(
        "day_mon_space_time",
        r"^\d{1,2} [A-Za-z]{3,9} \d{4},? \d{1,2}:\d{2}(:\d{2})?$",
        ("%d %b %Y %H:%M:%S", "%d %b %Y %H:%M", "%d %B %Y %H:%M:%S", "%d %B %Y %H:%M", "%d %b %Y, %H:%M"),
        "10 Jul 2025 14:22",
    ),
)

#: Patterns whose first two numbers are month and day in one order or the other. A column is read in
#: one order throughout: the pattern's own, unless the column holds a value only the other order can
#: read (a first number above 12 for month-first, a second above 12 for day-first) and none the other
#: way round; then the formats are read with day and month swapped. A trailing zone abbreviation
#: (ZONE_OFFSETS) is taken off first and, in a timestamp column, sets the offset.
_NUMERIC_DM = {"us_slash", "us_slash_short", "us_slash_time", "dmy_dash"}
_LEADING_PAIR = r"^(?P<a>\d{1,2})[/-](?P<b>\d{1,2})[/-]"


def _swap_day_month(fmt: str) -> str:
    return fmt.replace("%m", "\0").replace("%d", "%m").replace("\0", "%d")


#: Time-zone abbreviations seen after report timestamps ("6:55:24 AM PDT"), as hours from UTC.
ZONE_OFFSETS: dict[str, float] = {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "IST": 5.5,
    "JST": 9, "AEST": 10, "AEDT": 11, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
    "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10,
}  # fmt: skip
_ZONE_SUFFIX = (
    r"^(?P<body>.*?(?:\d|[AaPp][Mm]))\s+(?P<zone>"
    + "|".join(sorted(ZONE_OFFSETS, key=len, reverse=True))
    + r")$"
)

_ISO_DATE_PREFIX = r"^(?P<d>\d{4}-\d{1,2}-\d{1,2})"

#: Month names and abbreviations in the languages of the European marketplaces (French, German,
#: Spanish, Italian, Dutch, Swedish), lower-case and without a trailing dot, as month numbers. Localised
#: exports write "15-janv.-25", "15 juil. 2025" or "15. März 2025"; the name is put into English before
#: the shapes below are tried. Names are the Unicode CLDR month names (https://cldr.unicode.org/, the
#: data behind each platform's locale formats); a name that means the same month in English is left out.
LOCAL_MONTHS: dict[str, int] = {
    # French
    "janv": 1, "janvier": 1, "févr": 2, "fevr": 2, "février": 2, "fevrier": 2, "mars": 3, "avr": 4,
    "avril": 4, "mai": 5, "juin": 6, "juil": 7, "juillet": 7, "août": 8, "aout": 8, "sept": 9,
    "septembre": 9, "octobre": 10, "novembre": 11, "déc": 12, "décembre": 12, "decembre": 12,
    # German
    "jän": 1, "januar": 1, "februar": 2, "mär": 3, "märz": 3, "maerz": 3, "juni": 6, "juli": 7, "okt": 10,
    "oktober": 10, "dez": 12, "dezember": 12,
    # Spanish
    "ene": 1, "enero": 1, "febrero": 2, "marzo": 3, "abr": 4, "abril": 4, "mayo": 5, "junio": 6,
    "julio": 7, "ago": 8, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "dic": 12, "diciembre": 12,
    # Italian
    "gen": 1, "gennaio": 1, "febbraio": 2, "mag": 5, "maggio": 5, "giu": 6, "giugno": 6, "lug": 7,
    "luglio": 7, "set": 9, "settembre": 9, "ott": 10, "ottobre": 10, "dicembre": 12,
    # Dutch
    "januari": 1, "februari": 2, "mrt": 3, "maart": 3, "mei": 5, "augustus": 8,
    # Swedish
    "maj": 5, "augusti": 8,
}  # fmt: skip
_MONTH_ABBR = np.array(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])
#: The first word of a value, with what comes before and after it ("15. " "März" " 2025").
_FIRST_WORD = r"^(?P<pre>[^\pL]*?)(?P<dot>\.?\s*)(?P<word>\pL+)\.?(?P<post>.*)$"


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


def _strip_zones(values: pa.Array) -> tuple[pa.Array, npt.NDArray[np.float64]]:
    """Values without a trailing zone abbreviation ("... AM PDT", "... 00:48:55 UTC"), and the zones'
    offsets in hours (0 where there was none)."""
    parts = pc.extract_regex(values, _ZONE_SUFFIX)
    found = np.asarray(parts.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    if not found.any():
        return values, np.zeros(len(values), dtype=np.float64)
    body = pc.if_else(parts.is_valid(), parts.field("body"), values)
    zones = pd.Series(parts.field("zone").to_numpy(zero_copy_only=False), dtype=object)
    hours = zones.map(ZONE_OFFSETS).fillna(0.0).to_numpy(dtype=np.float64)
    return body, np.where(found, hours, 0.0)


def _english_months(values: pa.Array) -> pa.Array:
    """Values whose first word is a localised month name (LOCAL_MONTHS), with it put in English."""
    parts = pc.extract_regex(values, _FIRST_WORD)
    words = parts.field("word")
    if not pc.any(words.is_valid()).as_py():
        return values
    lower = pd.Series(pc.utf8_lower(words).to_numpy(zero_copy_only=False), dtype=object)
    months = lower.map(LOCAL_MONTHS)
    found = months.notna().to_numpy()
    if not found.any():
        return values
    number = months.fillna(1).to_numpy(dtype=np.int64)
    english = pa.array(_MONTH_ABBR[number - 1], type=values.type, mask=~found)
    space, empty = pa.scalar(" ", values.type), pa.scalar("", values.type)
    pre = pc.utf8_rtrim(parts.field("pre"), characters=".")
    spaced = pc.if_else(pc.equal(parts.field("dot"), ""), pre, pc.binary_join_element_wise(pre, space, empty))
    rebuilt = pc.binary_join_element_wise(spaced, english, parts.field("post"), empty)
    return pc.if_else(pa.array(found), rebuilt, values)


def _column_patterns(values: pa.Array) -> tuple[DatePattern, ...]:
    """DATE_PATTERNS with the numeric month/day shapes read in the one order this column's values allow."""
    pair = pc.extract_regex(values, _LEADING_PAIR)
    pair = pair.filter(pair.is_valid())
    if not len(pair):
        return DATE_PATTERNS
    first = pc.cast(pair.field("a"), pa.int32()).to_numpy(zero_copy_only=False)
    second = pc.cast(pair.field("b"), pa.int32()).to_numpy(zero_copy_only=False)
    first_over, second_over = bool((first > 12).any()), bool((second > 12).any())
    out: list[DatePattern] = []
    for pattern in DATE_PATTERNS:
        month_first = pattern.formats[0].find("%m") < pattern.formats[0].find("%d")
        swap = pattern.name in _NUMERIC_DM and (
            (month_first and first_over and not second_over)
            or (not month_first and second_over and not first_over)
        )
        if swap:
            pattern = DatePattern(
                pattern.name,
                pattern.regex,
                tuple(_swap_day_month(f) for f in pattern.formats),
                pattern.example,
            )
        out.append(pattern)
    return tuple(out)


def parse_by_pattern(
    values: pa.Array | pa.ChunkedArray, kind: DateKind, override: str | None = None
) -> tuple[pa.Array, npt.NDArray[np.bool_]]:
    """The general path of :func:`parse_dates`: every value matched to a shape of DATE_PATTERNS."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    n = len(values)
    out = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    pending = np.asarray(values.is_valid().to_numpy(zero_copy_only=False), dtype=bool).copy()
    zone_hours = np.zeros(n, dtype=np.float64)
    if not override:
        values, zone_hours = _strip_zones(values)
        values = _english_months(values)
    patterns = (DatePattern("override", r".*", (override,), ""),) if override else _column_patterns(values)
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
        micros = _as_micros(parsed)
        if kind == "timestamp":  # a wall-clock time with a zone: UTC is that time minus the zone's offset
            micros = micros - (zone_hours[idx] * 3_600_000_000).astype(np.int64)
        out[idx[ok]] = micros[ok]
        pending[idx[ok]] = False
    bad = pending
    valid = out != np.iinfo(np.int64).min
    arrow_type = pa.timestamp(_UNIT, tz="UTC") if kind == "timestamp" else pa.timestamp(_UNIT)
    array = pa.array(out, type=pa.int64(), mask=~valid).cast(arrow_type)
    return array, bad
