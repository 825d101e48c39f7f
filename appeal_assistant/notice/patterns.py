"""Rule tables, part 1: what a notice is about (issue kinds, statuses, metric values, sentence cues).

Three modules hold every table the notice reader uses, each row with where its wording comes from:
``patterns`` (this one), ``asks`` (documents, plan parts, rejection feedback, deadlines, money at
stake) and ``marketplaces`` (marketplace words and domains, phishing signs). Patterns are regular
expressions matched case-insensitively against one sentence at a time. The wording follows DOMAIN.md
§4 and the public help pages named in each row; it was checked on 2026-11-28 against the notices in
tests/fixtures/notices (written in our own words).

Negation ("you do not need to send invoices"), example lists, help-page references and healthy
metric values are judged by the parser with the cue tables below, not inside each pattern.
"""

from __future__ import annotations

from dataclasses import dataclass

from appeal_assistant.models import IssueKind, Marketplace, NoticeStatus

__all__ = [
    "CLASSIFIED_KINDS",
    "CLAUSE_BREAKS",
    "COMPLIANCE_VERBS",
    "CONTRAST_CUES",
    "DOMAIN_SOURCE",
    "HEALTHY_CUES",
    "ISSUE_LABELS",
    "ISSUE_RULES",
    "LIST_CUES",
    "METRIC_NAMES",
    "METRIC_VALUE_FIRST",
    "NEGATION_CUES",
    "REFERENCE_CUES",
    "STATUS_PRIORITY",
    "STATUS_RULES",
    "SUBORDINATE_CONJUNCTIONS",
    "SUBSUMED",
    "TARGET_CUES",
    "IssueRule",
    "StatusRule",
]

# fmt: off
# (tables are laid out by hand: one row per rule, phrases grouped as a reader expects them)

DOMAIN_SOURCE = "DOMAIN.md §4 (suspension and warning notices)"
_DOMAIN = DOMAIN_SOURCE
_SC = "https://sellercentral.amazon.com/help/hub/reference/external/"
_EBAY_HELP = "https://www.ebay.com/help/"


@dataclass(frozen=True, slots=True)
class IssueRule:
    """Phrases that raise ``kind``; ``marketplaces`` limits a row to those marketplaces."""

    kind: IssueKind
    patterns: tuple[str, ...]
    source: str
    marketplaces: frozenset[Marketplace] | None = None


_EBAY = frozenset({Marketplace.EBAY})
_WALMART = frozenset({Marketplace.WALMART})

#: kind -> the phrases notices use for it. Several rows may serve one kind.
ISSUE_RULES: tuple[IssueRule, ...] = (
    # ---------------------------------------------------------------- performance metrics
    IssueRule(IssueKind.ORDER_DEFECT_RATE, (
        r"order defect rate", r"\bODR\b", r"\border defects?\b",
    ), _SC + "200285170"),
    IssueRule(IssueKind.LATE_SHIPMENT_RATE, (
        r"late (?:shipment|dispatch) rate", r"\bLSR\b", r"\blate (?:shipments|dispatches)\b",
        r"\bshipped late\b",
    ), _SC + "200285190 ('late dispatch' is the UK/AU wording)"),
    IssueRule(IssueKind.PRE_FULFILLMENT_CANCEL_RATE, (
        r"pre-?\s?fulfil{1,2}ment cancel(?:lation)? rate", r"\bcancel(?:lation)? rate",
        r"\bseller[- ]cancel{1,2}ed orders\b", r"\byou cancel{1,2}ed \d+(?:[.,]\d+)?\s?% of",
    ), _SC + "200285210; Walmart 'cancellation rate' (marketplacelearn performance standards)"),
    IssueRule(IssueKind.VALID_TRACKING_RATE, (
        r"valid tracking rate", r"\bVTR\b",
    ), _SC + "201817070"),
    IssueRule(IssueKind.ON_TIME_DELIVERY_RATE, (
        r"on-?\s?time delivery rate", r"\bOTDR\b",
        r"delivered (?:after|later than) the (?:promised|estimated) (?:delivery )?date",
        r"\b(?:non|late)[- ]receipt\b", r"\breceived them later than the (?:\w+ )?(?:delivery )?date\b",
    ), _SC + "200847280"),
    IssueRule(IssueKind.ON_TIME_DELIVERY_RATE, (
        r"item[- ]not[- ]received rate",
    ), "metrics/policy.py maps Walmart's item-not-received rate onto on-time delivery", _WALMART),
    IssueRule(IssueKind.NEGATIVE_FEEDBACK_RATE, (
        r"negative feedback rate", r"rate of negative feedback",
    ), "Walmart performance standards (marketplacelearn.walmart.com)"),
    IssueRule(IssueKind.RETURN_RATE, (
        r"\breturns? rate\b", r"high rate of returns", r"return dissatisfaction rate",
    ), _SC + "201887610; Walmart return rate (January 2026 announcement)"),
    IssueRule(IssueKind.TRANSACTION_DEFECT_RATE, (
        r"transaction defect rate",
    ), _EBAY_HELP + "selling/seller-levels-performance-standards/"
       "seller-levels-performance-standards?id=4080"),
    IssueRule(IssueKind.TRANSACTION_DEFECT_RATE, (
        r"(?<!order )\bdefect rate\b",
    ), "eBay help 4080 calls it 'defect rate' for short", _EBAY),
    IssueRule(IssueKind.CASES_CLOSED_WITHOUT_RESOLUTION, (
        r"cases? (?:were |was )?closed without (?:seller |your )?resolution",
    ), _EBAY_HELP + "policies/selling-policies/seller-performance-policy?id=4347"),
    IssueRule(IssueKind.CONTACT_RESPONSE_TIME, (
        r"contact response time", r"late response rate", r"seller response rate",
        r"respond(?:ed|ing)? to (?:\w+ )?(?:buyer|customer)s?(?:'|’)? (?:messages|inquiries|contacts) within "
        r"(?:24|48|twenty-four|forty-eight) hours",
    ), _SC + "200549770; Walmart seller response rate (marketplacelearn.walmart.com)"),
    # ---------------------------------------------------------------- policy and compliance
    IssueRule(IssueKind.INAUTHENTIC, (
        r"\binauthentic\b", r"\bcounterfeit", r"\bauthenticity\b", r"\bnot (?:be )?(?:authentic|genuine)\b",
        r"\bfake (?:products?|items?|goods)\b",
        r"\b(?:show|prove|confirm|demonstrate|verify)\b[^.]{0,60}\b(?:are|is|were|was) (?:authentic|genuine)\b",
        r"\bauthentic(?:ity)? of (?:your|the|these|those) (?:items|inventory|products|units|goods)\b",
    ), _DOMAIN + "; Amazon Anti-Counterfeiting Policy"),
    IssueRule(IssueKind.IP_TRADEMARK, (
        r"\btrade ?marks?\b", r"\btrademarked\b",
    ), _DOMAIN + "; " + _SC + "201361070 (Intellectual Property Policy)"),
    IssueRule(IssueKind.IP_COPYRIGHT, (r"\bcopyright",), _SC + "201361070; eBay VeRO programme"),
    IssueRule(IssueKind.IP_PATENT, (r"\bpatent(?:s|ed)?\b",), _SC + "201361070"),
    IssueRule(IssueKind.CONDITION_COMPLAINT, (
        r"\bcondition complaints?\b", r"\bproduct condition\b", r"\bused sold as new\b",
        r"\b(?:sold|ordered|bought|purchased|listed|offered) as new\b[^.]{0,60}"
        r"\b(?:used|second-hand|pre-owned|damaged|opened|refurbished)\b",
        r"\bsigns of (?:previous |prior )?use\b", r"\b(?:in|as) (?:used|pre-owned) condition\b",
        r"\bnot in new condition\b",
        # Walmart's Non-New Merchandise policy; complaints that name used or opened items ordered as new
        r"\bnon-?new merchandise\b",
        r"\b(?:items?|units?|products?|goods) (?:that )?(?:were|was|are|is) (?:used|opened|pre-owned|second-hand)\b"
        r"[^.]{0,80}\b(?:new|orders?)\b",
        r"\b(?:item|product) (?:is|was) used\b", r"\bpackage was already opened\b",
    ), _DOMAIN + "; Amazon condition guidelines ('Used Sold as New'); Walmart Non-New Merchandise policy"),
    IssueRule(IssueKind.PRODUCT_SAFETY, (
        # "Consumer Product Safety Commission" is an agency; "food safety concerns" is FOOD_SAFETY
        r"\bproduct safety\b(?! commission)", r"\bunsafe\b", r"\belectrical safety\b",
        r"(?<!food )\bsafety (?:risks?|hazards?|issues?|concerns?|complaints?|documents?|documentation"
        r"|requirements?|standards?)\b",
        r"\brisk of (?:injury|fire|burns?|electric shock|choking)\b",
        r"\b(?:choking|fire|burn|shock|drowning|tip-over|strangulation) hazards?\b",
        r"\bexpired (?:products?|items?|goods|units|food)\b",
        r"\bpast (?:their|its|the) (?:expiration|expiry|best[- ]before|use[- ]by) dates?\b",
        # compliance paperwork for regulated goods (children's products, toys) is a safety matter
        r"\bchildren'?s product certificate\b", r"\bCPSIA\b", r"\bchildren'?s (?:products?|toys?)\b",
        r"\b(?:CPSC|third[- ]party)[- ]accepted (?:lab|laborator)",
    ), _DOMAIN + " (expired items count as product safety)"),
    IssueRule(IssueKind.RESTRICTED_PRODUCTS, (
        r"\brestricted products?\b", r"\bprohibited (?:products?|items?|substances?|ingredients?)\b",
        r"\blisted as (?:a |an )?prohibited\b", r"\bpesticid\w*", r"\bdrug paraphernalia\b",
        r"\bprohibited and restricted\b", r"\bnot (?:permitted|allowed) (?:to be sold|for sale)\b",
        r"\brestricted from (?:sale|being sold|listing)\b",
    ), _SC + "200164330 (Restricted Products); eBay prohibited and restricted items policy"),
    IssueRule(IssueKind.LISTING_POLICY, (
        r"\blisting polic(?:y|ies)\b", r"\bvariation (?:polic(?:y|ies)|abuse|guidelines|family)\b",
        r"\bdetail page rules\b", r"\bproduct detail page (?:policy|abuse)\b", r"\bduplicate listings?\b",
        r"\bsearch manipulation\b", r"\bpromotional (?:phrases|language|text|wording)\b",
        r"\bsearch terms for other brands\b", r"\bcatalog (?:abuse|policy)\b",
    ), _SC + "200390640 (product detail page rules), " + _SC + "8831 (variations)"),
    IssueRule(IssueKind.FAIR_PRICING, (
        r"\bfair pricing\b", r"\bsignificantly higher than recent prices\b", r"\bprice gouging\b",
        r"\bpricing (?:policy|rules)\b", r"\b(?:unreasonably|excessively) high prices?\b",
        r"\bprice (?:exceeds|is much higher|is significantly higher)\b",
    ), "Amazon Marketplace Fair Pricing Policy; Walmart pricing policy"),
    IssueRule(IssueKind.RELATED_ACCOUNTS, (
        r"\brelated accounts?\b", r"\bmultiple (?:selling |seller )?accounts\b",
        r"\b(?:related|linked|connected|associated) (?:to|with) (?:another|a different|one or more other"
        r"|an? (?:deactivated|suspended|closed|blocked))\b",
        r"\bshares? [\w ]{0,30}\bwith another (?:\w+ )?accounts?\b",
        r"\bsame (?:person|individual|business|company|entity)(?: or (?:person|individual|business|company"
        r"|entity))? as (?:another|a different)\b",
    ), _DOMAIN + "; Amazon policy on multiple selling accounts"),
    IssueRule(IssueKind.SELLER_VERIFICATION, (
        r"\bverify (?:your |the )?identity\b", r"\bidentity verification\b",
        r"\bseller (?:identity )?verification\b", r"\bconfirm your identity\b",
        r"\bidentity could not be (?:confirmed|verified)\b",
        r"\b(?:could not|cannot|unable to) verify (?:your |the )?identity\b",
        r"\bverify (?:your |the )?(?:business address|bank account|business information)\b",
        # tax identity checks (a W-9, a taxpayer ID that failed matching) are identity verification too
        r"\bW-?9\b", r"\btax(?:payer)? (?:id|identification)(?: number)?\b", r"\bbackup withholding\b",
        r"\b(?:TIN|SSN|EIN) (?:could not|did not|does not|cannot) (?:be )?(?:match|verif)\w*",
    ), _DOMAIN + " (identity, utility bill, credit card, tax identity)"),
    IssueRule(IssueKind.DROP_SHIPPING, (
        r"\bdrop[- ]?ship\w*", r"\banother retailer'?s (?:packing slips?|name|packaging|invoices?)\b",
        r"\bpacking slips?\b[^.]{0,60}\b(?:another|other) (?:retailer|seller|store)",
        r"\bbought from another (?:online )?(?:store|retailer)\b",
        r"\b(?:purchas|buy|bought|order)\w* (?:the )?(?:products?|items?) from other (?:online )?"
        r"(?:retailers|stores)\b",
    ), "Amazon Drop Shipping Policy (" + _SC + "201808410)"),
    IssueRule(IssueKind.REVIEW_MANIPULATION, (
        r"\breview manipulation\b", r"\bmanipulat\w* (?:\w+ ){0,2}reviews?\b",
        r"\bincentivi[sz]ed reviews?\b",
        r"\bin (?:exchange|return) for (?:a |an )?(?:positive |five-star |5-star |good )?reviews?\b",
        r"\breviewing your own products?\b", r"\babuse of (?:customer )?reviews\b",
        r"\bcustomer product reviews polic", r"\bfeedback manipulation\b",
        r"\bmanipulat\w* (?:\w+ ){0,2}feedback\b", r"\breview solicitation\b",
        r"\b(?:ask|request)\w* (?:\w+ ){0,3}to (?:leave|write|post|give) (?:a |an |only )?"
        r"(?:positive |5-star |five-star |good )reviews?\b",
    ), "Amazon Customer Product Reviews policy; eBay Feedback policy"),
    IssueRule(IssueKind.CODE_OF_CONDUCT, (
        r"\bcode of conduct\b",
    ), "Amazon Seller Code of Conduct (" + _SC + "1801)"),
    IssueRule(IssueKind.FOOD_SAFETY, (
        r"\bfood safety\b", r"\bfood[- ]borne\b", r"\bcontaminat\w*", r"\bspoil(?:ed|t|age)\b",
        r"\btemperature[- ]controlled\b", r"\bcold chain\b", r"\bundeclared allergens?\b",
        r"\b(?:listeria|salmonella|hepatitis a)\b",
    ), _DOMAIN + " (food safety)"),
    IssueRule(IssueKind.RECALL, (
        r"\brecall(?:ed|s)?\b",
    ), _DOMAIN + " (recalls); CPSC and FDA recall notices"),
)

#: (kept, dropped, evidence): when both kinds are raised and the dropped kind's only evidence is about
#: this, it is the same problem seen twice and gets one section (an expired food item is food safety).
SUBSUMED: tuple[tuple[IssueKind, IssueKind, str], ...] = (
    (IssueKind.FOOD_SAFETY, IssueKind.PRODUCT_SAFETY,
     r"\bexpir\w*|\bpast (?:their|its|the) (?:expiration|expiry|best[- ]before|use[- ]by)|\bshelf life\b"),
    (IssueKind.RECALL, IssueKind.PRODUCT_SAFETY, r"\brecall"),
    (IssueKind.RECALL, IssueKind.FOOD_SAFETY, r"\brecall"),
)

#: The kinds the rules can read from a notice (OTHER is what a plan falls back on when none is read).
CLASSIFIED_KINDS: frozenset[IssueKind] = frozenset(IssueKind) - {IssueKind.OTHER}

#: Short human names of each kind, for the summary.
ISSUE_LABELS: dict[IssueKind, str] = {
    IssueKind.ORDER_DEFECT_RATE: "Order defect rate",
    IssueKind.LATE_SHIPMENT_RATE: "Late shipment rate",
    IssueKind.PRE_FULFILLMENT_CANCEL_RATE: "Pre-fulfilment cancel rate",
    IssueKind.VALID_TRACKING_RATE: "Valid tracking rate",
    IssueKind.ON_TIME_DELIVERY_RATE: "On-time delivery rate",
    IssueKind.NEGATIVE_FEEDBACK_RATE: "Negative feedback rate",
    IssueKind.RETURN_RATE: "Return rate",
    IssueKind.TRANSACTION_DEFECT_RATE: "Transaction defect rate (eBay)",
    IssueKind.CASES_CLOSED_WITHOUT_RESOLUTION: "Cases closed without seller resolution (eBay)",
    IssueKind.CONTACT_RESPONSE_TIME: "Contact response time (buyer messages)",
    IssueKind.INAUTHENTIC: "Product authenticity (inauthentic / counterfeit complaints)",
    IssueKind.IP_TRADEMARK: "Intellectual property: trademark",
    IssueKind.IP_COPYRIGHT: "Intellectual property: copyright",
    IssueKind.IP_PATENT: "Intellectual property: patent",
    IssueKind.CONDITION_COMPLAINT: "Condition complaints (used sold as new)",
    IssueKind.PRODUCT_SAFETY: "Product safety",
    IssueKind.RESTRICTED_PRODUCTS: "Restricted products",
    IssueKind.LISTING_POLICY: "Listing policy",
    IssueKind.FAIR_PRICING: "Fair pricing",
    IssueKind.RELATED_ACCOUNTS: "Related accounts",
    IssueKind.SELLER_VERIFICATION: "Seller verification",
    IssueKind.DROP_SHIPPING: "Drop shipping",
    IssueKind.REVIEW_MANIPULATION: "Review or feedback manipulation",
    IssueKind.CODE_OF_CONDUCT: "Seller code of conduct",
    IssueKind.FOOD_SAFETY: "Food safety",
    IssueKind.RECALL: "Product recall",
    IssueKind.OTHER: "Issue not named in the notice",
}

#: A kind named after one of these is only an example ("policies such as product safety") ...
LIST_CUES = r"\bsuch as\b|\bfor example\b|\be\.g\.|\bexamples? (?:of|include)\b"
#: ... and a sentence with one of these only points at a help page.
REFERENCE_CUES = (
    r"\blearn more\b|\bfor more information\b|\bmore information (?:on|about)\b|\bhelp page\b|\bhelp:"
)

#: Sentences saying a metric is fine do not raise it ("your valid tracking rate meets our target").
HEALTHY_CUES = (
    r"\bmeets? (?:our|the) (?:target|standard|requirement)s?\b"
    r"|\bno (?:change|action) is (?:needed|required)\b"
    r"|\bin good standing\b|\bis healthy\b|\bnot affected\b|\bwithin (?:our|the) target\b"
)

#: Words that negate what follows them within a clause ("you do not need to send invoices") ...
NEGATION_CUES = r"\b(?:not|no|never|without|nor|neither)\b|n't\b"
#: ... but not when they negate compliance: "it doesn't follow our restricted items policy" raises it ...
COMPLIANCE_VERBS = (
    r"\b(?:follow|follows|comply|complies|meet|meets|adhere|adheres|conform|conforms|respect|allowed"
    r"|permitted|acceptable)\b"
)
#: ... nor across a clause boundary ("we have not received a response, so we have ...").
CLAUSE_BREAKS = (
    r"[;:.!?]|,\s*(?:and|but|so|or)\b"
    r"|\b(?:but|however|although|because|since|while|whereas|until|unless|which|who|if|when|so)\b"
    r"|\band (?:we|you|they|it|have|has|had|will|was|were|is|are)\b"
)

#: Criticism and praise are judged per clause, split at these ("clear, but the actions were vague").
CONTRAST_CUES = r"\bbut\b|\bhowever\b|;|\bwhereas\b|\bwhile\b|\balthough\b"

#: After one of these and a comma, the main clause starts ("if you do not appeal, your inventory ...").
SUBORDINATE_CONJUNCTIONS = r"if|unless|when|until|while|since|because|although|whereas"

# ------------------------------------------------------------------------------------ metrics

#: Metric names in a notice -> the issue kind they measure; a value (%) follows the name.
METRIC_NAMES: tuple[tuple[IssueKind, str, frozenset[Marketplace] | None], ...] = (
    (IssueKind.ORDER_DEFECT_RATE, r"order defect rate(?: \(ODR\))?|\bODR\b", None),
    (IssueKind.LATE_SHIPMENT_RATE, r"late (?:shipment|dispatch) rate(?: \(LSR\))?|\bLSR\b", None),
    (IssueKind.PRE_FULFILLMENT_CANCEL_RATE, r"(?:pre-?\s?fulfil{1,2}ment )?cancel(?:lation)? rate", None),
    (IssueKind.VALID_TRACKING_RATE, r"valid tracking rate(?: \(VTR\))?|\bVTR\b", None),
    (IssueKind.ON_TIME_DELIVERY_RATE, r"on-?\s?time delivery rate(?: \(OTDR\))?|\bOTDR\b", None),
    (IssueKind.NEGATIVE_FEEDBACK_RATE, r"negative feedback rate", None),
    (IssueKind.RETURN_RATE, r"\breturns? rate", None),
    (IssueKind.TRANSACTION_DEFECT_RATE, r"transaction defect rate", None),
    (IssueKind.TRANSACTION_DEFECT_RATE, r"(?<!order )\bdefect rate", _EBAY),
    (IssueKind.CASES_CLOSED_WITHOUT_RESOLUTION, r"cases closed without (?:seller )?resolution", None),
    (IssueKind.CONTACT_RESPONSE_TIME, r"contact response time|late response rate|seller response rate", None),
)

#: "14% of units sold were returned": the value comes first. Group 'value' holds the number.
METRIC_VALUE_FIRST: tuple[tuple[IssueKind, str], ...] = (
    (IssueKind.RETURN_RATE,
     r"(?P<value>\d+(?:[.,]\d+)?)\s?% of (?:the |your |all )?(?:units|orders|items)(?: sold)? "
     r"(?:were|was) returned"),
    (IssueKind.PRE_FULFILLMENT_CANCEL_RATE, r"\byou cancel{1,2}ed (?P<value>\d+(?:[.,]\d+)?)\s?% of"),
    (IssueKind.ON_TIME_DELIVERY_RATE,
     r"\b(?P<value>\d+(?:[.,]\d+)?)\s?% of your (?:tracked )?(?:[\w-]+ )?packages (?:arrived|were delivered) "
     r"(?:on time|by the)"),
)

#: Words before a percentage that make it a target, not the seller's value ("target of under 1%").
TARGET_CUES = (
    r"(?:target|threshold|standard|maximum|minimum|limit|less than|under|below|above|over|at least"
    r"|at most|no more than|require|expect|keep this rate|[<>≤≥])\W{0,3}(?:of|is|:)?\W{0,3}$"
)

# ------------------------------------------------------------------------------------ statuses


@dataclass(frozen=True, slots=True)
class StatusRule:
    """Phrases stating ``status``; the most severe status found wins (STATUS_PRIORITY)."""

    status: NoticeStatus
    patterns: tuple[str, ...]
    source: str


_ACCOUNT = r"(?:selling |seller |marketplace |[\w.]+ )?(?:selling |seller )?account"
_OFF = r"(?:deactivated|suspended|terminated|closed|disabled|blocked)"
_REMOVED = r"(?:removed|deactivated|suppressed|unpublished|retired|taken down|blocked)"
_LISTINGS = r"(?:listings?|offers?|items?|ASINs?|products?)"

STATUS_RULES: tuple[StatusRule, ...] = (
    StatusRule(NoticeStatus.PERMANENTLY_DEACTIVATED, (
        rf"\b(?:account|selling privileges)\b[^?!.]{{0,40}}?\b(?:has|have) been permanently {_OFF}",
        rf"\bpermanently (?:{_OFF}|removed|revoked) (?:your|the) (?:{_ACCOUNT}|selling privileges)",
        rf"\b(?:account|selling privileges) (?:is|are|will (?:be|remain)) permanently {_OFF}",
        r"\b(?:this|our) decision is final\b",
        r"\bwill not be (?:reinstated|reactivated|able to sell)\b[^.]{0,40}\b(?:again|in the future)\b",
        r"\bno longer (?:be )?(?:able|permitted|allowed) to sell on\b[^.]{0,40}(?:permanently|future)",
    ), _DOMAIN + " (status line: permanently deactivated; 'decision is final')"),
    StatusRule(NoticeStatus.DEACTIVATED, (
        rf"\baccount\b[^?!]{{0,40}}?\b(?:has|have) been (?:temporarily )?{_OFF}",
        rf"\baccount (?:is|was|remains|will remain) (?:currently |now |still |temporarily )?{_OFF}",
        rf"\bwe(?:'ve| have)? (?:temporarily )?{_OFF} your {_ACCOUNT}",
        r"\b(?:removed|revoked|suspended|deactivated) your selling privileges\b",
        r"\bselling privileges\b[^?!]{0,30}?\b(?:have been|are|were|remain) (?:temporarily )?"
        r"(?:removed|revoked|suspended|deactivated)\b",
        # a rejection: "we cannot reinstate your account / selling privileges at this time"
        r"\b(?:cannot|can't|could not|are unable to|will not|won't) (?:be able to )?(?:reinstate|reactivate|restore)"
        r" (?:your|the) (?:selling |seller )?(?:account|selling privileges|privileges)\b",
        r"\breactivate your (?:selling |seller )?account\b",
        r"\bremain(?:s)? (?:deactivated|suspended)\b",
        r"\b(?:account )?status:\s*(?:suspended|deactivated|terminated)\b",
        # 'to sell on Amazon.com again ... we will decide whether you may sell on Amazon.com again'
        r"\b(?:to|may|can|could) (?:start )?sell(?:ing)? on [\w.]+ again\b",
    ), _DOMAIN + " (status line: deactivated / temporarily deactivated / suspended)"),
    StatusRule(NoticeStatus.UNDER_REVIEW, (
        r"\baccount (?:is|has been placed|has been put|was placed) (?:currently )?under review\b",
        r"\b(?:we are|we're|we have started|we have begun) (?:reviewing|a review of) your "
        r"(?:selling )?account",
        r"\breview of your (?:selling |seller )?account\b",
        r"\b(?:account|selling) (?:is |has been )?temporarily (?:restricted|on hold|paused|limited)\b",
        r"\b(?:we|you) (?:need|must|have) to (?:verify|confirm) (?:your|some) (?:identity|information|business)",
        r"\b(?:account|information|documents|appeal|submission|funds|payments?) (?:is |are )?(?:currently |now )?"
        r"under review\b",
        r"\bon hold\b[^.]{0,40}\b(?:until|while|pending)\b",
        r"\b(?:restricted|limited) your (?:account|selling|ability to sell)\b",
        r"\baccount (?:has been |is )?(?:restricted|limited)\b",
    ), _DOMAIN + " (status line: under review; verification holds)"),
    StatusRule(NoticeStatus.LISTING_REMOVED, (
        rf"\b{_LISTINGS}\b[^?!]{{0,60}}?\b(?:have|has) been {_REMOVED}\b",
        rf"\bwe(?:'ve| have)? {_REMOVED} (?:the |your |some |one or more |this |these |all |any )?"
        rf"(?:of your )?(?:\w+ ){{0,2}}{_LISTINGS}\b",
        r"\blisting status:\s*(?:removed|inactive|suppressed)\b",
        r"\b(?:listings?|items?|offers?) (?:are|is) no longer (?:published|visible|available)\b",
        rf"\b{_LISTINGS} (?:will )?remain(?:s)? (?:inactive|removed|deactivated|suppressed|unavailable)\b",
        r"\breinstate (?:your|the|this|these) (?:listings?|ASINs?|offers?|items?)\b",
        rf"\band {_REMOVED} (?:the |your |these |some )?(?:\w+ ){{0,2}}{_LISTINGS}\b",
        r"\b(?:restricted|suspended|removed) your listing privileges\b",
    ), _DOMAIN + " (status line: listings removed)"),
    StatusRule(NoticeStatus.AT_RISK, (
        # the account is at risk; a seller level or performance standard that slips is a warning (below)
        r"(?<!status is )(?<!level is )(?<!standard is )(?<!standards are )\bat risk\b",
        # a restriction that follows if the seller does not act ('we may limit your ability to sell')
        r"\bmay (?:limit|restrict|suspend|block)\b[^.]{0,30}\b(?:ability to sell|selling|your account)\b",
        r"\b(?:payouts?|payments?|funds) (?:are|is|have been|has been) (?:on hold|held|paused)\b",
    ), _DOMAIN + "; Account Health Rating 'at risk' band"),
    StatusRule(NoticeStatus.WARNING, (
        r"\bthis is a (?:policy )?warning\b", r"\bpolicy warning\b", r"\bwarning:",
        r"\bwe want to make you aware\b",
        r"\bwe(?:'re| are) (?:writing|contacting you) to (?:let you know|inform you|make you aware)\b",
        r"\b(?:account health|policy|performance) notification\b",
        r"\bno (?:further )?action is (?:needed|required)\b",
        # eBay's seller levels and Walmart's performance standards: a level that drops restricts nothing yet
        r"\bbelow standard\b", r"\b(?:performance |seller )(?:status|level|standards?) is at risk\b",
        # a consequence and no status stated: what every warning says
        r"\b(?:may|might|could|can|will) (?:be |result in |lead to )?(?:the )?(?:deactivat|suspen|terminat)\w*",
    ), _DOMAIN + "; eBay 'Below Standard' seller level (help 4080)"),
)

#: When several statuses are stated, the most severe wins.
STATUS_PRIORITY: tuple[NoticeStatus, ...] = (
    NoticeStatus.PERMANENTLY_DEACTIVATED,
    NoticeStatus.DEACTIVATED,
    NoticeStatus.UNDER_REVIEW,
    NoticeStatus.LISTING_REMOVED,
    NoticeStatus.AT_RISK,
    NoticeStatus.WARNING,
    NoticeStatus.UNKNOWN,
)
# fmt: on
