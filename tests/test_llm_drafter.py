"""The LLM drafter above the seam (FakeLLMClient): use, repair, fact check, placeholders and fallback."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from appeal_assistant.drafting.composer import compose_plan
from appeal_assistant.drafting.llm_drafter import draft_with_llm, plan_json, revise_with_llm
from appeal_assistant.errors import InputError, LLMError
from appeal_assistant.llm import FakeLLMClient
from appeal_assistant.models import (
    Channel,
    Finding,
    FindingKind,
    HealthReport,
    IssueKind,
    MetricResult,
    MetricStatus,
    Notice,
    NoticeIssue,
    NoticeStatus,
    PlanOfAction,
    Severity,
)

AS_OF = date(2026, 11, 16)
ANSWERS = {
    "lsr.root_cause": "our warehouse scanner failed for five days",
    "common.owner": "Dana Whitfield, our shipping lead",
}


def _report() -> HealthReport:
    metric = MetricResult(
        id="late_shipment_rate",
        channel=Channel.MFN,
        window_days=30,
        numerator=41,
        denominator=812,
        value=41 / 812,
        threshold=0.04,
        status=MetricStatus.BREACH,
        date_from=date(2026, 10, 18),
        date_to=AS_OF,
        label="Late Shipment Rate",
    )
    finding = Finding(
        id="status:late_shipment_rate:mfn:30",
        kind=FindingKind.BREACH,
        severity=Severity.HIGH,
        title="Late Shipment Rate (MFN, 30 days) is 5.05%, above its target",
        reason="41 of 812 between 2026-10-18 and 2026-11-16; target under 4.00%.",
        metric_id="late_shipment_rate",
        channel=Channel.MFN,
        issue=IssueKind.LATE_SHIPMENT_RATE,
    )
    return HealthReport(as_of=AS_OF, metrics=[metric], findings=[finding])


def _notice(extra: str = "") -> Notice:
    return Notice(
        status=NoticeStatus.AT_RISK,
        issues=[NoticeIssue(kind=IssueKind.LATE_SHIPMENT_RATE, evidence="Your Late Shipment Rate is 5.05%.")],
        notice_date=AS_OF,
        order_ids=["112-1234567-1234567"],
        asins=["B0CLOCK123"],
        text="Your Late Shipment Rate is 5.05%, above our 4% target. Example order 112-1234567-1234567 "
        "for ASIN B0CLOCK123." + extra,
    )


def _skeleton(answers: dict[str, str] | None = None) -> PlanOfAction:
    return compose_plan(_notice(), _report(), dict(ANSWERS if answers is None else answers))


def _reply(plan: PlanOfAction, edit: Callable[[dict[str, Any]], None] | None = None) -> str:
    """The plan as the model would return it, after ``edit`` changed its JSON."""
    body: dict[str, Any] = json.loads(plan_json(plan))
    if edit is not None:
        edit(body)
    return json.dumps(body)


def _root(body: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = body["sections"][0]["root_causes"][0]
    return item


def _reword(body: dict[str, Any]) -> None:
    _root(body)["text"] = _root(body)["text"].replace("Cause: Our", "This happened because our")


def _invent(body: dict[str, Any]) -> None:
    _reword(body)
    _root(body)["text"] += " Since then the rate fell to 12.5% and B0FAKE9999 is back in stock."


def test_good_reply_is_used_with_llm_engine_and_placeholders_kept() -> None:
    skeleton = _skeleton()
    client = FakeLLMClient([_reply(skeleton, _reword)], prompt_tokens=900, completion_tokens=300)
    outcome = draft_with_llm(_notice(), _report(), ANSWERS, client=client)
    assert outcome.used_llm and outcome.notes == []
    plan = outcome.plan
    assert plan.engine == "llm:fake/model"
    assert plan.sections[0].root_causes[0].text.startswith("Late Shipment Rate: 5.05%")
    assert "This happened because our warehouse scanner failed" in plan.sections[0].root_causes[0].text
    assert plan.missing == skeleton.missing and not plan.ready
    assert plan.sections[0].corrective_actions[0].placeholders == ["lsr.action"]
    assert (outcome.usage.calls, outcome.usage.prompt_tokens, outcome.usage.completion_tokens) == (
        1,
        900,
        300,
    )
    assert client.schemas[0] == PlanOfAction.model_json_schema()


def test_context_holds_the_case_and_the_skeleton() -> None:
    skeleton = _skeleton()
    client = FakeLLMClient([_reply(skeleton)])
    draft_with_llm(_notice(), _report(), ANSWERS, client=client)
    system, user = client.calls[0]
    assert system.role == "system" and "Facts come only from the case context" in system.content
    context = json.loads(user.content.split("```json\n", 1)[1].split("\n```", 1)[0])
    assert context["notice"]["asins"] == ["B0CLOCK123"]
    assert context["report"]["metrics"][0]["value"] == "5.05%"
    assert context["report"]["findings"][0]["id"] == "status:late_shipment_rate:mfn:30"
    assert context["answers"]["lsr.root_cause"] == ANSWERS["lsr.root_cause"]
    assert context["offline_draft"]["sections"][0]["issue"] == "late_shipment_rate"
    assert "[[what you have already done, and the date]]" in context["missing_facts"]


def test_dropped_placeholder_keeps_the_plan_not_ready() -> None:
    skeleton = _skeleton({"lsr.root_cause": ANSWERS["lsr.root_cause"]})

    def drop(body: dict[str, Any]) -> None:
        body["sections"][0]["corrective_actions"][0]["text"] = "We fixed the scanner."

    client = FakeLLMClient([_reply(skeleton, drop)])
    outcome = draft_with_llm(
        _notice(), _report(), {"lsr.root_cause": ANSWERS["lsr.root_cause"]}, client=client
    )
    assert outcome.used_llm and not outcome.plan.ready
    assert "lsr.action" in outcome.plan.missing
    assert any("left out 1 fact(s) still missing" in note for note in outcome.notes)


def test_references_to_unknown_facts_are_dropped() -> None:
    skeleton = _skeleton()

    def cite(body: dict[str, Any]) -> None:
        _root(body)["refs"] = [
            {"kind": "finding", "ref": "status:late_shipment_rate:mfn:30", "quote": "5.05%"},
            {"kind": "passage", "ref": "made-up#chunk", "quote": ""},
        ]

    outcome = draft_with_llm(_notice(), _report(), ANSWERS, client=FakeLLMClient([_reply(skeleton, cite)]))
    refs = outcome.plan.sections[0].root_causes[0].refs
    assert [(r.kind, r.ref) for r in refs] == [("finding", "status:late_shipment_rate:mfn:30")]
    assert "dropped 1 reference(s)" in outcome.notes[-1]


def test_invented_facts_are_repaired_when_the_second_reply_is_clean() -> None:
    skeleton = _skeleton()
    client = FakeLLMClient([_reply(skeleton, _invent), _reply(skeleton, _reword)])
    outcome = draft_with_llm(_notice(), _report(), ANSWERS, client=client)
    assert outcome.used_llm and outcome.plan.engine == "llm:fake/model"
    assert "12.5%" not in outcome.plan.sections[0].root_causes[0].text
    assert outcome.notes == [
        "the first LLM draft stated facts not found in the sources ['B0FAKE9999', '12.5%']; asked for a correction"
    ]
    repair = client.calls[1][-1].content
    assert repair.startswith(
        "Your previous reply could not be used: it states facts that are not in the case"
    )
    assert "- asin 'B0FAKE9999' is not in the case context" in repair
    assert "- percent '12.5%' is not in the case context" in repair


def test_invented_facts_twice_fall_back_to_the_offline_draft() -> None:
    skeleton = _skeleton()
    client = FakeLLMClient([_reply(skeleton, _invent), _reply(skeleton, _invent)])
    outcome = draft_with_llm(_notice(), _report(), ANSWERS, client=client)
    assert not outcome.used_llm
    assert outcome.plan.engine == "offline"
    assert outcome.plan.sections == skeleton.sections
    reason = (
        "LLM draft used facts not found in the sources ['B0FAKE9999', '12.5%'] even after one correction; "
        "showing the offline draft instead"
    )
    assert outcome.notes[-1] == reason and outcome.plan.notes[-1] == reason


def test_invented_name_is_caught() -> None:
    skeleton = _skeleton()

    def carrier(body: dict[str, Any]) -> None:
        _root(body)["text"] += " We now ship with Zephyr Freightways."

    client = FakeLLMClient([_reply(skeleton, carrier), _reply(skeleton, carrier)])
    outcome = draft_with_llm(_notice(), _report(), ANSWERS, client=client)
    assert not outcome.used_llm and "'Zephyr Freightways'" in outcome.notes[-1]


def test_other_sections_than_the_notice_issues_get_a_repair_then_fall_back() -> None:
    skeleton = _skeleton()

    def swap(body: dict[str, Any]) -> None:
        body["sections"][0]["issue"] = "order_defect_rate"

    client = FakeLLMClient([_reply(skeleton, swap), _reply(skeleton, swap)])
    outcome = draft_with_llm(_notice(), _report(), ANSWERS, client=client)
    assert "sections must cover exactly these issues" in client.calls[1][-1].content
    assert not outcome.used_llm
    assert outcome.notes[-1].startswith("LLM reply did not fit the plan format even after one repair")


def test_llm_error_falls_back_and_keeps_every_answer() -> None:
    answers = dict(ANSWERS)
    client = FakeLLMClient([LLMError("LLM call failed for every model ('openai/x': boom)")])
    outcome = draft_with_llm(_notice(), _report(), answers, client=client)
    assert not outcome.used_llm and outcome.plan.engine == "offline"
    assert outcome.notes == [
        "LLM unavailable; showing the offline draft instead (LLM call failed for every model ('openai/x': boom))"
    ]
    assert answers == ANSWERS
    text = " ".join(i.text for _, i in outcome.plan.sections[0].items())
    assert "Our warehouse scanner failed for five days" in text and ANSWERS["common.owner"] in text


def test_nothing_to_draft_sends_nothing() -> None:
    client = FakeLLMClient([])
    outcome = draft_with_llm(None, None, {}, client=client)
    assert not outcome.used_llm and client.calls == []
    assert "nothing was sent to the LLM" in outcome.notes[0]


def test_private_details_are_masked_but_case_ids_are_not() -> None:
    notice = _notice(
        " Buyer Jane Roe (jane.roe@example.com, +1 415-555-0132) of 12 Juniper Court complained."
    )
    answers = {**ANSWERS, "lsr.action": "we refunded the buyer to card 4111 1111 1111 1111 on 2026-11-18"}
    skeleton = compose_plan(notice, _report(), answers)
    masked_reply = _reply(skeleton).replace("4111 1111 1111 1111", "«CARD_1»")
    assert "4111" not in masked_reply
    client = FakeLLMClient([masked_reply])
    outcome = draft_with_llm(notice, _report(), answers, client=client)
    sent = "\n".join(m.content for call in client.calls for m in call)
    for value in (
        "Jane Roe",
        "jane.roe@example.com",
        "415-555-0132",
        "12 Juniper Court",
        "4111 1111 1111 1111",
    ):
        assert value not in sent
    for fact in ("112-1234567-1234567", "B0CLOCK123", "5.05%", "2026-11-18", "«CARD_1»", "«NAME_1»"):
        assert fact in sent
    # The card number the model saw as a token is back in the plan the seller gets.
    assert "4111 1111 1111 1111" in outcome.plan.sections[0].corrective_actions[0].text


def test_revise_uses_facts_from_the_instruction() -> None:
    plan = _skeleton()
    instruction = "Add that a second packer started on 2026-11-20."

    def add(body: dict[str, Any]) -> None:
        body["sections"][0]["preventive_measures"][0]["text"] += " A second packer started on 2026-11-20."

    client = FakeLLMClient([_reply(plan, add)])
    outcome = revise_with_llm(
        plan, instruction, client=client, notice=_notice(), report=_report(), answers=ANSWERS
    )
    assert outcome.used_llm
    assert outcome.plan.sections[0].preventive_measures[0].text.endswith("started on 2026-11-20.")
    assert outcome.plan.missing == plan.missing
    assert "Add that a second packer started on 2026-11-20." in client.calls[0][1].content


def test_revise_falls_back_to_the_unchanged_plan() -> None:
    plan = _skeleton()
    client = FakeLLMClient([_reply(plan, _invent), _reply(plan, _invent)])
    outcome = revise_with_llm(
        plan, "shorter", client=client, notice=_notice(), report=_report(), answers=ANSWERS
    )
    assert not outcome.used_llm
    assert outcome.plan.sections == plan.sections and outcome.plan.engine == plan.engine
    assert outcome.plan.notes[-1].endswith("showing the plan unchanged instead")


def test_revise_needs_an_instruction() -> None:
    with pytest.raises(InputError, match="instruction is empty"):
        revise_with_llm(_skeleton(), "  ", client=FakeLLMClient([]))
