"""Command line entry point: gathers input, calls the core, prints the result.

Each subcommand lives in ``appeal_assistant/commands/<name>.py`` with a ``register(app)`` function and
imports heavy libraries (torch, chromadb, litellm) only inside the command body. Every
``AppealAssistantError`` becomes a one-line message on stderr and exit code 2.
"""

from __future__ import annotations

import importlib
import sys

import typer

from appeal_assistant import __version__
from appeal_assistant.errors import AppealAssistantError

__all__ = ["COMMAND_MODULES", "build_app", "main"]

#: Modules under appeal_assistant.commands that register subcommands, in help order.
COMMAND_MODULES: tuple[str, ...] = (
    "demo",
    "analyze",
    "notice",
    "index",
    "ask",
    "draft",
    "review",
    "chat",
    "cases",
    "eval",
    "app",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"appeal-assistant {__version__}")
        raise typer.Exit()


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="appeal-assistant",
        help="Account-health analysis and grounded Plan of Action drafting for marketplace sellers. "
        "Works offline; an LLM is optional.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def _root(
        version: bool = typer.Option(
            False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ) -> None:
        """appeal-assistant: keep a seller account healthy and appeal when it is not."""

    for name in COMMAND_MODULES:
        module = importlib.import_module(f"appeal_assistant.commands.{name}")
        module.register(app)
    return app


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (2 for any error of ours, with a one-line message)."""
    app = build_app()
    try:
        app(args=argv if argv is not None else sys.argv[1:], standalone_mode=False)
    except AppealAssistantError as exc:
        typer.echo(f"error: {exc}", err=True)
        return 2
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.Abort:
        typer.echo("aborted", err=True)
        return 130
    except Exception as exc:
        # Usage errors from typer's bundled click: shown as its usage line plus one message, exit 2.
        show, code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if callable(show) and isinstance(code, int):
            show()
            return code
        raise
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
