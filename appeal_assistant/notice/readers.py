"""Get a notice's text out of what the seller has: pasted text, .txt, .eml (MIME), .html or .pdf.

The format is read from the content first (a PDF named .txt is still a PDF), then from the name.
E-mails give the envelope's From, Subject and Date; a forwarded message's own header lines, when
present in the body, win over the envelope (the parser reads them). Anything unreadable becomes a
``NoticeError`` that says what to do instead.
"""

from __future__ import annotations

import codecs
import email
import io
import re
from dataclasses import dataclass
from datetime import date
from email.errors import MessageError
from email.header import decode_header, make_header
from email.message import Message
from email.utils import parseaddr, parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from appeal_assistant.errors import NoticeError
from appeal_assistant.models import Notice
from appeal_assistant.notice.dates import find_date
from appeal_assistant.notice.parser import SecondOpinion, parse_text

__all__ = [
    "MAX_BYTES",
    "NoticeFormat",
    "NoticeSource",
    "decode_text",
    "detect_format",
    "extract_source",
    "html_to_text",
    "read_notice",
    "read_notice_bytes",
]

NoticeFormat = Literal["text", "eml", "html", "pdf"]

#: Larger inputs are refused: a notice is a few kilobytes, a forwarded one with attachments a few MB.
MAX_BYTES = 25_000_000
_MAX_DEPTH = 20
_MAX_PDF_PAGES = 200
_SUFFIXES: dict[str, NoticeFormat] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".eml": "eml",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}
_MAIL_HEADER = re.compile(rb"^[!-9;-~]{1,60}:[^\n]*\r?\n(?:[ \t][^\n]*\r?\n)*", re.MULTILINE)
_MAIL_NAMES = re.compile(
    rb"^(?:mime-version|content-type|received|return-path|message-id|delivered-to):",
    re.IGNORECASE | re.MULTILINE,
)
_HTML_START = re.compile(
    rb"^\s*(?:<!doctype html|<html|<head|<body|<div|<p[\s>]|<table|<meta)", re.IGNORECASE
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")


@dataclass(frozen=True, slots=True)
class NoticeSource:
    """The text of a notice and what its envelope said about it."""

    text: str
    format: NoticeFormat
    sender: str | None = None
    subject: str | None = None
    sent: date | None = None


def decode_text(data: bytes) -> str:
    """Bytes to text: a BOM decides, else UTF-8, else Windows-1252 (older EU exports)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _ensure_text(text: str, name: str) -> str:
    sample = text[:200_000]
    if "\x00" in sample or (sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample)):
        raise NoticeError(
            f"{name!r} does not look like a text notice (it holds binary data); save the notice as "
            ".txt, .eml, .html or .pdf, or paste its text"
        )
    return text


def detect_format(data: bytes, name: str | None = None) -> NoticeFormat:
    """'pdf', 'eml', 'html' or 'text', by content first and file name second."""
    head = data[:4096]
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    suffix = Path(name).suffix.lower() if name else ""
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    block = head.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0] + b"\n"
    if _MAIL_NAMES.search(block) and sum(len(m.group(0)) for m in _MAIL_HEADER.finditer(block)) >= 0.8 * len(
        block
    ):
        return "eml"
    if _HTML_START.match(head):
        return "html"
    return "text"


class _HTMLText(HTMLParser):
    """HTML to text: blocks become lines, table cells tabs, list items bullets; links keep their address."""

    _BLOCK = frozenset(
        {
            "p",
            "div",
            "br",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "table",
            "ul",
            "ol",
            "section",
            "article",
            "header",
            "footer",
            "blockquote",
            "pre",
            "hr",
            "title",
            "dd",
            "dt",
        }
    )
    _SKIP = frozenset({"script", "style", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skip = 0
        self._links: list[tuple[str | None, int]] = []
        self._cells = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in ("td", "th"):
            self.out.append("\t" if self._cells else "")
            self._cells += 1
        elif tag == "tr":
            self.out.append("\n")
            self._cells = 0
        elif tag == "li":
            self.out.append("\n• ")
        elif tag in self._BLOCK:
            self.out.append("\n")
        if tag == "a":
            self._links.append((dict(attrs).get("href"), len(self.out)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "a" and self._links:
            href, start = self._links.pop()
            anchor = "".join(self.out[start:]).strip()
            href = (href or "").strip()
            if href.lower().startswith(("http://", "https://")) and href != anchor:
                self.out.append(f" ({href})")
        elif tag in self._BLOCK:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.out.append(re.sub(r"\s+", " ", data))


def html_to_text(markup: str) -> str:
    """Readable text of an HTML notice; link targets follow their anchor text in brackets."""
    parser = _HTMLText()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError, IndexError) as exc:  # html.parser on malformed declarations
        raise NoticeError(
            f"cannot read the HTML ({exc}); copy the notice text from the page instead"
        ) from exc
    lines = [line.strip(" ") for line in "".join(parser.out).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader  # imported here: only PDF notices need it

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and reader.decrypt("") == 0:
            raise NoticeError("the PDF is password-protected; open it, copy the text and paste it instead")
        pages = [page.extract_text() or "" for page in list(reader.pages)[:_MAX_PDF_PAGES]]
    except NoticeError:
        raise
    except Exception as exc:  # pypdf raises many exception types on damaged files; name the cause
        raise NoticeError(
            f"cannot read the PDF ({type(exc).__name__}: {exc}); open it, copy the text and paste it instead"
        ) from exc
    text = "\n\n".join(p for p in pages if p.strip())
    if not text.strip():
        raise NoticeError("the PDF has no text layer (a scan?); copy the notice text or run OCR on it first")
    return text


def _header(msg: Message, name: str) -> str | None:
    raw = msg.get(name)
    if raw is None:
        return None
    try:
        value = str(make_header(decode_header(str(raw))))
    except (MessageError, UnicodeError, LookupError, ValueError, TypeError):
        value = str(raw)
    return " ".join(value.split()) or None


def _header_date(msg: Message) -> date | None:
    raw = _header(msg, "Date")
    if raw is None:
        return None
    try:
        return parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return find_date(raw, day_first=True)


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, "replace")
    except (LookupError, UnicodeError, ValueError, TypeError):
        return decode_text(payload)


def _embedded(msg: Message, depth: int) -> str:
    """An attached (forwarded) message with its own header lines, so the parser sees its From and Date."""
    lines = [f"{name}: {value}" for name in ("From", "Date", "Subject") if (value := _header(msg, name))]
    return "\n".join(lines) + "\n\n" + _message_text(msg, depth + 1)


def _message_text(msg: Message, depth: int) -> str:
    if depth > _MAX_DEPTH:
        raise NoticeError(
            f"the e-mail is nested more than {_MAX_DEPTH} levels deep; forward the notice itself"
        )
    ctype = msg.get_content_type()
    payload = msg.get_payload()
    if ctype == "message/rfc822" and isinstance(payload, list):
        inner = [p for p in payload if isinstance(p, Message)]
        return "\n\n".join(_embedded(p, depth + 1) for p in inner)
    if msg.is_multipart() and isinstance(payload, list):
        children = [
            (p.get_content_type(), _message_text(p, depth + 1)) for p in payload if isinstance(p, Message)
        ]
        children = [(t, text) for t, text in children if text.strip()]
        if ctype == "multipart/alternative" and children:
            plain = max((text for t, text in children if t != "text/html"), key=len, default="")
            html = max((text for t, text in children if t == "text/html"), key=len, default="")
            return html if len(html.split()) >= 0.8 * len(plain.split()) else plain
        return "\n\n".join(text for _, text in children)
    if ctype == "text/html":
        return html_to_text(_part_text(msg))
    if ctype.startswith("text/"):
        return _part_text(msg)
    if ctype == "application/pdf":
        data = msg.get_payload(decode=True)
        try:
            return _pdf_text(data) if isinstance(data, bytes) else ""
        except NoticeError:
            return ""  # a broken attachment does not hide the message body
    return ""


def _read_eml(data: bytes, name: str) -> NoticeSource:
    try:
        msg = email.message_from_bytes(data)
        text = _message_text(msg, 0)
        sender = parseaddr(_header(msg, "From") or "")[1] or _header(msg, "From")
        subject, sent = _header(msg, "Subject"), _header_date(msg)
    except RecursionError as exc:
        raise NoticeError(
            f"the e-mail {name!r} is nested too deeply to read; forward the notice itself"
        ) from exc
    except (MessageError, LookupError, ValueError, TypeError) as exc:
        raise NoticeError(
            f"cannot read the e-mail {name!r} ({exc}); save it as .eml again or paste its text"
        ) from exc
    if not text.strip():
        raise NoticeError(f"the e-mail {name!r} has no readable text part; paste the notice text instead")
    return NoticeSource(_ensure_text(text, name), "eml", sender, subject, sent)


def extract_source(data: bytes, *, name: str | None = None) -> NoticeSource:
    """The text of a notice file (or pasted bytes) and its envelope facts."""
    label = name or "<stdin>"
    if len(data) > MAX_BYTES:
        raise NoticeError(
            f"{label!r} is {len(data) / 1e6:.1f} MB; a notice is far smaller, so save just the notice "
            f"(at most {MAX_BYTES // 1_000_000} MB)"
        )
    fmt = detect_format(data, name)
    if fmt == "pdf":
        return NoticeSource(_ensure_text(_pdf_text(data), label), "pdf")
    if fmt == "eml":
        return _read_eml(data, label)
    text = _ensure_text(decode_text(data), label)
    if fmt == "html":
        return NoticeSource(_ensure_text(html_to_text(text), label), "html")
    return NoticeSource(text, "text")


def read_notice_bytes(
    data: bytes,
    *,
    name: str | None = None,
    notice_date: date | None = None,
    second_opinion: SecondOpinion | None = None,
) -> Notice:
    """Parse notice bytes (e.g. from stdin or an upload) of any supported format."""
    source = extract_source(data, name=name)
    return parse_text(
        source.text,
        notice_date=notice_date,
        default_date=source.sent,
        default_sender=source.sender,
        default_subject=source.subject,
        second_opinion=second_opinion,
    )


def read_notice(
    path: Path | str,
    *,
    notice_date: date | None = None,
    second_opinion: SecondOpinion | None = None,
) -> Notice:
    """Read a notice file (.txt, .eml, .html, .pdf, or anything holding one of them) into a Notice."""
    file = Path(path)
    try:
        if file.is_dir():
            raise NoticeError(f"{str(file)!r} is a folder; give the notice file inside it")
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise NoticeError(f"{str(file)!r} is {size / 1e6:.1f} MB; save just the notice (at most 25 MB)")
        data = file.read_bytes()
    except FileNotFoundError as exc:
        raise NoticeError(
            f"notice file {str(file)!r} not found; check the path, or pass '-' to read stdin"
        ) from exc
    except OSError as exc:
        raise NoticeError(f"cannot read notice file {str(file)!r}: {exc.strerror or exc}") from exc
    return read_notice_bytes(data, name=file.name, notice_date=notice_date, second_opinion=second_opinion)
