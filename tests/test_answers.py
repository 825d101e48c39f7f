"""Seller answers as a plan uses them: dates in one form, relative dates resolved, non-answers asked again."""

from __future__ import annotations

from datetime import date

import pytest

from appeal_assistant.drafting.answers import normalize_answer
from appeal_assistant.drafting.composer import case_questions, clean_answers, compose_plan, pending_questions
from appeal_assistant.drafting.template import sentence_case
from appeal_assistant.notice import parse_notice

TODAY = date(2026, 11, 20)  # a Friday


@pytest.mark.parametrize(
    ("raw", "expects", "future", "text"),
    [
        ("on 2026-11-03 we removed 40 units", "text", False, "on 2026-11-03 we removed 40 units"),
        ("yesterday we moved all orders to UPS", "text", False, "on 2026-11-19 we moved all orders to UPS"),
        ("we stopped selling it last Monday", "text", False, "we stopped selling it on 2026-11-16"),
        ("since next monday", "date", True, "2026-11-23"),
        ("3 March", "date", False, "2026-03-03"),
        ("Nov 3", "date", False, "2026-11-03"),
        ("2 weeks ago", "date", False, "2026-11-06"),
        ("13/11/2026", "date", False, "2026-11-13"),
        (
            "um, well the root cause was that our pick list wasn't sorted",
            "text",
            False,
            "our pick list wasn't sorted",
        ),
        ("we we re-trained both packers", "text", False, "we re-trained both packers"),
        ("Dana Reyes, operations manager", "person", False, "Dana Reyes, operations manager"),
        (
            "from Friday evening to Sunday nobody was on shift",
            "text",
            False,
            "from Friday evening to Sunday nobody was on shift",
        ),
        ("card 4111 1111 1111 1111 refunded", "text", False, "card 4111 1111 1111 1111 refunded"),
        ("eBay listings were ended", "text", False, "eBay listings were ended"),
    ],
)
def test_answers_are_tidied_and_dated(raw: str, expects: str, future: bool, text: str) -> None:
    result = normalize_answer(raw, expects=expects, today=TODAY, future=future)  # type: ignore[arg-type]
    assert result.problem is None and result.text == text


@pytest.mark.parametrize(
    ("raw", "expects", "reason"),
    [
        ("in place since next monday probably", "date", "unsure"),
        ("3/11/2026", "date", "two ways"),
        ("last week", "date", "not a date"),
        ("soon", "date", "no date"),
        ("done", "text", "does not say what happened"),
        ("me", "person", "no person"),
        ("lots", "number", "no number"),
    ],
)
def test_an_answer_that_does_not_answer_is_asked_again(raw: str, expects: str, reason: str) -> None:
    result = normalize_answer(raw, expects=expects, today=TODAY)  # type: ignore[arg-type]
    assert result.text is None and result.problem is not None and reason in result.problem


@pytest.mark.parametrize("raw", ["I don't know", "skip", "n/a", "?", "dunno"])
def test_not_knowing_keeps_the_placeholder_without_a_problem(raw: str) -> None:
    result = normalize_answer(raw, today=TODAY)
    assert result.text is None and result.problem is None and result.skipped


def test_relative_dates_need_the_case_date() -> None:
    result = normalize_answer("yesterday we moved all orders", today=None)
    assert result.text is None and result.problem is not None and "today" in result.problem


def test_a_plan_uses_clean_answers_and_asks_again_for_bad_ones() -> None:
    notice = parse_notice(
        "Date: 2026-11-20\nYour Amazon.com selling account has been deactivated because of your late shipment "
        "rate. To reactivate it, send a plan of action that explains the root cause, the actions you took and "
        "how you will prevent late shipments."
    )
    answers = {
        "lsr.root_cause": "the root cause was that our labels were printed after the last pickup",
        "lsr.action": "yesterday we moved label printing to 9 am",
        "common.owner": "me",
        "common.prevention_start": "next monday probably",
    }
    usable, problems = clean_answers(answers, case_questions(notice), TODAY)
    assert usable["lsr.action"] == "on 2026-11-19 we moved label printing to 9 am"
    assert {p.question for p in problems} == {"common.owner", "common.prevention_start"}
    plan = compose_plan(notice, None, answers, today=TODAY)
    text = " ".join(i.text for s in plan.sections for _, i in s.items())
    assert "our labels were printed after the last pickup" in text.lower()
    assert "root cause was that" not in text  # the seller's lead-in is not repeated
    assert "Changes made: On 2026-11-19 we moved label printing to 9 am" in text  # label style, capitalised
    assert not plan.ready
    assert pending_questions(plan)[:2] == ["common.owner", "common.prevention_start"]  # asked again first
    assert [p.question for p in plan.answer_problems] == ["common.owner", "common.prevention_start"]


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("offered refunds on 5 and 6 November", "Offered refunds on 2026-11-05 and 2026-11-06"),
        ("between 3 and 5 November we checked", "Between 2026-11-03 and 2026-11-05 we checked"),
        ("on November 5 and 6, we wrote to them", "On 2026-11-05 and 2026-11-06, we wrote to them"),
        ("on 12 and 13 November 2025 we checked", "On 2025-11-12 and 2025-11-13 we checked"),
        ("on November 5 and 6 units were sent back", "On 2026-11-05 and 6 units were sent back"),
    ],
)
def test_a_range_of_days_gives_every_day_its_month(raw: str, shown: str) -> None:
    """'5 and 6 November' is two dates, not '5 and 2026-11-06'; '5 and 6 units' is a date and a count."""
    result = normalize_answer(raw, today=date(2026, 12, 8))
    assert result.text is not None and sentence_case(result.text) == shown
