"""The evaluation runner: draft every case with an engine, run the checks, write the scorecard.

An engine is the case layer's ``Engine`` (offline, an LLM with fallback, or a test double), so every
engine is judged by the same checks and drafts exactly as the product does. Floors (evals/config.yaml) turn pass
rates into a verdict; the notice parser's and retrieval's own evaluations join the same scorecard.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

from appeal_assistant.case.engines import DraftRequest, Engine
from appeal_assistant.case.knowledge import PassageSource
from appeal_assistant.errors import AppealAssistantError, EvalError
from appeal_assistant.evaluation.cases import EvalCase
from appeal_assistant.evaluation.checks import CHECKS, CheckResult, DraftedCase, run_checks
from appeal_assistant.models import HealthReport, Notice

__all__ = [
    "CONFIG_PATH",
    "CaseResult",
    "Floors",
    "Scorecard",
    "compare_scorecards",
    "load_floors",
    "prepare_case",
    "run_eval",
    "scorecard_markdown",
    "write_reports",
]

CONFIG_PATH = Path(__file__).resolve().parents[2] / "evals" / "config.yaml"


class Floors(BaseModel):
    overall: float = 1.0
    per_check: dict[str, float] = Field(default_factory=dict)
    notice_kind_floor: float = 0.9
    retrieval_recall_at_5: float = 0.9


class CaseResult(BaseModel):
    id: str
    checks: list[CheckResult] = Field(default_factory=list)
    seconds: float = 0.0
    ready: bool = False
    words: int = 0
    engine: str = ""
    notes: list[str] = Field(default_factory=list)
    error: str | None = None

    @property
    def passed(self) -> bool:
        return self.error is None and all(c.passed for c in self.checks)


class Scorecard(BaseModel):
    engine: str
    started: str
    seconds: float
    cases: list[CaseResult]
    pass_rates: dict[str, float]
    overall: float
    floors: Floors
    failures: list[str] = Field(default_factory=list, description="floors missed, one line each")
    notice: dict[str, object] | None = None
    retrieval: dict[str, object] | None = None
    judge: dict[str, object] | None = None

    @property
    def passed(self) -> bool:
        return not self.failures


def load_floors(path: Path = CONFIG_PATH) -> Floors:
    if not path.is_file():
        return Floors()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    try:
        return Floors.model_validate(data.get("floors", {}))
    except ValueError as exc:
        raise EvalError(f"{str(path)!r}: floors are malformed: {exc}") from exc


def _demo_folder(case: EvalCase, workdir: Path) -> Path:
    """Demo data for the case, generated once per distinct spec inside ``workdir``."""
    from appeal_assistant.demo import DEFAULT_AS_OF, DemoConfig, generate_demo

    spec = case.data.demo
    assert spec is not None
    key = hashlib.sha1(spec.model_dump_json().encode()).hexdigest()[:10]
    out = workdir / f"demo_{key}"
    if not (out / "truth.json").is_file():
        scenarios = tuple(spec.scenarios)
        generate_demo(
            out,
            DemoConfig(
                seed=spec.seed,
                orders=spec.orders,
                scenarios=scenarios,  # type: ignore[arg-type]
                as_of=spec.as_of or DEFAULT_AS_OF,
            ),
        )
    return out


def prepare_case(case: EvalCase, workdir: Path) -> tuple[Notice | None, HealthReport | None, dict[str, str]]:
    """Read the case's notice, analyse its data and load its answers."""
    from appeal_assistant.case.inputs import load_answers
    from appeal_assistant.metrics.analyze import analyze_paths
    from appeal_assistant.notice import read_notice

    report = None
    data_dir = None
    if case.data.demo is not None:
        data_dir = _demo_folder(case, workdir)
        report = analyze_paths([data_dir])
    elif case.data.files:
        report = analyze_paths([case.folder / f for f in case.data.files], marketplace=case.marketplace)
    notice = None
    if case.notice:
        notice = read_notice(case.folder / case.notice)
    elif case.demo_notice:
        if data_dir is None:
            raise EvalError(f"case {case.id!r}: demo_notice needs data.demo")
        notice = read_notice(data_dir / f"notice_{case.demo_notice}.txt")
    answers = load_answers(case.folder / case.answers) if case.answers else {}
    return notice, report, answers


def run_eval(
    cases: Sequence[EvalCase],
    engine: Engine,
    *,
    workdir: Path,
    floors: Floors | None = None,
    knowledge: PassageSource | None = None,
    on_case: Callable[[CaseResult], None] | None = None,
) -> Scorecard:
    """Draft and check every case; a case that raises is recorded as failed with its error."""
    floors = floors or load_floors()
    started = datetime.now(UTC).isoformat(timespec="seconds")
    t0 = time.perf_counter()
    results: list[CaseResult] = []
    for case in cases:
        start = time.perf_counter()
        try:
            notice, report, answers = prepare_case(case, workdir)
            kinds = notice.issue_kinds if notice is not None else []
            found = knowledge.passages(kinds) if knowledge is not None and kinds else {}
            plan = engine.draft(DraftRequest(notice, report, answers, passages=found)).plan
            drafted = DraftedCase(
                case, notice, report, answers, plan, [p for ps in found.values() for p in ps]
            )
            result = CaseResult(
                id=case.id,
                checks=run_checks(drafted),
                ready=plan.ready,
                words=len(drafted.text.split()),
                engine=plan.engine,
                notes=list(plan.notes),
            )
        except AppealAssistantError as exc:
            result = CaseResult(id=case.id, error=f"{type(exc).__name__}: {exc}")
        result.seconds = round(time.perf_counter() - start, 3)
        results.append(result)
        if on_case:
            on_case(result)
    names = [c.__name__.removeprefix("check_") for c in CHECKS]
    rates: dict[str, float] = {}
    for check in {r.check for res in results for r in res.checks} or set(names):
        outcomes = [r.passed for res in results for r in res.checks if r.check == check]
        rates[check] = sum(outcomes) / len(outcomes) if outcomes else 0.0
    overall = sum(r.passed for r in results) / len(results) if results else 0.0
    failures = []
    if overall < floors.overall:
        failures.append(f"overall case pass rate {overall:.2%} is under its floor {floors.overall:.2%}")
    for check, floor in sorted(floors.per_check.items()):
        if rates.get(check, 0.0) < floor:
            failures.append(
                f"check {check!r} pass rate {rates.get(check, 0.0):.2%} is under its floor {floor:.2%}"
            )
    return Scorecard(
        engine=engine.name,
        started=started,
        seconds=round(time.perf_counter() - t0, 2),
        cases=results,
        pass_rates=dict(sorted(rates.items())),
        overall=overall,
        floors=floors,
        failures=failures,
    )


def scorecard_markdown(card: Scorecard) -> str:
    """The scorecard as Markdown: verdict, pass rate per check, per-case table, failure reasons."""
    lines = [
        f"# Evaluation: {card.engine}",
        "",
        f"{len(card.cases)} cases, {card.overall:.1%} passed, {card.seconds:.1f} s ({card.started})",
        "",
    ]
    lines += ["| check | pass rate |", "|---|---|"]
    lines += [f"| {name} | {rate:.1%} |" for name, rate in card.pass_rates.items()]
    lines += ["", "| case | result | ready | words | seconds | failed checks |", "|---|---|---|---|---|---|"]
    for res in card.cases:
        failed = ", ".join(c.check for c in res.checks if not c.passed) or (res.error or "")
        lines.append(
            f"| {res.id} | {'pass' if res.passed else 'FAIL'} | {'yes' if res.ready else 'no'} | "
            f"{res.words} | {res.seconds:.2f} | {failed} |"
        )
    reasons = [(res.id, c) for res in card.cases for c in res.checks if not c.passed]
    errors = [(res.id, res.error) for res in card.cases if res.error]
    if reasons or errors:
        lines += ["", "## Failures", ""]
        lines += [f"- **{cid}** `{c.check}`: {c.reason}" for cid, c in reasons]
        lines += [f"- **{cid}** error: {err}" for cid, err in errors]
    for title, block in (
        ("Notice understanding", card.notice),
        ("Retrieval", card.retrieval),
        ("LLM judge (reported apart)", card.judge),
    ):
        if block:
            lines += [
                "",
                f"## {title}",
                "",
                "```",
                str(block.get("text", json.dumps(block, indent=2))),
                "```",
            ]
    lines += ["", "## Verdict", ""]
    lines += [f"- {f}" for f in card.failures] or ["- every floor met"]
    return "\n".join(lines) + "\n"


def write_reports(card: Scorecard, out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = card.engine.replace("/", "_").replace(":", "_")
    json_path, md_path = out_dir / f"eval_{stem}.json", out_dir / f"eval_{stem}.md"
    json_path.write_text(card.model_dump_json(indent=2) + "\n", encoding="utf-8")
    md_path.write_text(scorecard_markdown(card), encoding="utf-8")
    return json_path, md_path


def compare_scorecards(a_path: Path, b_path: Path) -> str:
    """Two scorecards side by side: pass rate per check and result per case."""
    try:
        a = Scorecard.model_validate_json(a_path.read_text(encoding="utf-8"))
        b = Scorecard.model_validate_json(b_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"cannot compare {str(a_path)!r} and {str(b_path)!r}: {exc}") from exc
    lines = [f"| check | {a.engine} | {b.engine} |", "|---|---|---|"]
    for name in sorted(set(a.pass_rates) | set(b.pass_rates)):
        lines.append(f"| {name} | {a.pass_rates.get(name, 0):.1%} | {b.pass_rates.get(name, 0):.1%} |")
    lines.append(f"| **overall** | {a.overall:.1%} | {b.overall:.1%} |")
    lines += ["", f"| case | {a.engine} | {b.engine} |", "|---|---|---|"]
    by_b = {r.id: r for r in b.cases}
    for res in a.cases:
        other = by_b.get(res.id)
        lines.append(
            f"| {res.id} | {'pass' if res.passed else 'FAIL'} | "
            f"{'-' if other is None else 'pass' if other.passed else 'FAIL'} |"
        )
    return "\n".join(lines) + "\n"
