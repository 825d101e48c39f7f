"""`appeal-assistant app`: start the Streamlit app on 127.0.0.1."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    @app.command("app")
    def run_app(
        demo: Path = typer.Option(
            Path(".demo"), "--demo", help="Folder with report files (and notice_*.txt)."
        ),
        port: int = typer.Option(8501, "--port", help="Port on 127.0.0.1."),
    ) -> None:
        """Open the app (http://127.0.0.1:PORT) on a folder of report files; Ctrl-C stops it."""
        from appeal_assistant.config import apply_offline_env

        apply_offline_env()
        script = Path(__file__).resolve().parent.parent / "app" / "main.py"
        env = dict(os.environ, APPEAL_ASSISTANT_DEMO_DIR=str(demo.resolve()))
        args = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ]
        typer.echo(f"appeal_assistant on http://127.0.0.1:{port} (data: {demo})", err=True)
        os.execvpe(args[0], args, env)
