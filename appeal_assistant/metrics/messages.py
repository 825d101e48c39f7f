"""Response-time metrics from a buyer messages log (the ``messages`` kind, see reports/SCHEMAS.md).

Amazon's Contact Response Time asks for 90% of buyer messages answered within 24 hours, over 7, 30
and 90 days; Walmart's Seller Response Rate for 95% of inquiries answered within 48 hours over 30
days (RESPONSE_HOURS and the policy table). The clock runs on weekends and holidays. A message is
counted by the day it was received:

- answered within the hours: on time;
- answered later, or still unanswered once its hours have passed by the end of the as-of day: late;
- unanswered with its hours still running at the end of the as-of day: not counted yet;
- marked "no response needed": left out; a message for another marketplace (``marketplace`` column):
  left out.

Late messages are then analysed like any defect: the weekday they arrived on (a weekend gap is the
usual cause), a spike, the weekly trend, headroom and roll-off dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt
import pandas as pd

from appeal_assistant.metrics.compute import metric_result, window_mask
from appeal_assistant.metrics.drivers import DefectSet
from appeal_assistant.metrics.policy import policies_for, policy
from appeal_assistant.models import Channel, Evidence, Finding, Marketplace, MetricResult, MetricStatus

__all__ = ["RESPONSE_HOURS", "MessageMetrics", "message_findings", "message_metrics", "newest_message_date"]

#: Hours a buyer message may wait for an answer, per metric (help pages in the policy table).
RESPONSE_HOURS: dict[str, int] = {"contact_response_time": 24, "walmart_seller_response_rate": 48}
_WEEKDAYS = np.array(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"], dtype=object
)


@dataclass
class MessageMetrics:
    metrics: list[MetricResult]
    sets: dict[str, DefectSet]  # metric key -> the late messages as a defect set


def _utc_micros(series: pd.Series) -> npt.NDArray[np.int64]:
    """Microseconds since the epoch (UTC); missing values as the minimum int64."""
    values = pd.to_datetime(series, utc=True, errors="coerce")
    micros = values.dt.tz_localize(None).to_numpy(dtype="datetime64[us]").astype(np.int64)
    return np.asarray(micros, dtype=np.int64)


_MISSING = np.iinfo(np.int64).min


_UNIT_MICROS = {"first_reply_minutes": 60_000_000, "first_reply_hours": 3_600_000_000}


def _responded(frame: pd.DataFrame, received: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """When each message was first answered: the reply timestamp, else received plus the reply time
    (Zendesk exports give minutes to the first reply, not a timestamp); the minimum int64 when none."""
    if "responded_at" in frame.columns:
        out = _utc_micros(frame["responded_at"])
    else:
        out = np.full(len(frame), _MISSING, dtype=np.int64)
    for column, unit in _UNIT_MICROS.items():
        if column not in frame.columns:
            continue
        span = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=np.float64)
        fill = (out == _MISSING) & (received != _MISSING) & ~np.isnan(span) & (span >= 0)
        out[fill] = received[fill] + np.round(span[fill] * unit).astype(np.int64)
    return out


def newest_message_date(frame: pd.DataFrame) -> date | None:
    """The newest day a message was received or answered (UTC)."""
    best: int | None = None
    for column in ("received_at", "responded_at"):
        if column in frame.columns and len(frame):
            micros = _utc_micros(frame[column])
            micros = micros[micros != _MISSING]
            if micros.size:
                best = max(best or _MISSING, int(micros.max()))
    return None if best is None else pd.Timestamp(best, unit="us").date()


def message_metrics(
    frame: pd.DataFrame, as_of: date, marketplace: Marketplace, warnings: list[str]
) -> MessageMetrics:
    """The marketplace's response-time metric for every window its policy has, with the late messages."""
    out = MessageMetrics([], {})
    metric_ids = [p.id for p in policies_for(marketplace) if p.id in RESPONSE_HOURS]
    if frame.empty or not metric_ids:
        return out
    received = _utc_micros(frame["received_at"])
    responded = _responded(frame, received)
    answered = responded != _MISSING
    keep = received != _MISSING
    if "no_response_needed" in frame.columns:
        keep &= ~frame["no_response_needed"].fillna(False).to_numpy(dtype=bool)
    if "marketplace" in frame.columns:
        market = frame["marketplace"].fillna("").astype(str).str.lower()
        other = (market != "") & ~market.str.contains(marketplace.value, regex=False)
        keep &= ~other.to_numpy(dtype=bool)
    before = answered & keep & (responded < received)
    if before.any():
        warnings.append(
            f"messages log: {int(before.sum())} messages answered before they were received; they are left "
            "out: check that both columns use the same time zone"
        )
        keep &= ~before
    end_of_day = int(pd.Timestamp(as_of + timedelta(days=1)).value // 1000)
    day = received.astype("datetime64[us]").astype("datetime64[D]")
    weekday = (day.astype(np.int64) + 3) % 7  # codes into _WEEKDAYS; 1970-01-01 was a Thursday
    for metric_id in metric_ids:
        hours_us = RESPONSE_HOURS[metric_id] * 3_600_000_000
        on_time = answered & (responded - received <= hours_us)
        decided = on_time | (received + hours_us <= end_of_day)  # late is known once the hours have run
        p = policy(metric_id)
        for window in p.windows:
            lo, hi = p.window(as_of, window)
            base = keep & decided & window_mask(day, lo, hi)
            m = metric_result(
                metric_id, Channel.ALL, window, int((base & on_time).sum()), int(base.sum()), lo, hi,
                marketplace=marketplace,
            )  # fmt: skip
            out.metrics.append(m)
            out.sets[m.key] = _defect_set(metric_id, frame, base, ~on_time, day, weekday)
    return out


def _defect_set(
    metric_id: str,
    frame: pd.DataFrame,
    base: npt.NDArray[np.bool_],
    late: npt.NDArray[np.bool_],
    day: npt.NDArray[np.datetime64],
    weekday: npt.NDArray[np.int64],
) -> DefectSet:
    rows = np.flatnonzero(base)
    table = pd.DataFrame(
        {"order_id": rows.astype(np.int64), "day": day[rows], "defect": late[rows], "weekday": weekday[rows]}
    )
    if "message_id" in frame.columns and frame["message_id"].notna().any():
        ids = frame["message_id"].fillna("").astype(str).to_numpy(dtype=object)
    else:
        ids = np.array([f"row {i + 1}" for i in range(len(frame))], dtype=object)
    return DefectSet(
        metric_id, "late responses", table, ("weekday",), names=ids, uniques={"weekday": _WEEKDAYS}
    )


def message_findings(result: MessageMetrics) -> list[Finding]:
    """Status, weekday drivers, spikes, trends, headroom and roll-off for each response-time metric."""
    from appeal_assistant.metrics.findings import _driver_findings, _headroom_and_rolloff, _status_finding

    out: list[Finding] = []
    for m in result.metrics:
        ds = result.sets[m.key]
        about: list[Finding] = []
        if m.status in (MetricStatus.BREACH, MetricStatus.AT_RISK, MetricStatus.WATCH):
            about.append(_status_finding(m, ds))
            for finding in _driver_findings(m, ds):
                if finding.order_ids:  # message ids (or log rows), not orders
                    finding.evidence.append(Evidence(label="late messages", value=finding.order_ids[:10]))
                    finding.order_ids = []
                about.append(finding)
        about.extend(_headroom_and_rolloff(m, ds))
        for finding in about:
            finding.metric_key = m.key
        out.extend(about)
    return out
