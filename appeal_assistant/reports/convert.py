"""Typed columns from text cells, batch by batch, with every unreadable cell counted by file, row and column.

Cells arrive as Arrow string arrays (already restricted to the planned columns, so buyer personal data
never gets here). Each batch is trimmed, typed with vectorised Arrow and pandas calls, filtered (rows
without a required value are rejected) and kept as a small typed Arrow table; ``finish`` joins them once
into the canonical DataFrame.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from appeal_assistant.privacy import scrub_text
from appeal_assistant.reports.columns import (
    CHANNEL_VALUES,
    FALSE_VALUES,
    TRUE_VALUES,
    ColumnSpec,
    ColumnType,
    KindSpec,
)
from appeal_assistant.reports.dates import parse_dates
from appeal_assistant.reports.detect import ReadPlan

__all__ = ["FrameBuilder", "arrow_type", "empty_frame"]

_SHOWN_ROWS = 5
_TEXT = pa.large_string()
_NULL_STR = pa.scalar(None, _TEXT)
_NUMBER_OK = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"
_DECIMAL_COMMA = r"^[+-]?\d{1,3}(\.\d{3})*,\d+$|^[+-]?\d+,\d{1,2}$"
_THOUSANDS = r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$"
_CURRENCY = r"[\s$€£¥]|^[A-Z]{3}|[A-Z]{3}$"

_ARROW_TYPES: dict[ColumnType, pa.DataType] = {
    "id": _TEXT,
    "str": _TEXT,
    "text": _TEXT,
    "number": pa.float64(),
    "flag": pa.bool_(),
    "tristate": pa.bool_(),
    "timestamp": pa.timestamp("us", tz="UTC"),
    "date": pa.timestamp("us"),
}


def arrow_type(column: ColumnSpec) -> pa.DataType:
    return _ARROW_TYPES[column.type]


def _mask(array: pa.Array) -> npt.NDArray[np.bool_]:
    return np.asarray(array.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


def parse_numbers(values: pa.Array) -> tuple[pa.Array, npt.NDArray[np.bool_]]:
    """Floats from text; tolerates currency signs, thousands separators and decimal commas."""
    try:
        return pc.cast(values, pa.float64()), np.zeros(len(values), dtype=bool)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    cleaned = pc.replace_substring_regex(values, _CURRENCY, "")
    comma = pc.match_substring_regex(cleaned, _DECIMAL_COMMA).fill_null(False)
    thousands = pc.match_substring_regex(cleaned, _THOUSANDS).fill_null(False)
    european = pc.replace_substring(pc.replace_substring(cleaned, ".", ""), ",", ".")
    cleaned = pc.if_else(
        comma, european, pc.if_else(thousands, pc.replace_substring(cleaned, ",", ""), cleaned)
    )
    ok = pc.match_substring_regex(cleaned, _NUMBER_OK).fill_null(False)
    numbers = pc.cast(pc.if_else(ok, cleaned, _NULL_STR), pa.float64())
    return numbers, _mask(values.is_valid()) & ~_mask(ok)


def parse_flags(values: pa.Array) -> tuple[pa.Array, npt.NDArray[np.bool_]]:
    """Booleans from yes/no spellings; anything else is unreadable."""
    lower = pc.utf8_lower(values)
    yes = pc.is_in(lower, pa.array(sorted(TRUE_VALUES)))
    no = pc.is_in(lower, pa.array(sorted(FALSE_VALUES)))
    out = pc.if_else(yes, True, pc.if_else(no, False, pa.scalar(None, pa.bool_())))
    return out, _mask(values.is_valid()) & ~_mask(yes) & ~_mask(no)


_REJECTED = "rejected"
_KEPT = "kept with the value left empty"
_SKIPPED = "skipped"


@dataclass
class _Issue:
    header: str
    what: str
    outcome: str
    count: int = 0
    rows: list[int] = field(default_factory=list)
    example: str | None = None
    note: str = ""

    def add(self, rows: npt.NDArray[np.int64], example: str | None) -> None:
        self.count += len(rows)
        room = _SHOWN_ROWS - len(self.rows)
        if room > 0:
            self.rows.extend(int(r) for r in rows[:room])
        if self.example is None:
            self.example = example

    def message(self, name: str) -> str:
        rows = ", ".join(str(r) for r in self.rows) + (", ..." if self.count > len(self.rows) else "")
        noun = "row" if self.count == 1 else "rows"
        eg = f"; e.g. {self.example!r}" if self.example is not None else self.note
        return f"{name}: {self.count} {noun} {self.what} ({noun} {rows}{eg}); {self.outcome}"


class FrameBuilder:
    """Collects typed batches of one file and reports what could not be read."""

    def __init__(self, name: str, plan: ReadPlan, date_formats: Mapping[str, str] | None = None) -> None:
        self.name = name
        self.plan = plan
        self.date_formats = dict(date_formats or {})
        self.pieces: list[pa.Table] = []
        self.issues: dict[tuple[str, str], _Issue] = {}
        self.rejected = 0
        self.rows_seen = 0

    def _issue(self, header: str, what: str, outcome: str) -> _Issue:
        return self.issues.setdefault((header, what), _Issue(header, what, outcome))

    def reject_shape(self, rows: list[tuple[int, int, int]], expected: int) -> None:
        """Rows (row, fields, lines spanned) whose field count differs from the header's: rejected."""
        if not rows:
            return
        issue = self._issue("", f"without the header's {expected} fields", _REJECTED)
        issue.add(np.array([r for r, _, _ in rows], dtype=np.int64), None)
        row, fields, _ = rows[0]
        issue.note = f"; row {row} has {fields}"
        spanning = [r for r, _, n in rows if n > 1]
        if spanning:
            issue.note += f"; row {spanning[0]} runs over several lines: a quote may be left open"
        self.rejected += len(rows)
        self.rows_seen += len(rows)

    def add(self, columns: list[pa.Array] | list[pa.ChunkedArray], rows: npt.NDArray[np.int64]) -> None:
        """Type one batch; ``columns`` (arrays or chunked arrays) follow ``plan.columns``, ``rows`` are the
        file's row numbers."""
        n = len(rows)
        cleaned: list[pa.Array] = []
        present = np.zeros(n, dtype=bool)
        for array in columns:
            text = pc.utf8_trim_whitespace(array.cast(_TEXT))
            blank = pc.equal(pc.binary_length(text), 0)  # from the offsets: no string comparison
            if pc.any(blank).as_py():  # whitespace-only cells (empty ones arrive as null already)
                text = pc.if_else(blank, _NULL_STR, text)
            cleaned.append(text)
            present |= _mask(text.is_valid())
        if not present.all():
            self._issue("", "with no values", _SKIPPED).add(rows[~present], None)
        reject = np.zeros(n, dtype=bool)
        typed: dict[str, pa.Array] = {}
        optional_bad: list[tuple[str, npt.NDArray[np.bool_], pa.Array]] = []
        for match, text in zip(self.plan.columns, cleaned, strict=True):
            col = match.column
            array, bad = self._typed(col, text)
            bad &= present
            typed[col.name] = array
            if col.need != "row":
                optional_bad.append((match.header, bad, text))
                continue
            missing = present & ~_mask(text.is_valid())
            self._record(match.header, f"with an unreadable {match.header!r}", _REJECTED, bad, rows, text)
            self._record(match.header, f"with no {match.header!r}", _REJECTED, missing, rows, None)
            reject |= bad | missing
        keep = present & ~reject
        for header, bad, text in optional_bad:  # only rows that stay are worth a warning
            self._record(header, f"with an unreadable {header!r}", _KEPT, bad & keep, rows, text)
        self.rejected += int((present & reject).sum())
        self.rows_seen += int(present.sum())
        piece = pa.table(typed)
        self.pieces.append(piece if keep.all() else piece.filter(pa.array(keep)))

    def _record(
        self,
        header: str,
        what: str,
        outcome: str,
        mask: npt.NDArray[np.bool_],
        rows: npt.NDArray[np.int64],
        text: pa.Array | None,
    ) -> None:
        if not mask.any():
            return
        example = text.filter(pa.array(mask))[0].as_py() if text is not None else None
        self._issue(header, what, outcome).add(rows[mask], example)

    def _typed(self, col: ColumnSpec, text: pa.Array) -> tuple[pa.Array, npt.NDArray[np.bool_]]:
        if col.type == "number":
            return parse_numbers(text)
        if col.type in ("flag", "tristate"):
            return parse_flags(text)
        if col.type in ("date", "timestamp"):
            return parse_dates(
                text, "date" if col.type == "date" else "timestamp", self.date_formats.get(col.name)
            )
        return text, np.zeros(len(text), dtype=bool)

    def warnings(self) -> list[str]:
        issues = sorted(self.issues.values(), key=lambda i: (i.outcome == _SKIPPED, -i.count))
        return [i.message(self.name) for i in issues]

    def finish(self) -> tuple[pd.DataFrame, list[str]]:
        """The canonical DataFrame of every accepted row, and the file's warnings."""
        table = pa.concat_tables(self.pieces) if self.pieces else None
        self.pieces = []
        frame = _to_frame(self.plan.spec, table)
        warnings = self.warnings()
        if self.plan.spec.channel_from:
            warnings += _channel_warning(frame, self.plan, self.name)
        return frame, warnings


def _channel(raw: pa.ChunkedArray | pa.Array) -> pa.Array:
    keys = pa.array(list(CHANNEL_VALUES), _TEXT)
    values = pa.array(list(CHANNEL_VALUES.values()), _TEXT)
    index = pc.index_in(pc.utf8_lower(raw), value_set=keys)
    return pc.take(values, index)


def _to_frame(spec: KindSpec, source: pa.Table | None) -> pd.DataFrame:
    n = source.num_rows if source is not None else 0
    arrays: dict[str, pa.Array | pa.ChunkedArray] = {}
    for col in spec.columns:
        if source is not None and col.name in source.column_names:
            array: pa.Array | pa.ChunkedArray = source[col.name]
        else:
            array = pa.nulls(n, arrow_type(col))
        if col.type == "flag":
            array = array.fill_null(False)
        arrays[col.name] = array
    if spec.channel_from:
        arrays["channel"] = _channel(arrays[spec.channel_from])
    frame: pd.DataFrame = pa.table(arrays).to_pandas()
    for col in spec.columns:
        if col.type == "tristate":  # object: True, False or None (unknown)
            values = frame[col.name].astype(object)
            frame[col.name] = values.where(values.notna(), None)
        elif col.type == "text" and n:
            frame[col.name] = _scrub(frame[col.name])
    return frame


#: A cell can hold an e-mail only with an "@", a phone number only with 7 or more digits (privacy.py);
#: the others are left as they are without a Python call each.
_MAYBE_CONTACT_DIGITS = 7


def _scrub(series: pd.Series) -> pd.Series:
    text = pa.array(series.astype(object).where(series.notna(), None).tolist(), type=_TEXT)
    suspect = pc.or_(
        pc.match_substring(text, "@"),
        pc.greater_equal(pc.count_substring_regex(text, r"\p{Nd}"), _MAYBE_CONTACT_DIGITS),
    )
    rows = np.flatnonzero(_mask(suspect))
    if not len(rows):
        return series.astype("str")
    values = series.astype(object).to_numpy(copy=True)
    values[rows] = [scrub_text(v) for v in values[rows]]
    return pd.Series(values, index=series.index, dtype="str")


def _channel_warning(frame: pd.DataFrame, plan: ReadPlan, name: str) -> list[str]:
    source = plan.spec.channel_from or ""
    raw = frame[source]
    unknown = raw.notna() & frame["channel"].isna()
    if not unknown.any():
        return []
    header = next((m.header for m in plan.columns if m.column.name == source), source)
    example = raw[unknown].iloc[0]
    return [
        f"{name}: {int(unknown.sum())} rows with an unrecognised {header!r} (e.g. {example!r}); "
        "their channel is left empty"
    ]


def empty_frame(spec: KindSpec) -> pd.DataFrame:
    """A frame with a kind's canonical columns and dtypes and no rows."""
    return _to_frame(spec, None)
