"""A local OpenAI-compatible chat server for tests: real HTTP on 127.0.0.1, scripted replies, recorded bodies.

Usage::

    with FakeLLMServer() as server:
        server.reply('{"sections": []}', prompt_tokens=12, completion_tokens=5)
        server.error(429, retry_after=2)
        ...  # point litellm at server.api_base with model "openai/test-model"
        server.bodies  # every request body received, as sent

Each request to ``/v1/chat/completions`` (or ``/chat/completions``) takes the next scripted step;
when the script is empty the server answers 500 with "script exhausted", so a test that calls the model
more often than it planned fails loudly. Streaming requests (``"stream": true``) get server-sent events.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Literal

__all__ = ["FakeLLMServer", "Step"]

_PATHS = ("/v1/chat/completions", "/chat/completions")


@dataclass(frozen=True)
class Step:
    """One scripted answer: a reply, an HTTP error, a delay before replying, or a raw (broken) body."""

    kind: Literal["reply", "error", "raw"]
    text: str = ""
    status: int = 200
    retry_after: float | None = None
    delay_s: float = 0.0
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    chunk_size: int = 7


@dataclass
class _State:
    script: deque[Step] = field(default_factory=deque)
    bodies: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopping: threading.Event = field(default_factory=threading.Event)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        return

    def do_POST(self) -> None:
        state = self.server.state
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8")
        with state.lock:
            state.bodies.append(raw)
            state.paths.append(self.path)
            step = state.script.popleft() if state.script else None
        if self.path not in _PATHS:
            self._json(404, {"error": {"message": f"no route {self.path!r}", "type": "not_found"}})
            return
        if step is None:
            self._json(500, {"error": {"message": "script exhausted", "type": "server_error"}})
            return
        if step.delay_s and state.stopping.wait(step.delay_s):
            return  # the server is shutting down: drop the request
        try:
            request = json.loads(raw)
        except json.JSONDecodeError:
            self._json(400, {"error": {"message": "request body is not JSON", "type": "invalid_request"}})
            return
        model = str(request.get("model", "test-model"))
        if step.kind == "error":
            headers = {"Retry-After": f"{step.retry_after:g}"} if step.retry_after is not None else {}
            message = step.text or f"scripted error {step.status}"
            self._json(step.status, {"error": {"message": message, "type": "scripted"}}, headers)
        elif step.kind == "raw":
            self._send(200, step.text.encode("utf-8"), "application/json")
        elif request.get("stream"):
            self._stream(step, model)
        else:
            self._json(200, _completion(step, model))

    def _json(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(payload).encode("utf-8"), "application/json", headers)

    def _send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, step: Step, model: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        size = max(1, step.chunk_size)
        pieces = [step.text[i : i + size] for i in range(0, len(step.text), size)]
        for n, piece in enumerate(pieces):
            delta: dict[str, str] = {"content": piece}
            if n == 0:
                delta["role"] = "assistant"
            self._event(_chunk(model, delta, None))
        self._event(_chunk(model, {}, "stop"))
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()

    def _event(self, payload: dict[str, Any]) -> None:
        self.wfile.write(b"data: " + json.dumps(payload).encode("utf-8") + b"\n\n")
        self.wfile.flush()


def _completion(step: Step, model: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": step.text},
                "finish_reason": "stop",
            }
        ],
    }
    if step.prompt_tokens is not None and step.completion_tokens is not None:
        body["usage"] = {
            "prompt_tokens": step.prompt_tokens,
            "completion_tokens": step.completion_tokens,
            "total_tokens": step.prompt_tokens + step.completion_tokens,
        }
    return body


def _chunk(model: str, delta: dict[str, str], finish: str | None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "created": 1_700_000_000,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: _State


class FakeLLMServer:
    """Threaded HTTP server on 127.0.0.1 with a free port; use as a context manager or start()/stop()."""

    def __init__(self) -> None:
        self._state = _State()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeLLMServer:
        server = _Server(("127.0.0.1", 0), _Handler)
        server.state = self._state
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-llm-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._state.stopping.set()  # wake handlers waiting out a scripted delay
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None

    def __enter__(self) -> FakeLLMServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeLLMServer is not running; call start() first")
        return int(self._server.server_address[1])

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    # ------------------------------------------------------------------ script

    def reply(
        self,
        text: str,
        *,
        prompt_tokens: int | None = None,
        completion_tokens: int | None = None,
        delay_s: float = 0.0,
        chunk_size: int = 7,
    ) -> None:
        """Queue a successful reply (streamed in ``chunk_size`` pieces when the request streams)."""
        self._push(
            Step(
                "reply",
                text=text,
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
                delay_s=delay_s,
                chunk_size=chunk_size,
            )
        )

    def error(self, status: int, *, retry_after: float | None = None, message: str = "") -> None:
        """Queue an HTTP error response (e.g. 429 with Retry-After, 500)."""
        self._push(Step("error", text=message, status=status, retry_after=retry_after))

    def raw(self, body: str) -> None:
        """Queue a 200 response whose body is exactly ``body`` (e.g. broken JSON)."""
        self._push(Step("raw", text=body))

    def delay(self, seconds: float, text: str = "{}") -> None:
        """Queue a reply that only comes after ``seconds`` (for client timeouts)."""
        self._push(Step("reply", text=text, delay_s=seconds))

    def _push(self, step: Step) -> None:
        with self._state.lock:
            self._state.script.append(step)

    def reset(self) -> None:
        """Forget the script and the recorded requests (between tests sharing one server)."""
        with self._state.lock:
            self._state.script.clear()
            self._state.bodies.clear()
            self._state.paths.clear()

    # ------------------------------------------------------------------ what was received

    @property
    def bodies(self) -> list[str]:
        with self._state.lock:
            return list(self._state.bodies)

    @property
    def requests(self) -> list[dict[str, Any]]:
        """The request bodies parsed as JSON."""
        return [json.loads(body) for body in self.bodies]

    @property
    def pending(self) -> int:
        with self._state.lock:
            return len(self._state.script)

    def messages(self) -> Iterator[list[dict[str, Any]]]:
        """The ``messages`` list of every request, in order."""
        for request in self.requests:
            yield list(request.get("messages", []))
