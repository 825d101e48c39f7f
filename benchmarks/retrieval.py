"""Retrieval benchmark: full index time, no-op re-index time, and warm query latency (p50/p95).

Usage: .venv/bin/python benchmarks/retrieval.py [--knowledge DIR] [--queries N]

Indexes the knowledge folder into a fresh temporary data dir (embedded Chroma), re-indexes it with
nothing changed (in-process, and as a new `appeal-assistant index` process), then runs N hybrid
queries (taken from evals/retrieval/*.yaml, cycled) after one warm-up query.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    from appeal_assistant.config import get_settings
    from appeal_assistant.evaluation.retrieval_eval import load_queries
    from appeal_assistant.retrieval import KnowledgeBase
    from appeal_assistant.retrieval.embedder import load_minilm

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="aa-bench-") as tmp:
        settings = get_settings(data_dir=Path(tmp), knowledge_dir=args.knowledge, chroma_host="")
        started = time.perf_counter()
        load_minilm()
        model_s = time.perf_counter() - started

        kb = KnowledgeBase.open(settings)
        started = time.perf_counter()
        full = kb.index()
        full_s = time.perf_counter() - started

        fresh = KnowledgeBase.open(settings)
        started = time.perf_counter()
        noop = fresh.index()
        noop_s = time.perf_counter() - started
        if noop.changed:
            print(f"error: the second index changed something: {noop.summary()}", file=sys.stderr)
            return 1

        env = dict(
            os.environ, APPEAL_ASSISTANT_DATA_DIR=tmp, APPEAL_ASSISTANT_KNOWLEDGE_DIR=str(args.knowledge)
        )
        env.pop("APPEAL_ASSISTANT_CHROMA_HOST", None)
        started = time.perf_counter()
        subprocess.run(
            [str(Path(sys.executable).parent / "appeal-assistant"), "index"],
            env=env,
            check=True,
            capture_output=True,
        )
        cli_noop_s = time.perf_counter() - started

        texts = [q.query for q in load_queries(ROOT / "evals" / "retrieval")]
        fresh.search(texts[0], 5)  # warm: lexical index built, first query embedded
        latencies: list[float] = []
        for n in range(args.queries):
            started = time.perf_counter()
            fresh.search(texts[n % len(texts)], 5)
            latencies.append((time.perf_counter() - started) * 1000)

    print(f"knowledge: {full.documents} documents, {full.chunks} chunks ({settings.knowledge_dir})")
    print(f"model load (once per process)        {model_s:8.2f} s")
    print(f"full index (embed all chunks)         {full_s:8.2f} s")
    print(f"no-op re-index (in process)           {noop_s:8.3f} s")
    print(
        f"no-op `appeal-assistant index` (CLI)  {cli_noop_s:8.2f} s  (includes Python and chromadb start-up)"
    )
    print(
        f"hybrid query latency, warm, n={len(latencies)}: p50 {statistics.median(latencies):.1f} ms, "
        f"p95 {_percentile(latencies, 0.95):.1f} ms, max {max(latencies):.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
