"""The reviewer against reality: plans of action with known outcomes, and blame in any phrasing.

- ``evals/plans/<part>/*.md``: real plans retold in our own words, each with its outcome (accepted or
  rejected). The reviewer must score every rejected plan below every accepted one of the same part; the
  share of (accepted, rejected) pairs in the right order is reported (1.0 = perfect separation).
- ``evals/reviewer/<part>/blame.yaml``: sentences that put the fault on someone else (``blame``) and
  sentences that mention carriers, buyers or the marketplace while owning the fault (``not_blame``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from appeal_assistant.errors import EvalError
from appeal_assistant.models import IssueKind, Marketplace

if TYPE_CHECKING:
    from appeal_assistant.drafting.reviewer import BlameScorer

__all__ = [
    "BlameResult",
    "KnownPlan",
    "OutcomeResult",
    "blame_sentence",
    "evaluate_blame",
    "evaluate_outcomes",
    "load_known_plans",
    "outcomes_markdown",
]

EVALS = Path(__file__).resolve().parents[2] / "evals"


class KnownPlan(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str
    outcome: Literal["accepted", "rejected"]
    marketplace: Marketplace = Marketplace.AMAZON
    issues: list[IssueKind] = Field(default_factory=list)
    notice: str = ""
    why: str = ""
    sources: list[str] = Field(default_factory=list)
    text: str = ""


class PlanScore(BaseModel):
    id: str
    outcome: str
    score: int
    verdict: str
    codes: list[str]


class OutcomeResult(BaseModel):
    part: str
    plans: list[PlanScore]
    ordered_pairs: float = Field(
        description="share of (accepted, rejected) pairs with accepted scored higher"
    )
    separated: bool = Field(description="every rejected plan scored below every accepted one")
    mean_accepted: float
    mean_rejected: float


class BlameResult(BaseModel):
    part: str
    blame_found: int
    blame_total: int
    false_alarms: int
    not_blame_total: int
    missed: list[str] = Field(default_factory=list)
    wrongly_flagged: list[str] = Field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.blame_found / self.blame_total if self.blame_total else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.not_blame_total if self.not_blame_total else 0.0


def load_known_plans(part: str, folder: Path = EVALS / "plans") -> list[KnownPlan]:
    root = folder / part
    if not root.is_dir():
        raise EvalError(f"no plans part {part!r} under {str(folder)!r}")
    plans: list[KnownPlan] = []
    for path in sorted(root.glob("*.md")):
        raw = path.read_text(encoding="utf-8")
        if not raw.startswith("---"):
            raise EvalError(f"{path.name!r} has no front matter (--- ... ---) with its outcome")
        _, front, body = raw.split("---", 2)
        try:
            plan = KnownPlan.model_validate({**(yaml.safe_load(front) or {}), "text": body.strip()})
        except (yaml.YAMLError, ValidationError) as exc:
            raise EvalError(f"{path.name!r}: front matter is malformed: {exc}") from exc
        plans.append(plan)
    if not plans:
        raise EvalError(f"plans part {part!r} is empty")
    return plans


def evaluate_outcomes(
    part: str, folder: Path = EVALS / "plans", scorer: BlameScorer | None = None
) -> OutcomeResult:
    """Review every plan of ``part`` (as the seller's own text, with its notice) and compare by outcome.

    ``scorer`` adds blame judged by meaning (``blame_model.blame_scores``); None reviews by rules only."""
    from appeal_assistant.drafting.reviewer import review_text
    from appeal_assistant.notice import parse_notice

    scores: list[PlanScore] = []
    for plan in load_known_plans(part, folder):
        notice = parse_notice(plan.notice) if plan.notice.strip() else None
        if notice is not None and not notice.issues and plan.issues:
            from appeal_assistant.models import NoticeIssue

            notice = notice.model_copy(
                update={"issues": [NoticeIssue(kind=k, evidence=plan.notice[:200]) for k in plan.issues]}
            )
        review = review_text(plan.text, notice=notice, blame_scorer=scorer)
        scores.append(
            PlanScore(
                id=plan.id,
                outcome=plan.outcome,
                score=review.score,
                verdict=review.verdict,
                codes=sorted(review.codes),
            )
        )
    accepted = [s.score for s in scores if s.outcome == "accepted"]
    rejected = [s.score for s in scores if s.outcome == "rejected"]
    pairs = [(a, r) for a in accepted for r in rejected]
    right = sum(1.0 if a > r else 0.5 if a == r else 0.0 for a, r in pairs)
    return OutcomeResult(
        part=part,
        plans=scores,
        ordered_pairs=right / len(pairs) if pairs else 1.0,
        separated=bool(pairs) and min(accepted) > max(rejected),
        mean_accepted=sum(accepted) / len(accepted) if accepted else 0.0,
        mean_rejected=sum(rejected) / len(rejected) if rejected else 0.0,
    )


def blame_sentence(sentence: str, scorer: BlameScorer | None = None) -> str | None:
    """The words that blame someone else, as the reviewer finds them in a root cause, or None."""
    from appeal_assistant.drafting.reviewer import review_text

    review = review_text(f"Issue\nRoot cause\n- {sentence}", blame_scorer=scorer)
    hit = next((p for p in review.problems if p.code == "blame"), None)
    return hit.message if hit else None


def evaluate_blame(
    part: str, folder: Path = EVALS / "reviewer", scorer: BlameScorer | None = None
) -> BlameResult:
    path = folder / part / "blame.yaml"
    if not path.is_file():
        raise EvalError(f"no blame set at {str(path)!r}")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    blame = [str(s) for s in data.get("blame", [])]
    clean = [str(s) for s in data.get("not_blame", [])]
    missed = [s for s in blame if blame_sentence(s, scorer) is None]
    flagged = [s for s in clean if blame_sentence(s, scorer) is not None]
    return BlameResult(
        part=part,
        blame_found=len(blame) - len(missed),
        blame_total=len(blame),
        false_alarms=len(flagged),
        not_blame_total=len(clean),
        missed=missed,
        wrongly_flagged=flagged,
    )


def outcomes_markdown(outcomes: OutcomeResult, blame: BlameResult | None, *, details: bool = True) -> str:
    lines = [
        f"## Reviewer against known outcomes: {outcomes.part} ({len(outcomes.plans)} plans)",
        "",
        f"- mean score: accepted {outcomes.mean_accepted:.1f}, rejected {outcomes.mean_rejected:.1f}",
        f"- (accepted, rejected) pairs in the right order: {outcomes.ordered_pairs:.1%}; "
        f"every rejected below every accepted: {'yes' if outcomes.separated else 'no'}",
    ]
    if blame is not None:
        lines.append(
            f"- blame found: {blame.blame_found}/{blame.blame_total} ({blame.recall:.1%}); "
            f"false alarms: {blame.false_alarms}/{blame.not_blame_total} ({blame.false_alarm_rate:.1%})"
        )
    lines.append("")
    if details:
        lines += ["| plan | outcome | score | verdict | problems |", "|---|---|---|---|---|"]
        for s in sorted(outcomes.plans, key=lambda p: -p.score):
            lines.append(f"| {s.id} | {s.outcome} | {s.score} | {s.verdict} | {', '.join(s.codes) or '-'} |")
        if blame is not None:
            lines += ["", *[f"- missed blame: {s}" for s in blame.missed]]
            lines += [f"- flagged but owning: {s}" for s in blame.wrongly_flagged]
        lines.append("")
    return "\n".join(lines)
