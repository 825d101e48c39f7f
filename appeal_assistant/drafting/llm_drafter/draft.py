"""The LLM drafter: the offline draft as skeleton, redacted structured context out, a checked plan back.

Every reply must fit the PlanOfAction schema (one repair round) and pass the fact check: numbers,
percentages, dates, ids, ASINs, names and document kinds must trace back to the notice, the health
report, the seller's answers, the passages or the offline draft (one repair round). Anything else ends
in the offline draft (or, for a revision, the unchanged plan) with a note that says why. The seller's
answers are never modified, so nothing they typed is lost on any failure.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from appeal_assistant.drafting.composer import compose_plan, mark_readiness
from appeal_assistant.drafting.grounding import Sources, UnsupportedFact, build_sources, unsupported_facts
from appeal_assistant.drafting.llm_drafter.context import (
    PLACEHOLDER,
    case_context,
    case_ids,
    flatten_passages,
    placeholder_keys,
    plan_items,
    plan_json,
    valid_refs,
)
from appeal_assistant.drafting.render import render_text
from appeal_assistant.errors import GroundingError, InputError, LLMError, LLMOutputError
from appeal_assistant.llm.client import ChatMessage, LLMClient, Usage
from appeal_assistant.llm.guard import RedactingClient
from appeal_assistant.llm.prompts import render_prompt
from appeal_assistant.llm.redact import Redactor
from appeal_assistant.llm.structured import complete_structured
from appeal_assistant.models import (
    HealthReport,
    IssueKind,
    Notice,
    Passage,
    PlanKind,
    PlanOfAction,
    PlanPart,
    ResponseType,
)

__all__ = ["DraftOutcome", "draft_with_llm", "revise_with_llm"]

_SCHEMA_REASON = "it did not match the required JSON schema"
_FACTS_REASON = "it states facts that are not in the case context"


@dataclass
class DraftOutcome:
    """The plan to show, whether the LLM wrote it, what happened on the way, and what it cost."""

    plan: PlanOfAction
    used_llm: bool
    notes: list[str] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)


def _guard(client: LLMClient, keep: Sequence[str]) -> RedactingClient:
    """Mask through a redactor that keeps this case's ids readable (re-guarding a guarded client's inner)."""
    inner = client.inner if isinstance(client, RedactingClient) else client
    return RedactingClient(inner, Redactor(keep=keep))


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
    for item in plan_items(plan):
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
    # the LLM rewrites the plan's sections; what the notice asks, the advice and the letters stay the
    # offline engine's (they quote the notice and the seller's answers word for word)
    plan = plan.model_copy(
        update={
            "kind": template.kind,
            "marketplace": template.marketplace,
            "engine": f"llm:{model}",
            "response_type": template.response_type,
            "advice": template.advice,
            "asks": template.asks,
            "letters": template.letters,
            "answer_problems": template.answer_problems,
        }
    )
    keys = placeholder_keys(template)
    missing: list[str] = []
    dropped_refs = 0
    present: set[str] = set()
    for item in plan_items(plan):
        texts = list(dict.fromkeys(PLACEHOLDER.findall(item.text)))
        present.update(texts)
        item.placeholders = [keys.get(t, f"llm:{t}") for t in texts]
        missing += [k for k in item.placeholders if k not in missing]
        kept = [r for r in item.refs if (r.kind, r.ref) in refs]
        dropped_refs += len(item.refs) - len(kept)
        item.refs = kept
    dropped = [t for t in placeholder_keys(template) if t not in present]
    if dropped:
        missing += [keys[t] for t in dropped if keys[t] not in missing]
        notes.append(
            f"the LLM draft left out {len(dropped)} fact(s) still missing ({', '.join(dropped)}); "
            "they are still needed, so the plan is not ready"
        )
    if dropped_refs:
        notes.append(f"dropped {dropped_refs} reference(s) the LLM gave to facts that do not exist")
    plan.notes = list(notes)
    mark_readiness(plan)
    plan.missing = list(dict.fromkeys(missing + plan.missing))
    plan.ready = plan.ready and not missing
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
    if not skeleton.sections:  # documents only, letters, or a message to verify first: nothing to write up
        what = {
            ResponseType.DOCUMENTS_ONLY: "the notice asks only for documents",
            ResponseType.IP_PATH: "the response is the letters to the rights owner and supplier",
            ResponseType.VERIFY_FIRST: "the message must be verified first",
        }.get(skeleton.response_type, "no issue to write about (no notice issue and no metric at risk)")
        note = f"no plan to write: {what}; nothing was sent to the LLM"
        return DraftOutcome(
            skeleton.model_copy(update={"notes": [*skeleton.notes, note]}), False, [note], usage
        )
    flat = flatten_passages(passages)
    sources = build_sources(
        notice=notice, report=report, answers=answers, passages=flat, extra_texts=[render_text(skeleton)]
    )
    issues = [sec.issue for sec in skeleton.sections]
    context = case_context(notice, report, answers, flat, issues, skeleton=skeleton)
    messages = render_prompt(
        "draft_plan",
        {"context_json": context, "schema_json": json.dumps(PlanOfAction.model_json_schema(), indent=1)},
    )
    guard = _guard(client, case_ids(notice, report))
    refs = valid_refs(notice, report, answers, flat, skeleton)
    return _ask_or_keep(guard, messages, skeleton, sources, refs, usage, "the offline draft")


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
    flat = flatten_passages(passages)
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
    guard = _guard(client, case_ids(notice, report))
    refs = valid_refs(notice, report, answers, flat, plan)
    return _ask_or_keep(guard, messages, plan, sources, refs, Usage(), "the plan unchanged")


def _ask_or_keep(
    guard: RedactingClient,
    messages: list[ChatMessage],
    base: PlanOfAction,
    sources: Sources,
    refs: set[tuple[str, str]],
    usage: Usage,
    kept: str,
) -> DraftOutcome:
    """Ask the model; on any LLM failure keep ``base`` (described as ``kept`` in the note)."""
    notes: list[str] = []
    try:
        plan = _ask(guard, messages, base, sources, refs, usage, notes)
    except LLMError as exc:
        notes.append(_fallback_note(exc, kept))
        fallback = base.model_copy(deep=True)
        fallback.notes = [*base.notes, *notes]
        return DraftOutcome(fallback, False, notes, usage)
    return DraftOutcome(plan, True, notes, usage)
