"""Where a metric's defects come from: drivers by dimension, time concentration and weekly trend.

A "defect set" is a base population (orders or packages in the metric's window) with a boolean defect
flag and dimension columns (carrier and ship method, SKU, ASIN, category, ...). A driver is a dimension
value whose defects exceed what the rest of the population's rate would predict; drivers are ranked by
those excess defects, so the value that explains the most of the problem comes first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = ["DefectSet", "Driver", "Spike", "find_drivers", "find_spike", "weekly_rates"]

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
}
MIN_DEFECTS = 3
MIN_LIFT = 1.5


@dataclass
class DefectSet:
    """A metric's base population with a defect flag, a date per row and dimension columns."""

    metric_id: str
    label: str
    base: pd.DataFrame  # columns: order_id, day (datetime64[D]), defect (bool), dims...
    dims: tuple[str, ...]
    multi: dict[str, pd.DataFrame] = field(default_factory=dict)  # dim -> (order_id, value) many per order


@dataclass(frozen=True)
class Driver:
    dimension: str
    value: str
    defects: int
    base: int
    total_defects: int
    total_base: int
    excess: float
    rate: float
    rest_rate: float
    order_ids: tuple[str, ...]

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


def _pairs(ds: DefectSet, dim: str) -> pd.DataFrame:
    if dim in ds.multi:
        pairs = ds.multi[dim].drop_duplicates()
        return pairs.merge(ds.base[["order_id", "defect"]], on="order_id", how="inner")
    return pd.DataFrame(
        {"order_id": ds.base["order_id"], "value": ds.base[dim].astype(str), "defect": ds.base["defect"]}
    )


def find_drivers(ds: DefectSet, limit: int = 3) -> list[Driver]:
    """Dimension values ranked by excess defects (at least MIN_DEFECTS and MIN_LIFT times the rest)."""
    total_defects = int(ds.base["defect"].sum())
    total_base = len(ds.base)
    if total_defects == 0:
        return []
    found: list[Driver] = []
    for dim in ds.dims:
        pairs = _pairs(ds, dim)
        pairs = pairs[pairs["value"].astype(str) != ""]
        if pairs.empty:
            continue
        grouped = pairs.groupby("value", sort=True)["defect"].agg(["sum", "count"])
        for value, row in grouped.iterrows():
            d, b = int(row["sum"]), int(row["count"])
            if d < MIN_DEFECTS:
                continue
            rest_d, rest_b = total_defects - d, total_base - b
            rest_rate = rest_d / rest_b if rest_b > 0 else 0.0
            rate = d / b
            if rest_rate > 0 and rate / rest_rate < MIN_LIFT:
                continue
            excess = d - b * rest_rate
            ids = pairs.loc[(pairs["value"] == value) & pairs["defect"], "order_id"].astype(str)
            found.append(
                Driver(
                    dim,
                    str(value),
                    d,
                    b,
                    total_defects,
                    total_base,
                    excess,
                    rate,
                    rest_rate,
                    tuple(sorted(ids.unique())[:10]),
                )
            )
    found.sort(key=lambda drv: (-drv.excess, ds.dims.index(drv.dimension), drv.value))
    # Keep the strongest value per dimension; a weaker value of the same dimension adds little.
    best: list[Driver] = []
    seen: set[str] = set()
    for drv in found:
        if drv.dimension in seen:
            continue
        seen.add(drv.dimension)
        best.append(drv)
    return best[:limit]


def find_spike(ds: DefectSet, span_days: int = 7) -> Spike | None:
    """The ``span_days`` window holding the most defects, if it holds at least half of them."""
    defects = ds.base.loc[ds.base["defect"], "day"].to_numpy(dtype="datetime64[D]")
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
