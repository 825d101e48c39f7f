"""The structured context the LLM drafter sends: case facts, the offline skeleton, and what a plan may cite."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from appeal_assistant.metrics.policy import policy
from appeal_assistant.models import (
    Finding,
    HealthReport,
    IssueKind,
    MetricResult,
    MetricStatus,
    Notice,
    Passage,
    PlanItem,
    PlanOfAction,
)

__all__ = [
    "PLACEHOLDER",
    "case_context",
    "case_ids",
    "flatten_passages",
    "placeholder_keys",
    "plan_items",
    "plan_json",
    "valid_refs",
]

PLACEHOLDER = re.compile(r"\[\[([^\[\]]+)\]\]")
#: Caps that keep the context well inside a small model's window.
_MAX_NOTICE_CHARS = 6000
_MAX_PASSAGE_CHARS = 1500
_MAX_PASSAGES = 8
_MAX_METRICS = 24
_MAX_FINDINGS = 24
_MAX_ORDER_IDS = 5


def plan_items(plan: PlanOfAction) -> list[PlanItem]:
    """Every item of a plan in reading order: opening, changes, sections, closing."""
    items = [plan.opening] if plan.opening else []
    items += plan.changes_since_last
    for section in plan.sections:
        items += [item for _, item in section.items()]
    if plan.closing:
        items.append(plan.closing)
    return items


def _pct(value: float | None) -> str | None:
    return None if value is None else f"{value * 100:.2f}%"


def _issue_of(metric_id: str | None) -> IssueKind | None:
    if metric_id is None:
        return None
    try:
        return policy(metric_id).issue
    except KeyError:
        return None


def _metric(m: MetricResult) -> dict[str, object]:
    return {
        "key": m.key,
        "label": m.label or m.id,
        "channel": m.channel.value,
        "segment": m.segment,
        "window_days": m.window_days,
        "value": _pct(m.value),
        "target": None
        if m.threshold is None
        else f"{'under' if m.direction == 'max' else 'at least'} {_pct(m.threshold)}",
        "defects": m.numerator,
        "orders": m.denominator,
        "from": m.date_from.isoformat(),
        "to": m.date_to.isoformat(),
        "status": m.status.value,
    }


def _finding(f: Finding) -> dict[str, object]:
    return {
        "id": f.id,
        "kind": f.kind.value,
        "severity": f.severity.value,
        "title": f.title,
        "reason": f.reason,
        "evidence": {e.label: e.value for e in f.evidence},
        "example_order_ids": f.order_ids[:_MAX_ORDER_IDS],
    }


def plan_json(plan: PlanOfAction) -> str:
    """The parts of a plan the model writes (no engine, readiness or notes)."""
    body = plan.model_dump(
        mode="json", include={"marketplace", "kind", "opening", "sections", "changes_since_last", "closing"}
    )
    return json.dumps(body, indent=1, ensure_ascii=False)


def case_context(
    notice: Notice | None,
    report: HealthReport | None,
    answers: dict[str, str],
    passages: Sequence[Passage],
    issues: Sequence[IssueKind],
    skeleton: PlanOfAction | None = None,
) -> str:
    """The structured context as JSON: relevant metrics and findings first, capped in size."""
    context: dict[str, object] = {}
    if notice is not None:
        facts = notice.model_dump(
            mode="json", exclude={"text", "links", "sender", "phishing_signals"}, exclude_defaults=True
        )
        facts["text"] = notice.text[:_MAX_NOTICE_CHARS]
        context["notice"] = facts
    if report is not None:
        wanted = set(issues)
        flagged = {MetricStatus.BREACH, MetricStatus.AT_RISK}
        metrics = [m for m in report.metrics if _issue_of(m.id) in wanted]
        metrics += [m for m in report.metrics if m.status in flagged and m not in metrics]
        findings = [f for f in report.findings if f.issue in wanted or _issue_of(f.metric_id) in wanted]
        findings += [f for f in report.findings if f not in findings]
        context["report"] = {
            "as_of": report.as_of.isoformat(),
            "metrics": [_metric(m) for m in metrics[:_MAX_METRICS]],
            "findings": [_finding(f) for f in findings[:_MAX_FINDINGS]],
        }
    context["answers"] = answers
    context["passages"] = [
        {
            "chunk_id": p.chunk_id,
            "title": p.title,
            "heading": p.heading,
            "source": p.source,
            "text": p.text[:_MAX_PASSAGE_CHARS],
        }
        for p in passages[:_MAX_PASSAGES]
    ]
    if skeleton is not None:
        context["offline_draft"] = json.loads(plan_json(skeleton))
        context["missing_facts"] = [f"[[{t}]]" for t in placeholder_keys(skeleton)]
    return json.dumps(context, indent=1, ensure_ascii=False, default=str)


def valid_refs(
    notice: Notice | None,
    report: HealthReport | None,
    answers: dict[str, str],
    passages: Sequence[Passage],
    template: PlanOfAction,
) -> set[tuple[str, str]]:
    """(kind, ref) pairs a plan item may cite: every fact the context names, and the template's own refs."""
    refs: set[tuple[str, str]] = {("playbook", k.value) for k in IssueKind}
    refs.add(("metric", "as_of"))
    if notice is not None:
        refs |= {("notice", name) for name in Notice.model_fields}
        refs.add(("notice", "rejection"))
    if report is not None:
        refs |= {("finding", f.id) for f in report.findings}
        refs |= {("metric", m.key) for m in report.metrics}
    refs |= {("answer", q) for q in answers}
    refs |= {("passage", p.chunk_id) for p in passages}
    refs |= {(r.kind, r.ref) for item in plan_items(template) for r in item.refs}
    return refs


def placeholder_keys(plan: PlanOfAction) -> dict[str, str]:
    """Placeholder text -> its key (question id or data slot), read from a plan whose items carry both."""
    keys: dict[str, str] = {}
    for item in plan_items(plan):
        texts = list(dict.fromkeys(PLACEHOLDER.findall(item.text)))
        pairs = zip(texts, item.placeholders, strict=True) if len(texts) == len(item.placeholders) else []
        for text, key in pairs:
            keys.setdefault(text, key)
        for text in texts:
            keys.setdefault(text, f"llm:{text}")
    return keys


def case_ids(notice: Notice | None, report: HealthReport | None) -> list[str]:
    """The case's own ids (orders, ASINs, SKUs, complaints, trademarks): never masked."""
    ids: list[str] = []
    if notice is not None:
        ids += notice.order_ids + notice.asins + notice.skus + notice.complaint_ids + notice.trademark_numbers
    if report is not None:
        for finding in report.findings:
            ids += finding.order_ids
    return ids


def flatten_passages(passages: dict[IssueKind, list[Passage]] | None) -> list[Passage]:
    """Passages of every issue, each chunk once, in the order given."""
    seen: dict[str, Passage] = {}
    for items in (passages or {}).values():
        for p in items:
            seen.setdefault(p.chunk_id, p)
    return list(seen.values())
