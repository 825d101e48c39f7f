"""`appeal-assistant analyze`: read report files and print metrics and findings."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import typer

from appeal_assistant.errors import InputError

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    @app.command("analyze")
    def analyze(
        paths: list[Path] = typer.Argument(..., help="Report files, folders or .zip archives."),
        as_of: str | None = typer.Option(
            None, "--as-of", help="Report date YYYY-MM-DD (default: newest date in the data)."
        ),
        marketplace: str | None = typer.Option(
            None, "--marketplace", help="amazon, ebay or walmart (default: detected)."
        ),
        map_: list[str] = typer.Option(
            [], "--map", help="Column mapping kind:column=TheirHeader (repeatable)."
        ),
        mapping_file: Path | None = typer.Option(
            None, "--mapping-file", help="YAML/JSON file of column mappings."
        ),
        as_json: bool = typer.Option(
            False, "--json", help="Print one JSON object instead of the readable report."
        ),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="Do not report progress on stderr."),
    ) -> None:
        """Compute every metric the files support, with drivers, trends, headroom and roll-off dates."""
        from appeal_assistant.metrics.analyze import analyze_paths
        from appeal_assistant.metrics.text import format_report, report_json
        from appeal_assistant.models import Marketplace

        day = None
        if as_of is not None:
            try:
                day = date.fromisoformat(as_of)
            except ValueError:
                raise InputError(f"--as-of {as_of!r} is not a date; use YYYY-MM-DD") from None
        market = None
        if marketplace is not None:
            try:
                market = Marketplace(marketplace.lower())
            except ValueError:
                raise InputError(
                    f"--marketplace {marketplace!r} is unknown; use amazon, ebay or walmart"
                ) from None
        for path in paths:
            if not path.exists():
                raise InputError(f"{str(path)!r} does not exist; give a report file, a folder or a .zip")
        started = time.perf_counter()

        def progress(message: str) -> None:
            typer.echo(f"[{time.perf_counter() - started:5.1f}s] {message}", err=True)

        report = analyze_paths(
            paths,
            as_of=day,
            marketplace=market,
            map_specs=map_,
            mapping_file=mapping_file,
            on_progress=None if quiet else progress,
        )
        if as_json:
            typer.echo(json.dumps(report_json(report), indent=2))
        else:
            typer.echo(format_report(report), nl=False)
