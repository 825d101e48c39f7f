"""`appeal-assistant review`: score a plan of action and list what a reviewer would object to."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from appeal_assistant.errors import InputError

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    @app.command("review")
    def review(
        file: Path = typer.Argument(
            ..., help="The plan as plain text or Markdown (a .json plan from `draft` too)."
        ),
        notice: Path | None = typer.Option(None, "--notice", help="The notice the plan answers."),
        reports: list[Path] = typer.Option([], "--reports", help="Report files/folders, to check numbers."),
        answers: Path | None = typer.Option(
            None, "--answers", help="Answers file (facts the seller stated)."
        ),
        as_json: bool = typer.Option(False, "--json", help="Print the review as JSON."),
        rules_only: bool = typer.Option(
            False, "--rules-only", help="Skip the checks judged by meaning (faster; phrase rules only)."
        ),
    ) -> None:
        """Score a plan: missing issues or parts, blame, pleas, promises, tense, vagueness, numbers, length."""
        from appeal_assistant.case.inputs import check_file, load_answers
        from appeal_assistant.config import get_settings
        from appeal_assistant.drafting.blame_model import blame_scores
        from appeal_assistant.drafting.reviewer import review_plan, review_text
        from appeal_assistant.models import PlanOfAction

        scorer = None if rules_only or not get_settings().meaning_checks else blame_scores

        check_file(file, "plan file", "give the plan as a .txt, .md or .json file")
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read plan file {str(file)!r} as UTF-8 text ({exc})") from exc
        notice_obj = None
        if notice is not None:
            from appeal_assistant.notice import read_notice

            check_file(notice, "notice file", "give the path of the notice (.txt, .eml, .html or .pdf)")
            notice_obj = read_notice(notice)
        report = None
        if reports:
            from appeal_assistant.metrics.analyze import analyze_paths

            report = analyze_paths(reports)
        answer_map = load_answers(answers) if answers else None
        if file.suffix.lower() == ".json":
            try:
                plan = PlanOfAction.model_validate_json(text)
            except ValueError as exc:
                raise InputError(
                    f"{str(file)!r} is not a plan JSON written by `draft --format json`: {exc}"
                ) from exc
            result = review_plan(
                plan, notice=notice_obj, report=report, answers=answer_map, blame_scorer=scorer
            )
        else:
            result = review_text(
                text, notice=notice_obj, report=report, answers=answer_map, blame_scorer=scorer
            )
        if as_json:
            typer.echo(json.dumps(result.model_dump(mode="json"), indent=2))
            return
        typer.echo(f"Score {result.score}/100: {result.verdict}")
        typer.echo(
            f"{result.words} words, {result.characters} characters, ~{result.reading_minutes} min to read"
        )
        if not result.problems:
            typer.echo("No problems found.")
        for p in result.problems:
            where = " / ".join(
                x for x in (p.issue.value if p.issue else "", p.part.value if p.part else "") if x
            )
            typer.echo(f"- [{p.severity.value}] {p.code}{f' ({where})' if where else ''}: {p.message}")
            typer.echo(f"    fix: {p.hint}")
        for note in result.notes:
            typer.echo(f"note: {note}")
