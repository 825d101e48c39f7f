"""Run the rubric evaluation: responses to real notices, judged as a consultant would.

    python evals/rubric.py [--part dev] [--part blind] [--details] [--json]

Each part is scored and printed apart. The blind part prints its figures only, unless --details is
given (reading a blind case's misses is tuning against it: say so when you do). Exit code 0 when every
part reaches the floors in evals/config.yaml (rubric:), 1 when not, 2 when the cases cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys

from appeal_assistant.errors import EvalError
from appeal_assistant.evaluation.rubric import evaluate_part, part_markdown, rubric_failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", action="append", help="dev, blind (repeatable; default both)")
    parser.add_argument("--details", action="store_true", help="per-case table for blind parts too")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    failures: list[str] = []
    out = []
    try:
        for part in args.part or ["dev", "blind"]:
            result = evaluate_part(part)
            failures += rubric_failures(result)
            if args.json:
                out.append(result.model_dump(mode="json"))
            else:
                print(part_markdown(result, details=args.details or part == "dev"))
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(out, indent=2))
    for line in failures:
        print(f"UNDER FLOOR: {line}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
