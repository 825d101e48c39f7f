"""First look at a file: container (text, XLSX, zip, JSON), encoding, delimiter and the header line.

Only the first :data:`HEAD_BYTES` are examined. Encodings: a BOM decides (UTF-8, UTF-16 LE/BE); else
UTF-8 when the head decodes as UTF-8, else Windows-1252. NUL bytes without a UTF-16 shape, or many
control characters, mean binary data. The header is the line among the first few that best matches a
known report (preamble lines such as a title or a blank line are skipped); the delimiter is the one of
tab, comma, semicolon and pipe that splits that line into known columns.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import BinaryIO, Literal

from appeal_assistant.errors import ReportFileError
from appeal_assistant.reports.detect import best_header_score
from appeal_assistant.reports.mapping import ColumnMapping

__all__ = [
    "HEAD_BYTES",
    "Container",
    "Source",
    "TextLayout",
    "container_of",
    "decode_head",
    "is_workbook",
    "text_layout",
]

HEAD_BYTES = 1 << 20
_HEADER_LINES = 10
_SAMPLE_ROWS = 200
_DELIMITERS = ("\t", ",", ";", "|")
_DELIMITER_NAMES = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}
_CONTROL_SHARE = 0.005
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")
_NEWLINE = re.compile(r"\r\n|\r|\n")  # the line ends pyarrow's CSV reader knows

Container = Literal["text", "zip", "json", "xls", "pdf"]


@dataclass(frozen=True)
class Source:
    """One readable thing: a file on disk or a member of an archive, with a name to show the user."""

    name: str
    open: Callable[[], AbstractContextManager[BinaryIO]]
    path: str | None = None
    size: int | None = None

    def head(self) -> bytes:
        with self.open() as fh:
            return fh.read(HEAD_BYTES)


@dataclass(frozen=True)
class TextLayout:
    encoding: str
    delimiter: str
    header_line: int
    headers: list[str]
    ragged: bool
    ascii_head: bool = False

    @property
    def arrow_encoding(self) -> str:
        return "utf8" if self.encoding in ("utf-8", "utf-8-sig") else self.encoding

    @property
    def delimiter_name(self) -> str:
        return _DELIMITER_NAMES[self.delimiter]


def container_of(head: bytes) -> Container:
    """What kind of file the first bytes announce."""
    if head.startswith(b"PK\x03\x04"):
        return "zip"  # an .xlsx is a zip too: see is_workbook
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if head.startswith(b"%PDF"):
        return "pdf"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        return "json"
    return "text"


def is_workbook(source: Source) -> bool:
    """Whether a zip-shaped source is an Office Open XML workbook (.xlsx) rather than an archive."""
    with source.open() as fh:
        target = source.path if source.path is not None else io.BytesIO(fh.read())
        try:
            with zipfile.ZipFile(target) as zf:
                return "xl/workbook.xml" in zf.namelist()
        except zipfile.BadZipFile:
            return False


def _encoding(head: bytes, name: str) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        even, odd = head[0::2], head[1::2]
        if odd and odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
            return "utf-16-le"
        if even and even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
            return "utf-16-be"
        raise ReportFileError(
            f"{name}: is binary data, not a text report (it holds NUL bytes); export the "
            "report as tab- or comma-separated text or .xlsx",
            path=name,
        )
    for encoding in ("utf-8", "cp1252"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
            return encoding
        except UnicodeDecodeError:
            continue
    return "latin-1"  # ISO-8859-1 maps every byte; Windows-1252 leaves five undefined


def decode_head(head: bytes, name: str, complete: bool) -> tuple[str, str]:
    """The encoding and the decoded text of a file's head; binary data raises ReportFileError."""
    if not head.strip(b"\xef\xbb\xbf\xff\xfe \t\r\n\x00"):
        raise ReportFileError(f"{name}: is empty; download the report again", path=name)
    encoding = _encoding(head, name)
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head, final=complete)
    text = text.lstrip("\ufeff")
    controls = len(_CONTROL.findall(text))
    if controls > max(2, _CONTROL_SHARE * len(text)):
        raise ReportFileError(
            f"{name}: is binary data, not a text report ({controls} control characters in its first part)",
            path=name,
        )
    return encoding, text


def _split(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter, quotechar='"'), [])


def _lines(text: str, complete: bool) -> list[str]:
    lines = _NEWLINE.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    if not complete and len(lines) > 1:
        lines = lines[:-1]  # the head may end mid-line
    return lines


def _rows(lines: list[str], delimiter: str) -> Iterator[list[str]]:
    return csv.reader(lines, delimiter=delimiter, quotechar='"')


def text_layout(
    text: str,
    name: str,
    complete: bool,
    mapping: ColumnMapping | None = None,
    encoding: str = "utf-8",
    *,
    ascii_head: bool = False,
) -> TextLayout:
    """Find the header line and delimiter in a decoded head, and whether rows look ragged."""
    lines = _lines(text, complete)
    candidates = [(i, line) for i, line in enumerate(lines) if line.strip()][:_HEADER_LINES]
    if not candidates:
        raise ReportFileError(f"{name}: is empty; download the report again", path=name)
    best: tuple[int, int, str, list[str]] | None = None
    for index, line in candidates:
        for delimiter in _DELIMITERS:
            fields = _split(line, delimiter)
            if len(fields) < 2:
                continue
            score = best_header_score(fields, mapping)
            if score and (best is None or score > best[0]):
                best = (score, index, delimiter, fields)
    if best is None:
        index, line = candidates[0]
        widths = {d: len(_split(line, d)) for d in _DELIMITERS}
        delimiter = max(_DELIMITERS, key=lambda d: widths[d])
        if widths[delimiter] < 2:
            raise ReportFileError(
                f"{name}: found a single column on the header line ({line[:80]!r}); a report must be tab-, "
                "comma-, semicolon- or pipe-separated",
                path=name,
                row=index + 1,
            )
        best = (0, index, delimiter, _split(line, delimiter))
    _, index, delimiter, headers = best
    width = len(headers)
    ragged = False
    for count, row in enumerate(_rows(lines[index + 1 :], delimiter)):
        if count >= _SAMPLE_ROWS:
            break
        if row and len(row) != width:
            ragged = True
            break
    return TextLayout(encoding, delimiter, index, headers, ragged, ascii_head)
