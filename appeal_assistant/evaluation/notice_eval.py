"""Notice evaluation: parse every case notice, compare with its expected facts, score issue kinds.

A case is a notice file (``.txt``, ``.eml``, ``.html``, ``.pdf``) next to ``<name>.expected.json``,
which lists only the fields it asserts (see ``NoticeExpectation``). Issue kinds are scored as a
multi-label task: per kind, a true positive is a case where the kind is both expected and found.
Precision with nothing predicted, and recall with nothing expected, count as 1.0. The run fails
when a case cannot be read, when any kind falls below the floor, or when field checks fall below
their floor.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from appeal_assistant.errors import AppealAssistantError, EvalError
from appeal_assistant.models import IssueKind, Marketplace, Notice, NoticeStatus, PlanPart
from appeal_assistant.notice.patterns import CLASSIFIED_KINDS

__all__ = [
    "CASE_SUFFIXES",
    "FIELD_FLOOR",
    "KIND_FLOOR",
    "CaseResult",
    "Check",
    "KindScore",
    "NoticeCase",
    "NoticeEvalResult",
    "NoticeExpectation",
    "check_notice",
    "evaluate_notices",
    "format_report",
    "load_cases",
]

#: No issue kind may score below this precision or recall.
KIND_FLOOR = 0.9
#: Share of field checks (status, ids, deadline, documents, ...) that must pass.
FIELD_FLOOR = 0.9
CASE_SUFFIXES: tuple[str, ...] = (".txt", ".eml", ".html", ".htm", ".pdf")
_EXPECTED = ".expected.json"
_TAG = re.compile(r"\[(window|files): ([^\]]+)\]")


class NoticeExpectation(BaseModel):
    """The facts a case asserts; a field left out of the JSON file is not checked."""

    model_config = ConfigDict(extra="forbid")

    marketplace: Marketplace | None = None
    region: str | None = None
    status: NoticeStatus | None = None
    issues: list[IssueKind] | None = None
    asins: list[str] | None = None
    skus: list[str] | None = None
    order_ids: list[str] | None = None
    complaint_ids: list[str] | None = None
    trademark_numbers: list[str] | None = None
    metrics: dict[str, float] | None = None
    notice_date: date | None = None
    deadline: date | None = None
    deadline_days: int | None = None
    requested_documents: list[str] | None = None
    plan_parts: list[PlanPart] | None = None
    invoice_window_days: int | None = None
    file_types: list[str] | None = None
    funds_held: bool | None = None
    inventory_at_risk: bool | None = None
    policy_names: list[str] | None = None
    sender: str | None = None
    subject: str | None = None
    rejection: list[PlanPart] | None = None
    phishing_signals: list[str] | None = None


class NoticeCase(BaseModel):
    name: str
    path: Path
    expected: NoticeExpectation


class Check(BaseModel):
    """One named comparison with the reason it failed (empty when it passed)."""

    name: str
    passed: bool
    reason: str = ""


class CaseResult(BaseModel):
    name: str
    passed: bool
    checks: list[Check]
    expected_kinds: list[IssueKind] | None
    predicted_kinds: list[IssueKind]
    error: str | None = None


class KindScore(BaseModel):
    kind: IssueKind
    support: int
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float


class NoticeEvalResult(BaseModel):
    cases: list[CaseResult]
    kinds: list[KindScore]
    micro_precision: float
    micro_recall: float
    micro_f1: float
    checks_passed: int
    checks_total: int
    floor: float
    field_floor: float
    below_floor: list[IssueKind]
    uncovered: list[IssueKind]
    errors: int
    passed: bool

    @property
    def field_pass_rate(self) -> float:
        return self.checks_passed / self.checks_total if self.checks_total else 1.0


def load_cases(directory: Path | str) -> list[NoticeCase]:
    """Every ``<name>.expected.json`` in ``directory`` with the one notice file of the same name."""
    folder = Path(directory)
    if not folder.is_dir():
        raise EvalError(
            f"notice cases folder {str(folder)!r} not found; pass --cases with the fixtures folder"
        )
    cases: list[NoticeCase] = []
    for expected_path in sorted(folder.glob("*" + _EXPECTED)):
        name = expected_path.name[: -len(_EXPECTED)]
        inputs = [
            folder / (name + suffix) for suffix in CASE_SUFFIXES if (folder / (name + suffix)).is_file()
        ]
        if len(inputs) != 1:
            raise EvalError(
                f"case {name!r} needs exactly one notice file ({', '.join(CASE_SUFFIXES)}); "
                f"found {[p.name for p in inputs]}"
            )
        try:
            expected = NoticeExpectation.model_validate(json.loads(expected_path.read_text(encoding="utf-8")))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise EvalError(f"{expected_path.name!r} is not a valid expectation: {exc}") from exc
        cases.append(NoticeCase(name=name, path=inputs[0], expected=expected))
    if not cases:
        raise EvalError(f"no '*{_EXPECTED}' files in {str(folder)!r}")
    return cases


def _same(name: str, want: object, got: object) -> Check:
    return Check(
        name=name, passed=want == got, reason="" if want == got else f"expected {want!r}, got {got!r}"
    )


def _tag(notice: Notice, kind: str | None, tag: str) -> str | None:
    for doc in notice.requested_documents:
        if kind is None or doc.kind == kind:
            for name, value in _TAG.findall(doc.detail):
                if name == tag:
                    return str(value)
    return None


def check_notice(expected: NoticeExpectation, notice: Notice) -> list[Check]:
    """Compare the asserted fields of ``expected`` with ``notice``; id lists compare as sets."""
    checks: list[Check] = []
    for name in sorted(expected.model_fields_set):
        want = getattr(expected, name)
        if name in ("asins", "skus", "order_ids", "complaint_ids", "trademark_numbers"):
            checks.append(_same(name, sorted(set(want)), sorted(set(getattr(notice, name)))))
        elif name == "issues":
            checks.append(_same(name, sorted(want), sorted(notice.issue_kinds)))
        elif name == "metrics":
            got = {(m.metric, round(m.value, 6)) for m in notice.metric_mentions}
            missing = sorted(k for k, v in want.items() if (k, round(v, 6)) not in got)
            checks.append(
                Check(
                    name=name,
                    passed=not missing,
                    reason=f"missing {missing}; found {sorted(got)}" if missing else "",
                )
            )
        elif name == "requested_documents":
            checks.append(
                _same(name, sorted(set(want)), sorted({d.kind for d in notice.requested_documents}))
            )
        elif name == "plan_parts":
            checks.append(_same(name, sorted(set(want)), sorted(set(notice.plan_parts_requested))))
        elif name == "invoice_window_days":
            window = _tag(notice, "invoices", "window")
            checks.append(_same(name, want, int(window.split()[0]) if window else None))
        elif name == "file_types":
            files = _tag(notice, None, "files")
            checks.append(_same(name, sorted(want), sorted(files.split(", ")) if files else []))
        elif name == "policy_names":
            missing = sorted(set(want) - set(notice.policy_names))
            checks.append(
                Check(
                    name=name,
                    passed=not missing,
                    reason=f"missing {missing}; found {notice.policy_names}" if missing else "",
                )
            )
        elif name == "rejection":
            weak = None if notice.rejection is None else sorted(notice.rejection.weak_parts)
            checks.append(_same(name, None if want is None else sorted(want), weak))
        elif name == "phishing_signals":
            checks.append(_same(name, sorted(set(want)), sorted({s.kind for s in notice.phishing_signals})))
        else:
            checks.append(_same(name, want, getattr(notice, name)))
    return checks


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate_notices(
    directory: Path | str,
    *,
    floor: float = KIND_FLOOR,
    field_floor: float = FIELD_FLOOR,
    require_every_kind: bool = True,
) -> NoticeEvalResult:
    """Parse every case in ``directory`` and score it; nothing here needs the network or a model."""
    from appeal_assistant.notice import read_notice

    results: list[CaseResult] = []
    counts = {kind: [0, 0, 0] for kind in sorted(CLASSIFIED_KINDS, key=list(IssueKind).index)}  # tp, fp, fn
    for case in load_cases(directory):
        expected_kinds = case.expected.issues
        try:
            notice = read_notice(case.path)
        except AppealAssistantError as exc:
            results.append(
                CaseResult(
                    name=case.name,
                    passed=False,
                    checks=[],
                    expected_kinds=expected_kinds,
                    predicted_kinds=[],
                    error=str(exc),
                )
            )
            for kind in expected_kinds or []:
                counts[kind][2] += 1
            continue
        predicted = notice.issue_kinds
        if expected_kinds is not None:
            for kind in counts:
                hit, want = kind in predicted, kind in expected_kinds
                counts[kind][0] += hit and want
                counts[kind][1] += hit and not want
                counts[kind][2] += want and not hit
        checks = check_notice(case.expected, notice)
        results.append(
            CaseResult(
                name=case.name,
                passed=all(c.passed for c in checks),
                checks=checks,
                expected_kinds=expected_kinds,
                predicted_kinds=predicted,
            )
        )
    kinds: list[KindScore] = []
    for kind, (tp, fp, fn) in counts.items():
        p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        kinds.append(
            KindScore(kind=kind, support=tp + fn, tp=tp, fp=fp, fn=fn, precision=p, recall=r, f1=_f1(p, r))
        )
    tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3))
    micro_p, micro_r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    below = [k.kind for k in kinds if k.precision < floor or k.recall < floor]
    uncovered = [k.kind for k in kinds if k.support == 0]
    passed_checks = sum(c.passed for r in results for c in r.checks)
    total_checks = sum(len(r.checks) for r in results)
    errors = sum(r.error is not None for r in results)
    field_ok = _ratio(passed_checks, total_checks) >= field_floor
    return NoticeEvalResult(
        cases=results,
        kinds=kinds,
        micro_precision=micro_p,
        micro_recall=micro_r,
        micro_f1=_f1(micro_p, micro_r),
        checks_passed=passed_checks,
        checks_total=total_checks,
        floor=floor,
        field_floor=field_floor,
        below_floor=below,
        uncovered=uncovered,
        errors=errors,
        passed=not errors and not below and field_ok and not (require_every_kind and uncovered),
    )


def format_report(result: NoticeEvalResult) -> str:
    """A plain-text table: per-kind precision, recall and F1, overall figures, and every failed check."""
    lines = [
        f"{'issue kind':<34}{'support':>8}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}{'F1':>7}"
    ]
    for k in result.kinds:
        flag = (
            "  <- below floor" if k.kind in result.below_floor else ("  (no cases)" if k.support == 0 else "")
        )
        lines.append(
            f"{k.kind.value:<34}{k.support:>8}{k.tp:>5}{k.fp:>5}{k.fn:>5}{k.precision:>11.3f}"
            f"{k.recall:>8.3f}{k.f1:>7.3f}{flag}"
        )
    lines += [
        "",
        f"micro precision {result.micro_precision:.3f}  recall {result.micro_recall:.3f}  "
        f"F1 {result.micro_f1:.3f}",
        f"cases {len(result.cases)} (all checks passed: {sum(c.passed for c in result.cases)}), "
        f"field checks {result.checks_passed}/{result.checks_total} ({result.field_pass_rate:.1%}), "
        f"errors {result.errors}",
    ]
    for case in result.cases:
        if case.error:
            lines.append(f"  ERROR {case.name}: {case.error}")
        for check in case.checks:
            if not check.passed:
                lines.append(f"  FAIL {case.name}.{check.name}: {check.reason}")
    verdict = "PASS" if result.passed else "FAIL"
    lines.append(f"{verdict} (floor {result.floor:.2f} per kind, {result.field_floor:.0%} of field checks)")
    return "\n".join(lines)
