"""Reading delimited text: a fast streaming pyarrow path, and a forgiving path for odd files.

The fast path streams the file in 1 MiB blocks with pyarrow's multithreaded CSV reader and converts
only the planned columns (``include_columns``): buyer personal data columns are tokenised but never
materialised. Any surprise (a row with too many or too few fields, bytes that are not in the encoding)
sends the file down the forgiving path instead: Python's csv module, streamed in chunks, which trims
empty trailing fields, rejects rows of the wrong width with their row numbers, and reads the rest.
Row numbers count records from the header (header = its line number, 1 for most files; blank lines
are not counted).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from appeal_assistant.errors import ReportFileError
from appeal_assistant.reports.convert import FrameBuilder
from appeal_assistant.reports.detect import ReadPlan
from appeal_assistant.reports.sniff import Source, TextLayout

__all__ = ["read_delimited"]

#: pyarrow's streaming reader reads a bounded number of blocks ahead, so the block size bounds that
#: buffer (about 40 MB measured with 1 MiB blocks, against the whole of a 255 MB file with 16 MiB blocks);
#: blocks are typed in groups of about CHUNK_ROWS rows to keep the per-call overhead low.
BLOCK_BYTES = 1 << 20
CHUNK_ROWS = 65_536
#: Files on disk up to this size are read whole by pyarrow's parallel reader (blocks parsed on every
#: core at once; the table holds only the planned columns); larger files and archive members stream.
WHOLE_FILE_BYTES = 768 << 20
WHOLE_BLOCK_BYTES = 8 << 20
WHOLE_CHUNK_ROWS = 1 << 20
_FIELD_LIMIT = 16 << 20
_WRONG_SHAPE_SHARE = 0.5


def _fast(source: Source, layout: TextLayout, plan: ReadPlan, builder: FrameBuilder, encoding: str) -> None:
    names = [f"c{i}" for i in range(len(layout.headers))]
    wanted = [names[i] for i in plan.indices]
    whole_file = source.path is not None and source.size is not None and source.size <= WHOLE_FILE_BYTES
    read_options = pacsv.ReadOptions(
        column_names=names,
        skip_rows=layout.header_line + 1,
        encoding=encoding,
        block_size=WHOLE_BLOCK_BYTES if whole_file else BLOCK_BYTES,
        use_threads=True,
    )
    parse_options = pacsv.ParseOptions(
        delimiter=layout.delimiter, quote_char='"', double_quote=True, newlines_in_values=True
    )
    convert_options = pacsv.ConvertOptions(
        include_columns=wanted,
        column_types={n: pa.large_string() for n in wanted},
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
        null_values=[""],
    )
    first_row = layout.header_line + 2
    group: list[pa.RecordBatch] = []

    def flush() -> None:
        nonlocal first_row
        table = pa.Table.from_batches(group)
        rows = np.arange(first_row, first_row + table.num_rows, dtype=np.int64)
        first_row += table.num_rows
        builder.add([table.column(n).combine_chunks() for n in wanted], rows)
        group.clear()

    if whole_file:
        whole = pacsv.read_csv(
            source.path,
            read_options=read_options,
            parse_options=parse_options,
            convert_options=convert_options,
        )
        for start in range(0, whole.num_rows, WHOLE_CHUNK_ROWS):
            group.extend(whole.slice(start, WHOLE_CHUNK_ROWS).to_batches())
            flush()
        return
    with _input(source) as stream:
        reader = pacsv.open_csv(
            stream, read_options=read_options, parse_options=parse_options, convert_options=convert_options
        )
        pending = 0
        for batch in reader:
            group.append(batch)
            pending += batch.num_rows
            if pending >= CHUNK_ROWS:
                flush()
                pending = 0
        if group:
            flush()


@contextmanager
def _input(source: Source) -> Iterator[str | io.BufferedIOBase]:
    if source.path is not None:
        yield source.path
        return
    with source.open() as fh:
        yield fh  # type: ignore[misc]


def _robust(source: Source, layout: TextLayout, plan: ReadPlan, builder: FrameBuilder, encoding: str) -> None:
    width = len(layout.headers)
    indices = plan.indices
    row_number = layout.header_line + 1
    wrong: list[tuple[int, int, int]] = []
    total = 0
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

    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, _FIELD_LIMIT))
    try:
        with source.open() as raw:
            text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
            for _ in range(layout.header_line + 1):
                text.readline()
            reader = csv.reader(
                text, delimiter=layout.delimiter, quotechar='"', doublequote=True, strict=False
            )
            try:
                lines_before = 0
                for record in reader:
                    spanned, lines_before = reader.line_num - lines_before, reader.line_num
                    if not record:
                        continue
                    row_number += 1
                    total += 1
                    if len(record) > width and not any(f.strip() for f in record[width:]):
                        record = record[:width]
                    if len(record) != width:
                        wrong.append((row_number, len(record), spanned))
                        continue
                    for column, index in zip(columns, indices, strict=True):
                        column.append(record[index])
                    numbers.append(row_number)
                    if len(numbers) >= CHUNK_ROWS:
                        flush()
            except csv.Error as exc:
                raise ReportFileError(
                    f"{source.name}: row {row_number + 1} cannot be read ({exc}); a field may "
                    "open a quote that never closes",
                    path=source.name,
                    row=row_number + 1,
                ) from exc
            flush()
    finally:
        csv.field_size_limit(old_limit)
    if wrong and (len(wrong) == total or len(wrong) > _WRONG_SHAPE_SHARE * total):
        first_row, fields, _ = wrong[0]
        raise ReportFileError(
            f"{source.name}: {len(wrong)} of {total} rows do not have the header's {width} fields "
            f"(row {first_row} has {fields}); the header is {layout.delimiter_name}-separated: "
            "check the delimiter",
            path=source.name,
            row=first_row,
        )
    builder.reject_shape(wrong, width)


def read_delimited(
    source: Source, layout: TextLayout, plan: ReadPlan, new_builder: Callable[[], FrameBuilder]
) -> tuple[FrameBuilder, bool]:
    """Read a delimited file into a builder; also say whether the forgiving path was needed."""
    encoding = layout.encoding
    if not layout.ragged:
        try:
            builder = new_builder()
            _fast(source, layout, plan, builder, layout.arrow_encoding)
            return builder, False
        except UnicodeDecodeError:
            pass  # a byte the head's encoding lacks: the forgiving path replaces it
        except pa.ArrowInvalid as exc:
            if "UTF8" in str(exc) and layout.ascii_head:  # an ASCII head hid a Windows-1252 file
                encoding = "cp1252"
                try:
                    builder = new_builder()
                    _fast(source, layout, plan, builder, encoding)
                    return builder, False
                except (pa.ArrowInvalid, UnicodeDecodeError):
                    pass
    builder = new_builder()
    _robust(source, layout, plan, builder, encoding)
    return builder, True
