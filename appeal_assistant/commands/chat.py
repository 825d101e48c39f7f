"""`appeal-assistant chat`: the guided interview over one case, one message per line on stdin."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from appeal_assistant.errors import InputError

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    @app.command("chat")
    def chat(
        case: str | None = typer.Option(None, "--case", help="Continue a saved case (see `cases`)."),
        new: bool = typer.Option(False, "--new", help="Start a new case from --notice (and --reports)."),
        notice: Path | None = typer.Option(None, "--notice", help="The notice (.txt, .eml, .html, .pdf)."),
        reports: list[Path] = typer.Option(
            [], "--reports", help="Report files, folders or .zip (repeatable)."
        ),
        engine: str = typer.Option("offline", "--engine", help="offline (default) or llm."),
        jsonl: bool = typer.Option(False, "--jsonl", help="One JSON line per assistant turn."),
        as_of: str | None = typer.Option(None, "--as-of", help="Analyse the reports as of YYYY-MM-DD."),
    ) -> None:
        """Chat about a case: answer the questions, revise, ask about policy; every version is saved."""
        from appeal_assistant.case.inputs import load_inputs, parse_as_of
        from appeal_assistant.case.knowledge import lazy_search
        from appeal_assistant.case.setup import build_workflow, parse_engine
        from appeal_assistant.chat.session import ChatSession, ChatTurn
        from appeal_assistant.config import get_settings

        if (case is None) == (not new):
            raise InputError("give --case ID to continue a case, or --new --notice FILE to start one")
        if new and notice is None and not reports:
            raise InputError("--new needs --notice FILE (and optionally --reports PATH)")
        settings = get_settings()
        notes: list[str] = []
        workflow = build_workflow(settings, parse_engine(engine), notes=notes)
        if new:
            inputs = load_inputs(notice=notice, reports=reports, as_of=parse_as_of(as_of))
            case_id = workflow.new_case(inputs).case_id
            assert case_id is not None
        else:
            assert case is not None
            case_id = case
            workflow.open(case_id)  # a clear error for an unknown id before any message is read
        from appeal_assistant.chat.understand import understand, with_meaning

        session = ChatSession(
            workflow,
            case_id,
            understander=with_meaning() if settings.meaning_checks else understand,
            search=lazy_search(settings),
            export_dir=settings.data_dir / "exports",
        )

        def show(turn: ChatTurn) -> None:
            if jsonl:
                typer.echo(json.dumps(turn.model_dump(), ensure_ascii=False))
            else:
                typer.echo(f"\n{turn.reply}")
            sys.stdout.flush()

        if not jsonl:
            typer.echo(f"case {case_id} (type 'help' for what you can say; end with Ctrl-D)")
            for note in notes:
                typer.echo(f"note: {note}", err=True)
        if not new and not jsonl:
            history = workflow._store().turns(case_id)
            drafts = workflow.open(case_id).drafts
            typer.echo(f"{len(history)} earlier turn(s), {len(drafts)} version(s) saved.")
        show(session.opening())
        for line in sys.stdin:
            message = line.strip()
            if message:
                show(session.handle(message))
