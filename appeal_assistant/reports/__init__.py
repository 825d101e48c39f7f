"""Report files in, typed pandas DataFrames out, with buyer personal data dropped at read time.

Contract (the metrics code depends on it; the column tables are in ``SCHEMAS.md`` beside this file):

- ``read_reports(paths, *, mapping=None, on_progress=None) -> SellerData``. Each path is a file, a
  folder (every file in it, recursively; files that are not reports are listed as skipped with the
  reason) or a .zip. ``read_report_file(path, ...) -> ReportFrame`` reads one file.
- The kind of a file comes from its headers, never its name: ``orders``, ``shipments``,
  ``fba_returns``, ``mfn_returns``, ``feedback``, ``claims``, ``odr_defects``, ``afn_shipments``,
  ``unshipped_orders``, ``generic_orders`` (tables) and ``account_health`` (JSON). TSV, CSV (comma,
  semicolon, pipe), XLSX and zip archives; UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252.
- ``SellerData.frames[kind]`` is one DataFrame per kind read, concatenated across files (exact
  duplicate rows across files dropped); ``SellerData.frame(kind)`` (and the attribute of the same
  name, e.g. ``.orders``) returns an empty frame with the canonical columns when no file of that kind
  was given. ``files`` lists a ``FileSummary`` per file (rows read, rows rejected, dropped personal-data
  columns, or why it was skipped), ``warnings`` every problem met, ``account_health`` the parsed JSON
  report (:class:`AccountHealthReport`) or None, ``columns_found[kind]`` the columns the files held.
- Every frame has all its kind's canonical columns (snake_case of the documented headers), in table
  order; a column the file lacked is all-missing. Types: text is pandas ``str`` (missing = NaN);
  numbers ``float64`` (NaN); flags ``bool`` (blank = False); ``tracking_valid`` ``object`` (True, False
  or None);
  timestamps ``datetime64[us, UTC]``; dates ``datetime64[us]`` at midnight (NaT). ``orders`` and
  ``odr_defects`` also have ``channel``: ``"mfn"`` (seller-fulfilled) or ``"afn"`` (Amazon-fulfilled).
- Buyer personal data (see :data:`appeal_assistant.privacy.PII_RULES`) is never read; its column names
  are listed in ``FileSummary.dropped_columns``. Free-text comments are scrubbed of e-mail addresses
  and phone numbers.
- A cell that cannot be read leaves the value missing and is reported; a row without a readable
  required value (order id, the main date) is rejected and counted. Warnings name file, rows
  (header = row 1) and column. Errors: ``UnknownReportError``, ``MissingColumnError``,
  ``ReportFileError`` (empty, binary, wrong delimiter), ``InputError`` (bad ``--map`` or mapping file).
"""

from __future__ import annotations

from appeal_assistant.reports.account_health import (
    AccountHealthReport,
    MarketplacePerformance,
    OrderDefectRate,
    PolicyViolation,
    RateMetric,
    parse_account_health,
)
from appeal_assistant.reports.columns import KINDS, TABULAR_KINDS, ColumnSpec, KindSpec, ReportKind, kind_spec
from appeal_assistant.reports.convert import empty_frame
from appeal_assistant.reports.mapping import ColumnMapping, parse_map_options
from appeal_assistant.reports.reader import ReportFrame, read_report_file
from appeal_assistant.reports.seller_data import SellerData, read_reports

__all__ = [
    "KINDS",
    "TABULAR_KINDS",
    "AccountHealthReport",
    "ColumnMapping",
    "ColumnSpec",
    "KindSpec",
    "MarketplacePerformance",
    "OrderDefectRate",
    "PolicyViolation",
    "RateMetric",
    "ReportFrame",
    "ReportKind",
    "SellerData",
    "empty_frame",
    "kind_spec",
    "parse_account_health",
    "parse_map_options",
    "read_report_file",
    "read_reports",
]
