"""A scripted stand-in for the LLM seam, for tests of code above it (like llm's MockModel)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from appeal_assistant.errors import LLMError
from appeal_assistant.llm.client import ChatMessage, LLMReply

__all__ = ["FakeLLMClient"]


class FakeLLMClient:
    """Answers with scripted replies in order (an ``LLMError`` in the script is raised) and records calls."""

    def __init__(
        self,
        replies: Iterable[str | LLMError] = (),
        *,
        model: str = "fake/model",
        chunk_size: int = 8,
        prompt_tokens: int | None = None,
        completion_tokens: int | None = None,
    ) -> None:
        self.model = model
        self.chunk_size = max(1, chunk_size)
        self.prompt_tokens = prompt_tokens
        self.completion_tokens = completion_tokens
        self._script: deque[str | LLMError] = deque(replies)
        self.calls: list[list[ChatMessage]] = []
        self.schemas: list[dict[str, object] | None] = []

    def add(self, *replies: str | LLMError) -> None:
        """Queue more replies."""
        self._script.extend(replies)

    @property
    def pending(self) -> int:
        return len(self._script)

    def _next(self, messages: list[ChatMessage]) -> str:
        self.calls.append(list(messages))
        if not self._script:
            raise LLMError(
                f"FakeLLMClient {self.model!r} has no scripted reply left (call {len(self.calls)})"
            )
        step = self._script.popleft()
        if isinstance(step, LLMError):
            raise step
        return step

    def complete(
        self, messages: list[ChatMessage], *, json_schema: dict[str, object] | None = None
    ) -> LLMReply:
        self.schemas.append(json_schema)
        text = self._next(messages)
        return LLMReply(
            text=text,
            model=self.model,
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
        )

    def stream(self, messages: list[ChatMessage]) -> Iterator[str]:
        self.schemas.append(None)
        text = self._next(messages)
        for i in range(0, len(text), self.chunk_size):
            yield text[i : i + self.chunk_size]
