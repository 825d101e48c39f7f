"""A health report as readable text (the `analyze` command's default output)."""

from __future__ import annotations

from appeal_assistant.models import HealthReport, MetricResult, MetricStatus

__all__ = ["format_metric", "format_report", "report_json"]

_STATUS = {
    MetricStatus.BREACH: "BREACH",
    MetricStatus.AT_RISK: "AT RISK",
    MetricStatus.WATCH: "watch",
    MetricStatus.OK: "ok",
    MetricStatus.NO_DATA: "no data",
}


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.2f}%"


def format_metric(m: MetricResult) -> str:
    """One line: status, label, channel, window, value, counts, target, date range."""
    target = (
        "" if m.threshold is None else f"target {'<' if m.direction == 'max' else '>='} {_pct(m.threshold)}"
    )
    segment = f" [{m.segment.split(':', 1)[1]}]" if m.segment else ""
    return (
        f"{_STATUS[m.status]:<8} {m.label}{segment} {m.channel.value.upper()} {m.window_days}d: {_pct(m.value)} "
        f"({m.numerator:,}/{m.denominator:,}) {target}  {m.date_from}..{m.date_to}"
    ).rstrip()


def format_report(report: HealthReport, *, max_findings: int = 25) -> str:
    """Files read, metrics, the most important findings and warnings."""
    lines = [f"Account health as of {report.as_of} ({report.marketplace.value})", "", "Files:"]
    for f in report.files:
        if f.kind is None:
            reason = (f.skipped_reason or "").removeprefix(f"{f.path}: ")
            lines.append(f"  skipped  {f.path}: {reason}")
        else:
            dropped = f"; buyer data dropped: {', '.join(f.dropped_columns)}" if f.dropped_columns else ""
            lines.append(
                f"  {f.kind:<15} {f.path}: {f.rows_read:,} rows read, {f.rows_rejected:,} rejected{dropped}"
            )
    lines += ["", "Metrics:"]
    lines += [f"  {format_metric(m)}" for m in report.metrics] or ["  none: no data any metric can use"]
    lines += ["", "Findings (most important first):"]
    for finding in report.findings[:max_findings]:
        lines.append(f"  [{finding.severity.value}] {finding.title}")
        lines.append(f"      {finding.reason}")
        if finding.order_ids:
            lines.append(f"      e.g. orders {', '.join(finding.order_ids[:3])}")
        messages = finding.evidence_value("late messages")
        if isinstance(messages, list) and messages:
            lines.append(f"      e.g. messages {', '.join(str(m) for m in messages[:3])}")
    if len(report.findings) > max_findings:
        lines.append(f"  ... {len(report.findings) - max_findings} more (use --json for all)")
    if report.warnings:
        lines += ["", "Warnings:"] + [f"  - {w}" for w in report.warnings]
    return "\n".join(lines) + "\n"


def report_json(report: HealthReport) -> dict[str, object]:
    """The analyzer's JSON: as_of, metrics, findings, files (kind, rows read, rows rejected), warnings."""
    data = report.model_dump(mode="json")
    data["metrics"] = [
        {
            k: m[k]
            for k in (
                "id",
                "channel",
                "window_days",
                "segment",
                "numerator",
                "denominator",
                "value",
                "threshold",
                "status",
                "date_from",
                "date_to",
                "label",
                "direction",
                "marketplace",
            )
        }
        for m in data["metrics"]
    ]
    return data
