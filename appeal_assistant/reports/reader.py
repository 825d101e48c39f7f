"""Reading report files, folders and zip archives into typed frames, one file at a time.

A file named on purpose must be a report: anything else raises a typed error. Inside a folder or an
archive, files that are not reports (a notice, a README, a PDF, the demo's truth.json) are listed as
skipped with the reason; a file that is clearly a report but lacks a required column still raises,
because silently leaving it out would skew every metric.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from appeal_assistant.errors import InputError, MissingColumnError, ReportFileError
from appeal_assistant.models import FileSummary
from appeal_assistant.reports.account_health import AccountHealthReport, parse_account_health
from appeal_assistant.reports.columns import ReportKind
from appeal_assistant.reports.convert import FrameBuilder
from appeal_assistant.reports.delimited import read_delimited
from appeal_assistant.reports.detect import ReadPlan, plan_columns
from appeal_assistant.reports.excel import feed_rows, iter_sheets
from appeal_assistant.reports.mapping import ColumnMapping
from appeal_assistant.reports.sniff import Source, container_of, decode_head, is_workbook, text_layout

__all__ = ["NOT_REPORT_SUFFIXES", "Progress", "ReportFrame", "file_source", "read_report_file", "read_source"]

Progress = Callable[[str], None]

#: File types that are never reports; inside a folder they are listed as skipped without being opened.
NOT_REPORT_SUFFIXES: frozenset[str] = frozenset(
    {
        ".eml",
        ".msg",
        ".pdf",
        ".html",
        ".htm",
        ".md",
        ".rst",
        ".doc",
        ".docx",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".py",
        ".yaml",
        ".yml",
        ".toml",
        ".ini",
        ".log",
        ".sqlite3",
        ".db",
    }
)
_JSON_LIMIT = 64 << 20


@dataclass
class ReportFrame:
    """One report read from one file (or sheet, or archive member)."""

    name: str
    kind: ReportKind
    frame: pd.DataFrame
    summary: FileSummary
    warnings: list[str] = field(default_factory=list)
    columns_found: dict[str, str] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    account_health: AccountHealthReport | None = None


def file_source(path: Path) -> Source:
    @contextmanager
    def _open() -> Iterator[BinaryIO]:
        with path.open("rb") as fh:
            yield fh

    return Source(str(path), _open, str(path), path.stat().st_size)


def _member_source(archive: Path, display: str, member: zipfile.ZipInfo) -> Source:
    @contextmanager
    def _open() -> Iterator[BinaryIO]:
        with zipfile.ZipFile(archive) as zf, zf.open(member) as fh:
            yield fh  # type: ignore[misc]

    return Source(f"{display}/{member.filename}", _open, None, member.file_size)


def _skipped(name: str, reason: str) -> FileSummary:
    return FileSummary(path=name, kind=None, skipped_reason=reason)


def _finish(name: str, plan: ReadPlan, builder: FrameBuilder, progress: Progress | None) -> ReportFrame:
    frame, warnings = builder.finish()
    if builder.rows_seen == 0:
        warnings.insert(0, f"{name}: has a header but no data rows")
    summary = FileSummary(
        path=name,
        kind=plan.kind,
        rows_read=len(frame),
        rows_rejected=builder.rejected,
        dropped_columns=plan.dropped_pii,
    )
    if progress:
        progress(f"{name}: {plan.spec.label} ({plan.kind}), {len(frame):,} rows")
    return ReportFrame(
        name,
        plan.kind,
        frame,
        summary,
        warnings,
        {m.column.name: m.header for m in plan.columns},
        plan.ignored,
    )


def _read_text(
    source: Source, head: bytes, mapping: ColumnMapping | None, progress: Progress | None
) -> ReportFrame:
    complete = source.size is not None and source.size <= len(head)
    encoding, text = decode_head(head, source.name, complete)
    layout = text_layout(text, source.name, complete, mapping, encoding, ascii_head=head.isascii())
    plan = plan_columns(source.name, layout.headers, mapping)
    formats = dict(mapping.date_formats.get(plan.kind, {})) if mapping else {}
    builder, _ = read_delimited(source, layout, plan, lambda: FrameBuilder(source.name, plan, formats))
    return _finish(source.name, plan, builder, progress)


def _read_json(source: Source, progress: Progress | None) -> ReportFrame:
    if source.size is not None and source.size > _JSON_LIMIT:
        raise ReportFileError(
            f"{source.name}: is {source.size:,} bytes, too large for an account-health report",
            path=source.name,
        )
    with source.open() as fh:
        text = fh.read(_JSON_LIMIT + 1).decode("utf-8-sig", errors="replace")
    report = parse_account_health(text, source.name)
    summary = FileSummary(path=source.name, kind="account_health", rows_read=len(report.performance_metrics))
    if progress:
        progress(f"{source.name}: account-health report, {len(report.performance_metrics)} marketplace(s)")
    return ReportFrame(source.name, "account_health", pd.DataFrame(), summary, account_health=report)


def _read_xlsx(
    source: Source, mapping: ColumnMapping | None, progress: Progress | None, strict: bool
) -> Iterator[ReportFrame | FileSummary]:
    skipped: list[tuple[FileSummary, ReportFileError | None]] = []
    read = 0
    for sheet in iter_sheets(source, mapping):
        name = f"{source.name}[{sheet.title}]"
        try:
            plan = plan_columns(name, sheet.headers, mapping)
        except MissingColumnError as exc:
            if strict:
                raise
            skipped.append((_skipped(name, _missing_in_folder(name, exc)), None))
            continue
        except ReportFileError as exc:  # a notes or pivot sheet beside the report
            skipped.append((_skipped(name, str(exc)), exc))
            continue
        formats = dict(mapping.date_formats.get(plan.kind, {})) if mapping else {}
        builder = FrameBuilder(name, plan, formats)
        feed_rows(sheet, plan, builder)
        read += 1
        yield _finish(name, plan, builder, progress)
    if not read and not skipped:
        raise ReportFileError(f"{source.name}: the workbook has no data", path=source.name)
    if not read and strict and skipped[0][1] is not None:
        raise skipped[0][1]
    for summary, _ in skipped:
        yield summary


def _read_zip(
    source: Source, mapping: ColumnMapping | None, progress: Progress | None
) -> Iterator[ReportFrame | FileSummary]:
    if source.path is None:
        yield _skipped(source.name, "an archive inside an archive; unpack it first")
        return
    archive = Path(source.path)
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
    except zipfile.BadZipFile as exc:
        raise ReportFileError(f"{source.name}: is a damaged zip archive ({exc})", path=source.name) from exc
    for member in sorted(members, key=lambda m: m.filename):
        base = member.filename.rsplit("/", 1)[-1]
        if member.filename.startswith("__MACOSX/") or base.startswith(".") or not base:
            continue
        yield from read_source(_member_source(archive, source.name, member), mapping, progress, strict=False)


def _missing_in_folder(name: str, exc: MissingColumnError) -> str:
    """The reason a recognised file with a missing required column is skipped inside a folder."""
    text = str(exc)
    return text if text.startswith(name) else f"{name}: {text}"


def read_source(
    source: Source,
    mapping: ColumnMapping | None = None,
    progress: Progress | None = None,
    *,
    strict: bool = True,
) -> Iterator[ReportFrame | FileSummary]:
    """Every report in a source; a non-report raises when ``strict``, else is yielded as skipped."""
    suffix = Path(source.name.split("/")[-1]).suffix.lower()
    if not strict and suffix in NOT_REPORT_SUFFIXES:
        yield _skipped(source.name, f"not a report file type ({suffix})")
        return
    if progress:
        progress(f"reading {source.name}")
    try:
        try:
            head = source.head()
        except (OSError, RuntimeError, zipfile.BadZipFile) as exc:
            raise ReportFileError(f"{source.name}: cannot be read ({exc})", path=source.name) from exc
        container = container_of(head)
        if container == "zip" and is_workbook(source):
            yield from _read_xlsx(source, mapping, progress, strict)
        elif container == "zip":
            yield from _read_zip(source, mapping, progress)
        elif container == "xls":
            raise ReportFileError(
                f"{source.name}: is an old binary Excel (.xls) file; save it as .xlsx or CSV",
                path=source.name,
            )
        elif container == "pdf":
            raise ReportFileError(f"{source.name}: is a PDF document, not a report file", path=source.name)
        elif container == "json":
            yield _read_json(source, progress)
        else:
            yield _read_text(source, head, mapping, progress)
    except MissingColumnError as exc:
        # named alone, the file must be fixed (the message says how); in a folder it is one file of many,
        # skipped with that message so the others are still analysed
        if strict:
            raise
        yield _skipped(source.name, _missing_in_folder(source.name, exc))
    except ReportFileError as exc:
        if strict:
            raise
        yield _skipped(source.name, str(exc))


def read_report_file(
    path: Path | str, *, mapping: ColumnMapping | None = None, on_progress: Progress | None = None
) -> ReportFrame:
    """Read one report file (text, XLSX with one report sheet, or account-health JSON)."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{str(path)!r} is a folder; read folders with read_reports")
    if not path.exists():
        raise InputError(f"{str(path)!r} does not exist; check the path")
    results = list(read_source(file_source(path), mapping, on_progress, strict=True))
    frames = [r for r in results if isinstance(r, ReportFrame)]
    if len(frames) != 1:
        raise InputError(f"{str(path)!r} holds {len(frames)} reports; read it with read_reports")
    return frames[0]
