"""Benchmark: read + every metric + findings on demo data, side by side with DuckDB SQL on the same files.

Usage: python benchmarks/analyze.py [--sizes 10000,100000,1000000] [--repeat 3]

For each size (order ITEMS), a demo data set is generated once (cached under benchmarks/out/), then in
this one process: (1) appeal_assistant reads every file and computes all metrics and findings;
(2) DuckDB computes ODR (both channels, three components), late shipment rate (10/30 days) and the
pre-fulfilment cancel rate from the same files with SQL. Printed: both times, the ratio, peak RSS,
time per row, and whether the shared metrics agree.

Then, for the largest size, the read floor: how long the two fastest CSV readers here take just to load
the columns the analysis plans to read from every report file (the same plan `analyze` makes): DuckDB
into typed in-memory tables, and pyarrow as text. Printed as times and as ratios to the DuckDB reference
run, this is the part of the 1.5x budget that loading alone uses before any metric or finding.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent
ITEMS_PER_ORDER = 1.2  # the demo averages about 1.2 items per order


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _dataset(items: int) -> Path:
    """Generate (once, in a child process so its memory is not counted here) a demo data set."""
    from appeal_assistant.demo.generate import is_current_demo

    out = ROOT / "out" / f"items_{items}"
    if not is_current_demo(out):  # none yet, or written by an older demo generator
        subprocess.run(
            [
                sys.executable,
                "-m",
                "appeal_assistant.cli",
                "demo",
                "--out",
                str(out),
                "--orders",
                str(int(items / ITEMS_PER_ORDER)),
                "--seed",
                "7",
            ],
            check=True,
            capture_output=True,
        )
    return out


def _ours(folder: Path) -> tuple[float, dict[str, tuple[int, int]]]:
    from appeal_assistant.metrics.analyze import analyze_paths

    start = time.perf_counter()
    report = analyze_paths([folder])  # exactly what `appeal-assistant analyze` does
    elapsed = time.perf_counter() - start
    wanted = {
        "odr",
        "odr_negative_feedback",
        "odr_a_to_z_claims",
        "odr_chargebacks",
        "late_shipment_rate",
        "pre_fulfillment_cancel_rate",
    }
    figures = {m.key: (m.numerator, m.denominator) for m in report.metrics if m.id in wanted}
    return elapsed, figures


_SQL = """
WITH orders AS (
  SELECT "amazon-order-id" AS order_id,
         any_value(CAST(CAST("purchase-date" AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS DATE)) AS day,
         any_value(CASE WHEN "fulfillment-channel" = 'Merchant' THEN 'mfn' ELSE 'afn' END) AS channel,
         bool_and("order-status" = 'Cancelled') AS cancelled
  FROM read_csv('{orders}', delim='\t', header=true, all_varchar=true) GROUP BY 1),
ship AS (SELECT "order-id" AS order_id, CAST("expected-ship-date" AS DATE) AS expected,
                TRY_CAST(NULLIF("ship-date", '') AS DATE) AS shipped, "order-status" AS status,
                "cancelled-by" AS cancelled_by
         FROM read_csv('{shipments}', delim='\t', header=true, all_varchar=true)),
neg AS (SELECT DISTINCT "Order ID" AS order_id FROM read_csv('{feedback}', delim='\t', header=true, all_varchar=true)
        WHERE CAST("Rating" AS INT) <= 2),
cl AS (SELECT * FROM read_csv('{claims}', header=true, all_varchar=true)),
atoz AS (SELECT DISTINCT "order-id" AS order_id FROM cl
         WHERE "claim-type" = 'A-to-z Guarantee' AND status NOT IN ('Denied', 'Withdrawn')),
cb AS (SELECT DISTINCT "order-id" AS order_id FROM cl
       WHERE "claim-type" = 'Chargeback' AND "chargeback-category" = 'service'
         AND status NOT IN ('Denied', 'Withdrawn', 'Reversed')),
odr_base AS (
  SELECT o.channel, o.order_id IN (SELECT order_id FROM neg) AS n, o.order_id IN (SELECT order_id FROM atoz) AS a,
         o.order_id IN (SELECT order_id FROM cb) AS c
  FROM orders o WHERE NOT o.cancelled AND o.day BETWEEN DATE '{odr_from}' AND DATE '{as_of}')
SELECT 'odr|' || channel || '|60|' AS key, count(*) FILTER (WHERE n OR a OR c) AS num, count(*) AS den FROM odr_base GROUP BY channel
UNION ALL SELECT 'odr_negative_feedback|' || channel || '|60|', count(*) FILTER (WHERE n), count(*) FROM odr_base GROUP BY channel
UNION ALL SELECT 'odr_a_to_z_claims|' || channel || '|60|', count(*) FILTER (WHERE a), count(*) FROM odr_base GROUP BY channel
UNION ALL SELECT 'odr_chargebacks|' || channel || '|60|', count(*) FILTER (WHERE c), count(*) FROM odr_base GROUP BY channel
UNION ALL SELECT 'late_shipment_rate|mfn|' || w || '|', count(*) FILTER (WHERE (shipped IS NOT NULL AND shipped > expected)
          OR (shipped IS NULL AND expected < DATE '{as_of}')), count(*)
   FROM ship, (VALUES (10), (30)) t(w)
   WHERE status <> 'Cancelled' AND expected BETWEEN DATE '{as_of}' - (w - 1) AND DATE '{as_of}' GROUP BY w
UNION ALL SELECT 'pre_fulfillment_cancel_rate|mfn|7|',
   count(*) FILTER (WHERE o.cancelled AND coalesce(s.cancelled_by, '') <> 'buyer'), count(*)
   FROM orders o LEFT JOIN ship s USING (order_id)
   WHERE o.channel = 'mfn' AND o.day BETWEEN DATE '{as_of}' - 6 AND DATE '{as_of}'
"""


def _duckdb(folder: Path, as_of: date) -> tuple[float, dict[str, tuple[int, int]]]:
    import duckdb

    sql = _SQL.format(
        orders=folder / "all_orders.txt",
        shipments=folder / "shipments.tsv",
        feedback=folder / "feedback.txt",
        claims=folder / "claims.csv",
        odr_from=as_of - timedelta(days=59),
        as_of=as_of,
    )
    start = time.perf_counter()
    con = duckdb.connect()
    rows = con.execute(sql).fetchall()
    con.close()
    return time.perf_counter() - start, {str(k): (int(n), int(d)) for k, n, d in rows}


def _planned(folder: Path) -> list[tuple[Path, str, list[str]]]:
    """(file, delimiter, headers the analysis reads) for each delimited report file in ``folder``."""
    from appeal_assistant.errors import ReportFileError
    from appeal_assistant.metrics.analyze import ANALYSIS_COLUMNS
    from appeal_assistant.reports import parse_map_options
    from appeal_assistant.reports.detect import plan_columns
    from appeal_assistant.reports.sniff import decode_head, text_layout

    mapping = parse_map_options([], None).reading_only(ANALYSIS_COLUMNS)
    planned = []
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".txt", ".tsv", ".csv"):
            continue
        head = path.read_bytes()[: 1 << 16]
        try:
            encoding, text = decode_head(head, path.name, len(head) == path.stat().st_size)
            layout = text_layout(text, path.name, False, mapping, encoding)
            plan = plan_columns(path.name, layout.headers, mapping)
        except ReportFileError:
            continue  # a notice beside the reports
        planned.append((path, layout.delimiter, [m.header for m in plan.columns]))
    return planned


def _floor(folder: Path) -> tuple[float, float, int]:
    """Seconds for DuckDB (typed tables) and pyarrow (text) to load the planned columns; column count."""
    import duckdb
    import pyarrow as pa
    import pyarrow.csv as pacsv

    planned = _planned(folder)
    start = time.perf_counter()
    con = duckdb.connect()
    for i, (path, delimiter, headers) in enumerate(planned):
        columns = ", ".join('"' + h.replace('"', '""') + '"' for h in headers)
        con.execute(
            f"CREATE TABLE t{i} AS SELECT {columns} FROM read_csv('{path}', delim='{delimiter}', header=true)"
        )
    con.close()
    duck = time.perf_counter() - start
    start = time.perf_counter()
    for path, delimiter, headers in planned:
        pacsv.read_csv(
            path,
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                include_columns=headers, column_types={h: pa.large_string() for h in headers}
            ),
        )
    arrow = time.perf_counter() - start
    return duck, arrow, sum(len(h) for _, _, h in planned)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="order-item counts, comma separated")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per size, alternating ours and DuckDB; medians are shown"
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"(median of {args.repeat} alternating runs per size; min in brackets)")
    print(
        f"{'items':>9} {'ours s':>14} {'duckdb s':>14} {'ratio':>6} {'us/row':>7} {'peak RSS MB':>11} agree"
    )
    results = []
    for items in sizes:
        folder = _dataset(items)
        truth = json.loads((folder / "truth.json").read_text())
        as_of = date.fromisoformat(truth["as_of"])
        rows = truth["order_items"]
        ours_runs: list[float] = []
        duck_runs: list[float] = []
        for _ in range(max(1, args.repeat)):
            ours_one, ours = _ours(folder)
            duck_one, duck = _duckdb(folder, as_of)
            ours_runs.append(ours_one)
            duck_runs.append(duck_one)
        rss = _rss_mb()
        ours_s, duck_s = statistics.median(ours_runs), statistics.median(duck_runs)
        agree = all(ours.get(k) == v for k, v in duck.items()) and len(duck) == len(ours)
        ratio = ours_s / duck_s
        results.append(
            {
                "items": rows,
                "ours_s": ours_s,
                "duckdb_s": duck_s,
                "ours_runs_s": ours_runs,
                "duckdb_runs_s": duck_runs,
                "ratio": ratio,
                "peak_rss_mb": rss,
                "agree": agree,
            }
        )
        print(
            f"{rows:>9,} {ours_s:>6.2f} [{min(ours_runs):>5.2f}] {duck_s:>6.2f} [{min(duck_runs):>5.2f}] "
            f"{ratio:>6.2f} {ours_s / rows * 1e6:>7.2f} {rss:>11.0f} {'yes' if agree else 'NO'}"
        )
        if not agree:
            for key in sorted(set(duck) | set(ours)):
                if duck.get(key) != ours.get(key):
                    print(f"    {key}: ours {ours.get(key)} duckdb {duck.get(key)}")
    if results:
        folder = _dataset(sizes[-1])
        floors = [_floor(folder) for _ in range(max(1, args.repeat))]
        duck_load = statistics.median(f[0] for f in floors)
        arrow_load = statistics.median(f[1] for f in floors)
        reference = results[-1]["duckdb_s"]
        print(
            f"read floor at {results[-1]['items']:,} items ({floors[0][2]} planned columns): DuckDB loading "
            f"them {duck_load:.2f} s ({duck_load / reference:.2f}x its reference run), pyarrow reading "
            f"them as text {arrow_load:.2f} s ({arrow_load / reference:.2f}x); a 1.5x target leaves "
            f"{max(0.0, 1.5 * reference - duck_load):.2f} s after DuckDB's own load for every metric and finding"
        )
        results[-1].update({"floor_duckdb_load_s": duck_load, "floor_pyarrow_read_s": arrow_load})
    (ROOT / "out").mkdir(exist_ok=True)
    (ROOT / "out" / "analyze.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
