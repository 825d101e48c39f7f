"""Reading notice files: format detection, e-mail (plain, HTML, forwarded, attached), HTML, PDF, errors."""

from __future__ import annotations

import importlib.util
from datetime import date
from email.message import EmailMessage
from pathlib import Path
from types import ModuleType

import pytest

from appeal_assistant.errors import NoticeError
from appeal_assistant.models import IssueKind, NoticeStatus
from appeal_assistant.notice import read_notice, read_notice_bytes
from appeal_assistant.notice.readers import detect_format, extract_source, html_to_text

NOTICES = Path(__file__).resolve().parent / "fixtures" / "notices"
BODY = (
    "Hello,\n\nYour Amazon.co.uk selling account has been deactivated because customers reported "
    "counterfeit items (ASIN B0CXY7PL2D). Please send invoices and a plan of action within 17 days.\n"
)


def _make_pdf_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_pdf", NOTICES / "make_pdf.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"%PDF-1.4\n...", "notice.txt", "pdf"),
        (b"Hello", "notice.eml", "eml"),
        (b"<p>Hello</p>", "page.htm", "html"),
        (b"From: a@b.c\nMIME-Version: 1.0\nSubject: x\n\nbody", None, "eml"),
        (b"<!DOCTYPE html><html><body>x</body></html>", None, "html"),
        (b"From: seller-performance@amazon.com\nSubject: x\n\nbody", None, "text"),
        (b"Hello, your account", "notice.unknown", "text"),
    ],
)
def test_detect_format(data: bytes, name: str | None, expected: str) -> None:
    assert detect_format(data, name) == expected


def test_multipart_email_prefers_the_fuller_html_part() -> None:
    notice = read_notice(NOTICES / "amazon_au_multipart.eml")
    assert notice.sender == "no-reply@amazon.com.au"
    assert notice.subject == "Your account health needs attention"
    assert notice.notice_date == date(2026, 2, 4)
    assert "https://sellercentral.amazon.com.au/performance/dashboard" in notice.links
    assert "Late dispatch rate (30 days)\t7.9%" in notice.text


def test_forwarded_email_uses_the_original_headers() -> None:
    notice = read_notice(NOTICES / "amazon_uk_rejection_forwarded.eml")
    assert notice.sender == "seller-performance@amazon.co.uk"  # not the seller who forwarded it
    assert notice.notice_date == date(2026, 6, 8)  # not the forwarding date (11 June)
    assert notice.phishing_signals == []


def test_attached_message_and_its_headers() -> None:
    inner = EmailMessage()
    inner["From"] = "Amazon.co.uk <seller-performance@amazon.co.uk>"
    inner["Date"] = "Tue, 12 May 2026 09:13:58 +0100"
    inner["Subject"] = "Your Amazon.co.uk selling account"
    inner.set_content(BODY)
    outer = EmailMessage()
    outer["From"] = "me@example.org"
    outer["Date"] = "Fri, 15 May 2026 10:00:00 +0100"
    outer["Subject"] = "Fwd: notice"
    outer.set_content("See the attached notice.")
    outer.add_attachment(inner)
    notice = read_notice_bytes(outer.as_bytes(), name="fwd.eml")
    assert notice.sender == "seller-performance@amazon.co.uk"
    assert notice.notice_date == date(2026, 5, 12) and notice.deadline == date(2026, 5, 29)
    assert notice.issue_kinds == [IssueKind.INAUTHENTIC]
    assert notice.status == NoticeStatus.DEACTIVATED


def test_email_with_only_an_html_part_and_a_pdf_attachment() -> None:
    message = EmailMessage()
    message["From"] = "seller-performance@amazon.co.uk"
    message["Subject"] = "Notice"
    message.set_content(f"<html><body><p>{BODY}</p></body></html>", subtype="html")
    pdf = _make_pdf_module().build_pdf("Complaint ID: 9024417731 for ASIN B0CXY7PM9Q")
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename="details.pdf")
    message.add_attachment(b"%PDF-1.4 broken", maintype="application", subtype="pdf", filename="bad.pdf")
    notice = read_notice_bytes(message.as_bytes(), name="notice.eml")
    assert notice.asins == ["B0CXY7PL2D", "B0CXY7PM9Q"]
    assert notice.complaint_ids == ["9024417731"]


def test_html_keeps_links_tables_and_lists() -> None:
    text = html_to_text(
        "<html><head><style>p{}</style><script>var x = 'Amazon';</script></head><body>"
        "<p>Open <a href='https://evil.example/x'>sellercentral.amazon.com</a> now</p>"
        "<table><tr><th>ASIN</th><th>Complaint ID</th></tr><tr><td>B0B7WQ3RTN</td><td>7719305524</td></tr>"
        "</table><ul><li>invoices</li><li>a plan of action</li></ul></body></html>"
    )
    assert "var x" not in text
    assert "sellercentral.amazon.com (https://evil.example/x)" in text
    assert "ASIN\tComplaint ID\nB0B7WQ3RTN\t7719305524" in text
    assert "• invoices\n• a plan of action" in text


def test_pdf_notice_reads_its_text_layer() -> None:
    notice = read_notice(NOTICES / "amazon_it_odr_pdf.pdf")
    assert notice.region == "amazon.it" and notice.notice_date == date(2026, 4, 15)
    assert extract_source((NOTICES / "amazon_it_odr_pdf.pdf").read_bytes()).format == "pdf"


def test_pdf_without_text_is_a_typed_error() -> None:
    empty = _make_pdf_module().build_pdf("")
    with pytest.raises(NoticeError, match="no text layer"):
        read_notice_bytes(empty, name="scan.pdf")


def test_encodings_are_decoded() -> None:
    text = "Your Amazon.de account has been deactivated. Grüße, Amazon.de"
    for data in (
        text.encode("utf-8"),
        b"\xef\xbb\xbf" + text.encode("utf-8"),
        text.encode("cp1252"),
        text.encode("utf-16"),
    ):
        notice = read_notice_bytes(data)
        assert "Grüße" in notice.text and notice.status == NoticeStatus.DEACTIVATED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x01\x02binary\x00data" * 10, "binary"),
        (b"", "empty"),
        (b"   \n ", "empty"),
    ],
)
def test_unreadable_bytes_are_typed_errors(data: bytes, message: str) -> None:
    with pytest.raises(NoticeError, match=message):
        read_notice_bytes(data, name="notice.txt")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(NoticeError, match="not found"):
        read_notice(tmp_path / "nope.txt")
    with pytest.raises(NoticeError, match="is a folder"):
        read_notice(tmp_path)


def test_too_deeply_nested_email_is_a_typed_error() -> None:
    message = EmailMessage()
    message.set_content("innermost")
    for _ in range(30):
        outer = EmailMessage()
        outer.set_content("wrapper")
        outer.add_attachment(message)
        message = outer
    with pytest.raises(NoticeError, match="nested"):
        read_notice_bytes(message.as_bytes(), name="deep.eml")
