"""Whole conversations: a seller answers whatever the chat asks, in its order, until the draft is ready.

Each case starts from a notice (and, for the demo scenarios, the generated report files), asks its
questions one at a time, and gets the seller's facts as answers: the case's own answer file where it
has one, else the question's example answer. The conversation must end ready within one turn per
question, every answer must land on the question that was asked, and the final draft must pass the
reviewer (no blame, no placeholder, nothing critical) — what the seller would send.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from appeal_assistant.case.engines import OfflineEngine
from appeal_assistant.case.inputs import load_answers, load_inputs
from appeal_assistant.case.knowledge import NoPassages
from appeal_assistant.case.store import CaseStore
from appeal_assistant.case.workflow import Workflow
from appeal_assistant.chat.interview import next_question
from appeal_assistant.chat.session import ChatSession
from appeal_assistant.chat.understand import understand, with_meaning
from appeal_assistant.demo import DemoConfig, generate_demo
from appeal_assistant.drafting.composer import case_questions
from appeal_assistant.models import AskKind

CASES = Path(__file__).resolve().parents[1] / "evals" / "cases"
DEMO = {
    "carrier_disruption": "amazon-demo-carrier-disruption-full",
    "defective_batch": "amazon-demo-defective-batch-full",
    "stock_out": "amazon-demo-stock-out-full",
    "missing_tracking": "amazon-demo-missing-tracking-full",
}
NOTICE_ONLY = [
    "amazon-listing-variation-abuse",
    "amazon-recall-food-listeria-multi",
    "walmart-otd-cancellations",
]
_SPARE = {  # what a seller says to an ask of the notice that the answer file does not cover
    AskKind.DOCUMENT: "attached: the documents as asked, dated 2026-11-20",
    AskKind.STEP: "done on 2026-11-20, as the notice asks",
}


def _clock() -> datetime:
    return datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("chat_demo")
    generate_demo(out, DemoConfig(seed=7, orders=8000))
    return out


def _talk_until_ready(
    tmp_path: Path, notice: Path, reports: list[Path], facts: dict[str, str], *, meaning: bool = False
) -> ChatSession:
    workflow = Workflow(
        store=CaseStore(tmp_path / "c.sqlite3"), engine=OfflineEngine(), knowledge=NoPassages(), clock=_clock
    )
    created = workflow.new_case(load_inputs(notice=notice, reports=reports))
    assert created.case_id is not None
    chat = ChatSession(workflow, created.case_id, understander=with_meaning() if meaning else understand)
    turn = chat.opening()
    questions = case_questions(workflow.open(chat.case_id).notice)
    budget = len(turn.missing) + 12  # one turn per question, and the optional ones the answers unlock
    asked: list[str] = []
    while not turn.ready:
        case = workflow.open(chat.case_id)
        nxt = next_question(workflow.latest(case), case.notice, case.report, case.answers, chat.skipped)  # type: ignore[arg-type]
        assert nxt is not None, f"not ready and nothing to ask; missing {turn.missing}"
        assert nxt.id not in asked, f"{nxt.id} asked twice: the answer did not land ({turn.reply})"
        asked.append(nxt.id)
        question = questions[nxt.id]
        ask = next((a for a in (case.notice.asks if case.notice else []) if a.id == nxt.id), None)
        answer = (
            facts.get(nxt.id) or question.example or (_SPARE[ask.kind] if ask and ask.kind in _SPARE else "")
        )
        assert answer, f"no answer to give to {nxt.id}: {question.ask}"
        turn = chat.handle(answer)
        assert turn.intent == "answer", (nxt.id, answer, turn.intent, turn.reply)
        assert nxt.id in workflow.open(chat.case_id).answers, (nxt.id, answer, turn.reply)
        assert len(asked) <= budget, f"still not ready after {asked}"
    return chat


def _clean(chat: ChatSession) -> None:
    review = chat.workflow.review(chat.case_id)
    blocking = [p.message for p in review.problems if p.severity.value in ("critical", "high")]
    assert not blocking and review.placeholders == 0, blocking
    assert "blame" not in review.codes, [p.message for p in review.problems if p.code == "blame"]


@pytest.mark.slow
@pytest.mark.parametrize("scenario", sorted(DEMO))
def test_a_demo_case_reaches_ready_by_chat(scenario: str, demo: Path, tmp_path: Path) -> None:
    facts = load_answers(CASES / DEMO[scenario] / "answers.yaml")
    chat = _talk_until_ready(tmp_path, demo / f"notice_{scenario}.txt", [demo], facts)
    _clean(chat)


@pytest.mark.parametrize("case_id", NOTICE_ONLY)
def test_a_notice_case_reaches_ready_by_chat(case_id: str, tmp_path: Path) -> None:
    folder = CASES / case_id
    reports = [p for p in folder.iterdir() if p.suffix == ".csv"]
    chat = _talk_until_ready(
        tmp_path, next(folder.glob("notice.*")), reports, load_answers(folder / "answers.yaml")
    )
    _clean(chat)


@pytest.mark.slow
@pytest.mark.parametrize("case_id", NOTICE_ONLY)
def test_the_same_conversations_with_the_meaning_models(case_id: str, tmp_path: Path) -> None:
    """As the `chat` command runs: the intent model and routing by meaning beside the rules."""
    folder = CASES / case_id
    reports = [p for p in folder.iterdir() if p.suffix == ".csv"]
    facts = load_answers(folder / "answers.yaml")
    chat = _talk_until_ready(tmp_path, next(folder.glob("notice.*")), reports, facts, meaning=True)
    _clean(chat)
