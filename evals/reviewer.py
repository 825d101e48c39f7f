"""Run the reviewer against plans with known outcomes and the blame phrasing sets.

    python evals/reviewer.py [--part dev] [--part blind] [--details] [--rules-only]

Each part is scored apart; the blind part prints figures only unless --details is given. Exit code 0
when, in every part, every rejected plan scores below every accepted one, blame is found in at least
90% of the blame sentences and at most 10% of the owning sentences are flagged; 1 when not; 2 when the
material cannot be read.
"""

from __future__ import annotations

import argparse
import sys

from appeal_assistant.errors import EvalError
from appeal_assistant.evaluation.outcomes import evaluate_blame, evaluate_outcomes, outcomes_markdown

BLAME_RECALL_FLOOR = 0.9
FALSE_ALARM_CEILING = 0.1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", action="append", help="dev, blind (repeatable; default both)")
    parser.add_argument("--details", action="store_true", help="per-plan table for blind parts too")
    parser.add_argument("--rules-only", action="store_true", help="phrase rules only (no blame model)")
    args = parser.parse_args(argv)
    from appeal_assistant.drafting.blame_model import blame_scores

    scorer = None if args.rules_only else blame_scores
    failures: list[str] = []
    try:
        for part in args.part or ["dev", "blind"]:
            outcomes = evaluate_outcomes(part, scorer=scorer)
            blame = evaluate_blame(part, scorer=scorer)
            print(outcomes_markdown(outcomes, blame, details=args.details or part == "dev"))
            if not outcomes.separated:
                failures.append(f"{part}: a rejected plan scores at or above an accepted one")
            if blame.recall < BLAME_RECALL_FLOOR:
                failures.append(f"{part}: blame found in {blame.recall:.0%} of the blame sentences")
            if blame.false_alarm_rate > FALSE_ALARM_CEILING:
                failures.append(f"{part}: {blame.false_alarm_rate:.0%} of owning sentences flagged as blame")
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for line in failures:
        print(f"UNDER FLOOR: {line}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
