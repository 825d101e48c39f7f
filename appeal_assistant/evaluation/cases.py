"""End-to-end evaluation cases: files under evals/cases/<id>/ described by case.yaml."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from appeal_assistant.errors import EvalError
from appeal_assistant.models import IssueKind, Marketplace, PlanPart

__all__ = ["CASES_DIR", "DemoSpec", "EvalCase", "Expectations", "load_cases"]

CASES_DIR = Path(__file__).resolve().parents[2] / "evals" / "cases"

ProblemCode = Literal[
    "issue_not_addressed",
    "part_missing",
    "blame",
    "emotional_plea",
    "promise",
    "future_tense_action",
    "vague",
    "support_case_reference",
    "asin_not_covered",
    "number_contradicts_findings",
    "unsupported_fact",
    "too_long",
    "placeholder_left",
]


_FORBIDDEN: tuple[ProblemCode, ...] = (
    "blame",
    "emotional_plea",
    "promise",
    "future_tense_action",
    "support_case_reference",
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DemoSpec(_Strict):
    seed: int = 7
    orders: int = 8000
    scenarios: list[str] = Field(default_factory=list)
    as_of: date | None = None


class DataSpec(_Strict):
    demo: DemoSpec | None = None
    files: list[str] = Field(default_factory=list)


class Length(_Strict):
    min_words: int = 0
    max_words: int = 10_000


class Expectations(_Strict):
    issues: list[IssueKind] = Field(default_factory=list)
    ready: bool | None = None
    placeholders: list[str] = Field(default_factory=list)
    must_mention: list[str] = Field(default_factory=list)
    must_not_mention: list[str] = Field(default_factory=list)
    # None: one section per expected issue; [] says the response has no plan (documents only, IP route)
    sections: list[IssueKind] | None = None
    parts: list[PlanPart] = Field(
        default_factory=lambda: [
            PlanPart.ROOT_CAUSE,
            PlanPart.CORRECTIVE_ACTIONS,
            PlanPart.PREVENTIVE_MEASURES,
        ]
    )
    length: Length = Field(default_factory=Length)
    forbidden_problems: list[ProblemCode] = Field(default_factory=lambda: list(_FORBIDDEN))


class EvalCase(_Strict):
    id: str
    description: str
    marketplace: Marketplace = Marketplace.AMAZON
    data: DataSpec = Field(default_factory=DataSpec)
    notice: str | None = None
    demo_notice: str | None = None
    answers: str | None = None
    expect: Expectations
    folder: Path = Field(default=Path(), exclude=True)


def load_cases(folder: Path = CASES_DIR, pattern: str = "*") -> list[EvalCase]:
    """Every case under ``folder`` whose id matches ``pattern`` (a glob), sorted by id."""
    if not folder.is_dir():
        raise EvalError(f"no evaluation cases folder at {str(folder)!r}")
    cases: list[EvalCase] = []
    for path in sorted(folder.glob(f"{pattern}/case.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            case = EvalCase.model_validate(data)
        except (yaml.YAMLError, ValidationError) as exc:
            raise EvalError(f"case {path.parent.name!r} is malformed: {exc}") from exc
        if case.id != path.parent.name:
            raise EvalError(f"case folder {path.parent.name!r} declares id {case.id!r}; make them equal")
        case.folder = path.parent
        for name in [case.notice, case.answers, *case.data.files]:
            if name and not (path.parent / name).is_file():
                raise EvalError(f"case {case.id!r} names {name!r}, which is not in its folder")
        cases.append(case)
    if not cases:
        raise EvalError(f"no case matches {pattern!r} under {str(folder)!r}")
    return cases
