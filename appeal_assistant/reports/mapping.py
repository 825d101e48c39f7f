"""User column mappings: ``--map kind:column=TheirHeader`` and mapping files (YAML or JSON).

A mapping file looks like::

    orders:
      purchase_date: Order Date            # canonical column -> the header in the user's file
      order_id: Order Number
    feedback:
      feedback_date: {header: Date, date_format: "%d/%m/%Y"}   # a header and a date format
    date_formats:                          # or date formats on their own, per kind and column
      shipments:
        ship_date: "%d.%m.%Y"

A mapped header becomes the preferred spelling of that column for that kind, and a file holding a
mapped header is read as that kind when the kind's required columns are then all there. Every problem
raises :class:`InputError` saying how to fix it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd
import yaml

from appeal_assistant.errors import InputError
from appeal_assistant.privacy import normalize_header, pii_reason
from appeal_assistant.reports.columns import KINDS, KindSpec

__all__ = ["ColumnMapping", "parse_map_options"]

_DATE_TYPES = ("date", "timestamp")
_SPEC_HELP = "write it as kind:column=TheirHeader, e.g. orders:purchase_date='Order Date'"


def _kind(kind: str, where: str) -> KindSpec:
    key = kind.strip().lower().replace("-", "_")
    if key in KINDS:
        return KINDS[key]
    raise InputError(f"{where}: unknown report kind {kind!r}; kinds: {', '.join(KINDS)}")


def _column(spec: KindSpec, column: str, where: str) -> str:
    key = normalize_header(column)
    for col in spec.columns:
        if key in (normalize_header(col.name), normalize_header(col.header)):
            return col.name
    names = ", ".join(c.name for c in spec.columns)
    raise InputError(f"{where}: {column!r} is not a column of {spec.kind}; its columns are: {names}")


def _header(header: str, where: str) -> str:
    text = header.strip().strip("'\"").strip()
    if not text:
        raise InputError(f"{where}: the header is empty; {_SPEC_HELP}")
    reason = pii_reason(text)
    if reason:
        raise InputError(
            f"{where}: {text!r} holds buyer personal data ({reason}) and is never read; "
            "map a different column"
        )
    return text


def _date_format(fmt: object, spec: KindSpec, column: str, where: str) -> str:
    col = spec.column(column)
    if col is None or col.type not in _DATE_TYPES:
        raise InputError(f"{where}: {spec.kind}.{column} is not a date column, so it takes no date format")
    if not isinstance(fmt, str) or "%" not in fmt:
        raise InputError(f"{where}: date format {fmt!r} must be a strftime pattern such as '%d/%m/%Y'")
    sample = datetime(2026, 7, 10, 14, 22, 11).strftime(fmt)
    parsed = pd.to_datetime(pd.Series([sample]), format=fmt, errors="coerce")
    if parsed.isna().all():
        raise InputError(f"{where}: date format {fmt!r} cannot read back a date it writes ({sample!r})")
    return fmt


@dataclass(frozen=True)
class ColumnMapping:
    """Headers (and date formats) the user assigned to canonical columns, per report kind."""

    columns: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    date_formats: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: Per kind, the only canonical columns worth reading (required ones are always read); a kind not
    #: listed is read whole. Lets the analyzer skip what it never looks at (product names, prices).
    only: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def keeps(self, kind: str, column: str) -> bool:
        wanted = self.only.get(kind)
        return wanted is None or column in wanted

    def reading_only(self, only: Mapping[str, frozenset[str]]) -> ColumnMapping:
        """This mapping, restricted to reading ``only`` those columns per kind."""
        return ColumnMapping(self.columns, self.date_formats, only)

    def headers_for(self, kind: str) -> Mapping[str, str]:
        """Canonical column -> the user's header, for one kind."""
        return self.columns.get(kind, {})

    def date_format(self, kind: str, column: str) -> str | None:
        return self.date_formats.get(kind, {}).get(column)

    def __bool__(self) -> bool:
        return bool(self.columns or self.date_formats)

    def merged(self, other: ColumnMapping) -> ColumnMapping:
        """This mapping with ``other`` laid over it (``other`` wins on conflicts)."""
        cols = {k: dict(v) for k, v in self.columns.items()}
        fmts = {k: dict(v) for k, v in self.date_formats.items()}
        for kind, pairs in other.columns.items():
            cols.setdefault(kind, {}).update(pairs)
        for kind, pairs in other.date_formats.items():
            fmts.setdefault(kind, {}).update(pairs)
        return ColumnMapping(cols, fmts, {**self.only, **other.only})

    @classmethod
    def from_specs(cls, specs: Iterable[str]) -> ColumnMapping:
        """Parse ``kind:column=TheirHeader`` strings as given to ``--map``."""
        cols: dict[str, dict[str, str]] = {}
        for raw in specs:
            where = f"--map {raw!r}"
            kind_part, colon, rest = raw.partition(":")
            column_part, equals, header_part = rest.partition("=")
            if not colon or not equals or not kind_part.strip() or not column_part.strip():
                raise InputError(f"{where}: {_SPEC_HELP}")
            spec = _kind(kind_part, where)
            column = _column(spec, column_part, where)
            cols.setdefault(spec.kind, {})[column] = _header(header_part, where)
        return cls(cols, {})

    @classmethod
    def from_file(cls, path: Path | str) -> ColumnMapping:
        """Read a YAML or JSON mapping file (see the module docstring for its shape)."""
        path = Path(path)
        where = f"mapping file {str(path)!r}"
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise InputError(f"{where} cannot be read ({exc.strerror}); check the path") from exc
        try:
            data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
        except (json.JSONDecodeError, yaml.YAMLError) as exc:
            raise InputError(
                f"{where} is not valid {'JSON' if path.suffix.lower() == '.json' else 'YAML'}: "
                f"{str(exc).splitlines()[0]}"
            ) from exc
        return cls.from_dict(data or {}, where=where)

    @classmethod
    def from_dict(cls, data: object, *, where: str = "mapping") -> ColumnMapping:
        """Validate a ``{kind: {column: header | {header, date_format}}}`` structure."""
        if not isinstance(data, Mapping):
            raise InputError(
                f"{where}: expected a mapping of report kinds to columns, got {type(data).__name__}"
            )
        cols: dict[str, dict[str, str]] = {}
        fmts: dict[str, dict[str, str]] = {}
        for kind_key, body in data.items():
            if str(kind_key) == "date_formats":
                _read_formats(body, fmts, where)
                continue
            spec = _kind(str(kind_key), where)
            if not isinstance(body, Mapping):
                raise InputError(f"{where}: {kind_key!r} must map columns to headers, got {body!r}")
            for col_key, value in body.items():
                at = f"{where}: {spec.kind}.{col_key}"
                column = _column(spec, str(col_key), where)
                if isinstance(value, str):
                    cols.setdefault(spec.kind, {})[column] = _header(value, at)
                elif isinstance(value, Mapping) and set(value) <= {"header", "date_format"} and value:
                    if "header" in value:
                        cols.setdefault(spec.kind, {})[column] = _header(str(value["header"]), at)
                    if "date_format" in value:
                        fmts.setdefault(spec.kind, {})[column] = _date_format(
                            value["date_format"], spec, column, at
                        )
                else:
                    raise InputError(
                        f"{at}: expected a header name or {{header: ..., date_format: ...}}, got {value!r}"
                    )
        return cls(cols, fmts)


def _read_formats(body: object, fmts: dict[str, dict[str, str]], where: str) -> None:
    if not isinstance(body, Mapping):
        raise InputError(f"{where}: date_formats must map kinds to {{column: format}}, got {body!r}")
    for kind_key, pairs in body.items():
        spec = _kind(str(kind_key), where)
        if not isinstance(pairs, Mapping):
            raise InputError(f"{where}: date_formats.{kind_key} must map columns to formats, got {pairs!r}")
        for col_key, fmt in pairs.items():
            column = _column(spec, str(col_key), where)
            fmts.setdefault(spec.kind, {})[column] = _date_format(
                fmt, spec, column, f"{where}: {spec.kind}.{column}"
            )


def parse_map_options(specs: Sequence[str], mapping_file: Path | str | None) -> ColumnMapping:
    """The mapping for a command line: the file first, ``--map`` options laid over it."""
    base = ColumnMapping.from_file(mapping_file) if mapping_file else ColumnMapping()
    return base.merged(ColumnMapping.from_specs(specs))
