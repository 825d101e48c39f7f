"""Generate a demo data set: simulate, count the truth, write every file."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from appeal_assistant.demo.messages import messages_truth, simulate_messages, write_messages
from appeal_assistant.demo.notices import account_health_report, scenario_notice
from appeal_assistant.demo.simulate import CLAIM_A_TO_Z, DemoConfig, World, simulate
from appeal_assistant.demo.truth import truth_metrics
from appeal_assistant.demo.writers import write_reports
from appeal_assistant.errors import InputError
from appeal_assistant.models import Marketplace

__all__ = ["DEMO_VERSION", "REPORT_FILES", "DemoResult", "generate_demo", "is_current_demo"]

#: Raised whenever the files a demo holds change (2: the buyer messages log), so a kept demo folder
#: from an older version is written again.
DEMO_VERSION = 2

#: The kinds of buyer data the writers return, for privacy tests.
PII_KINDS = ("names", "emails", "phones", "streets", "notes")

REPORT_FILES = (
    "all_orders.txt",
    "shipments.tsv",
    "fba_customer_returns.txt",
    "seller_fulfilled_returns.txt",
    "feedback.txt",
    "claims.csv",
    "account_health.json",
    "buyer_messages.csv",
)


@dataclass(frozen=True)
class DemoResult:
    out: Path
    files: list[Path]
    orders: int
    order_items: int
    truth: dict[str, object]
    pii: dict[str, list[str]]


def is_current_demo(out: Path) -> bool:
    """Whether ``out`` holds a complete demo data set written by this version of the generator."""
    try:
        truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    files = truth.get("files", []) + list(truth.get("notices", {}).values())
    return truth.get("version") == DEMO_VERSION and all((out / str(name)).is_file() for name in files)


def _prepare(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".write-test"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        raise InputError(
            f"cannot write to output folder {str(out)!r} ({exc.strerror or exc}); "
            "choose a folder you can write to with --out"
        ) from exc


def generate_demo(
    out: Path, config: DemoConfig, *, on_progress: Callable[[str], None] | None = None
) -> DemoResult:
    """Write the demo data set for ``config`` into ``out`` and return what was written."""
    if config.marketplace is not Marketplace.AMAZON:
        if "defective_batch" in config.scenarios:
            raise InputError(
                "scenario 'defective_batch' concerns a product fulfilled by Amazon; it exists only "
                "with --marketplace amazon"
            )
        config = replace(config, afn_share=0.0)
    if config.orders < 1:
        raise InputError(f"--orders must be at least 1 (got {config.orders!r})")
    say = on_progress or (lambda _msg: None)
    _prepare(out)
    say(f"simulating {config.orders:,} orders (seed {config.seed}, as of {config.as_of})")
    world = simulate(config)
    if config.marketplace is not Marketplace.AMAZON:
        return _generic(world, out, say)
    say("counting the truth from the simulation's own records")
    log = simulate_messages(world)
    metrics = truth_metrics(world) + messages_truth(world, log)
    say("writing report files")
    pii = write_reports(world, out)
    order_ids = pii["order_ids"]
    pii["names"] = np.concatenate([pii["names"], write_messages(world, log, order_ids, out)["names"]])
    health = account_health_report(config.as_of, metrics)
    (out / "account_health.json").write_text(json.dumps(health, indent=2) + "\n", encoding="utf-8")

    notices: dict[str, str] = {}
    claim_orders = [
        str(order_ids[i])
        for i, t, d in zip(world.cl_order, world.cl_type, world.cl_day, strict=True)
        if t == CLAIM_A_TO_Z and d <= world.as_of and world.method[i] >= 0
    ]
    for scenario in config.scenarios:
        examples = claim_orders if scenario == "carrier_disruption" else []
        text = scenario_notice(scenario, config.as_of, metrics, world.drivers, examples)
        name = f"notice_{scenario}.txt"
        (out / name).write_text(text, encoding="utf-8")
        notices[scenario] = name

    return _finish(world, out, list(REPORT_FILES), notices, metrics, pii, say)


def _generic(world: World, out: Path, say: Callable[[str], None]) -> DemoResult:
    """eBay / Walmart: one generic orders file, truth for that marketplace's metrics, a notice if breached."""
    from appeal_assistant.demo.generic import generic_notice, generic_truth, write_generic

    config = world.config
    say("counting the truth from the simulation's own records")
    metrics = generic_truth(world)
    say("writing the orders file in the generic schema")
    name, pii = write_generic(world, out)
    notices: dict[str, str] = {}
    text = generic_notice(config.marketplace, config.as_of, metrics)
    if text is not None:
        (out / "notice_performance.txt").write_text(text, encoding="utf-8")
        notices["performance"] = "notice_performance.txt"
    return _finish(world, out, [name], notices, metrics, pii, say)


def _finish(
    world: World,
    out: Path,
    reports: list[str],
    notices: dict[str, str],
    metrics: list[dict[str, Any]],
    pii: Mapping[str, npt.ArrayLike],
    say: Callable[[str], None],
) -> DemoResult:
    """Write truth.json and describe what was written (both marketplaces' paths end here)."""
    config = world.config
    truth: dict[str, object] = {
        "generator": "appeal-assistant demo",
        "version": DEMO_VERSION,
        "as_of": str(config.as_of),
        "seed": config.seed,
        "marketplace": config.marketplace.value,
        "orders": world.n_orders,
        "order_items": int(world.item_order.shape[0]),
        "scenarios": list(config.scenarios),
        "files": reports,
        "notices": notices,
        "drivers": world.drivers,
        "metrics": metrics,
    }
    (out / "truth.json").write_text(json.dumps(truth, indent=2) + "\n", encoding="utf-8")
    files = [out / n for n in reports] + [out / n for n in notices.values()] + [out / "truth.json"]
    say(f"wrote {len(files)} files to {out}")
    pii_lists = {
        k: [str(x) for x in np.asarray(v).tolist() if str(x)] for k, v in pii.items() if k in PII_KINDS
    }
    return DemoResult(
        out=out,
        files=files,
        orders=world.n_orders,
        order_items=int(world.item_order.shape[0]),
        truth=truth,
        pii=pii_lists,
    )
