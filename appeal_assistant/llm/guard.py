"""The privacy guard around any LLM client: every message is masked on the way out, every reply restored."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from appeal_assistant.llm.client import ChatMessage, LLMClient, LLMReply
from appeal_assistant.llm.redact import Redactor

__all__ = ["RedactingClient", "guarded", "stream_reply"]


class RedactingClient:
    """``LLMClient`` that masks private details before ``inner`` sees them and restores them in replies."""

    def __init__(self, inner: LLMClient, redactor: Redactor | None = None) -> None:
        self.inner = inner
        self.redactor = redactor or Redactor()

    def _mask(self, messages: list[ChatMessage]) -> list[ChatMessage]:
        masked = [ChatMessage(m.role, self.redactor.mask(m.content)) for m in messages]
        # Second pass: a value first revealed by a cue in a later message is masked in earlier ones too.
        return [ChatMessage(m.role, self.redactor.mask(m.content)) for m in masked]

    def complete(
        self, messages: list[ChatMessage], *, json_schema: dict[str, object] | None = None
    ) -> LLMReply:
        reply = self.inner.complete(self._mask(messages), json_schema=json_schema)
        # In a JSON reply a restored value must stay a valid JSON string (quotes, backslashes escaped).
        return replace(reply, text=self.redactor.restore(reply.text, json_escape=json_schema is not None))

    def stream(self, messages: list[ChatMessage]) -> Iterator[str]:
        buffer = ""
        for piece in self.inner.stream(self._mask(messages)):
            ready, buffer = self.redactor.split_ready(buffer + piece)
            if ready:
                yield self.redactor.restore(ready)
        if buffer:
            yield self.redactor.restore(buffer)


def guarded(client: LLMClient, redactor: Redactor | None = None) -> RedactingClient:
    """``client`` behind redaction (itself when it already is; ``redactor`` then must be None or its own)."""
    if isinstance(client, RedactingClient) and redactor in (None, client.redactor):
        return client
    return RedactingClient(client, redactor)


def stream_reply(
    client: LLMClient, messages: list[ChatMessage], *, redactor: Redactor | None = None
) -> Iterator[str]:
    """The chat's streaming helper: the reply in pieces, with private details masked out and back in."""
    return guarded(client, redactor).stream(messages)
