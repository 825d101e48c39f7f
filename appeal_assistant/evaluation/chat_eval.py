"""The chat understanding evaluation: seller messages with their meaning (evals/chat/), scored per part.

A message is right on intent when the understanding's main intent matches, and right on slots when,
besides, the question ids it answers, the revision word, the version numbers, the revert target and
the export format match what the file says.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from appeal_assistant.chat.understand import ChatContext, Intent, Understanding, understand
from appeal_assistant.errors import EvalError

__all__ = ["ChatPartResult", "chat_markdown", "evaluate_chat"]

ROOT = Path(__file__).resolve().parents[2]
CHAT_DIR = ROOT / "evals" / "chat"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Expected(_Strict):
    text: str
    intent: Intent
    answers: list[str] | None = None
    revise: str | None = None
    show: str | None = None
    versions: list[int] | None = None
    revert_to: int | None = None
    export_format: str | None = None


class Context(_Strict):
    notice: str
    pending: str | None = None
    answered: dict[str, str] = Field(default_factory=dict)
    versions: list[int] = Field(default_factory=lambda: [1])


class Scenario(_Strict):
    context: Context
    messages: list[Expected]


class MessageResult(BaseModel):
    file: str
    text: str
    expected: str
    got: str
    intent_ok: bool
    slots_ok: bool
    reason: str = ""


class ChatPartResult(BaseModel):
    part: str
    results: list[MessageResult]
    intent_rate: float
    slots_rate: float
    per_intent: dict[str, tuple[int, int]]


@cache
def _open_questions(notice_path: str, answered: tuple[tuple[str, str], ...]) -> tuple[list[str], object]:
    from appeal_assistant.drafting.composer import compose_plan, optional_questions, pending_questions
    from appeal_assistant.notice import read_notice

    notice = read_notice(ROOT / notice_path)
    plan = compose_plan(notice, None, dict(answered))
    return [*pending_questions(plan), *optional_questions(plan, dict(answered))], notice


def _context(ctx: Context) -> ChatContext:
    from appeal_assistant.drafting.composer import case_questions
    from appeal_assistant.models import Notice

    if not (ROOT / ctx.notice).is_file():
        raise EvalError(f"chat context names a notice that does not exist: {ctx.notice!r}")
    open_ids, notice = _open_questions(ctx.notice, tuple(sorted(ctx.answered.items())))
    assert isinstance(notice, Notice)
    return ChatContext(
        questions=case_questions(notice),
        pending=ctx.pending,
        open_questions=open_ids,
        answered=ctx.answered,
        versions=ctx.versions,
    )


def _judge(exp: Expected, got: Understanding) -> tuple[bool, bool, str]:
    if got.intent != exp.intent:
        return False, False, f"intent {got.intent!r}"
    problems = []
    if exp.answers is not None and sorted(got.answers) != sorted(exp.answers):
        problems.append(f"answers {sorted(got.answers)}")
    if exp.revise is not None and (got.revise is None or exp.revise.lower() not in got.revise.lower()):
        problems.append(f"revise {got.revise!r}")
    if exp.show is not None and got.show != exp.show:
        problems.append(f"show {got.show!r}")
    if exp.versions is not None and got.versions != exp.versions:
        problems.append(f"versions {got.versions}")
    if exp.revert_to is not None and got.revert_to != exp.revert_to:
        problems.append(f"revert_to {got.revert_to}")
    if exp.export_format is not None and got.export_format != exp.export_format:
        problems.append(f"export {got.export_format!r}")
    return True, not problems, "; ".join(problems)


def evaluate_chat(
    part: str,
    *,
    folder: Path = CHAT_DIR,
    understander: Callable[[str, ChatContext], Understanding] = understand,
) -> ChatPartResult:
    root = folder / part
    files = sorted(root.glob("*.yaml"))
    if not files:
        raise EvalError(f"no chat messages under {str(root)!r}")
    results: list[MessageResult] = []
    for path in files:
        try:
            scenario = Scenario.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        except (yaml.YAMLError, ValidationError) as exc:
            raise EvalError(f"chat file {path.name!r} is malformed: {exc}") from exc
        ctx = _context(scenario.context)
        for exp in scenario.messages:
            got = understander(exp.text, ctx)
            intent_ok, slots_ok, reason = _judge(exp, got)
            results.append(
                MessageResult(
                    file=path.name,
                    text=exp.text,
                    expected=exp.intent,
                    got=got.intent,
                    intent_ok=intent_ok,
                    slots_ok=slots_ok,
                    reason=reason,
                )
            )
    per: dict[str, list[int]] = {}
    for r in results:
        hit = per.setdefault(r.expected, [0, 0])
        hit[0] += r.slots_ok
        hit[1] += 1
    n = len(results)
    return ChatPartResult(
        part=part,
        results=results,
        intent_rate=sum(r.intent_ok for r in results) / n,
        slots_rate=sum(r.slots_ok for r in results) / n,
        per_intent={k: (v[0], v[1]) for k, v in sorted(per.items())},
    )


def chat_markdown(result: ChatPartResult, *, details: bool = True) -> str:
    lines = [
        f"## Chat understanding: {result.part} ({len(result.results)} messages)",
        "",
        f"- right intent: {result.intent_rate:.1%}; right intent and slots: {result.slots_rate:.1%}",
        "- per intent (right / total): "
        + ", ".join(f"{k} {a}/{b}" for k, (a, b) in result.per_intent.items()),
        "",
    ]
    if details:
        wrong = [r for r in result.results if not r.slots_ok]
        lines += [f"- {r.file}: {r.text!r} -> expected {r.expected}, got {r.got} {r.reason}" for r in wrong]
    return "\n".join(lines) + "\n"
