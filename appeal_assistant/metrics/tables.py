"""Turn the readers' frames into the per-order and per-event tables the metrics are counted on.

Pure functions over pandas: one row per order (channel, status, shipping facts) and one row per defect
or return event, with dates as numpy ``datetime64[D]`` (UTC calendar days).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pandas as pd

from appeal_assistant.metrics.reasons import reason_group

__all__ = ["OrderTables", "build_tables", "lookup", "to_days"]

Days = npt.NDArray[np.datetime64]


def to_days(series: pd.Series) -> Days:  # type: ignore[type-arg]
    """Calendar days (UTC for tz-aware timestamps) as datetime64[D]; NaT stays NaT."""
    if series.empty:
        return np.array([], dtype="datetime64[D]")
    s = series
    if not pd.api.types.is_datetime64_any_dtype(s):
        s = pd.to_datetime(s, errors="coerce", utc=True)
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_convert("UTC").dt.tz_localize(None)
    return np.asarray(s.to_numpy(dtype="datetime64[ns]")).astype("datetime64[D]")


def lookup(frame: pd.DataFrame, key: str, value: str) -> pd.Series:  # type: ignore[type-arg]
    """``value`` by ``key`` (first row wins) as a Series to ``.map`` ids through, without Python loops."""
    if frame.empty or key not in frame.columns or value not in frame.columns:
        return pd.Series(dtype=object)
    keys = frame[key].to_numpy(dtype=object)
    first = ~pd.Index(keys).duplicated()
    return pd.Series(frame[value].to_numpy(dtype=object)[first], index=keys[first])


def _text(series: pd.Series | None, n: int) -> npt.NDArray[np.object_]:  # type: ignore[type-arg]
    if series is None:
        return np.full(n, "", dtype=object)
    return np.asarray(series.fillna("").astype(str).to_numpy(dtype=object))


@dataclass
class OrderTables:
    """Everything the metrics need, one table per grain."""

    orders: pd.DataFrame  # one row per order
    items: pd.DataFrame  # one row per order item (order_id, sku, asin, category)
    shipments: pd.DataFrame  # one row per seller-fulfilled order with shipping facts
    feedback: pd.DataFrame
    claims: pd.DataFrame
    returns: pd.DataFrame
    newest: np.datetime64 | None = None
    notes: list[str] = field(default_factory=list)
    cache: dict[str, pd.DataFrame] = field(default_factory=dict)  # derived tables, built once per analysis

    @property
    def has_orders(self) -> bool:
        return not self.orders.empty


def _orders(frames: Mapping[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    raw = frames.get("orders")
    if raw is None or raw.empty:
        empty = pd.DataFrame({"order_id": pd.Series(dtype=object)})
        return empty, empty
    n = len(raw)
    items = pd.DataFrame(
        {
            "order_id": _text(raw["order_id"], n),
            "sku": _text(raw.get("sku"), n),
            "asin": _text(raw.get("asin"), n),
            "day": to_days(raw["purchase_date"]),
        }
    )
    status = _text(raw.get("order_status"), n)
    channel = _text(raw.get("channel"), n)
    first = ~items["order_id"].duplicated().to_numpy()
    orders = pd.DataFrame(
        {
            "order_id": items["order_id"].to_numpy()[first],
            "day": items["day"].to_numpy()[first],
            "channel": channel[first],
            "cancelled": np.char.startswith(status[first].astype(str), "Cancel"),
            "sku": items["sku"].to_numpy()[first],
            "asin": items["asin"].to_numpy()[first],
        }
    )
    return orders, items


def _shipments(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    raw = frames.get("shipments")
    if raw is None or raw.empty:
        return pd.DataFrame()
    n = len(raw)
    tracking = _text(raw.get("tracking_number"), n)
    has_scan_col = "first_scan_date" in raw.columns
    out = pd.DataFrame(
        {
            "order_id": _text(raw["order_id"], n),
            "expected": to_days(raw["expected_ship_date"])
            if "expected_ship_date" in raw
            else np.full(n, "NaT", "datetime64[D]"),
            "ship": to_days(raw["ship_date"]) if "ship_date" in raw else np.full(n, "NaT", "datetime64[D]"),
            "scan": to_days(raw["first_scan_date"]) if has_scan_col else np.full(n, "NaT", "datetime64[D]"),
            "promised": to_days(raw["promised_delivery_date"])
            if "promised_delivery_date" in raw
            else np.full(n, "NaT", "datetime64[D]"),
            "delivered": to_days(raw["actual_delivery_date"])
            if "actual_delivery_date" in raw
            else np.full(n, "NaT", "datetime64[D]"),
            "has_tracking": np.char.str_len(tracking.astype(str)) > 0,
            "carrier": _text(raw.get("carrier"), n),
            "ship_method": _text(raw.get("ship_method"), n),
            "category": _text(raw.get("category"), n),
            "sku": _text(raw.get("sku"), n),
            "status": _text(raw.get("order_status"), n),
            "cancelled_by": np.char.lower(_text(raw.get("cancelled_by"), n).astype(str)).astype(object),
            "cancel_reason": _text(raw.get("cancel_reason"), n),
            "day": to_days(raw["purchase_date"])
            if "purchase_date" in raw
            else np.full(n, "NaT", "datetime64[D]"),
        }
    )
    out.attrs["has_scan"] = has_scan_col
    return out.drop_duplicates("order_id", keep="first")


def _feedback(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    raw = frames.get("feedback")
    if raw is None or raw.empty:
        return pd.DataFrame(
            {"order_id": [], "day": np.array([], "datetime64[D]"), "rating": [], "comments": []}
        )
    n = len(raw)
    return pd.DataFrame(
        {
            "order_id": _text(raw.get("order_id"), n),
            "day": to_days(raw["feedback_date"]),
            "rating": pd.to_numeric(raw["rating"], errors="coerce").to_numpy(),
            "comments": _text(raw.get("comments"), n),
        }
    )


def _claims(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    raw = frames.get("claims")
    cols = ["order_id", "day", "kind", "counts", "reason", "status", "claim_id"]
    if raw is None or raw.empty:
        return pd.DataFrame({c: [] for c in cols})
    n = len(raw)
    ctype = np.char.lower(_text(raw.get("claim_type"), n).astype(str))
    category = np.char.lower(_text(raw.get("chargeback_category"), n).astype(str))
    status = np.char.lower(_text(raw.get("status"), n).astype(str))
    is_cb = np.char.find(ctype, "chargeback") >= 0
    kind = np.where(is_cb, "chargeback", "a_to_z")
    # A-to-z claims count unless denied or withdrawn; chargebacks only for service reasons, not reversed.
    counts = np.where(
        is_cb,
        (category != "fraud") & ~np.isin(status, ["denied", "withdrawn", "reversed"]),
        ~np.isin(status, ["denied", "withdrawn"]),
    )
    return pd.DataFrame(
        {
            "order_id": _text(raw.get("order_id"), n),
            "day": to_days(raw["claim_date"]),
            "kind": kind,
            "counts": counts,
            "reason": _text(raw.get("reason"), n),
            "status": _text(raw.get("status"), n),
            "claim_id": _text(raw.get("claim_id"), n),
        }
    )


def _returns(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    parts = []
    fba = frames.get("fba_returns")
    if fba is not None and not fba.empty:
        n = len(fba)
        parts.append(
            pd.DataFrame(
                {
                    "order_id": _text(fba.get("order_id"), n),
                    "day": to_days(fba["return_date"]),
                    "reason": _text(fba.get("reason"), n),
                    "sku": _text(fba.get("sku"), n),
                    "asin": _text(fba.get("asin"), n),
                    "comments": _text(fba.get("customer_comments"), n),
                    "channel": "afn",
                    "center": _text(fba.get("fulfillment_center_id"), n),
                }
            )
        )
    mfn = frames.get("mfn_returns")
    if mfn is not None and not mfn.empty:
        n = len(mfn)
        parts.append(
            pd.DataFrame(
                {
                    "order_id": _text(mfn.get("order_id"), n),
                    "day": to_days(mfn["return_request_date"]),
                    "reason": _text(mfn.get("return_reason"), n),
                    "sku": _text(mfn.get("sku"), n),
                    "asin": _text(mfn.get("asin"), n),
                    "comments": "",
                    "channel": "mfn",
                    "center": "",
                }
            )
        )
    if not parts:
        return pd.DataFrame(
            {
                "order_id": [],
                "day": np.array([], "datetime64[D]"),
                "reason": [],
                "group": [],
                "sku": [],
                "asin": [],
                "comments": [],
                "channel": [],
                "center": [],
            }
        )
    out = pd.concat(parts, ignore_index=True)
    codes = out["reason"].astype(str)
    lookup = {code: reason_group(code) for code in codes.unique()}
    out["group"] = codes.map(lookup)
    return out


def build_tables(frames: Mapping[str, pd.DataFrame]) -> OrderTables:
    """Per-order and per-event tables from the readers' canonical frames."""
    orders, items = _orders(frames)
    tables = OrderTables(
        orders=orders,
        items=items,
        shipments=_shipments(frames),
        feedback=_feedback(frames),
        claims=_claims(frames),
        returns=_returns(frames),
    )
    newest: list[np.datetime64] = []
    for frame, col in (
        (tables.orders, "day"),
        (tables.shipments, "ship"),
        (tables.feedback, "day"),
        (tables.claims, "day"),
        (tables.returns, "day"),
    ):
        if not frame.empty and col in frame:
            values = frame[col].to_numpy(dtype="datetime64[D]")
            values = values[~np.isnat(values)]
            if values.size:
                newest.append(values.max())
    tables.newest = max(newest) if newest else None
    return tables
