"""`appeal-assistant cases` and `revise`: saved cases, their files, and new versions of their drafts."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from appeal_assistant.errors import InputError

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    @app.command("cases")
    def cases(
        export: tuple[str, Path] | None = typer.Option(
            None, "--export", help="Write case ID to FILE (JSON): --export ID FILE."
        ),
        import_: Path | None = typer.Option(None, "--import", help="Add the case exported in FILE."),
        rename: tuple[str, str] | None = typer.Option(None, "--rename", help="--rename ID 'New title'."),
        delete: str | None = typer.Option(None, "--delete", help="Delete case ID and every row of it."),
    ) -> None:
        """List saved cases (newest first), or export, import, rename or delete one."""
        from appeal_assistant.case.setup import build_workflow
        from appeal_assistant.config import get_settings

        workflow = build_workflow(get_settings(), retrieval=False)
        store = workflow._store()
        if export is not None:
            case_id, path = export
            data = workflow.export_case(case_id)
            path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            typer.echo(f"case {case_id} written to {path}")
            return
        if import_ is not None:
            from appeal_assistant.case.inputs import check_file

            check_file(import_, "case file", "give a file written by `cases --export`")
            try:
                data = json.loads(import_.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
                raise InputError(
                    f"{str(import_)!r} is not a case exported as JSON ({str(exc)[:120]})"
                ) from None
            if not isinstance(data, dict):
                raise InputError(f"{str(import_)!r} is not a case exported by `cases --export`")
            typer.echo(f"imported as case {workflow.import_case(data)}")
            return
        if rename is not None:
            store.rename(*rename)
            typer.echo(f"case {rename[0]} renamed")
            return
        if delete is not None:
            store.delete(delete)
            typer.echo(f"case {delete} deleted, with its answers, chat, versions and checklist")
            return
        rows = store.list_cases()
        if not rows:
            typer.echo("no saved cases; create one with `appeal-assistant draft ... --save` or `chat --new`")
        for row in rows:
            due = f"  due {row.deadline}" if row.deadline else ""
            typer.echo(
                f"{row.id}  {row.updated_at:%Y-%m-%d %H:%M}  v{row.versions}  {row.status}{due}  {row.title}"
            )

    @app.command("revise")
    def revise(
        case_id: str = typer.Argument(..., help="Case id (see `appeal-assistant cases`)."),
        instruction: str = typer.Argument(
            ...,
            help="e.g. 'shorter', 'more detail on corrective actions', "
            "'add fact: ...', 'remove: ...', 'more formal'.",
        ),
        engine: str = typer.Option("offline", "--engine", help="offline (default) or llm."),
        fmt: str = typer.Option("text", "--format", help="text, markdown or json."),
    ) -> None:
        """Revise the latest draft of a saved case; the result is saved as a new version."""
        from appeal_assistant.case.setup import build_workflow, parse_engine
        from appeal_assistant.config import get_settings
        from appeal_assistant.drafting.render import (
            plan_stats,
            render_json,
            render_markdown,
            render_submission,
            render_text,
        )

        kind = parse_engine(engine)
        if fmt not in ("text", "markdown", "json"):
            raise InputError(f"--format {fmt!r} is unknown; use text, markdown or json")
        notes: list[str] = []
        workflow = build_workflow(get_settings(), kind, retrieval=False, notes=notes)
        result = workflow.revise(case_id, instruction)
        plan = result.plan
        typer.echo(
            {"text": render_text, "markdown": render_markdown, "json": render_json}[fmt](plan), nl=False
        )
        was = plan_stats(render_submission(result.previous))["words"] if result.previous else 0
        typer.echo(
            f"[version {result.version}] {plan_stats(render_submission(plan))['words']} words (was {was}); "
            f"{'ready' if plan.ready else 'not ready'}; review {result.review.score}/100",
            err=True,
        )
        for note in notes + result.notes:
            typer.echo(f"  note: {note}", err=True)
