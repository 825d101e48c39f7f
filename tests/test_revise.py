"""Offline revisions: each kind returns a new plan, changes what it says, and refuses what it cannot do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from appeal_assistant.drafting.composer import compose_plan
from appeal_assistant.drafting.render import plan_stats, render_text
from appeal_assistant.drafting.reviewer import review_plan
from appeal_assistant.drafting.revise import RevisionRequest, parse_instruction, revise_plan
from appeal_assistant.errors import InputError
from appeal_assistant.models import HealthReport, IssueKind, Notice, PlanItem, PlanOfAction, PlanPart

PLANS = Path(__file__).resolve().parent / "fixtures" / "plans"
Case = tuple[Notice, HealthReport, dict[str, str]]


@pytest.fixture(scope="module")
def case() -> Case:
    data = json.loads((PLANS / "lsr_case.json").read_text(encoding="utf-8"))
    return Notice.model_validate(data["notice"]), HealthReport.model_validate(data["report"]), data["answers"]


@pytest.fixture()
def draft(case: Case) -> PlanOfAction:
    notice, report, answers = case
    return compose_plan(notice, report, answers)


def _words(plan: PlanOfAction) -> int:
    return int(plan_stats(render_text(plan))["words"])


def _revise(plan: PlanOfAction, instruction: str | RevisionRequest, case: Case) -> PlanOfAction:
    notice, report, answers = case
    before = plan.model_dump()
    new = revise_plan(plan, instruction, notice=notice, report=report, answers=answers)
    assert new is not plan and new != plan
    assert plan.model_dump() == before  # the input is never changed
    return new


@pytest.mark.parametrize(
    ("instruction", "kind"),
    [
        ("shorter", "shorter"),
        ("Make it shorter.", "shorter"),
        ("please shorten the plan", "shorter"),
        ("cut it down", "shorter"),
        ("this is too long", "shorter"),
        ("more detail on the root cause", "more_detail"),
        ("Give more details about corrective actions", "more_detail"),
        ("expand on late shipments", "more_detail"),
        ("add fact: we retrained two packers", "add_fact"),
        ("add to corrective actions: we retrained two packers", "add_fact"),
        ("mention that we retrained two packers", "add_fact"),
        ("remove: which collect daily", "remove"),
        ("delete the sentence about handling time", "remove"),
        ("more formal", "more_formal"),
        ("make the tone more professional", "more_formal"),
    ],
)
def test_instructions_are_understood(instruction: str, kind: str) -> None:
    assert parse_instruction(instruction).kind == kind


def test_instruction_targets_name_parts_and_issues() -> None:
    req = parse_instruction("more detail on the preventive measures for late shipments")
    assert (req.part, req.issue) == (PlanPart.PREVENTIVE_MEASURES, IssueKind.LATE_SHIPMENT_RATE)
    add = parse_instruction("add to prevention: Dana reviews scans every Monday")
    assert (add.kind, add.part, add.argument) == (
        "add_fact",
        PlanPart.PREVENTIVE_MEASURES,
        "Dana reviews scans every Monday",
    )
    assert parse_instruction('remove: "which collect daily"').argument == "which collect daily"


def test_unknown_instruction_lists_what_is_understood() -> None:
    with pytest.raises(InputError, match=r"'make it sparkle' not understood; understood: 'shorter'"):
        parse_instruction("make it sparkle")


def test_request_needs_an_argument_to_add_or_remove() -> None:
    with pytest.raises(ValidationError):
        RevisionRequest(kind="add_fact")
    assert RevisionRequest(kind="remove", argument="x").argument == "x"


def test_shorter_drops_detail_extra_documents_and_optional_sentences(case: Case) -> None:
    notice, report, answers = case
    rich = compose_plan(notice, report, answers, strengthen=list(PlanPart))
    short = _revise(rich, "make it shorter", case)
    assert _words(short) < _words(rich)
    section, before = short.sections[0], rich.sections[0]
    assert len(section.supporting_documents) == 1
    assert len(section.corrective_actions) < len(before.corrective_actions)  # detail action dropped
    assert len(section.preventive_measures) < len(before.preventive_measures)
    assert "30 of the 62 late orders fell between" in before.root_causes[0].text
    assert "fell between" not in section.root_causes[0].text  # optional spike sentence trimmed
    assert review_plan(short, notice=notice, report=report, answers=answers).problems == []


def test_shorter_drops_filler_sentences(draft: PlanOfAction, case: Case) -> None:
    pleading = draft.model_copy(deep=True)
    cause = pleading.sections[0].root_causes[0]
    cause.text += " We are deeply sorry. This will never happen again."
    short = _revise(pleading, "shorter", case)
    assert "sorry" not in render_text(short) and "never happen" not in render_text(short)


def test_shorter_refuses_when_nothing_can_go(case: Case) -> None:
    tiny = PlanOfAction(sections=[compose_plan(*case).sections[0].model_copy(deep=True)])
    section = tiny.sections[0]
    for items in (section.root_causes, section.corrective_actions, section.preventive_measures):
        del items[1:]
    section.root_causes[0] = PlanItem(text="We had no pickup scan check.")
    section.supporting_documents = []
    with pytest.raises(InputError, match="remove: "):
        revise_plan(tiny, "shorter")


def test_more_detail_on_a_part_adds_that_parts_detail_items(draft: PlanOfAction, case: Case) -> None:
    more = _revise(draft, "more detail on corrective actions", case)
    before, after = draft.sections[0], more.sections[0]
    assert len(after.corrective_actions) > len(before.corrective_actions)
    assert after.preventive_measures == before.preventive_measures
    assert after.corrective_actions[: len(before.corrective_actions)] == before.corrective_actions


def test_more_detail_on_an_issue_strengthens_every_part(draft: PlanOfAction, case: Case) -> None:
    more = _revise(draft, "more detail on late shipments", case)
    assert _words(more) > _words(draft)
    assert len(more.sections[0].preventive_measures) > len(draft.sections[0].preventive_measures)
    assert more.ready


def test_more_detail_keeps_user_edits_and_refuses_when_exhausted(draft: PlanOfAction, case: Case) -> None:
    edited = _revise(draft, "add to corrective actions: we retrained two packers", case)
    more = _revise(edited, "more detail on corrective actions", case)
    assert any("retrained two packers" in i.text for i in more.sections[0].corrective_actions)
    with pytest.raises(InputError, match="no more detail"):
        revise_plan(
            more, "more detail on corrective actions", notice=case[0], report=case[1], answers=case[2]
        )
    with pytest.raises(InputError, match="notice or health report"):
        revise_plan(draft, "more detail on the root cause")


def test_add_fact_goes_to_root_cause_by_default_with_a_revision_ref(draft: PlanOfAction, case: Case) -> None:
    first = _revise(draft, "add fact: the label printer was offline on 28 October", case)
    item = first.sections[0].root_causes[-1]
    assert item.text == "The label printer was offline on 28 October."
    assert [(r.kind, r.ref) for r in item.refs] == [("answer", "revision:1")]
    second = _revise(first, "add to corrective actions: we replaced the label printer on 29 October", case)
    added = second.sections[0].corrective_actions[-1]
    assert added.refs[0].ref == "revision:2"
    # The seller stated these facts: the reviewer does not report their dates as unsupported.
    review = review_plan(second, notice=case[0], report=case[1], answers=case[2])
    assert "unsupported_fact" not in review.codes


@pytest.mark.parametrize(
    ("fact", "part"),
    [
        ("Every Monday Dana reviews the scan report", PlanPart.PREVENTIVE_MEASURES),
        ("We removed the Parcelwise service from our shipping settings", PlanPart.CORRECTIVE_ACTIONS),
        ("Invoices for the replacement labels are attached", PlanPart.SUPPORTING_DOCUMENTS),
        ("Our packing area had one label printer", PlanPart.ROOT_CAUSE),
    ],
)
def test_add_fact_finds_the_fitting_part(fact: str, part: PlanPart, draft: PlanOfAction, case: Case) -> None:
    new = _revise(draft, RevisionRequest(kind="add_fact", argument=fact), case)
    added = [(p, i.text) for p, i in new.sections[0].items() if i.text.startswith(fact)]
    assert [p for p, _ in added] == [part]


def test_remove_deletes_the_sentence_or_item(draft: PlanOfAction, case: Case) -> None:
    gone = _revise(draft, "remove: Carrier records", case)
    assert len(gone.sections[0].supporting_documents) == len(draft.sections[0].supporting_documents) - 1
    two = draft.model_copy(deep=True)
    two.sections[0].root_causes[0].text += " We also ran short of boxes."
    trimmed = _revise(two, "remove: ran short of boxes", case)
    assert trimmed.sections[0].root_causes[0].text == draft.sections[0].root_causes[0].text


def test_remove_refuses_no_match_and_ambiguous_match(draft: PlanOfAction) -> None:
    with pytest.raises(InputError, match="nothing in the plan contains 'purple elephants'"):
        revise_plan(draft, "remove: purple elephants")
    with pytest.raises(InputError, match=r"appears in \d+ places"):
        revise_plan(draft, "remove: Parcelwise")


def test_remove_refreshes_readiness(case: Case) -> None:
    notice, report, _ = case
    unready = compose_plan(notice, report, {})
    assert not unready.ready
    kept = [i for s in unready.sections for _, i in s.items() if i.placeholders]
    new = unready
    for item in kept:
        new = revise_plan(new, RevisionRequest(kind="remove", argument=item.text))
    # no placeholder is left, but a plan whose root cause is gone is not ready: the part must be written
    assert new.missing and all(key.startswith("plan:") for key in new.missing) and not new.ready
    assert "plan:late_shipment_rate:root_cause" in new.missing


def test_more_formal_expands_contractions_and_informal_words(draft: PlanOfAction, case: Case) -> None:
    casual = draft.model_copy(deep=True)
    casual.sections[0].corrective_actions.append(
        PlanItem(text="We've sorted out a lot of stuff and don't ship late.")
    )
    formal = _revise(casual, "more formal", case)
    text = formal.sections[0].corrective_actions[-1].text
    assert text == "We have resolved many items and do not ship late."
    with pytest.raises(InputError, match="no contractions or informal words"):
        revise_plan(formal, "more formal")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    prefix=st.sampled_from(
        ["add fact: ", "add to prevention: ", "remove: ", "more detail on ", "shorter", ""]
    ),
    rest=st.text(max_size=30),
)
def test_any_instruction_revises_or_says_why(prefix: str, rest: str, draft: PlanOfAction, case: Case) -> None:
    try:
        new = revise_plan(draft, prefix + rest, notice=case[0], report=case[1], answers=case[2])
    except InputError as exc:
        assert str(exc)
    else:
        assert new is not draft and new != draft
