"""Playbooks as data: every issue kind has one, templates use known slots only, and typical cases compose.

The composition tests run the real offline composer on a typical notice of each kind (plus a report for the
metric kinds), first without answers (not ready, placeholders listed) and then with the answers in
tests/fixtures/answers/<kind>.yaml (ready, every answer quoted verbatim).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
import yaml

from appeal_assistant.drafting.composer import (
    case_questions,
    compose_plan,
    optional_questions,
    pending_questions,
)
from appeal_assistant.drafting.playbook import (
    PLAYBOOK_DIR,
    Playbook,
    TemplateItem,
    all_playbooks,
    common_questions,
    question_index,
)
from appeal_assistant.metrics.compute import metric_result
from appeal_assistant.models import (
    Channel,
    Evidence,
    Finding,
    FindingKind,
    HealthReport,
    IssueKind,
    Marketplace,
    MetricStatus,
    Notice,
    NoticeIssue,
    PlanOfAction,
    PlanPart,
    Rejection,
    Severity,
)

REPO = Path(__file__).resolve().parent.parent
ANSWERS = Path(__file__).resolve().parent / "fixtures" / "answers"
AS_OF = date(2026, 11, 16)
WINDOW = (date(2026, 9, 17), date(2026, 11, 15))

#: Same pattern as the composer's; ``driver2.value`` must count as one slot.
SLOT = re.compile(r"\{([a-z_0-9]+(?:[.:][a-zA-Z0-9_.]+)?)\}")
#: Every slot build_context can fill (appeal_assistant/drafting/context.py); answer:<id> is checked apart.
_DRIVER = (
    "value",
    "dimension",
    "defects",
    "total",
    "share",
    "rate",
    "rate_elsewhere",
    "volume_share",
    "examples",
)
KNOWN_SLOTS = (
    {f"metric.{s}" for s in ("label", "value", "target", "numerator", "denominator", "date_from", "date_to")}
    | {"metric.window_days", "metric.channel", "metric.orders", "metric.segment", "rolloff.date"}
    | {f"{d}.{s}" for d in ("driver", "driver2") for s in _DRIVER}
    | {f"spike.{s}" for s in ("date_from", "date_to", "defects", "total")}
    | {f"odr.{s}" for s in ("a_to_z", "negative_feedback", "chargebacks")}
    | {
        f"notice.{s}"
        for s in ("asins", "skus", "order_ids", "complaint_ids", "trademark_numbers", "date", "evidence")
    }
)
FUTURE = re.compile(r"\bwill\b|\bgoing to\b|\bplan to\b|\bintend to\b", re.I)
#: Blame, pleas and promises a reviewer reads as lack of ownership (knowledge/plan-of-action-how-to-write.md).
BANNED = re.compile(
    r"amazon's fault|walmart's fault|ebay's fault|carrier's fault|buyer lied|buyers lied|customer lied"
    r"|\bplease\b|\bbeg\b|\bbegging\b|we promise|guarantee|never happen again|\bsorry\b|\bunfair\b",
    re.I,
)


# --------------------------------------------------------------------------- scenarios


@dataclass
class Data:
    """A metric result and its drivers, as the analyzer would report them."""

    metric_id: str
    numerator: int
    denominator: int
    window: int = 60
    channel: Channel = Channel.ALL
    segment: str | None = None
    drivers: list[tuple[str, str]] = field(default_factory=list)  # (dimension, value)


@dataclass
class Case:
    marketplace: Marketplace = Marketplace.AMAZON
    asins: list[str] = field(default_factory=list)
    complaint_ids: list[str] = field(default_factory=list)
    trademark_numbers: list[str] = field(default_factory=list)
    order_ids: list[str] = field(default_factory=list)
    skus: list[str] = field(default_factory=list)
    data: Data | None = None
    text: str = ""  # the notice's words, which choose a playbook's pattern ('mentions' conditions)


AMZ, WMT, EBAY = Marketplace.AMAZON, Marketplace.WALMART, Marketplace.EBAY
EBAY_ORDERS = ["23-11842-50317", "23-11907-44120"]
AMZ_ORDERS = ["113-4829175-3318204", "114-0937261-5520817"]

#: Notices (and data) per kind: the first is the typical case, the others reach the other root causes.
CASES: dict[IssueKind, list[Case]] = {
    IssueKind.ON_TIME_DELIVERY_RATE: [
        Case(
            data=Data(
                "on_time_delivery_rate",
                412,
                480,
                14,
                Channel.MFN,
                None,
                [("carrier_method", "Canada Post Regular Parcel")],
            )
        ),
        Case(data=Data("on_time_delivery_rate", 412, 480, 14, Channel.MFN, None, [("sku", "DESK-LAMP-OAK")])),
        Case(WMT, data=Data("walmart_on_time_delivery_rate", 861, 1004, 30)),
    ],
    IssueKind.NEGATIVE_FEEDBACK_RATE: [
        Case(WMT, data=Data("walmart_negative_feedback_rate", 44, 1020)),
        Case(data=Data("negative_feedback_share", 21, 310, 90)),
    ],
    IssueKind.RETURN_RATE: [
        Case(
            asins=["B0CFRX7LQ2"],
            data=Data(
                "return_rate",
                96,
                1450,
                segment="reason_group:listing_accuracy",
                drivers=[("asin", "B0CFRX7LQ2")],
            ),
        ),
        Case(
            data=Data(
                "return_rate",
                96,
                1450,
                segment="reason_group:listing_accuracy",
                drivers=[("reason", "NOT_AS_DESCRIBED")],
            )
        ),
        Case(asins=["B0CFRX7LQ2"]),
        Case(WMT, data=Data("walmart_return_rate", 112, 1020)),
    ],
    IssueKind.CONTACT_RESPONSE_TIME: [
        Case(data=Data("contact_response_time", 301, 355, 30, drivers=[("weekday", "Saturday, Sunday")])),
        Case(data=Data("contact_response_time", 301, 355, 30)),
        Case(WMT, data=Data("walmart_seller_response_rate", 402, 441, 30)),
    ],
    IssueKind.TRANSACTION_DEFECT_RATE: [
        Case(EBAY, order_ids=EBAY_ORDERS[:1], data=Data("ebay_transaction_defect_rate", 22, 915, 90))
    ],
    IssueKind.CASES_CLOSED_WITHOUT_RESOLUTION: [
        Case(EBAY, order_ids=EBAY_ORDERS, data=Data("ebay_cases_closed_without_resolution", 6, 915, 90))
    ],
    IssueKind.INAUTHENTIC: [
        Case(asins=["B0C7K2M9QF", "B0C7K2M9QH"]),
        Case(EBAY),
        Case(
            asins=["B0C7K2M9QF"],
            text="Your inventory of these ASINs in our fulfillment centers is not eligible for removal.",
        ),
    ],
    IssueKind.IP_TRADEMARK: [
        Case(
            asins=["B0D4TRM1KA", "B0D4TRM1KB"],
            complaint_ids=["14538820167", "14538820168"],
            trademark_numbers=["UK00003456789"],
        ),
        Case(asins=["B0D4TRM1KA"]),
        Case(EBAY),
        Case(
            asins=["B0D4TRM1KA"],
            complaint_ids=["14538820167"],
            text="A rights owner reports that the items are counterfeit.",
        ),
    ],
    IssueKind.IP_COPYRIGHT: [
        Case(asins=["B0B2CPY7Z1", "B0B2CPY7Z2"], complaint_ids=["13209981456", "13209981457"]),
        Case(asins=["B0B2CPY7Z1"]),
        Case(EBAY),
    ],
    IssueKind.IP_PATENT: [
        Case(asins=["B0E8PTN3Q1", "B0E8PTN3Q2"], complaint_ids=["12876653490"]),
        Case(asins=["B0E8PTN3Q1"]),
        Case(WMT, skus=["FOLD-STOOL-GRN"]),
    ],
    IssueKind.CONDITION_COMPLAINT: [
        Case(asins=["B0A9KSC2L1", "B0A9KSC2L2"], order_ids=AMZ_ORDERS),
        Case(WMT),
        Case(asins=["B0A9KSC2L1"], text="Buyers said the item is not as described: no case was included."),
        Case(WMT, text="Buyers reported that the items arrived damaged and did not work."),
    ],
    IssueKind.PRODUCT_SAFETY: [
        Case(asins=["B0F1HTP4D8"]),
        Case(WMT, skus=["HEAT-PAD-XL"]),
        Case(asins=["B0F1HTP4D8"], text="Customers received units that were past their expiration date."),
        Case(asins=["B0F1HTP4D8"], text="Provide a test report and a Children's Product Certificate (CPC)."),
    ],
    IssueKind.RESTRICTED_PRODUCTS: [
        Case(asins=["B0C3BMB8W2"]),
        Case(WMT),
        Case(asins=["B0C3BMB8W2"], text="N95 respirators and surgical masks need approval to be listed."),
        Case(asins=["B0C3BMB8W2"], text="The listing claims that the supplement cures a disease."),
    ],
    IssueKind.LISTING_POLICY: [
        Case(asins=["B0CFRX7LQ2"]),
        Case(EBAY),
        Case(
            asins=["B0CFRX7LQ2"],
            text="Your variation family groups different products under one parent ASIN.",
        ),
        Case(skus=["MUG-CER-11OZ-WHT"], text="Your product titles contain promotional phrases."),
    ],
    IssueKind.FAIR_PRICING: [
        Case(asins=["B0B7HDM2C4", "B0B7HDM2C5"]),
        Case(WMT, skus=["HDMI-2M-BLK"]),
        Case(
            asins=["B086WRX2KP"],
            text="The price of this 20-pack is far above the unit price of a single item.",
        ),
        Case(WMT, skus=["HDMI-2M-BLK"], text="Your repricer raised the price of this item."),
    ],
    IssueKind.RELATED_ACCOUNTS: [Case()],
    IssueKind.SELLER_VERIFICATION: [Case()],
    IssueKind.DROP_SHIPPING: [
        Case(order_ids=AMZ_ORDERS),
        Case(),
        Case(order_ids=AMZ_ORDERS, text="Send us the name and contact details of the business you buy from."),
    ],
    IssueKind.REVIEW_MANIPULATION: [
        Case(asins=["B0C9YGC1V3"]),
        Case(EBAY),
        Case(
            asins=["B0C9YGC1V3"],
            text="Package inserts offered a gift card for a review, and reviews were posted by accounts connected "
            "to your business.",
        ),
        Case(EBAY, text="Buyers were offered partial refunds if they changed negative feedback."),
    ],
    IssueKind.CODE_OF_CONDUCT: [
        Case(order_ids=AMZ_ORDERS),
        Case(order_ids=AMZ_ORDERS, text="You contacted buyers outside Buyer-Seller Messaging."),
        Case(text="You opened excessive duplicate contacts with Selling Partner Support."),
        Case(text="The business address in your account is inaccurate information."),
    ],
    IssueKind.FOOD_SAFETY: [
        Case(asins=["B0D2PBR5X6"]),
        Case(WMT, skus=["FRZ-BERRY-1KG", "FRZ-BERRY-2KG"]),
        Case(asins=["B0D2PBR5X6"], text="Buyers reported that the chocolate arrived melted."),
        Case(asins=["B0D2PBR5X6"], text="The label does not declare milk, an allergen."),
    ],
    IssueKind.RECALL: [Case(WMT, skus=["FRZ-BERRY-1KG", "FRZ-BERRY-2KG"]), Case(asins=["B0D2PBR5X6"])],
}
MY_KINDS = list(CASES)


def _report(data: Data, marketplace: Marketplace) -> HealthReport:
    m = metric_result(
        data.metric_id, data.channel, data.window, data.numerator, data.denominator, *WINDOW,
        segment=data.segment, marketplace=marketplace,
    )  # fmt: skip
    key = f"{m.id}:{m.channel.value}:{m.window_days}" + (f":{m.segment}" if m.segment else "")
    total = m.numerator if m.direction == "max" else m.denominator - m.numerator
    defects = total * 3 // 5
    findings = [
        Finding(
            id=f"driver:{key}:{dim}:{value}",
            kind=FindingKind.DRIVER,
            severity=Severity.HIGH,
            title=f"{value} drives {m.label}",
            reason="most defects come from one value",
            metric_id=m.id,
            evidence=[
                Evidence(label="dimension", value=dim),
                Evidence(label="value", value=value),
                Evidence(label="defects", value=defects),
                Evidence(label="total defects", value=total),
                Evidence(label="share", value=f"{defects / total:.2%}"),
                Evidence(label="volume share", value="31.00%"),
                Evidence(label="rate", value="27.70%"),
                Evidence(label="rate elsewhere", value="8.21%"),
            ],
            order_ids=AMZ_ORDERS,
        )
        for dim, value in data.drivers
    ]
    return HealthReport(as_of=AS_OF, marketplace=marketplace, metrics=[m], findings=findings)


def _notice(kind: IssueKind, case: Case, rejected: bool = False) -> Notice:
    return Notice(
        marketplace=case.marketplace,
        issues=[NoticeIssue(kind=kind, evidence=f"notice sentence about {kind.value}")],
        asins=case.asins,
        complaint_ids=case.complaint_ids,
        trademark_numbers=case.trademark_numbers,
        order_ids=case.order_ids,
        skus=case.skus,
        text=case.text,
        notice_date=date(2026, 11, 3),
        rejection=Rejection(weak_parts=[PlanPart.ROOT_CAUSE]) if rejected else None,
    )


def _compose(
    kind: IssueKind,
    case: Case,
    answers: dict[str, str],
    *,
    strengthen: list[PlanPart] | None = None,
    rejected: bool = False,
) -> PlanOfAction:
    report = _report(case.data, case.marketplace) if case.data else None
    return compose_plan(_notice(kind, case, rejected), report, answers, strengthen=strengthen or [])


def _interview(
    kind: IssueKind,
    case: Case,
    answers: dict[str, str],
    *,
    strengthen: list[PlanPart] | None = None,
    rejected: bool = False,
) -> dict[str, str]:
    """The answers a seller gives when the plan asks: its open and optional questions, round by round, so a
    pattern chosen by the notice's words (or by an earlier answer) gets only the questions it asks."""
    given: dict[str, str] = {}
    for _ in range(8):
        plan = _compose(kind, case, given, strengthen=strengthen, rejected=rejected)
        asked = [q for q in pending_questions(plan) + optional_questions(plan, given) if q in answers]
        new = {q: answers[q] for q in asked if q not in given}
        if not new:
            break
        given.update(new)
    return given


def _answers(kind: IssueKind) -> dict[str, str]:
    data = yaml.safe_load((ANSWERS / f"{kind.value}.yaml").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


def _texts(plan: PlanOfAction) -> list[str]:
    out = [plan.opening.text] if plan.opening else []
    out += [i.text for i in plan.changes_since_last]
    return out + [item.text for s in plan.sections for _, item in s.items()]


def _items(book: Playbook) -> list[tuple[str, TemplateItem]]:
    return (
        [("root cause", c) for c in book.root_causes]
        + [("corrective action", a) for a in book.corrective_actions]
        + [("preventive measure", p) for p in book.preventive_measures]
        + [("document", d) for d in book.documents]
    )


BOOKS = all_playbooks()


# --------------------------------------------------------------------------- the set of playbooks


def test_every_issue_kind_has_a_playbook() -> None:
    missing = [k.value for k in IssueKind if k not in BOOKS]
    assert not missing, f"issue kinds without a playbook: {missing}"


def test_playbook_files_are_named_after_their_kind() -> None:
    for path in PLAYBOOK_DIR.glob("*.yaml"):
        if path.stem != "common":
            assert yaml.safe_load(path.read_text(encoding="utf-8"))["kind"] == path.stem


def test_question_ids_have_one_prefix_per_playbook_and_are_unique() -> None:
    question_index()  # raises on an id defined twice with different texts
    owners: dict[str, str] = {}
    for kind, book in BOOKS.items():
        prefixes = {q.id.split(".")[0] for q in book.questions}
        assert len(prefixes) <= 1, f"{kind.value}: several question prefixes {sorted(prefixes)}"
        for prefix in prefixes:
            assert prefix not in owners, f"prefix {prefix!r} used by {owners[prefix]} and {kind.value}"
            assert prefix != "common"
            owners[prefix] = kind.value


@pytest.mark.parametrize("kind", list(BOOKS), ids=lambda k: k.value)
def test_slots_and_answer_references_resolve(kind: IssueKind) -> None:
    book = BOOKS[kind]
    defined = {q.id for q in book.questions} | {q.id for q in common_questions()}
    texts = [(f"{what} {item.id}", item.text) for what, item in _items(book)]
    texts += [(f"question {q.id}", q.ask) for q in book.questions]
    used: set[str] = set()
    for where, text in texts:
        for name in SLOT.findall(text):
            if name.startswith("answer:"):
                assert name[len("answer:") :] in defined, (
                    f"{kind.value} {where}: unknown question in {name!r}"
                )
                used.add(name[len("answer:") :])
            else:
                assert name in KNOWN_SLOTS, f"{kind.value} {where}: unknown slot {{{name}}}"
        rest = SLOT.sub("", text)
        assert "{" not in rest and "}" not in rest, f"{kind.value} {where}: stray brace in {text!r}"
        assert rest.count("<<") == rest.count(">>"), f"{kind.value} {where}: unbalanced << >>"
        assert not re.search(r"<<[^>]*<<", rest), f"{kind.value} {where}: nested << >>"
    conditioned = [q.when for q in book.questions] + [item.when for _, item in _items(book)]
    for cond in conditioned:
        for qid in (cond.answered or []) + (cond.unanswered or []):
            assert qid in defined, f"{kind.value}: condition names unknown question {qid!r}"
    orphans = sorted({q.id for q in book.questions} - used)
    assert not orphans, f"{kind.value}: questions no template uses: {orphans}"


def test_sources_name_existing_knowledge_documents() -> None:
    for kind, book in BOOKS.items():
        docs = re.findall(r"knowledge/([a-z0-9-]+)\.md", book.source)
        assert docs, f"{kind.value}: source names no knowledge document"
        for doc in docs:
            assert (REPO / "knowledge" / f"{doc}.md").is_file(), f"{kind.value}: knowledge/{doc}.md missing"


def test_knowledge_topics_exist_in_the_knowledge_base() -> None:
    topics: set[str] = set()
    for path in (REPO / "knowledge").glob("*.md"):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        topics |= set(front.get("topics") or [])
    for kind, book in BOOKS.items():
        assert book.knowledge_topics[:1] == [kind.value], f"{kind.value}: the kind itself comes first"
        unknown = sorted(set(book.knowledge_topics) - topics)
        assert not unknown, f"{kind.value}: topics no knowledge document carries: {unknown}"


@pytest.mark.parametrize("kind", list(BOOKS), ids=lambda k: k.value)
def test_templates_hold_no_numbers_future_tense_or_pleas(kind: IssueKind) -> None:
    for what, item in _items(BOOKS[kind]):
        bare = SLOT.sub("", item.text)
        assert not re.search(r"\d", bare), f"{kind.value} {what} {item.id}: a number outside a slot: {bare!r}"
        assert not BANNED.search(bare), f"{kind.value} {what} {item.id}: blame or plea: {bare!r}"
        if what == "corrective action":
            assert not FUTURE.search(bare), f"{kind.value} {item.id}: corrective actions are past tense"


# --------------------------------------------------------------------------- composing typical cases


def test_every_kind_of_this_suite_has_cases_and_answers() -> None:
    for kind in MY_KINDS:
        assert kind in BOOKS
        answers = _answers(kind)
        expected = {q.id for q in BOOKS[kind].questions} | {"common.owner", "common.prevention_start"}
        assert expected <= set(answers), (
            f"{kind.value}: answers missing for {sorted(expected - set(answers))}"
        )
        assert set(answers) <= set(question_index()), f"{kind.value}: answers for unknown questions"


@pytest.mark.parametrize("kind", MY_KINDS, ids=lambda k: k.value)
def test_without_answers_the_plan_asks_and_keeps_notice_facts(kind: IssueKind) -> None:
    for case in CASES[kind]:
        plan = _compose(kind, case, {})
        assert not plan.ready
        pending = pending_questions(plan)
        assert pending and set(pending) <= set(case_questions(None)) | {f"ask.{n}" for n in range(1, 40)}, (
            pending
        )
        text = "\n".join(_texts(plan))
        assert "[[" in text
        for fact in case.asins + case.complaint_ids + case.trademark_numbers + case.order_ids + case.skus:
            assert fact in text, f"{kind.value}: {fact} from the notice is missing from the plan"
        section = plan.sections[0]
        assert section.root_causes and section.corrective_actions and section.preventive_measures


@pytest.mark.parametrize("kind", MY_KINDS, ids=lambda k: k.value)
def test_with_the_answers_the_plan_is_ready_and_quotes_them(kind: IssueKind) -> None:
    answers = _answers(kind)
    used: set[str] = set()
    for case in CASES[kind]:
        for strengthen, rejected in (([], False), (list(PlanPart), False), ([], True)):
            given = _interview(kind, case, answers, strengthen=strengthen, rejected=rejected)
            plan = _compose(kind, case, given, strengthen=strengthen, rejected=rejected)
            assert plan.ready, f"{kind.value} {case}: still missing {plan.missing}"
            texts = _texts(plan)
            assert not any("[[" in t for t in texts)
            for fact in case.asins + case.complaint_ids + case.trademark_numbers + case.order_ids + case.skus:
                assert any(fact in t for t in texts), f"{kind.value}: {fact} missing"
            section = plan.sections[0]
            for _, item in section.items():
                for ref in item.refs:
                    if ref.kind == "answer":
                        used.add(ref.ref)
                        said = answers[ref.ref].strip().rstrip(" .")
                        assert said in item.text or said[:1].upper() + said[1:] in item.text
            assert section.supporting_documents, f"{kind.value}: no supporting documents listed"
    unused = sorted({q.id for q in BOOKS[kind].questions} - used)
    assert not unused, f"{kind.value}: the cases never use the answers to {unused}"


@pytest.mark.parametrize("kind", MY_KINDS, ids=lambda k: k.value)
def test_a_rejection_adds_detail(kind: IssueKind) -> None:
    answers = _answers(kind)
    case = CASES[kind][0]
    plain = _compose(kind, case, answers).sections[0]
    strong = _compose(kind, case, answers, strengthen=list(PlanPart)).sections[0]
    assert len(strong.items()) > len(plain.items()), f"{kind.value}: no detail items for a rejection"
    assert len(strong.root_causes) > len(plain.root_causes), f"{kind.value}: no detail for a weak root cause"


def test_metric_kinds_quote_the_metric() -> None:
    for kind in MY_KINDS:
        case = CASES[kind][0]
        if case.data is None:
            continue
        assert BOOKS[kind].metrics
        plan = _compose(kind, case, _answers(kind))
        text = "\n".join(_texts(plan))
        assert f"{case.data.numerator:,}" in text and f"{case.data.denominator:,}" in text, kind.value
        for dim_value in (v for _, v in case.data.drivers):
            assert dim_value in text, f"{kind.value}: driver {dim_value} missing"


def test_breached_metrics_compose_a_ready_improvement_plan() -> None:
    for kind in MY_KINDS:
        for case in CASES[kind]:
            report = _report(case.data, case.marketplace) if case.data else None
            if report is None or report.metrics[0].status is not MetricStatus.BREACH:
                continue
            plan = compose_plan(None, report, _answers(kind))
            assert plan.kind == "performance_improvement_plan"
            assert [s.issue for s in plan.sections] == [kind]
            assert plan.ready, f"{kind.value}: {plan.missing}"


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> HealthReport:
    from appeal_assistant.demo import DemoConfig, generate_demo
    from appeal_assistant.metrics.analyze import analyze_paths

    result = generate_demo(tmp_path_factory.mktemp("demo"), DemoConfig(orders=4000, seed=11, as_of=AS_OF))
    reports = [
        p for p in result.files if p.suffix in (".txt", ".tsv", ".csv") and not p.name.startswith("notice")
    ]
    return analyze_paths(reports)


@pytest.mark.parametrize("kind", [IssueKind.ON_TIME_DELIVERY_RATE, IssueKind.RETURN_RATE])
def test_slots_fill_from_the_analyzer(kind: IssueKind, demo_report: HealthReport) -> None:
    drivers = [
        f for f in demo_report.findings if f.kind is FindingKind.DRIVER and f.metric_id in BOOKS[kind].metrics
    ]
    plan = compose_plan(_notice(kind, Case()), demo_report, _answers(kind))
    assert plan.ready, plan.missing
    cause = plan.sections[0].root_causes[0]
    assert any(str(d.evidence_value("value")) in cause.text for d in drivers), cause.text
    assert any(r.kind == "finding" for r in cause.refs) and any(r.kind == "metric" for r in cause.refs)


def test_a_general_answer_stands_in_for_the_driver_specific_question() -> None:
    """New data can switch a section to the carrier-specific cause: the seller's general answer is kept."""
    case = Case(
        data=Data("late_shipment_rate", 87, 2100, drivers=[("carrier_method", "Parcelwise Ground Saver")])
    )
    general = {
        "lsr.root_cause": "the carrier missed pickups for two weeks",
        "lsr.action": "we moved to UPS on 3 May",
    }
    plan = _compose(IssueKind.LATE_SHIPMENT_RATE, case, general)
    section = plan.sections[0]
    text = " ".join(item.text for item in section.root_causes + section.corrective_actions)
    assert "Parcelwise Ground Saver" in text  # the driver-specific pattern is used
    # the seller's words are kept; the date is written in one form and the sentence starts in capitals
    assert "The carrier missed pickups for two weeks" in text and "We moved to UPS on 2026-05-03" in text
    assert "we we" not in text
    assert "lsr.carrier_cause" not in pending_questions(plan)
    specific = {**general, "lsr.carrier_cause": "their depot closed early every day"}
    text = " ".join(
        i.text for i in _compose(IssueKind.LATE_SHIPMENT_RATE, case, specific).sections[0].root_causes
    )
    assert "Their depot closed early every day" in text and "missed pickups" not in text


def test_covered_by_must_name_another_question_of_the_playbook() -> None:
    data = yaml.safe_load((PLAYBOOK_DIR / "late_shipment_rate.yaml").read_text(encoding="utf-8"))
    data["questions"][0]["covered_by"] = "lsr.no_such_question"
    with pytest.raises(ValueError, match="covered_by"):
        Playbook.model_validate(data)
