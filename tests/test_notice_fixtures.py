"""Every fixture notice parses to its expected facts, and the notice evaluation passes its floors."""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from pathlib import Path

import pytest

from appeal_assistant.evaluation.notice_eval import (
    KIND_FLOOR,
    NoticeCase,
    check_notice,
    evaluate_notices,
    format_report,
    load_cases,
)
from appeal_assistant.models import IssueKind, Marketplace
from appeal_assistant.notice import parse_notice, read_notice
from appeal_assistant.notice.patterns import CLASSIFIED_KINDS

NOTICES = Path(__file__).resolve().parent / "fixtures" / "notices"
CASES = load_cases(NOTICES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_parses_to_expectation(case: NoticeCase) -> None:
    notice = read_notice(case.path)
    failed = [f"{c.name}: {c.reason}" for c in check_notice(case.expected, notice) if not c.passed]
    assert failed == []


def test_fixture_set_covers_what_the_issue_asks_for() -> None:
    assert len(CASES) >= 32
    formats = Counter(c.path.suffix for c in CASES)
    assert formats[".eml"] >= 2 and formats[".html"] >= 1 and formats[".pdf"] >= 1
    covered = {kind for c in CASES for kind in c.expected.issues or []}
    assert covered == set(CLASSIFIED_KINDS)
    marketplaces = {c.expected.marketplace for c in CASES}
    assert {Marketplace.AMAZON, Marketplace.EBAY, Marketplace.WALMART} <= marketplaces
    regions = {c.expected.region for c in CASES if c.expected.region}
    assert len(regions) >= 8
    assert sum(1 for c in CASES if c.expected.rejection) >= 3
    assert sum(1 for c in CASES if c.expected.phishing_signals) >= 3


def test_evaluation_reaches_its_floors() -> None:
    result = evaluate_notices(NOTICES)
    report = format_report(result)
    assert result.passed, report
    assert all(k.precision >= KIND_FLOOR and k.recall >= KIND_FLOOR for k in result.kinds)
    assert result.errors == 0 and result.uncovered == []
    assert "micro precision 1.000" in report


def test_evaluation_reports_a_missed_kind(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Your Amazon.com account is at risk because of your late shipment rate.\n"
    )
    (tmp_path / "a.expected.json").write_text('{"issues": ["late_shipment_rate", "recall"]}')
    result = evaluate_notices(tmp_path, require_every_kind=False)
    scores = {k.kind: k for k in result.kinds}
    assert scores[IssueKind.LATE_SHIPMENT_RATE].recall == 1.0
    assert scores[IssueKind.RECALL].recall == 0.0 and IssueKind.RECALL in result.below_floor
    assert not result.passed
    assert "FAIL a.issues" in format_report(result)


def test_committed_pdf_matches_its_generator() -> None:
    spec = importlib.util.spec_from_file_location("make_pdf", NOTICES / "make_pdf.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    source = (NOTICES / "sources" / "amazon_it_odr_pdf.txt").read_text(encoding="utf-8")
    assert module.build_pdf(source) == (NOTICES / "amazon_it_odr_pdf.pdf").read_bytes()


@pytest.mark.parametrize("path", sorted(NOTICES.glob("*.txt")), ids=lambda p: p.stem)
def test_flattened_text_reads_like_the_original(path: Path) -> None:
    """A notice pasted from a web page as one long paragraph gives the same reading."""
    original = read_notice(path)
    flat = parse_notice(re.sub(r"\s+", " ", path.read_text(encoding="utf-8")))
    assert sorted(flat.issue_kinds) == sorted(original.issue_kinds)
    assert flat.status == original.status
    assert flat.marketplace == original.marketplace and flat.region == original.region
    assert sorted(d.kind for d in flat.requested_documents) == sorted(
        d.kind for d in original.requested_documents
    )
    assert (flat.asins, flat.order_ids, flat.complaint_ids) == (
        original.asins,
        original.order_ids,
        original.complaint_ids,
    )
    assert flat.deadline_days == original.deadline_days
