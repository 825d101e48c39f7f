"""`appeal-assistant draft`: a Plan of Action from a notice, the seller's reports and answers."""

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
        """Draft a grounded Plan of Action; without --notice, a performance improvement plan from the reports."""
        from datetime import date

        from appeal_assistant.config import get_settings
        from appeal_assistant.drafting.pipeline import draft_plan, load_answers
        from appeal_assistant.drafting.render import (
            plan_stats,
            render_docx,
            render_json,
            render_markdown,
            render_text,
        )

        if fmt not in _FORMATS:
            raise InputError(f"--format {fmt!r} is unknown; use one of {', '.join(_FORMATS)}")
        if engine not in ("offline", "llm"):
            raise InputError(f"--engine {engine!r} is unknown; use offline or llm")
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
        notice_obj = None
        if notice is not None:
            from appeal_assistant.notice import parse_notice, read_notice

            if str(notice) == "-":
                import sys

                notice_obj = parse_notice(sys.stdin.read())
            else:
                if not notice.exists():
                    raise InputError(f"notice file {str(notice)!r} does not exist")
                notice_obj = read_notice(notice)
        report = None
        if reports:
            from appeal_assistant.metrics.analyze import analyze_paths

            day = None
            if as_of:
                try:
                    day = date.fromisoformat(as_of)
                except ValueError:
                    raise InputError(f"--as-of {as_of!r} is not a date; use YYYY-MM-DD") from None
            for path in reports:
                if not path.exists():
                    raise InputError(f"{str(path)!r} does not exist; give a report file, a folder or a .zip")
            report = analyze_paths(reports, as_of=day)
        answer_map = load_answers(answers) if answers else {}
        result = draft_plan(
            notice_obj,
            report,
            answer_map,
            engine=engine,  # type: ignore[arg-type]
            settings=settings,
            retrieve=not no_retrieval,
        )
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
        stats = plan_stats(render_text(plan))
        status = "ready to submit" if plan.ready else f"NOT READY: {len(plan.missing)} fact(s) missing"
        typer.echo(
            f"[{plan.engine}] {status}; {stats['characters']} characters, {stats['words']} words, "
            f"~{stats['reading_minutes']} min to read",
            err=True,
        )
        for key in plan.missing:
            typer.echo(f"  missing: {key}", err=True)
        for note in dict.fromkeys(result.notes + plan.notes):
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
            from appeal_assistant.store import CaseStore

            store = CaseStore(settings.store_path)
            title = notice_obj.subject or "Plan of action" if notice_obj else "Performance improvement plan"
            case_id = store.create_case(
                title or "Plan of action", notice=notice_obj, report=report, answers=answer_map
            )
            version = store.add_draft(case_id, plan, "draft")
            typer.echo(f"  saved as case {case_id}, version {version}", err=True)
        if out is not None:
            typer.echo(f"  written to {out}", err=True)
