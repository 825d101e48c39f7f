"""The offline composer: the response a notice calls for, built only from its sources.

For a plan of action (or an improvement plan) every issue of the notice gets a section: the playbook's
first root cause whose condition the notice, the data and the answers meet, then the corrective
actions, preventive measures and documents that answer it, linked to that cause. Every ask of the
notice is answered (from the plan, the seller's answers, or a visible placeholder); identity checks get
the documents list, a rights owner's complaint gets the letters, a suspected phishing message gets the
advice to verify first and nothing else. A fact the composer does not have is a ``[[placeholder]]`` and
the response is not ready; it never writes a number, name or date that is not in its sources.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from appeal_assistant.drafting.answers import normalize_answer
from appeal_assistant.drafting.context import SectionContext, build_context, plan_marketplace
from appeal_assistant.drafting.playbook import (
    Playbook,
    Question,
    TemplateItem,
    load_playbook,
    question_index,
)
from appeal_assistant.drafting.response import (
    DOCUMENT_ASKS,
    IP_QUESTIONS,
    VERIFY_QUESTION,
    advice,
    answer_asks,
    ask_questions,
    ip_letters,
)
from appeal_assistant.drafting.template import holds, render_template
from appeal_assistant.metrics.policy import policy
from appeal_assistant.models import (
    AnswerProblem,
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
    ResponseType,
)
from appeal_assistant.notice.requests import IP_KINDS, decide_response

__all__ = [
    "case_questions",
    "clean_answers",
    "compose_plan",
    "issues_for_improvement_plan",
    "mark_readiness",
    "optional_questions",
    "pending_questions",
    "render_template",
    "response_for",
]

_CORE = (PlanPart.ROOT_CAUSE, PlanPart.CORRECTIVE_ACTIONS, PlanPart.PREVENTIVE_MEASURES)
_YES = (
    "yes",
    "y",
    "yeah",
    "yep",
    "it is",
    "found it",
    "i found it",
    "same notice",
    "it's there",
    "it is there",
)
_NO = ("no", "n", "nope", "not there", "it is not", "it's not", "not found", "could not find it")


def case_questions(notice: Notice | None) -> dict[str, Question]:
    """Every question a case can ask: the playbooks', the notice's own asks, the letters' and verification."""
    out = dict(question_index())
    out.update(ask_questions(notice))
    out.update({q.id: q for q in IP_QUESTIONS})
    out[VERIFY_QUESTION.id] = VERIFY_QUESTION
    return out


def _yes_no(raw: str) -> str | None:
    text = raw.strip().lower().rstrip(".!")
    if text in _YES or text.startswith(("yes", "yeah", "yep")):
        return "yes"
    if text in _NO or text.startswith(("no,", "no ", "nope")):
        return "no"
    return None


def clean_answers(
    answers: Mapping[str, str], questions: Mapping[str, Question], today: date | None
) -> tuple[dict[str, str], list[AnswerProblem]]:
    """Answers as the plan uses them, and those that do not answer their question (asked again)."""
    usable: dict[str, str] = {}
    problems: list[AnswerProblem] = []
    for qid, raw in answers.items():
        if raw is None or not str(raw).strip():
            continue
        question = questions.get(qid)
        if question is None:
            usable[qid] = str(raw).strip()  # a seller's own fact (revision) or an id from an older playbook
            continue
        if question.expects == "yes_no":
            value = _yes_no(str(raw))
            if value is None:
                problems.append(AnswerProblem(question=qid, answer=str(raw), reason="answer yes or no"))
            else:
                usable[qid] = value
            continue
        result = normalize_answer(str(raw), expects=question.expects, today=today, future=question.future)
        if result.text is not None:
            usable[qid] = result.text
        elif result.problem is not None:
            problems.append(AnswerProblem(question=qid, answer=str(raw), reason=result.problem))
    return usable, problems


def response_for(notice: Notice | None, answers: Mapping[str, str]) -> ResponseType:
    """The notice's response type; a suspected phishing message the seller found in the account is answered."""
    if notice is None:
        return ResponseType.IMPROVEMENT_PLAN
    if notice.response_type is ResponseType.VERIFY_FIRST and answers.get(VERIFY_QUESTION.id) == "yes":
        response, _ = decide_response(
            status=notice.status,
            kinds=notice.issue_kinds,
            asks=notice.asks,
            rejection=notice.rejection,
            phishing=[],
        )
        return response
    return notice.response_type


def _pick(
    items: Iterable[TemplateItem],
    ids: Sequence[str] | None,
    ctx: SectionContext,
    kind: PlanKind,
    strengthen: bool,
) -> list[TemplateItem]:
    return [
        item
        for item in items
        if (ids is None or item.id in ids) and (strengthen or not item.detail) and holds(item.when, ctx, kind)
    ]


def _cited(book: Playbook, item: TemplateItem, passages: Sequence[Passage]) -> list[FactRef]:
    refs = [FactRef(kind="playbook", ref=book.kind.value, quote=book.source)]
    if item.source:
        refs.append(FactRef(kind="passage", ref=f"knowledge/{item.source}", quote=item.source))
    refs += [FactRef(kind="passage", ref=p.chunk_id, quote=p.title) for p in passages[:2]]
    return refs


def _section(
    book: Playbook,
    ctx: SectionContext,
    kind: PlanKind,
    weak: set[PlanPart],
    passages: Sequence[Passage],
    asked_documents: set[str],
    provided: dict[str, PlanItem],
) -> PlanSection:
    cause = next(c for c in book.root_causes if not c.detail and holds(c.when, ctx, kind))
    causes = [cause] + [
        c
        for c in book.root_causes
        if c.detail and c is not cause and PlanPart.ROOT_CAUSE in weak and holds(c.when, ctx, kind)
    ]
    owner_of: dict[str, str] = {}
    for c in causes:
        for ref in [*c.actions, *c.prevention]:
            owner_of.setdefault(ref, f"{book.kind.value}:{c.id}")
    main = f"{book.kind.value}:{cause.id}"
    section = PlanSection(issue=book.kind, title=book.title)
    for c in causes:
        item = render_template(c.text, ctx)
        section.root_causes.append(item.model_copy(update={"id": f"{book.kind.value}:{c.id}"}))
    actions = list(dict.fromkeys(a for c in causes for a in c.actions))
    for a in _pick(book.corrective_actions, actions, ctx, kind, PlanPart.CORRECTIVE_ACTIONS in weak):
        item = render_template(a.text, ctx)
        section.corrective_actions.append(
            item.model_copy(update={"id": a.id, "answers": owner_of.get(a.id, main)})
        )
    prevention = list(dict.fromkeys(p for c in causes for p in c.prevention))
    measures = _pick(book.preventive_measures, prevention, ctx, kind, PlanPart.PREVENTIVE_MEASURES in weak)
    if measures:
        lead = render_template(
            "Owner of the measures below: {answer:common.owner}. Start date: {answer:common.prevention_start}.",
            ctx,
        )
        section.preventive_measures.append(lead.model_copy(update={"id": "owner_and_start", "answers": main}))
    for p in measures:
        item = render_template(p.text, ctx)
        item.refs.extend(r for r in _cited(book, p, passages) if r not in item.refs)
        section.preventive_measures.append(
            item.model_copy(update={"id": p.id, "answers": owner_of.get(p.id, main)})
        )
    referenced = {d for c in book.root_causes for d in c.documents}
    doc_ids = [d for c in causes for d in c.documents] + [
        d.id for d in book.documents if d.id not in referenced
    ]
    for d in _pick(
        book.documents, list(dict.fromkeys(doc_ids)), ctx, kind, PlanPart.SUPPORTING_DOCUMENTS in weak
    ):
        item = render_template(d.text, ctx).model_copy(update={"id": d.id})
        if d.document is not None and d.document in asked_documents:
            provided.setdefault(d.document, item)  # answered where the notice asks for it
            continue
        section.supporting_documents.append(item)
    for item in section.root_causes:
        item.refs.extend(r for r in _cited(book, cause, passages) if r not in item.refs)
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


def _issue_kinds(
    notice: Notice | None, report: HealthReport | None, response: ResponseType
) -> list[IssueKind]:
    if response in (ResponseType.VERIFY_FIRST, ResponseType.DOCUMENTS_ONLY, ResponseType.IP_PATH):
        return []
    if notice is not None and notice.issues:
        return notice.issue_kinds
    if report is not None and (kinds := issues_for_improvement_plan(report)):
        return kinds
    return [IssueKind.OTHER] if notice is not None else []


def _documents_only(
    notice: Notice,
    report: HealthReport | None,
    usable: dict[str, str],
    plan_kind: PlanKind,
    asked_documents: set[str],
    provided: dict[str, PlanItem],
) -> None:
    """No plan is written, but the playbooks still say how each asked-for document should be sent."""
    for issue_kind in notice.issue_kinds:
        book = load_playbook(issue_kind)
        ctx = build_context(issue_kind, book.metrics, notice, report, usable)
        for d in _pick(book.documents, None, ctx, plan_kind, False):
            if d.document in asked_documents and d.document not in provided:
                provided[d.document] = render_template(d.text, ctx).model_copy(update={"id": d.id})


def _opening(
    plan: PlanOfAction,
    kinds: list[IssueKind],
    notice: Notice | None,
    report: HealthReport | None,
    common: SectionContext,
) -> PlanItem:
    if plan.kind == "appeal":
        dated = " dated {notice.date}" if common.has("notice.date") else ""
        return render_template(
            f"This plan of action covers the issues raised in your notice{dated}: {_plural(kinds)}.", common
        )
    if notice is not None:
        dated = " of {notice.date}" if common.has("notice.date") else ""
        return render_template(
            f"Improvement plan for {_plural(kinds)}, in answer to the notice{dated}.", common
        )
    as_of = report.as_of.isoformat() if report else ""
    return PlanItem(
        text=f"Performance improvement plan for {_plural(kinds)}, based on our account data as of {as_of}.",
        refs=[FactRef(kind="metric", ref="as_of", quote=as_of)],
    )


def compose_plan(
    notice: Notice | None,
    report: HealthReport | None,
    answers: dict[str, str] | None = None,
    *,
    passages: dict[IssueKind, list[Passage]] | None = None,
    kind: PlanKind | None = None,
    strengthen: Sequence[PlanPart] = (),
    today: date | None = None,
) -> PlanOfAction:
    """Compose the response the notice calls for (with no notice, a performance improvement plan) offline.

    ``today`` resolves relative dates in the answers ("yesterday"); it defaults to the notice's date or
    the report's as-of date, and without any the seller is asked for the date itself.
    """
    today = today or (notice.notice_date if notice else None) or (report.as_of if report else None)
    questions = case_questions(notice)
    usable, problems = clean_answers(dict(answers or {}), questions, today)
    response = response_for(notice, usable)
    if kind == "performance_improvement_plan":
        response = ResponseType.IMPROVEMENT_PLAN
    elif kind == "appeal" and notice is not None and response is ResponseType.IMPROVEMENT_PLAN:
        response = ResponseType.PLAN_OF_ACTION
    plan_kind: PlanKind = (
        "performance_improvement_plan" if response is ResponseType.IMPROVEMENT_PLAN else "appeal"
    )
    marketplace = plan_marketplace(notice, report)
    plan = PlanOfAction(
        kind=plan_kind,
        response_type=response,
        engine="offline",
        answer_problems=problems,
        **({"marketplace": marketplace} if marketplace else {}),
    )
    asked = len([a for a in notice.asks if a.document != "plan_of_action"]) if notice else 0
    plan.advice = advice(notice, response, asked=asked)
    if response is ResponseType.VERIFY_FIRST:
        plan.missing = [] if VERIFY_QUESTION.id in usable else [VERIFY_QUESTION.id]
        plan.ready = False
        return plan
    issue_kinds = _issue_kinds(notice, report, response)
    weak = set(strengthen)
    if notice is not None and notice.rejection is not None:
        weak |= set(notice.rejection.weak_parts) or set(_CORE)
    # an ask for a document, or a step that is one ('clear photos of the label'), takes the playbook's item
    asked_documents = (
        {a.document for a in notice.asks if a.document and a.kind in DOCUMENT_ASKS} if notice else set()
    )
    provided: dict[str, PlanItem] = {}
    for issue_kind in issue_kinds:
        book = load_playbook(issue_kind)
        ctx = build_context(issue_kind, book.metrics, notice, report, usable)
        section = _section(
            book, ctx, plan_kind, weak, (passages or {}).get(issue_kind, []), asked_documents, provided
        )
        plan.sections.append(section)
    if response is ResponseType.DOCUMENTS_ONLY and notice is not None:
        _documents_only(notice, report, usable, plan_kind, asked_documents, provided)
    common = build_context(issue_kinds[0] if issue_kinds else IssueKind.OTHER, [], notice, report, usable)
    if plan.sections:
        plan.opening = _opening(plan, issue_kinds, notice, report, common)
    if notice is not None and notice.rejection is not None and plan.sections:
        parts = sorted(p.value.replace("_", " ") for p in weak if p is not PlanPart.SUPPORTING_DOCUMENTS)
        plan.changes_since_last = [
            PlanItem(
                text=f"Compared with our previous submission, this plan gives more detail on: {', '.join(parts)}.",
                refs=[FactRef(kind="notice", ref="rejection")],
            ),
            render_template("{answer:common.changes_since_last}.", common),
        ]
    if notice is not None:
        plan.asks = answer_asks(
            notice, plan.sections, usable, provided, has_changes=bool(plan.changes_since_last)
        )
        if response is ResponseType.IP_PATH or (
            set(notice.issue_kinds) & (IP_KINDS | {IssueKind.INAUTHENTIC})
        ):
            letters = ip_letters(notice, usable, common, ip=bool(set(notice.issue_kinds) & IP_KINDS))
            # beside a plan of action a letter is extra help: drafted once the seller's answers fill it
            plan.letters = (
                letters
                if response is ResponseType.IP_PATH
                else [
                    x for x in letters if "[[" not in x.to and not any(line.placeholders for line in x.body)
                ]
            )
    mark_readiness(plan)
    return plan


def _structure_gaps(plan: PlanOfAction) -> list[str]:
    """Plan parts a reviewer needs that are empty, and root causes no action or measure answers."""
    if plan.response_type not in (ResponseType.PLAN_OF_ACTION, ResponseType.IMPROVEMENT_PLAN):
        return []
    if not plan.sections:
        return ["plan:no_issue"]
    gaps: list[str] = []
    for section in plan.sections:
        name = section.issue.value
        for part, items in (
            (PlanPart.ROOT_CAUSE, section.root_causes),
            (PlanPart.CORRECTIVE_ACTIONS, section.corrective_actions),
            (PlanPart.PREVENTIVE_MEASURES, section.preventive_measures),
        ):
            if not items:
                gaps.append(f"plan:{name}:{part.value}")
        linked = (
            {i.answers for i in section.corrective_actions},
            {i.answers for i in section.preventive_measures},
        )
        for cause in section.root_causes:
            if not cause.id or not any(
                i.answers for i in section.corrective_actions + section.preventive_measures
            ):
                continue  # a plan without links (written by hand or by an LLM) is judged by its parts
            if cause.id not in linked[0] and cause.id == section.root_causes[0].id:
                gaps.append(f"plan:{name}:no_action_for:{cause.id}")
            if cause.id not in linked[1] and cause.id == section.root_causes[0].id:
                gaps.append(f"plan:{name}:no_prevention_for:{cause.id}")
    return gaps


def mark_readiness(plan: PlanOfAction) -> None:
    """Recompute ``missing`` and ``ready``: no placeholder anywhere, and every cause answered by an action
    and a measure (for plans); a response to a suspected phishing message is never ready to send."""
    missing: list[str] = []
    items: list[PlanItem] = [plan.opening] if plan.opening else []
    items += plan.changes_since_last
    for section in plan.sections:
        items += [item for _, item in section.items()]
    items += [a.answer for a in plan.asks]
    if plan.response_type is ResponseType.IP_PATH:  # otherwise the letters are extra help, not the submission
        items += [line for letter in plan.letters for line in letter.body]
    for item in items:
        for key in item.placeholders:
            if key not in missing:
                missing.append(key)
    missing += [g for g in _structure_gaps(plan) if g not in missing]
    plan.missing = missing
    if plan.response_type is ResponseType.VERIFY_FIRST:
        plan.ready = False
        return
    has_content = bool(plan.sections or plan.asks or plan.letters)
    plan.ready = has_content and not missing


def pending_questions(plan: PlanOfAction) -> list[str]:
    """Question ids the seller still has to answer: answers asked again first, then placeholders in order."""
    again = [p.question for p in plan.answer_problems]
    rest = [
        key for key in plan.missing if not key.startswith(("data:", "llm:", "plan:")) and key not in again
    ]
    return list(dict.fromkeys(again + rest))


def optional_questions(plan: PlanOfAction, answers: dict[str, str]) -> list[str]:
    """Questions that add an item to the plan when answered (e.g. 'do you hold a letter of authorization?').

    They never block readiness, so they are not placeholders; the interview offers them after the
    pending ones. Order: as the playbooks list them.
    """
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
    kinds = {s.issue for s in plan.sections}
    letters: list[str] = []
    if plan.response_type is ResponseType.IP_PATH:
        letters = ["ip.supplier"]  # naming the supplier drafts the request for invoices (ip_letters)
    elif kinds & IP_KINDS:
        letters = ["ip.basis", "ip.contact", "ip.supplier"]  # the letters beside a plan, drafted once filled
    elif IssueKind.INAUTHENTIC in kinds:
        letters = ["ip.supplier", "ip.contact"]
    out += [q for q in letters if q not in answers and q not in pending and q not in out]
    return out
