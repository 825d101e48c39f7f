"""`appeal-assistant demo`: write a realistic, seeded seller data set with known answers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from appeal_assistant.errors import InputError

__all__ = ["register"]


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--as-of {value!r} is not a date; use YYYY-MM-DD, e.g. 2026-11-16") from None


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo(
        out: Path = typer.Option(
            ..., "--out", help="Folder to write the data set into (created if missing)."
        ),
        orders: int = typer.Option(20_000, "--orders", help="Number of orders (about 1.25 items each)."),
        seed: int = typer.Option(7, "--seed", help="Random seed; the same seed gives identical files."),
        as_of: str | None = typer.Option(
            None, "--as-of", help="Report date YYYY-MM-DD (default 2026-11-16)."
        ),
        marketplace: str = typer.Option(
            "amazon",
            "--marketplace",
            help="amazon (Amazon report files) or ebay / walmart (generic orders file).",
        ),
        scenario: list[str] = typer.Option(
            [],
            "--scenario",
            help="Scenario to inject (repeatable): carrier_disruption, defective_batch, "
            "stock_out, missing_tracking. Default: all.",
        ),
        healthy: bool = typer.Option(
            False, "--healthy", help="Inject no scenario: an account with no breach."
        ),
        keep_existing: bool = typer.Option(
            False,
            "--keep-existing",
            help="Do nothing if the folder already holds a complete demo data set of this version.",
        ),
    ) -> None:
        """Write All Orders, shipments, returns, feedback, claims, account health, notices and truth.json."""
        from appeal_assistant.demo import DEFAULT_AS_OF, SCENARIOS, DemoConfig, generate_demo
        from appeal_assistant.models import Marketplace

        if keep_existing and (out / "truth.json").is_file():
            from appeal_assistant.demo.generate import is_current_demo

            if is_current_demo(out):
                typer.echo(f"demo data already in {out} (kept)")
                return
            typer.echo(
                f"demo data in {out} is from an older version or incomplete: writing it again", err=True
            )
        try:
            market = Marketplace(marketplace.lower())
        except ValueError:
            raise InputError(
                f"--marketplace {marketplace!r} is unknown; use one of "
                f"{', '.join(m.value for m in Marketplace)}"
            ) from None
        unknown = [s for s in scenario if s not in SCENARIOS]
        if unknown:
            raise InputError(f"--scenario {unknown[0]!r} is unknown; choose from {', '.join(SCENARIOS)}")
        if healthy and scenario:
            raise InputError("--healthy and --scenario contradict each other; use one of them")
        default = (
            SCENARIOS
            if market is Marketplace.AMAZON
            else tuple(s for s in SCENARIOS if s != "defective_batch")
        )
        chosen = () if healthy else tuple(dict.fromkeys(scenario)) or default
        config = DemoConfig(
            as_of=_parse_date(as_of) or DEFAULT_AS_OF,
            orders=orders,
            seed=seed,
            scenarios=chosen,  # type: ignore[arg-type]
            marketplace=market,
        )
        result = generate_demo(out, config, on_progress=lambda msg: typer.echo(msg, err=True))
        typer.echo(f"{result.orders:,} orders ({result.order_items:,} items) written to {out}")
        for path in result.files:
            typer.echo(f"  {path.name}")
