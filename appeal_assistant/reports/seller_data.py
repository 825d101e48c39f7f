"""SellerData: every report a seller gave us, one typed DataFrame per kind, and ``read_reports``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from appeal_assistant.errors import InputError
from appeal_assistant.models import FileSummary
from appeal_assistant.privacy import normalize_header
from appeal_assistant.reports.account_health import AccountHealthReport
from appeal_assistant.reports.columns import MARKETPLACE_HEADER_HINTS, TABULAR_KINDS, ReportKind, kind_spec
from appeal_assistant.reports.convert import empty_frame
from appeal_assistant.reports.mapping import ColumnMapping
from appeal_assistant.reports.reader import Progress, ReportFrame, file_source, read_source

__all__ = ["SellerData", "read_reports"]


@dataclass
class SellerData:
    """The seller's reports: ``frames[kind]`` for each kind read (see SCHEMAS.md), files, warnings."""

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    files: list[FileSummary] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    account_health: AccountHealthReport | None = None
    columns_found: dict[str, set[str]] = field(default_factory=dict)
    #: Marketplaces the generic orders files' headers point to (see columns.MARKETPLACE_HEADER_HINTS).
    marketplace_hints: set[str] = field(default_factory=set)

    def has(self, kind: ReportKind) -> bool:
        """Whether at least one file of ``kind`` was read (it may hold no rows)."""
        return kind in self.frames if kind != "account_health" else self.account_health is not None

    def frame(self, kind: ReportKind) -> pd.DataFrame:
        """The frame of ``kind``; an empty one with the canonical columns when no file of it was given."""
        if kind in self.frames:
            return self.frames[kind]
        return empty_frame(kind_spec(kind))

    @property
    def kinds(self) -> list[str]:
        return [k for k in TABULAR_KINDS if k in self.frames]

    @property
    def orders(self) -> pd.DataFrame:
        return self.frame("orders")

    @property
    def shipments(self) -> pd.DataFrame:
        return self.frame("shipments")

    @property
    def fba_returns(self) -> pd.DataFrame:
        return self.frame("fba_returns")

    @property
    def mfn_returns(self) -> pd.DataFrame:
        return self.frame("mfn_returns")

    @property
    def feedback(self) -> pd.DataFrame:
        return self.frame("feedback")

    @property
    def claims(self) -> pd.DataFrame:
        return self.frame("claims")

    @property
    def odr_defects(self) -> pd.DataFrame:
        return self.frame("odr_defects")

    @property
    def afn_shipments(self) -> pd.DataFrame:
        return self.frame("afn_shipments")

    @property
    def unshipped_orders(self) -> pd.DataFrame:
        return self.frame("unshipped_orders")

    @property
    def generic_orders(self) -> pd.DataFrame:
        return self.frame("generic_orders")


def _sources(paths: Sequence[Path | str]) -> Iterator[tuple[Path, bool]]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if child.is_file() and not any(p.startswith(".") or p == "__MACOSX" for p in rel):
                    yield child, False
        elif path.is_file():
            yield path, True
        else:
            raise InputError(f"{str(path)!r} does not exist; give a report file, a folder or a .zip")


def _combine(kind: str, parts: list[ReportFrame], warnings: list[str]) -> pd.DataFrame:
    non_empty = [p.frame for p in parts if len(p.frame)]
    if not non_empty:
        return parts[0].frame
    if len(non_empty) == 1:
        return non_empty[0]
    frame = pd.concat(non_empty, ignore_index=True)
    before = len(frame)
    frame = frame.drop_duplicates(ignore_index=True)
    if len(frame) < before:
        warnings.append(
            f"{kind}: {before - len(frame):,} rows repeated across {len(non_empty)} files were "
            "dropped (the downloads overlap)"
        )
    return frame


def _report_date(result: ReportFrame) -> datetime:
    latest = result.account_health.latest_date if result.account_health else None
    return latest or datetime.min.replace(tzinfo=UTC)


def read_reports(
    paths: Sequence[Path | str], *, mapping: ColumnMapping | None = None, on_progress: Progress | None = None
) -> SellerData:
    """Read files, folders and .zip archives into one SellerData (see the package docstring)."""
    data = SellerData()
    by_kind: dict[str, list[ReportFrame]] = {}
    health: list[ReportFrame] = []
    for path, strict in _sources(paths):
        for result in read_source(file_source(path), mapping, on_progress, strict=strict):
            if isinstance(result, FileSummary):
                data.files.append(result)
                continue
            data.files.append(result.summary)
            data.warnings.extend(result.warnings)
            if result.account_health is not None:
                health.append(result)
            else:
                by_kind.setdefault(result.kind, []).append(result)
                data.columns_found.setdefault(result.kind, set()).update(result.columns_found)
                if result.kind == "generic_orders":
                    headers = {
                        normalize_header(h) for h in [*result.columns_found.values(), *result.ignored_columns]
                    }
                    data.marketplace_hints |= {
                        m for m, hints in MARKETPLACE_HEADER_HINTS.items() if hints & headers
                    }
    for kind in TABULAR_KINDS:
        if kind in by_kind:
            data.frames[kind] = _combine(kind, by_kind[kind], data.warnings)
    if health:
        newest = max(health, key=_report_date)
        data.account_health = newest.account_health
        if len(health) > 1:
            data.warnings.append(
                f"{len(health)} account-health reports given; using the newest, {newest.name}"
            )
    if not data.frames and data.account_health is None:
        data.warnings.append("no report files were recognised; see the skipped files for the reasons")
    return data
