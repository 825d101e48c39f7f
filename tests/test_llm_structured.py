"""Structured output: parsing, one repair round with the validation error, then LLMOutputError."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ConfigDict

from appeal_assistant.errors import LLMError, LLMOutputError
from appeal_assistant.llm import ChatMessage, FakeLLMClient, Usage, complete_structured, parse_reply


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verdict: str
    score: int


PROMPT = [ChatMessage("system", "Reply with JSON."), ChatMessage("user", "Judge it.")]


def _repair(problems: str) -> str:
    return f"Fix these:\n{problems}"


@pytest.mark.parametrize(
    "text",
    [
        '{"verdict": "ok", "score": 3}',
        '```json\n{"verdict": "ok", "score": 3}\n```',
        'Here you are:\n{"verdict": "ok", "score": 3}\nHope this helps.',
    ],
)
def test_parse_reply_reads_json_in_fences_or_prose(text: str) -> None:
    assert parse_reply(text, Answer) == Answer(verdict="ok", score=3)


def test_parse_reply_lists_each_problem_with_its_path() -> None:
    with pytest.raises(LLMOutputError) as caught:
        parse_reply('{"verdict": 1, "score": "many", "extra": true}', Answer)
    lines = str(caught.value).splitlines()
    assert any(line.startswith("- verdict:") for line in lines)
    assert any(line.startswith("- score:") for line in lines)
    assert any(line.startswith("- extra:") for line in lines)


def test_parse_reply_reports_broken_json() -> None:
    with pytest.raises(LLMOutputError, match=r"not valid JSON .* it began 'Sorry, I cannot'"):
        parse_reply("Sorry, I cannot", Answer)


def test_valid_first_reply_makes_one_call_and_sends_the_schema() -> None:
    client = FakeLLMClient(['{"verdict": "ok", "score": 3}'], prompt_tokens=10, completion_tokens=4)
    usage = Usage()
    value, reply = complete_structured(client, PROMPT, Answer, repair_message=_repair, usage=usage)
    assert value.score == 3 and reply.model == "fake/model"
    assert client.schemas == [Answer.model_json_schema()]
    assert (usage.calls, usage.prompt_tokens, usage.completion_tokens, usage.cost_usd) == (1, 10, 4, None)


def test_invalid_reply_is_sent_back_once_with_the_validation_error() -> None:
    client = FakeLLMClient(['{"verdict": "ok", "score": "high"}', '{"verdict": "ok", "score": 5}'])
    value, _ = complete_structured(client, PROMPT, Answer, repair_message=_repair)
    assert value.score == 5
    second = client.calls[1]
    assert second[:2] == PROMPT
    assert second[2] == ChatMessage("assistant", '{"verdict": "ok", "score": "high"}')
    assert second[3].role == "user" and second[3].content.startswith("Fix these:\n- score:")


def test_second_invalid_reply_raises_llm_output_error() -> None:
    client = FakeLLMClient(["not json", '{"verdict": "ok"}', '{"verdict": "ok", "score": 1}'])
    with pytest.raises(LLMOutputError, match=r"did not fit Answer after one repair \(fake/model\): - score"):
        complete_structured(client, PROMPT, Answer, repair_message=_repair)
    assert client.pending == 1  # no third attempt


def test_check_problems_get_the_same_single_repair() -> None:
    client = FakeLLMClient(['{"verdict": "", "score": 1}', '{"verdict": "fine", "score": 1}'])

    def check(answer: Answer) -> list[str]:
        return [] if answer.verdict else ["verdict must not be empty"]

    value, _ = complete_structured(client, PROMPT, Answer, repair_message=_repair, check=check)
    assert value.verdict == "fine"
    assert client.calls[1][-1].content == "Fix these:\n- verdict must not be empty"


def test_client_errors_pass_through_unchanged() -> None:
    client = FakeLLMClient([LLMError("server down")])
    with pytest.raises(LLMError, match="server down"):
        complete_structured(client, PROMPT, Answer, repair_message=_repair)
