"""Fuzzed input never raises anything but NoticeError: random text, huge text, random bytes, nested MIME."""

from __future__ import annotations

import importlib.util
import random
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appeal_assistant.errors import NoticeError
from appeal_assistant.models import Notice
from appeal_assistant.notice import parse_notice, read_notice, read_notice_bytes
from appeal_assistant.notice.parser import MAX_NOTICE_CHARS

NOTICES = Path(__file__).resolve().parent / "fixtures" / "notices"
FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# words that steer the parser into its rules, mixed with noise
WORDS = [
    "Amazon.com",
    "eBay",
    "Walmart",
    "account",
    "has",
    "been",
    "deactivated",
    "within",
    "17",
    "days",
    "72",
    "hours",
    "invoices",
    "send",
    "not",
    "no",
    "ASIN",
    "B0CXY7PL2D",
    "Complaint",
    "ID:",
    "9024417731",
    "113-4402918-5520164",
    "Date:",
    "03/11/2026",
    "From:",
    "x@gmail.com",
    "http://a.top/x",
    "counterfeit",
    "trademark",
    "ODR",
    "1.8%",
    "%",
    "by",
    "November",
    "3,",
    "2026",
    "\n",
    "\n- ",
    "•",
    ":",
    ".",
    "?",
    "(1)",
    "appeal",
    "rejected",
    "root",
    "cause",
    "password",
    "gift",
    "card",
    "WhatsApp",
    "<p>",
    "</a>",
    "\t",
    "|",
]


def _outcome(call: object) -> None:
    """Run ``call``: a Notice or a NoticeError are both fine; anything else fails the test."""
    assert callable(call)
    try:
        result = call()
    except NoticeError as exc:
        assert str(exc)
        return
    assert isinstance(result, Notice)


@FUZZ
@given(st.text(max_size=3000))
def test_random_text(text: str) -> None:
    _outcome(lambda: parse_notice(text))


@FUZZ
@given(st.lists(st.sampled_from(WORDS), max_size=300), st.randoms(use_true_random=False))
def test_notice_like_word_salad(words: list[str], rnd: random.Random) -> None:
    text = " ".join(words)
    _outcome(
        lambda: parse_notice(
            text, notice_date=None if rnd.random() < 0.5 else __import__("datetime").date(2026, 1, 1)
        )
    )


@FUZZ
@given(
    st.binary(max_size=4000), st.sampled_from(["notice.txt", "notice.eml", "notice.pdf", "notice.html", "x"])
)
def test_random_bytes_in_files(tmp_path_factory: pytest.TempPathFactory, data: bytes, name: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(data)
    _outcome(lambda: read_notice(path))


@FUZZ
@given(st.binary(max_size=3000))
def test_bytes_that_claim_to_be_pdf_or_mail(data: bytes) -> None:
    _outcome(lambda: read_notice_bytes(b"%PDF-1.7\n" + data, name="x.pdf"))
    _outcome(
        lambda: read_notice_bytes(b"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n" + data)
    )


def _mutated_pdf(seed: int) -> bytes:
    spec = importlib.util.spec_from_file_location("make_pdf", NOTICES / "make_pdf.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data = bytearray(module.build_pdf("Your Amazon.com account has been deactivated.\nASIN B0CXY7PL2D"))
    rnd = random.Random(seed)
    for _ in range(rnd.randint(1, 20)):
        data[rnd.randrange(len(data))] = rnd.randrange(256)
    return bytes(data)


@pytest.mark.parametrize("seed", range(40))
def test_damaged_pdfs(seed: int) -> None:
    _outcome(lambda: read_notice_bytes(_mutated_pdf(seed), name="damaged.pdf"))


@FUZZ
@given(
    st.recursive(
        st.text(max_size=200),
        lambda children: st.lists(children, min_size=1, max_size=3),
        max_leaves=12,
    ),
    st.sampled_from(["plain", "html"]),
)
def test_nested_multipart_mime(tree: object, subtype: str) -> None:
    def build(node: object, depth: int = 0) -> EmailMessage:
        message = EmailMessage()
        if isinstance(node, str):
            body = f"<p>{node}</p>" if subtype == "html" else node
            message.set_content(body or "x", subtype=subtype)
            return message
        assert isinstance(node, list)
        message.make_mixed()
        for child in node:
            part = build(child, depth + 1)
            if depth % 2:
                message.attach(part)
            else:
                message.add_attachment(part)
        return message

    data = build(tree).as_bytes()
    _outcome(lambda: read_notice_bytes(data, name="nested.eml"))


def _huge(size: int) -> str:
    rnd = random.Random(5)
    base = (NOTICES / "amazon_uk_inauthentic_current.txt").read_text(encoding="utf-8")
    noise = " ".join(rnd.choice(WORDS) for _ in range(20_000))
    return ((base + noise) * (size // (len(base) + len(noise)) + 1))[:size]


def test_huge_text_about_five_megabytes(tmp_path: Path) -> None:
    text = _huge(5_000_000)
    with pytest.raises(NoticeError, match="paste or attach only the notice"):
        parse_notice(text)
    path = tmp_path / "huge.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NoticeError, match="characters long"):
        read_notice(path)


def test_largest_accepted_text_still_parses() -> None:
    text = _huge(MAX_NOTICE_CHARS)
    notice = parse_notice(text)
    assert notice.issue_kinds and len(notice.text) == MAX_NOTICE_CHARS


@pytest.mark.parametrize("text", ["a" * 400_000, "Amazon.com. " * 40_000, "\n" * 400_000, "ä" * 600_000])
def test_huge_degenerate_texts(text: str) -> None:
    _outcome(lambda: parse_notice(text))
