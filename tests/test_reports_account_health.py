"""The account-health JSON report parses into typed models, tolerating missing parts and old spellings."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from appeal_assistant.errors import ReportFileError
from appeal_assistant.reports import parse_account_health, read_report_file, read_reports

FIXTURES = Path(__file__).parent / "fixtures" / "reports"


def test_fixture_report_values() -> None:
    result = read_report_file(FIXTURES / "account_health.json")
    assert result.kind == "account_health"
    report = result.account_health
    assert report is not None
    assert report.account_statuses[0].status == "AT_RISK"
    us = report.for_marketplace("ATVPDKIKX0DER")
    assert us is not None and report.for_marketplace() is us
    assert report.for_marketplace("A1F83G8C2ARO7P") is None
    assert us.order_defect_rate is not None and us.order_defect_rate.mfn is not None
    mfn = us.order_defect_rate.mfn
    assert (mfn.rate, mfn.target_value, mfn.target_condition, mfn.status) == (
        0.0146,
        0.01,
        "LESS_THAN",
        "BAD",
    )
    assert mfn.order_count == 412 and mfn.claims is not None and mfn.claims.count == 3
    assert mfn.reporting_date_range is not None
    assert mfn.reporting_date_range.reporting_date_to == datetime(2026, 7, 15, 23, 59, tzinfo=UTC)
    # the schema's example spells it prefulfillmentCancelRate
    assert us.pre_fulfillment_cancellation_rate is not None
    assert us.pre_fulfillment_cancellation_rate.cancellation_count == 1
    assert us.late_shipment_rate is not None and us.late_shipment_rate.late_shipment_count == 21
    assert us.account_health_rating is not None and us.account_health_rating.ahr_status == "WARNED"
    assert us.on_time_delivery_rate is None  # absent from this download
    assert us.violation_counts() == {
        "listing_policy_violations": 2,
        "product_authenticity_customer_complaints": 1,
    }
    assert [w.warning_type for w in us.warning_states] == ["spammingSellerMessaging"]
    assert report.latest_date == datetime(2026, 7, 30, 23, 59, tzinfo=UTC)


def test_minimal_and_alternative_spellings() -> None:
    text = json.dumps(
        {
            "accountStatuses": [{"marketplaceId": "X", "status": "NORMAL"}],
            "performanceMetrics": [
                {
                    "marketplaceId": "X",
                    "accountHealthRating": 230,
                    "warningState": [{"warningType": "a", "status": "bad"}],
                    "documentRequest": {"defectsCount": 8, "status": "good"},
                    "validTrackingRate": {"rate": 0.97, "status": "good", "targetCondition": "greater_than"},
                    "someFutureMetric": {"rate": 1},
                }
            ],
        }
    )
    report = parse_account_health(text, "health.json")
    item = report.performance_metrics[0]
    assert item.account_health_rating is not None and item.account_health_rating.score == 230
    assert item.document_requests is not None and item.document_requests.status == "GOOD"
    assert (
        item.valid_tracking_rate is not None and item.valid_tracking_rate.target_condition == "GREATER_THAN"
    )
    assert [w.warning_type for w in item.warning_states] == ["a"]
    assert report.latest_date is None
    assert parse_account_health('{"accountStatuses": []}', "x.json").performance_metrics == []


def test_wrong_field_types_name_the_field() -> None:
    text = json.dumps({"performanceMetrics": [{"lateShipmentRate": {"rate": "high"}}]})
    with pytest.raises(ReportFileError) as info:
        parse_account_health(text, "health.json")
    assert str(info.value).startswith(
        "health.json: account-health field 'performanceMetrics.0.lateShipmentRate.rate'"
    )


def test_newest_of_several_reports_is_used(tmp_path: Path) -> None:
    old = json.loads((FIXTURES / "account_health.json").read_text())
    new = json.loads(json.dumps(old).replace("2026-07-30T23:59Z", "2026-08-30T23:59Z"))
    new["accountStatuses"][0]["status"] = "NORMAL"
    (tmp_path / "b.json").write_text(json.dumps(old))
    (tmp_path / "a.json").write_text(json.dumps(new))
    data = read_reports([tmp_path])
    assert data.account_health is not None
    assert data.account_health.account_statuses[0].status == "NORMAL"
    assert any("2 account-health reports given; using the newest" in w for w in data.warnings)
