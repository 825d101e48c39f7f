"""Chat benchmark: a warm offline turn (understand, redraft, review, save) and a cold `chat --new`.

Usage: .venv/bin/python benchmarks/chat.py [--orders 10000,100000] [--turns 40] [--cold 3]

For each size, a demo data set (cached under benchmarks/out/) is analysed once, a case is opened on
its carrier-disruption notice in a temporary store, and N chat turns alternate between answers and
corrections; each turn's wall time is recorded (p50 and p95 printed; target p95 <= 300 ms). Then the
cold start: `appeal-assistant chat --new --notice ... --reports ... --jsonl` as a new process, timed
until its first question line (median of --cold runs; target <= 3 s), once with no knowledge index and
once with the index built, side by side.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent
ITEMS_PER_ORDER = 1.2


def _dataset(orders: int) -> Path:
    from appeal_assistant.demo.generate import is_current_demo

    out = ROOT / "out" / f"chat_orders_{orders}"
    if not is_current_demo(out):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "appeal_assistant.cli",
                "demo",
                "--out",
                str(out),
                "--orders",
                str(orders),
                "--seed",
                "7",
            ],
            check=True,
            capture_output=True,
        )
    return out


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _warm(folder: Path, turns: int) -> list[float]:
    from appeal_assistant.case.engines import OfflineEngine
    from appeal_assistant.case.inputs import load_inputs
    from appeal_assistant.case.knowledge import NoPassages
    from appeal_assistant.case.store import CaseStore
    from appeal_assistant.case.workflow import Workflow
    from appeal_assistant.chat.session import ChatSession
    from appeal_assistant.chat.understand import with_meaning
    from appeal_assistant.drafting.blame_model import blame_scores

    with tempfile.TemporaryDirectory(prefix="aa-chat-") as tmp:
        workflow = Workflow(
            store=CaseStore(Path(tmp) / "cases.sqlite3"),
            engine=OfflineEngine(),
            knowledge=NoPassages(),
            clock=lambda: datetime.now(UTC),
            blame_scorer=blame_scores,  # as `build_workflow` sets it: each review judges blame by meaning too
        )
        inputs = load_inputs(notice=folder / "notice_carrier_disruption.txt", reports=[folder])
        case_id = workflow.new_case(inputs).case_id
        assert case_id is not None
        chat = ChatSession(workflow, case_id, understander=with_meaning())  # as `chat` runs
        chat.opening()
        messages = [
            "the owner is Dana Reyes, operations manager",
            "start date: 2026-12-01",
            "actually the owner is Sam Ortiz, warehouse lead",
            "whats missing",
        ]
        times = []
        for n in range(turns):
            started = time.perf_counter()
            chat.handle(messages[n % len(messages)])
            times.append(time.perf_counter() - started)
    return times


def _cold(folder: Path, runs: int, *, with_index: bool) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory(prefix="aa-chat-cold-") as tmp:
        env = dict(os.environ, APPEAL_ASSISTANT_DATA_DIR=tmp, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
        cli = [sys.executable, "-m", "appeal_assistant.cli"]
        if with_index:
            subprocess.run([*cli, "index"], env=env, check=True, capture_output=True)
        for _ in range(runs):
            started = time.perf_counter()
            proc = subprocess.Popen(
                [
                    *cli,
                    "chat",
                    "--new",
                    "--notice",
                    str(folder / "notice_carrier_disruption.txt"),
                    "--reports",
                    str(folder),
                    "--jsonl",
                ],
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            assert proc.stdout is not None
            first = proc.stdout.readline()
            times.append(time.perf_counter() - started)
            proc.kill()
            proc.wait()
            if not first.startswith("{"):
                raise SystemExit(f"chat printed no first question: {first!r}")
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--orders", default="10000,100000")
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--cold", type=int, default=3)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.orders.split(",") if s]
    print("| orders | warm turn p50 | warm turn p95 | target p95 |")
    print("|---|---|---|---|")
    for orders in sizes:
        times = _warm(_dataset(orders), args.turns)
        print(
            f"| {orders:,} | {statistics.median(times) * 1000:.0f} ms | {_percentile(times, 0.95) * 1000:.0f} ms | 300 ms |"
        )
    folder = _dataset(sizes[0])
    print()
    print("| cold `chat --new` to the first question | median | runs | target |")
    print("|---|---|---|---|")
    for with_index in (False, True):
        times = _cold(folder, args.cold, with_index=with_index)
        label = "index built" if with_index else "no index"
        print(f"| {label}, {sizes[0]:,} orders | {statistics.median(times):.2f} s | {len(times)} | 3 s |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
