"""The population behind each metric: which orders or packages it counts, which are defects, and the
dimension codes (carrier, ship method, category, SKU, ASIN) their drivers are sought along."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import numpy.typing as npt
import pandas as pd

from appeal_assistant.metrics.compute import defect_flags, starts_with, window_mask
from appeal_assistant.metrics.drivers import DefectSet
from appeal_assistant.metrics.policy import policy
from appeal_assistant.metrics.tables import OrderTables, codes_of
from appeal_assistant.models import Channel, MetricResult

__all__ = ["defect_sets"]

_SHIP_DIMS = ("carrier", "ship_method", "carrier_method", "category")
_DEFECT_TYPES = np.array(["", "chargeback", "negative feedback", "A-to-z claim"], dtype=object)
ShipDims = dict[str, tuple[npt.NDArray[np.int64], npt.NDArray[np.object_]]]


def _ship_dims(t: OrderTables) -> ShipDims:
    """Per order id: the code of its carrier, ship method, carrier+method and category (built once)."""
    cached = t.cache.get("ship_dims")
    if cached is not None:
        return cached  # type: ignore[return-value]
    s = t.shipments
    dims: ShipDims = {}
    if not s.empty:
        ids = s["order_id"].to_numpy(dtype=np.int64)
        coded = {dim: codes_of(s[dim], len(s)) for dim in ("carrier", "ship_method", "category")}
        (carrier, carriers), (method, methods) = coded["carrier"], coded["ship_method"]
        pair = np.unique(carrier * len(methods) + method)
        joined = np.array(
            [f"{carriers[p // len(methods)]} {methods[p % len(methods)]}".strip() for p in pair], dtype=object
        )
        combined, labels = pd.factorize(joined)  # two pairs can read the same once stripped
        coded["carrier_method"] = (
            combined[np.searchsorted(pair, carrier * len(methods) + method)].astype(np.int64),
            np.asarray(labels, dtype=object),
        )
        for dim in _SHIP_DIMS:
            codes, names = coded[dim]
            by_order = np.full(t.n_ids, -1, dtype=np.int64)
            by_order[ids] = codes
            dims[dim] = (by_order, names)
    t.cache["ship_dims"] = dims
    return dims


def _obj(values: npt.ArrayLike) -> pd.Series:
    """Text kept as plain objects: converting half a million labels to Arrow strings costs more than it saves."""
    return pd.Series(np.asarray(values, dtype=object), dtype=object)


def _item_pairs(t: OrderTables, dim: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Distinct (order id, SKU or ASIN code) pairs of the order items (built once per analysis)."""
    key = f"pairs:{dim}"
    cached = t.cache.get(key)
    if cached is None:
        oid = t.items["order_id"].to_numpy(dtype=np.int64)
        code = t.items[dim].to_numpy(dtype=np.int64)
        width = int(code.max(initial=0)) + 1  # one int64 key per pair, then a hash pass (first kept)
        keys = pd.unique(oid * width + code)
        cached = (keys // width, keys % width)
        t.cache[key] = cached
    return cached  # type: ignore[return-value]


def _defect_set(
    t: OrderTables,
    metric_id: str,
    label: str,
    base: pd.DataFrame,
    dims: tuple[str, ...],
    composition: tuple[str, ...] = (),
) -> DefectSet:
    """Attach dimension codes (shipping facts, SKUs, ASINs) to a base population of orders."""
    base = base.reset_index(drop=True)
    uniques: dict[str, npt.NDArray[np.object_]] = {}
    multi: dict[str, tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]] = {}
    ship = _ship_dims(t)
    ids = base["order_id"].to_numpy(dtype=np.int64)
    for dim in dims:
        if dim in ship:
            by_order, names = ship[dim]
            base[dim] = by_order[ids]
            uniques[dim] = names
        elif dim in ("sku", "asin") and t.has_orders:
            multi[dim] = _item_pairs(t, dim)
            uniques[dim] = t.sku_names if dim == "sku" else t.asin_names
    return DefectSet(
        metric_id,
        label,
        base,
        tuple(d for d in dims if d in uniques),
        names=t.names,
        uniques=uniques,
        multi=multi,
        composition=composition,
    )


def defect_sets(t: OrderTables, metric: MetricResult) -> DefectSet | None:
    """The population and defect flags behind ``metric`` (None when the metric has no driver analysis)."""
    lo, hi = metric.date_from, metric.date_to
    as_of = hi + timedelta(days=policy(metric.id).lag_days)
    o, s = t.orders, t.shipments
    if metric.id == "odr":
        flags = defect_flags(t, as_of)
        mask = (
            ~o["cancelled"].to_numpy(dtype=bool)
            & window_mask(o["day"].to_numpy(), lo, hi)
            & (o["channel"] == metric.channel.value).to_numpy(dtype=bool)
        )
        rows = np.flatnonzero(mask)
        neg, atoz, cb = (
            flags[c].to_numpy(dtype=bool)[rows] for c in ("negative_feedback", "a_to_z", "chargeback")
        )
        # one label per order: an A-to-z claim first, then negative feedback, then a chargeback
        kind = np.where(atoz, 3, np.where(neg, 2, np.where(cb, 1, 0)))
        defect_type = _DEFECT_TYPES[kind]
        claims = t.claims[t.claims["counts"].astype(bool)]
        reason = t.by_order(
            claims["order_id"].to_numpy(dtype=np.int64), claims["reason"].to_numpy(dtype=object), ""
        )
        ids = o["order_id"].to_numpy(dtype=np.int64)[rows]
        base = pd.DataFrame(
            {
                "order_id": ids,
                "day": o["day"].to_numpy()[rows],
                "defect": neg | atoz | cb,
                "defect_type": _obj(defect_type),
                "claim_reason": _obj(reason[ids]),
            }
        )
        dims = ("carrier_method", "asin", "sku") if metric.channel is Channel.MFN else ("asin", "sku")
        return _defect_set(
            t,
            "odr",
            f"order defects ({metric.channel.value.upper()})",
            base,
            dims,
            ("defect_type", "claim_reason"),
        )
    if metric.id in ("late_shipment_rate", "valid_tracking_rate", "on_time_delivery_rate") and s.empty:
        return None
    a = np.datetime64(as_of, "D")
    if metric.id == "late_shipment_rate":
        expected = s["expected"].to_numpy(dtype="datetime64[D]")
        ship = s["ship"].to_numpy(dtype="datetime64[D]")
        shipped = ~np.isnat(ship) & (ship <= a)
        late = (shipped & (ship > expected)) | (~shipped & (expected < a))
        mask = window_mask(expected, lo, hi) & ~starts_with(s["status"], "Cancel")
        base = pd.DataFrame({"order_id": s["order_id"].to_numpy(), "day": expected, "defect": late})[mask]
        return _defect_set(
            t, metric.id, "late shipments", base, ("carrier_method", "carrier", "sku", "category")
        )
    if metric.id in ("valid_tracking_rate", "on_time_delivery_rate"):
        ship = s["ship"].to_numpy(dtype="datetime64[D]")
        valid = s["has_tracking"].to_numpy(dtype=bool)
        if s.attrs.get("has_scan", False):
            scan = s["scan"].to_numpy(dtype="datetime64[D]")
            valid = valid & ~np.isnat(scan) & (scan <= a)
        shipped = ~np.isnat(ship) & (ship <= a)
        if metric.id == "valid_tracking_rate":
            mask = shipped & window_mask(ship, lo, hi)
            if metric.segment and metric.segment.startswith("category:"):
                mask &= s["category"].to_numpy(dtype=object) == metric.segment.split(":", 1)[1]
            base = pd.DataFrame({"order_id": s["order_id"].to_numpy(), "day": ship, "defect": ~valid})[mask]
            label = "packages without valid tracking"
        else:
            promised = s["promised"].to_numpy(dtype="datetime64[D]")
            delivered = s["delivered"].to_numpy(dtype="datetime64[D]")
            on_time = ~np.isnat(delivered) & (delivered <= a) & (delivered <= promised)
            mask = shipped & valid & window_mask(promised, lo, hi)
            base = pd.DataFrame({"order_id": s["order_id"].to_numpy(), "day": promised, "defect": ~on_time})[
                mask
            ]
            label = "late deliveries"
        return _defect_set(
            t, metric.id, label, base, ("carrier_method", "carrier", "ship_method", "category", "sku")
        )
    if metric.id == "pre_fulfillment_cancel_rate" and t.has_orders:
        mask = (o["channel"] == "mfn").to_numpy(dtype=bool) & window_mask(o["day"].to_numpy(), lo, hi)
        ids = o["order_id"].to_numpy(dtype=np.int64)
        if s.empty:
            by = np.full(t.n_ids, "", dtype=object)
            why = by
        else:
            ship_ids = s["order_id"].to_numpy(dtype=np.int64)
            by = t.by_order(ship_ids, s["cancelled_by"].to_numpy(dtype=object), "")
            why = t.by_order(ship_ids, s["cancel_reason"].to_numpy(dtype=object), "")
        defect = o["cancelled"].to_numpy(dtype=bool) & (by[ids] != "buyer")
        base = pd.DataFrame(
            {"order_id": ids, "day": o["day"].to_numpy(), "defect": defect, "cancel_reason": _obj(why[ids])}
        )[mask]
        return _defect_set(t, metric.id, "seller cancellations", base, ("sku",), ("cancel_reason",))
    if metric.id == "return_rate" and metric.segment and t.has_orders:
        group = metric.segment.split(":", 1)[1]
        r = t.returns
        sel = r[window_mask(r["day"].to_numpy(), lo, hi) & (r["group"].to_numpy() == group)]
        mask = ~o["cancelled"].to_numpy(dtype=bool) & window_mask(o["day"].to_numpy(), lo, hi)
        sel_ids = sel["order_id"].to_numpy(dtype=np.int64)
        hit = np.zeros(t.n_ids, dtype=bool)
        hit[sel_ids] = True
        reason = t.by_order(sel_ids, sel["reason"].to_numpy(dtype=object), "")
        ids = o["order_id"].to_numpy(dtype=np.int64)
        base = pd.DataFrame(
            {"order_id": ids, "day": o["day"].to_numpy(), "defect": hit[ids], "reason": _obj(reason[ids])}
        )[mask]
        return _defect_set(
            t, metric.id, f"{group.replace('_', ' ')} returns", base, ("asin", "sku"), ("reason",)
        )
    return None
