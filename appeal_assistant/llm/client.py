"""The LLM seam: one protocol, one litellm-backed implementation, and the only import of litellm.

``LiteLLMClient`` calls any litellm model string (``openai/...``, ``anthropic/...``, ``ollama/...`` or an
OpenAI-compatible server through ``llm_api_base``), retries 429/5xx/timeouts with exponential backoff
(honouring ``Retry-After``), then tries each fallback model, and raises one :class:`LLMError` naming every
model and its cause. Keys come from the provider's usual environment variables (``OPENAI_API_KEY``...).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar, runtime_checkable

from appeal_assistant.config import Settings, apply_offline_env
from appeal_assistant.errors import LLMError

if TYPE_CHECKING:
    from types import ModuleType

__all__ = [
    "ChatMessage",
    "LLMClient",
    "LLMReply",
    "LiteLLMClient",
    "Usage",
    "get_client",
]

log = logging.getLogger(__name__)

Role = Literal["system", "user", "assistant"]
_T = TypeVar("_T")

#: HTTP statuses worth another try: request timeout, conflict, rate limit, and every server error.
_RETRY_STATUSES = frozenset({408, 409, 429})
_MAX_ERROR_CHARS = 160


@dataclass(frozen=True)
class ChatMessage:
    role: Role
    content: str

    def as_dict(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


@dataclass(frozen=True)
class LLMReply:
    """A model's answer and what it cost; token and cost figures are None when the provider gives none."""

    text: str
    model: str
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    cost_usd: float | None = None


@dataclass
class Usage:
    """Calls, tokens and cost summed over several replies (cost stays None until a reply reports one)."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float | None = None

    def add(self, reply: LLMReply) -> None:
        self.calls += 1
        self.prompt_tokens += reply.prompt_tokens or 0
        self.completion_tokens += reply.completion_tokens or 0
        if reply.cost_usd is not None:
            self.cost_usd = (self.cost_usd or 0.0) + reply.cost_usd


@runtime_checkable
class LLMClient(Protocol):
    """What the rest of the package needs from a language model."""

    def complete(
        self, messages: list[ChatMessage], *, json_schema: dict[str, object] | None = None
    ) -> LLMReply:
        """One reply; with ``json_schema`` the provider is asked for JSON of that shape (where it can)."""
        ...

    def stream(self, messages: list[ChatMessage]) -> Iterator[str]:
        """The reply's text in pieces as they arrive."""
        ...


def _litellm() -> ModuleType:
    """Import litellm without letting it fetch its cost map or print help banners."""
    apply_offline_env()
    import litellm

    litellm.suppress_debug_info = True
    return litellm


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= _MAX_ERROR_CHARS else text[: _MAX_ERROR_CHARS - 3] + "..."


def _provider(model: str) -> str:
    return model.split("/", 1)[0] if "/" in model else ""


class LiteLLMClient:
    """``LLMClient`` over litellm.completion with retries, backoff and fallback models."""

    def __init__(
        self,
        settings: Settings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        backoff_s: float = 1.0,
        max_backoff_s: float = 30.0,
    ) -> None:
        if not settings.llm_enabled:
            raise LLMError(
                f"LLM model is {settings.llm_model!r} (offline); set APPEAL_ASSISTANT_LLM_MODEL to a litellm "
                "model string such as 'openai/gpt-4o-mini' or 'ollama/llama3.1'"
            )
        self.settings = settings
        self.models = [settings.llm_model, *(m for m in settings.llm_fallback_models if m.strip())]
        self._sleep = sleep
        self._backoff_s = backoff_s
        self._max_backoff_s = max_backoff_s

    # ------------------------------------------------------------------ public surface

    def complete(
        self, messages: list[ChatMessage], *, json_schema: dict[str, object] | None = None
    ) -> LLMReply:
        """One reply from the first model that answers, after retries."""
        litellm = _litellm()
        payload = [m.as_dict() for m in messages]

        def call(model: str) -> LLMReply:
            kwargs = self._kwargs(model)
            if json_schema is not None:
                name = str(json_schema.get("title") or "reply")
                kwargs["response_format"] = {
                    "type": "json_schema",
                    "json_schema": {"name": name, "schema": json_schema, "strict": False},
                }
            response = litellm.completion(messages=payload, **kwargs)
            return _reply(litellm, response, model)

        return self._run(call)

    def stream(self, messages: list[ChatMessage]) -> Iterator[str]:
        """Text pieces as they arrive; retries and fallbacks apply until the first piece is received."""
        litellm = _litellm()
        payload = [m.as_dict() for m in messages]

        def open_stream(model: str) -> tuple[str, str, Iterator[object]]:
            response = litellm.completion(messages=payload, stream=True, **self._kwargs(model))
            chunks: Iterator[object] = iter(response)
            for chunk in chunks:  # read up to the first text so a failing start can still be retried
                text = _delta(chunk)
                if text:
                    return model, text, chunks
            return model, "", iter(())

        model, first, rest = self._run(open_stream)
        return self._continue(model, first, rest)

    # ------------------------------------------------------------------ internals

    def _kwargs(self, model: str) -> dict[str, object]:
        kwargs: dict[str, object] = {
            "model": model,
            "timeout": self.settings.llm_timeout_s,
            "max_retries": 0,  # retries are ours: one policy for every provider
            "num_retries": 0,
            "drop_params": True,  # a provider without response_format support still answers
        }
        # The api_base belongs to the primary model's provider (e.g. a local OpenAI-compatible server);
        # a fallback on another provider goes to that provider's own endpoint.
        base = self.settings.llm_api_base
        if base and _provider(model) == _provider(self.settings.llm_model):
            kwargs["api_base"] = base
        return kwargs

    def _continue(self, model: str, first: str, rest: Iterator[object]) -> Iterator[str]:
        from openai import OpenAIError

        sent = 0
        if first:
            sent += len(first)
            yield first
        try:
            for chunk in rest:
                text = _delta(chunk)
                if text:
                    sent += len(text)
                    yield text
        except OpenAIError as exc:
            raise LLMError(
                f"LLM stream from {model!r} broke after {sent} characters: {_one_line(exc)}; "
                "ask again or shorten the conversation"
            ) from exc

    def _run(self, call: Callable[[str], _T]) -> _T:
        """``call(model)`` with retries per model, then the next fallback; LLMError when all fail."""
        from openai import OpenAIError

        failures: list[str] = []
        last: BaseException | None = None
        for model in self.models:
            missing = _missing_keys(model)
            if missing:
                local = " (any value will do for a local server)" if "api_base" in self._kwargs(model) else ""
                failures.append(f"{model!r}: set {' and '.join(missing)} in the environment{local}")
                continue
            for attempt in range(self.settings.llm_max_retries + 1):
                try:
                    return call(model)
                except OpenAIError as exc:
                    last = exc
                    if not _retryable(exc) or attempt == self.settings.llm_max_retries:
                        failures.append(f"{model!r}: {_one_line(exc)}")
                        break
                    wait = self._wait(exc, attempt)
                    log.info(
                        "LLM %s failed (%s); retry %d in %.1fs", model, _one_line(exc), attempt + 1, wait
                    )
                    self._sleep(wait)
        tried = "; ".join(failures)
        raise LLMError(
            f"LLM call failed for every model ({tried}); check the model name, key and server, "
            "or set APPEAL_ASSISTANT_LLM_MODEL=offline"
        ) from last

    def _wait(self, exc: BaseException, attempt: int) -> float:
        after = _retry_after(exc)
        wait = after if after is not None else self._backoff_s * (2**attempt)
        return float(min(max(wait, 0.0), self._max_backoff_s))


def _reply(litellm: ModuleType, response: object, model: str) -> LLMReply:
    choices = getattr(response, "choices", None) or []
    message = getattr(choices[0], "message", None) if choices else None
    text = getattr(message, "content", None) or ""
    usage = getattr(response, "usage", None)
    prompt = getattr(usage, "prompt_tokens", None)
    completion = getattr(usage, "completion_tokens", None)
    if not prompt and not completion:  # litellm fills zeros when the server sent no usage: unknown
        prompt = completion = None
    cost: float | None
    try:
        cost = float(litellm.completion_cost(completion_response=response))
    except Exception:  # cost is best effort: litellm raises assorted errors for models it has no price for
        cost = None
    return LLMReply(
        text=str(text),
        model=model,
        prompt_tokens=int(prompt) if isinstance(prompt, int) else None,
        completion_tokens=int(completion) if isinstance(completion, int) else None,
        cost_usd=cost,
    )


def _delta(chunk: object) -> str:
    choices = getattr(chunk, "choices", None) or []
    delta = getattr(choices[0], "delta", None) if choices else None
    content = getattr(delta, "content", None)
    return content if isinstance(content, str) else ""


def _missing_keys(model: str) -> list[str]:
    """API-key variables the model's provider needs and the environment lacks."""
    litellm = _litellm()
    try:
        found = litellm.validate_environment(model=model)
    except Exception:  # an unknown provider is reported by the call itself, with litellm's own message
        return []
    missing = (found.get("missing_keys") or []) if isinstance(found, dict) else []
    return [str(k) for k in missing if str(k).endswith("_API_KEY")]


def _retryable(exc: BaseException) -> bool:
    from openai import APIConnectionError

    if isinstance(exc, APIConnectionError):  # includes timeouts
        return True
    status = getattr(exc, "status_code", None)
    return isinstance(status, int) and (status in _RETRY_STATUSES or status >= 500)


def _retry_after(exc: BaseException) -> float | None:
    """Seconds from a Retry-After header on the error, when the server sent one."""
    headers = getattr(exc, "litellm_response_headers", None)
    if headers is None:
        response = getattr(exc, "response", None)
        headers = getattr(response, "headers", None)
    if headers is None:
        return None
    value = headers.get("retry-after") or headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def get_client(settings: Settings) -> LLMClient | None:
    """The configured client, or None when the model is ``offline``; replies go through redaction."""
    if not settings.llm_enabled:
        return None
    from appeal_assistant.llm.guard import RedactingClient

    return RedactingClient(LiteLLMClient(settings))
