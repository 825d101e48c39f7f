"""The demo generator: formats, determinism, truth counted by hand, scenarios, CLI errors."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from appeal_assistant.cli import main
from appeal_assistant.demo import SCENARIOS, DemoConfig, generate_demo
from appeal_assistant.demo.messages import MESSAGES_COLUMNS
from appeal_assistant.demo.writers import (
    ALL_ORDERS_COLUMNS,
    CLAIMS_COLUMNS,
    FBA_RETURNS_COLUMNS,
    FEEDBACK_COLUMNS,
    MFN_RETURNS_COLUMNS,
    SHIPMENTS_COLUMNS,
)
from appeal_assistant.metrics.policy import classify, policy
from appeal_assistant.models import MetricStatus

AS_OF = date(2026, 11, 16)


def _rows(path: Path, delimiter: str = "\t") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo_small")
    generate_demo(out, DemoConfig(orders=4000, seed=11, as_of=AS_OF))
    return out


def _metric(
    truth: dict[str, Any], metric_id: str, channel: str, window: int, segment: str | None = None
) -> dict[str, Any]:
    for m in truth["metrics"]:
        if (m["id"], m["channel"], m["window_days"], m["segment"]) == (metric_id, channel, window, segment):
            return m  # type: ignore[no-any-return]
    raise AssertionError(f"{metric_id} {channel} {window} {segment} missing from truth.json")


def test_every_file_has_its_exact_header(small: Path) -> None:
    expected = {
        "all_orders.txt": ("\t", ALL_ORDERS_COLUMNS),
        "shipments.tsv": ("\t", SHIPMENTS_COLUMNS),
        "fba_customer_returns.txt": ("\t", FBA_RETURNS_COLUMNS),
        "seller_fulfilled_returns.txt": ("\t", MFN_RETURNS_COLUMNS),
        "feedback.txt": ("\t", FEEDBACK_COLUMNS),
        "claims.csv": (",", CLAIMS_COLUMNS),
        "buyer_messages.csv": (",", MESSAGES_COLUMNS),
    }
    for name, (delimiter, columns) in expected.items():
        first = (small / name).read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.split(delimiter) == list(columns), name
        assert len(_rows(small / name, delimiter)) > 0, name
    health = json.loads((small / "account_health.json").read_text())
    perf = health["performanceMetrics"][0]
    assert set(perf["orderDefectRate"]) == {"mfn", "afn"}
    assert perf["lateShipmentRate"]["targetCondition"] == "LESS_THAN"
    assert {"accountStatuses", "performanceMetrics"} <= set(health)
    for scenario in SCENARIOS:
        assert (small / f"notice_{scenario}.txt").is_file()


def test_real_file_conventions(small: Path) -> None:
    orders = _rows(small / "all_orders.txt")
    assert {r["fulfillment-channel"] for r in orders} == {"Amazon", "Merchant"}
    assert all(r["purchase-date"].endswith("+00:00") for r in orders[:50])
    ret = _rows(small / "seller_fulfilled_returns.txt")
    assert all(
        len(r["Return request date"].split("-")) == 3 and r["Return request date"][3:6].isalpha() for r in ret
    )
    fb = _rows(small / "feedback.txt")
    assert all(r["Date"].count("/") == 2 for r in fb)
    skus = {r["sku"] for r in orders}
    assert len(skus) >= 10
    ships = _rows(small / "shipments.tsv")
    assert len({r["carrier"] for r in ships if r["carrier"]}) >= 4
    assert len({r["category"] for r in ships}) >= 4
    first = min(date.fromisoformat(r["purchase-date"][:10]) for r in orders)
    assert (AS_OF - first).days >= 120
    # Buyer personal data is present, as in real exports.
    assert all(r["buyer-name"] and "@" in r["buyer-email"] and r["ship-address-1"] for r in ships[:20])


def test_same_seed_same_bytes_and_other_seed_differs(tmp_path: Path) -> None:
    config = DemoConfig(orders=1500, seed=5, as_of=AS_OF)
    generate_demo(tmp_path / "a", config)
    generate_demo(tmp_path / "b", config)
    generate_demo(tmp_path / "c", DemoConfig(orders=1500, seed=6, as_of=AS_OF))
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert (tmp_path / "a" / "all_orders.txt").read_bytes() != (
        tmp_path / "c" / "all_orders.txt"
    ).read_bytes()


def _in(day: date, lo: date, hi: date) -> bool:
    return lo <= day <= hi


def test_truth_matches_counts_done_by_hand_on_the_files(small: Path) -> None:
    truth = json.loads((small / "truth.json").read_text())
    orders: dict[str, dict[str, str]] = {}
    for r in _rows(small / "all_orders.txt"):
        orders.setdefault(r["amazon-order-id"], r)
    ships = {r["order-id"]: r for r in _rows(small / "shipments.tsv")}

    # Pre-fulfilment cancel rate, 7 days: merchant orders by order date; buyer requests excluded.
    lo, hi = AS_OF - timedelta(days=6), AS_OF
    window = [
        oid
        for oid, r in orders.items()
        if r["fulfillment-channel"] == "Merchant" and _in(date.fromisoformat(r["purchase-date"][:10]), lo, hi)
    ]
    seller = [oid for oid in window if ships[oid]["cancelled-by"] in ("seller", "system")]
    m = _metric(truth, "pre_fulfillment_cancel_rate", "mfn", 7)
    assert (m["numerator"], m["denominator"]) == (len(seller), len(window))

    # Late shipment rate, 30 days, by expected ship date.
    lo = AS_OF - timedelta(days=29)
    base = [
        s
        for s in ships.values()
        if s["order-status"] != "Cancelled" and _in(date.fromisoformat(s["expected-ship-date"]), lo, AS_OF)
    ]
    late = [
        s
        for s in base
        if (s["ship-date"] and s["ship-date"] > s["expected-ship-date"])
        or (not s["ship-date"] and s["expected-ship-date"] < AS_OF.isoformat())
    ]
    m = _metric(truth, "late_shipment_rate", "mfn", 30)
    assert (m["numerator"], m["denominator"]) == (len(late), len(base))

    # Valid tracking rate in Jewelry, 30 days, by ship date.
    shipped = [
        s
        for s in ships.values()
        if s["ship-date"]
        and _in(date.fromisoformat(s["ship-date"]), lo, AS_OF)
        and s["category"] == "Jewelry"
    ]
    valid = [s for s in shipped if s["tracking-number"] and s["first-scan-date"]]
    m = _metric(truth, "valid_tracking_rate", "mfn", 30, "category:Jewelry")
    assert (m["numerator"], m["denominator"]) == (len(valid), len(shipped))

    # Order defect rate (seller-fulfilled), 60 days by order date, each order counted once.
    lo = AS_OF - timedelta(days=59)
    defects: dict[str, set[str]] = defaultdict(set)
    for r in _rows(small / "feedback.txt"):
        if int(r["Rating"]) <= 2:
            defects[r["Order ID"]].add("feedback")
    for r in _rows(small / "claims.csv", ","):
        if r["claim-type"] == "A-to-z Guarantee" and r["status"] not in ("Denied", "Withdrawn"):
            defects[r["order-id"]].add("claim")
        if (
            r["claim-type"] == "Chargeback"
            and r["chargeback-category"] == "service"
            and r["status"] not in ("Denied", "Withdrawn", "Reversed")
        ):
            defects[r["order-id"]].add("chargeback")
    base_ids = [
        oid
        for oid, r in orders.items()
        if r["fulfillment-channel"] == "Merchant"
        and r["order-status"] != "Cancelled"
        and _in(date.fromisoformat(r["purchase-date"][:10]), lo, AS_OF)
    ]
    m = _metric(truth, "odr", "mfn", 60)
    assert m["denominator"] == len(base_ids)
    assert m["numerator"] == sum(1 for oid in base_ids if defects.get(oid))
    m = _metric(truth, "odr_negative_feedback", "mfn", 60)
    assert m["numerator"] == sum(1 for oid in base_ids if "feedback" in defects.get(oid, set()))

    # Contact response time, 30 days by the day received: answered within 24 hours; 'no response
    # needed' left out; an unanswered message counts once its 24 hours ended before the end of as_of.
    lo = AS_OF - timedelta(days=29)
    end = datetime.combine(AS_OF + timedelta(days=1), datetime.min.time())
    counted = on_time = 0
    for r in _rows(small / "buyer_messages.csv", ","):
        received = datetime.fromisoformat(r["Date Received"])
        if r["No Response Needed"] or not _in(received.date(), lo, AS_OF):
            continue
        answered = datetime.fromisoformat(r["First Response"]) if r["First Response"] else None
        quick = answered is not None and answered - received <= timedelta(hours=24)
        if quick or received + timedelta(hours=24) <= end:
            counted += 1
            on_time += quick
    m = _metric(truth, "contact_response_time", "all", 30)
    assert (m["numerator"], m["denominator"]) == (on_time, counted) and counted > 50


@pytest.mark.parametrize("seed", [7, 21])
def test_each_scenario_breaches_its_metrics_at_default_as_of(tmp_path: Path, seed: int) -> None:
    truth = generate_demo(tmp_path, DemoConfig(seed=seed)).truth
    breaches = {
        "carrier_disruption": [("odr", "mfn", 60, None), ("late_shipment_rate", "mfn", 30, None)],
        "defective_batch": [("odr", "afn", 60, None)],
        "stock_out": [("pre_fulfillment_cancel_rate", "mfn", 7, None)],
        "missing_tracking": [("valid_tracking_rate", "mfn", 30, "category:Jewelry")],
    }
    for scenario, keys in breaches.items():
        for key in keys:
            m = _metric(truth, *key)
            p = policy(m["id"])
            assert classify(m["value"], p.threshold, p.direction) is MetricStatus.BREACH, (scenario, m)
    drivers = truth["drivers"]
    assert isinstance(drivers, dict)
    assert drivers["carrier_disruption"]["carrier"] == "Parcelwise"
    assert drivers["defective_batch"]["asin"] == "B0C7K2M4QX"


def test_healthy_data_set_has_no_breach(tmp_path: Path) -> None:
    truth = generate_demo(tmp_path, DemoConfig(seed=7, scenarios=())).truth
    metrics = truth["metrics"]
    assert isinstance(metrics, list)
    for m in metrics:
        p = policy(m["id"])
        assert classify(m["value"], p.threshold, p.direction) is not MetricStatus.BREACH, m
    assert not list(tmp_path.glob("notice_*.txt"))


def test_scenario_selection_only_injects_what_was_asked(tmp_path: Path) -> None:
    truth = generate_demo(tmp_path, DemoConfig(seed=7, scenarios=("stock_out",))).truth
    assert truth["scenarios"] == ["stock_out"]
    assert set(truth["drivers"]) == {"stock_out"}  # type: ignore[arg-type]
    assert _metric(truth, "late_shipment_rate", "mfn", 30)["value"] < 0.04
    assert [p.name for p in tmp_path.glob("notice_*.txt")] == ["notice_stock_out.txt"]


def test_cli_writes_every_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["demo", "--out", str(tmp_path / "d"), "--orders", "800", "--seed", "3", "--as-of", "2026-10-01"]
    )
    assert code == 0
    truth = json.loads((tmp_path / "d" / "truth.json").read_text())
    assert truth["as_of"] == "2026-10-01" and truth["orders"] == 800
    for name in truth["files"]:
        assert (tmp_path / "d" / name).is_file()
    assert "truth.json" in capsys.readouterr().out


def test_keep_existing_keeps_a_current_demo_and_rewrites_an_older_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "d"
    args = ["demo", "--out", str(out), "--orders", "300", "--keep-existing"]
    assert main(args) == 0
    assert main(args) == 0
    assert "(kept)" in capsys.readouterr().out
    truth = json.loads((out / "truth.json").read_text())
    del truth["version"]  # as an older generator wrote it
    (out / "truth.json").write_text(json.dumps(truth))
    (out / "buyer_messages.csv").unlink()
    assert main(args) == 0
    assert "older version or incomplete" in capsys.readouterr().err
    assert (out / "buyer_messages.csv").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2026-13-45"], "--as-of '2026-13-45' is not a date"),
        (["--scenario", "flood"], "--scenario 'flood' is unknown"),
        (["--marketplace", "etsy"], "--marketplace 'etsy' is unknown"),
        (["--orders", "0"], "--orders must be at least 1"),
        (["--healthy", "--scenario", "stock_out"], "contradict"),
    ],
)
def test_cli_errors_are_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code = main(["demo", "--out", str(tmp_path / "d"), *args])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_cli_unwritable_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code = main(["demo", "--out", str(blocker / "sub"), "--orders", "10"])
    err = capsys.readouterr().err
    assert code == 2
    assert "cannot write to output folder" in err and "a-file" in err
