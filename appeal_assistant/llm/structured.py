"""Structured output: a reply must validate against a pydantic model; one repair round, then LLMOutputError."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from appeal_assistant.errors import LLMOutputError
from appeal_assistant.llm.client import ChatMessage, LLMClient, LLMReply, Usage

__all__ = ["complete_structured", "describe_validation_error", "parse_reply"]

M = TypeVar("M", bound=BaseModel)

_FENCE = re.compile(r"^\s*```(?:json|JSON)?\s*\n(.*?)\n\s*```\s*$", re.S)
_MAX_PROBLEMS = 12


def describe_validation_error(exc: ValidationError) -> str:
    """One line per problem, 'path: message', as the model is told in the repair round."""
    lines = []
    for err in exc.errors()[:_MAX_PROBLEMS]:
        path = ".".join(str(p) for p in err["loc"]) or "(top level)"
        lines.append(f"- {path}: {err['msg']}")
    if len(exc.errors()) > _MAX_PROBLEMS:
        lines.append(f"- ... and {len(exc.errors()) - _MAX_PROBLEMS} more")
    return "\n".join(lines)


def _json_text(text: str) -> str:
    """The JSON object inside a reply: code fences and prose around the outermost braces are dropped."""
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced.group(1)
    text = text.strip()
    if not text.startswith("{"):
        start, end = text.find("{"), text.rfind("}")
        if start != -1 and end > start:
            text = text[start : end + 1]
    return text


def parse_reply(text: str, output_type: type[M]) -> M:
    """Validate ``text`` as ``output_type``; LLMOutputError lists what is wrong, one problem a line."""
    body = _json_text(text)
    try:
        json.loads(body)
    except json.JSONDecodeError as exc:
        preview = " ".join(text.split())[:80]
        raise LLMOutputError(
            f"- the reply is not valid JSON ({exc.msg} at char {exc.pos}); it began {preview!r}"
        ) from exc
    try:
        return output_type.model_validate_json(body)
    except ValidationError as exc:
        raise LLMOutputError(describe_validation_error(exc)) from exc


def complete_structured(
    client: LLMClient,
    messages: list[ChatMessage],
    output_type: type[M],
    *,
    repair_message: Callable[[str], str],
    check: Callable[[M], list[str]] | None = None,
    usage: Usage | None = None,
) -> tuple[M, LLMReply]:
    """Ask for ``output_type`` (its JSON schema is sent); a failed parse or ``check`` gets one repair round.

    ``repair_message(problems)`` writes the follow-up user message from the list of problems; the model
    sees its own previous reply before it. Raises LLMOutputError when the repaired reply still fails.
    """
    schema = output_type.model_json_schema()

    def attempt(convo: list[ChatMessage]) -> tuple[M | None, LLMReply, str]:
        reply = client.complete(convo, json_schema=schema)
        if usage is not None:
            usage.add(reply)
        try:
            value = parse_reply(reply.text, output_type)
        except LLMOutputError as exc:
            return None, reply, str(exc)
        problems = check(value) if check is not None else []
        return (None if problems else value), reply, "\n".join(f"- {p}" for p in problems)

    value, reply, problems = attempt(messages)
    if value is not None:
        return value, reply
    repair = [
        *messages,
        ChatMessage("assistant", reply.text),
        ChatMessage("user", repair_message(problems)),
    ]
    value, reply, problems = attempt(repair)
    if value is not None:
        return value, reply
    raise LLMOutputError(
        f"the model's reply did not fit {output_type.__name__} after one repair ({reply.model}): "
        + " ".join(problems.split())[:300]
    )
