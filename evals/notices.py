"""Run the notice evaluation: per issue kind precision, recall and F1 over the fixture notices.

    python evals/notices.py [--cases tests/fixtures/notices] [--floor 0.9] [--json]

Exit code 0 when every kind reaches the floor and the field checks pass, 1 when not, 2 when the
cases cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from appeal_assistant.errors import EvalError
from appeal_assistant.evaluation.notice_eval import FIELD_FLOOR, KIND_FLOOR, evaluate_notices, format_report

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CASES = ROOT / "tests" / "fixtures" / "notices"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cases", type=Path, default=DEFAULT_CASES, help="folder of notices and .expected.json"
    )
    parser.add_argument(
        "--floor", type=float, default=KIND_FLOOR, help="minimum precision and recall per kind"
    )
    parser.add_argument(
        "--field-floor", type=float, default=FIELD_FLOOR, help="minimum share of field checks"
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    try:
        result = evaluate_notices(args.cases, floor=args.floor, field_floor=args.field_floor)
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(result.model_dump_json(indent=2) if args.json else format_report(result))
    return 0 if result.passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
