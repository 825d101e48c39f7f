"""The drafting context takes its facts from the findings about exactly the metric it writes about."""

from __future__ import annotations

from datetime import date

from appeal_assistant.drafting.context import build_context
from appeal_assistant.metrics.compute import metric_result
from appeal_assistant.models import (
    Channel,
    Evidence,
    Finding,
    FindingKind,
    HealthReport,
    IssueKind,
    Marketplace,
    MetricResult,
    Severity,
)

WINDOW = (date(2026, 10, 18), date(2026, 11, 16))


def _driver(m: MetricResult, dim: str, value: str, defects: int, total: int) -> Finding:
    key = f"{m.id}:{m.channel.value}:{m.window_days}" + (f":{m.segment}" if m.segment else "")
    return Finding(
        id=f"driver:{key}:{dim}:{value}",
        kind=FindingKind.DRIVER,
        severity=Severity.MEDIUM,
        title=f"{value} ({dim}) accounts for {defects} of {total}",
        reason="test",
        metric_id=m.id,
        channel=m.channel,
        share=defects / total,
        metric_key=m.key,
        evidence=[
            Evidence(label="dimension", value=dim),
            Evidence(label="value", value=value),
            Evidence(label="defects", value=defects),
            Evidence(label="total defects", value=total),
            Evidence(label="share", value=f"{defects / total:.2%}"),
        ],
    )


def _vtr(segment: str | None, numerator: int, denominator: int) -> MetricResult:
    return metric_result(
        "valid_tracking_rate", Channel.MFN, 30, numerator, denominator, *WINDOW, segment=segment
    )


def test_a_segments_drivers_do_not_become_the_overall_metrics_second_driver() -> None:
    overall, jewelry = _vtr(None, 2201, 2368), _vtr("category:Home", 690, 699)  # overall is worse
    findings = [
        _driver(overall, "carrier_method", "USPS First-Class Mail", 142, 167),
        # the segment's id extends the overall metric's id: "driver:valid_tracking_rate:mfn:30:category:..."
        _driver(jewelry, "sku", "PUZZLE-1000-MAP", 60, 143),
    ]
    report = HealthReport(
        as_of=WINDOW[1], marketplace=Marketplace.AMAZON, metrics=[overall, jewelry], findings=findings
    )
    ctx = build_context(IssueKind.VALID_TRACKING_RATE, ["valid_tracking_rate"], None, report, {})
    assert ctx.metric is not None and ctx.metric.segment is None
    assert ctx.driver is not None and ctx.driver.evidence_value("value") == "USPS First-Class Mail"
    assert "driver2.value" not in ctx.values


def test_a_driver_explaining_little_is_not_written_as_the_cause() -> None:
    overall = _vtr(None, 2201, 2368)
    report = HealthReport(
        as_of=WINDOW[1],
        marketplace=Marketplace.AMAZON,
        metrics=[overall],
        findings=[_driver(overall, "sku", "PUZZLE-1000-MAP", 6, 167)],  # 4% of the defects
    )
    ctx = build_context(IssueKind.VALID_TRACKING_RATE, ["valid_tracking_rate"], None, report, {})
    assert ctx.driver is None and "driver.value" not in ctx.values


def test_an_improvement_plan_without_a_notice_follows_the_marketplace_of_the_data() -> None:
    """Marketplace-specific sentences follow the analysed data when there is no notice (it was Amazon)."""
    from appeal_assistant.drafting.composer import compose_plan
    from appeal_assistant.drafting.render import render_text

    otdr = metric_result("walmart_on_time_delivery_rate", Channel.ALL, 30, 870, 1000, *WINDOW)
    report = HealthReport(as_of=WINDOW[1], marketplace=Marketplace.WALMART, metrics=[otdr], findings=[])
    text = render_text(compose_plan(None, report, {}))
    assert "Fulfilment lag time" in text  # the Walmart variant of the transit-time sentence
    assert "shipping templates match what each carrier service achieves" not in text  # the Amazon one
    assert "seller-fulfilled" not in text and "Seller Central" not in text
