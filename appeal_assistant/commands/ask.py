"""`appeal-assistant ask`: search the knowledge base and print passages with their citations."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from appeal_assistant.models import Passage

__all__ = ["passage_json", "register"]

#: Keys of each object printed by ``ask --json``.
JSON_FIELDS: tuple[str, ...] = (
    "doc_id",
    "chunk_id",
    "title",
    "heading",
    "source",
    "score",
    "text",
    "collection",
)


def passage_json(passages: list[Passage]) -> str:
    """The ``--json`` output: a list of objects with doc_id, title, heading, source, score and text."""
    return json.dumps(
        [{k: getattr(p, k) for k in JSON_FIELDS} for p in passages], indent=2, ensure_ascii=False
    )


def register(app: typer.Typer) -> None:
    @app.command("ask")
    def ask(
        query: str = typer.Argument(..., help="What to look up, e.g. 'late shipment rate target'."),
        k: int = typer.Option(5, "--k", min=1, max=50, help="Number of passages to show."),
        marketplace: str | None = typer.Option(
            None, "--marketplace", help="Only documents for this marketplace (amazon, ebay, walmart) or all."
        ),
        topic: list[str] = typer.Option([], "--topic", help="Only documents with this topic (repeatable)."),
        issue: str | None = typer.Option(None, "--issue", help="Only documents about this issue kind."),
        as_json: bool = typer.Option(False, "--json", help="Print a JSON list instead of text."),
    ) -> None:
        """Print the passages that best answer QUERY, each with its document, heading and source."""
        from appeal_assistant.config import get_settings
        from appeal_assistant.retrieval import KnowledgeBase

        kb = KnowledgeBase.open(get_settings())
        if kb.is_empty():
            typer.echo("the knowledge index is empty; building it first (`appeal-assistant index`)", err=True)
            typer.echo(kb.index().summary(), err=True)
        else:  # bring it up to date with the knowledge folder: embeds only what changed (none: ~0.1 s)
            report = kb.index()
            if report.changed:
                typer.echo(f"knowledge index updated: {report.summary()}", err=True)
        passages = kb.search(query, k, marketplace=marketplace, topics=topic or None, issue=issue)
        if as_json:
            typer.echo(passage_json(passages))
            return
        if not passages:
            typer.echo("no passage matches; try other words or fewer filters")
        for n, p in enumerate(passages, start=1):
            where = f"{p.title} > {p.heading}" if p.heading else p.title
            typer.echo(f"[{n}] {where}  (score {p.score:.3f}, {p.doc_id})")
            typer.echo(_indent(p.text))
            typer.echo(f"    source: {p.source}\n")


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.splitlines())
