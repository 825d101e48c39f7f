"""Turn the readers' frames into the per-order and per-event tables the metrics are counted on.

Pure functions over pandas. Order ids are replaced by dense integers once (``OrderTables.names`` maps
them back), SKUs and ASINs by integer codes, and dates become numpy ``datetime64[D]`` (UTC calendar
days), so every later step is integer array work rather than string matching: a million order items
are analysed in seconds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from appeal_assistant.metrics.reasons import reason_group

__all__ = ["OrderTables", "build_tables", "codes_of", "to_days"]

Days = npt.NDArray[np.datetime64]
Ints = npt.NDArray[np.int64]
Objs = npt.NDArray[np.object_]
_NAT = np.datetime64("NaT", "D")


def to_days(series: pd.Series | None, n: int = 0) -> Days:
    """Calendar days (UTC for tz-aware timestamps) as datetime64[D]; NaT stays NaT; None -> n NaTs."""
    if series is None:
        return np.full(n, _NAT)
    if series.empty:
        return np.array([], dtype="datetime64[D]")
    s = series
    if not pd.api.types.is_datetime64_any_dtype(s):
        s = pd.to_datetime(s, errors="coerce", utc=True)
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_convert("UTC").dt.tz_localize(None)
    return np.asarray(s.to_numpy(dtype="datetime64[ns]")).astype("datetime64[D]")


def _str(series: pd.Series | None, n: int) -> pd.Series:
    """A string Series ('' for missing) that stays in pandas' fast string storage."""
    if series is None:
        return pd.Series([""] * n, dtype="str")
    return series.astype("str").fillna("")


def _text(series: pd.Series | None, n: int) -> Objs:
    return np.asarray(_str(series, n).to_numpy(dtype=object))


def codes_of(series: pd.Series | None, n: int) -> tuple[Ints, Objs]:
    """Integer codes and their names for a string column ('' is a name like any other)."""
    if series is not None and isinstance(series.dtype, pd.CategoricalDtype):
        cat = series.array
        assert isinstance(cat, pd.Categorical)
        names = np.asarray(cat.categories, dtype=object)
        codes = np.asarray(cat.codes, dtype=np.int64)
        if (codes < 0).any():  # missing is the name ''
            names = np.append(names, "")
            codes = np.where(codes < 0, len(names) - 1, codes)
        return codes, names
    return _encode(_arrow_text(series, n))


def _labels(series: pd.Series | None, n: int, lower: bool = False) -> pd.Categorical:
    """A repetitive text column (carrier, status...) as a categorical: one string per distinct value, so
    comparisons and prefix tests run on the few categories, not on every row. Missing is ''."""
    text = _str(series, n)
    if lower:
        text = text.str.lower()
    return pd.Categorical(text)


@dataclass
class OrderTables:
    """Everything the metrics need, one table per grain, keyed by integer order ids."""

    names: Objs  # order id text by integer id
    orders: pd.DataFrame  # one row per order: order_id, day, channel, cancelled, sku, asin (codes)
    items: pd.DataFrame  # one row per order item: order_id, sku, asin (codes)
    sku_names: Objs
    asin_names: Objs
    shipments: pd.DataFrame  # one row per seller-fulfilled order with shipping facts
    feedback: pd.DataFrame
    claims: pd.DataFrame
    returns: pd.DataFrame
    listed_defects: pd.DataFrame = field(
        default_factory=pd.DataFrame
    )  # the ODR defect download: order_id, kind
    newest: np.datetime64 | None = None
    notes: list[str] = field(default_factory=list)
    cache: dict[str, object] = field(default_factory=dict)  # derived tables, built once per analysis

    @property
    def has_orders(self) -> bool:
        return not self.orders.empty

    @property
    def n_ids(self) -> int:
        return int(self.names.shape[0])

    def by_order(self, ids: Ints, values: npt.ArrayLike, fill: object) -> npt.NDArray[np.generic]:
        """An array indexed by order id holding ``values`` for ``ids`` (first occurrence wins)."""
        vals = np.asarray(values)
        out = np.full(self.n_ids, fill, dtype=vals.dtype if vals.dtype != object else object)
        out[ids[::-1]] = vals[::-1]
        return out


def _ids(frames: Mapping[str, pd.DataFrame]) -> tuple[dict[str, Ints], Objs]:
    """One integer id space for the order ids of every table (Arrow's hash encoding: one pass, no copy
    of the strings until the distinct ids are turned into the names array)."""
    keys = ("orders", "shipments", "feedback", "claims", "fba_returns", "mfn_returns", "odr_defects")
    parts: list[pa.Array] = []
    sizes: dict[str, int] = {}
    for key in keys:
        frame = frames.get(key)
        if frame is not None and not frame.empty and "order_id" in frame.columns:
            parts.append(_arrow_text(frame["order_id"], len(frame)))
            sizes[key] = len(frame)
    if not parts:
        return {}, np.array([], dtype=object)
    codes, names = _encode(pa.chunked_array(parts, type=pa.large_string()))
    out: dict[str, Ints] = {}
    start = 0
    for key, size in sizes.items():
        out[key] = codes[start : start + size]
        start += size
    return out, names


def _arrow_text(series: pd.Series | None, n: int) -> pa.Array:
    """A text column as an Arrow large_string array ('' for missing)."""
    return pa.array(_str(series, n), type=pa.large_string())


def _encode(values: pa.Array | pa.ChunkedArray) -> tuple[Ints, Objs]:
    """Integer codes in order of first appearance and the distinct values, like ``pd.factorize``."""
    encoded = pc.dictionary_encode(values)
    chunks = encoded.chunks if isinstance(encoded, pa.ChunkedArray) else [encoded]
    if not chunks:
        return np.array([], dtype=np.int64), np.array([], dtype=object)
    codes = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in chunks]).astype(np.int64)
    names = np.asarray(chunks[-1].dictionary.to_numpy(zero_copy_only=False), dtype=object)
    return codes, names


def _orders(raw: pd.DataFrame | None, oid: Ints | None) -> tuple[pd.DataFrame, pd.DataFrame, Objs, Objs]:
    if raw is None or raw.empty or oid is None:
        empty = pd.DataFrame({c: np.array([], dtype=np.int64) for c in ("order_id", "sku", "asin")})
        none = np.array([], dtype=object)
        return (
            empty.assign(
                day=np.array([], "datetime64[D]"), channel=np.array([], object), cancelled=np.array([], bool)
            ),
            empty,
            none,
            none,
        )
    n = len(raw)
    sku, sku_names = codes_of(raw.get("sku"), n)
    asin, asin_names = codes_of(raw.get("asin"), n)
    items = pd.DataFrame({"order_id": oid, "sku": sku, "asin": asin})
    _, first = np.unique(oid, return_index=True)
    first = np.sort(first)
    status = _str(raw.get("order_status"), n)
    orders = pd.DataFrame(
        {
            "order_id": oid[first],
            "day": to_days(raw["purchase_date"])[first],
            "channel": _text(raw.get("channel"), n)[first],
            "cancelled": status.str.startswith("Cancel").to_numpy(dtype=bool)[first],
            "sku": sku[first],
            "asin": asin[first],
        }
    )
    return orders, items, sku_names, asin_names


def _shipments(raw: pd.DataFrame | None, oid: Ints | None) -> pd.DataFrame:
    if raw is None or raw.empty or oid is None:
        return pd.DataFrame()
    n = len(raw)
    has_scan_col = "first_scan_date" in raw.columns
    out = pd.DataFrame(
        {
            "order_id": oid,
            "expected": to_days(raw.get("expected_ship_date"), n),
            "ship": to_days(raw.get("ship_date"), n),
            "scan": to_days(raw.get("first_scan_date"), n),
            "promised": to_days(raw.get("promised_delivery_date"), n),
            "delivered": to_days(raw.get("actual_delivery_date"), n),
            "has_tracking": (_str(raw.get("tracking_number"), n).str.len() > 0).to_numpy(dtype=bool),
            "carrier": _labels(raw.get("carrier"), n),
            "ship_method": _labels(raw.get("ship_method"), n),
            "category": _labels(raw.get("category"), n),
            "status": _labels(raw.get("order_status"), n),
            "cancelled_by": _labels(raw.get("cancelled_by"), n, lower=True),
            "cancel_reason": _labels(raw.get("cancel_reason"), n),
            "day": to_days(raw.get("purchase_date"), n),
        }
    )
    out = out.drop_duplicates("order_id", keep="first").reset_index(drop=True)
    out.attrs["has_scan"] = has_scan_col
    return out


def _feedback(raw: pd.DataFrame | None, oid: Ints | None) -> pd.DataFrame:
    if raw is None or raw.empty or oid is None:
        return pd.DataFrame(
            {
                "order_id": np.array([], np.int64),
                "day": np.array([], "datetime64[D]"),
                "rating": np.array([], float),
                "comments": np.array([], object),
            }
        )
    n = len(raw)
    return pd.DataFrame(
        {
            "order_id": oid,
            "day": to_days(raw["feedback_date"]),
            "rating": pd.to_numeric(raw["rating"], errors="coerce").to_numpy(dtype=float),
            "comments": _text(raw.get("comments"), n),
        }
    )


def _claims(raw: pd.DataFrame | None, oid: Ints | None) -> pd.DataFrame:
    cols = ("order_id", "day", "kind", "counts", "reason", "status", "claim_id")
    if raw is None or raw.empty or oid is None:
        return pd.DataFrame({c: np.array([], dtype=np.int64 if c == "order_id" else object) for c in cols})
    n = len(raw)
    ctype = np.char.lower(_text(raw.get("claim_type"), n).astype(str))
    category = np.char.lower(_text(raw.get("chargeback_category"), n).astype(str))
    status = np.char.lower(_text(raw.get("status"), n).astype(str))
    is_cb = np.char.find(ctype, "chargeback") >= 0
    # A-to-z claims count unless denied or withdrawn; chargebacks only for service reasons, not reversed.
    counts = np.where(
        is_cb,
        (category != "fraud") & ~np.isin(status, ["denied", "withdrawn", "reversed"]),
        ~np.isin(status, ["denied", "withdrawn"]),
    )
    return pd.DataFrame(
        {
            "order_id": oid,
            "day": to_days(raw["claim_date"]),
            "kind": np.where(is_cb, "chargeback", "a_to_z"),
            "counts": counts,
            "reason": _text(raw.get("reason"), n),
            "status": _text(raw.get("status"), n),
            "claim_id": _text(raw.get("claim_id"), n),
        }
    )


def _returns(frames: Mapping[str, pd.DataFrame], ids: dict[str, Ints]) -> pd.DataFrame:
    parts = []
    fba = frames.get("fba_returns")
    if fba is not None and not fba.empty and "fba_returns" in ids:
        n = len(fba)
        parts.append(
            pd.DataFrame(
                {
                    "order_id": ids["fba_returns"],
                    "day": to_days(fba["return_date"]),
                    "reason": _text(fba.get("reason"), n),
                    "comments": _text(fba.get("customer_comments"), n),
                    "channel": "afn",
                }
            )
        )
    mfn = frames.get("mfn_returns")
    if mfn is not None and not mfn.empty and "mfn_returns" in ids:
        n = len(mfn)
        parts.append(
            pd.DataFrame(
                {
                    "order_id": ids["mfn_returns"],
                    "day": to_days(mfn["return_request_date"]),
                    "reason": _text(mfn.get("return_reason"), n),
                    "comments": "",
                    "channel": "mfn",
                }
            )
        )
    if not parts:
        return pd.DataFrame(
            {
                "order_id": np.array([], np.int64),
                "day": np.array([], "datetime64[D]"),
                "reason": np.array([], object),
                "group": np.array([], object),
                "comments": np.array([], object),
                "channel": np.array([], object),
            }
        )
    out = pd.concat(parts, ignore_index=True)
    codes = out["reason"].astype(str)
    lookup = {code: reason_group(code) for code in codes.unique()}
    out["group"] = codes.map(lookup).to_numpy(dtype=object)
    return out


#: Words of the ODR download's defect-type column -> the ODR component it counts under.
_DEFECT_KINDS = (
    ("feedback", "negative_feedback"),
    ("a-to-z", "a_to_z"),
    ("atoz", "a_to_z"),
    ("claim", "a_to_z"),
    ("chargeback", "chargeback"),
)


def _listed_defects(raw: pd.DataFrame | None, oid: Ints | None) -> pd.DataFrame:
    """Defects Amazon itself lists per order (the ODR download), as (order_id, component)."""
    if raw is None or raw.empty or oid is None:
        return pd.DataFrame({"order_id": np.array([], np.int64), "kind": np.array([], object)})
    text = _str(raw.get("defect_type"), len(raw)).str.lower()
    kind = pd.Series("", index=text.index, dtype=object)
    for word, component in reversed(_DEFECT_KINDS):
        kind[text.str.contains(word, regex=False).to_numpy(dtype=bool)] = component
    out = pd.DataFrame({"order_id": oid, "kind": kind.to_numpy(dtype=object)})
    return out[out["kind"] != ""].reset_index(drop=True)


def build_tables(frames: Mapping[str, pd.DataFrame]) -> OrderTables:
    """Per-order and per-event tables from the readers' canonical frames."""
    ids, names = _ids(frames)
    orders, items, sku_names, asin_names = _orders(frames.get("orders"), ids.get("orders"))
    tables = OrderTables(
        names=names,
        orders=orders,
        items=items,
        sku_names=sku_names,
        asin_names=asin_names,
        shipments=_shipments(frames.get("shipments"), ids.get("shipments")),
        feedback=_feedback(frames.get("feedback"), ids.get("feedback")),
        claims=_claims(frames.get("claims"), ids.get("claims")),
        returns=_returns(frames, ids),
        listed_defects=_listed_defects(frames.get("odr_defects"), ids.get("odr_defects")),
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
