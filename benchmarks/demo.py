"""Benchmark: generate 1,000,000 order items with `appeal-assistant demo` and check same-seed determinism.

Usage: python benchmarks/demo.py [--items 1000000]
Prints the wall time, the items written and whether two runs with the same seed give identical bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ITEMS_PER_ORDER = 1.2


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    orders = int(args.items / ITEMS_PER_ORDER)
    digests = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in (1, 2):
            out = Path(tmp) / f"run{run}"
            start = time.perf_counter()
            proc = subprocess.run(
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
                capture_output=True,
                text=True,
                check=True,
            )
            elapsed = time.perf_counter() - start
            print(f"run {run}: {proc.stdout.splitlines()[0]} in {elapsed:.1f} s (target < 60 s)")
            digests.append(_digest(out))
    print(f"same seed, identical bytes: {'yes' if digests[0] == digests[1] else 'NO'}")
    return 0 if digests[0] == digests[1] else 1


if __name__ == "__main__":
    sys.exit(main())
