"""The LLM layer: the only place litellm is imported (lazily, in :mod:`appeal_assistant.llm.client`).

Client seam and its litellm implementation, redaction of private details, strict prompt templates and
validated structured output. Nothing heavy happens on import.
"""

from __future__ import annotations

from appeal_assistant.llm.client import ChatMessage, LiteLLMClient, LLMClient, LLMReply, Usage, get_client
from appeal_assistant.llm.fake import FakeLLMClient
from appeal_assistant.llm.guard import RedactingClient, guarded, stream_reply
from appeal_assistant.llm.prompts import PromptTemplate, list_prompts, load_prompt, render_prompt
from appeal_assistant.llm.redact import Redactor
from appeal_assistant.llm.structured import complete_structured, parse_reply

__all__ = [
    "ChatMessage",
    "FakeLLMClient",
    "LLMClient",
    "LLMReply",
    "LiteLLMClient",
    "PromptTemplate",
    "RedactingClient",
    "Redactor",
    "Usage",
    "complete_structured",
    "get_client",
    "guarded",
    "list_prompts",
    "load_prompt",
    "parse_reply",
    "render_prompt",
    "stream_reply",
]
