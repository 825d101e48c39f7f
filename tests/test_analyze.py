"""The analyzer against the demo's truth, hand-computed edge cases, privacy and start-up cost."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from appeal_assistant.cli import main
from appeal_assistant.demo import DemoConfig, generate_demo
from appeal_assistant.demo.generate import DemoResult
from appeal_assistant.metrics.analyze import analyze_frames, analyze_paths
from appeal_assistant.models import Channel, FindingKind, HealthReport, MetricStatus


def _key(m: dict[str, Any]) -> str:
    return f"{m['id']}|{m['channel']}|{m['window_days']}|{m['segment'] or ''}"


@pytest.fixture(
    scope="module", params=[(3, date(2026, 11, 16)), (19, date(2026, 8, 3)), (42, date(2027, 2, 28))]
)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[DemoResult, HealthReport]:
    seed, as_of = request.param
    out = tmp_path_factory.mktemp(f"demo{seed}")
    result = generate_demo(out, DemoConfig(orders=12000, seed=seed, as_of=as_of))
    return result, analyze_paths([out])


def test_every_metric_equals_truth(demo: tuple[DemoResult, HealthReport]) -> None:
    result, report = demo
    truth = result.truth["metrics"]
    assert isinstance(truth, list)
    got = {m.key: (m.numerator, m.denominator) for m in report.metrics}
    for m in truth:
        assert got.get(_key(m)) == (m["numerator"], m["denominator"]), _key(m)
    assert len(got) == len(truth)
    assert report.as_of.isoformat() == result.truth["as_of"]


def test_injected_drivers_are_the_top_findings(demo: tuple[DemoResult, HealthReport]) -> None:
    result, report = demo
    drivers = result.truth["drivers"]
    assert isinstance(drivers, dict)
    late = [
        f
        for f in report.findings
        if f.kind is FindingKind.DRIVER and f.id.startswith("driver:late_shipment_rate:mfn:30:")
    ]
    assert late[0].evidence_value("value") == "Parcelwise Ground Saver"
    odr_mfn = [
        f for f in report.findings if f.kind is FindingKind.DRIVER and f.id.startswith("driver:odr:mfn:60:")
    ]
    assert odr_mfn[0].evidence_value("value") == "Parcelwise Ground Saver"
    odr_afn = [
        f for f in report.findings if f.kind is FindingKind.DRIVER and f.id.startswith("driver:odr:afn:60:")
    ]
    assert odr_afn[0].evidence_value("value") == drivers["defective_batch"]["asin"]
    cancel = [
        f
        for f in report.findings
        if f.kind is FindingKind.DRIVER and f.id.startswith("driver:pre_fulfillment")
    ]
    assert set(str(cancel[0].evidence_value("value")).split(", ")) == set(drivers["stock_out"]["skus"])
    vtr = [
        f
        for f in report.findings
        if f.kind is FindingKind.DRIVER
        and f.id.startswith("driver:valid_tracking_rate:mfn:30:category:Jewelry:")
    ]
    assert vtr[0].evidence_value("value") == "USPS First-Class Mail"
    spikes = [
        f
        for f in report.findings
        if f.kind is FindingKind.SPIKE and f.id == "spike:late_shipment_rate:mfn:30"
    ]
    assert spikes and drivers["carrier_disruption"]["date_from"] <= str(spikes[0].evidence_value("date_from"))


def test_no_buyer_data_in_any_output(
    demo: tuple[DemoResult, HealthReport], capsys: pytest.CaptureFixture[str]
) -> None:
    result, _ = demo
    outputs = []
    progress = ""
    for args in (["analyze", str(result.out), "--json"], ["analyze", str(result.out)]):
        assert main(args) == 0
        captured = capsys.readouterr()
        outputs.append(captured.out)
        progress += captured.err
    assert "reading" in progress and "computing metrics and findings" in progress
    assert main(["analyze", str(result.out), "--json", "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    text = "\n".join(outputs) + progress
    for kind, values in result.pii.items():
        for value in set(values):
            if len(value) >= 6:
                assert value not in text, (kind, value)
    data = json.loads(outputs[0])  # progress goes to stderr: stdout stays one JSON object
    assert {"as_of", "metrics", "findings", "files", "warnings"} <= set(data)
    assert {
        "id",
        "channel",
        "window_days",
        "numerator",
        "denominator",
        "value",
        "threshold",
        "status",
        "date_from",
        "date_to",
    } <= set(data["metrics"][0])
    assert any(f["kind"] is None and "notice" in f["path"] for f in data["files"])


# ------------------------------------------------------------------ hand-computed tiny cases


def _orders(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """(order id, purchase date, status, channel) -> a canonical orders frame."""
    return pd.DataFrame(
        {
            "order_id": [r[0] for r in rows],
            "purchase_date": pd.to_datetime([r[1] for r in rows], utc=True),
            "order_status": [r[2] for r in rows],
            "channel": [r[3] for r in rows],
            "sku": ["SKU-1"] * len(rows),
            "asin": ["B0TESTTEST"] * len(rows),
        }
    )


def test_odr_counts_an_order_once_and_skips_cancelled_and_denied() -> None:
    orders = _orders(
        [
            ("111-0000001-0000001", "2026-10-01T10:00:00+00:00", "Shipped", "mfn"),
            (
                "111-0000001-0000001",
                "2026-10-01T10:00:00+00:00",
                "Shipped",
                "mfn",
            ),  # second item of the order
            ("111-0000002-0000002", "2026-10-02T10:00:00+00:00", "Shipped", "mfn"),
            ("111-0000003-0000003", "2026-10-03T10:00:00+00:00", "Cancelled", "mfn"),
            ("111-0000004-0000004", "2026-10-04T10:00:00+00:00", "Shipped", "mfn"),
            ("111-0000005-0000005", "2026-07-01T10:00:00+00:00", "Shipped", "mfn"),  # outside the 60 days
        ]
    )
    feedback = pd.DataFrame(
        {
            "order_id": ["111-0000001-0000001", "111-0000005-0000005"],
            "feedback_date": pd.to_datetime(["2026-10-05", "2026-10-05"]),
            "rating": [1, 1],
            "comments": ["", ""],
        }
    )
    claims = pd.DataFrame(
        {
            "order_id": ["111-0000001-0000001", "111-0000002-0000002", "111-0000004-0000004"],
            "claim_type": ["A-to-z Guarantee", "A-to-z Guarantee", "Chargeback"],
            "claim_date": pd.to_datetime(["2026-10-06", "2026-10-06", "2026-10-07"]),
            "reason": ["Item not received"] * 2 + ["Unauthorized transaction"],
            "chargeback_category": ["", "", "fraud"],
            "status": ["Granted", "Denied", "Granted"],
        }
    )
    report = analyze_frames(
        {"orders": orders, "feedback": feedback, "claims": claims}, as_of=date(2026, 10, 31)
    )
    odr = report.metric("odr", Channel.MFN, 60)
    assert odr is not None
    # Orders 1, 2, 4 count (3 is cancelled, 5 is too old); only order 1 has a counted defect (feedback + claim).
    assert (odr.numerator, odr.denominator) == (1, 3)
    assert odr.status is MetricStatus.BREACH
    assert report.metric("odr_a_to_z_claims", Channel.MFN, 60).numerator == 1  # type: ignore[union-attr]
    assert report.metric("odr_chargebacks", Channel.MFN, 60).numerator == 0  # type: ignore[union-attr]
    assert odr.date_from == date(2026, 9, 2) and odr.date_to == date(2026, 10, 31)


def test_empty_window_and_all_cancelled() -> None:
    orders = _orders([("111-0000001-0000001", "2026-10-01T10:00:00+00:00", "Cancelled", "mfn")])
    report = analyze_frames({"orders": orders}, as_of=date(2026, 10, 1))
    odr = report.metric("odr", Channel.MFN, 60)
    assert (
        odr is not None and odr.denominator == 0 and odr.value is None and odr.status is MetricStatus.NO_DATA
    )
    cancel = report.metric("pre_fulfillment_cancel_rate", Channel.MFN, 7)
    assert cancel is not None and (cancel.numerator, cancel.denominator) == (1, 1)
    assert any("who cancelled" in w for w in report.warnings)
    empty = analyze_frames({"orders": orders}, as_of=date(2027, 6, 1))
    assert empty.metric("odr", Channel.MFN, 60).denominator == 0  # type: ignore[union-attr]


def test_late_shipment_and_tracking_by_hand() -> None:
    ship = pd.DataFrame(
        {
            "order_id": ["A", "B", "C", "D"],
            "purchase_date": pd.to_datetime(["2026-10-20"] * 4, utc=True),
            "expected_ship_date": pd.to_datetime(["2026-10-21", "2026-10-21", "2026-10-21", "2026-10-31"]),
            "ship_date": pd.to_datetime(["2026-10-21", "2026-10-23", None, None]),
            "tracking_number": ["1Z1", "", "", ""],
            "first_scan_date": pd.to_datetime(["2026-10-22", None, None, None]),
            "carrier": ["UPS", "USPS", "", ""],
            "ship_method": ["Ground", "Ground Advantage", "", ""],
            "category": ["Toys", "Toys", "Toys", "Toys"],
            "order_status": ["Shipped", "Shipped", "Unshipped", "Unshipped"],
            "cancelled_by": ["", "", "", ""],
        }
    )
    report = analyze_frames({"shipments": ship}, as_of=date(2026, 10, 31))
    lsr = report.metric("late_shipment_rate", Channel.MFN, 30)
    # B shipped after its expected date; C never shipped and its date passed; D is due today (not late yet).
    assert lsr is not None and (lsr.numerator, lsr.denominator) == (2, 4)
    vtr = report.metric("valid_tracking_rate", Channel.MFN, 30)
    assert vtr is not None and (vtr.numerator, vtr.denominator) == (1, 2)


def test_analyze_does_not_import_heavy_libraries(tmp_path: Path) -> None:
    generate_demo(tmp_path, DemoConfig(orders=300, seed=1))
    code = (
        "import sys\nfrom appeal_assistant.cli import main\n"
        f"rc = main(['analyze', {str(tmp_path)!r}, '--json'])\n"
        "heavy = [m for m in ('torch', 'chromadb', 'litellm', 'sentence_transformers') if m in sys.modules]\n"
        "print('HEAVY', heavy)\nraise SystemExit(rc)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "HEAVY []" in proc.stdout


def test_cli_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(tmp_path / "missing")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["analyze", str(tmp_path), "--as-of", "31/12/2026"]) == 2
    assert "is not a date" in capsys.readouterr().err


@pytest.mark.parametrize("market", ["ebay", "walmart"])
def test_ebay_and_walmart_demo_metrics_equal_truth(tmp_path: Path, market: str) -> None:
    from appeal_assistant.models import Marketplace

    result = generate_demo(
        tmp_path,
        DemoConfig(
            orders=9000,
            seed=4,
            marketplace=Marketplace(market),
            scenarios=("carrier_disruption", "stock_out", "missing_tracking"),
        ),
    )
    report = analyze_paths([tmp_path])
    assert report.marketplace.value == market
    got = {m.key: (m.numerator, m.denominator) for m in report.metrics}
    truth = result.truth["metrics"]
    assert isinstance(truth, list) and truth
    for m in truth:
        assert got.get(_key(m)) == (m["numerator"], m["denominator"]), _key(m)
    text = (tmp_path / f"orders_{market}.csv").read_text()
    assert "buyer-name" in text.splitlines()[0]
    notices = result.truth["notices"]
    assert isinstance(notices, dict)
    for name in notices.values():
        assert (tmp_path / name).is_file()
    out = json.dumps(report.model_dump(mode="json"))
    for value in set(result.pii["names"][:200] + result.pii["emails"][:200]):
        assert value not in out
    # the injected causes come out as drivers of the marketplace's metrics, as for Amazon
    drivers = result.truth["drivers"]
    assert isinstance(drivers, dict)
    carrier = f"{drivers['carrier_disruption']['carrier']} {drivers['carrier_disruption']['ship_method']}"
    found = [f for f in report.findings if f.kind is FindingKind.DRIVER]
    assert found and all(f.metric_key in {m.key for m in report.metrics} for f in found)
    late = "ebay_late_shipment_rate" if market == "ebay" else "walmart_on_time_delivery_rate"
    top = [f for f in found if f.metric_id == late]
    assert top and top[0].evidence_value("value") == carrier


def test_driver_severity_follows_the_share_it_explains(demo: tuple[DemoResult, HealthReport]) -> None:
    from appeal_assistant.metrics.drivers import MAJOR_SHARE, MINOR_SHARE
    from appeal_assistant.models import Severity

    _, report = demo
    drivers = [f for f in report.findings if f.kind is FindingKind.DRIVER]
    assert drivers
    for f in drivers:
        assert f.share is not None and f.metric_key is not None
        if f.share < MINOR_SHARE:
            assert f.severity is Severity.LOW, f.title
        elif f.severity in (Severity.CRITICAL, Severity.HIGH):
            assert f.share >= MAJOR_SHARE, f.title
        values = str(f.evidence_value("value")).split(", ")
        assert (" account for " if len(values) > 1 else " accounts for ") in f.title
    # every finding about a metric names that exact metric (segments included)
    keys = {m.key for m in report.metrics}
    assert all(f.metric_key in keys for f in report.findings if f.metric_key is not None)


@pytest.mark.parametrize(
    ("header", "expected", "warned"),
    [
        ("PO#,Order Date,Status,Ship By,Shipped On Date", "walmart", False),
        ("Sales Record Number,Order Number,Sale Date,Ship By Date,Shipped On Date", "ebay", False),
        ("Order Number,Sale Date,Status,Ship By Date,Shipped On Date", "ebay", True),
    ],
)
def test_the_marketplace_of_generic_orders_is_told_from_their_headers(
    tmp_path: Path, header: str, expected: str, warned: bool
) -> None:
    names = header.split(",")
    rows = []
    for n in range(1, 13):
        cells = {name: "" for name in names}
        cells[names[0]] = f"{n}" if names[0] != "Sales Record Number" else f"{100 + n}"
        if "Order Number" in names:  # also the first column of the plain file: the order id
            cells["Order Number"] = f"11-{n:05d}-00001"
        for name in names:
            if "Date" in name or name in ("order-date", "Ship By", "expected-ship-date", "ship-date"):
                cells[name] = f"2026-07-{n:02d}"
        for name in ("Status", "order-status"):
            if name in cells:
                cells[name] = "Shipped"
        rows.append(",".join(cells[name] for name in names))
    path = tmp_path / "orders.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    report = analyze_paths([path])
    assert report.marketplace.value == expected
    assert any("does not say which marketplace" in w for w in report.warnings) is warned


def test_findings_read_as_a_consultant_would_write_them(demo: tuple[DemoResult, HealthReport]) -> None:
    _, report = demo
    for f in report.findings:
        text = f"{f.title} {f.reason}"
        assert "complaint complaints" not in text and "_" not in f.title.split(" (")[0], text
        if f.kind is FindingKind.TREND:
            assert f.title.endswith(
                ("getting worse week by week", "improving week by week", "steady week by week")
            )
            recent, before = (float(x.rstrip("%")) for x in re.findall(r"([\d.]+)%", f.reason)[:2])
            if "getting worse" in f.title:  # the share of defects grew, whichever way the metric points
                assert recent > before


def _generic_file(tmp_path: Path, header: str, row: Any) -> Path:
    path = tmp_path / "orders.csv"
    lines = [header] + [row(n) for n in range(1, 21)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_metric_the_files_cannot_show_is_left_out_not_read_as_zero(tmp_path: Path) -> None:
    """Without a ship-by date no shipment can be late: the metric is missing, with what to map."""
    no_ship_by = _generic_file(
        tmp_path,
        "Sales Record Number,Order Number,Sale Date,Shipped On Date",
        lambda n: f"{n},11-{n:05d}-00001,2026-07-{n:02d},2026-07-{n + 5:02d}",
    )
    report = analyze_paths([no_ship_by])
    assert not [m for m in report.metrics if m.id == "ebay_late_shipment_rate"]
    (warning,) = [w for w in report.warnings if w.startswith("Late shipment rate")]
    assert "no expected-ship-date column" in warning
    assert "--map generic_orders:expected_ship_date=TheirHeader" in warning
    assert not report.metrics  # no status, no claims: nothing this file can show
    assert report.warnings[-1].startswith("no metric could be computed")  # not "the files hold no data"
    with_ship_by = _generic_file(
        tmp_path,
        "Sales Record Number,Order Number,Sale Date,Ship By Date,Shipped On Date,Status",
        lambda n: f"{n},11-{n:05d}-00001,2026-07-{n:02d},2026-07-{n + 1:02d},2026-07-{n + 5:02d},Shipped",
    )
    report = analyze_paths([with_ship_by])
    late = next(m for m in report.metrics if m.id == "ebay_late_shipment_rate")
    assert (late.numerator, late.denominator) == (20, 20)
    tdr = next(m for m in report.metrics if m.id == "ebay_transaction_defect_rate")
    assert tdr.denominator == 20  # seller cancellations are counted; the missing cases part is said
    assert any(w.startswith("Transaction defect rate counts no cases closed") for w in report.warnings)
    assert not [m for m in report.metrics if m.id == "ebay_cases_closed_without_resolution"]


def test_frames_built_in_code_keep_every_metric(tmp_path: Path) -> None:
    """analyze_frames without columns_found (frames made in code) computes what the columns allow."""
    frame = pd.DataFrame(
        {
            "order_id": ["1", "2"],
            "order_date": pd.to_datetime(["2026-07-01", "2026-07-02"]),
            "ship_date": pd.to_datetime(["2026-07-03", "2026-07-03"]),
        }
    )
    report = analyze_frames({"generic_orders": frame}, marketplace=None)
    assert any(m.id == "ebay_late_shipment_rate" for m in report.metrics)
