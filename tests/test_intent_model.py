"""The chat's intent model: its say over the rules (faked at the seam) and the real model (slow: ONNX)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from appeal_assistant.chat.intent_model import EXAMPLES_PATH, INTENTS, OVERRIDE
from appeal_assistant.chat.understand import ChatContext, understand, with_meaning
from appeal_assistant.drafting.composer import case_questions

CTX = ChatContext(
    questions=case_questions(None),
    pending="lsr.root_cause",
    open_questions=["lsr.root_cause", "lsr.action", "common.owner", "common.prevention_start"],
    answered={},
    versions=[1, 2, 3],
)


def _scorer(intent: str, p: float):  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def score(text: str) -> dict[str, float] | None:
        asked.append(text)
        return {k: (p if k == intent else (1 - p) / (len(INTENTS) - 1)) for k in INTENTS}

    return score, asked


def test_the_model_decides_only_where_the_rules_fall_back_to_an_answer() -> None:
    message = "labels were printed after the pickup"
    assert understand(message, CTX).intent == "answer"
    score, asked = _scorer("status", OVERRIDE + 0.1)
    assert with_meaning(scorer=score)(message, CTX).intent == "status"
    assert asked == [message]
    score, asked = _scorer("status", 0.99)
    assert with_meaning(scorer=score)("make it shorter", CTX).intent == "revise"  # the rules were sure
    assert asked == []


def test_an_unsure_or_missing_model_leaves_the_rules_reading() -> None:
    message = "labels were printed after the pickup"
    score, _ = _scorer("policy", OVERRIDE - 0.05)
    assert with_meaning(scorer=score)(message, CTX).intent == "answer"
    assert with_meaning(scorer=lambda _t: None)(message, CTX).intent == "answer"


def test_slots_of_a_model_intent_come_from_the_rules() -> None:
    score, _ = _scorer("revert", 0.9)
    got = with_meaning(scorer=score)("the one from before pls", CTX)
    assert got.intent == "revert" and got.revert_to == 2
    score, _ = _scorer("policy", 0.9)
    got = with_meaning(scorer=score)("tell me about late scans", CTX)
    assert got.intent == "policy" and got.policy_query == "tell me about late scans"
    statement = with_meaning(scorer=score)("our parcels wait a day for the first scan", CTX)
    assert statement.intent == "answer"  # a statement is never taken for a policy question


def test_the_examples_never_come_from_the_blind_part() -> None:
    ours = {
        t.strip().lower()
        for rows in yaml.safe_load(EXAMPLES_PATH.read_text(encoding="utf-8")).values()
        for t in rows
    }
    blind = Path(__file__).resolve().parent.parent / "evals" / "chat" / "blind"
    for path in blind.glob("*.yaml"):
        texts = {
            m["text"].strip().lower() for m in yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]
        }
        assert not ours & texts, path.name


@pytest.mark.slow
def test_the_real_model_reads_wordings_it_was_not_given() -> None:
    from appeal_assistant.chat.intent_model import intent_scores

    for message, intent in [
        ("how far off are we from sending this thing", "status"),
        ("could you turn it into a downloadable doc", "export"),
        ("give me the buyers' home addresses", "off_topic"),
    ]:
        scores = intent_scores(message)
        assert scores is not None and abs(sum(scores.values()) - 1) < 1e-6
        assert max(scores, key=lambda k: scores[k]) == intent, (message, scores)


def test_a_single_fact_goes_to_the_question_nearest_in_meaning() -> None:
    asked: list[tuple[str, str | None, str | None]] = []

    def router(text: str, candidates: dict[str, str], pending: str | None, chosen: str | None) -> str | None:
        asked.append((text, pending, chosen))
        assert "common.prevention_start" in candidates and "lsr.root_cause" in candidates
        return "lsr.action"

    quiet, _ = _scorer("answer", 0.9)
    read = with_meaning(scorer=quiet, router=router)
    got = read("the labels now print at 9 every morning", CTX)
    assert got.intent == "answer" and list(got.answers) == ["lsr.action"]
    assert asked and asked[0][1] == "lsr.root_cause"
    labelled = read("owner: Dana Reyes, operations manager", CTX)  # a label names its question: no routing
    assert list(labelled.answers) == ["common.owner"] and len(asked) == 1


def test_a_correction_stays_with_the_answer_it_corrects() -> None:
    ctx = ChatContext(
        questions=CTX.questions,
        pending=CTX.pending,
        open_questions=CTX.open_questions,
        answered={"common.prevention_start": "2026-03-03"},
        versions=CTX.versions,
    )
    quiet, _ = _scorer("answer", 0.9)
    read = with_meaning(scorer=quiet, router=lambda *_a: "lsr.action")
    assert read("actually it was the 5th not the 3rd", ctx).answers == {
        "common.prevention_start": "2026-03-05"
    }
