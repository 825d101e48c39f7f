"""Deterministic evaluators: small named checks over one drafted case, each with a reason on failure."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel

from appeal_assistant.drafting.grounding import build_sources, unsupported_facts
from appeal_assistant.drafting.render import render_text
from appeal_assistant.evaluation.cases import EvalCase
from appeal_assistant.models import HealthReport, Notice, Passage, PlanOfAction, PlanPart

__all__ = ["CHECKS", "CheckResult", "DraftedCase", "run_checks"]

_FUTURE = re.compile(r"\b(will|shall|going to|plan to|intend to|are planning|aim to)\b", re.I)
_PART_ATTR = {
    PlanPart.ROOT_CAUSE: "root_causes",
    PlanPart.CORRECTIVE_ACTIONS: "corrective_actions",
    PlanPart.PREVENTIVE_MEASURES: "preventive_measures",
    PlanPart.SUPPORTING_DOCUMENTS: "supporting_documents",
}


class CheckResult(BaseModel):
    check: str
    passed: bool
    reason: str = ""


@dataclass
class DraftedCase:
    case: EvalCase
    notice: Notice | None
    report: HealthReport | None
    answers: dict[str, str]
    plan: PlanOfAction
    passages: list[Passage]

    @property
    def text(self) -> str:
        return render_text(self.plan)


def _ok(name: str) -> CheckResult:
    return CheckResult(check=name, passed=True)


def _fail(name: str, reason: str) -> CheckResult:
    return CheckResult(check=name, passed=False, reason=reason)


def check_issues(d: DraftedCase) -> CheckResult:
    want = d.case.expect.issues
    got = d.notice.issue_kinds if d.notice else []
    if not want or set(got) == set(want):
        return _ok("issues_read")
    return _fail(
        "issues_read", f"notice read as {[k.value for k in got]}, expected {[k.value for k in want]}"
    )


def check_sections(d: DraftedCase) -> CheckResult:
    want = d.case.expect.sections if d.case.expect.sections is not None else d.case.expect.issues
    by_kind = {s.issue: s for s in d.plan.sections}
    for kind in want:
        section = by_kind.get(kind)
        if section is None:
            return _fail(
                "sections",
                f"no section for {kind.value!r}; sections: {[s.issue.value for s in d.plan.sections]}",
            )
        for part in d.case.expect.parts:
            if not getattr(section, _PART_ATTR[part]):
                return _fail("sections", f"section {kind.value!r} has no {part.value.replace('_', ' ')}")
    return _ok("sections")


def check_must_mention(d: DraftedCase) -> CheckResult:
    missing = [m for m in d.case.expect.must_mention if m not in d.text]
    return _ok("must_mention") if not missing else _fail("must_mention", f"draft lacks {missing!r}")


def check_must_not(d: DraftedCase) -> CheckResult:
    lowered = d.text.lower()
    found = [m for m in d.case.expect.must_not_mention if m.lower() in lowered]
    return _ok("must_not_mention") if not found else _fail("must_not_mention", f"draft contains {found!r}")


def check_grounding(d: DraftedCase) -> CheckResult:
    """Every number, date, id, name and document kind in the draft traces back to an input."""
    items = [item for s in d.plan.sections for _, item in s.items()] + [a.answer for a in d.plan.asks]
    used = [ref.quote for item in items for ref in item.refs if ref.kind == "answer" and ref.quote]
    sources = build_sources(
        notice=d.notice,
        report=d.report,
        answers=d.answers,
        passages=d.passages,
        extra_texts=_playbook_texts(d) + used,
    )
    text = "\n".join(item.text for item in items)
    bad = unsupported_facts(text, sources, check_names=False)
    if not bad:
        return _ok("grounding")
    shown = ", ".join(f"{f.kind} {f.value!r}" for f in bad[:5])
    return _fail("grounding", f"{len(bad)} fact(s) not in the inputs: {shown}")


def _playbook_texts(d: DraftedCase) -> list[str]:
    from appeal_assistant.drafting.playbook import all_playbooks

    books = all_playbooks()
    return [
        item.text
        for s in d.plan.sections
        if s.issue in books
        for item in (
            *books[s.issue].root_causes,
            *books[s.issue].corrective_actions,
            *books[s.issue].preventive_measures,
            *books[s.issue].documents,
        )
    ]


def check_tense(d: DraftedCase) -> CheckResult:
    for section in d.plan.sections:
        for item in section.corrective_actions:
            match = _FUTURE.search(item.text)
            if match:
                return _fail(
                    "tense",
                    f"corrective action in the future tense ({match.group(0)!r}): {item.text[:120]!r}",
                )
    return _ok("tense")


def check_review(d: DraftedCase) -> CheckResult:
    """No forbidden reviewer problem (blame, pleas, promises, future-tense actions, support-case talk)."""
    from appeal_assistant.drafting.reviewer import review_plan

    review = review_plan(d.plan, notice=d.notice, report=d.report, answers=d.answers)
    bad = [p for p in review.problems if p.code in d.case.expect.forbidden_problems]
    if not bad:
        return _ok("no_forbidden_problems")
    return _fail("no_forbidden_problems", "; ".join(f"{p.code}: {p.message}" for p in bad[:3]))


def check_length(d: DraftedCase) -> CheckResult:
    """The length of what is sent: a plan's submission without the advice around it; for the other responses
    (letters, documents) the whole response."""
    from appeal_assistant.drafting.render import render_submission
    from appeal_assistant.models import ResponseType

    planned = d.plan.response_type in (ResponseType.PLAN_OF_ACTION, ResponseType.IMPROVEMENT_PLAN)
    words = len((render_submission(d.plan) if planned else d.text).split())
    bounds = d.case.expect.length
    if bounds.min_words <= words <= bounds.max_words:
        return _ok("length")
    return _fail("length", f"{words} words, expected {bounds.min_words}-{bounds.max_words}")


def check_readiness(d: DraftedCase) -> CheckResult:
    want = d.case.expect.ready
    if want is None:
        return _ok("readiness")
    if d.plan.ready != want:
        state = "ready" if d.plan.ready else f"not ready (missing {d.plan.missing})"
        return _fail("readiness", f"draft is {state}; expected {'ready' if want else 'not ready'}")
    absent = [q for q in d.case.expect.placeholders if q not in d.plan.missing]
    if absent:
        return _fail(
            "readiness", f"expected placeholders {absent} are not marked missing (missing: {d.plan.missing})"
        )
    if d.plan.ready and "[[" in d.text:
        return _fail("readiness", "plan says ready but the text still holds [[...]]")
    return _ok("readiness")


CHECKS: tuple[Callable[[DraftedCase], CheckResult], ...] = (
    check_issues,
    check_sections,
    check_must_mention,
    check_must_not,
    check_grounding,
    check_tense,
    check_review,
    check_length,
    check_readiness,
)


def run_checks(d: DraftedCase) -> list[CheckResult]:
    """Every deterministic check on one drafted case; a crashing check is a failure with its error."""
    results = []
    for check in CHECKS:
        try:
            results.append(check(d))
        except Exception as exc:  # a check that breaks must show up in the scorecard, not stop the run
            name = check.__name__.removeprefix("check_")
            results.append(_fail(name, f"check raised {type(exc).__name__}: {exc}"))
    return results
