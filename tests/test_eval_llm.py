"""The LLM engine runs the whole evaluation suite end to end against the local OpenAI-compatible server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from llm_server import FakeLLMServer

from appeal_assistant.case.engines import DraftRequest, EngineKind, OfflineEngine, make_engine
from appeal_assistant.config import Settings
from appeal_assistant.evaluation.cases import CASES_DIR, load_cases
from appeal_assistant.evaluation.extras import judge_cases
from appeal_assistant.evaluation.runner import Floors, prepare_case, run_eval


@pytest.fixture()
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeLLMServer]:
    monkeypatch.setenv("OPENAI_API_KEY", "test-key-not-real")
    with FakeLLMServer() as srv:
        yield srv


def _settings(server: FakeLLMServer, tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path,
        llm_model="openai/test-model",
        llm_api_base=server.api_base,
        llm_timeout_s=20,
        llm_max_retries=0,
    )


def test_llm_engine_runs_the_full_suite(server: FakeLLMServer, tmp_path: Path) -> None:
    cases = load_cases(CASES_DIR)
    # The scripted model answers each case with a plan built only from that case's facts: the offline draft.
    # a response with no plan (documents only, the IP route) has nothing for the model to write
    no_plan = {c.id for c in cases if c.expect.sections == []}
    for case in cases:
        notice, report, answers = prepare_case(case, tmp_path)
        if case.id not in no_plan:
            server.reply(OfflineEngine().draft(DraftRequest(notice, report, answers)).plan.model_dump_json())
    engine, _ = make_engine(EngineKind.LLM, _settings(server, tmp_path))
    card = run_eval(cases, engine, workdir=tmp_path, floors=Floors())
    assert engine.name == "llm:openai/test-model"
    assert {r.engine for r in card.cases if r.id not in no_plan} == {"llm:openai/test-model"}
    assert {r.engine for r in card.cases if r.id in no_plan} == {"offline"} and len(no_plan) == 2
    assert all(
        any("nothing was sent to the LLM" in n for n in r.notes) for r in card.cases if r.id in no_plan
    )
    failures = [
        f"{r.id}: {[c.reason for c in r.checks if not c.passed] or r.error}"
        for r in card.cases
        if not r.passed
    ]
    assert card.passed, "\n".join(failures)
    assert len(server.bodies) == len(cases) - len(no_plan)


def test_llm_engine_falls_back_per_case_when_the_model_invents(server: FakeLLMServer, tmp_path: Path) -> None:
    cases = load_cases(CASES_DIR, "amazon-demo-stock-out-full")
    notice, report, answers = prepare_case(cases[0], tmp_path)
    plan = OfflineEngine().draft(DraftRequest(notice, report, answers)).plan
    plan.sections[0].root_causes[0].text += " We also lost 4,321 orders to a fire on 2026-01-02."
    server.reply(plan.model_dump_json())
    server.reply(plan.model_dump_json())  # the repair round repeats the invention
    engine, _ = make_engine(EngineKind.LLM, _settings(server, tmp_path))
    card = run_eval(cases, engine, workdir=tmp_path, floors=Floors())
    assert card.cases[0].engine == "offline" and card.passed
    assert any("not found in the sources" in n or "facts" in n for n in card.cases[0].notes), card.cases[
        0
    ].notes


def test_judge_scores_are_reported_apart(server: FakeLLMServer, tmp_path: Path) -> None:
    cases = load_cases(CASES_DIR, "amazon-demo-stock-out-*")
    for _ in cases:
        server.reply(
            '{"specific": 4, "root_cause": 5, "actions_done": 4, "prevention": 3, "concise": 5, '
            '"comment": "clear"}'
        )
    result = judge_cases(cases, _settings(server, tmp_path))
    assert result["means"] == {
        "specific": 4.0,
        "root_cause": 5.0,
        "actions_done": 4.0,
        "prevention": 3.0,
        "concise": 5.0,
    }
    assert judge_cases(cases, Settings(data_dir=tmp_path)) == {
        "skipped": "no LLM configured (model 'offline')"
    }


def test_draft_command_uses_the_llm_and_reports_usage(
    server: FakeLLMServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from appeal_assistant.cli import main

    case = load_cases(CASES_DIR, "amazon-uk-inauthentic-full")[0]
    notice, report, answers = prepare_case(case, tmp_path)
    server.reply(
        OfflineEngine().draft(DraftRequest(notice, report, answers)).plan.model_dump_json(),
        prompt_tokens=900,
        completion_tokens=300,
    )
    code = main(
        [
            "draft",
            "--notice",
            str(case.folder / "notice.txt"),
            "--answers",
            str(case.folder / "answers.yaml"),
            "--engine",
            "llm",
            "--model",
            "openai/test-model",
            "--api-base",
            server.api_base,
            "--no-retrieval",
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "[llm:openai/test-model] ready to submit" in captured.err
    assert "LLM usage: 1 call(s), 900 prompt + 300 completion tokens" in captured.err
    assert "Kestwick Distribution Ltd" in captured.out
