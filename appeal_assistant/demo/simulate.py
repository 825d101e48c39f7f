"""Simulate a seller's orders and everything that happens to them, with injected scenarios.

The simulation is vectorised with numpy (1,000,000 order items in a few seconds) and driven by one
seeded generator, so the same configuration always yields the same world. Events dated after
``as_of`` are simulated but marked unknown, exactly as a report downloaded on ``as_of`` would show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, get_args

import numpy as np
import numpy.typing as npt

from appeal_assistant.demo.catalog import CATALOG, RETURN_REASONS, SHIP_METHODS
from appeal_assistant.models import Marketplace

__all__ = [
    "CANCEL_BUYER",
    "CANCEL_NONE",
    "CANCEL_SELLER",
    "CANCEL_SYSTEM",
    "DEFAULT_AS_OF",
    "SCENARIOS",
    "DemoConfig",
    "ScenarioName",
    "World",
    "simulate",
]

ScenarioName = Literal["carrier_disruption", "defective_batch", "stock_out", "missing_tracking"]
SCENARIOS: tuple[ScenarioName, ...] = get_args(ScenarioName)
DEFAULT_AS_OF = date(2026, 11, 16)

CANCEL_NONE, CANCEL_BUYER, CANCEL_SELLER, CANCEL_SYSTEM = 0, 1, 2, 3
CLAIM_A_TO_Z, CLAIM_CHARGEBACK = 0, 1

#: Scenario parameters: which product, carrier and dates each one hits (days before as_of).
DISRUPTION_CARRIER = "Parcelwise"
DISRUPTION_METHOD = "Ground Saver"
DISRUPTION_DAYS = (20, 14)  # purchase dates as_of-20 .. as_of-14
DEFECT_SKU = "EB-PRO-BLK-FBA"
DEFECT_DAYS = (50, 22)
STOCKOUT_SKUS = ("MUG-CER-12OZ", "PLANTER-HNG-3PK", "PUZZLE-1000-MAP")
STOCKOUT_DAYS = (6, 0)
TRACKING_CATEGORY = "Jewelry"
TRACKING_CARRIER = "USPS"
TRACKING_METHOD = "First-Class Mail"
TRACKING_DAYS = (32, 0)

Day = npt.NDArray[np.datetime64]
IntArr = npt.NDArray[np.int64]
BoolArr = npt.NDArray[np.bool_]
NAT = np.datetime64("NaT", "D")


@dataclass(frozen=True)
class DemoConfig:
    as_of: date = DEFAULT_AS_OF
    orders: int = 20_000
    seed: int = 7
    scenarios: tuple[ScenarioName, ...] = SCENARIOS
    marketplace: Marketplace = Marketplace.AMAZON
    span_days: int = 150
    afn_share: float = 0.45  # share of orders fulfilled by the marketplace (0 outside Amazon)


@dataclass
class World:
    """Every simulated fact. Order-level arrays have one entry per order; ``item_*`` per order item."""

    config: DemoConfig
    as_of: np.datetime64
    purchase_s: npt.NDArray[np.datetime64]
    purchase_day: Day
    is_afn: BoolArr
    category: npt.NDArray[np.int64]  # index into categories (of the order's first item)
    categories: list[str]
    method: IntArr  # index into SHIP_METHODS, -1 for AFN
    cancelled_by: IntArr
    cancel_reason: npt.NDArray[np.str_]
    pending: BoolArr
    expected_ship: Day
    ship_day: Day  # internal truth: when it shipped (may be after as_of)
    has_number: BoolArr
    scanned: BoolArr
    first_scan: Day
    promised: Day
    delivered: Day  # internal truth; NaT when lost
    item_order: IntArr
    item_product: IntArr
    item_qty: IntArr
    ret_item: IntArr
    ret_day: Day
    ret_reason: IntArr  # index into RETURN_REASONS
    ret_comment: npt.NDArray[np.str_]
    fb_order: IntArr
    fb_day: Day
    fb_rating: IntArr
    fb_comment_kind: IntArr  # 0 positive, 1 neutral, 2 negative, 3 disruption, 4 defect
    fb_comment_pick: IntArr
    cl_order: IntArr
    cl_type: IntArr
    cl_day: Day
    cl_reason: npt.NDArray[np.str_]
    cl_category: npt.NDArray[np.str_]
    cl_status: npt.NDArray[np.str_]
    drivers: dict[str, dict[str, object]] = field(default_factory=dict)

    @property
    def n_orders(self) -> int:
        return int(self.purchase_day.shape[0])

    def known(self, days: Day) -> BoolArr:
        """True where an event date is known on ``as_of`` (happened on or before it)."""
        return ~np.isnat(days) & (days <= self.as_of)


def _days_before(as_of: np.datetime64, first: int, last: int) -> tuple[np.datetime64, np.datetime64]:
    return as_of - np.timedelta64(first, "D"), as_of - np.timedelta64(last, "D")


def _between(days: Day, lo: np.datetime64, hi: np.datetime64) -> BoolArr:
    return ~np.isnat(days) & (days >= lo) & (days <= hi)


def _td(values: npt.ArrayLike) -> npt.NDArray[np.timedelta64]:
    return np.asarray(values, dtype=np.int64).astype("timedelta64[D]")


def simulate(config: DemoConfig) -> World:
    """Run the simulation for ``config``."""
    rng = np.random.default_rng(config.seed)
    as_of = np.datetime64(config.as_of, "D")
    n = config.orders
    scen = set(config.scenarios)
    products = CATALOG
    prod_afn = np.array([p.channel == "afn" for p in products])
    categories = sorted({p.category for p in products})
    prod_cat = np.array([categories.index(p.category) for p in products])
    prod_handling = np.array([p.handling_days for p in products])

    # ---------------------------------------------------------------- orders and items
    span = config.span_days
    growth = 1.0 + 0.3 * np.arange(span) / span
    offset = rng.choice(span, size=n, p=growth / growth.sum())
    first_day = as_of - np.timedelta64(span - 1, "D")
    purchase_day = np.sort(first_day + _td(offset))
    seconds = rng.integers(0, 86_400, size=n)
    purchase_s = purchase_day.astype("datetime64[s]") + seconds.astype("timedelta64[s]")
    order_sort = np.lexsort((seconds, purchase_day.astype(np.int64)))
    purchase_s = purchase_s[order_sort]
    is_afn = rng.random(n) < config.afn_share

    n_items = 1 + (rng.random(n) < 0.16).astype(np.int64) + (rng.random(n) < 0.04).astype(np.int64)
    item_order = np.repeat(np.arange(n), n_items)
    m = int(item_order.shape[0])
    weights = np.array([p.weight for p in products])
    afn_idx, mfn_idx = np.flatnonzero(prod_afn), np.flatnonzero(~prod_afn)
    pick_afn = rng.choice(afn_idx, size=m, p=weights[afn_idx] / weights[afn_idx].sum())
    pick_mfn = rng.choice(mfn_idx, size=m, p=weights[mfn_idx] / weights[mfn_idx].sum())
    item_product = np.where(is_afn[item_order], pick_afn, pick_mfn)
    item_qty = 1 + (rng.random(m) < 0.08).astype(np.int64)
    first_item = np.cumsum(n_items) - n_items
    category = prod_cat[item_product[first_item]]
    handling = np.zeros(n, dtype=np.int64)
    np.maximum.at(handling, item_order, prod_handling[item_product])

    def contains(skus: tuple[str, ...]) -> BoolArr:
        ids = [i for i, p in enumerate(products) if p.sku in skus]
        hit = np.zeros(n, dtype=bool)
        hit[item_order[np.isin(item_product, ids)]] = True
        return hit

    # ---------------------------------------------------------------- ship methods
    jewelry = category == categories.index(TRACKING_CATEGORY)
    w_general = np.array([s.weight for s in SHIP_METHODS])
    w_jewelry = np.array([s.jewelry_weight for s in SHIP_METHODS])
    m_general = rng.choice(len(SHIP_METHODS), size=n, p=w_general / w_general.sum())
    m_jewelry = rng.choice(len(SHIP_METHODS), size=n, p=w_jewelry / w_jewelry.sum())
    method = np.where(is_afn, -1, np.where(jewelry, m_jewelry, m_general)).astype(np.int64)
    mfn = ~is_afn

    # ---------------------------------------------------------------- cancellations
    cancelled_by = np.full(n, CANCEL_NONE, dtype=np.int64)
    cancel_reason = np.full(n, "", dtype=object)
    r = rng.random(n)
    buyer = r < 0.008
    cancelled_by[buyer] = CANCEL_BUYER
    cancel_reason[buyer] = "buyer_requested"
    seller = mfn & (r >= 0.008) & (r < 0.0105)
    cancelled_by[seller] = CANCEL_SELLER
    base_reasons = np.array(["out_of_stock", "pricing_error", "address_undeliverable"], dtype=object)
    cancel_reason[seller] = base_reasons[rng.integers(0, 3, size=n)][seller]
    system = mfn & (r >= 0.0105) & (r < 0.011)
    cancelled_by[system] = CANCEL_SYSTEM
    cancel_reason[system] = "no_ship_confirmation"
    drivers: dict[str, dict[str, object]] = {}
    r_stock = rng.random(n)
    if "stock_out" in scen:
        lo, hi = _days_before(as_of, *STOCKOUT_DAYS)
        hit = mfn & contains(STOCKOUT_SKUS) & _between(purchase_day, lo, hi) & (cancelled_by == CANCEL_NONE)
        chosen = hit & (r_stock < 0.4)
        cancelled_by[chosen] = CANCEL_SELLER
        cancel_reason[chosen] = "out_of_stock"
        drivers["stock_out"] = {
            "skus": list(STOCKOUT_SKUS),
            "date_from": str(lo),
            "date_to": str(hi),
            "seller_cancellations": int(chosen.sum()),
        }
    cancelled = cancelled_by != CANCEL_NONE
    pending = (purchase_day == as_of) & ~cancelled & (rng.random(n) < 0.3)

    # ---------------------------------------------------------------- shipping
    expected_ship = np.where(mfn, purchase_day + _td(handling), NAT)
    early = _td(rng.integers(0, 2, size=n))
    ship_mfn = np.maximum(expected_ship - early, purchase_day)
    late_base = rng.random(n) < 0.012
    ship_mfn = np.where(late_base, expected_ship + _td(rng.integers(1, 4, size=n)), ship_mfn)
    method_safe = np.where(method < 0, 0, method)
    disrupted = np.zeros(n, dtype=bool)
    r_dis = rng.random(n)
    dis_delay = _td(rng.integers(2, 6, size=n))
    if "carrier_disruption" in scen:
        lo, hi = _days_before(as_of, *DISRUPTION_DAYS)
        dis_method = next(
            i
            for i, s in enumerate(SHIP_METHODS)
            if (s.carrier, s.method) == (DISRUPTION_CARRIER, DISRUPTION_METHOD)
        )
        disrupted = mfn & (method == dis_method) & _between(purchase_day, lo, hi) & ~cancelled
        ship_mfn = np.where(disrupted & (r_dis < 0.85), expected_ship + dis_delay, ship_mfn)
        drivers["carrier_disruption"] = {
            "carrier": DISRUPTION_CARRIER,
            "ship_method": DISRUPTION_METHOD,
            "date_from": str(lo),
            "date_to": str(hi),
            "orders_affected": int(disrupted.sum()),
        }
    ship_afn = purchase_day + _td(rng.integers(0, 2, size=n))
    ship_day = np.where(mfn, ship_mfn, ship_afn)
    ship_day = np.where(cancelled | pending, NAT, ship_day)

    tracked_p = np.array([s.tracked for s in SHIP_METHODS])[method_safe]
    r_track = rng.random(n)
    valid = np.where(mfn, r_track < tracked_p, True)
    has_number = valid | (rng.random(n) < 0.5)
    if "missing_tracking" in scen:
        lo, hi = _days_before(as_of, *TRACKING_DAYS)
        trk_method = next(
            i
            for i, s in enumerate(SHIP_METHODS)
            if (s.carrier, s.method) == (TRACKING_CARRIER, TRACKING_METHOD)
        )
        hit = mfn & jewelry & (method == trk_method) & _between(purchase_day, lo, hi) & ~cancelled
        lost_track = hit & (r_track < 0.45)
        valid = valid & ~lost_track
        has_number = np.where(lost_track, rng.random(n) < 0.15, has_number)
        drivers["missing_tracking"] = {
            "category": TRACKING_CATEGORY,
            "carrier": TRACKING_CARRIER,
            "ship_method": TRACKING_METHOD,
            "date_from": str(lo),
            "date_to": str(hi),
            "packages_without_valid_tracking": int(lost_track.sum()),
        }
    scanned = valid & has_number & ~np.isnat(ship_day)
    first_scan = np.where(scanned, ship_day + _td((rng.random(n) < 0.3).astype(np.int64)), NAT)

    promise = np.array([s.promise_days for s in SHIP_METHODS])[method_safe]
    t_min = np.array([s.transit_min for s in SHIP_METHODS])[method_safe]
    t_max = np.array([s.transit_max for s in SHIP_METHODS])[method_safe]
    promised_mfn = expected_ship + _td(promise)
    promised = np.where(mfn, promised_mfn, purchase_day + _td(4))
    transit = rng.integers(0, 1_000_000, size=n) % (t_max - t_min + 1) + t_min
    slow = rng.random(n) < 0.03
    transit = transit + np.where(slow, rng.integers(1, 4, size=n), 0)
    transit_afn = rng.integers(1, 4, size=n)
    delivered = ship_day + _td(np.where(mfn, transit, transit_afn))
    lost = rng.random(n) < 0.002
    extra = rng.integers(3, 9, size=n)
    lost_dis = rng.random(n) < 0.18
    delivered = np.where(disrupted, delivered + _td(extra), delivered)
    lost = lost | (disrupted & lost_dis)
    delivered = np.where(lost, NAT, delivered)

    # ---------------------------------------------------------------- after delivery
    shipped = ~np.isnat(ship_day)
    ref_day = np.where(np.isnat(delivered), ship_day + _td(8), delivered)
    defect_prod = next(i for i, p in enumerate(products) if p.sku == DEFECT_SKU)
    batch_item = np.zeros(m, dtype=bool)
    if "defective_batch" in scen:
        lo, hi = _days_before(as_of, *DEFECT_DAYS)
        batch_item = (item_product == defect_prod) & _between(purchase_day[item_order], lo, hi)
        batch_item &= shipped[item_order]
    batch_order = np.zeros(n, dtype=bool)
    batch_order[item_order[batch_item]] = True

    # returns (per item)
    base_ret = np.array([p.return_rate for p in products])[item_product]
    r_ret = rng.random(m)
    item_delivered = ~np.isnat(delivered[item_order])
    returned = item_delivered & np.where(batch_item, r_ret < 0.22, r_ret < base_ret)
    rw = np.array([w for _, _, w in RETURN_REASONS])
    reason = rng.choice(len(RETURN_REASONS), size=m, p=rw / rw.sum())
    defect_reasons = np.array(
        [i for i, (c, _, _) in enumerate(RETURN_REASONS) if c in ("DEFECTIVE", "QUALITY_UNACCEPTABLE")]
    )
    reason = np.where(batch_item, defect_reasons[(rng.random(m) < 0.4).astype(np.int64)], reason)
    ret_day_all = ref_day[item_order] + _td(rng.integers(2, 22, size=m))
    ret_item = np.flatnonzero(returned)
    ret_day = ret_day_all[ret_item]
    ret_reason = reason[ret_item]
    ret_comment = np.where(batch_item[ret_item], "defect", "").astype(object)

    # feedback (one per order at most)
    r_fb = rng.random(n)
    gives = shipped & (r_fb < 0.06)
    rating = rng.choice(np.array([5, 4, 3, 2, 1]), size=n, p=[0.74, 0.17, 0.04, 0.02, 0.03])
    kind = np.select([rating >= 4, rating == 3], [0, 1], 2)
    dis_neg = disrupted & shipped & (r_fb > 0.80)  # 20% of disrupted orders
    def_neg = batch_order & (r_fb > 0.92)  # 8% of batch orders
    gives = gives | dis_neg | def_neg
    neg_rating = 1 + (rng.random(n) < 0.35).astype(np.int64)
    rating = np.where(dis_neg | def_neg, neg_rating, rating)
    kind = np.where(dis_neg, 3, np.where(def_neg, 4, kind))
    fb_day_all = ref_day + _td(rng.integers(1, 11, size=n))
    # Buyers waiting for a late parcel complain soon after the promised date, not after delivery.
    fb_day_all = np.where(dis_neg, promised + _td(rng.integers(1, 7, size=n)), fb_day_all)
    fb_order = np.flatnonzero(gives)
    pick = rng.integers(0, 1_000, size=n)

    # claims and chargebacks
    r_cl = rng.random(n)
    late_delivery = ~np.isnat(delivered) & (delivered > promised)
    atoz = shipped & np.where(mfn, r_cl < 0.0015, r_cl < 0.0004)
    atoz |= shipped & lost & (r_cl > 0.5)
    atoz |= disrupted & shipped & late_delivery & (r_cl > 0.93)
    atoz |= batch_order & (r_cl > 0.97)
    atoz_reason = np.where(
        lost | late_delivery,
        "Item not received",
        np.where(batch_order, "Item not as described", "Item damaged"),
    )
    r_cb = rng.random(n)
    cb = shipped & ~atoz & (r_cb < 0.0008)
    fraud = rng.random(n) < 0.4
    status_atoz = rng.choice(
        np.array(["Granted", "Denied", "Open", "Withdrawn"], dtype=object), size=n, p=[0.5, 0.2, 0.18, 0.12]
    )
    status_cb = rng.choice(
        np.array(["Open", "Granted", "Reversed"], dtype=object), size=n, p=[0.35, 0.4, 0.25]
    )
    # Item-not-received claims are filed after the promised date passes; others after delivery.
    cl_base = np.where(lost | late_delivery | np.isnat(delivered), promised, delivered)
    cl_day_all = cl_base + _td(rng.integers(1, 11, size=n))
    a_idx, c_idx = np.flatnonzero(atoz), np.flatnonzero(cb)
    cl_order = np.concatenate([a_idx, c_idx])
    cl_type = np.concatenate([np.full(a_idx.shape, CLAIM_A_TO_Z), np.full(c_idx.shape, CLAIM_CHARGEBACK)])
    cl_reason = np.concatenate(
        [
            atoz_reason[a_idx],
            np.where(
                fraud[c_idx],
                "Unauthorized transaction",
                np.where(lost[c_idx], "Merchandise not received", "Not as described"),
            ),
        ]
    ).astype(object)
    cl_category = np.concatenate(
        [np.full(a_idx.shape, "", dtype=object), np.where(fraud[c_idx], "fraud", "service").astype(object)]
    )
    cl_status = np.concatenate([status_atoz[a_idx], status_cb[c_idx]]).astype(object)
    cl_day = cl_day_all[cl_order]

    if "defective_batch" in scen:
        lo, hi = _days_before(as_of, *DEFECT_DAYS)
        drivers["defective_batch"] = {
            "sku": DEFECT_SKU,
            "asin": products[defect_prod].asin,
            "product": products[defect_prod].name,
            "date_from": str(lo),
            "date_to": str(hi),
            "orders_affected": int(batch_order.sum()),
        }

    return World(
        config=config,
        as_of=as_of,
        purchase_s=purchase_s,
        purchase_day=purchase_day,
        is_afn=is_afn,
        category=category,
        categories=categories,
        method=method,
        cancelled_by=cancelled_by,
        cancel_reason=cancel_reason.astype(str),
        pending=pending,
        expected_ship=expected_ship,
        ship_day=ship_day,
        has_number=has_number & shipped,
        scanned=scanned,
        first_scan=first_scan,
        promised=promised,
        delivered=delivered.astype("datetime64[D]"),
        item_order=item_order,
        item_product=item_product,
        item_qty=item_qty,
        ret_item=ret_item,
        ret_day=ret_day.astype("datetime64[D]"),
        ret_reason=ret_reason,
        ret_comment=ret_comment.astype(str),
        fb_order=fb_order,
        fb_day=fb_day_all[fb_order].astype("datetime64[D]"),
        fb_rating=rating[fb_order],
        fb_comment_kind=kind[fb_order],
        fb_comment_pick=pick[fb_order],
        cl_order=cl_order,
        cl_type=cl_type,
        cl_day=cl_day,
        cl_reason=cl_reason.astype(str),
        cl_category=cl_category.astype(str),
        cl_status=cl_status.astype(str),
        drivers=drivers,
    )
