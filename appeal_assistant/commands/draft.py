"""`appeal-assistant draft`: the response to a notice, from the seller's reports and answers."""

from __future__ import annotations

from pathlib import Path

import typer

from appeal_assistant.errors import InputError

__all__ = ["register"]

_FORMATS = ("text", "markdown", "docx", "json")


def register(app: typer.Typer) -> None:
    @app.command("draft")
    def draft(
        notice: Path | None = typer.Option(
            None, "--notice", help="The notice (.txt, .eml, .html, .pdf); '-' reads stdin."
        ),
        reports: list[Path] = typer.Option(
            [], "--reports", help="Report files, folders or .zip (repeatable)."
        ),
        answers: Path | None = typer.Option(None, "--answers", help="YAML/JSON file: question id -> answer."),
        engine: str = typer.Option("offline", "--engine", help="offline (default) or llm."),
        model: str | None = typer.Option(None, "--model", help="litellm model string (overrides settings)."),
        api_base: str | None = typer.Option(
            None, "--api-base", help="OpenAI-compatible endpoint (overrides settings)."
        ),
        fmt: str = typer.Option("text", "--format", help="text, markdown, docx or json."),
        out: Path | None = typer.Option(
            None, "--out", help="Write here instead of printing (required for docx)."
        ),
        as_of: str | None = typer.Option(None, "--as-of", help="Analyse the reports as of YYYY-MM-DD."),
        no_retrieval: bool = typer.Option(False, "--no-retrieval", help="Do not look up policy passages."),
        save: bool = typer.Option(False, "--save", help="Save the draft as a new case in the case store."),
    ) -> None:
        """Draft the response a notice calls for; without --notice, a performance improvement plan from the reports."""
        import sys

        from appeal_assistant.case.inputs import load_inputs, parse_as_of
        from appeal_assistant.case.setup import build_workflow, parse_engine
        from appeal_assistant.config import get_settings
        from appeal_assistant.drafting.composer import pending_questions
        from appeal_assistant.drafting.render import (
            plan_stats,
            render_docx,
            render_json,
            render_markdown,
            render_submission,
            render_text,
        )

        if fmt not in _FORMATS:
            raise InputError(f"--format {fmt!r} is unknown; use one of {', '.join(_FORMATS)}")
        kind = parse_engine(engine)
        if fmt == "docx" and out is None:
            raise InputError("--format docx needs --out FILE.docx")
        if notice is None and not reports:
            raise InputError(
                "give --notice FILE (an appeal) or --reports PATH (a performance improvement plan)"
            )
        overrides: dict[str, object] = {}
        if model:
            overrides["llm_model"] = model
        if api_base:
            overrides["llm_api_base"] = api_base
        settings = get_settings(**overrides)
        from_stdin = notice is not None and str(notice) == "-"
        inputs = load_inputs(
            notice=None if from_stdin else notice,
            notice_text=sys.stdin.read() if from_stdin else None,
            reports=reports,
            answers=answers,
            as_of=parse_as_of(as_of),
        )
        notes: list[str] = []
        workflow = build_workflow(settings, kind, retrieval=not no_retrieval, with_store=save, notes=notes)
        result = workflow.new_case(inputs) if save else workflow.compose(inputs)
        plan = result.plan
        if fmt == "docx":
            assert out is not None
            out.write_bytes(render_docx(plan))
        else:
            rendered = {"text": render_text, "markdown": render_markdown, "json": render_json}[fmt](plan)
            if out is not None:
                out.write_text(rendered, encoding="utf-8")
            else:
                typer.echo(rendered, nl=False)
        stats = plan_stats(render_submission(plan))
        status = "ready to submit" if plan.ready else f"NOT READY: {len(plan.missing)} fact(s) missing"
        typer.echo(
            f"[{plan.engine}] {status}; {stats['characters']} characters, {stats['words']} words, "
            f"~{stats['reading_minutes']} min to read; review {result.review.score}/100 ({result.review.verdict})",
            err=True,
        )
        for problem in plan.answer_problems:
            typer.echo(f"  asked again: {problem.question} ({problem.reason})", err=True)
        for key in pending_questions(plan):
            typer.echo(f"  missing: {key}", err=True)
        for note in dict.fromkeys(notes + result.notes + plan.notes):
            typer.echo(f"  note: {note}", err=True)
        if result.usage:
            cost = result.usage.get("cost_usd")
            typer.echo(
                f"  LLM usage: {int(result.usage.get('calls', 0))} call(s), "
                f"{int(result.usage.get('prompt_tokens', 0))} prompt + "
                f"{int(result.usage.get('completion_tokens', 0))} completion tokens"
                + (f", ${cost:.4f}" if cost is not None else ", cost not reported"),
                err=True,
            )
        if save:
            typer.echo(f"  saved as case {result.case_id}, version {result.version}", err=True)
        if out is not None:
            typer.echo(f"  written to {out}", err=True)
