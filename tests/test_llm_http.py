"""The LLM layer over real HTTP: litellm against the local OpenAI-compatible test server on 127.0.0.1."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from llm_server import FakeLLMServer

from appeal_assistant.config import Settings
from appeal_assistant.demo import DemoConfig, generate_demo
from appeal_assistant.drafting.composer import compose_plan
from appeal_assistant.drafting.llm_drafter import draft_with_llm, plan_json, revise_with_llm
from appeal_assistant.errors import LLMError
from appeal_assistant.llm import ChatMessage, LiteLLMClient, get_client, stream_reply
from appeal_assistant.metrics.analyze import analyze_paths
from appeal_assistant.models import HealthReport, IssueKind, Notice, NoticeIssue, NoticeStatus, PlanOfAction

pytestmark = pytest.mark.filterwarnings("ignore:Item .* is using the `ReadOnly` qualifier:UserWarning")


@dataclass(frozen=True)
class Case:
    notice: Notice
    report: HealthReport
    answers: dict[str, str]
    pii: dict[str, list[str]]
    planted: list[str]

    def skeleton(self) -> PlanOfAction:
        return compose_plan(self.notice, self.report, self.answers)


@pytest.fixture(scope="module")
def server() -> Iterator[FakeLLMServer]:
    with FakeLLMServer() as running:
        yield running


@pytest.fixture(autouse=True)
def _fresh(server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch) -> None:
    server.reset()
    monkeypatch.setenv("OPENAI_API_KEY", "sk-local-test-not-a-key")


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Case:
    """A demo seller (buyer data in its files), its analysed report, and a notice and answers quoting buyers."""
    out = tmp_path_factory.mktemp("demo")
    demo = generate_demo(out, DemoConfig(orders=300))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = analyze_paths([out])
    names, emails, phones, streets = (demo.pii[k] for k in ("names", "emails", "phones", "streets"))
    card = "4111 1111 1111 1111"
    text = (out / "notice_carrier_disruption.txt").read_text(encoding="utf-8")
    text += (
        f"\nBuyer {names[0]} ({emails[0]}, {phones[0]}) of {streets[0]} reported order "
        "002-0012515-4037785 as not received.\n"
    )
    notice = Notice(
        status=NoticeStatus.DEACTIVATED,
        issues=[
            NoticeIssue(kind=IssueKind.LATE_SHIPMENT_RATE, evidence="Late Shipment Rate (30 days): 8.16%.")
        ],
        order_ids=["002-0012515-4037785"],
        notice_date=date(2026, 11, 16),
        text=text,
    )
    answers = {
        "lsr.carrier_cause": f"the carrier missed our pickups from 27 October; customer {names[1]} "
        f"called from {phones[1]} and we refunded card {card}",
        "common.owner": f"our shipping lead, reachable at {emails[1]} or {streets[1]}",
    }
    planted = [names[0], emails[0], phones[0], streets[0], names[1], phones[1], card, emails[1], streets[1]]
    return Case(notice, report, answers, demo.pii, planted)


def _client(server: FakeLLMServer, waits: list[float] | None = None, **settings: Any) -> LiteLLMClient:
    values: dict[str, Any] = {
        "llm_model": "openai/test-model",
        "llm_api_base": server.api_base,
        "llm_timeout_s": 10.0,
        "llm_max_retries": 2,
        **settings,
    }
    sleep: Callable[[float], None] = waits.append if waits is not None else (lambda _s: None)
    return LiteLLMClient(Settings(**values), sleep=sleep)


def _good(case: Case) -> str:
    body: dict[str, Any] = json.loads(plan_json(case.skeleton()))
    cause = body["sections"][0]["root_causes"][0]
    cause["text"] = cause["text"].replace("Cause:", "What went wrong:")
    return json.dumps(body)


def _invented(case: Case) -> str:
    body: dict[str, Any] = json.loads(_good(case))
    body["sections"][0]["root_causes"][0]["text"] += " Our rate is now 37.9% and B0INVENT99 is fixed."
    return json.dumps(body)


def test_good_reply_is_used(server: FakeLLMServer, case: Case) -> None:
    server.reply(_good(case), prompt_tokens=5000, completion_tokens=900)
    outcome = draft_with_llm(case.notice, case.report, case.answers, client=_client(server))
    assert outcome.used_llm and outcome.plan.engine == "llm:openai/test-model"
    assert "What went wrong:" in outcome.plan.sections[0].root_causes[0].text
    assert (outcome.usage.prompt_tokens, outcome.usage.completion_tokens) == (5000, 900)
    (request,) = server.requests
    assert request["model"] == "test-model"
    assert request["response_format"]["json_schema"]["schema"] == PlanOfAction.model_json_schema()
    assert [m["role"] for m in request["messages"]] == ["system", "user"]


def test_invented_figures_are_repaired(server: FakeLLMServer, case: Case) -> None:
    server.reply(_invented(case))
    server.reply(_good(case))
    outcome = draft_with_llm(case.notice, case.report, case.answers, client=_client(server))
    assert outcome.used_llm and "B0INVENT99" not in outcome.plan.sections[0].root_causes[0].text
    second = server.requests[1]["messages"]
    assert [m["role"] for m in second] == ["system", "user", "assistant", "user"]
    assert "- asin 'B0INVENT99' is not in the case context" in second[3]["content"]


def test_invented_figures_twice_are_replaced_by_the_offline_draft(server: FakeLLMServer, case: Case) -> None:
    server.reply(_invented(case))
    server.reply(_invented(case))
    outcome = draft_with_llm(case.notice, case.report, case.answers, client=_client(server))
    assert not outcome.used_llm and outcome.plan.engine == "offline"
    assert "['B0INVENT99', '37.9%']" in outcome.notes[-1]
    assert outcome.notes[-1].endswith("showing the offline draft instead")


def test_invalid_json_reply_is_repaired(server: FakeLLMServer, case: Case) -> None:
    server.reply("Here is the plan: {sections: oops")
    server.reply(_good(case))
    outcome = draft_with_llm(case.notice, case.report, case.answers, client=_client(server))
    assert outcome.used_llm
    assert "the reply is not valid JSON" in server.requests[1]["messages"][-1]["content"]


@pytest.mark.parametrize(
    ("fail", "expected_wait"),
    [
        (lambda s: s.error(500), 1.0),
        (lambda s: s.error(503), 1.0),
        (lambda s: s.error(429, retry_after=2), 2.0),
        (lambda s: s.raw("this is not JSON {"), 1.0),
    ],
    ids=["500", "503", "429-retry-after", "broken-body"],
)
def test_transient_failures_are_retried(
    server: FakeLLMServer, case: Case, fail: Callable[[FakeLLMServer], None], expected_wait: float
) -> None:
    fail(server)
    server.reply(_good(case))
    waits: list[float] = []
    outcome = draft_with_llm(case.notice, case.report, case.answers, client=_client(server, waits))
    assert outcome.used_llm and len(server.bodies) == 2
    assert waits == [expected_wait]


def test_backoff_doubles_until_retries_run_out(server: FakeLLMServer) -> None:
    for _ in range(3):
        server.error(500)
    waits: list[float] = []
    with pytest.raises(LLMError, match=r"failed for every model \('openai/test-model': .*500"):
        _client(server, waits).complete([ChatMessage("user", "hi")])
    assert waits == [1.0, 2.0] and len(server.bodies) == 3


def test_timeout_falls_back_with_a_note(server: FakeLLMServer, case: Case) -> None:
    server.delay(30)
    server.delay(30)
    client = _client(server, llm_timeout_s=0.3, llm_max_retries=1)
    outcome = draft_with_llm(case.notice, case.report, case.answers, client=client)
    assert not outcome.used_llm and len(server.bodies) == 2
    assert outcome.notes[-1].startswith("LLM unavailable; showing the offline draft instead (LLM call failed")
    assert "Timeout" in outcome.notes[-1] or "timed out" in outcome.notes[-1]


def test_fallback_model_answers_when_the_primary_keeps_failing(server: FakeLLMServer, case: Case) -> None:
    server.error(500)
    server.error(500)
    server.reply(_good(case))
    client = _client(server, llm_max_retries=1, llm_fallback_models=["openai/backup-model"])
    outcome = draft_with_llm(case.notice, case.report, case.answers, client=client)
    assert outcome.used_llm and outcome.plan.engine == "llm:openai/backup-model"
    assert [r["model"] for r in server.requests] == ["test-model", "test-model", "backup-model"]


def test_client_errors_skip_retries_and_the_message_names_every_model(server: FakeLLMServer) -> None:
    server.error(400, message="bad request: context too long")
    server.error(401, message="invalid key")
    waits: list[float] = []
    client = _client(server, waits, llm_fallback_models=["openai/backup-model"])
    with pytest.raises(LLMError) as caught:
        client.complete([ChatMessage("user", "hi")])
    message = str(caught.value)
    assert "'openai/test-model': " in message and "context too long" in message
    assert "'openai/backup-model': " in message and "invalid key" in message
    assert waits == [] and len(server.bodies) == 2


def test_missing_api_key_is_named_without_a_request(
    server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY")
    with pytest.raises(
        LLMError,
        match=r"'openai/test-model': set OPENAI_API_KEY in the environment \(any value will do for a local server\)",
    ):
        _client(server).complete([ChatMessage("user", "hi")])
    assert server.bodies == []


def test_streaming_yields_the_chunks_in_order(server: FakeLLMServer) -> None:
    text = "Your plan is ready. We wrote to «EMAIL_1» about it; nothing else is needed today."
    server.reply(text, chunk_size=4)
    settings = Settings(llm_model="openai/test-model", llm_api_base=server.api_base, llm_timeout_s=10.0)
    client = get_client(settings)
    assert client is not None
    pieces = list(stream_reply(client, [ChatMessage("user", "Did you reach the buyer at pat@example.org?")]))
    assert len(pieces) > 10
    assert "".join(pieces) == text.replace("«EMAIL_1»", "pat@example.org")
    (request,) = server.requests
    assert request["stream"] is True
    assert "pat@example.org" not in server.bodies[0] and "«EMAIL_1»" in request["messages"][0]["content"]


def test_stream_errors_before_the_first_chunk_are_retried(server: FakeLLMServer) -> None:
    server.error(500)
    server.reply("hello there", chunk_size=3)
    pieces = list(_client(server).stream([ChatMessage("user", "hi")]))
    assert "".join(pieces) == "hello there" and len(server.bodies) == 2


def test_tokens_and_cost_are_reported_when_known(server: FakeLLMServer) -> None:
    server.reply("ok", prompt_tokens=1000, completion_tokens=300)
    server.reply("ok", prompt_tokens=1000, completion_tokens=300)
    server.reply("ok")
    unknown = _client(server).complete([ChatMessage("user", "hi")])
    assert (unknown.prompt_tokens, unknown.completion_tokens, unknown.cost_usd) == (1000, 300, None)
    priced = _client(server, llm_model="openai/gpt-4o-mini").complete([ChatMessage("user", "hi")])
    assert priced.model == "openai/gpt-4o-mini" and priced.cost_usd is not None and priced.cost_usd > 0
    bare = _client(server).complete([ChatMessage("user", "hi")])
    assert (bare.prompt_tokens, bare.completion_tokens, bare.cost_usd) == (None, None, None)


def test_offline_settings_give_no_client() -> None:
    assert get_client(Settings(llm_model="offline")) is None
    with pytest.raises(LLMError, match="offline"):
        LiteLLMClient(Settings(llm_model="offline"))


def _escaped(value: str) -> str:
    return json.dumps(value)[1:-1]


def test_request_bodies_hold_no_buyer_or_private_data(server: FakeLLMServer, case: Case) -> None:
    """Draft (with a fact repair), revise and chat; no body may hold demo buyer data or a planted value."""
    client = _client(server)
    server.reply(_invented(case))
    server.reply(_good(case).replace("What went wrong:", "What went wrong (reported by «NAME_1»):"))
    drafted = draft_with_llm(case.notice, case.report, case.answers, client=client)
    assert drafted.used_llm
    server.reply(plan_json(drafted.plan))
    revised = revise_with_llm(
        drafted.plan,
        "Shorter please; the buyer's address is 5 Saltmarsh Drive.",
        client=client,
        notice=case.notice,
        report=case.report,
        answers=case.answers,
    )
    assert revised.used_llm
    server.reply("Noted.")
    chat = [ChatMessage("user", f"Should I name the buyer {case.planted[0]} ({case.planted[1]})?")]
    assert "".join(stream_reply(client, chat)) == "Noted."
    bodies = server.bodies
    assert len(bodies) == 4
    joined = "\n".join(bodies)
    assert re.search(r"«(EMAIL|PHONE|ADDRESS|NAME|CARD)_\d+»", joined)
    assert "002-0012515-4037785" in joined  # the case's own ids stay readable
    leaked = [v for v in [*case.planted, "5 Saltmarsh Drive"] if v in joined or _escaped(v) in joined]
    assert leaked == []
    demo_values = [v for key in ("names", "emails", "phones", "streets", "notes") for v in case.pii[key]]
    assert len(demo_values) > 500
    leaked = [v for v in set(demo_values) if v in joined or _escaped(v) in joined]
    assert leaked == []
    # The token the model echoed comes back as the buyer's name in the seller's copy.
    assert case.planted[0] in drafted.plan.sections[0].root_causes[0].text


def test_server_records_paths_and_stops_cleanly(tmp_path: Path) -> None:
    with FakeLLMServer() as local:
        local.reply("x")
        assert local.pending == 1
        port = local.port
    with pytest.raises(RuntimeError, match="not running"):
        _ = local.port
    assert port > 0
