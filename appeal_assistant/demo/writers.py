"""Write a simulated world as the report files a seller downloads (DOMAIN.md §3 formats).

Only what is known on ``as_of`` is written: later shipments, scans, deliveries, returns, feedback
and claims are left out or empty. Buyer personal data columns are filled with invented people, as in
real files, so the readers' privacy guarantees can be tested.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from appeal_assistant.demo.catalog import (
    CATALOG,
    CITIES,
    DEFECT_COMMENTS,
    DEFECT_RETURN_COMMENTS,
    DISRUPTION_COMMENTS,
    NEGATIVE_COMMENTS,
    NEUTRAL_COMMENTS,
    POSITIVE_COMMENTS,
    RETURN_REASONS,
    SHIP_METHODS,
)
from appeal_assistant.demo.format import Formatter, Strs, cat, strs, write_table
from appeal_assistant.demo.simulate import CANCEL_BUYER, CANCEL_NONE, CANCEL_SELLER, CLAIM_A_TO_Z, World

__all__ = [
    "ALL_ORDERS_COLUMNS",
    "CLAIMS_COLUMNS",
    "FBA_RETURNS_COLUMNS",
    "FEEDBACK_COLUMNS",
    "MFN_RETURNS_COLUMNS",
    "SHIPMENTS_COLUMNS",
    "write_reports",
]

ALL_ORDERS_COLUMNS = (
    "amazon-order-id",
    "merchant-order-id",
    "purchase-date",
    "last-updated-date",
    "order-status",
    "fulfillment-channel",
    "sales-channel",
    "order-channel",
    "ship-service-level",
    "product-name",
    "sku",
    "asin",
    "item-status",
    "quantity",
    "currency",
    "item-price",
    "item-tax",
    "shipping-price",
    "shipping-tax",
    "gift-wrap-price",
    "gift-wrap-tax",
    "item-promotion-discount",
    "ship-promotion-discount",
    "ship-city",
    "ship-state",
    "ship-postal-code",
    "ship-country",
    "promotion-ids",
    "cpf",
    "is-business-order",
    "purchase-order-number",
    "price-designation",
)
SHIPMENTS_COLUMNS = (
    "order-id",
    "purchase-date",
    "expected-ship-date",
    "ship-date",
    "carrier",
    "ship-method",
    "tracking-number",
    "first-scan-date",
    "promised-delivery-date",
    "actual-delivery-date",
    "category",
    "sku",
    "order-status",
    "cancelled-by",
    "cancel-reason",
    "buyer-name",
    "buyer-email",
    "buyer-phone-number",
    "recipient-name",
    "ship-address-1",
    "ship-address-2",
    "ship-city",
    "ship-state",
    "ship-postal-code",
    "ship-country",
    "delivery-instructions",
)
FBA_RETURNS_COLUMNS = (
    "return-date",
    "order-id",
    "sku",
    "asin",
    "fnsku",
    "product-name",
    "quantity",
    "fulfillment-center-id",
    "detailed-disposition",
    "reason",
    "status",
    "license-plate-number",
    "customer-comments",
)
MFN_RETURNS_COLUMNS = (
    "Order ID",
    "Order date",
    "Return request date",
    "Return request status",
    "Amazon RMA ID",
    "Merchant RMA ID",
    "Label type",
    "Label cost",
    "Currency code",
    "Return carrier",
    "Tracking ID",
    "Label to be paid by",
    "A-to-Z Claim",
    "Is prime",
    "ASIN",
    "Merchant SKU",
    "Item Name",
    "Return quantity",
    "Return Reason",
    "In policy",
    "Return type",
    "Resolution",
    "Invoice number",
    "Return delivery date",
    "Order Amount",
    "Order quantity",
    "SafeT Action reason",
    "SafeT claim id",
    "SafeT claim state",
    "SafeT claim creation time",
    "SafeT claim reimbursement amount",
    "Refunded Amount",
)
FEEDBACK_COLUMNS = ("Date", "Rating", "Comments", "Your Response", "Order ID", "Rater Email")
CLAIMS_COLUMNS = (
    "claim-id",
    "order-id",
    "claim-type",
    "claim-date",
    "reason",
    "chargeback-category",
    "status",
    "amount",
    "currency",
    "buyer-name",
)


def write_reports(world: World, out: Path) -> dict[str, Strs]:
    """Write every report file into ``out``; returns the PII values written (for privacy tests)."""
    w = world
    f = Formatter(w)
    n, m = w.n_orders, w.item_order.shape[0]
    order_id = f.order_ids()
    cancelled = w.cancelled_by != CANCEL_NONE
    known_ship = w.known(w.ship_day)
    status = np.where(
        cancelled, "Cancelled", np.where(w.pending, "Pending", np.where(known_ship, "Shipped", "Unshipped"))
    ).astype(object)
    city_idx = f.rng.integers(0, len(CITIES), size=n)
    cities = np.array([c[0] for c in CITIES], dtype=object)[city_idx]
    states = np.array([c[1] for c in CITIES], dtype=object)[city_idx]
    zips = np.array([c[2] for c in CITIES], dtype=object)[city_idx]
    method_safe = np.where(w.method < 0, 0, w.method)
    level = np.where(
        w.is_afn,
        np.where(f.rng.random(n) < 0.12, "Expedited", "Standard"),
        np.array([s.service_level for s in SHIP_METHODS], dtype=object)[method_safe],
    ).astype(object)

    # ------------------------------------------------------------ All Orders (one row per item)
    io, ip = w.item_order, w.item_product
    prices = np.array([p.price for p in CATALOG])[ip] * w.item_qty
    item_cancelled = cancelled[io]
    price_s = np.where(item_cancelled, "", np.char.mod("%.2f", prices)).astype(object)
    tax_s = np.where(item_cancelled, "", np.char.mod("%.2f", np.round(prices * 0.08, 2))).astype(object)
    zero = np.where(item_cancelled, "", "0.00").astype(object)
    last_upd = np.where(known_ship, w.ship_day, w.purchase_day)
    empty_m = np.full(m, "", dtype=object)
    orders = {
        "amazon-order-id": order_id[io],
        "merchant-order-id": empty_m,
        "purchase-date": cat(np.datetime_as_string(w.purchase_s, unit="s"), "+00:00")[io],
        "last-updated-date": f.timestamp(last_upd)[io],
        "order-status": status[io],
        "fulfillment-channel": np.where(w.is_afn, "Amazon", "Merchant").astype(object)[io],
        "sales-channel": np.full(m, "Amazon.com", dtype=object),
        "order-channel": empty_m,
        "ship-service-level": level[io],
        "product-name": np.array([p.name for p in CATALOG], dtype=object)[ip],
        "sku": np.array([p.sku for p in CATALOG], dtype=object)[ip],
        "asin": np.array([p.asin for p in CATALOG], dtype=object)[ip],
        "item-status": np.where(
            item_cancelled, "Cancelled", np.where(known_ship[io], "Shipped", "Unshipped")
        ).astype(object),
        "quantity": strs(w.item_qty),
        "currency": np.full(m, "USD", dtype=object),
        "item-price": price_s,
        "item-tax": tax_s,
        "shipping-price": zero,
        "shipping-tax": zero,
        "gift-wrap-price": empty_m,
        "gift-wrap-tax": empty_m,
        "item-promotion-discount": zero,
        "ship-promotion-discount": zero,
        "ship-city": cities[io],
        "ship-state": states[io],
        "ship-postal-code": zips[io],
        "ship-country": np.full(m, "US", dtype=object),
        "promotion-ids": empty_m,
        "cpf": empty_m,
        "is-business-order": np.full(m, "false", dtype=object),
        "purchase-order-number": empty_m,
        "price-designation": empty_m,
    }
    write_table(out / "all_orders.txt", ALL_ORDERS_COLUMNS, orders, "\t")

    # ------------------------------------------------------------ shipments (seller-fulfilled orders)
    mfn_idx = np.flatnonzero(~w.is_afn)
    k = mfn_idx.shape[0]
    first_item = np.searchsorted(io, mfn_idx)
    mth = w.method[mfn_idx]
    carrier = np.array([s.carrier for s in SHIP_METHODS], dtype=object)[mth]
    number_map = {"USPS": ("9400", 18), "UPS": ("1Z", 16), "FedEx": ("", 12), "Parcelwise": ("PW", 10)}
    tracking = np.full(k, "", dtype=object)
    for name, (prefix, width) in number_map.items():
        sel = carrier == name
        tracking[sel] = cat(prefix, f.digits(int(sel.sum()), width))
    shipped_known = known_ship[mfn_idx]
    tracking[~(w.has_number[mfn_idx] & shipped_known)] = ""
    delivered_known = f.known_iso(w.delivered)[mfn_idx]
    delivered_known[~w.scanned[mfn_idx]] = ""
    by = np.array(["", "buyer", "seller", "system"], dtype=object)[w.cancelled_by[mfn_idx]]
    people = f.people(k)
    recipient = np.where(f.rng.random(k) < 0.15, f.people(k)["name"], people["name"]).astype(object)
    shipments = {
        "order-id": order_id[mfn_idx],
        "purchase-date": orders["purchase-date"][first_item],
        "expected-ship-date": strs(np.datetime_as_string(w.expected_ship[mfn_idx], unit="D")),
        "ship-date": f.known_iso(w.ship_day)[mfn_idx],
        "carrier": np.where(shipped_known, carrier, "").astype(object),
        "ship-method": np.where(
            shipped_known, np.array([s.method for s in SHIP_METHODS], dtype=object)[mth], ""
        ).astype(object),
        "tracking-number": tracking,
        "first-scan-date": f.known_iso(w.first_scan)[mfn_idx],
        "promised-delivery-date": strs(np.datetime_as_string(w.promised[mfn_idx], unit="D")),
        "actual-delivery-date": delivered_known,
        "category": np.array(w.categories, dtype=object)[w.category[mfn_idx]],
        "sku": orders["sku"][first_item],
        "order-status": status[mfn_idx],
        "cancelled-by": by,
        "cancel-reason": strs(w.cancel_reason[mfn_idx]),
        "buyer-name": people["name"],
        "buyer-email": people["email"],
        "buyer-phone-number": people["phone"],
        "recipient-name": recipient,
        "ship-address-1": people["street"],
        "ship-address-2": people["apt"],
        "ship-city": cities[mfn_idx],
        "ship-state": states[mfn_idx],
        "ship-postal-code": zips[mfn_idx],
        "ship-country": np.full(k, "US", dtype=object),
        "delivery-instructions": people["note"],
    }
    write_table(out / "shipments.tsv", SHIPMENTS_COLUMNS, shipments, "\t")

    # ------------------------------------------------------------ returns
    ret_known = w.known(w.ret_day)
    r_items = w.ret_item[ret_known]
    r_days = w.ret_day[ret_known]
    r_reason = w.ret_reason[ret_known]
    r_comment = w.ret_comment[ret_known]
    r_order = io[r_items]
    afn_ret = w.is_afn[r_order]
    a = np.flatnonzero(afn_ret)
    codes = np.array([c for c, _, _ in RETURN_REASONS], dtype=object)
    defect_c = np.array(DEFECT_RETURN_COMMENTS, dtype=object)[
        f.rng.integers(0, len(DEFECT_RETURN_COMMENTS), size=a.shape[0])
    ]
    other_c = np.array(
        ["", "", "", "not needed", "changed my mind", "call 555-0199 re refund"], dtype=object
    )[f.rng.integers(0, 6, size=a.shape[0])]
    is_defect = r_comment[a] == "defect"
    fba_reason = codes[r_reason[a]]
    disposition = np.where(
        np.isin(fba_reason, ["DEFECTIVE", "QUALITY_UNACCEPTABLE"]),
        "DEFECTIVE",
        np.where(fba_reason == "DAMAGED_BY_CARRIER", "CARRIER_DAMAGED", "SELLABLE"),
    ).astype(object)
    fnsku = np.array([f"X00{i:02d}K7{p.asin[-3:]}" for i, p in enumerate(CATALOG)], dtype=object)
    fba = {
        "return-date": f.timestamp(r_days[a]),
        "order-id": order_id[r_order[a]],
        "sku": orders["sku"][r_items[a]],
        "asin": orders["asin"][r_items[a]],
        "fnsku": fnsku[ip[r_items[a]]],
        "product-name": orders["product-name"][r_items[a]],
        "quantity": np.full(a.shape[0], "1", dtype=object),
        "fulfillment-center-id": np.array(["PHX7", "ONT8", "BFI4", "MDW2"], dtype=object)[
            f.rng.integers(0, 4, size=a.shape[0])
        ],
        "detailed-disposition": disposition,
        "reason": fba_reason,
        "status": np.where(disposition == "SELLABLE", "Unit returned to inventory", "Reimbursed").astype(
            object
        ),
        "license-plate-number": cat("LPN", f.alnum(a.shape[0], 10)),
        "customer-comments": np.where(is_defect, defect_c, other_c).astype(object),
    }
    write_table(out / "fba_customer_returns.txt", FBA_RETURNS_COLUMNS, fba, "\t")

    b = np.flatnonzero(~afn_ret)
    bm = b.shape[0]
    mfn_codes = np.array([c for _, c, _ in RETURN_REASONS], dtype=object)
    req = r_days[b]
    blank = np.full(bm, "", dtype=object)
    mfn_ret = {
        "Order ID": order_id[r_order[b]],
        "Order date": f.dd_mon_yyyy(w.purchase_day[r_order[b]]),
        "Return request date": f.dd_mon_yyyy(req),
        "Return request status": np.full(bm, "Approved", dtype=object),
        "Amazon RMA ID": cat("D", f.alnum(bm, 8), "RRMA"),
        "Merchant RMA ID": blank,
        "Label type": np.full(bm, "AmazonPrePaidLabel", dtype=object),
        "Label cost": np.full(bm, "6.45", dtype=object),
        "Currency code": np.full(bm, "USD", dtype=object),
        "Return carrier": np.full(bm, "USPS", dtype=object),
        "Tracking ID": cat("9202", f.digits(bm, 18)),
        "Label to be paid by": np.full(bm, "Seller", dtype=object),
        "A-to-Z Claim": np.full(bm, "N", dtype=object),
        "Is prime": np.full(bm, "N", dtype=object),
        "ASIN": orders["asin"][r_items[b]],
        "Merchant SKU": orders["sku"][r_items[b]],
        "Item Name": orders["product-name"][r_items[b]],
        "Return quantity": np.full(bm, "1", dtype=object),
        "Return Reason": mfn_codes[r_reason[b]],
        "In policy": np.full(bm, "Y", dtype=object),
        "Return type": np.full(bm, "C-Returns", dtype=object),
        "Resolution": np.full(bm, "StandardRefund", dtype=object),
        "Invoice number": blank,
        "Return delivery date": f.dd_mon_yyyy(req + np.timedelta64(5, "D")),
        "Order Amount": orders["item-price"][r_items[b]],
        "Order quantity": orders["quantity"][r_items[b]],
        "SafeT Action reason": blank,
        "SafeT claim id": blank,
        "SafeT claim state": blank,
        "SafeT claim creation time": blank,
        "SafeT claim reimbursement amount": blank,
        "Refunded Amount": orders["item-price"][r_items[b]],
    }
    write_table(out / "seller_fulfilled_returns.txt", MFN_RETURNS_COLUMNS, mfn_ret, "\t")

    # ------------------------------------------------------------ feedback
    fb_known = w.known(w.fb_day)
    fo, fd = w.fb_order[fb_known], w.fb_day[fb_known]
    kinds, picks = w.fb_comment_kind[fb_known], w.fb_comment_pick[fb_known]
    pools = [POSITIVE_COMMENTS, NEUTRAL_COMMENTS, NEGATIVE_COMMENTS, DISRUPTION_COMMENTS, DEFECT_COMMENTS]
    comments = np.array(
        [pools[kd][pk % len(pools[kd])] for kd, pk in zip(kinds, picks, strict=True)], dtype=object
    )
    order = np.argsort(fd, kind="stable")
    fb_people = f.people(fo.shape[0])
    feedback = {
        "Date": f.m_d_yy(fd)[order],
        "Rating": strs(w.fb_rating[fb_known])[order],
        "Comments": comments[order],
        "Your Response": np.full(fo.shape[0], "", dtype=object),
        "Order ID": order_id[fo][order],
        "Rater Email": fb_people["email"][order],
    }
    write_table(out / "feedback.txt", FEEDBACK_COLUMNS, feedback, "\t")

    # ------------------------------------------------------------ claims and chargebacks
    cl_known = w.known(w.cl_day)
    co = w.cl_order[cl_known]
    ck = co.shape[0]
    totals = np.zeros(n)
    np.add.at(totals, io, prices)
    order2 = np.lexsort((co, w.cl_day[cl_known].astype(np.int64)))
    cl_people = f.people(ck)
    claims = {
        "claim-id": strs(f.rng.permutation(ck) + 3_104_000_000 + f.rng.integers(0, 1000)),
        "order-id": order_id[co],
        "claim-type": np.where(w.cl_type[cl_known] == CLAIM_A_TO_Z, "A-to-z Guarantee", "Chargeback").astype(
            object
        ),
        "claim-date": strs(np.datetime_as_string(w.cl_day[cl_known], unit="D")),
        "reason": strs(w.cl_reason[cl_known]),
        "chargeback-category": strs(w.cl_category[cl_known]),
        "status": strs(w.cl_status[cl_known]),
        "amount": np.char.mod("%.2f", totals[co]).astype(object),
        "currency": np.full(ck, "USD", dtype=object),
        "buyer-name": cl_people["name"],
    }
    claims = {key: value[order2] for key, value in claims.items()}
    write_table(out / "claims.csv", CLAIMS_COLUMNS, claims, ",")

    return {
        "names": np.concatenate([people["name"], recipient, cl_people["name"]]),
        "emails": np.concatenate([people["email"], fb_people["email"]]),
        "phones": people["phone"],
        "streets": people["street"],
        "notes": people["note"],
        "order_ids": order_id,
        "seller_cancelled": order_id[w.cancelled_by == CANCEL_SELLER],
        "buyer_cancelled": order_id[w.cancelled_by == CANCEL_BUYER],
    }
