"""The LLM drafter: the offline draft as skeleton, redacted structured context out, a checked plan back.

Every reply must fit the PlanOfAction schema (one repair round) and pass the fact check: numbers,
percentages, dates, ids, ASINs, names and document kinds must trace back to the notice, the health
report, the seller's answers, the passages or the offline draft (one repair round). Anything else ends
in the offline draft (or, for a revision, the unchanged plan) with a note that says why. The seller's
answers are never modified, so nothing they typed is lost on any failure.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from appeal_assistant.drafting.composer import compose_plan
from appeal_assistant.drafting.grounding import Sources, UnsupportedFact, build_sources, unsupported_facts
from appeal_assistant.drafting.render import render_text
from appeal_assistant.errors import GroundingError, InputError, LLMError, LLMOutputError
from appeal_assistant.llm.client import ChatMessage, LLMClient, Usage
from appeal_assistant.llm.guard import RedactingClient
from appeal_assistant.llm.prompts import render_prompt
from appeal_assistant.llm.redact import Redactor
from appeal_assistant.llm.structured import complete_structured
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
    PlanKind,
    PlanOfAction,
    PlanPart,
)

__all__ = ["DraftOutcome", "draft_with_llm", "revise_with_llm"]

_PLACEHOLDER = re.compile(r"\[\[([^\[\]]+)\]\]")
#: Caps that keep the context well inside a small model's window.
_MAX_NOTICE_CHARS = 6000
_MAX_PASSAGE_CHARS = 1500
_MAX_PASSAGES = 8
_MAX_METRICS = 24
_MAX_FINDINGS = 24
_MAX_ORDER_IDS = 5
_SCHEMA_REASON = "it did not match the required JSON schema"
_FACTS_REASON = "it states facts that are not in the case context"


@dataclass
class DraftOutcome:
    """The plan to show, whether the LLM wrote it, what happened on the way, and what it cost."""

    plan: PlanOfAction
    used_llm: bool
    notes: list[str] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)


def _items(plan: PlanOfAction) -> list[PlanItem]:
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
        context["missing_facts"] = [f"[[{t}]]" for t in _placeholder_keys(skeleton)]
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
    refs |= {(r.kind, r.ref) for item in _items(template) for r in item.refs}
    return refs


def _placeholder_keys(plan: PlanOfAction) -> dict[str, str]:
    """Placeholder text -> its key (question id or data slot), read from a plan whose items carry both."""
    keys: dict[str, str] = {}
    for item in _items(plan):
        texts = list(dict.fromkeys(_PLACEHOLDER.findall(item.text)))
        pairs = zip(texts, item.placeholders, strict=True) if len(texts) == len(item.placeholders) else []
        for text, key in pairs:
            keys.setdefault(text, key)
        for text in texts:
            keys.setdefault(text, f"llm:{text}")
    return keys


def _guard(client: LLMClient, keep: Sequence[str]) -> RedactingClient:
    """Mask through a redactor that keeps this case's ids readable (re-guarding a guarded client's inner)."""
    inner = client.inner if isinstance(client, RedactingClient) else client
    return RedactingClient(inner, Redactor(keep=keep))


def _case_ids(notice: Notice | None, report: HealthReport | None) -> list[str]:
    ids: list[str] = []
    if notice is not None:
        ids += notice.order_ids + notice.asins + notice.skus + notice.complaint_ids + notice.trademark_numbers
    if report is not None:
        for finding in report.findings:
            ids += finding.order_ids
    return ids


def _shape_check(template: PlanOfAction) -> Callable[[PlanOfAction], list[str]]:
    """Problems a well-formed reply can still have: other issues than the template, empty parts."""
    issues = [s.issue for s in template.sections]
    needed = {
        s.issue: [p for p, _ in s.items() if p is not PlanPart.SUPPORTING_DOCUMENTS]
        for s in template.sections
    }

    def check(plan: PlanOfAction) -> list[str]:
        got = [s.issue for s in plan.sections]
        if got != issues:
            return [
                f"sections must cover exactly these issues, in this order: {[i.value for i in issues]} "
                f"(got {[i.value for i in got]})"
            ]
        problems = []
        for section in plan.sections:
            present = {p for p, _ in section.items()}
            for part in dict.fromkeys(needed[section.issue]):
                if part not in present:
                    problems.append(f"section {section.issue.value!r} has no {part.value.replace('_', ' ')}")
        return problems

    return check


def _unsupported(plan: PlanOfAction, sources: Sources) -> list[UnsupportedFact]:
    found: dict[tuple[str, str], UnsupportedFact] = {}
    for item in _items(plan):
        for fact in unsupported_facts(item.text, sources):
            found.setdefault((fact.kind, fact.value), fact)
    return list(found.values())


def _shown(fact: UnsupportedFact) -> str:
    return f"{fact.value}%" if fact.kind == "percent" else fact.value


def _problem_lines(facts: list[UnsupportedFact]) -> str:
    return "\n".join(
        f"- {fact.kind} {_shown(fact)!r} is not in the case context, in: {fact.excerpt}" for fact in facts
    )


def _finish(
    plan: PlanOfAction, template: PlanOfAction, model: str, refs: set[tuple[str, str]], notes: list[str]
) -> PlanOfAction:
    """Engine, kind, readiness and placeholders recomputed from the text; unknown references dropped."""
    plan = plan.model_copy(
        update={"kind": template.kind, "marketplace": template.marketplace, "engine": f"llm:{model}"}
    )
    keys = _placeholder_keys(template)
    missing: list[str] = []
    dropped_refs = 0
    present: set[str] = set()
    for item in _items(plan):
        texts = list(dict.fromkeys(_PLACEHOLDER.findall(item.text)))
        present.update(texts)
        item.placeholders = [keys.get(t, f"llm:{t}") for t in texts]
        missing += [k for k in item.placeholders if k not in missing]
        kept = [r for r in item.refs if (r.kind, r.ref) in refs]
        dropped_refs += len(item.refs) - len(kept)
        item.refs = kept
    dropped = [t for t in _placeholder_keys(template) if t not in present]
    if dropped:
        missing += [keys[t] for t in dropped if keys[t] not in missing]
        notes.append(
            f"the LLM draft left out {len(dropped)} fact(s) still missing ({', '.join(dropped)}); "
            "they are still needed, so the plan is not ready"
        )
    if dropped_refs:
        notes.append(f"dropped {dropped_refs} reference(s) the LLM gave to facts that do not exist")
    plan.missing = missing
    plan.ready = bool(plan.sections) and not missing
    plan.notes = list(notes)
    return plan


def _ask(
    client: RedactingClient,
    messages: list[ChatMessage],
    template: PlanOfAction,
    sources: Sources,
    refs: set[tuple[str, str]],
    usage: Usage,
    notes: list[str],
) -> PlanOfAction:
    """Schema-checked reply, fact check with one repair round; GroundingError when facts stay unsupported."""

    def repair(reason: str) -> Callable[[str], str]:
        return lambda problems: (
            render_prompt("repair_plan", {"reason": reason, "problems": problems})[0].content
        )

    check = _shape_check(template)
    plan, reply = complete_structured(
        client, messages, PlanOfAction, repair_message=repair(_SCHEMA_REASON), check=check, usage=usage
    )
    facts = _unsupported(plan, sources)
    if facts:
        shown = [_shown(f) for f in facts]
        notes.append(
            f"the first LLM draft stated facts not found in the sources {shown}; asked for a correction"
        )
        follow_up = [
            *messages,
            ChatMessage("assistant", reply.text),
            ChatMessage("user", repair(_FACTS_REASON)(_problem_lines(facts))),
        ]
        plan, reply = complete_structured(
            client, follow_up, PlanOfAction, repair_message=repair(_SCHEMA_REASON), check=check, usage=usage
        )
        facts = _unsupported(plan, sources)
        if facts:
            shown = [_shown(f) for f in facts]
            raise GroundingError(
                f"LLM draft used facts not found in the sources {shown} even after one correction",
                unsupported=shown,
            )
    return _finish(plan, template, reply.model, refs, notes)


def _fallback_note(exc: LLMError, showing: str) -> str:
    if isinstance(exc, GroundingError):
        return f"{exc}; showing {showing} instead"
    if isinstance(exc, LLMOutputError):
        return (
            f"LLM reply did not fit the plan format even after one repair; showing {showing} instead ({exc})"
        )
    return f"LLM unavailable; showing {showing} instead ({exc})"


def _flatten(passages: dict[IssueKind, list[Passage]] | None) -> list[Passage]:
    seen: dict[str, Passage] = {}
    for items in (passages or {}).values():
        for p in items:
            seen.setdefault(p.chunk_id, p)
    return list(seen.values())


def draft_with_llm(
    notice: Notice | None,
    report: HealthReport | None,
    answers: dict[str, str] | None = None,
    *,
    client: LLMClient,
    passages: dict[IssueKind, list[Passage]] | None = None,
    kind: PlanKind | None = None,
    strengthen: Sequence[PlanPart] = (),
) -> DraftOutcome:
    """Draft with the LLM over the offline skeleton; on any failure the offline draft with a note."""
    answers = dict(answers or {})
    skeleton = compose_plan(notice, report, answers, passages=passages, kind=kind, strengthen=strengthen)
    usage = Usage()
    if not skeleton.sections:
        note = "no issue to write about (no notice issue and no metric at risk); nothing was sent to the LLM"
        return DraftOutcome(
            skeleton.model_copy(update={"notes": [*skeleton.notes, note]}), False, [note], usage
        )
    flat = _flatten(passages)
    sources = build_sources(
        notice=notice, report=report, answers=answers, passages=flat, extra_texts=[render_text(skeleton)]
    )
    issues = [sec.issue for sec in skeleton.sections]
    context = case_context(notice, report, answers, flat, issues, skeleton=skeleton)
    messages = render_prompt(
        "draft_plan",
        {"context_json": context, "schema_json": json.dumps(PlanOfAction.model_json_schema(), indent=1)},
    )
    notes: list[str] = []
    guard = _guard(client, _case_ids(notice, report))
    refs = valid_refs(notice, report, answers, flat, skeleton)
    try:
        plan = _ask(guard, messages, skeleton, sources, refs, usage, notes)
    except LLMError as exc:
        notes.append(_fallback_note(exc, "the offline draft"))
        fallback = skeleton.model_copy(deep=True)
        fallback.notes = [*skeleton.notes, *notes]
        return DraftOutcome(fallback, False, notes, usage)
    return DraftOutcome(plan, True, notes, usage)


def revise_with_llm(
    plan: PlanOfAction,
    instruction: str,
    *,
    client: LLMClient,
    notice: Notice | None = None,
    report: HealthReport | None = None,
    answers: dict[str, str] | None = None,
    passages: dict[IssueKind, list[Passage]] | None = None,
) -> DraftOutcome:
    """Revise ``plan`` as instructed; on any failure the same plan, unchanged, with a note."""
    if not instruction.strip():
        raise InputError("the revision instruction is empty; say what to change, e.g. 'make it shorter'")
    answers = dict(answers or {})
    flat = _flatten(passages)
    sources = build_sources(
        notice=notice,
        report=report,
        answers=answers,
        passages=flat,
        extra_texts=[render_text(plan), instruction],
    )
    messages = render_prompt(
        "revise_plan",
        {
            "context_json": case_context(notice, report, answers, flat, [sec.issue for sec in plan.sections]),
            "plan_json": plan_json(plan),
            "instruction": instruction.strip(),
            "schema_json": json.dumps(PlanOfAction.model_json_schema(), indent=1),
        },
    )
    usage = Usage()
    notes: list[str] = []
    guard = _guard(client, _case_ids(notice, report))
    refs = valid_refs(notice, report, answers, flat, plan)
    try:
        revised = _ask(guard, messages, plan, sources, refs, usage, notes)
    except LLMError as exc:
        notes.append(_fallback_note(exc, "the plan unchanged"))
        unchanged = plan.model_copy(deep=True)
        unchanged.notes = [*plan.notes, notes[-1]]
        return DraftOutcome(unchanged, False, notes, usage)
    return DraftOutcome(revised, True, notes, usage)
