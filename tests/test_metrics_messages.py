"""Response-time metrics from a buyer messages log, computed by hand on a tiny log."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from appeal_assistant.cli import main
from appeal_assistant.metrics.analyze import analyze_paths
from appeal_assistant.models import FindingKind, Marketplace, MetricStatus

HEADER = (
    "Ticket ID,Order ID,Date Received,First Response,No Response Needed,Marketplace,Customer Name,Message"
)
ROWS = [
    # id, received, responded, no response needed, marketplace
    ("M1", "2026-07-01 10:00:00", "2026-07-01 12:00:00", "", ""),  # 2 h: on time
    ("M2", "2026-07-02 10:00:00", "2026-07-03 11:00:00", "", ""),  # 25 h: late for Amazon, not Walmart
    ("M3", "2026-07-04 10:00:00", "", "", ""),  # never answered, its hours long gone: late
    ("M4", "2026-07-10 20:00:00", "", "", ""),  # unanswered, clock still running at the end of 10 July
    ("M5", "2026-07-10 08:00:00", "2026-07-10 09:00:00", "", ""),  # on time
    ("M6", "2026-07-05 09:00:00", "", "yes", ""),  # no response needed: left out
    ("M7", "2026-07-06 09:00:00", "2026-07-06 08:00:00", "", ""),  # answered before received: left out
    ("M8", "2026-07-06T12:00:00+02:00", "2026-07-07T11:00:00+02:00", "", ""),  # 23 h: on time
    ("M9", "2026-07-08 10:00:00", "2026-07-09 09:00:00", "", "Walmart"),  # another marketplace's
]


def _log(tmp_path: Path, rows: list[tuple[str, str, str, str, str]] = ROWS) -> Path:
    lines = [HEADER]
    for n, (mid, received, responded, nrn, market) in enumerate(rows):
        lines.append(
            f"{mid},111-0000000-{n:07d},{received},{responded},{nrn},{market},Pat Doe,"
            '"Hi, where is my parcel? call 555-201-7788"'
        )
    path = tmp_path / "helpdesk.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _figures(report: object) -> dict[tuple[str, int], tuple[int, int]]:
    return {(m.id, m.window_days): (m.numerator, m.denominator) for m in report.metrics}  # type: ignore[attr-defined]


def test_contact_response_time_by_hand(tmp_path: Path) -> None:
    report = analyze_paths([_log(tmp_path)], as_of=date(2026, 7, 10))
    assert _figures(report) == {
        ("contact_response_time", 7): (2, 3),  # M3 late; M5, M8 on time (4-10 July)
        ("contact_response_time", 30): (3, 5),  # + M1 on time, M2 late
        ("contact_response_time", 90): (3, 5),
    }
    seven = next(m for m in report.metrics if m.window_days == 7)
    assert (seven.date_from, seven.date_to) == (date(2026, 7, 4), date(2026, 7, 10))
    assert seven.status is MetricStatus.BREACH and seven.threshold == 0.90
    assert any("1 messages answered before they were received" in w for w in report.warnings)


def test_walmart_seller_response_rate_by_hand(tmp_path: Path) -> None:
    report = analyze_paths([_log(tmp_path)], as_of=date(2026, 7, 10), marketplace=Marketplace.WALMART)
    # 48 hours: M2 is on time; M9 (Walmart) counts; M3 is late; M4 still pending
    assert _figures(report) == {("walmart_seller_response_rate", 30): (5, 6)}


def test_ebay_has_no_response_standard_and_says_so(tmp_path: Path) -> None:
    report = analyze_paths([_log(tmp_path)], as_of=date(2026, 7, 10), marketplace=Marketplace.EBAY)
    assert not report.metrics
    assert any("ebay has no response-time standard" in w for w in report.warnings)


def test_the_as_of_date_comes_from_the_log_alone(tmp_path: Path) -> None:
    report = analyze_paths([_log(tmp_path)])
    assert report.as_of == date(2026, 7, 10)


def test_message_text_and_buyer_names_never_come_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", str(_log(tmp_path)), "--json", "--quiet"]) == 0
    out = capsys.readouterr()
    data = json.loads(out.out)
    assert data["files"][0]["kind"] == "messages"
    assert "Customer Name" in data["files"][0]["dropped_columns"]
    for secret in ("Pat Doe", "where is my parcel", "555-201-7788"):
        assert secret not in out.out and secret not in out.err


def _weekend_gap(tmp_path: Path) -> Path:
    """Six weeks, four messages a day; weekend messages wait until Monday, weekday ones 3 hours."""
    rows = []
    start = datetime(2026, 6, 1, 9, 0)  # a Monday
    for d in range(42):
        day = start + timedelta(days=d)
        for k in range(4):
            received = day + timedelta(hours=2 * k)
            wait = timedelta(hours=3) if day.weekday() < 5 else timedelta(days=7 - day.weekday(), hours=1)
            rows.append(
                (f"W{d}-{k}", f"{received:%Y-%m-%d %H:%M:%S}", f"{received + wait:%Y-%m-%d %H:%M:%S}", "", "")
            )
    return _log(tmp_path, rows)


def test_a_weekend_gap_is_named_as_the_driver(tmp_path: Path) -> None:
    report = analyze_paths([_weekend_gap(tmp_path)], as_of=date(2026, 7, 12))
    thirty = next(m for m in report.metrics if m.window_days == 30)
    # 13 June - 12 July: 20 weekdays on time (80); 10 weekend days late, except Sunday 12 July, whose
    # 24 hours were still running at the end of the as-of day (36 of 40 counted)
    assert (thirty.numerator, thirty.denominator) == (80, 116)
    drivers = [f for f in report.findings if f.kind is FindingKind.DRIVER and f.metric_key == thirty.key]
    assert drivers and drivers[0].evidence_value("value") == "Saturday, Sunday"
    assert drivers[0].share == 1.0
    assert drivers[0].evidence_value("late messages")  # message ids, not orders
    assert not drivers[0].order_ids
    assert not [f for f in report.findings if f.kind is FindingKind.SPIKE and f.metric_key == thirty.key]


def test_a_zendesk_export_with_minutes_to_first_reply(tmp_path: Path) -> None:
    """Zendesk's ticket export has no reply timestamp: 'First reply time in minutes' (blank: no reply)."""
    path = tmp_path / "export.csv"
    path.write_text(
        "Summation column,Id,Requester,Created at,Via,Status,First reply time in minutes,"
        "First reply time in minutes within business hours\n"
        ",101,Pat Doe,2026-07-06 09:00:00,Mail,solved,90,90\n"  # on time
        ",102,Pat Doe,2026-07-07 09:00:00,Mail,solved,1500,300\n"  # 25 h: late (business hours would hide it)
        ",103,Pat Doe,2026-07-08 09:00:00,Mail,open,,\n"  # no reply, 24 h long gone: late
        ",104,Pat Doe,2026-07-10 22:00:00,Mail,open,,\n",  # no reply, hours still running: not counted
        encoding="utf-8",
    )
    report = analyze_paths([path], as_of=date(2026, 7, 10))
    assert report.files[0].kind == "messages" and "Requester" in report.files[0].dropped_columns
    assert _figures(report)[("contact_response_time", 7)] == (1, 3)


def test_a_freshdesk_export_with_the_first_response_timestamp(tmp_path: Path) -> None:
    path = tmp_path / "tickets.csv"
    path.write_text(
        "Ticket ID,Subject,Status,Source,Created time,Initial response time,First response time (in hrs)\n"
        "7,Where is it,Closed,Email,2026-07-06 09:00:00,2026-07-06 10:00:00,01:00:00\n"
        "8,Refund,Closed,Email,2026-07-07 09:00:00,2026-07-09 09:00:00,08:00:00\n",
        encoding="utf-8",
    )
    report = analyze_paths([path], as_of=date(2026, 7, 10))
    assert _figures(report)[("contact_response_time", 7)] == (1, 2)


def test_a_log_without_any_reply_column_is_refused_with_what_it_needs(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("Ticket ID,Created at\n1,2026-07-06 09:00:00\n", encoding="utf-8")
    with pytest.raises(Exception) as info:
        analyze_paths([path])
    assert "responded-at or first-reply-minutes or first-reply-hours" in str(info.value)
