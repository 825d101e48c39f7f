"""Rule tables, part 2: what a notice asks for and what is at stake.

Documents to send, the parts of a plan of action, how reviewers criticise a rejected appeal, how
deadlines are worded, and what happens to funds and inventory. See ``patterns`` for the conventions.
"""

from __future__ import annotations

from dataclasses import dataclass

from appeal_assistant.models import PlanPart
from appeal_assistant.notice.patterns import DOMAIN_SOURCE as _DOMAIN

__all__ = [
    "ASK_CUES",
    "CRITIQUE_CUES",
    "DEADLINE_ACTION_CUES",
    "DEADLINE_NOT_BEFORE",
    "DEADLINE_SKIP_CUES",
    "DOCUMENT_AGE",
    "DOCUMENT_RULES",
    "FILE_TYPES",
    "FOOTER",
    "FUNDS_HELD",
    "FUNDS_NOT_HELD",
    "INVENTORY_AT_RISK",
    "ISSUE_LIST_LEADS",
    "NOT_AN_ASK",
    "NOT_NEEDED_AFTER",
    "NUMBER_WORDS",
    "PLAN_CONTEXT",
    "PLAN_DESCRIBES",
    "PLAN_PART_PHRASES",
    "PRAISE_CUES",
    "REJECTION_OUTCOME",
    "REJECTION_REVIEWED",
    "REJECTION_STRONG",
    "REQUEST_CUES",
    "REQUEST_HEADINGS",
    "SECTION_HEADINGS",
    "STEP_VERBS",
    "DocumentRule",
]

# fmt: off

# ------------------------------------------------------------------------------------ rejections

#: One of these alone says an earlier appeal was turned down (DOMAIN.md §4, rejections) ...
REJECTION_STRONG = (
    r"\byour (?:appeal|plan of action|POA|request for reinstatement)\b[^.]{0,40}?\b(?:has|have|was|were|is)"
    r" (?:been )?(?:not (?:been )?(?:accepted|approved|successful|sufficient)|denied|rejected|declined)"
    r"|\byour (?:appeal|plan of action|POA)\b[^.]{0,40}?\b(?:cannot|can't|could not|will not) be "
    r"(?:approved|accepted)"
    r"|\byour (?:plan|appeal|plan of action|POA|submission|response|information)\b (?:is|was) (?:still )?"
    r"(?:not (?:complete|sufficient|enough|detailed enough)|incomplete|insufficient)\b"
)
#: ... or a sentence saying the seller's submission was reviewed ...
REJECTION_REVIEWED = (
    r"\b(?:we )?(?:have )?(?:reviewed|evaluated|considered|received|thank you for) (?:submitting |sending "
    r"|providing )?(?:your|the) (?:appeal|plan of action|POA|information you|documents you|response|request "
    r"for reinstatement|submission|additional information|documents|invoices)"
)
#: ... next to a negative outcome.
REJECTION_OUTCOME = (
    r"\b(?:cannot|can't|could not|are unable to|were unable to|unable to|will not|did not)\b[^.]{0,60}"
    r"\b(?:reinstat|reactivat|accept|approv|restor|complete our review|verify)\w*|\bunfortunately\b"
    r"|\bnot (?:been )?accepted\b"
    r"|\b(?:do|does|did) not (?:have|contain|provide|include) (?:enough|sufficient|the (?:required|necessary))"
    r" (?:information|detail|details|evidence|documentation)\b"
    r"|\b(?:not enough|insufficient) (?:information|detail|evidence|documentation)\b"
    r"|\bstill (?:need|require|missing)\b"
)

#: A reviewer's criticism; with a plan part in the same sentence (or its lead-in) it names the weak part.
CRITIQUE_CUES = (
    r"\b(?:did|does|do) not (?:identify|explain|address|include|provide|describe|show|contain|match"
    r"|demonstrate|cover)\b"
    r"|\bnot (?:clear|specific|sufficient|enough|detailed|adequate)\b|\binsufficient\b"
    r"|\btoo (?:general|vague|generic|short|broad)\b|\bvague\b|\bgeneric\b|\bunclear\b"
    r"|\bgreater detail\b|\bmore detail|\bmore information\b|\badditional (?:detail|information)\b"
    r"|\bcould not (?:be )?(?:verif|confirm)\w*|\black(?:s|ed|ing)?\b|\bmissing\b|\bincomplete\b"
    r"|\bnot (?:adequately|fully|clearly|sufficiently)\b"
    r"|\billegible\b|\bnot (?:legible|readable)\b|\bunreadable\b"
    r"|\bwas not (?:clear|enough)\b|\b(?:for|of) a different\b"
)
#: ... unless the clause praises that part ("your root cause was clear").
PRAISE_CUES = (
    r"\b(?:was|were|is|are) (?:clear|accepted|sufficient|adequate|acceptable|fine)\b"
    r"|\bdoes not need to be (?:repeated|changed|revised)\b"
)

#: The legal footer of a marketplace e-mail ('Copyright 1995-2026 eBay Inc. All Rights Reserved.'): it raises no
#: issue and asks nothing.
FOOTER = (
    r"\bcopyright\s*(?:©\s*)?\d{4}|©\s*\d{4}|\ball rights reserved\b|\btrademarks? and brands are the property\b"
    r"|\b(?:is|are) (?:a )?(?:registered )?trademarks? of\b|\btrademarks? (?:is|are) the property of\b"
    r"|\bgoverned by the user agreement\b|\bunsubscribe\b|\bprivacy (?:notice|policy|statement)\b[^.]{0,30}$"
)

#: How notices and reviewers name the parts of a plan of action.
PLAN_PART_PHRASES: dict[PlanPart, str] = {
    PlanPart.ROOT_CAUSE: (
        r"\broot causes?\b|\bwhat caused\b|\bcause of (?:the|these|this|each)\b|\bwhat led to\b|\bled to\b"
        r"|\bcame to be\b|\bwhat (?:actually )?went wrong\b|\bwhat happened\b"
        r"|\bhow (?:the |this |these |your |it |they )[\w ]{0,40}?(?:occurred|happened|arose|came to|was set|were set"
        r"|ended up|got there|(?:is|are|was|were) (?:related|linked|connected))\b"
        r"|\bwhy\b"
    ),
    PlanPart.CORRECTIVE_ACTIONS: (
        r"\bcorrective\b"
        r"|\bactions? (?:that )?(?:you )?(?:have )?(?:already )?(?:taken|took|completed)\b"
        r"|\bsteps (?:that )?(?:you )?(?:have )?(?:already )?(?:taken|took|completed)\b"
        r"|\bwhat you (?:have )?(?:already )?(?:done|did|changed|corrected|fixed)\b"
        r"|\bhow you (?:have )?(?:resolved|fixed|addressed)\b|\bactions you have\b"
    ),
    PlanPart.PREVENTIVE_MEASURES: (
        r"\bprevent\w*|\bin the future\b|\bfuture\b|\bagain\b"
        r"|\brecur\w*|\bgoing forward\b|\bfrom now on\b|\bmake sure\b"
    ),
    PlanPart.SUPPORTING_DOCUMENTS: (
        r"\binvoices?\b|\bdocuments?\b|\bdocumentation\b|\bletters? of authori[sz]ation\b"
        r"|\bsupporting evidence\b|\bproof of\b"
    ),
}

#: Sentences that ask for a plan (its parts are read from them and from their list items).
PLAN_CONTEXT = (
    r"\bplan of action\b|\bPOA\b|\baction plan\b|\bimprovement plan\b|\bappeal\b|\byour plan\b"
    r"|\bthe plan\b|\brevised plan\b"
)

# ------------------------------------------------------------------------------------ documents


@dataclass(frozen=True, slots=True)
class DocumentRule:
    """Phrases naming a document of ``kind`` (a ``RequestedDocument.kind``)."""

    kind: str
    patterns: tuple[str, ...]
    source: str


#: A sentence asks for something when it has one of these, or sits under such a lead-in or heading.
REQUEST_CUES = (
    r"\b(?:send|submit|provide|upload|attach|include|share|resubmit|reply with|give us|would (?:also )?like"
    r"|must|should|required|requested|please|to request|open a case)\b"
    r"|\bneeds? (?:to|the|a|your)\b|\bsends? (?:\w+ )?(?:to )?us\b"
    r"|\bwill (?:also )?be accepted\b|\bwe (?:will )?(?:also )?accept\b"
)
#: Headings of the part of a notice that says what to send ("How do I reactivate my account?").
REQUEST_HEADINGS = (
    r"how (?:do|can) i (?:reactivate|reinstate|appeal|restore|resolve|get)"
    r"|what (?:do|should|can) (?:i|you) (?:need to )?(?:do|send|provide)|what you (?:can|need to|should) do"
    r"|how to (?:resolve|reactivate|appeal|fix)|required information|next steps|what we need"
)

DOCUMENT_RULES: tuple[DocumentRule, ...] = (
    DocumentRule("plan_of_action", (
        r"\bplan of action\b", r"\bPOA\b", r"\baction plan\b", r"\bperformance improvement plan\b",
        r"\b(?:a|an|your|the) (?:revised |new |updated )?appeal\b(?! (?:button|link|page|tab|form))",
        r"\b(?:send|submit|provide|share) (?:us )?(?:a|an|your|the) "
        r"(?:revised |new |updated |short |written |detailed )?plan\b",
    ), _DOMAIN + " (root cause, actions taken, preventive steps)"),
    DocumentRule("invoices", (
        r"\binvoices?\b", r"(?<!-)\breceipts?\b(?! (?:of|complaints?))", r"\bproof of purchase\b",
    ), _DOMAIN + " (invoices from the last 365 days covering sales volume)"),
    DocumentRule("supplier_contact", (
        r"\bsupplier(?:'s|s'|s)? (?:contact (?:details|information)|details|information|name)\b",
        r"\b(?:provider|vendor|distributor)(?:'s|s'|s)? contact (?:details|information)\b",
        r"\bcontact (?:details|information) (?:of|for) (?:the |your |each )?"
        r"(?:supplier|manufacturer|distributor)",
        r"\b(?:name|address|phone number|website|contact details)\b[^.]{0,80}\b(?:of|for) "
        r"(?:each|the|your|every) (?:supplier|manufacturer|distributor)",
        r"\b(?:name|contact details)\b[^.]{0,40}\bof the business you (?:buy|source|purchase)",
    ), _DOMAIN + " (supplier contact details)"),
    DocumentRule("letter_of_authorization", (
        r"\bletters? of authori[sz]ation\b", r"\bLOA\b", r"\bauthori[sz]ation letters?\b",
    ), _DOMAIN),
    DocumentRule("retraction", (
        r"\bretraction\b", r"\bretract\b", r"\bwithdraw (?:the|their|its) complaint\b",
    ), _DOMAIN + " (retractions come from the rights owner)"),
    DocumentRule("utility_bill", (
        r"\butility bill\b", r"\b(?:electricity|gas|water|phone|internet|council tax) bill\b",
    ), _DOMAIN + " (utility bill no older than 90 days)"),
    DocumentRule("identity_document", (
        r"\bpassport\b", r"\b(?:national )?identity card\b", r"\bID card\b", r"\bphoto ID\b",
        r"\bdriv(?:er'?s|ing) licen[cs]e\b", r"\bgovernment[- ]issued (?:photo )?(?:ID|identification)\b",
        r"\bidentity documents?\b",
    ), _DOMAIN),
    DocumentRule("bank_statement", (r"\bbank (?:account )?statement\b",), _DOMAIN),
    DocumentRule("credit_card_statement", (r"\bcredit card statement\b",), _DOMAIN),
    DocumentRule("business_registration", (
        r"\bbusiness registration\b", r"\bcertificate of incorporation\b", r"\bcompany registration\b",
        r"\bbusiness licen[cs]e\b", r"\barticles of (?:incorporation|organi[sz]ation)\b",
        r"\bcertificate of (?:formation|organi[sz]ation)\b",
    ), _DOMAIN),
    DocumentRule("safety_documents", (
        r"\btest reports?\b", r"\blab(?:oratory)? reports?\b", r"\bcertificate of analysis\b",
        r"\bdeclaration of conformity\b", r"\bsafety data sheets?\b", r"\bSDS\b",
        r"\bchildren'?s product certificate\b", r"\bcertificate of conformity\b",
        r"\b(?:safety|compliance) documents?\b",
    ), "Amazon product compliance requests (test reports, declarations of conformity)"),
    DocumentRule("product_images", (
        r"\b(?:photos?|images?|pictures?) of (?:the |your |every |each )?"
        r"(?:product|packaging|label|item|side)s?\b",
        r"\b(?:product|label|packaging) (?:photos?|images?)\b",
    ), _DOMAIN),
    DocumentRule("other", (
        r"\bcourt order\b", r"\b(?:your |the )?(?:agreement|contract) with\b",
        # 'send us evidence or documentation showing that your account has not violated ...'
        r"\b(?:evidence|documentation|proof)(?: or (?:evidence|documentation|proof))? (?:showing|that shows?"
        r"|proving|to show|demonstrating)\b",
    ), "patent and drop-shipping notices (court orders, fulfilment agreements); evidence a policy was not broken"),
)

#: "invoices are not required": a document negated after its name (read from the end of the name).
NOT_NEEDED_AFTER = r"[^.;,]{0,40}?\b(?:(?:is|are) not|isn't|aren't) (?:required|needed|necessary)\b"

#: How old a document may be ("issued within the last 365 days", "no older than 90 days").
DOCUMENT_AGE = (
    r"\b(?:within|in|from|over|during|for) the (?:last|past|previous) (\d{1,3}) days\b"
    r"|\b(\d{1,3}) days? old\b|\bno (?:more|older) than (\d{1,3}) days\b"
)

#: Accepted file formats named in a notice (matched case-sensitively).
FILE_TYPES = r"\b(PDF|JPE?G|PNG|GIF|TIFF?|DOCX?|XLSX?|HEIC|BMP)\b"

# ------------------------------------------------------------------------------------ asks, item by item

#: Headings that tell the parts of a notice apart (checked in this order). Only 'request' asks.
SECTION_HEADINGS: tuple[tuple[str, str], ...] = (
    ("send", r"how (?:do|can|should) (?:i|you) (?:send|submit|upload)|how to (?:send|submit)"
             r"|where (?:do|should|can) (?:i|you) send"),
    ("error", r"\bin error\b|\bif you (?:believe|think|feel|disagree)|\bdisagree\b|\bdispute\b|\bby mistake\b"),
    ("consequence", r"what happens if|\bif (?:i|you) do(?: not|n't) (?:send|provide|respond|reply|appeal|submit|act)\b"
                    r"|\bwhat if (?:i|you) do(?: not|n't) (?:send|provide|respond|reply|appeal|submit|act)\b"
                    r"|\bif we do not (?:receive|hear)\b"),
    ("why", r"\bwhy (?:is|did|has|was|am|are) (?:this|it|my|i|we)\b|\bwhat happened\b|\bwhy this\b"),
    ("request", REQUEST_HEADINGS + r"|\bwhat (?:do|should) (?:i|we) (?:need to )?(?:do|send)\b"
                r"|\bto reactivate\b"),
)

#: A sentence asks for something when it has one of these (outside the send / error / why sections).
ASK_CUES = (
    r"\b(?:please|kindly)\b|\byou (?:must|need to|should|have to|are required to)\b|\bwe (?:need|require)\b"
    r"|\bmust be (?:sent|provided|submitted|included)\b|\b(?:is|are) required\b"
    r"|\b(?:send|submit|provide|upload|attach|include|resubmit|reply with|give us|explain|describe|tell us"
    r"|confirm|complete)\b[^.]{0,80}\b(?:following|information|documents?|details|plan|us|copy|copies"
    r"|evidence|proof|statement|invoices?|letters?)\b"
    r"|^(?:send|submit|provide|upload|attach|include|explain|describe|remove|delete|close|reactivate|confirm"
    r"|complete|create|update|correct|contact|respond|resolve|verify)\b"
    r"|\bto (?:reactivate|reinstate|restore|resolve)\b[^.]{0,60}\b(?:send|submit|provide|take|complete)\b"
    r"|\b(?:explain|describe|tell us|let us know|clarify)\b"
)

#: Sentences that look like asks but are not: permissions, format notes, promises of the marketplace,
#: how-to-send directions and example lists.
NOT_AN_ASK = (
    r"\byou (?:may|can|could) (?:also )?(?:remove|hide|black out|redact|highlight|circle|send \.|use|choose"
    r"|find|learn|see|view|check the|contact us|reply)\b"
    r"|\b(?:we|amazon|ebay|walmart) (?:may|will|might|can) (?:call|contact|verify|maintain|keep|review|share"
    r"|take|also)\b"
    r"|\b(?:click|select) (?:the )?[\"']?(?:appeal|submit|reactivate)|\bappeal button\b"
    r"|\breply to this (?:e-?mail|message|notification)\b[^.]{0,40}$"
    r"|\b(?:files?|formats?)\b[^.]{0,30}\b(?:pdf|jpe?g|png|gif)\b"
    r"|\bexamples? (?:of|include)\b|\bsuch as the following\b"
    r"|\bthank you\b|\bwe appreciate\b|\bfor (?:more information|details), (?:see|visit|go)\b"
    r"|\blearn more\b|\bhelp page\b"
    r"|\b(?:did|does|do|was|were) not (?:provide|include|contain|show|explain|address|identify|describe)\b"
    r"|\b(?:we|i) (?:have )?(?:reviewed|received|evaluated|considered)\b"
)

#: Lead-ins whose list items are issues to fix, one by one.
ISSUE_LIST_LEADS = (
    r"\b(?:following|these|listed|the) (?:issues?|violations?|problems?|reasons?|complaints?|concerns?"
    r"|defects?|policy violations?|listings? (?:issues|errors))\b"
    r"|\bcomplaint (?:types?|reasons?)\b|\breasons? for (?:the|this|these)\b|\bwe found\b|\bwe identified\b"
    r"|\bissues? (?:found|identified|to (?:fix|correct|resolve|address))\b"
)

#: A step the seller must take (not a document to send).
STEP_VERBS = (
    r"^[\W\d]*(?:(?:\d{1,2}[.)]|step \d{1,2}:?|first|second|third|then|next|finally|after that|once [^,]{0,60}"
    r"|please|you (?:must|need to|should|will need to))[\s,:]+)*"
    r"(?:remove|delete|close|reactivate|reinstate|resolve|update|correct|fix|edit|create|cancel|stop"
    r"|disconnect|unlink|respond to|contact|complete|confirm|verify|log in|sign in|enable|disable|change"
    r"|pay|clear|settle|review (?:your|how|the|all|each|every|any)|re-?submit|wait|appeal|request|obtain|register"
    r"|enroll|set up|tell|inform|notify|dispose of|destroy|audit|inspect|fill (?:in|out)|certify|sign and"
    r"|book|schedule)\b(?!\s+[A-Z][a-z]+\s{2,})"
)

#: What a plan of action must describe, when the notice says it ("a plan of action describing how ...").
PLAN_DESCRIBES = (
    r"\b(?:plan of action|POA|action plan|appeal|plan)\b[^.:]{0,40}?\b(?:describing|that describes|which describes"
    r"|explaining|that explains|which explains|showing|that shows|covering|that covers|including|detailing"
    r"|that details|addressing|that addresses|about|on|with)\s+(?P<what>[^.:]{12,})"
)

# ------------------------------------------------------------------------------------ deadline

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "sixty": 60, "ninety": 90,
}
#: A deadline sentence asks the seller to act ...
DEADLINE_ACTION_CUES = (
    r"\b(?:send|submit|resubmit|provide|upload|appeal|appeals|reply|respond|contact|confirm|verify|create"
    r"|remove|complete|take action|act|fix|resolve|address|receive|received|hear from you|need to do|must do)\b"
)
#: ... is not about buyers' requests ("respond to every request within 3 days") ...
DEADLINE_NOT_BEFORE = (
    r"\b(?:requests?|messages?|inquir(?:y|ies)|questions?|claims?|returns?|orders?|buyers?|customers?)\W*$"
)
#: ... and not about how long the marketplace usually takes.
DEADLINE_SKIP_CUES = (
    r"\b(?:usually|typically|generally|normally|can take|may take|takes|republished)\b"
    r"|\b(?:we|amazon|ebay|walmart) (?:will|usually|typically|aim to|try to)\b"
)

# ------------------------------------------------------------------------------------ money and stock

FUNDS_HELD = (
    r"\bfunds?\b[^.]{0,60}\b(?:held|on hold|withheld|frozen|kept)\b"
    r"|\b(?:hold|holding|placed a hold) on (?:the |your |all )?funds\b|\bhold (?:the |your |all )?funds\b"
    r"|\b(?:disbursements?|payments?)\b[^.]{0,40}\b(?:on hold|held|withheld|suspended|paused|stopped)\b"
    r"|\b(?:cannot|can't|will not|won't|unable to)\s+(?:[\w-]+\s+){0,4}?receive\s+(?:any\s+)?"
    r"(?:disbursements|payments|funds)\b"
)
FUNDS_NOT_HELD = (
    r"\b(?:payments?|funds?|disbursements?)\b[^.]{0,60}"
    r"\b(?:continue to be (?:released|paid|disbursed)"
    r"|(?:are|is|will) not (?:be )?(?:held|affected|withheld))\b"
)
INVENTORY_AT_RISK = (
    r"\binventory\b[^.]{0,80}\b(?:destroyed|disposed|disposal|removed|liquidated|at risk)\b"
    r"|\b(?:destroy|dispose of|liquidate)\b[^.]{0,40}\b(?:inventory|units|stock)\b"
    r"|\bunits\b[^.]{0,80}\b(?:disposed|destroyed|unfulfillable)\b"
)
# fmt: on
