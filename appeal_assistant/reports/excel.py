"""Reading XLSX workbooks (openpyxl, read-only, streamed row by row): every non-empty sheet is a table.

Cells are turned into the same text the delimited readers produce (dates in ISO form, whole numbers
without a decimal point), so one converter types both. Only the planned columns of each row are kept;
the rest of the row, buyer personal data included, is dropped as soon as it is read.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

import numpy as np
import pyarrow as pa

from appeal_assistant.errors import ReportFileError
from appeal_assistant.reports.convert import FrameBuilder
from appeal_assistant.reports.detect import ReadPlan, best_header_score
from appeal_assistant.reports.mapping import ColumnMapping
from appeal_assistant.reports.sniff import Source

__all__ = ["Sheet", "cell_text", "feed_rows", "iter_sheets"]

_HEADER_ROWS = 10
_CHUNK_ROWS = 65_536
_EXACT_INT = 2**53


@dataclass
class Sheet:
    title: str
    header_row: int
    headers: list[str]
    rows: Iterator[tuple[int, tuple[object, ...]]]


def cell_text(value: object) -> str | None:
    """A cell as the text a delimited export would hold."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < _EXACT_INT:
        return str(int(value))
    return str(value)


def iter_sheets(source: Source, mapping: ColumnMapping | None) -> Iterator[Sheet]:
    """Each non-empty sheet with its header row found (the best-matching of the first rows)."""
    import openpyxl  # only needed for spreadsheets
    from openpyxl.utils.exceptions import InvalidFileException

    with source.open() as fh:
        target: str | io.BytesIO = source.path if source.path is not None else io.BytesIO(fh.read())
        try:
            book = openpyxl.load_workbook(target, read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise ReportFileError(
                f"{source.name}: cannot be opened as an .xlsx workbook ({exc}); save it "
                "again from the spreadsheet program",
                path=source.name,
            ) from exc
        try:
            for sheet in book.worksheets:
                rows = enumerate(sheet.iter_rows(values_only=True), start=1)
                head: list[tuple[int, tuple[object, ...]]] = []
                for number, values in rows:
                    if any(cell_text(v) not in (None, "") for v in values):
                        head.append((number, values))
                    if len(head) >= _HEADER_ROWS:
                        break
                if not head:
                    continue
                scored = [
                    (best_header_score([cell_text(v) or "" for v in values], mapping), i)
                    for i, (_, values) in enumerate(head)
                ]
                best_score, best = max(scored, key=lambda s: (s[0], -s[1]))
                pick = best if best_score else 0
                header_row, header_values = head[pick]
                headers = [cell_text(v) or "" for v in header_values]
                yield Sheet(sheet.title, header_row, headers, _chain(head[pick + 1 :], rows))
        finally:
            book.close()


def _chain(
    buffered: list[tuple[int, tuple[object, ...]]], rest: Iterator[tuple[int, tuple[object, ...]]]
) -> Iterator[tuple[int, tuple[object, ...]]]:
    yield from buffered
    yield from rest


def feed_rows(sheet: Sheet, plan: ReadPlan, builder: FrameBuilder) -> None:
    """Stream a sheet's rows into the builder, keeping only the planned columns."""
    indices = plan.indices
    columns: list[list[str | None]] = [[] for _ in indices]
    numbers: list[int] = []

    def flush() -> None:
        if numbers:
            builder.add(
                [pa.array(c, type=pa.large_string()) for c in columns], np.array(numbers, dtype=np.int64)
            )
            for c in columns:
                c.clear()
            numbers.clear()

    for number, values in sheet.rows:
        if not any(v is not None and v != "" for v in values):
            continue
        for column, index in zip(columns, indices, strict=True):
            column.append(cell_text(values[index]) if index < len(values) else None)
        numbers.append(number)
        if len(numbers) >= _CHUNK_ROWS:
            flush()
    flush()
