"""`appeal-assistant index`: build or update the knowledge index; add the seller's own documents."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from appeal_assistant.errors import InputError

if TYPE_CHECKING:
    from appeal_assistant.retrieval import IndexReport, KnowledgeBase

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    @app.command("index")
    def index(
        rebuild: bool = typer.Option(
            False, "--rebuild", help="Drop the knowledge index and embed everything again."
        ),
        add: list[Path] = typer.Option(
            [], "--add", help="Add your own .md, .txt or .pdf file to the user collection (repeatable)."
        ),
        marketplace: str = typer.Option(
            "all",
            "--marketplace",
            help="With --add: the marketplace the file is about (amazon, ebay, walmart, all).",
        ),
        topic: list[str] = typer.Option(
            [], "--topic", help="With --add: a topic of the file, e.g. 'inauthentic' (repeatable)."
        ),
        remove: list[str] = typer.Option([], "--remove", help="Remove a user document by id (repeatable)."),
        list_user: bool = typer.Option(False, "--list", help="List the documents added with --add."),
    ) -> None:
        """Index the knowledge documents incrementally (only changed sections are embedded again)."""
        from appeal_assistant.config import get_settings
        from appeal_assistant.retrieval import KnowledgeBase

        if (marketplace != "all" or topic) and not add:
            raise InputError("--marketplace and --topic describe a file added with --add; give --add FILE")
        kb = KnowledgeBase.open(get_settings())
        if list_user:
            _print_user_documents(kb)
            return
        for doc_id in remove:
            removed = kb.remove_user_document(doc_id)
            typer.echo(f"removed {doc_id} ({removed} chunks)")
        for path in add:
            adder = functools.partial(kb.add_user_document, path, marketplace=marketplace, topics=topic)
            report = _with_progress(f"adding {path.name}", adder)
            typer.echo(f"added {path.name} as user document: {report.summary()}")
        if add or remove:
            return
        started = time.perf_counter()
        report = _with_progress("embedding knowledge", functools.partial(kb.index, rebuild=rebuild))
        typer.echo(f"{report.summary()} in {time.perf_counter() - started:.1f} s ({kb.store.describe()})")


def _with_progress(label: str, run: Callable[..., IndexReport]) -> IndexReport:
    """Run an indexing step under a rich progress bar on stderr (shown only when chunks are embedded)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as bar:
        task = bar.add_task(label, total=None, visible=False)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, visible=total > 0)

        return run(progress=progress)


def _print_user_documents(kb: KnowledgeBase) -> None:
    documents = kb.user_documents()
    if not documents:
        typer.echo("no user documents; add one with `appeal-assistant index --add FILE`")
    for doc in documents:
        topics = f" topics={','.join(doc.topics)}" if doc.topics else ""
        where = f"marketplace={doc.marketplace}{topics}"
        typer.echo(f"{doc.doc_id}\t{doc.title}\t{doc.chunks} chunks\t{where}\t{doc.source}")
