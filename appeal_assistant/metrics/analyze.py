"""Analyse a seller's report data as of a date: every supported metric plus the findings behind it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from appeal_assistant.errors import DataError
from appeal_assistant.metrics.compute import amazon_metrics
from appeal_assistant.metrics.findings import metric_findings, sort_findings
from appeal_assistant.metrics.generic import generic_metrics, populations, supported
from appeal_assistant.metrics.messages import message_findings, message_metrics, newest_message_date
from appeal_assistant.metrics.tables import build_tables
from appeal_assistant.models import FileSummary, HealthReport, Marketplace

__all__ = ["ANALYSIS_COLUMNS", "analyze_frames", "analyze_paths"]

#: The canonical columns the metrics and findings read, per report kind (others are not even parsed).
ANALYSIS_COLUMNS: dict[str, frozenset[str]] = {
    "orders": frozenset({"order_id", "purchase_date", "order_status", "fulfillment_channel", "sku", "asin"}),
    "fba_returns": frozenset({"return_date", "order_id", "sku", "asin", "reason", "customer_comments"}),
    "mfn_returns": frozenset({"order_id", "return_request_date", "return_reason", "sku", "asin"}),
    "feedback": frozenset({"feedback_date", "rating", "comments", "order_id"}),
    "claims": frozenset(
        {"claim_id", "order_id", "claim_type", "claim_date", "reason", "chargeback_category", "status"}
    ),
    "messages": frozenset(
        {
            "message_id",
            "order_id",
            "received_at",
            "responded_at",
            "first_reply_minutes",
            "first_reply_hours",
            "no_response_needed",
            "marketplace",
        }
    ),
}


def analyze_frames(
    frames: Mapping[str, pd.DataFrame],
    *,
    as_of: date | None = None,
    marketplace: Marketplace | None = None,
    files: Sequence[FileSummary] = (),
    warnings: Sequence[str] = (),
    columns_found: Mapping[str, set[str]] | None = None,
) -> HealthReport:
    """Metrics and findings from canonical report frames (see reports/SCHEMAS.md).

    ``columns_found[kind]``: the canonical columns the files held (a metric the files cannot show is
    left out rather than read as 0%); None when the frames were built in code with every column."""
    notes = list(warnings)
    tables = build_tables(frames)
    generic = frames.get("generic_orders", pd.DataFrame())
    has_generic = not generic.empty
    messages = frames.get("messages", pd.DataFrame())
    if as_of is None:
        as_of = _newest(tables.newest, generic if has_generic else None, messages)
        if as_of is None:
            raise DataError(_no_dates_message(files, warnings))
    market = marketplace
    if market is None:
        market = (
            _guess_marketplace(generic, notes)
            if has_generic and not tables.has_orders
            else Marketplace.AMAZON
        )
    metrics = amazon_metrics(tables, as_of, notes) if market is Marketplace.AMAZON else []
    pops = populations(generic, as_of, market, notes) if has_generic else []
    pops_dropped = False
    if pops and columns_found is not None:
        kept = supported(pops, columns_found.get("generic_orders", set()), notes)
        pops_dropped, pops = len(kept) < len(pops), kept
    metrics += generic_metrics(pops, market)
    answered = message_metrics(messages, as_of, market, notes)
    if not messages.empty and not answered.metrics:
        notes.append(f"the messages log was read, but {market.value} has no response-time standard here")
    if not metrics and not answered.metrics:
        notes.append(
            "no metric could be computed: the metrics need orders, shipments, feedback, claims, returns or "
            "a messages log with the columns named above"
            if pops_dropped
            else "the files hold no data any metric can be computed from (orders, shipments, feedback, "
            "claims, returns or a messages log)"
        )
    findings = metric_findings(tables, metrics, as_of) if market is Marketplace.AMAZON else []
    if has_generic:
        from appeal_assistant.metrics.generic import generic_findings

        findings += generic_findings(metrics, generic, pops)
    findings += message_findings(answered)
    sort_findings(findings)
    metrics += answered.metrics
    return HealthReport(
        as_of=as_of, marketplace=market, metrics=metrics, findings=findings, files=list(files), warnings=notes
    )


def _newest(
    tables_newest: np.datetime64 | None, generic: pd.DataFrame | None, messages: pd.DataFrame
) -> date | None:
    """The newest date in the data: Amazon reports first, then generic orders, then the messages log."""
    if tables_newest is not None:
        return pd.Timestamp(tables_newest).date()
    if generic is not None:
        from appeal_assistant.metrics.generic import newest_date

        newest = newest_date(generic)
        if newest is not None:
            return newest
    return newest_message_date(messages) if not messages.empty else None


def _no_dates_message(files: Sequence[FileSummary], warnings: Sequence[str]) -> str:
    """Why there is nothing to analyse, with what the files held and the problems met reading them."""
    read = [
        f"{Path(f.path).name} ({f.kind}, {f.rows_read} rows)"
        for f in files
        if f.kind and not f.skipped_reason
    ]
    skipped = [f.skipped_reason or "" for f in files if f.skipped_reason]
    parts = ["no dated rows in the data: nothing to analyse"]
    parts.append("read: " + (", ".join(read) if read else "no report file"))
    problems = [w for w in warnings if "unreadable" in w or "no " in w][:3] + skipped[:3]
    if problems:
        parts.append("problems: " + " | ".join(problems))
    parts.append(
        "the metrics need dated orders, shipments, feedback, claims or returns; fix the problems above "
        "(a date format can be given in a mapping file) or pass --as-of"
    )
    return "; ".join(parts)


def _guess_marketplace(frame: pd.DataFrame | None, notes: list[str]) -> Marketplace:
    if frame is not None and "marketplace" in frame.columns:
        values = frame["marketplace"].dropna().astype(str).str.lower().unique()
        for m in (Marketplace.EBAY, Marketplace.WALMART):
            if any(m.value in v for v in values):
                return m
    notes.append(
        "the orders file does not say which marketplace it is from: analysed against eBay's standards; "
        "pass --marketplace walmart (or amazon) if that is wrong"
    )
    return Marketplace.EBAY


def analyze_paths(
    paths: Sequence[Path | str],
    *,
    as_of: date | None = None,
    marketplace: Marketplace | None = None,
    map_specs: Sequence[str] = (),
    mapping_file: Path | None = None,
    on_progress: Callable[[str], None] | None = None,
) -> HealthReport:
    """Read every report under ``paths`` and analyse it (the `analyze` command's core).

    ``on_progress`` hears one line per file read and one before the analysis (file names, kinds and
    row counts only: never a cell's content)."""
    from appeal_assistant.reports import parse_map_options, read_reports

    mapping = parse_map_options(list(map_specs), mapping_file).reading_only(ANALYSIS_COLUMNS)
    data = read_reports(list(paths), mapping=mapping, on_progress=on_progress)
    if marketplace is None and len(data.marketplace_hints) == 1:  # e.g. Walmart's "PO#" header
        marketplace = Marketplace(next(iter(data.marketplace_hints)))
    if on_progress is not None:
        rows = sum(len(frame) for frame in data.frames.values())
        on_progress(f"computing metrics and findings over {rows:,} rows")
    return analyze_frames(
        data.frames,
        as_of=as_of,
        marketplace=marketplace,
        files=data.files,
        warnings=data.warnings,
        columns_found=data.columns_found,
    )
