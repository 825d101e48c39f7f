"""The Plan of Action reviewer and the pasted-plan parser, on crafted bad plans, good plans and real drafts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appeal_assistant.drafting.composer import compose_plan
from appeal_assistant.drafting.phrases import RISKY_PHRASES
from appeal_assistant.drafting.plantext import parse_plan_text
from appeal_assistant.drafting.playbook import all_playbooks, question_index
from appeal_assistant.drafting.render import render_markdown, render_text
from appeal_assistant.drafting.reviewer import (
    CODE_SEVERITY,
    MAX_COUNTED_PER_CODE,
    MAX_WORDS,
    SEVERITY_WEIGHTS,
    Review,
    review_plan,
    review_text,
)
from appeal_assistant.models import (
    AskKind,
    HealthReport,
    IssueKind,
    Notice,
    NoticeAsk,
    NoticeIssue,
    PlanItem,
    PlanOfAction,
    PlanPart,
    PlanSection,
    Severity,
)

PLANS = Path(__file__).resolve().parent / "fixtures" / "plans"
Case = tuple[Notice, HealthReport, dict[str, str]]


@pytest.fixture(scope="module")
def case() -> Case:
    data = json.loads((PLANS / "lsr_case.json").read_text(encoding="utf-8"))
    return Notice.model_validate(data["notice"]), HealthReport.model_validate(data["report"]), data["answers"]


def _notice_variant(notice: Notice, variant: str) -> Notice:
    if variant == "two_issues":
        extra = NoticeIssue(kind=IssueKind.VALID_TRACKING_RATE, evidence="Your valid tracking rate is 91%.")
        return notice.model_copy(update={"issues": [*notice.issues, extra]})
    if variant == "asins":
        return notice.model_copy(update={"asins": ["B0CQX4TQ2M", "B0DJ7KX3PL"]})
    return notice


#: fixture, the code it must raise, notice variant, other codes it may genuinely also deserve.
BAD_PLANS: list[tuple[str, str, str, set[str]]] = [
    ("bad_issue_not_addressed.md", "issue_not_addressed", "two_issues", set()),
    ("bad_part_missing.txt", "part_missing", "", set()),
    ("bad_blame.md", "blame", "", set()),
    ("bad_emotional_plea.txt", "emotional_plea", "", set()),
    ("bad_promise.md", "promise", "", set()),
    ("bad_future_tense.md", "future_tense_action", "", set()),
    ("bad_vague.txt", "vague", "", {"cause_not_answered"}),  # a vague cause cannot be answered either
    ("bad_support_case.md", "support_case_reference", "", set()),
    ("bad_asin_not_covered.md", "asin_not_covered", "asins", set()),
    ("bad_number_contradicts.md", "number_contradicts_findings", "", set()),
    ("bad_too_long.md", "too_long", "none", set()),
    ("bad_placeholder.md", "placeholder_left", "", set()),
    ("bad_ask_not_answered.md", "ask_not_answered", "asks", set()),
    ("bad_cause_not_answered.md", "cause_not_answered", "", set()),
    ("bad_not_specific.md", "not_specific", "", set()),
    ("bad_boilerplate.md", "boilerplate", "", set()),
]
#: Judged on a structured draft (an LLM's): in a plan the seller wrote, a fact not in the sources is a note.
STRUCTURED_ONLY = {"unsupported_fact"}


def _review_fixture(name: str, variant: str, case: Case) -> Review:
    notice, report, answers = case
    text = (PLANS / name).read_text(encoding="utf-8")
    if variant == "none":
        return review_text(text)
    if variant == "asks":
        asks = [
            NoticeAsk(
                id="ask.1", kind=AskKind.DOCUMENT, text="Copies of your carrier contract", document="other"
            )
        ]
        return review_text(
            text, notice=notice.model_copy(update={"asks": asks}), report=report, answers=answers
        )
    return review_text(text, notice=_notice_variant(notice, variant), report=report, answers=answers)


def test_every_problem_code_has_a_bad_plan() -> None:
    assert {code for _, code, _, _ in BAD_PLANS} | STRUCTURED_ONLY == set(CODE_SEVERITY)


def _structured(text: str) -> PlanOfAction:
    """A drafted plan holding ``text``'s parts (as an LLM draft would), for the checks of drafts only."""
    parsed = parse_plan_text(text)
    attrs = {
        PlanPart.ROOT_CAUSE: "root_causes",
        PlanPart.CORRECTIVE_ACTIONS: "corrective_actions",
        PlanPart.PREVENTIVE_MEASURES: "preventive_measures",
        PlanPart.SUPPORTING_DOCUMENTS: "supporting_documents",
    }
    sections = []
    for s in parsed.sections:
        assert s.issue is not None
        section = PlanSection(issue=s.issue, title=s.title)
        for part, texts in s.parts.items():
            getattr(section, attrs[part]).extend(PlanItem(text=t) for t in texts)
        sections.append(section)
    return PlanOfAction(sections=sections)


def test_unsupported_fact_is_a_problem_in_a_draft_and_a_note_in_the_sellers_own_plan(case: Case) -> None:
    notice, report, answers = case
    text = (PLANS / "bad_unsupported_fact.md").read_text(encoding="utf-8")
    drafted = review_plan(_structured(text), notice=notice, report=report, answers=answers)
    assert [p.code for p in drafted.problems] == ["unsupported_fact", "unsupported_fact"]
    assert drafted.score == 100 - 2 * SEVERITY_WEIGHTS[Severity.MEDIUM]
    own = review_text(text, notice=notice, report=report, answers=answers)
    assert own.problems == [] and own.score == 100
    assert any("not found in the sources" in n and "Swiftline Couriers" in n for n in own.notes)


@pytest.mark.parametrize(("name", "code", "variant", "also"), BAD_PLANS, ids=[b[0] for b in BAD_PLANS])
def test_bad_plan_is_flagged(name: str, code: str, variant: str, also: set[str], case: Case) -> None:
    review = _review_fixture(name, variant, case)
    assert code in review.codes
    assert review.codes <= {code} | also, [p.message for p in review.problems]
    assert review.verdict != "ready" or CODE_SEVERITY[code] is Severity.LOW  # low alone may still be sent
    for problem in review.problems:
        assert problem.hint and "'" in problem.message  # the offending words are quoted


def test_problem_fields_point_at_issue_and_part(case: Case) -> None:
    blame = _review_fixture("bad_blame.md", "", case).problems[0]
    assert (blame.issue, blame.part) == (IssueKind.LATE_SHIPMENT_RATE, PlanPart.ROOT_CAUSE)
    assert "carrier failed" in blame.message and "carrier failed" in blame.excerpt
    missing = _review_fixture("bad_part_missing.txt", "", case).problems[0]
    assert missing.part is PlanPart.PREVENTIVE_MEASURES and missing.severity is Severity.HIGH
    absent = _review_fixture("bad_issue_not_addressed.md", "two_issues", case).problems[0]
    assert absent.issue is IssueKind.VALID_TRACKING_RATE and absent.severity is Severity.CRITICAL


def test_future_tense_is_only_a_problem_in_corrective_actions(case: Case) -> None:
    review = _review_fixture("bad_future_tense.md", "", case)
    # The preventive measure also says "will check": allowed there.
    assert [p.part for p in review.problems] == [PlanPart.CORRECTIVE_ACTIONS]


@pytest.mark.parametrize("name", ["good_lsr.md", "good_lsr.txt"])
def test_good_hand_written_plan_is_clean(name: str, case: Case) -> None:
    notice, report, answers = case
    review = review_text(
        (PLANS / name).read_text(encoding="utf-8"), notice=notice, report=report, answers=answers
    )
    serious = [
        p for p in review.problems if p.severity in (Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL)
    ]
    assert serious == []
    assert review.verdict == "ready" and review.score >= 90 and review.placeholders == 0


def _example_answers() -> dict[str, str]:
    return {q.id: q.example for q in question_index().values() if q.example}


@pytest.mark.parametrize("strengthen", [(), tuple(PlanPart)], ids=["draft", "strengthened"])
def test_composer_draft_with_full_answers_reviews_clean(strengthen: tuple[PlanPart, ...], case: Case) -> None:
    notice, report, _ = case
    answers = _example_answers()
    plan = compose_plan(notice, report, answers, strengthen=strengthen)
    assert plan.ready, plan.missing
    review = review_plan(plan, notice=notice, report=report, answers=answers)
    assert review.problems == [], [p.message for p in review.problems]
    assert (review.verdict, review.score, review.notes) == ("ready", 100, [])
    for text in (render_text(plan), render_markdown(plan)):
        pasted = review_text(text, notice=notice, report=report, answers=answers)
        assert pasted.problems == [], [p.message for p in pasted.problems]


_WORDING_CODES = {
    "blame",
    "emotional_plea",
    "promise",
    "future_tense_action",
    "vague",
    "support_case_reference",
}


def test_no_playbook_writes_what_the_reviewer_rejects(case: Case) -> None:
    """Every playbook's draft, plain and strengthened, is free of the phrase table's problems."""
    _, report, _ = case
    answers = _example_answers()
    for kind in all_playbooks():
        notice = Notice(issues=[NoticeIssue(kind=kind, evidence="x")])
        for strengthen in ((), tuple(PlanPart)):
            plan = compose_plan(notice, report, answers, strengthen=strengthen)
            review = review_plan(plan, notice=notice, report=report, answers=answers)
            wording = [p.message for p in review.problems if p.code in _WORDING_CODES]
            assert wording == [], (kind, wording)


def test_composer_draft_without_answers_is_not_ready(case: Case) -> None:
    notice, report, _ = case
    review = review_plan(compose_plan(notice, report, {}), notice=notice, report=report)
    assert review.verdict == "not ready"
    assert review.placeholders > 0 and "placeholder_left" in review.codes


def test_checks_without_sources_are_skipped_and_said(case: Case) -> None:
    review = review_text((PLANS / "bad_unsupported_fact.md").read_text(encoding="utf-8"))
    assert "unsupported_fact" not in review.codes
    assert any("not checked against sources" in note for note in review.notes)
    assert any("coverage not checked" in note for note in review.notes)


def test_score_follows_the_weight_table(case: Case) -> None:
    review = _review_fixture("bad_boilerplate.md", "", case)
    assert review.score == 100 - SEVERITY_WEIGHTS[Severity.LOW]
    many = "\n".join(f"- On 3 November we re-shipped {n} orders." for n in range(101, 111))
    text = f"Late shipments\nRoot cause\n- We had no scan check.\nCorrective actions\n{many}\nPreventive measures\n- Daily scan check."
    noisy = review_plan(_structured(text), answers={"x": "nothing"})
    unsupported = [p for p in noisy.problems if p.code == "unsupported_fact"]
    assert len(unsupported) > MAX_COUNTED_PER_CODE
    assert noisy.score == 100 - MAX_COUNTED_PER_CODE * SEVERITY_WEIGHTS[Severity.MEDIUM]


def test_length_is_measured_and_warned() -> None:
    review = review_text((PLANS / "bad_too_long.md").read_text(encoding="utf-8"))
    assert review.words > MAX_WORDS and review.reading_minutes == round(review.words / 200, 1)
    assert review.characters > review.words
    double = review_text("Late shipments\nRoot cause\n- " + "word " * (2 * MAX_WORDS + 10))
    assert next(p for p in double.problems if p.code == "too_long").severity is Severity.MEDIUM


@pytest.mark.parametrize(
    ("sentence", "blamed"),
    [
        ("41 of our 62 late orders went out with Parcelwise Ground, whose late rate was 21.58%.", False),
        ("The late shipments were caused by the carrier.", True),
        ("Buyers abused the return policy.", True),
        ("This was Amazon's error.", True),
        ("The delays were beyond our control.", True),
        ("We relied on the carrier, which failed to collect, without checking pickup scans.", False),
        ("We filed disputes for the false claims.", True),
    ],
)
def test_blame_is_fault_not_data(sentence: str, blamed: bool) -> None:
    review = review_text(f"Late shipments\nRoot cause\n- {sentence}")
    assert ("blame" in review.codes) is blamed


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("Our late shipment rate of 7.3% was above target.", False),  # 7.29% rounded
        ("Our late shipment rate was 7%.", False),
        ("Our LSR on the 10-day window was 7.92%.", False),
        ("Our late shipment rate of 7.29% was above the target of 4%.", False),
        ("Our late shipment rate was 5.1%.", True),
        ("A 2% late shipment rate is our figure.", True),
        ("Our late shipment rate rose because 41 of 62 orders (66.13%) used one carrier.", False),
    ],
)
def test_metric_percentages_are_compared_with_the_report(sentence: str, flagged: bool, case: Case) -> None:
    _, report, _ = case
    review = review_text(f"Late shipments\nRoot cause\n- {sentence}", report=report)
    assert ("number_contradicts_findings" in review.codes) is flagged


def test_vague_phrase_with_specifics_is_not_vague() -> None:
    vague = review_text("Late shipments\nRoot cause\n- Human error in packing.")
    specific = review_text(
        "Late shipments\nRoot cause\n- Human error: 12 parcels packed on 3 May had no label."
    )
    assert "vague" in vague.codes and "vague" not in specific.codes


def test_phrase_table_rows_have_hints_and_sources() -> None:
    for phrase in RISKY_PHRASES:
        assert phrase.hint and phrase.source.startswith("knowledge/")
        assert (PLANS.parents[2] / phrase.source).is_file()


# --------------------------------------------------------------------------- parsing pasted plans

MARKDOWN = """# Plan of Action

Dear Seller Performance team,

## 1. Late shipments
**Root cause:** We had no pickup scan check.

**Corrective actions taken**
1. On 3 November we moved orders to UPS.
2. On 4 November we reviewed 62 late orders.

### Preventive measures
- Every day Dana checks scans,
  and chases missed pickups.

## 2. Valid tracking
### Root cause
- Labels were uploaded before pickup.
### Actions taken
- We re-sent 31 parcels.
### Steps to prevent recurrence
- Daily first-scan check.

Thank you for your time.
Sincerely, Dana Reyes
"""

PLAIN = """PLAN OF ACTION

LATE SHIPMENT RATE
Root Cause: we had no pickup scan check.
Corrective Actions:
- On 3 November we moved orders to UPS.
Preventative measures:
- Every day Dana checks scans.

Issue 2 - Valid tracking rate
ROOT CAUSE
Labels were uploaded before pickup.
CORRECTIVE ACTIONS
We re-sent 31 parcels.
PREVENTIVE MEASURES
Daily first-scan check.
"""


@pytest.mark.parametrize("text", [MARKDOWN, PLAIN], ids=["markdown", "plain"])
def test_pasted_plans_parse_into_issue_sections(text: str) -> None:
    plan = parse_plan_text(text)
    assert [s.issue for s in plan.sections] == [IssueKind.LATE_SHIPMENT_RATE, IssueKind.VALID_TRACKING_RATE]
    first, second = plan.sections
    assert first.parts[PlanPart.ROOT_CAUSE][0].lower() == "we had no pickup scan check."
    assert first.parts[PlanPart.CORRECTIVE_ACTIONS][0] == "On 3 November we moved orders to UPS."
    assert first.parts[PlanPart.PREVENTIVE_MEASURES][0].startswith("Every day Dana checks scans")
    for part in (PlanPart.ROOT_CAUSE, PlanPart.CORRECTIVE_ACTIONS, PlanPart.PREVENTIVE_MEASURES):
        assert len(second.parts[part]) == 1


def test_markdown_details_bullets_continuations_and_closing() -> None:
    plan = parse_plan_text(MARKDOWN)
    assert plan.title == "Plan of Action" and plan.opening == ["Dear Seller Performance team,"]
    first = plan.sections[0]
    assert len(first.parts[PlanPart.CORRECTIVE_ACTIONS]) == 2
    assert first.parts[PlanPart.PREVENTIVE_MEASURES] == [
        "Every day Dana checks scans, and chases missed pickups."
    ]
    assert plan.closing == ["Thank you for your time.", "Sincerely, Dana Reyes"]


def test_parts_without_issue_headings_and_prose_without_headings() -> None:
    parts_only = parse_plan_text(
        "Root cause\nOur late shipments came from missed pickups.\nActions taken\nWe moved."
    )
    assert len(parts_only.sections) == 1 and parts_only.sections[0].issue is IssueKind.LATE_SHIPMENT_RATE
    assert parts_only.sections[0].issue_from == "body"
    prose = parse_plan_text("Dear team,\n\nWe shipped late because of missed pickups. We will do better.")
    assert prose.opening == ["Dear team,"] and prose.sections[0].unlabelled
    review = review_text("We shipped late because of missed pickups. We will do our best.")
    assert {p.part for p in review.problems if p.code == "part_missing"} == {
        PlanPart.ROOT_CAUSE,
        PlanPart.CORRECTIVE_ACTIONS,
        PlanPart.PREVENTIVE_MEASURES,
    }


@pytest.mark.parametrize(
    "heading",
    [
        "Root cause of late shipments",
        "## Root Cause of Late Shipments",
        "A. Root cause",
        "Step 1: Root cause",
        "ROOT CAUSE ANALYSIS:",
        "__Root cause__",
        "What went wrong",
    ],
)
def test_part_heading_variants(heading: str) -> None:
    plan = parse_plan_text(f"Late shipments\n{heading}\nWe had no scan check.\nActions taken\n- We moved.")
    assert plan.sections[0].parts[PlanPart.ROOT_CAUSE] == ["We had no scan check."]
    assert plan.sections[0].issue is IssueKind.LATE_SHIPMENT_RATE


def test_sentences_that_start_like_headings_stay_text() -> None:
    plan = parse_plan_text(
        "Root cause\n- A.\nPreventive measures\nGoing forward we check daily\nEvidence shows it works."
    )
    assert plan.sections[0].parts[PlanPart.PREVENTIVE_MEASURES] == [
        "Going forward we check daily Evidence shows it works."
    ]


def test_repeated_part_heading_opens_a_new_section() -> None:
    plan = parse_plan_text("Root cause\n- A.\nActions taken\n- B.\nRoot cause\n- C.")
    assert len(plan.sections) == 2


def test_lumped_issues_count_as_one_section(case: Case) -> None:
    notice, _, _ = case
    two = _notice_variant(notice, "two_issues")
    text = (
        "Root cause\n- Missed pickups caused late shipments and missing tracking.\nActions taken\n- We moved."
    )
    review = review_text(text, notice=two)
    assert [p.issue for p in review.problems if p.code == "issue_not_addressed"] == [
        IssueKind.VALID_TRACKING_RATE
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_review_text_never_raises_on_arbitrary_text(text: str) -> None:
    review = review_text(text)
    assert 0 <= review.score <= 100 and review.words >= 0


_LINES = st.sampled_from(
    [
        "# Plan",
        "## 1. Late shipments",
        "**Root cause:** x",
        "Root cause",
        "ROOT CAUSE:",
        "- item",
        "1. step",
        "Corrective actions taken",
        "### Preventive measures",
        "Thank you",
        "Sincerely,",
        "",
        "* bullet",
        "Issue 2: Valid tracking",
        "  continued line",
        "Our late shipment rate of 3% was high.",
        "[[owner]]",
        "What has changed since our last submission",
        "We will never fail again.",
        "B0CQX4TQ2M",
        ":",
        "**",
        "#",
    ]
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=30))
def test_review_text_never_raises_on_plan_shaped_text(lines: list[str]) -> None:
    notice = Notice(
        issues=[NoticeIssue(kind=IssueKind.LATE_SHIPMENT_RATE, evidence="x")], asins=["B0CQX4TQ2M"]
    )
    review = review_text("\n".join(lines), notice=notice, answers={"a": "3"})
    assert review.verdict in ("ready", "needs work", "not ready")


def test_an_empty_plan_is_not_ready() -> None:
    from appeal_assistant.drafting.reviewer import review_text as _review_text

    review = _review_text("   \n")
    assert review.verdict == "not ready" and review.score < 100
    assert [p.code for p in review.problems] == ["part_missing"]


def test_a_drivers_own_rate_is_not_read_as_the_metrics(case: Case) -> None:
    """'its late shipment rate' after naming the carrier is the carrier's rate, which the data holds."""
    _, report, _ = case
    item = (
        "66% of our late shipments came from Parcelwise Ground; its late shipment rate was 21.58% against "
        "3.18% for our other services."
    )
    assert (
        "number_contradicts_findings"
        not in review_text(f"Late shipments\nRoot cause\n- {item}", report=report).codes
    )
    wrong = "66% of our late shipments came from Parcelwise Ground; its late shipment rate was 35%."
    assert (
        "number_contradicts_findings"
        in review_text(f"Late shipments\nRoot cause\n- {wrong}", report=report).codes
    )
    ours = (
        "Our late shipment rate of 3% came from missed Parcelwise Ground pickups."  # ours, not the carrier's
    )
    assert (
        "number_contradicts_findings"
        in review_text(f"Late shipments\nRoot cause\n- {ours}", report=report).codes
    )
