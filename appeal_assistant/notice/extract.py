"""Facts a notice states literally: marketplace and region, ids, links, policy names, metric values."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from appeal_assistant.models import IssueKind, Marketplace, MetricMention, MetricStatus
from appeal_assistant.notice.asks import (
    FILE_TYPES,
)
from appeal_assistant.notice.marketplaces import (
    MARKETPLACE_DOMAINS,
    MARKETPLACE_WORDS,
    OFFICIAL_DOMAINS,
)
from appeal_assistant.notice.patterns import (
    METRIC_NAMES,
    METRIC_VALUE_FIRST,
    TARGET_CUES,
)
from appeal_assistant.notice.text import Document, clean_evidence

__all__ = [
    "Identifiers",
    "detect_marketplace",
    "detect_region",
    "email_domain",
    "file_types",
    "find_identifiers",
    "find_links",
    "find_metric_mentions",
    "find_policy_names",
    "find_rights_owner",
    "find_send_to",
    "host_of",
    "is_healthy_value",
    "is_known_host",
    "lookalike_hosts",
]

_I = re.IGNORECASE
_ASIN = re.compile(r"\b(B0[0-9A-Z]{8})\b")
_ISBN_ASIN = re.compile(r"\bASINs?\b\s*(?:[:#]|number)?\s*(\d{9}[\dX](?:\s*(?:,|and)\s*\d{9}[\dX])*)\b", _I)
_ORDER_IDS = (
    re.compile(r"(?<![\d-])\d{3}-\d{7}-\d{7}(?![\d-])"),  # Amazon
    re.compile(r"(?<![\d-])\d{2}-\d{5}-\d{5}(?![\d-])"),  # eBay
)
_WALMART_PO = re.compile(r"\b(?:purchase order|PO)\s*(?:#|number|no\.?)?\s*:?\s*(\d{9,16})\b", _I)
_COMPLAINT_LABEL = re.compile(
    r"\bcomplaint\s*(?:id|number|reference|ref\.?)s?\b\s*(?:[:#]|is|no\.?)?\s*"
    r"(\d{6,12}(?:\s*(?:,|and|&)\s*\d{6,12})*)",
    _I,
)
_COMPLAINT_NEAR = re.compile(r"\bcomplaint\s*ids?\b", _I)
_TEN_DIGITS = re.compile(r"(?<![\d,.-])\d{10}(?![\d-])")
_TM_LABEL = re.compile(
    r"\b(?:trade ?mark|registration|reg\.?)\s*(?:number|no\.?|#)s?\s*[:#]?\s*"
    r"(UK\d{11}|\d{1,3}(?:,\d{3}){1,3}|\d{5,9})\b",
    _I,
)
_TM_NEAR = re.compile(r"\b(?:trade ?mark|registration) (?:number|no\.?)", _I)
_TM_NUMBER = re.compile(r"(?<![\d,.-])(UK\d{11}|\d{1,3}(?:,\d{3}){1,3}|\d{5,9})(?![\d,-])")
_SKU_LABEL = re.compile(r"\b(?:seller |merchant )?SKUs?\b(?:\s*(?::|#|include|includes|are|is))?", _I)
_SKU_TOKEN = re.compile(r"\s*(?:SKU\s*:?\s*)?([A-Za-z0-9][A-Za-z0-9._/-]{1,39})")
_SKU_SEP = re.compile(r"\s*(?:,|\band\b|\bor\b|&)\s*")
_NUMBERS = re.compile(r"\d+")
_CELL_SPLIT = re.compile(r"\t+| {2,}|\s*\|\s*")
_COLUMNS: dict[str, str] = {
    "asin": "asin",
    "asins": "asin",
    "complaint id": "complaint",
    "complaint ids": "complaint",
    "complaint number": "complaint",
    "trademark number": "trademark",
    "trademark registration number": "trademark",
    "registration number": "trademark",
    "order id": "order",
    "order number": "order",
    "amazon order id": "order",
    "sku": "sku",
    "seller sku": "sku",
    "merchant sku": "sku",
}
_URL = re.compile(r"\bhttps?://[^\s<>\"'()\[\]{}]+", _I)
_BARE_HOST = re.compile(r"(?<![@\w./:-])(?:[a-z0-9-]+\.)+[a-z]{2,24}(?:/[^\s<>\"'()\[\]{}]*)?", _I)
_EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
_TRAILING = ".,;:!?'\""
_REGION = re.compile(
    r"(?<![\w-])(?:[a-z0-9-]+\.)*?(amazon|ebay|walmart)\."
    r"(com\.au|com\.mx|com\.br|com\.tr|com\.be|co\.uk|co\.jp|co\.za"
    r"|com|ca|de|fr|it|es|nl|se|pl|in|sg|ae|sa|eg|ie|at|ch)(?![\w-]|\.[a-z0-9])",
    _I,
)
_BRANDS = re.compile(r"amazon|amzn|ebay|walmart|seller-?central", _I)
_POLICY = re.compile(
    r"\b([A-Z][\w'&+-]*(?:[ \t]+(?:[A-Z][\w'&+-]*|of|and|for|on|the|&)){0,6}?[ \t]+"
    r"(?:[Pp]olic(?:y|ies)|Agreement|Code of Conduct|Guidelines|Standards|Programme|Program))\b"
)
_POLICY_LEAD = re.compile(
    r"^(?:(?:Our|The|Your|This|These|See|Read|Review|Under|Per|Its|Their|An?|Please|To|Learn"
    r"|About|Amazon's)\s+)+"
)
_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d{1,2})?)\s?%")
_TARGET = re.compile(TARGET_CUES, _I)
_FILE_TYPES = re.compile(FILE_TYPES)
_FILE_CUE = re.compile(r"\b(?:formats?|files?|accept\w*|upload\w*|must be|documents? (?:must|should))\b", _I)
_WORDS = {m: re.compile(p, _I) for m, p in MARKETPLACE_WORDS.items()}
_METRIC_NAMES = [(kind, re.compile(p, _I), mps) for kind, p, mps in METRIC_NAMES]
_VALUE_FIRST = [(kind, re.compile(p, _I)) for kind, p in METRIC_VALUE_FIRST]


@dataclass(slots=True)
class Identifiers:
    asins: list[str] = field(default_factory=list)
    skus: list[str] = field(default_factory=list)
    order_ids: list[str] = field(default_factory=list)
    complaint_ids: list[str] = field(default_factory=list)
    trademark_numbers: list[str] = field(default_factory=list)
    item_ids: list[str] = field(default_factory=list)
    patent_numbers: list[str] = field(default_factory=list)
    reference_ids: list[str] = field(default_factory=list)

    def add(self, kind: str, value: str) -> None:
        target: list[str] = getattr(
            self,
            {
                "asin": "asins",
                "sku": "skus",
                "order": "order_ids",
                "complaint": "complaint_ids",
                "trademark": "trademark_numbers",
                "item": "item_ids",
                "patent": "patent_numbers",
                "reference": "reference_ids",
            }[kind],
        )
        if value and value not in target:
            target.append(value)


def _valid_sku(token: str) -> bool:
    has_digit = any(c.isdigit() for c in token)
    has_upper = any(c.isupper() for c in token)
    return len(token) >= 3 and (has_digit or (has_upper and ("-" in token or "_" in token)))


def _skus_after(text: str, pos: int) -> list[str]:
    found: list[str] = []
    while len(found) < 50:
        token_match = _SKU_TOKEN.match(text, pos)
        if token_match is None:
            break
        token = token_match.group(1).rstrip("._-/")
        if not _valid_sku(token):
            break
        found.append(token)
        sep = _SKU_SEP.match(text, token_match.end())
        if sep is None:
            break
        pos = sep.end()
    return found


def _table_values(text: str, ids: Identifiers) -> None:
    """Read 'ASIN | Complaint ID | ...' tables (tabs, pipes or runs of spaces between cells)."""
    columns: list[str | None] | None = None
    for line in text.split("\n"):
        if not line.strip():
            continue
        cells = [c.strip() for c in _CELL_SPLIT.split(line.strip()) if c.strip()]
        if len(cells) < 2:
            columns = None
            continue
        kinds = [_COLUMNS.get(c.lower().rstrip(":")) for c in cells]
        if any(kinds):
            columns = kinds
            continue
        if columns is None:
            continue
        if len(cells) != len(columns):
            columns = None
            continue
        for kind, cell in zip(columns, cells, strict=True):
            if kind == "asin" and (_ASIN.fullmatch(cell) or re.fullmatch(r"\d{9}[\dX]", cell)):
                ids.add("asin", cell)
            elif kind == "complaint" and re.fullmatch(r"\d{6,12}", cell):
                ids.add("complaint", cell)
            elif kind == "trademark" and _TM_NUMBER.fullmatch(cell):
                ids.add("trademark", cell.replace(",", ""))
            elif kind == "order" and any(p.fullmatch(cell) for p in _ORDER_IDS):
                ids.add("order", cell)
            elif kind == "sku" and _valid_sku(cell):
                ids.add("sku", cell)


#: 'Item number: 285519304412', 'Item ID 8473920165', 'items 2855193044 and 2855193045'.
_ITEM_LABEL = re.compile(
    r"\b(?:item(?: number| id| no\.?| #)?s?|listing(?: number| id)s?)\s*[:#]?\s*((?:\d{8,14}(?:\s*(?:,|and|&|/)\s*)?)+)",
    _I,
)
#: 'U.S. Patent No. 10,987,654', 'US 11,234,567 B2', 'Design Patent D912,345'.
_PATENT = re.compile(
    r"\b(?:(?:U\.?S\.?|design|utility)\s+)?patent\s*(?:no\.?|number|#)?\s*[:#]?\s*((?:US\s*)?(?:D\d{3},?\d{3}|\d{1,2},?\d{3},?\d{3})(?:\s*[BS]\d)?)\b"
    r"|\b(US\s*\d{1,2},\d{3},\d{3}(?:\s*B\d)?)\b",
    _I,
)
#: The notice's own references: 'Reference: VRO-2026-118734', 'Case ID 18273645', 'Our ref: WMT-IP-55012'.
_REFERENCE = re.compile(
    r"\b(?:reference(?: (?:id|number|no\.?))?|ref\.?(?: no\.?)?|case (?:id|number|no\.?)|matter(?: no\.?| number)?"
    r"|report (?:id|number|no\.?)|ticket(?: id| number)?)\s*[:#]\s*([A-Z0-9][A-Z0-9-]{4,30})"
    r"|\b(?:matter|our|your|their) ref(?:erence)?\.?\s+([A-Z]{2,}[A-Z0-9]*-[A-Z0-9-]{2,30})",
    _I,
)
#: A list line (or a flowed one) that starts with an item number: '  2096483317 - Copperline - Colander'.
#: A row of a table whose header names item ids: '5510293847   Orchard Lane 10.1" Tablet   6'.
_ITEM_ROW = re.compile(r"(?:^|(?<=\n)|(?<=\s\s))[ \t]*(\d{9,14})(?=[ \t]{2,}\S)")
_ITEM_LINE = re.compile(
    r"(?:^|(?<=\n)|(?<=\s\s))[ \t]*(?:[-*\u2022][ \t]*)?(\d{9,14})[ \t]+[-\u2013|:][ \t]+\S"
)


def find_identifiers(doc: Document) -> Identifiers:
    """ASINs, SKUs, order ids, complaint ids and trademark numbers, in order of appearance."""
    text = doc.text
    ids = Identifiers()
    for m in _ASIN.finditer(text):
        ids.add("asin", m.group(1))
    for m in _ISBN_ASIN.finditer(text):
        for value in re.findall(r"\d{9}[\dX]", m.group(1)):
            ids.add("asin", value)
    for pattern in _ORDER_IDS:
        for m in pattern.finditer(text):
            ids.add("order", m.group(0))
    for m in _WALMART_PO.finditer(text):
        ids.add("order", m.group(1))
    for m in _COMPLAINT_LABEL.finditer(text):
        for value in _NUMBERS.findall(m.group(1)):
            ids.add("complaint", value)
    for m in _TM_LABEL.finditer(text):
        ids.add("trademark", m.group(1).replace(",", ""))
    for seg in doc.candidates(_COMPLAINT_NEAR):  # flattened tables: ids follow their labels
        for m in _TEN_DIGITS.finditer(seg.text):
            ids.add("complaint", m.group(0))
    for seg in doc.candidates(_TM_NEAR):
        for m in _TM_NUMBER.finditer(seg.text):
            if len(m.group(1).replace(",", "")) != 10:
                ids.add("trademark", m.group(1).replace(",", ""))
    for m in _SKU_LABEL.finditer(text):
        for sku in _skus_after(text, m.end()):
            ids.add("sku", sku)
    _table_values(text, ids)
    for m in _ITEM_LABEL.finditer(text):
        for value in re.findall(r"\b\d{8,14}\b", m.group(1)):
            if value not in ids.order_ids and value not in ids.complaint_ids:
                ids.add("item", value)
    for m in _PATENT.finditer(text):
        ids.add("patent", re.sub(r"\s+", " ", m.group(1)).strip())
    rows = _ITEM_ROW.finditer(text) if re.search(r"\bitem (?:ids?|numbers?)\b", text, _I) else iter(())
    for m in [*_ITEM_LINE.finditer(text), *rows]:
        if m.group(1) not in ids.order_ids and m.group(1) not in ids.complaint_ids:
            ids.add("item", m.group(1))
    for m in _REFERENCE.finditer(text):
        value = (m.group(1) or m.group(2)).strip(".,;)")
        if value not in ids.complaint_ids and value not in ids.order_ids and re.search(r"\d", value):
            ids.add("reference", value)
    return ids


def host_of(link: str) -> str:
    """The lower-case host of a link, without 'www.'."""
    rest = re.sub(r"^[a-z][a-z0-9+.-]*://", "", link.strip(), flags=_I)
    host = re.split(r"[/:?#]", rest, maxsplit=1)[0].lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _under(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def is_known_host(host: str, marketplace: Marketplace | None = None) -> bool:
    """True for a marketplace's own domains (any marketplace when None) and public authorities."""
    if marketplace is not None:
        return _under(host, MARKETPLACE_DOMAINS[marketplace])
    return any(_under(host, d) for d in MARKETPLACE_DOMAINS.values()) or _under(host, OFFICIAL_DOMAINS)


def email_domain(address: str | None) -> str | None:
    match = _EMAIL.search(address or "")
    return match.group(1).lower() if match else None


def find_links(text: str) -> list[str]:
    """Web addresses: full URLs, 'www.' hosts and host/path forms such as 'sellercentral.amazon.de/help'."""
    links: list[str] = []
    for m in _URL.finditer(text):
        link = m.group(0).rstrip(_TRAILING)
        if link not in links:
            links.append(link)
    for m in _BARE_HOST.finditer(text):
        link = m.group(0).rstrip(_TRAILING)
        if (link.lower().startswith("www.") or "/" in link) and link not in links:
            links.append(link)
    return links


def lookalike_hosts(text: str) -> list[str]:
    """Bare host names that borrow a marketplace's name but are not its domains ('amazon-verify.net')."""
    found: list[str] = []
    for m in _BARE_HOST.finditer(text):
        host = host_of(m.group(0).rstrip(_TRAILING))
        if _BRANDS.search(host) and not is_known_host(host) and host not in found:
            found.append(host)
    return found


def detect_marketplace(text: str, sender: str | None, links: list[str]) -> Marketplace:
    """The marketplace named most (sender and links weigh more); Amazon when nothing says otherwise."""
    score: Counter[Marketplace] = Counter()
    for marketplace, pattern in _WORDS.items():
        score[marketplace] += len(pattern.findall(text))
    domain = email_domain(sender)
    hosts = [host_of(link) for link in links] + ([domain] if domain else [])
    for host in hosts:
        for marketplace in Marketplace:
            if is_known_host(host, marketplace):
                score[marketplace] += 3
    if not score or max(score.values()) == 0:
        return Marketplace.AMAZON
    return max(Marketplace, key=lambda m: (score[m], m == Marketplace.AMAZON))


def detect_region(text: str, marketplace: Marketplace, sender: str | None) -> str | None:
    """The marketplace domain named most often ('amazon.co.uk'), counting the sender's domain twice."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    sources = [(text, 1)] + ([(email_domain(sender) or "", 2)] if sender else [])
    for source, weight in sources:
        for m in _REGION.finditer(source):
            if m.group(0).lower().startswith("sellercentral-europe."):
                continue  # the EU Seller Central host serves every EU store
            if m.group(1).lower() != marketplace.value:
                continue
            region = f"{m.group(1)}.{m.group(2)}".lower()
            counts[region] += weight
            first.setdefault(region, m.start() if weight == 1 else -1)
    if not counts:
        return None
    return max(counts, key=lambda r: (counts[r], -first[r]))


def find_policy_names(text: str) -> list[str]:
    """Named policies and agreements ('Seller Code of Conduct', 'Business Solutions Agreement')."""
    names: list[str] = []
    for m in _POLICY.finditer(text):
        name = re.sub(r"\s+", " ", _POLICY_LEAD.sub("", m.group(1))).strip()
        if len(name.split()) >= 2 and name not in names:
            names.append(name)
    return names


def file_types(doc: Document) -> list[str]:
    """File formats a notice accepts ('Accepted file formats: PDF, JPG or PNG')."""
    found: list[str] = []
    for seg in doc.candidates(_FILE_TYPES):
        if _FILE_CUE.search(seg.text):
            for m in _FILE_TYPES.finditer(seg.text):
                if m.group(1) not in found:
                    found.append(m.group(1))
    return found


def _value(raw: str) -> float:
    return round(float(raw.replace(",", ".")) / 100, 6)


def find_metric_mentions(doc: Document, marketplace: Marketplace) -> list[MetricMention]:
    """Metric values the notice states, e.g. 'late shipment rate reached 8.3%' -> 0.083."""
    mentions: list[MetricMention] = []
    seen: set[tuple[str, float]] = set()

    def add(kind: IssueKind, value: float, sentence: str) -> None:
        if (kind.value, value) not in seen:
            seen.add((kind.value, value))
            mentions.append(MetricMention(metric=kind.value, value=value, text=clean_evidence(sentence)))

    for kind, pattern, marketplaces in _METRIC_NAMES:
        if marketplaces is not None and marketplace not in marketplaces:
            continue
        for seg in doc.candidates(pattern):
            for name in pattern.finditer(seg.text):
                window = seg.text[name.end() : name.end() + 110]
                for pct in _PERCENT.finditer(window):
                    if not _TARGET.search(window[: pct.start()][-40:]):
                        add(kind, _value(pct.group(1)), seg.text)
                        break
    for kind, pattern in _VALUE_FIRST:
        for seg in doc.candidates(pattern):
            for m in pattern.finditer(seg.text):
                add(kind, _value(m.group("value")), seg.text)
    return mentions


def is_healthy_value(kind: IssueKind, value: float, marketplace: Marketplace) -> bool:
    """True when the marketplace's own threshold puts ``value`` in the ok or watch band."""
    # imported here: the metrics package loads pandas, which reading a notice does not otherwise need
    from appeal_assistant.metrics.policy import classify, policies_for

    for row in policies_for(marketplace):
        if row.issue == kind and row.threshold is not None and row.id != "walmart_item_not_received_rate":
            return classify(value, row.threshold, row.direction) in (MetricStatus.OK, MetricStatus.WATCH)
    return False


_OWNER_NAME = re.compile(
    r"\b(?:rights?[- ]owner|complainant|brand owner|reporter|claimant|VeRO participant|reported by)(?:'s)?\s*(?:name)?"
    r"\s*[:\-]\s*"
    r"(?P<name>[^\n\t|:@(]{2,80}?)\s*(?:$|\n|\t|\||\(|\s[-–]\s*(?=[\w.+-]+@)|,?\s*(?:e-?mail|email address|contact)\b)",
    _I | re.MULTILINE,
)
_OWNER_EMAIL = re.compile(
    r"\b(?:rights?[- ]owner|complainant|brand owner|reporter)[^.\n]{0,40}?(?:e-?mail|contact)[^@\n]{0,20}?"
    r"(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|\b(?:e-?mail|contact|write to|reply to)(?: address)?\s*[:\-]\s*(?P<email2>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|\b(?:rights?[- ]owner|complainant|brand owner)\s*:[^\n(@]{2,80}(?:\(|\s[-–]\s*)(?P<email3>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    # a claimant's block: 'Claimant:' then its name, its attorney and an address a few lines below
    r"|\b(?:claimant|rights?[- ]owner|complainant)\s*:\s*\n[^@]{0,300}?(?P<email4>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)",
    _I,
)


_SEND_TO = re.compile(
    r"\b(?:send|e-?mail|submit|forward|reply|write)\b[^.\n]{0,80}?\b(?:to|at)\s+([\w.+-]+@[\w-]+(?:\.[\w-]+)+)",
    _I,
)


def find_send_to(text: str, marketplace: Marketplace) -> str | None:
    """The marketplace address a notice says to send the documents or plan to ('send ... to x@amazon.com')."""
    for m in _SEND_TO.finditer(text):
        address = m.group(1).rstrip(".")
        if is_known_host(address.rsplit("@", 1)[1], marketplace):
            return address
    return None


def find_rights_owner(text: str) -> tuple[str | None, str | None]:
    """The rights owner's name and e-mail as an IP notice lists them ('Rights owner: ...'), if it does."""
    name_m = _OWNER_NAME.search(text)
    name = name_m.group("name").strip(" ,;") if name_m else None
    if name and name.endswith(".") and not re.search(r"\b(?:Inc|Ltd|Co|Corp|Bros|Pty|L\.L\.C|S\.A)\.$", name):
        name = name[:-1]  # the full stop of a sentence, not the one of a company suffix
    email_m = _OWNER_EMAIL.search(text)
    email = (
        (
            email_m.group("email")
            or email_m.group("email2")
            or email_m.group("email3")
            or email_m.group("email4")
        ).rstrip(".")
        if email_m
        else None
    )
    if email is not None and is_known_host(email.rsplit("@", 1)[1]):
        email = None  # the marketplace's own address is not the rights owner's
    if name is not None and "@" in name:
        name = None
    return name, email
