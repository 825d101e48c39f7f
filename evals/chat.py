"""Run the chat understanding evaluation (evals/chat/): share of messages understood, per part.

    python evals/chat.py [--part dev] [--part blind] [--details] [--floor 0.95] [--rules-only]

The blind part prints its figures only unless --details is given. Exit code 0 when every part reaches
the floor on intent and slots, 1 when not, 2 when the messages cannot be read.
"""

from __future__ import annotations

import argparse
import sys

from appeal_assistant.errors import EvalError
from appeal_assistant.evaluation.chat_eval import chat_markdown, evaluate_chat


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", action="append", help="dev, blind (repeatable; default both)")
    parser.add_argument("--details", action="store_true", help="list every miss, blind parts too")
    parser.add_argument("--floor", type=float, default=0.95, help="minimum share right on intent and slots")
    parser.add_argument("--rules-only", action="store_true", help="the rules alone (no intent model)")
    args = parser.parse_args(argv)
    from appeal_assistant.chat.understand import understand, with_meaning

    understander = understand if args.rules_only else with_meaning()
    failed = []
    try:
        for part in args.part or ["dev", "blind"]:
            result = evaluate_chat(part, understander=understander)
            print(chat_markdown(result, details=args.details or part == "dev"))
            if result.slots_rate < args.floor:
                failed.append(f"{part}: {result.slots_rate:.1%} right on intent and slots < {args.floor:.0%}")
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for line in failed:
        print(f"UNDER FLOOR: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
