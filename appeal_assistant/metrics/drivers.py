"""Where a metric's defects come from: drivers by dimension, time concentration and weekly trend.

A "defect set" is a base population (orders or packages in the metric's window) with a boolean defect
flag and dimension columns (carrier and ship method, SKU, ASIN, category, ...). A driver is a group of
values of one dimension whose defects exceed what the rest of the population's rate would predict;
drivers are ranked by those excess defects, so what explains most of the problem comes first. A
dimension that only defects carry (a claim reason, a cancellation reason) is a composition, reported
as a breakdown rather than a driver.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = [
    "DIMENSION_LABELS",
    "MAJOR_SHARE",
    "MINOR_SHARE",
    "SPIKE_DAYS",
    "DefectSet",
    "Driver",
    "Spike",
    "breakdown",
    "find_drivers",
    "find_spike",
    "weekly_rates",
]

#: Dimension column -> human label used in finding titles.
DIMENSION_LABELS: dict[str, str] = {
    "carrier_method": "carrier and ship method",
    "carrier": "carrier",
    "ship_method": "ship method",
    "sku": "SKU",
    "asin": "ASIN",
    "category": "category",
    "defect_type": "defect type",
    "claim_reason": "claim reason",
    "cancel_reason": "cancellation reason",
    "reason": "return reason",
    "center": "fulfilment centre",
    "weekday": "day of the week received",
}
MIN_DEFECTS = 3
#: A value may join a qualifying top value's group with fewer defects (small samples split a cause).
MIN_GROUP_DEFECTS = 2
MIN_LIFT = 1.5
#: A value joins the top value's group when its excess defects reach this share of the top's.
GROUP_SHARE = 0.25
MAX_GROUP = 5
#: A driver whose defect orders overlap an earlier driver's this much adds nothing new.
MAX_OVERLAP = 0.9
#: Share of a metric's defects the top driver must explain to be reported as the problem's main source
#: (with the metric's severity); drivers under MINOR_SHARE are reported as low, the rest as medium.
MAJOR_SHARE = 0.25
MINOR_SHARE = 0.10
#: Days a spike covers.
SPIKE_DAYS = 7


@dataclass
class DefectSet:
    """A metric's base population (one row per order id) with a defect flag, a day and dimension codes."""

    metric_id: str
    label: str
    base: (
        pd.DataFrame
    )  # columns: order_id (int), day (datetime64[D]), defect (bool), dims (int codes), composition
    dims: tuple[str, ...]
    names: npt.NDArray[np.object_] = field(
        default_factory=lambda: np.array([], dtype=object)
    )  # order id text
    uniques: dict[str, npt.NDArray[np.object_]] = field(default_factory=dict)  # dim -> value text by code
    multi: dict[str, tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]] = field(default_factory=dict)
    composition: tuple[str, ...] = ()


@dataclass(frozen=True)
class Driver:
    dimension: str
    values: tuple[str, ...]
    defects: int
    base: int
    total_defects: int
    total_base: int
    excess: float
    rate: float
    rest_rate: float
    order_ids: tuple[str, ...]
    defect_ids: frozenset[str] = frozenset()

    @property
    def value(self) -> str:
        return ", ".join(self.values)

    @property
    def share(self) -> float:
        return self.defects / self.total_defects if self.total_defects else 0.0

    @property
    def base_share(self) -> float:
        return self.base / self.total_base if self.total_base else 0.0


@dataclass(frozen=True)
class Spike:
    date_from: date
    date_to: date
    defects: int
    total_defects: int
    base: int
    total_base: int


@dataclass(frozen=True)
class _Encoded:
    """One dimension as integer codes: (row position, value code) pairs, distinct per row and value."""

    pos: npt.NDArray[np.int64]
    codes: npt.NDArray[np.int64]
    uniques: npt.NDArray[np.object_]


def _encode(ds: DefectSet, dim: str) -> _Encoded | None:
    uniques = ds.uniques.get(dim)
    if uniques is None:
        return None
    if dim in ds.multi:
        oids, codes = ds.multi[dim]
        pos_of = np.full(max(len(ds.names), int(oids.max(initial=-1)) + 1), -1, dtype=np.int64)
        pos_of[ds.base["order_id"].to_numpy(dtype=np.int64)] = np.arange(len(ds.base))
        pos = pos_of[oids]
    elif dim in ds.base.columns:
        codes = ds.base[dim].to_numpy(dtype=np.int64)
        pos = np.arange(len(ds.base), dtype=np.int64)
    else:
        return None
    blank = np.asarray(uniques == "", dtype=bool)
    keep = (pos >= 0) & (codes >= 0)
    keep[keep] = ~blank[codes[keep]]
    pos, codes = pos[keep], codes[keep]
    if codes.size == 0:
        return None
    # Pairs are distinct by construction: one value per row, or distinct (order, value) item pairs.
    return _Encoded(pos, codes, uniques)


def _group_stats(
    enc: _Encoded, defect: npt.NDArray[np.bool_], group: npt.NDArray[np.int64], totals: tuple[int, int]
) -> tuple[int, int, float, float, npt.NDArray[np.int64]]:
    rows = np.unique(enc.pos[np.isin(enc.codes, group)])
    d, b = int(defect[rows].sum()), int(rows.size)
    rest_b = totals[1] - b
    rest_rate = (totals[0] - d) / rest_b if rest_b > 0 else 0.0
    return d, b, (d / b if b else 0.0), rest_rate, rows[defect[rows]]


def _dimension_driver(ds: DefectSet, dim: str, totals: tuple[int, int]) -> Driver | None:
    enc = _encode(ds, dim)
    if enc is None:
        return None
    defect = ds.base["defect"].to_numpy(dtype=bool)
    size = len(enc.uniques)
    d_v = np.bincount(enc.codes, weights=defect[enc.pos], minlength=size).astype(np.int64)
    b_v = np.bincount(enc.codes, minlength=size).astype(np.int64)
    candidates: list[tuple[float, int, str, int]] = []
    for code in range(size):
        d, b = int(d_v[code]), int(b_v[code])
        if b >= totals[1]:  # the whole population shares this value: it explains nothing
            continue
        rest_rate = (totals[0] - d) / (totals[1] - b)
        rate = d / b if b else 0.0
        if d < MIN_GROUP_DEFECTS or (rest_rate > 0 and rate / rest_rate < MIN_LIFT):
            continue
        candidates.append((d - b * rest_rate, d, str(enc.uniques[code]), code))
    candidates.sort(key=lambda c: (-c[0], c[2]))
    if not candidates or candidates[0][1] < MIN_DEFECTS:
        return None
    top = candidates[0][0]
    chosen = [c for c in candidates if c[0] >= top * GROUP_SHARE][:MAX_GROUP]
    d, b, rate, rest_rate, defect_rows = _group_stats(enc, defect, np.array([c[3] for c in chosen]), totals)
    ids = sorted(str(x) for x in ds.names[ds.base["order_id"].to_numpy(dtype=np.int64)[defect_rows]])
    return Driver(
        dim,
        tuple(c[2] for c in chosen),
        d,
        b,
        totals[0],
        totals[1],
        d - b * rest_rate,
        rate,
        rest_rate,
        tuple(ids[:10]),
        frozenset(ids),
    )


def find_drivers(ds: DefectSet, limit: int = 3) -> list[Driver]:
    """Driver groups ranked by excess defects, one per dimension, skipping ones that repeat an earlier one."""
    totals = (int(ds.base["defect"].sum()), len(ds.base))
    if totals[0] == 0:
        return []
    found = [drv for dim in ds.dims if (drv := _dimension_driver(ds, dim, totals)) is not None]
    found.sort(key=lambda drv: (-drv.excess, ds.dims.index(drv.dimension)))
    kept: list[Driver] = []
    for drv in found:
        twin = next(
            (
                i
                for i, k in enumerate(kept)
                if len(drv.defect_ids & k.defect_ids) >= MAX_OVERLAP * max(len(drv.defect_ids), 1)
            ),
            None,
        )
        if twin is None:
            kept.append(drv)
            continue
        earlier = kept[twin]
        same = len(drv.defect_ids & earlier.defect_ids) >= MAX_OVERLAP * max(len(earlier.defect_ids), 1)
        if same and drv.rate > earlier.rate * 1.1:
            # The same defects in a narrower population (one ship method rather than the whole carrier):
            # more specific. A driver holding only a few of the earlier one's defects (one SKU inside a
            # carrier's failures) is a detail of it and never replaces it.
            kept[twin] = drv
    return kept[:limit]


def breakdown(ds: DefectSet, dim: str) -> list[tuple[str, int]]:
    """(value, defects) of a composition dimension, largest first."""
    defects = ds.base[ds.base["defect"].astype(bool)]
    if dim not in defects.columns or defects.empty:
        return []
    counts = defects[dim].astype(str).replace("", "unknown").value_counts()
    return [(str(k), int(v)) for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def find_spike(ds: DefectSet, span_days: int = SPIKE_DAYS) -> Spike | None:
    """The ``span_days`` window holding the most defects, if it holds at least half of them."""
    defects = ds.base.loc[ds.base["defect"].astype(bool), "day"].to_numpy(dtype="datetime64[D]")
    defects = defects[~np.isnat(defects)]
    if defects.size < MIN_DEFECTS:
        return None
    all_days = ds.base["day"].to_numpy(dtype="datetime64[D]")
    first, last = defects.min(), defects.max()
    best_start, best_count = first, -1
    day = first
    while day <= last:
        end = day + np.timedelta64(span_days - 1, "D")
        count = int(((defects >= day) & (defects <= end)).sum())
        if count > best_count:
            best_start, best_count = day, count
        day = day + np.timedelta64(1, "D")
    end = best_start + np.timedelta64(span_days - 1, "D")
    base = int(((all_days >= best_start) & (all_days <= end)).sum())
    if best_count * 2 < defects.size or base * 2 > len(all_days):
        return None
    lo = best_start.astype(date)
    return Spike(lo, lo + timedelta(days=span_days - 1), best_count, int(defects.size), base, len(all_days))


def weekly_rates(
    days: npt.NDArray[np.datetime64], defect: npt.NDArray[np.bool_], as_of: date, weeks: int = 8
) -> list[tuple[date, int, int]]:
    """(week start, defects, base) for the ``weeks`` 7-day blocks ending on ``as_of``."""
    out: list[tuple[date, int, int]] = []
    end = np.datetime64(as_of, "D")
    d = np.asarray(days, dtype="datetime64[D]")
    for k in range(weeks - 1, -1, -1):
        hi = end - np.timedelta64(7 * k, "D")
        lo = hi - np.timedelta64(6, "D")
        sel = ~np.isnat(d) & (d >= lo) & (d <= hi)
        out.append((lo.astype(date), int((sel & defect).sum()), int(sel.sum())))
    return out
