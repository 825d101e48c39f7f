"""Understanding a message with an LLM: one structured call validated against ``Understanding``.

The rules stay the fallback: an unavailable model, a reply that does not validate (after one repair),
or a reply that names a question the case does not have all end in the rules' reading. The message is
sent through the redacting client (buyer details masked) and is data to the model, never instructions.
"""

from __future__ import annotations

from appeal_assistant.chat.session import Understander
from appeal_assistant.chat.understand import ChatContext, Understanding, understand
from appeal_assistant.errors import LLMError
from appeal_assistant.llm.client import LLMClient
from appeal_assistant.llm.prompts import render_prompt
from appeal_assistant.llm.structured import complete_structured

__all__ = ["llm_understander"]


def _lines(pairs: list[tuple[str, str]]) -> str:
    return "\n".join(f"{k}: {v}" for k, v in pairs) or "(none)"


def llm_understander(client: LLMClient, *, notes: list[str] | None = None) -> Understander:
    """An understander that asks ``client`` first and falls back to the rules (saying why in ``notes``)."""
    said = notes if notes is not None else []

    def read(message: str, ctx: ChatContext) -> Understanding:
        rules = understand(message, ctx)
        if rules.intent == "off_topic":
            return rules  # an instruction aimed at the assistant never reaches a model
        known = set(ctx.questions)
        pending = ctx.pending or ""
        values = {
            "pending": f"{pending}: {ctx.questions[pending].ask}" if pending in ctx.questions else "(none)",
            "questions_text": _lines(
                [(q, ctx.questions[q].ask) for q in ctx.open_questions if q in ctx.questions]
            ),
            "answered_text": _lines(list(ctx.answered.items())),
            "versions": ", ".join(str(v) for v in ctx.versions) or "(none)",
            "message": message,
        }

        def check(u: Understanding) -> list[str]:
            unknown = sorted((set(u.answers) | set(u.skipped)) - known)
            return [f"question id {q!r} does not exist; use one of the listed ids" for q in unknown]

        try:
            understood, _ = complete_structured(
                client,
                render_prompt("chat_understand", values),
                Understanding,
                repair_message=lambda problems: (
                    f"Fix these problems and reply with the JSON object only:\n{problems}"
                ),
                check=check,
            )
        except LLMError as exc:
            said.append(f"understood by the rules ({exc})")
            return rules
        return understood

    return read
