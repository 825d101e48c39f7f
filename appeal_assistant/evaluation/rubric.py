"""The rubric evaluation: the response to a real notice, judged as a consultant would (evals/rubric/).

Each case holds a notice written from a real one and a rubric: the response type and status it calls
for, every ask of the notice, the content a consultant requires (``must``) and the content that would
be wrong (``must_not``), as concept-level patterns. The response judged is what the offline engine
gives the seller with no report files and no answers. Parts are scored apart: ``dev`` (tuned against)
and ``blind`` (written by someone who never saw the drafting code; never tuned against).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from appeal_assistant.errors import EvalError
from appeal_assistant.models import (
    AskKind,
    IssueKind,
    Marketplace,
    Notice,
    NoticeStatus,
    PlanOfAction,
    ResponseType,
)

__all__ = [
    "RUBRIC_DIR",
    "PartResult",
    "RubricCase",
    "RubricFloors",
    "RubricResult",
    "evaluate_part",
    "load_rubric_cases",
    "load_rubric_floors",
    "part_markdown",
    "response_text",
    "rubric_failures",
]

RUBRIC_DIR = Path(__file__).resolve().parents[2] / "evals" / "rubric"
_NOTICE_NAMES = ("notice.txt", "notice.eml", "notice.html", "notice.pdf")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Pattern(_Strict):
    """Content that must (or must not) be in the response: any of ``any`` (case-insensitive regexes)."""

    id: str
    any: list[str] = Field(min_length=1)
    why: str = ""
    kind: AskKind | None = None
    text: str = ""

    @field_validator("any")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for p in patterns:
            try:
                re.compile(p)
            except re.error as exc:
                raise ValueError(f"pattern {p!r} is not a valid regular expression: {exc}") from exc
        return patterns

    def found_in(self, text: str) -> str | None:
        """The first matching text, or None."""
        for p in self.any:
            m = re.search(p, text, re.IGNORECASE)
            if m is not None:
                return m.group(0)
        return None


class Expect(_Strict):
    response_type: ResponseType
    status: NoticeStatus
    rejection: bool = False
    issues: list[IssueKind] = Field(default_factory=list)
    asks: list[Pattern] = Field(default_factory=list)
    must: list[Pattern] = Field(default_factory=list)
    must_not: list[Pattern] = Field(default_factory=list)


class RubricCase(_Strict):
    id: str
    title: str = ""
    marketplace: Marketplace = Marketplace.AMAZON
    sources: list[str] = Field(default_factory=list)
    notice: str = "notice.txt"
    written: str | None = None
    expect: Expect
    folder: Path = Field(default=Path(), exclude=True)
    part: str = Field(default="", exclude=True)


class RubricResult(BaseModel):
    """One case's score: which musts were found, which must-nots hit, type, status and issues."""

    id: str
    part: str
    response_type: str
    expected_type: str
    status: str
    expected_status: str
    rejection_ok: bool
    musts_total: int
    musts_found: int
    missing: list[str] = Field(default_factory=list, description="ids of asks/musts not found")
    must_not_hits: list[str] = Field(default_factory=list, description="'id: matched text'")
    issues_expected: list[str] = Field(default_factory=list)
    issues_read: list[str] = Field(default_factory=list)
    words: int = 0
    error: str | None = None

    @property
    def type_ok(self) -> bool:
        return self.response_type == self.expected_type

    @property
    def status_ok(self) -> bool:
        return self.status == self.expected_status


class PartResult(BaseModel):
    part: str
    cases: list[RubricResult]
    must_rate: float
    must_not_cases: int
    type_accuracy: float
    status_accuracy: float
    rejection_accuracy: float
    issue_precision: float
    issue_recall: float
    max_similarity: float = Field(description="the most alike two responses of this part are (0-1)")
    most_alike: list[str] = Field(default_factory=list)
    errors: int = 0


def load_rubric_cases(part: str, folder: Path = RUBRIC_DIR) -> list[RubricCase]:
    """Every case of one part (``dev``, ``blind``), sorted by id."""
    root = folder / part
    if not root.is_dir():
        raise EvalError(f"no rubric part {part!r} under {str(folder)!r}")
    cases: list[RubricCase] = []
    for path in sorted(root.glob("*/rubric.yaml")):
        try:
            case = RubricCase.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        except (yaml.YAMLError, ValidationError) as exc:
            raise EvalError(f"rubric case {path.parent.name!r} is malformed: {exc}") from exc
        if case.id != path.parent.name:
            raise EvalError(f"rubric folder {path.parent.name!r} declares id {case.id!r}; make them equal")
        if not (path.parent / case.notice).is_file():
            found = [n for n in _NOTICE_NAMES if (path.parent / n).is_file()]
            if not found:
                raise EvalError(f"rubric case {case.id!r} has no notice file {case.notice!r}")
            case.notice = found[0]
        case.folder = path.parent
        case.part = part
        cases.append(case)
    if not cases:
        raise EvalError(f"rubric part {part!r} has no cases")
    return cases


def response_text(notice: Notice, plan: PlanOfAction) -> str:
    """Everything the seller is given for the notice, as text: the status, the response and the draft."""
    from appeal_assistant.drafting.render import render_text

    status = notice.status.value.replace("_", " ")
    head = [f"Status: {status}.", f"Response: {plan.response_type.value.replace('_', ' ')}."]
    if notice.deadline is not None:
        head.append(f"Deadline: {notice.deadline.isoformat()}.")
    elif notice.deadline_days:
        head.append(f"Deadline: within {notice.deadline_days} days of the notice.")
    return "\n".join(head) + "\n\n" + render_text(plan)


Responder = Callable[[Notice], PlanOfAction]


def _offline(notice: Notice) -> PlanOfAction:
    from appeal_assistant.drafting.composer import compose_plan

    return compose_plan(notice, None, {})


def _score(case: RubricCase, respond: Responder) -> tuple[RubricResult, str]:
    from appeal_assistant.notice import read_notice

    expect = case.expect
    base = {
        "id": case.id,
        "part": case.part,
        "expected_type": expect.response_type.value,
        "expected_status": expect.status.value,
        "musts_total": len(expect.asks) + len(expect.must),
        "issues_expected": [k.value for k in expect.issues],
    }
    try:
        notice = read_notice(case.folder / case.notice)
        plan = respond(notice)
    except Exception as exc:  # a crash is a scored failure with its reason, not the end of the run
        result = RubricResult(
            **base,
            response_type="error",
            status="error",
            rejection_ok=False,
            musts_found=0,
            missing=[p.id for p in [*expect.asks, *expect.must]],
            error=f"{type(exc).__name__}: {exc}",
        )
        return result, ""
    text = response_text(notice, plan)
    missing = [p.id for p in [*expect.asks, *expect.must] if p.found_in(text) is None]
    hits = [f"{p.id}: {hit!r}" for p in expect.must_not if (hit := p.found_in(text)) is not None]
    result = RubricResult(
        **base,
        response_type=plan.response_type.value,
        status=notice.status.value,
        rejection_ok=(notice.rejection is not None) == expect.rejection,
        musts_found=base["musts_total"] - len(missing),  # type: ignore[operator]
        missing=missing,
        must_not_hits=hits,
        issues_read=[k.value for k in notice.issue_kinds],
        words=len(text.split()),
    )
    return result, text


def _similarity(texts: dict[str, str]) -> tuple[float, list[str]]:
    """The highest word-sequence similarity between two responses (identical drafts score 1.0)."""
    best, pair = 0.0, []
    for (a, ta), (b, tb) in combinations(texts.items(), 2):
        ratio = difflib.SequenceMatcher(None, ta.split(), tb.split(), autojunk=False).ratio()
        if ratio > best:
            best, pair = ratio, [a, b]
    return best, pair


def evaluate_part(
    part: str,
    *,
    respond: Responder | None = None,
    folder: Path = RUBRIC_DIR,
    on_case: Callable[[RubricResult], None] | None = None,
) -> PartResult:
    """Score every case of ``part`` with ``respond`` (default: the offline engine, no reports, no answers)."""
    cases = load_rubric_cases(part, folder)
    results: list[RubricResult] = []
    texts: dict[str, str] = {}
    for case in cases:
        result, text = _score(case, respond or _offline)
        results.append(result)
        if text:
            texts[case.id] = text
        if on_case is not None:
            on_case(result)
    total = sum(r.musts_total for r in results)
    found = sum(r.musts_found for r in results)
    expected = sum(len(r.issues_expected) for r in results)
    read = sum(len(r.issues_read) for r in results)
    right = sum(len(set(r.issues_expected) & set(r.issues_read)) for r in results)
    n = len(results)
    best, pair = _similarity(texts)
    return PartResult(
        part=part,
        cases=results,
        must_rate=found / total if total else 1.0,
        must_not_cases=sum(1 for r in results if r.must_not_hits),
        type_accuracy=sum(r.type_ok for r in results) / n,
        status_accuracy=sum(r.status_ok for r in results) / n,
        rejection_accuracy=sum(r.rejection_ok for r in results) / n,
        issue_precision=right / read if read else 1.0,
        issue_recall=right / expected if expected else 1.0,
        max_similarity=round(best, 3),
        most_alike=pair,
        errors=sum(1 for r in results if r.error),
    )


def part_markdown(result: PartResult, *, details: bool = True) -> str:
    """A scorecard for one part; ``details=False`` gives figures only (for a blind part's summary)."""
    lines = [
        f"## Rubric evaluation: {result.part} ({len(result.cases)} cases)",
        "",
        f"- must-haves present: {result.must_rate:.1%} "
        f"({sum(r.musts_found for r in result.cases)}/{sum(r.musts_total for r in result.cases)})",
        f"- cases with a must-not: {result.must_not_cases}",
        f"- response type right: {result.type_accuracy:.1%}; status right: {result.status_accuracy:.1%}; "
        f"rejection read right: {result.rejection_accuracy:.1%}",
        f"- issue kinds: precision {result.issue_precision:.2f}, recall {result.issue_recall:.2f}",
        f"- most alike two responses: {result.max_similarity:.2f} ({' / '.join(result.most_alike)})",
        f"- errors: {result.errors}",
        "",
    ]
    if details:
        lines += ["| case | type | status | musts | must-not | missing |", "|---|---|---|---|---|---|"]
        for r in result.cases:
            t = "ok" if r.type_ok else f"{r.response_type} (want {r.expected_type})"
            s = "ok" if r.status_ok else f"{r.status} (want {r.expected_status})"
            lines.append(
                f"| {r.id} | {t} | {s} | {r.musts_found}/{r.musts_total} | "
                f"{'; '.join(r.must_not_hits) or '-'} | {', '.join(r.missing) or '-'} |"
            )
        lines.append("")
    return "\n".join(lines)


class RubricFloors(_Strict):
    """What a part must reach (evals/config.yaml, rubric:); the same floors for every part."""

    must_rate: float = 0.9
    must_not_cases: int = 0
    type_accuracy: float = 1.0
    status_accuracy: float = 1.0


def load_rubric_floors(path: Path | None = None) -> RubricFloors:
    from appeal_assistant.evaluation.runner import CONFIG_PATH

    source = path or CONFIG_PATH
    data = yaml.safe_load(source.read_text(encoding="utf-8")) if source.is_file() else {}
    try:
        return RubricFloors.model_validate((data or {}).get("rubric", {}))
    except ValidationError as exc:
        raise EvalError(f"{str(source)!r}: rubric floors are malformed: {exc}") from exc


def rubric_failures(result: PartResult, floors: RubricFloors | None = None) -> list[str]:
    """One line per floor the part misses."""
    f = floors or load_rubric_floors()
    out = []
    if result.must_rate < f.must_rate:
        out.append(f"{result.part}: must-haves {result.must_rate:.1%} < {f.must_rate:.0%}")
    if result.must_not_cases > f.must_not_cases:
        out.append(f"{result.part}: {result.must_not_cases} case(s) with must-not content")
    if result.type_accuracy < f.type_accuracy:
        out.append(f"{result.part}: response type right on {result.type_accuracy:.1%}")
    if result.status_accuracy < f.status_accuracy:
        out.append(f"{result.part}: status right on {result.status_accuracy:.1%}")
    if result.errors:
        out.append(f"{result.part}: {result.errors} case(s) failed to run")
    return out
