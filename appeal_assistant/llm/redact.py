"""Redaction: personal and payment details are masked before text leaves the machine, and restored locally.

Buyer data never reaches the LLM layer (report readers drop it), but a notice or an answer the seller
types may quote an e-mail, a phone number, a street address, a buyer's name or payment details (a name
after a cue such as "buyer" or "Mr", or a common given name from given_names.txt followed by a
capitalised surname). A
:class:`Redactor` replaces each distinct value with a stable token such as ``«EMAIL_1»`` and keeps the
mapping in memory only; :meth:`Redactor.restore` puts the values back into the model's reply. Order ids,
ASINs, dates, percentages and prices are facts a plan needs and are never masked. As a last guard the
masked text also goes through :func:`appeal_assistant.privacy.scrub_text` (report comments' scrubber).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from appeal_assistant.privacy import EMAIL_PATTERN, scrub_text

__all__ = ["KEEP_PATTERNS", "REDACTION_RULES", "TOKEN", "RedactionRule", "Redactor"]

#: A masked value as the model sees it; the bare form (``EMAIL_1``) is restored too, for models that
#: drop the guillemets.
TOKEN = re.compile(r"«([A-Z]+_\d+)»|\b((?:EMAIL|PHONE|ADDRESS|CARD|IBAN|ACCOUNT|NAME|PRIVATE)_\d+)\b")
#: Escape sequences of JSON strings (text sent to a model is often a JSON document).
_ESCAPES = re.compile(r'\\(?:u[0-9a-fA-F]{4}|["\\/bfnrt])')
_PARTIAL_TOKEN = re.compile(r"(«[A-Z_0-9]*|\b[A-Z][A-Z_0-9]*)$")
_MAX_TOKEN_CHARS = 24

#: Facts a plan needs, never masked even when a rule below would match them.
KEEP_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b\d{3}-\d{7}-\d{7}\b"),  # Amazon order id
    re.compile(r"\b\d{2}-\d{5}-\d{5}\b"),  # eBay order number
    re.compile(r"\bB0[A-Z0-9]{8}\b"),  # ASIN
    re.compile(r"\b20\d{2}-\d{2}-\d{2}\b"),  # ISO date
    re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.](?:20)?\d{2}\b"),  # numeric date
    re.compile(r"(?<![\w.])\d{1,3}(?:\.\d+)?\s?%"),  # percentage
    re.compile(r"[$€£]\s?\d[\d,]*(?:\.\d+)?"),  # price
    # an id after its label: complaint, case, reference, ticket, trademark, tracking
    re.compile(
        r"(?i:\b(?:complaint|case|reference|ref|ticket|trademark|registration|tracking|shipment)"
        r"(?:\s*(?:id|number|no\.?|#))?)\s*[:#]?\s*[A-Z0-9][A-Z0-9\-]{3,}(?:\s\d{2,})*"
    ),
)


@dataclass(frozen=True)
class RedactionRule:
    """``pattern``'s group ``group`` is a private value of ``kind``; ``accept`` may shorten or refuse it."""

    kind: str
    pattern: re.Pattern[str]
    why: str
    group: int = 0
    accept: Callable[[str], str | None] | None = None


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _luhn(value: str) -> str | None:
    digits = _digits(value)
    if not 13 <= len(digits) <= 19:
        return None
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return value if total % 10 == 0 else None


def _iban(value: str) -> str | None:
    compact = value.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return None
    moved = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in moved)
    return value if int(number) % 97 == 1 else None


def _min_digits(count: int) -> Callable[[str], str | None]:
    def accept(value: str) -> str | None:
        return value if len(_digits(value)) >= count else None

    return accept


def _phone(value: str) -> str | None:
    digits = len(_digits(value))
    if not 7 <= digits <= 15:
        return None
    if value.startswith("0") and digits < 9:
        return None  # short trunk-prefixed groups are more often codes or sizes than phones
    return value


#: Capitalised words a name cue is often followed by that are not a person ("customer Service").
_NOT_NAMES_TEXT = (
    "Service Services Support Account Accounts Feedback Seller Sellers Central Guarantee Claim "
    "Claims Return Returns Experience Review Reviews Team Order Orders Care Success Satisfaction "
    "Metrics Message Messages Inquiry Question Questions Complaint Complaints Policy Customer "
    "Customers Buyer Buyers Sir Madam Partner Valued Amazon Walmart Ebay Prime Hello Thank Thanks "
    "Regards Please Our We The I"
)
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())


def _person(value: str) -> str | None:
    words = value.split()
    while words and words[-1].rstrip(".") in _NOT_NAMES:
        words.pop()
    if not words or words[0] in _NOT_NAMES or len(words[0]) < 2:
        return None
    return value[: value.index(words[-1]) + len(words[-1])]


_FENCE_L = r"(?<![\w\-/.+])(?<!\d\s)"
_FENCE_R = r"(?![\w\-/]|\.\d)"
_STREET_TYPES = (
    "Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Close|"
    "Crescent|Cres|Parkway|Pkwy|Highway|Hwy|Square|Sq|Circle|Cir|Crossing|Xing|Row|Trail|Trl|Alley|Grove|"
    "Gardens|Mews|Walk|Loop|Pike|Plaza"
)
_UNIT = r"(?:,?\s+(?:Apt|Apartment|Unit|Suite|Ste|Flat|Floor|Fl|#)\.?\s*#?[A-Za-z0-9\-]+)?"
_NAME_WORD = r"(?:[A-Z][a-zà-ÿ]+(?:[A-Z][a-zà-ÿ]+)?(?:['’\-][A-Z]?[a-zà-ÿ]+)*|[A-Z]['’][A-Z][a-zà-ÿ]+)"
_PARTICLES = r"de|del|della|da|di|van|von|der|den|le|la|bin|ibn|al"

#: Every kind of private detail masked before text goes to a model, in matching order (the first rule
#: to claim a stretch of text wins). Shapes follow the common US/UK/EU formats of each kind.
REDACTION_RULES: tuple[RedactionRule, ...] = (
    RedactionRule("EMAIL", EMAIL_PATTERN, "e-mail"),
    RedactionRule(
        "IBAN",
        re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b"),
        "IBAN (ISO 13616 check digits verified)",
        accept=_iban,
    ),
    RedactionRule(
        "CARD",
        re.compile(
            r"(?<![\w\-])(?<!\d )(?:\d{4}(?:[ \-]\d{4}){2}[ \-]\d{1,4}(?:[ \-]\d{1,3})?|\d{4}[ \-]\d{6}[ \-]\d{5}"
            r"|\d{13,19})(?![\w\-]|\.\d|[ \-]\d)"
        ),
        "payment card number (Luhn check verified)",
        accept=_luhn,
    ),
    RedactionRule(
        "ACCOUNT",
        re.compile(
            r"(?i:\b(?:bank\s+)?(?:account|acct|a/c)\.?\s*(?:number|no\.?|num|#)|\brouting\s*(?:number|no\.?|#)?"
            r"|\bsort\s*code|\bbsb|\baba\s*(?:number|no\.?)?)\s*[:#]?\s*(\d[\d \-]{3,30}\d)(?![\w\-])"
        ),
        "bank account, routing number or sort code after its label",
        group=1,
        accept=_min_digits(5),
    ),
    RedactionRule(
        "PHONE",
        re.compile(
            _FENCE_L + r"(?:\+\d{1,3}(?:[\s.\-]?(?:\(\d{1,5}\)|\d{1,5})){2,6}|\(\d{3}\)\s?\d{3}[\s.\-]\d{4}"
            r"|(?:1[\s.\-])?\d{3}[\s.\-]\d{3}[\s.\-]\d{4}|0\d{1,4}(?:[\s\-]\d{2,8}){1,4}"
            r"|1?[2-9]\d{2}[2-9]\d{6}|07\d{9})" + _FENCE_R
        ),
        "phone number (international, North American, trunk-prefixed national)",
        accept=_phone,
    ),
    RedactionRule(
        "PHONE",
        re.compile(
            r"(?i:\b(?:phone|tel|telephone|call|text|mobile|cell|whatsapp|ph)\b[.:#]?\s*(?:(?:me|us|at|on)\s+)*)"
            r"(\+?\d[\d\s.\-()]{5,}\d)" + _FENCE_R
        ),
        "shorter local phone number right after a word that announces one",
        group=1,
        accept=_phone,
    ),
    RedactionRule(
        "ADDRESS",
        re.compile(
            r"\b\d{1,6}[A-Za-z]?(?:\s+(?:[NSEW]\.?|North|South|East|West|\d{1,3}(?:st|nd|rd|th)|[A-Z][A-Za-z'\-]+))"
            r"{1,4}?\s+(?:" + _STREET_TYPES + r")\b" + _UNIT
        ),
        "street address: house number, street name and street type (US/UK)",
    ),
    RedactionRule(
        "ADDRESS",
        re.compile(
            r"\b[A-ZÄÖÜ][a-zäöüß]+(?:straße|strasse|str\.|weg|gasse|allee|platz|ring|damm)\s+\d{1,4}[a-z]?\b"
        ),
        "street address, German form (street then number)",
    ),
    RedactionRule(
        "ADDRESS",
        re.compile(
            r"\b\d{1,4},?\s+(?i:rue|avenue|boulevard|chemin|impasse|place|quai|via|viale|calle|avenida|carrer)"
            r"\s+(?:(?:de|du|des|la|le|les|del|della|di|d'|l')\s*)*[A-ZÀ-Ý][\w'\-]+(?:\s+[A-ZÀ-Ý][\w'\-]+){0,3}"
        ),
        "street address, French/Italian/Spanish form (number, street type, name)",
    ),
    RedactionRule(
        "ADDRESS", re.compile(r"(?i:\bP\.?\s?O\.?\s*Box|\bPost\s+Office\s+Box)\s+\d{1,8}\b"), "PO box"
    ),
    RedactionRule(
        "ADDRESS",
        re.compile(r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2},\s[A-Z]{2}\s\d{5}(?:-\d{4})?\b"),
        "US city, state and ZIP code",
    ),
    RedactionRule("ADDRESS", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b"), "UK postcode"),
    RedactionRule(
        "NAME",
        re.compile(
            r"(?i:\b(?:buyer|customer|recipient|consignee|purchaser|shopper|addressee|dear|attn|attention)\b"
            r"(?:'s)?(?:\s+(?:name|is|was|called|named))?\s*[:\-]?\s+|\b(?:mr|mrs|ms|mx|miss|dr)\.?\s+"
            r"|\b(?:name|ship\s+to|sold\s+to|bill\s+to|deliver\s+to)\s*:\s*)"
            r"(" + _NAME_WORD + r"(?:\s+(?:(?:" + _PARTICLES + r")\s+)?(?:" + _NAME_WORD + r"|[A-Z]\.)){0,3})"
        ),
        "person's name after a cue (buyer, customer, Mr/Ms, 'Ship to:')",
        group=1,
        accept=_person,
    ),
)


#: Common given names (data file beside this module, with its note); a given name followed by one to three
#: capitalised words is taken for a person's full name even without a cue ("we refunded Ana Souza").
GIVEN_NAMES_FILE = Path(__file__).with_name("given_names.txt")


@functools.cache
def given_names() -> frozenset[str]:
    """The given names of GIVEN_NAMES_FILE (empty when the file is missing)."""
    try:
        lines = GIVEN_NAMES_FILE.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@functools.cache
def _full_name_rule() -> RedactionRule | None:
    names = given_names()
    if not names:
        return None
    first = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(
        r"(?<![\w@.\-])(?:"
        + first
        + r")(?:\s+(?:(?:"
        + _PARTICLES
        + r")\s+)?(?:"
        + _NAME_WORD
        + r"|[A-Z]\.)){1,3}"
        r"(?![\w@])"
    )
    return RedactionRule(
        "NAME", pattern, "a common given name followed by a capitalised surname", accept=_full_name
    )


def _full_name(value: str) -> str | None:
    words = value.split()
    while words and words[-1].rstrip(".") in _NOT_NAMES:
        words.pop()
    if len(words) < 2 or words[1] in _NOT_NAMES:
        return None
    return value[: value.index(words[-1]) + len(words[-1])]


def _alternation(values: Iterable[str]) -> re.Pattern[str]:
    """One pattern matching any of ``values`` as a whole word, longest first."""
    ordered = sorted({v.strip() for v in values if v.strip()}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v in ordered) + r")(?!\w)")


class Redactor:
    """Masks private details with stable tokens and restores them; the mapping never leaves this object.

    ``known`` values are always masked (e.g. a name the seller asked to hide); ``keep`` values are never
    masked (the ids of the case: order ids, complaint ids, SKUs).
    """

    def __init__(self, known: Iterable[str] = (), keep: Iterable[str] = ()) -> None:
        keep = list(keep)
        self._token_of: dict[str, str] = {}
        self._value_of: dict[str, str] = {}
        self._counts: dict[str, int] = {}
        self._keep = [_alternation(keep)] if any(v.strip() for v in keep) else []
        known = [v for v in known if v.strip()]
        self._known = (
            (RedactionRule("PRIVATE", _alternation(known), "value the caller asked to keep private"),)
            if known
            else ()
        )

    @property
    def mapping(self) -> dict[str, str]:
        """Token -> original value (a copy)."""
        return dict(self._value_of)

    def _token(self, kind: str, value: str) -> str:
        token = self._token_of.get(value)
        if token is None:
            self._counts[kind] = self._counts.get(kind, 0) + 1
            token = f"{kind}_{self._counts[kind]}"
            self._token_of[value] = token
            self._value_of[token] = value
        return f"«{token}»"

    def mask(self, text: str) -> str:
        """``text`` with every private detail replaced by its token.

        A value masked once is masked wherever it appears again, even without the cue that revealed it
        (a buyer's name restored into a plan and sent back in a revision).
        """
        if not text:
            return text
        before = len(self._value_of)
        masked = self._mask_once(text)
        return self._mask_once(masked) if len(self._value_of) > before else masked

    def _seen(self) -> tuple[RedactionRule, ...]:
        if not self._token_of:
            return ()
        return (RedactionRule("SEEN", _alternation(self._token_of), "value masked before"),)

    def _mask_once(self, text: str) -> str:
        # Rules match on a view where JSON escapes are blanked, so '\\nBuyer' still starts a word; the
        # view has the same length, and values are cut from the original text.
        view = _ESCAPES.sub(lambda m: " " * len(m.group(0)), text)
        kept = [m.span() for pattern in (*KEEP_PATTERNS, *self._keep) for m in pattern.finditer(view)]
        taken = list(kept)
        pieces: list[tuple[int, int, str | None]] = [(s, e, None) for s, e in kept]
        names = _full_name_rule()
        for rule in (*self._known, *self._seen(), *REDACTION_RULES, *((names,) if names else ())):
            for m in rule.pattern.finditer(view):
                start, end = m.span(rule.group)
                if start < 0:
                    continue
                value = text[start:end].split("\\", 1)[0].rstrip()  # never across a JSON escape
                end = start + len(value)
                if not value:
                    continue
                if rule.accept is not None:
                    accepted = rule.accept(value)
                    if accepted is None:
                        continue
                    end = start + len(accepted)
                    value = accepted
                if any(start < e and end > s for s, e in taken):
                    continue
                taken.append((start, end))
                pieces.append((start, end, self._token(rule.kind, value)))
        out: list[str] = []
        pos = 0
        for start, end, token in sorted(pieces):
            if end <= pos:
                continue
            if start > pos:
                # the privacy scrubber is the last guard, on text no rule claimed and no fact protects
                out.append(scrub_text(text[pos:start]))
            out.append(token if token is not None else text[max(start, pos) : end])
            pos = end
        out.append(scrub_text(text[pos:]))
        return "".join(out)

    def restore(self, text: str, *, json_escape: bool = False) -> str:
        """Put the original values back; with ``json_escape`` they are escaped for a JSON string."""

        def back(match: re.Match[str]) -> str:
            token = match.group(1) or match.group(2)
            value = self._value_of.get(token)
            if value is None:
                return match.group(0)
            return json.dumps(value, ensure_ascii=False)[1:-1] if json_escape else value

        return TOKEN.sub(back, text) if self._value_of else text

    def split_ready(self, buffer: str) -> tuple[str, str]:
        """(text safe to restore now, a trailing piece that may be the start of a token) for streams."""
        m = _PARTIAL_TOKEN.search(buffer)
        if m is None or len(m.group(0)) > _MAX_TOKEN_CHARS:
            return buffer, ""
        return buffer[: m.start()], buffer[m.start() :]
