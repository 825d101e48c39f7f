"""The offline composer: a Plan of Action built only from findings, notice facts and the seller's answers.

For every issue of the notice it picks the playbook's first root cause whose condition the facts meet,
then the corrective actions, preventive measures and documents that answer it, and fills their
templates. A fact it does not have becomes a visible ``[[placeholder]]`` and the plan is marked not
ready; it never writes a number, name or date that is not in its sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from appeal_assistant.drafting.context import (
    DATA_PLACEHOLDERS,
    SectionContext,
    build_context,
    driver_is,
    plan_marketplace,
)
from appeal_assistant.drafting.playbook import (
    Condition,
    Playbook,
    TemplateItem,
    load_playbook,
    question_index,
)
from appeal_assistant.metrics.policy import policy
from appeal_assistant.models import (
    FactRef,
    HealthReport,
    IssueKind,
    MetricStatus,
    Notice,
    Passage,
    PlanItem,
    PlanKind,
    PlanOfAction,
    PlanPart,
    PlanSection,
)

__all__ = [
    "compose_plan",
    "issues_for_improvement_plan",
    "mark_readiness",
    "optional_questions",
    "pending_questions",
    "render_template",
]

_SLOT = re.compile(r"\{([a-z_0-9]+(?:[.:][a-zA-Z0-9_.]+)?)\}")
#: ``<<...>>`` marks an optional passage, kept only when every slot inside it has a value.
_OPTIONAL = re.compile(r"<<(.*?)>>", re.S)


def render_template(template: str, ctx: SectionContext) -> PlanItem:
    """Fill a template's slots; each missing slot becomes a [[placeholder]] named after what is missing."""
    refs: list[FactRef] = []
    missing: list[str] = []
    questions = question_index()

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if ctx.has(name):
            ref = ctx.refs[name]
            if ref not in refs:
                refs.append(ref)
            return ctx.values[name]
        if name.startswith("answer:"):
            qid = name.split(":", 1)[1]
            if qid not in missing:
                missing.append(qid)
            question = questions.get(qid)
            return f"[[{question.placeholder if question else qid}]]"
        head = name.split(".", 1)[0]
        key = f"data:{name}"
        if key not in missing:
            missing.append(key)
        return f"[[{DATA_PLACEHOLDERS.get(head, name)}]]"

    def optional(match: re.Match[str]) -> str:
        inner = match.group(1)
        return inner if all(ctx.has(name) for name in _SLOT.findall(inner)) else ""

    text = _OPTIONAL.sub(optional, template.strip())
    text = _SLOT.sub(fill, text)
    text = re.sub(r"\s+", " ", text).strip()
    return PlanItem(text=text, refs=refs, placeholders=missing)


def _holds(cond: Condition, ctx: SectionContext, plan_kind: PlanKind) -> bool:
    notice = ctx.notice
    checks: list[bool] = []
    if cond.driver_dimension is not None:
        checks.append(driver_is(ctx, cond.driver_dimension))
    if cond.has_driver is not None:
        checks.append((ctx.driver is not None) == cond.has_driver)
    if cond.has_spike is not None:
        checks.append((ctx.spike is not None) == cond.has_spike)
    if cond.channel is not None:
        checks.append(ctx.metric is not None and ctx.metric.channel.value == cond.channel)
    if cond.answered is not None:
        checks.append(all(q in ctx.answers for q in cond.answered))
    if cond.unanswered is not None:
        checks.append(not any(q in ctx.answers for q in cond.unanswered))
    if cond.notice_has is not None:
        checks.append(notice is not None and all(getattr(notice, a) for a in cond.notice_has))
    if cond.marketplace is not None:
        checks.append(ctx.marketplace == cond.marketplace)
    if cond.rejected is not None:
        checks.append((notice is not None and notice.rejection is not None) == cond.rejected)
    if cond.plan_kind is not None:
        checks.append(plan_kind == cond.plan_kind)
    return all(checks)


def _pick(
    items: Iterable[TemplateItem],
    ids: Sequence[str] | None,
    ctx: SectionContext,
    plan_kind: PlanKind,
    strengthen: bool,
) -> list[TemplateItem]:
    chosen = []
    for item in items:
        if ids is not None and item.id not in ids:
            continue
        if item.detail and not strengthen:
            continue
        if _holds(item.when, ctx, plan_kind):
            chosen.append(item)
    return chosen


def _section(
    book: Playbook, ctx: SectionContext, plan_kind: PlanKind, weak: set[PlanPart], passages: Sequence[Passage]
) -> PlanSection:
    cause = next(c for c in book.root_causes if not c.detail and _holds(c.when, ctx, plan_kind))
    causes = [cause] + [
        c
        for c in book.root_causes
        if c.detail and c is not cause and PlanPart.ROOT_CAUSE in weak and _holds(c.when, ctx, plan_kind)
    ]
    action_ids = list(dict.fromkeys(a for c in causes for a in c.actions))
    prevent_ids = list(dict.fromkeys(p for c in causes for p in c.prevention))
    referenced_docs = {d for c in book.root_causes for d in c.documents}
    doc_ids = [d for c in causes for d in c.documents] + [
        d.id for d in book.documents if d.id not in referenced_docs
    ]
    section = PlanSection(issue=book.kind, title=book.title)
    section.root_causes = [render_template(c.text, ctx) for c in causes]
    section.corrective_actions = [
        render_template(a.text, ctx)
        for a in _pick(
            book.corrective_actions, action_ids, ctx, plan_kind, PlanPart.CORRECTIVE_ACTIONS in weak
        )
    ]
    section.preventive_measures = [
        render_template(p.text, ctx)
        for p in _pick(
            book.preventive_measures, prevent_ids, ctx, plan_kind, PlanPart.PREVENTIVE_MEASURES in weak
        )
    ]
    section.supporting_documents = [
        render_template(d.text, ctx)
        for d in _pick(
            book.documents,
            list(dict.fromkeys(doc_ids)),
            ctx,
            plan_kind,
            PlanPart.SUPPORTING_DOCUMENTS in weak,
        )
    ]
    cited = [FactRef(kind="passage", ref=p.chunk_id, quote=p.title) for p in passages[:2]]
    playbook_ref = FactRef(kind="playbook", ref=book.kind.value, quote=book.source)
    for item in section.root_causes + section.preventive_measures:
        item.refs.extend(r for r in [playbook_ref, *cited] if r not in item.refs)
    return section


def issues_for_improvement_plan(report: HealthReport) -> list[IssueKind]:
    """The issue kinds of metrics at risk or in breach, worst first (a plan before any notice)."""
    rank = {MetricStatus.BREACH: 0, MetricStatus.AT_RISK: 1}
    hits = sorted(
        (m for m in report.metrics if m.status in rank and policy(m.id).issue is not None),
        key=lambda m: rank[m.status],
    )
    kinds: list[IssueKind] = []
    for m in hits:
        kind = policy(m.id).issue
        if kind is not None and kind not in kinds:
            kinds.append(kind)
    return kinds


def _plural(kinds: list[IssueKind]) -> str:
    titles = [load_playbook(k).title.lower() for k in kinds]
    return titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]


def compose_plan(
    notice: Notice | None,
    report: HealthReport | None,
    answers: dict[str, str] | None = None,
    *,
    passages: dict[IssueKind, list[Passage]] | None = None,
    kind: PlanKind | None = None,
    strengthen: Sequence[PlanPart] = (),
) -> PlanOfAction:
    """Compose a Plan of Action (or, with no notice, a performance improvement plan) offline."""
    answers = dict(answers or {})
    plan_kind: PlanKind = kind or (
        "appeal" if notice is not None and notice.issues else "performance_improvement_plan"
    )
    if plan_kind == "appeal" and notice is not None:
        issue_kinds = notice.issue_kinds
    else:
        issue_kinds = issues_for_improvement_plan(report) if report else []
    weak = set(strengthen)
    if notice is not None and notice.rejection is not None:
        weak |= set(notice.rejection.weak_parts) or {
            PlanPart.ROOT_CAUSE,
            PlanPart.CORRECTIVE_ACTIONS,
            PlanPart.PREVENTIVE_MEASURES,
        }
    marketplace = plan_marketplace(notice, report)
    plan = PlanOfAction(
        kind=plan_kind, engine="offline", **({"marketplace": marketplace} if marketplace else {})
    )
    for issue_kind in issue_kinds:
        book = load_playbook(issue_kind)
        ctx = build_context(issue_kind, book.metrics, notice, report, answers)
        plan.sections.append(_section(book, ctx, plan_kind, weak, (passages or {}).get(issue_kind, [])))
    if plan.sections:
        common = build_context(issue_kinds[0], [], notice, report, answers)
        if plan_kind == "appeal":
            dated = " dated {notice.date}" if common.has("notice.date") else ""
            plan.opening = render_template(
                f"This plan of action covers the issues raised in your notice{dated}: {_plural(issue_kinds)}.",
                common,
            )
        else:
            as_of = report.as_of.isoformat() if report else ""
            plan.opening = PlanItem(
                text=f"Performance improvement plan for {_plural(issue_kinds)}, based on our "
                f"account data as of {as_of}.",
                refs=[FactRef(kind="metric", ref="as_of", quote=as_of)],
            )
        if notice is not None and notice.rejection is not None:
            parts = sorted(p.value.replace("_", " ") for p in weak if p is not PlanPart.SUPPORTING_DOCUMENTS)
            plan.changes_since_last = [
                PlanItem(
                    text=f"Compared with our previous submission, this plan gives more detail on: "
                    f"{', '.join(parts)}.",
                    refs=[FactRef(kind="notice", ref="rejection")],
                ),
                render_template("{answer:common.changes_since_last}.", common),
            ]
    mark_readiness(plan)
    return plan


def mark_readiness(plan: PlanOfAction) -> None:
    """Recompute ``missing`` and ``ready`` from the placeholders left in the plan's items."""
    missing: list[str] = []
    items = [plan.opening] if plan.opening else []
    items += plan.changes_since_last
    for section in plan.sections:
        items += [item for _, item in section.items()]
    for item in items:
        if item is None:
            continue
        for key in item.placeholders:
            if key not in missing:
                missing.append(key)
    plan.missing = missing
    plan.ready = bool(plan.sections) and not missing


def pending_questions(plan: PlanOfAction) -> list[str]:
    """Question ids whose answers would fill placeholders in ``plan``, in the order they appear."""
    return [key for key in plan.missing if not key.startswith(("data:", "llm:"))]


def optional_questions(plan: PlanOfAction, answers: dict[str, str]) -> list[str]:
    """Questions that add an item to the plan when answered (e.g. 'do you hold a letter of authorization?').

    They never block readiness, so they are not placeholders; the interview offers them after the
    pending ones. Order: as the playbooks list them.
    """
    from appeal_assistant.drafting.playbook import load_playbook

    pending = set(pending_questions(plan))
    out: list[str] = []
    for section in plan.sections:
        book = load_playbook(section.issue)
        items = [*book.root_causes, *book.corrective_actions, *book.preventive_measures, *book.documents]
        unlocking = {q for item in items for q in (item.when.answered or [])}
        for question in book.questions:
            if (
                question.id in unlocking
                and question.id not in answers
                and question.id not in pending
                and question.id not in out
            ):
                out.append(question.id)
    return out
