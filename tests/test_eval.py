"""The evaluation runner: good engines pass, a generic-template engine fails loudly, reports compare."""

from __future__ import annotations

from pathlib import Path

import pytest

from appeal_assistant.case.engines import DraftRequest, EngineResult, OfflineEngine
from appeal_assistant.cli import main
from appeal_assistant.evaluation.cases import CASES_DIR, load_cases
from appeal_assistant.evaluation.runner import (
    Floors,
    compare_scorecards,
    load_floors,
    run_eval,
    write_reports,
)
from appeal_assistant.models import (
    Notice,
    PlanItem,
    PlanOfAction,
    PlanSection,
)
from appeal_assistant.notice.patterns import CLASSIFIED_KINDS

FIXTURE_CASES = Path(__file__).resolve().parent / "fixtures" / "eval_cases"


class GenericEngine:
    """The kind of appeal the product exists to replace: a template that fits any case."""

    name = "generic"

    def revise(self, plan: PlanOfAction, instruction: str, request: DraftRequest) -> EngineResult:
        return EngineResult(plan)

    def draft(self, request: DraftRequest) -> EngineResult:
        return EngineResult(_generic(request.notice))


def _generic(notice: Notice | None) -> PlanOfAction:
    kinds = notice.issue_kinds if notice else []
    text = PlanItem(
        text="We made a mistake and we will try to do better. Amazon's system flagged us unfairly."
    )
    plan = PlanOfAction(engine="generic", ready=True)
    plan.sections = [
        PlanSection(
            issue=k,
            title="Issue",
            root_causes=[text],
            corrective_actions=[
                PlanItem(text="We will review our processes and we guarantee this will never happen again.")
            ],
            preventive_measures=[PlanItem(text="We will be more careful, as we have been since 2025-03-14.")],
        )
        for k in kinds
    ]
    return plan


def test_offline_engine_passes_fixture_cases(tmp_path: Path) -> None:
    card = run_eval(load_cases(FIXTURE_CASES), OfflineEngine(), workdir=tmp_path, floors=Floors())
    assert card.passed, card.failures
    assert card.overall == 1.0 and all(rate == 1.0 for rate in card.pass_rates.values())


def test_generic_template_engine_fails_loudly(tmp_path: Path) -> None:
    card = run_eval(load_cases(FIXTURE_CASES), GenericEngine(), workdir=tmp_path, floors=Floors())
    assert not card.passed
    assert card.overall == 0.0
    failed = {c.check for res in card.cases for c in res.checks if not c.passed}
    assert {"must_mention", "grounding", "tense", "no_forbidden_problems"} <= failed
    json_path, md_path = write_reports(card, tmp_path / "out")
    assert "FAIL" in md_path.read_text() and json_path.is_file()


def test_compare_two_scorecards(tmp_path: Path) -> None:
    cases = load_cases(FIXTURE_CASES)
    good = run_eval(cases, OfflineEngine(), workdir=tmp_path, floors=Floors())
    bad = run_eval(cases, GenericEngine(), workdir=tmp_path, floors=Floors())
    a, _ = write_reports(good, tmp_path / "a")
    b, _ = write_reports(bad, tmp_path / "b")
    table = compare_scorecards(a, b)
    assert (
        "| offline | generic |" in table.splitlines()[0].replace("check ", "").replace("| |", "|")
        or "offline" in table.splitlines()[0]
    )
    assert "| stockout-ready | pass | FAIL |" in table


def test_offline_engine_meets_the_floors_on_every_case(tmp_path: Path) -> None:
    """`make test` runs the whole offline evaluation with the floors of evals/config.yaml."""
    cases = load_cases(CASES_DIR)
    assert len(cases) >= 25
    card = run_eval(cases, OfflineEngine(), workdir=tmp_path, floors=load_floors())
    failures = [
        f"{r.id}: {[c.reason for c in r.checks if not c.passed] or r.error}"
        for r in card.cases
        if not r.passed
    ]
    assert card.passed, "\n".join(card.failures + failures)
    covered = {k for c in cases for k in c.expect.issues}
    assert covered == set(CLASSIFIED_KINDS), (
        f"kinds without a case: {sorted(set(CLASSIFIED_KINDS) - covered)}"
    )


def test_eval_command_compare_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--cases", "no-such-case-*"]) == 2
    assert "no case matches" in capsys.readouterr().err
    assert main(["eval", "--engine", "magic"]) == 2
