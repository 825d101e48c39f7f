"""The notice rule tables: issue kinds, statuses, requested documents, rejections, phishing, domains.

Every table lives here and nowhere else. Patterns are regular expressions matched case-insensitively
(unless a row says otherwise) against one sentence of the notice at a time. Wording follows
DOMAIN.md §4 and the public help pages named in each row's ``source``; the phrasings were checked
against the notices we wrote for tests/fixtures/notices (in our own words) on 2026-11-28.

Negation ("you do not need to send invoices"), reference sentences ("learn more on the ... help
page") and healthy metric values are handled by the parser, not by the patterns.
"""

from __future__ import annotations

from dataclasses import dataclass

from appeal_assistant.models import IssueKind, Marketplace, NoticeStatus, PlanPart

__all__ = [
    "ABBREVIATIONS",
    "CLAUSE_BREAKS",
    "COMPLIANCE_VERBS",
    "CRITIQUE_CUES",
    "DEADLINE_ACTION_CUES",
    "DEADLINE_NOT_BEFORE",
    "DEADLINE_SKIP_CUES",
    "DOCUMENT_RULES",
    "FILE_TYPES",
    "FUNDS_HELD",
    "FUNDS_NOT_HELD",
    "HEALTHY_CUES",
    "INVENTORY_AT_RISK",
    "ISSUE_LABELS",
    "ISSUE_RULES",
    "LIST_CUES",
    "MARKETPLACE_DOMAINS",
    "MARKETPLACE_WORDS",
    "METRIC_NAMES",
    "METRIC_VALUE_FIRST",
    "MONTH_FIRST_REGIONS",
    "NEGATION_CUES",
    "NUMBER_WORDS",
    "OFFICIAL_DOMAINS",
    "PHISHING_RULES",
    "PLAN_CONTEXT",
    "PLAN_PART_PHRASES",
    "PRAISE_CUES",
    "REFERENCE_CUES",
    "REJECTION_OUTCOME",
    "REJECTION_REVIEWED",
    "REJECTION_STRONG",
    "REQUEST_CUES",
    "REQUEST_HEADINGS",
    "STATUS_PRIORITY",
    "STATUS_RULES",
    "TARGET_CUES",
    "DocumentRule",
    "IssueRule",
    "PhishingRule",
    "StatusRule",
]

# fmt: off
# (rule tables are laid out by hand: one row per rule, phrases grouped as a reader expects)

_DOMAIN = "DOMAIN.md §4 (suspension and warning notices)"
_SC = "https://sellercentral.amazon.com/help/hub/reference/external/"


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
    IssueRule(IssueKind.ORDER_DEFECT_RATE, (r"order defect rate", r"\bODR\b", r"\border defects?\b"),
              _SC + "200285170"),
    IssueRule(IssueKind.LATE_SHIPMENT_RATE,
              (r"late (?:shipment|dispatch) rate", r"\bLSR\b", r"\blate (?:shipments|dispatches)\b",
               r"\bshipped late\b"),
              _SC + "200285190 ('late dispatch' is the UK/AU wording)"),
    IssueRule(IssueKind.PRE_FULFILLMENT_CANCEL_RATE,
              (r"pre-?\s?fulfil{1,2}ment cancel(?:lation)? rate", r"\bcancel(?:lation)? rate",
               r"\bseller[- ]cancel{1,2}ed orders\b", r"\byou cancel{1,2}ed \d+(?:[.,]\d+)?\s?% of"),
              _SC + "200285210; Walmart 'cancellation rate' (marketplacelearn performance standards)"),
    IssueRule(IssueKind.VALID_TRACKING_RATE, (r"valid tracking rate", r"\bVTR\b"), _SC + "201817070"),
    IssueRule(IssueKind.ON_TIME_DELIVERY_RATE,
              (r"on-?\s?time delivery rate", r"\bOTDR\b",
               r"delivered (?:after|later than) the (?:promised|estimated) (?:delivery )?date"),
              _SC + "200847280"),
    IssueRule(IssueKind.ON_TIME_DELIVERY_RATE, (r"item[- ]not[- ]received rate",),
              "metrics/policy.py maps Walmart's item-not-received rate onto on-time delivery", _WALMART),
    IssueRule(IssueKind.NEGATIVE_FEEDBACK_RATE, (r"negative feedback rate", r"rate of negative feedback"),
              "Walmart performance standards (marketplacelearn.walmart.com)"),
    IssueRule(IssueKind.RETURN_RATE,
              (r"\breturns? rate\b", r"high rate of returns", r"return dissatisfaction rate"),
              _SC + "201887610; Walmart return rate (January 2026 announcement)"),
    IssueRule(IssueKind.TRANSACTION_DEFECT_RATE, (r"transaction defect rate",),
              "https://www.ebay.com/help/selling/seller-levels-performance-standards/"
              "seller-levels-performance-standards?id=4080"),
    IssueRule(IssueKind.TRANSACTION_DEFECT_RATE, (r"(?<!order )\bdefect rate\b",),
              "eBay help 4080 calls it 'defect rate' for short", _EBAY),
    IssueRule(IssueKind.CASES_CLOSED_WITHOUT_RESOLUTION,
              (r"cases? (?:were |was )?closed without (?:seller |your )?resolution",),
              "https://www.ebay.com/help/policies/selling-policies/seller-performance-policy?id=4347"),
    # ---------------------------------------------------------------- policy and compliance
    IssueRule(IssueKind.INAUTHENTIC,
              (r"\binauthentic\b", r"\bcounterfeit", r"\bauthenticity\b", r"\bnot (?:be )?(?:authentic|genuine)\b",
               r"\bfake (?:products?|items?|goods)\b"),
              _DOMAIN + "; Amazon Anti-Counterfeiting Policy"),
    IssueRule(IssueKind.IP_TRADEMARK, (r"\btrade ?marks?\b", r"\btrademarked\b"),
              _DOMAIN + "; " + _SC + "201361070 (Intellectual Property Policy)"),
    IssueRule(IssueKind.IP_COPYRIGHT, (r"\bcopyright",), _SC + "201361070; eBay VeRO programme"),
    IssueRule(IssueKind.IP_PATENT, (r"\bpatent(?:s|ed)?\b",), _SC + "201361070"),
    IssueRule(IssueKind.CONDITION_COMPLAINT,
              (r"\bcondition complaints?\b", r"\bproduct condition\b", r"\bused sold as new\b",
               r"\bsold as new\b[^.]{0,60}\b(?:used|damaged|opened|refurbished)\b",
               r"\bsigns of (?:previous |prior )?use\b", r"\b(?:in|as) (?:used|pre-owned) condition\b",
               r"\bnot in new condition\b"),
              _DOMAIN + "; Amazon condition guidelines ('Used Sold as New')"),
    IssueRule(IssueKind.PRODUCT_SAFETY,
              (r"\bproduct safety\b", r"\bunsafe\b", r"\belectrical safety\b",
               r"\bsafety (?:risks?|hazards?|issues?|concerns?|complaints?|documents?|documentation"
               r"|requirements?|standards?)\b",
               r"\brisk of (?:injury|fire|burns?|electric shock|choking)\b",
               r"\b(?:choking|fire|burn|shock|drowning|tip-over|strangulation) hazards?\b",
               r"\bexpired (?:products?|items?|goods|units|food)\b",
               r"\bpast (?:their|its|the) (?:expiration|expiry|best[- ]before|use[- ]by) dates?\b"),
              _DOMAIN + " (expired items count as product safety)"),
    IssueRule(IssueKind.RESTRICTED_PRODUCTS,
              (r"\brestricted products?\b", r"\bprohibited (?:products?|items?|substances?|ingredients?)\b",
               r"\blisted as (?:a |an )?prohibited\b", r"\bpesticid\w*", r"\bdrug paraphernalia\b",
               r"\bprohibited and restricted\b", r"\bnot (?:permitted|allowed) (?:to be sold|for sale)\b"),
              _SC + "200164330 (Restricted Products); eBay prohibited and restricted items policy"),
    IssueRule(IssueKind.LISTING_POLICY,
              (r"\blisting polic(?:y|ies)\b", r"\bvariation (?:polic(?:y|ies)|abuse|guidelines|family)\b",
               r"\bdetail page rules\b", r"\bproduct detail page (?:policy|abuse)\b", r"\bduplicate listings?\b",
               r"\bsearch manipulation\b", r"\bpromotional (?:phrases|language|text|wording)\b",
               r"\bsearch terms for other brands\b", r"\bcatalog (?:abuse|policy)\b"),
              _SC + "200390640 (product detail page rules), " + _SC + "8831 (variations)"),
    IssueRule(IssueKind.FAIR_PRICING,
              (r"\bfair pricing\b", r"\bsignificantly higher than recent prices\b", r"\bprice gouging\b",
               r"\bpricing (?:policy|rules)\b", r"\b(?:unreasonably|excessively) high prices?\b",
               r"\bprice (?:exceeds|is much higher|is significantly higher)\b"),
              "Amazon Marketplace Fair Pricing Policy; Walmart pricing policy"),
    IssueRule(IssueKind.RELATED_ACCOUNTS,
              (r"\brelated accounts?\b", r"\bmultiple (?:selling |seller )?accounts\b",
               r"\b(?:related|linked|connected|associated) (?:to|with) (?:another|a different|one or more other"
               r"|an? (?:deactivated|suspended|closed|blocked))\b",
               r"\bshares? [\w ]{0,30}\bwith another (?:\w+ )?accounts?\b"),
              _DOMAIN + "; Amazon policy on multiple selling accounts"),
    IssueRule(IssueKind.SELLER_VERIFICATION,
              (r"\bverify (?:your |the )?identity\b", r"\bidentity verification\b",
               r"\bseller (?:identity )?verification\b", r"\bconfirm your identity\b",
               r"\bidentity could not be (?:confirmed|verified)\b",
               r"\b(?:could not|cannot|unable to) verify (?:your |the )?identity\b",
               r"\bverify (?:your |the )?(?:business address|bank account|business information)\b"),
              _DOMAIN + " (identity, utility bill, credit card)"),
    IssueRule(IssueKind.DROP_SHIPPING,
              (r"\bdrop[- ]?ship\w*", r"\banother retailer'?s (?:packing slips?|name|packaging|invoices?)\b",
               r"\bpacking slips?\b[^.]{0,60}\b(?:another|other) (?:retailer|seller|store)",
               r"\bbought from another (?:online )?(?:store|retailer)\b",
               r"\b(?:purchas|buy|bought|order)\w* (?:the )?(?:products?|items?) from other (?:online )?(?:retailers|stores)\b"),
              "Amazon Drop Shipping Policy (" + _SC + "201808410)"),
    IssueRule(IssueKind.REVIEW_MANIPULATION,
              (r"\breview manipulation\b", r"\bmanipulat\w* (?:\w+ ){0,2}reviews?\b",
               r"\bincentivi[sz]ed reviews?\b",
               r"\bin (?:exchange|return) for (?:a |an )?(?:positive |five-star |5-star |good )?reviews?\b",
               r"\breviewing your own products?\b", r"\babuse of (?:customer )?reviews\b",
               r"\bcustomer product reviews polic", r"\bfeedback manipulation\b",
               r"\bmanipulat\w* (?:\w+ ){0,2}feedback\b", r"\breview solicitation\b",
               r"\b(?:ask|request)\w* (?:\w+ ){0,3}to (?:leave|write|post|give) (?:a |an |only )?(?:positive |5-star "
               r"|five-star |good )reviews?\b"),
              "Amazon Customer Product Reviews policy; eBay Feedback policy"),
    IssueRule(IssueKind.CODE_OF_CONDUCT, (r"\bcode of conduct\b",), "Amazon Seller Code of Conduct (" + _SC + "1801)"),
    IssueRule(IssueKind.FOOD_SAFETY,
              (r"\bfood safety\b", r"\bfood[- ]borne\b", r"\bcontaminat\w*", r"\bspoil(?:ed|t|age)\b",
               r"\btemperature[- ]controlled\b", r"\bcold chain\b", r"\bundeclared allergens?\b",
               r"\b(?:listeria|salmonella|hepatitis a)\b"),
              _DOMAIN + " (food safety)"),
    IssueRule(IssueKind.RECALL, (r"\brecall(?:ed|s)?\b",), _DOMAIN + " (recalls); CPSC and FDA recall notices"),
)

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
}

#: A kind named after one of these is only an example ("policies such as product safety") ...
LIST_CUES = r"\bsuch as\b|\bfor example\b|\be\.g\.|\bexamples? (?:of|include)\b"
#: ... and a sentence with one of these only points at a help page.
REFERENCE_CUES = r"\blearn more\b|\bfor more information\b|\bmore information (?:on|about)\b|\bhelp page\b|\bhelp:"

#: Sentences saying a metric is fine do not raise it ("your valid tracking rate meets our target").
HEALTHY_CUES = (r"\bmeets? (?:our|the) (?:target|standard|requirement)s?\b|\bno (?:change|action) is (?:needed|required)\b"
                r"|\bin good standing\b|\bis healthy\b|\bnot affected\b|\bwithin (?:our|the) target\b")

#: Words that negate what follows them within a clause ("you do not need to send invoices").
NEGATION_CUES = r"\b(?:not|no|never|without|nor|neither)\b|n't\b"
#: ... but not when it negates compliance: "it doesn't follow our restricted items policy" still raises it.
COMPLIANCE_VERBS = (r"\b(?:follow|follows|comply|complies|meet|meets|adhere|adheres|conform|conforms|respect|allowed"
                    r"|permitted|acceptable)\b")
#: ... unless a clause boundary comes between ("we have not received a response, so we have ...").
CLAUSE_BREAKS = (r"[;:.!?]|\b(?:but|however|although|because|since|while|whereas|until|unless|which|who|if|when|so)\b"
                 r"|\band (?:we|you|they|it|have|has|had|will|was|were|is|are)\b")

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
)

#: "14% of units sold were returned": the value comes first. Group 'value' holds the number.
METRIC_VALUE_FIRST: tuple[tuple[IssueKind, str], ...] = (
    (IssueKind.RETURN_RATE,
     r"(?P<value>\d+(?:[.,]\d+)?)\s?% of (?:the |your |all )?(?:units|orders|items)(?: sold)? (?:were|was) returned"),
    (IssueKind.PRE_FULFILLMENT_CANCEL_RATE, r"\byou cancel{1,2}ed (?P<value>\d+(?:[.,]\d+)?)\s?% of"),
    (IssueKind.ON_TIME_DELIVERY_RATE,
     r"\b(?P<value>\d+(?:[.,]\d+)?)\s?% of your (?:tracked )?(?:[\w-]+ )?packages (?:arrived|were delivered) "
     r"(?:on time|by the)"),
)

#: Words before a percentage that make it a target, not the seller's value ("target of under 1%").
TARGET_CUES = (r"(?:target|threshold|standard|maximum|minimum|limit|less than|under|below|above|over|at least"
               r"|at most|no more than|require|expect|keep this rate|[<>≤≥])\W{0,3}(?:of|is|:)?\W{0,3}$")

# ------------------------------------------------------------------------------------ statuses


@dataclass(frozen=True, slots=True)
class StatusRule:
    status: NoticeStatus
    patterns: tuple[str, ...]
    source: str


_ACCOUNT = r"(?:selling |seller |marketplace |[\w.]+ )?(?:selling |seller )?account"
_OFF = r"(?:deactivated|suspended|terminated|closed|disabled|blocked)"

STATUS_RULES: tuple[StatusRule, ...] = (
    StatusRule(NoticeStatus.ACCOUNT_DEACTIVATED,
               (rf"\baccount\b[^?!]{{0,40}}?\b(?:has|have) been (?:temporarily |permanently )?{_OFF}",
                rf"\baccount (?:is|was|remains|will remain) (?:currently |now |still |temporarily )?{_OFF}",
                rf"\bwe(?:'ve| have)? (?:temporarily |permanently )?{_OFF} your {_ACCOUNT}",
                r"\b(?:removed|revoked|suspended) your selling privileges\b",
                r"\bselling privileges (?:have been|are|were) (?:removed|revoked|suspended)\b"),
               _DOMAIN + " (status line: deactivated / temporarily deactivated / suspended)"),
    StatusRule(NoticeStatus.TEMPORARY_REVIEW,
               (r"\baccount (?:is|has been placed|has been put|was placed) (?:currently )?under review\b",
                r"\b(?:we are|we're|we have started|we have begun) (?:reviewing|a review of) your (?:selling )?account",
                r"\breview of your (?:selling |seller )?account\b",
                r"\b(?:account|selling) (?:is |has been )?temporarily (?:restricted|on hold|paused|limited)\b"),
               _DOMAIN + " (status line: under review)"),
    StatusRule(NoticeStatus.LISTING_REMOVED,
               (r"\b(?:listings?|offers?|items?|ASINs?|products?)\b[^?!]{0,60}?\b(?:have|has) been (?:removed"
                r"|deactivated|suppressed|unpublished|retired|taken down|blocked)\b",
                r"\bwe(?:'ve| have)? (?:removed|deactivated|suppressed|unpublished|retired|taken down|blocked) "
                r"(?:the |your |some |one or more |this |these |all |any )?(?:of your )?(?:\w+ ){0,2}"
                r"(?:listings?|offers?|items?|ASINs?|products?)\b",
                r"\blisting status:\s*(?:removed|inactive|suppressed)\b",
                r"\b(?:listings?|items?|offers?) (?:are|is) no longer (?:published|visible|available)\b"),
               _DOMAIN + " (status line: listings removed)"),
    StatusRule(NoticeStatus.AT_RISK,
               (r"\bat risk\b", r"\bbelow standard\b",
                r"\b(?:may|might|could|can|will) (?:be |result in |lead to )?(?:the )?(?:deactivat|suspen|terminat)\w*"),
               _DOMAIN + "; Account Health Rating 'at risk' band; eBay 'Below Standard' (help 4080)"),
    StatusRule(NoticeStatus.WARNING,
               (r"\bthis is a (?:policy )?warning\b", r"\bpolicy warning\b", r"\bwarning:",
                r"\bwe want to make you aware\b",
                r"\bwe(?:'re| are) (?:writing|contacting you) to (?:let you know|inform you|make you aware)\b",
                r"\b(?:account health|policy|performance) notification\b"),
               _DOMAIN),
)

#: When several statuses are stated, the most severe wins.
STATUS_PRIORITY: tuple[NoticeStatus, ...] = (
    NoticeStatus.APPEAL_REJECTED,
    NoticeStatus.ACCOUNT_DEACTIVATED,
    NoticeStatus.TEMPORARY_REVIEW,
    NoticeStatus.LISTING_REMOVED,
    NoticeStatus.AT_RISK,
    NoticeStatus.WARNING,
    NoticeStatus.UNKNOWN,
)

# ------------------------------------------------------------------------------------ rejections

#: One of these alone says an earlier appeal was turned down (DOMAIN.md §4, rejections).
REJECTION_STRONG = (r"\byour (?:appeal|plan of action|POA|request for reinstatement)\b[^.]{0,40}?\b(?:has|have|was|were|is)"
                    r" (?:been )?(?:not (?:been )?(?:accepted|approved|successful|sufficient)|denied|rejected|declined)")
#: ... or a sentence saying the seller's submission was reviewed ...
REJECTION_REVIEWED = (r"\b(?:we )?(?:have )?(?:reviewed|evaluated|considered|thank you for) (?:your|the) (?:appeal|plan of"
                      r" action|POA|information you|documents you|response|request for reinstatement)")
#: ... together with a negative outcome.
REJECTION_OUTCOME = (r"\b(?:cannot|can't|could not|are unable to|were unable to|unable to|will not|did not)\b[^.]{0,60}"
                     r"\b(?:reinstate|reactivate|accept|approve|restore)\b|\bunfortunately\b|\bnot (?:been )?accepted\b")

#: A reviewer's criticism; with a plan part in the same sentence it names the weak part.
CRITIQUE_CUES = (r"\b(?:did|does|do) not (?:identify|explain|address|include|provide|describe|show|contain|match"
                 r"|demonstrate|cover)\b|\bnot (?:clear|specific|sufficient|enough|detailed|adequate)\b|\binsufficient\b"
                 r"|\btoo (?:general|vague|generic|short|broad)\b|\bvague\b|\bgeneric\b|\bunclear\b|\bgreater detail\b"
                 r"|\bmore detail|\bmore information\b|\badditional (?:detail|information)\b"
                 r"|\bcould not (?:be )?(?:verif|confirm)\w*|\black(?:s|ed|ing)?\b|\bmissing\b|\bincomplete\b"
                 r"|\bnot (?:adequately|fully|clearly|sufficiently)\b|\billegible\b|\bnot (?:legible|readable)\b|\bunreadable\b"
                 r"|\bwas not (?:clear|enough)\b|\b(?:for|of) a different\b")
#: ... unless the sentence praises that part ("your root cause was clear").
PRAISE_CUES = (r"\b(?:was|were|is|are) (?:clear|accepted|sufficient|adequate|acceptable|fine)\b"
               r"|\bdoes not need to be (?:repeated|changed|revised)\b")

#: How notices and reviewers name the parts of a plan of action.
PLAN_PART_PHRASES: dict[PlanPart, str] = {
    PlanPart.ROOT_CAUSE: (r"\broot causes?\b|\bwhat caused\b|\bcause of (?:the|these|this|each)\b|\bwhat led to\b"
                          r"|\bled to\b|\bcame to be\b|\bwhat (?:actually )?went wrong\b|\bhow (?:this|it) happened\b"
                          r"|\bwhat happened\b|\bwhy\b"),
    PlanPart.CORRECTIVE_ACTIONS: (r"\bcorrective\b|\bactions? (?:that )?(?:you )?(?:have )?(?:already )?(?:taken|took"
                                  r"|completed)\b|\bsteps (?:that )?(?:you )?(?:have )?(?:already )?(?:taken|took|completed)\b"
                                  r"|\bwhat you (?:have )?(?:already )?(?:done|did|changed)\b"
                                  r"|\bhow you (?:have )?(?:resolved|fixed|addressed)\b|\bactions you have\b"),
    PlanPart.PREVENTIVE_MEASURES: (r"\bprevent\w*|\bin the future\b|\bfuture\b|\b(?:happening|recurring|occurring) again\b"
                                   r"|\brecur\w*|\bgoing forward\b|\bfrom now on\b|\bmake sure\b"),
    PlanPart.SUPPORTING_DOCUMENTS: (r"\binvoices?\b|\bdocuments?\b|\bdocumentation\b|\bletters? of authori[sz]ation\b"
                                    r"|\bsupporting evidence\b|\bproof of\b"),
}

#: Sentences that ask for a plan (parts are read from them and from their list items).
PLAN_CONTEXT = (r"\bplan of action\b|\bPOA\b|\baction plan\b|\bimprovement plan\b|\bappeal\b|\byour plan\b"
                r"|\bthe plan\b|\brevised plan\b")

# ------------------------------------------------------------------------------------ documents

@dataclass(frozen=True, slots=True)
class DocumentRule:
    kind: str
    patterns: tuple[str, ...]
    source: str


#: A sentence asks for something when it has one of these, or sits under such a lead-in or heading.
REQUEST_CUES = (r"\b(?:send|submit|provide|upload|attach|include|share|resubmit|reply with|give us|would (?:also )?like|must|should"
                r"|required|requested|please|to request|open a case)\b|\bneeds? (?:to|the|a|your)\b"
                r"|\bsends? (?:\w+ )?(?:to )?us\b|\bwill (?:also )?be accepted\b|\bwe (?:will )?(?:also )?accept\b")
REQUEST_HEADINGS = (r"how (?:do|can) i (?:reactivate|reinstate|appeal|restore|resolve|get)|what (?:do|should|can) (?:i|you)"
                    r" (?:need to )?(?:do|send|provide)|what you (?:can|need to|should) do|how to (?:resolve|reactivate"
                    r"|appeal|fix)|required information|next steps|what we need")

DOCUMENT_RULES: tuple[DocumentRule, ...] = (
    DocumentRule("plan_of_action",
                 (r"\bplan of action\b", r"\bPOA\b", r"\baction plan\b", r"\bperformance improvement plan\b",
                  r"\b(?:a|an|your|the) (?:revised |new |updated )?appeal\b",
                  r"\b(?:send|submit|provide|share) (?:us )?(?:a|an|your|the) (?:revised |new |updated |short |written "
                  r"|detailed )?plan\b"),
                 _DOMAIN + " (root cause, actions taken, preventive steps)"),
    DocumentRule("invoices", (r"\binvoices?\b", r"\breceipts?\b", r"\bproof of purchase\b"),
                 _DOMAIN + " (invoices from the last 365 days covering sales volume)"),
    DocumentRule("supplier_contact",
                 (r"\bsupplier(?:'s|s'|s)? (?:contact (?:details|information)|details|information|name)\b",
                  r"\bcontact (?:details|information) (?:of|for) (?:the |your |each )?(?:supplier|manufacturer"
                  r"|distributor)",
                  r"\b(?:name|address|phone number|website|contact details)\b[^.]{0,80}\b(?:of|for) (?:each|the|your"
                  r"|every) (?:supplier|manufacturer|distributor)",
                  r"\b(?:name|contact details)\b[^.]{0,40}\bof the business you (?:buy|source|purchase)"),
                 _DOMAIN + " (supplier contact details)"),
    DocumentRule("letter_of_authorization",
                 (r"\bletters? of authori[sz]ation\b", r"\bLOA\b", r"\bauthori[sz]ation letter\b"), _DOMAIN),
    DocumentRule("retraction", (r"\bretraction\b", r"\bretract\b", r"\bwithdraw (?:the|their|its) complaint\b"),
                 _DOMAIN + " (retractions come from the rights owner)"),
    DocumentRule("utility_bill",
                 (r"\butility bill\b", r"\b(?:electricity|gas|water|phone|internet|council tax) bill\b"),
                 _DOMAIN + " (utility bill no older than 90 days)"),
    DocumentRule("identity_document",
                 (r"\bpassport\b", r"\b(?:national )?identity card\b", r"\bID card\b", r"\bphoto ID\b",
                  r"\bdriv(?:er'?s|ing) licen[cs]e\b", r"\bgovernment[- ]issued (?:photo )?(?:ID|identification)\b",
                  r"\bidentity documents?\b"), _DOMAIN),
    DocumentRule("bank_statement", (r"\bbank (?:account )?statement\b",), _DOMAIN),
    DocumentRule("credit_card_statement", (r"\bcredit card statement\b",), _DOMAIN),
    DocumentRule("business_registration",
                 (r"\bbusiness registration\b", r"\bcertificate of incorporation\b", r"\bcompany registration\b",
                  r"\bbusiness licen[cs]e\b", r"\barticles of incorporation\b"), _DOMAIN),
    DocumentRule("safety_documents",
                 (r"\btest reports?\b", r"\blab(?:oratory)? reports?\b", r"\bcertificate of analysis\b",
                  r"\bdeclaration of conformity\b", r"\bsafety data sheets?\b", r"\bSDS\b",
                  r"\bchildren'?s product certificate\b", r"\bcertificate of conformity\b",
                  r"\b(?:safety|compliance) documents?\b"),
                 "Amazon product compliance requests (test reports, declarations of conformity)"),
    DocumentRule("product_images",
                 (r"\b(?:photos?|images?|pictures?) of (?:the |your |every |each )?(?:product|packaging|label|item"
                  r"|side)s?\b", r"\b(?:product|label|packaging) (?:photos?|images?)\b"), _DOMAIN),
    DocumentRule("other", (r"\bcourt order\b", r"\b(?:your |the )?(?:agreement|contract) with\b"),
                 "patent and drop-shipping notices (court orders, fulfilment agreements)"),
)

#: Accepted file formats named in a notice.
FILE_TYPES = r"\b(PDF|JPE?G|PNG|GIF|TIFF?|DOCX?|XLSX?|HEIC|BMP)\b"

# ------------------------------------------------------------------------------------ deadline

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "sixty": 60, "ninety": 90,
}
#: A deadline sentence asks the seller to act ...
DEADLINE_ACTION_CUES = (r"\b(?:send|submit|provide|upload|appeal|appeals|reply|respond|contact|confirm|verify|create"
                        r"|remove|complete|take action|act|fix|resolve|address|receive|received|hear from you)\b")
#: ... and is not about buyers' requests ("respond to every request within 3 days") ...
DEADLINE_NOT_BEFORE = (r"\b(?:requests?|messages?|inquir(?:y|ies)|questions?|claims?|returns?|orders?|buyers?"
                       r"|customers?)\W*$")
#: ... nor about how long the marketplace usually takes.
DEADLINE_SKIP_CUES = (r"\b(?:usually|typically|generally|normally|can take|may take|takes|republished)\b"
                      r"|\b(?:we|amazon|ebay|walmart) (?:will|usually|typically|aim to|try to)\b")

# ------------------------------------------------------------------------------------ money and stock

FUNDS_HELD = (r"\bfunds?\b[^.]{0,60}\b(?:held|on hold|withheld|frozen|kept)\b"
              r"|\b(?:hold|holding|placed a hold) on (?:the |your |all )?funds\b"
              r"|\b(?:disbursements?|payments?)\b[^.]{0,40}\b(?:on hold|held|withheld|suspended|paused|stopped)\b"
              r"|\b(?:cannot|can't|will not|won't|unable to)\s+(?:[\w-]+\s+){0,4}?receive\s+(?:any\s+)?"
              r"(?:disbursements|payments|funds)\b")
FUNDS_NOT_HELD = (r"\b(?:payments?|funds?|disbursements?)\b[^.]{0,60}\b(?:continue to be (?:released|paid|disbursed)"
                  r"|(?:are|is|will) not (?:be )?(?:held|affected|withheld))\b")
INVENTORY_AT_RISK = (r"\binventory\b[^.]{0,80}\b(?:destroyed|disposed|disposal|removed|liquidated|at risk)\b"
                     r"|\b(?:destroy|dispose of|liquidate)\b[^.]{0,40}\b(?:inventory|units|stock)\b"
                     r"|\bunits\b[^.]{0,80}\b(?:disposed|destroyed|unfulfillable)\b")

# ------------------------------------------------------------------------------------ marketplaces

#: Words that tell which marketplace wrote a notice.
MARKETPLACE_WORDS: dict[Marketplace, str] = {
    Marketplace.AMAZON: r"\bamazon\b|\bseller ?central\b|\bFBA\b|\bASINs?\b|\bA-to-z\b",
    Marketplace.EBAY: r"\bebay\b|\bseller hub\b|\bVeRO\b",
    Marketplace.WALMART: r"\bwalmart\b|\bseller center\b|\bWFS\b",
}

#: The domains each marketplace writes from and links to. A link or sender elsewhere is suspect.
MARKETPLACE_DOMAINS: dict[Marketplace, tuple[str, ...]] = {
    Marketplace.AMAZON: (
        "amazon.com", "amazon.co.uk", "amazon.de", "amazon.ca", "amazon.fr", "amazon.it", "amazon.es",
        "amazon.nl", "amazon.se", "amazon.pl", "amazon.com.be", "amazon.ie", "amazon.co.jp", "amazon.com.au",
        "amazon.in", "amazon.com.mx", "amazon.com.br", "amazon.sg", "amazon.ae", "amazon.sa", "amazon.eg",
        "amazon.com.tr", "amazon.co.za", "media-amazon.com", "ssl-images-amazon.com", "amazonses.com",
    ),
    Marketplace.EBAY: ("ebay.com", "ebay.co.uk", "ebay.de", "ebay.ca", "ebay.com.au", "ebay.fr", "ebay.it",
                       "ebay.es", "ebay.at", "ebay.ch", "ebay.ie", "ebay.nl", "ebay.pl", "ebayimg.com"),
    Marketplace.WALMART: ("walmart.com", "walmart.ca", "marketplacelearn.walmart.com", "sellerhelp.walmart.com"),
}

#: Public authorities a genuine notice may link to (recalls, trademarks, product rules).
OFFICIAL_DOMAINS: tuple[str, ...] = (
    "gov", "gov.uk", "europa.eu", "canada.ca", "gc.ca", "gov.au", "wipo.int", "dpma.de", "inpi.fr",
)

#: Regions whose numeric dates read month first (03/09/2026 = March 9); others read day first.
MONTH_FIRST_REGIONS: frozenset[str | None] = frozenset(
    {None, "amazon.com", "amazon.ca", "ebay.com", "ebay.ca", "walmart.com"}  # amazon.ca: UNCERTAIN
)

# ------------------------------------------------------------------------------------ phishing

@dataclass(frozen=True, slots=True)
class PhishingRule:
    kind: str
    patterns: tuple[str, ...]
    source: str


PHISHING_RULES: tuple[PhishingRule, ...] = (
    PhishingRule("asks_password",
                 (r"\b(?:enter|confirm|provide|send|share|verify|reply with|update|type|give us)\b[^.]{0,60}"
                  r"\b(?:password|passcode|login (?:details|credentials|information)|sign-?in (?:details|credentials)"
                  r"|verification code|one-time (?:code|password)|OTP|security code|PIN)\b",),
                 _DOMAIN + " (a notice asking for a password is a red flag)"),
    PhishingRule("asks_payment",
                 (r"\b(?:pay|paid|purchase|buy|send|scratch|redeem)\b[^.]{0,60}\bgift ?cards?\b",
                  r"\bgift ?cards?\b[^.]{0,60}\b(?:codes?|pay|paid|payment)\b",
                  r"\b(?:reactivation|reinstatement|verification|processing|unlock|release|security) (?:fee|deposit|charge)",
                  r"\b(?:pay|send|transfer|wire|deposit)\b[^.]{0,40}(?:[$€£]\s?\d|\b\d+(?:\.\d+)?\s?(?:USD|EUR|GBP|BTC"
                  r"|USDT|ETH)\b|\bbitcoin|\bcrypto|\bwallet\b|\bwestern union\b|\bmoneygram\b)",
                  r"\b(?:bitcoin|BTC|USDT|cryptocurrency|western union|moneygram|wire transfer)\b"),
                 _DOMAIN + " (payment requests)"),
    PhishingRule("messenger_contact",
                 (r"\bwhats ?app\b", r"\btelegram\b", r"\bwechat\b", r"\bviber\b", r"\bskype\b",
                  r"\bsignal (?:app|messenger)\b", r"\bfacebook messenger\b", r"\bt\.me/", r"\bwa\.me/"),
                 _DOMAIN + " (messenger contacts)"),
    PhishingRule("urgency_threat",
                 (r"\bwithin\s+(?:[1-9]|1\d|2[0-4])\s*hours?\b[^.]{0,120}\b(?:permanent\w*|closed|banned|deleted"
                  r"|terminated|lose|lost)\b",
                  r"\b(?:terminated|closed|banned|deleted|suspended|deactivated|locked)\b[^.]{0,60}\bwithin\s+"
                  r"(?:[1-9]|1\d|2[0-4])\s*hours?\b",
                  r"\bfinal (?:notice|warning)\b", r"\bpermanently (?:closed|banned|deleted|locked)\b",
                  r"\blegal action\b", r"\bact now\b"),
                 "common phishing pressure tactics (very short windows, permanent loss threats)"),
)

#: Words whose dot does not end a sentence.
ABBREVIATIONS: frozenset[str] = frozenset({
    "e.g", "i.e", "u.s", "u.k", "no", "nos", "inc", "ltd", "co", "corp", "st", "mr", "ms", "mrs", "dr", "etc", "vs",
    "reg", "nr", "approx", "dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "fig", "art", "sec", "ref", "tel",
})
# fmt: on
