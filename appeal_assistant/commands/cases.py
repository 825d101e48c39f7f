"""`appeal-assistant cases` and `revise`: saved cases and new versions of their drafts."""

from __future__ import annotations

import typer

from appeal_assistant.errors import InputError, StoreError

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    @app.command("cases")
    def cases() -> None:
        """List saved cases (created with `draft --save`) with their number of draft versions."""
        from appeal_assistant.config import get_settings
        from appeal_assistant.store import CaseStore

        store = CaseStore(get_settings().store_path)
        rows = store.list_cases()
        if not rows:
            typer.echo("no saved cases; create one with `appeal-assistant draft ... --save`")
        for case_id, title, created in rows:
            typer.echo(f"{case_id}  {created:%Y-%m-%d %H:%M}  v{len(store.drafts(case_id))}  {title}")

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
        from appeal_assistant.config import get_settings
        from appeal_assistant.drafting.render import plan_stats, render_json, render_markdown, render_text
        from appeal_assistant.store import CaseStore

        if engine not in ("offline", "llm"):
            raise InputError(f"--engine {engine!r} is unknown; use offline or llm")
        if fmt not in ("text", "markdown", "json"):
            raise InputError(f"--format {fmt!r} is unknown; use text, markdown or json")
        settings = get_settings()
        store = CaseStore(settings.store_path)
        case = store.get_case(case_id)
        if not case.drafts:
            raise StoreError(
                f"case {case_id!r} has no draft yet; run `appeal-assistant draft ... --save` first"
            )
        latest = case.drafts[-1].plan
        notes: list[str] = []
        if engine == "llm":
            from appeal_assistant.drafting.llm_drafter import revise_with_llm
            from appeal_assistant.llm.client import get_client

            client = get_client(settings)
            if client is None:
                raise InputError("--engine llm needs a model: set APPEAL_ASSISTANT_LLM_MODEL")
            outcome = revise_with_llm(
                latest,
                instruction,
                client=client,
                notice=case.notice,
                report=case.report,
                answers=case.answers,
            )
            plan, notes = outcome.plan, outcome.notes
        else:
            from appeal_assistant.drafting.revise import revise_plan

            plan = revise_plan(
                latest, instruction, notice=case.notice, report=case.report, answers=case.answers
            )
        version = store.add_draft(case_id, plan, instruction)
        text = {"text": render_text, "markdown": render_markdown, "json": render_json}[fmt](plan)
        typer.echo(text, nl=False)
        stats = plan_stats(render_text(plan))
        typer.echo(
            f"[version {version}] {stats['words']} words (was {plan_stats(render_text(latest))['words']}); "
            f"{'ready' if plan.ready else 'not ready'}",
            err=True,
        )
        for note in notes:
            typer.echo(f"  note: {note}", err=True)
