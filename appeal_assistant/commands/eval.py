"""`appeal-assistant eval`: run the evaluation cases with an engine and print the scorecard."""

from __future__ import annotations

import tempfile
from pathlib import Path

import typer

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def run(
        engine: str = typer.Option("offline", "--engine", help="offline or llm."),
        model: str | None = typer.Option(None, "--model", help="litellm model string for --engine llm."),
        api_base: str | None = typer.Option(None, "--api-base", help="OpenAI-compatible endpoint."),
        cases: str = typer.Option("*", "--cases", help="Glob of case ids under evals/cases."),
        as_json: bool = typer.Option(False, "--json", help="Print the scorecard as JSON."),
        out: Path | None = typer.Option(None, "--out", help="Folder for the JSON and Markdown reports."),
        compare: tuple[Path, Path] | None = typer.Option(
            None, "--compare", help="Compare two scorecard JSON files."
        ),
        notices: bool = typer.Option(
            True, "--notices/--no-notices", help="Include the notice parser evaluation."
        ),
        retrieval: bool = typer.Option(
            False, "--retrieval", help="Include the retrieval evaluation (loads the model)."
        ),
        judge: bool = typer.Option(False, "--judge", help="Add LLM-judge rubric scores (needs a model)."),
    ) -> None:
        """Score drafts (and the notice parser, retrieval) against written expectations; exit 1 under a floor."""
        from appeal_assistant.evaluation.extras import judge_cases, notice_block, retrieval_block
        from appeal_assistant.evaluation.runner import compare_scorecards, run_eval, write_reports

        if compare is not None:
            typer.echo(compare_scorecards(*compare), nl=False)
            return
        from appeal_assistant.case.engines import EngineKind, make_engine
        from appeal_assistant.case.setup import parse_engine
        from appeal_assistant.config import get_settings
        from appeal_assistant.errors import EvalError
        from appeal_assistant.evaluation.cases import load_cases

        overrides: dict[str, object] = {}
        if model:
            overrides["llm_model"] = model
        if api_base:
            overrides["llm_api_base"] = api_base
        settings = get_settings(**overrides)
        selected = load_cases(pattern=cases)
        kind = parse_engine(engine)
        draft, _notes = make_engine(kind, settings)
        if kind is EngineKind.LLM and draft.name == "offline":
            raise EvalError(
                "--engine llm needs a model: pass --model (e.g. openai/gpt-4o-mini) or set APPEAL_ASSISTANT_LLM_MODEL"
            )

        def progress(result: object) -> None:
            from appeal_assistant.evaluation.runner import CaseResult

            assert isinstance(result, CaseResult)
            status = "pass" if result.passed else "FAIL"
            typer.echo(f"  {status} {result.id} ({result.seconds:.2f} s)", err=True)

        with tempfile.TemporaryDirectory(prefix="appeal_eval_") as work:
            card = run_eval(selected, draft, workdir=Path(work), on_case=progress)
        if notices:
            card.notice = notice_block(card.floors.notice_kind_floor)
            if not card.notice.get("passed", False):
                card.failures.append("notice understanding is under its floor (see the notice section)")
        if retrieval:
            card.retrieval = retrieval_block(settings, card.floors.retrieval_recall_at_5)
            if not card.retrieval.get("passed", False):
                card.failures.append("retrieval recall@5 is under its floor")
        if judge:
            card.judge = judge_cases(selected, settings)
        if out is not None:
            json_path, md_path = write_reports(card, out)
            typer.echo(f"reports: {json_path} {md_path}", err=True)
        if as_json:
            typer.echo(card.model_dump_json(indent=2))
        else:
            from appeal_assistant.evaluation.runner import scorecard_markdown

            typer.echo(scorecard_markdown(card), nl=False)
        if card.failures:
            raise typer.Exit(1)
