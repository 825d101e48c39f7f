"""Hand-computed fixtures for the remaining metrics and edges, read through the real file readers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from appeal_assistant.metrics.analyze import analyze_paths
from appeal_assistant.metrics.policy import classify
from appeal_assistant.models import Channel, Marketplace, MetricStatus

ORDERS_HEADER = "amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tsku\tasin\tquantity\n"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_item_rows_of_one_order_split_across_files_count_once(tmp_path: Path) -> None:
    _write(
        tmp_path / "a.txt",
        ORDERS_HEADER
        + "111-0000001-0000001\t2026-10-01T08:00:00+00:00\tShipped\tMerchant\tSKU-A\tB0AAAAAAAA\t1\n"
        + "111-0000002-0000002\t2026-10-02T08:00:00+00:00\tShipped\tMerchant\tSKU-A\tB0AAAAAAAA\t1\n",
    )
    _write(
        tmp_path / "b.txt",
        ORDERS_HEADER
        + "111-0000001-0000001\t2026-10-01T08:00:00+00:00\tShipped\tMerchant\tSKU-B\tB0BBBBBBBB\t1\n",
    )
    _write(
        tmp_path / "fb.txt",
        "Date\tRating\tComments\tYour Response\tOrder ID\tRater Email\n"
        "10/05/26\t1\tbroken\t\t111-0000001-0000001\tx@marketplace.amazon.com\n",
    )
    report = analyze_paths([tmp_path], as_of=date(2026, 10, 31))
    odr = report.metric("odr", Channel.MFN, 60)
    assert odr is not None and (odr.numerator, odr.denominator) == (1, 2)


def test_one_order_only(tmp_path: Path) -> None:
    _write(
        tmp_path / "o.txt",
        ORDERS_HEADER
        + "111-0000009-0000009\t2026-10-30T08:00:00+00:00\tShipped\tAmazon\tSKU-A\tB0AAAAAAAA\t1\n",
    )
    report = analyze_paths([tmp_path])
    assert report.as_of == date(2026, 10, 30)
    afn = report.metric("odr", Channel.AFN, 60)
    mfn = report.metric("odr", Channel.MFN, 60)
    assert afn is not None and (afn.numerator, afn.denominator) == (0, 1) and afn.status is MetricStatus.OK
    assert mfn is not None and mfn.denominator == 0 and mfn.status is MetricStatus.NO_DATA


def test_on_time_delivery_window_ends_seven_days_back(tmp_path: Path) -> None:
    header = (
        "order-id\tpurchase-date\texpected-ship-date\tship-date\ttracking-number\tfirst-scan-date\t"
        "promised-delivery-date\tactual-delivery-date\torder-status\n"
    )
    rows = [
        # promised inside [as_of-20, as_of-7]: on time, late, never delivered, untracked (excluded)
        ("A", "2026-10-12", "1Z1", "2026-10-12", "2026-10-15", "2026-10-14"),
        ("B", "2026-10-12", "1Z2", "2026-10-12", "2026-10-15", "2026-10-17"),
        ("C", "2026-10-12", "1Z3", "2026-10-12", "2026-10-16", ""),
        ("D", "2026-10-12", "", "", "2026-10-16", "2026-10-16"),
        # promised inside the most recent 7 days: not counted yet
        ("E", "2026-10-26", "1Z5", "2026-10-26", "2026-10-29", "2026-10-28"),
    ]
    body = "".join(
        f"{o}\t2026-10-10T00:00:00+00:00\t{s}\t{s}\t{t}\t{scan}\t{p}\t{d}\tShipped\n"
        for o, s, t, scan, p, d in rows
    )
    _write(tmp_path / "ship.tsv", header + body)
    report = analyze_paths([tmp_path / "ship.tsv"], as_of=date(2026, 10, 31))
    otdr = report.metric("on_time_delivery_rate", Channel.MFN, 14)
    assert otdr is not None and (otdr.numerator, otdr.denominator) == (1, 3)
    assert (otdr.date_from, otdr.date_to) == (date(2026, 10, 11), date(2026, 10, 24))
    assert otdr.status is MetricStatus.BREACH


def test_return_rate_groups_and_feedback_windows(tmp_path: Path) -> None:
    _write(
        tmp_path / "o.txt",
        ORDERS_HEADER
        + "".join(
            f"111-000000{i}-000000{i}\t2026-10-0{i}T08:00:00+00:00\tShipped\tAmazon\tSKU-A\tB0AAAAAAAA\t1\n"
            for i in range(1, 5)
        ),
    )
    _write(
        tmp_path / "r.txt",
        "return-date\torder-id\tsku\tasin\tdetailed-disposition\treason\tcustomer-comments\n"
        "2026-10-10T00:00:00+00:00\t111-0000001-0000001\tSKU-A\tB0AAAAAAAA\tDEFECTIVE\tDEFECTIVE\t\n"
        "2026-10-11T00:00:00+00:00\t111-0000001-0000001\tSKU-A\tB0AAAAAAAA\tDEFECTIVE\tQUALITY_UNACCEPTABLE\t\n"
        "2026-10-12T00:00:00+00:00\t111-0000002-0000002\tSKU-A\tB0AAAAAAAA\tSELLABLE\tUNWANTED_ITEM\t\n",
    )
    _write(
        tmp_path / "fb.txt",
        "Date\tRating\tComments\tYour Response\tOrder ID\tRater Email\n"
        "10/20/26\t2\tlate\t\t111-0000003-0000003\t\n10/21/26\t5\tgreat\t\t111-0000004-0000004\t\n"
        "5/01/26\t1\told\t\t111-0000004-0000004\t\n",
    )
    report = analyze_paths([tmp_path], as_of=date(2026, 10, 31))
    quality = report.metric("return_rate", Channel.ALL, 60, "reason_group:product_quality")
    buyer = report.metric("return_rate", Channel.ALL, 60, "reason_group:buyer_side")
    assert quality is not None and (quality.numerator, quality.denominator) == (
        1,
        4,
    )  # two returns, one order
    assert buyer is not None and buyer.numerator == 1
    fb30 = report.metric("negative_feedback_share", Channel.ALL, 30)
    fb365 = report.metric("negative_feedback_share", Channel.ALL, 365)
    assert fb30 is not None and (fb30.numerator, fb30.denominator) == (1, 2)
    assert fb365 is not None and (fb365.numerator, fb365.denominator) == (2, 3)


GENERIC = (
    "order-id,order-date,marketplace,order-status,cancelled-by,cancel-reason,expected-ship-date,ship-date,"
    "tracking-number,promised-delivery-date,actual-delivery-date,return-date,feedback-date,"
    "feedback-rating,claim-type,claim-date,claim-outcome\n"
)


def test_ebay_metrics_from_the_generic_schema(tmp_path: Path) -> None:
    rows = []
    for i in range(100):
        status, by, reason = ("Cancelled", "seller", "out_of_stock") if i < 3 else ("Shipped", "", "")
        ship = "" if status == "Cancelled" else ("2026-10-06" if i < 8 else "2026-10-04")
        outcome = "closed_without_seller_resolution" if i in (10, 11) else ""
        claim = "item_not_received" if outcome else ""
        rows.append(
            f"E{i:03d},2026-10-03,ebay,{status},{by},{reason},2026-10-05,{ship},TRK{i},2026-10-09,"
            f"2026-10-08,,,,{claim},{'2026-10-12' if claim else ''},{outcome}\n"
        )
    _write(tmp_path / "ebay.csv", GENERIC + "".join(rows))
    report = analyze_paths([tmp_path / "ebay.csv"], as_of=date(2026, 10, 31))
    assert report.marketplace is Marketplace.EBAY
    tdr = report.metric("ebay_transaction_defect_rate", Channel.ALL, 365)
    assert tdr is not None and (tdr.numerator, tdr.denominator) == (5, 100)  # fewer than 400: 12 months
    closed = report.metric("ebay_cases_closed_without_resolution", Channel.ALL, 365)
    assert closed is not None and closed.numerator == 2 and closed.status is MetricStatus.BREACH
    late = report.metric("ebay_late_shipment_rate", Channel.ALL, 365)
    assert late is not None and (late.numerator, late.denominator) == (5, 97)
    assert any("12 months" in w for w in report.warnings)
    assert any(f.metric_id == "ebay_transaction_defect_rate" for f in report.findings)


def test_walmart_metrics_from_the_generic_schema(tmp_path: Path) -> None:
    rows = []
    for i in range(50):
        delivered = "2026-10-25" if i < 10 else "2026-10-18"
        rating = "negative" if i < 2 else ("5" if i < 20 else "")
        rows.append(
            f"W{i:03d},2026-10-15,walmart,Shipped,,,2026-10-16,2026-10-16,TRK{i},2026-10-20,{delivered},"
            f"{'2026-10-28' if i < 4 else ''},{'2026-10-26' if rating else ''},{rating},,,\n"
        )
    _write(tmp_path / "wm.csv", GENERIC + "".join(rows))
    report = analyze_paths([tmp_path / "wm.csv"], as_of=date(2026, 10, 31), marketplace=Marketplace.WALMART)
    otd = report.metric("walmart_on_time_delivery_rate", Channel.ALL, 30)
    assert (
        otd is not None and (otd.numerator, otd.denominator) == (40, 50) and otd.status is MetricStatus.BREACH
    )
    neg = report.metric("walmart_negative_feedback_rate", Channel.ALL, 60)
    assert neg is not None and (neg.numerator, neg.denominator) == (2, 50)
    ret = report.metric("walmart_return_rate", Channel.ALL, 60)
    assert ret is not None and ret.numerator == 4
    assert classify(0.02, 0.02, "max") is MetricStatus.BREACH


def test_odr_defect_download_counts_defects(tmp_path: Path) -> None:
    _write(
        tmp_path / "o.txt",
        ORDERS_HEADER
        + "".join(
            f"111-000000{i}-000000{i}\t2026-10-0{i}T08:00:00+00:00\tShipped\tMerchant\tSKU-A\tB0AAAAAAAA\t1\n"
            for i in range(1, 6)
        ),
    )
    _write(
        tmp_path / "defects.csv",
        "order-date,order-id,fulfilled-by,defect-type\n"
        "2026-10-01,111-0000001-0000001,Seller,Negative feedback\n"
        "2026-10-02,111-0000002-0000002,Seller,A-to-z Guarantee claim\n"
        "2026-10-02,111-0000002-0000002,Seller,Negative feedback\n",
    )
    report = analyze_paths([tmp_path], as_of=date(2026, 10, 31))
    odr = report.metric("odr", Channel.MFN, 60)
    assert odr is not None and (odr.numerator, odr.denominator) == (2, 5)
    claims = report.metric("odr_a_to_z_claims", Channel.MFN, 60)
    assert claims is not None and claims.numerator == 1


def test_ebay_findings_are_ordered_most_severe_first(tmp_path: Path) -> None:
    rows = [
        f"E{i:03d},2026-10-03,ebay,Shipped,,,2026-10-05,{'2026-10-07' if i < 5 else '2026-10-04'},T{i},"
        f"2026-10-09,2026-10-08,,,,{'item_not_received' if i < 1 else ''},{'2026-10-12' if i < 1 else ''},"
        f"{'closed_without_seller_resolution' if i < 1 else ''}\n"
        for i in range(120)
    ]
    _write(tmp_path / "ebay.csv", GENERIC + "".join(rows))
    report = analyze_paths([tmp_path / "ebay.csv"], as_of=date(2026, 10, 31))
    ranks = [["critical", "high", "medium", "low", "info"].index(f.severity.value) for f in report.findings]
    assert ranks == sorted(ranks) and len(ranks) >= 2


def test_a_small_subset_of_a_drivers_defects_never_replaces_it() -> None:
    """One SKU holding 6 of a carrier's 138 failures, at a higher rate, is a detail, not the driver."""
    import numpy as np
    import pandas as pd

    from appeal_assistant.metrics.drivers import DefectSet, find_drivers

    n = 700
    carrier = np.zeros(n, dtype=np.int64)  # 0 = other carriers, 1 = USPS First-Class
    carrier[:316] = 1
    sku = np.zeros(n, dtype=np.int64)  # 0 = other SKUs, 1 = the puzzle
    sku[:11] = 1
    defect = np.zeros(n, dtype=bool)
    defect[:138] = True  # 138 of the carrier's 316 packages (the puzzle's first 6 among them)
    defect[316:321] = True  # 5 elsewhere
    sku_defects = defect & (sku == 1)
    assert sku_defects.sum() == 11  # the puzzle's 11 packages all failed: a 100% rate inside the carrier
    base = pd.DataFrame(
        {
            "order_id": np.arange(n, dtype=np.int64),
            "day": np.full(n, np.datetime64("2026-11-01", "D")),
            "defect": defect,
            "carrier_method": carrier,
            "sku": sku,
        }
    )
    ds = DefectSet(
        "valid_tracking_rate",
        "packages without valid tracking",
        base,
        ("carrier_method", "sku"),
        names=np.array([f"order-{i}" for i in range(n)], dtype=object),
        uniques={
            "carrier_method": np.array(["other", "USPS First-Class Mail"], dtype=object),
            "sku": np.array(["other", "PUZZLE-1000-MAP"], dtype=object),
        },
    )
    drivers = find_drivers(ds)
    assert drivers[0].values == ("USPS First-Class Mail",)
    assert drivers[0].defects == 138
    assert all(d.values != ("PUZZLE-1000-MAP",) for d in drivers)  # its defects are the carrier's
