"""Which report a file is, read from its headers alone (never its name), and which columns to read.

Every kind's aliases (plus the user's mapping) are matched against the normalized headers. A kind is a
candidate when all its required columns are found; the candidate matching the most columns wins (ties:
the larger share of the kind's columns, then table order). A kind whose user-mapped header the file holds
comes first, and when no kind fits it is the one whose missing columns are named. Buyer personal data
columns are set aside before any matching.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from appeal_assistant.errors import MissingColumnError, ReportFileError, UnknownReportError
from appeal_assistant.privacy import normalize_header, pii_reason
from appeal_assistant.reports.columns import DECLINED_REPORTS, KINDS, ColumnSpec, KindSpec, ReportKind
from appeal_assistant.reports.mapping import ColumnMapping

__all__ = ["ColumnMatch", "KindMatch", "ReadPlan", "best_header_score", "match_kind", "plan_columns"]

_FOUND_SHOWN = 20


@dataclass(frozen=True, slots=True)
class ColumnMatch:
    column: ColumnSpec
    index: int
    header: str


@dataclass(frozen=True)
class KindMatch:
    spec: KindSpec
    matched: dict[str, ColumnMatch]
    mapped: int

    @property
    def missing(self) -> list[ColumnSpec]:
        missing = [c for c in self.spec.required if c.name not in self.matched]
        for group in self.spec.any_of:  # none of a group: its first column is named as missing
            if not any(name in self.matched for name in group):
                first = self.spec.column(group[0])
                assert first is not None
                missing.append(first)
        return missing

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def rank(self) -> tuple[int, int, float]:
        return (self.mapped, len(self.matched), len(self.matched) / len(self.spec.columns))


@dataclass(frozen=True)
class ReadPlan:
    """What to read from one file: its kind, the columns (in file order) and what was set aside."""

    name: str
    kind: ReportKind
    spec: KindSpec
    columns: list[ColumnMatch]
    dropped_pii: list[str]
    ignored: list[str]

    @property
    def indices(self) -> list[int]:
        return [m.index for m in self.columns]


@functools.cache
def _base_table(kind: str) -> dict[str, tuple[ColumnSpec, int]]:
    table: dict[str, tuple[ColumnSpec, int]] = {}
    for col in KINDS[kind].columns:  # type: ignore[index]
        for prio, alias in enumerate(col.aliases):
            table.setdefault(normalize_header(alias), (col, prio))
    return table


def _alias_table(spec: KindSpec, mapping: ColumnMapping | None) -> dict[str, tuple[ColumnSpec, int]]:
    table = _base_table(spec.kind)
    mapped = mapping.headers_for(spec.kind) if mapping else {}
    if not mapped:
        return table
    table = dict(table)
    for name, header in mapped.items():
        col = spec.column(name)
        if col is not None:
            table[normalize_header(header)] = (col, -1)
    return table


def match_kind(headers: Sequence[str], spec: KindSpec, mapping: ColumnMapping | None = None) -> KindMatch:
    """Which of ``spec``'s columns the headers hold (the best-ranked alias wins a column)."""
    table = _alias_table(spec, mapping)
    best: dict[str, tuple[int, ColumnMatch]] = {}
    mapped = 0
    for index, header in enumerate(headers):
        key = normalize_header(header)
        if not key or key not in table or pii_reason(header):
            continue
        col, prio = table[key]
        if col.name not in best or prio < best[col.name][0]:
            best[col.name] = (prio, ColumnMatch(col, index, header.strip()))
    mapped = sum(1 for prio, _ in best.values() if prio < 0)
    return KindMatch(spec, {name: m for name, (_, m) in best.items()}, mapped)


def _all_matches(headers: Sequence[str], mapping: ColumnMapping | None) -> list[KindMatch]:
    matches = [match_kind(headers, spec, mapping) for spec in KINDS.values()]
    # stable sort keeps table order among equals
    return sorted(matches, key=lambda m: m.rank, reverse=True)


def best_header_score(headers: Sequence[str], mapping: ColumnMapping | None = None) -> int:
    """How many columns of the best-matching kind a candidate header line holds (to find the header)."""
    return max(len(match_kind(headers, spec, mapping).matched) for spec in KINDS.values())


def _found(headers: Sequence[str]) -> str:
    shown = [h.strip() for h in headers if h.strip()][:_FOUND_SHOWN]
    more = len([h for h in headers if h.strip()]) - len(shown)
    text = ", ".join(repr(h) for h in shown) or "no headers"
    return text + (f" and {more} more" if more > 0 else "")


def _needs(match: KindMatch) -> str:
    need = ", ".join(
        [c.header for c in match.spec.required]
        + [" or ".join(c.header for n in g if (c := match.spec.column(n))) for g in match.spec.any_of]
    )
    missing = ", ".join(c.header for c in match.missing)
    return f"{match.spec.kind} needs {need}" + (f" (missing {missing})" if missing else "")


def _unknown(name: str, headers: Sequence[str], ranked: list[KindMatch]) -> UnknownReportError:
    closest = [m for m in ranked if m.matched][:3] or ranked[:3]
    first = closest[0]
    example = first.missing[0].name if first.missing else first.spec.required[0].name
    message = (
        f"{name}: the headers match no known report (found: {_found(headers)}); closest: "
        + "; ".join(_needs(m) for m in closest)
        + f"; map with --map {first.spec.kind}:{example}=TheirHeader or a mapping file"
    )
    return UnknownReportError(message, path=name)


def _missing(name: str, headers: Sequence[str], match: KindMatch) -> MissingColumnError:
    parts = []
    for col in match.missing:
        others = ", ".join(repr(a) for a in col.aliases[1:4])
        parts.append(f"{col.header!r}" + (f" (also read as {others})" if others else ""))
    first = match.missing[0]
    message = (
        f"{name}: reads as {match.spec.kind} ({match.spec.label}) but has no {' or '.join(parts)} column; "
        f"found: {_found(headers)}; map it with --map {match.spec.kind}:{first.name}=TheirHeader"
    )
    return MissingColumnError(message, path=name, column=first.header)


def _looks_like(match: KindMatch) -> bool:
    matched = len(match.matched)
    return match.mapped > 0 or (matched >= 3 and matched >= 2 * len(match.missing))


def plan_columns(
    name: str, headers: Sequence[str], mapping: ColumnMapping | None = None, kind: ReportKind | None = None
) -> ReadPlan:
    """Detect the kind (or use ``kind``) and list the columns to read; raise when it cannot be read."""
    if kind is None and not (mapping and mapping.columns):
        normalised = {normalize_header(h) for h in headers}
        for signature, reason in DECLINED_REPORTS:
            if signature <= normalised:
                raise ReportFileError(f"{name}: is {reason}", path=name)
    ranked = _all_matches(headers, mapping)
    if kind is not None:
        chosen = next(m for m in ranked if m.spec.kind == kind)
        if not chosen.complete:
            raise _missing(name, headers, chosen)
    else:
        # ranked puts kinds holding a mapped header first, so a complete mapped kind wins; a mapping
        # meant for another kind (same header, e.g. 'Order ID') does not stop a complete kind here.
        complete = [m for m in ranked if m.complete]
        if not complete:
            near = ranked[0]
            raise _missing(name, headers, near) if _looks_like(near) else _unknown(name, headers, ranked)
        chosen = complete[0]
    used = {m.index for m in chosen.matched.values()}
    dropped = [h.strip() for h in headers if h.strip() and pii_reason(h)]
    ignored = [h.strip() for i, h in enumerate(headers) if h.strip() and i not in used and not pii_reason(h)]
    columns = sorted(chosen.matched.values(), key=lambda m: m.index)
    if mapping is not None and mapping.only:
        kind_name = chosen.spec.kind
        keep = [
            m
            for m in columns
            if m.column.need
            or m.column.name == chosen.spec.channel_from
            or mapping.keeps(kind_name, m.column.name)
        ]
        ignored += [m.header for m in columns if m not in keep]
        columns = keep
    return ReadPlan(name, chosen.spec.kind, chosen.spec, columns, dropped, ignored)
