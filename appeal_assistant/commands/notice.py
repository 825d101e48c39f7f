"""`appeal-assistant notice FILE`: say what a marketplace notice is, what it asks for and by when."""

from __future__ import annotations

import sys
from datetime import date

import typer

from appeal_assistant.errors import NoticeError

__all__ = ["register"]


def _notice_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise NoticeError(
            f"--date {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-03"
        ) from None


def register(app: typer.Typer) -> None:
    """Add the ``notice`` command to ``app``."""

    @app.command("notice")
    def notice(
        file: str = typer.Argument(..., help="Notice file (.txt, .eml, .html, .pdf), or '-' to read stdin."),
        as_json: bool = typer.Option(False, "--json", help="Print the Notice as JSON instead of a summary."),
        notice_date: str | None = typer.Option(
            None, "--date", help="Date the notice was sent (YYYY-MM-DD), to turn 'within N days' into a date."
        ),
    ) -> None:
        """Read a warning, suspension or rejection notice: what it is, what to send, by when, what next."""
        from appeal_assistant.notice import notice_json, read_notice, read_notice_bytes, render_summary

        sent = _notice_date(notice_date)
        if file == "-":
            parsed = read_notice_bytes(sys.stdin.buffer.read(), name=None, notice_date=sent)
        else:
            parsed = read_notice(file, notice_date=sent)
        typer.echo(notice_json(parsed) if as_json else render_summary(parsed))
