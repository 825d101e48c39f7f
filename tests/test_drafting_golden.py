"""Golden drafts: each demo scenario's notice + data + a fixed answers file gives a stable draft; without
answers the same case gives placeholders and 'not ready'. APPEAL_ASSISTANT_UPDATE_GOLDEN=1 rewrites them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from appeal_assistant.case.inputs import load_answers
from appeal_assistant.demo import DemoConfig, generate_demo
from appeal_assistant.drafting.composer import compose_plan, pending_questions
from appeal_assistant.drafting.render import render_docx, render_json, render_markdown, render_text
from appeal_assistant.drafting.reviewer import review_plan
from appeal_assistant.metrics.analyze import analyze_paths
from appeal_assistant.models import HealthReport, PlanOfAction
from appeal_assistant.notice import read_notice

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden"
CASES = Path(__file__).resolve().parents[1] / "evals" / "cases"
SCENARIOS = {
    "carrier_disruption": "amazon-demo-carrier-disruption-full",
    "defective_batch": "amazon-demo-defective-batch-full",
    "stock_out": "amazon-demo-stock-out-full",
    "missing_tracking": "amazon-demo-missing-tracking-full",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, HealthReport]:
    out = tmp_path_factory.mktemp("golden_demo")
    generate_demo(out, DemoConfig(seed=7, orders=8000))
    return out, analyze_paths([out])


def _check(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("APPEAL_ASSISTANT_UPDATE_GOLDEN") == "1" or not path.exists():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} changed; rerun with APPEAL_ASSISTANT_UPDATE_GOLDEN=1"
    )


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_answered_draft_is_stable_ready_and_clean(scenario: str, demo: tuple[Path, HealthReport]) -> None:
    folder, report = demo
    notice = read_notice(folder / f"notice_{scenario}.txt")
    answers = load_answers(CASES / SCENARIOS[scenario] / "answers.yaml")
    plan = compose_plan(notice, report, answers)
    assert plan.ready, plan.missing
    text = render_text(plan)
    _check(f"{scenario}_answered.txt", text)
    assert compose_plan(notice, report, answers) == plan  # deterministic
    review = review_plan(plan, notice=notice, report=report, answers=answers)
    assert review.verdict == "ready", [p.message for p in review.problems]
    # Other renderings carry the same content.
    assert plan.sections[0].root_causes[0].text in render_markdown(plan)
    assert PlanOfAction.model_validate_json(render_json(plan)) == plan
    assert render_docx(plan)[:2] == b"PK"


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_unanswered_draft_has_placeholders_and_is_not_ready(
    scenario: str, demo: tuple[Path, HealthReport]
) -> None:
    folder, report = demo
    notice = read_notice(folder / f"notice_{scenario}.txt")
    plan = compose_plan(notice, report, {})
    text = render_text(plan)
    _check(f"{scenario}_no_answers.txt", text)
    assert not plan.ready
    assert "[[" in text
    assert "common.owner" in pending_questions(plan)
    assert all(
        "[[" not in item.text for s in plan.sections for item in s.root_causes if not item.placeholders
    )
