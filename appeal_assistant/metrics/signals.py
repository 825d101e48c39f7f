"""Findings beyond the metrics: risky words in buyer comments and defects that may be disputable."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from appeal_assistant.metrics.compute import window_mask
from appeal_assistant.metrics.risk import (
    FBA_FULFILMENT_PATTERN,
    PRODUCT_REVIEW_PATTERN,
    RISK_WORDS,
    SERVICE_PATTERN,
    complaint_words,
)
from appeal_assistant.metrics.tables import OrderTables
from appeal_assistant.models import Evidence, Finding, FindingKind, Severity

__all__ = ["comment_findings", "disputable_findings"]


def comment_findings(t: OrderTables, as_of: date) -> list[Finding]:
    out: list[Finding] = []
    lo = as_of - timedelta(days=89)
    fb = t.feedback[window_mask(t.feedback["day"].to_numpy(), lo, as_of)]
    r = t.returns[window_mask(t.returns["day"].to_numpy(), lo, as_of)]
    texts = pd.concat(
        [
            pd.DataFrame(
                {"order_id": fb["order_id"].to_numpy(dtype=np.int64), "text": fb["comments"].to_numpy()}
            ),
            pd.DataFrame(
                {"order_id": r["order_id"].to_numpy(dtype=np.int64), "text": r["comments"].to_numpy()}
            ),
        ],
        ignore_index=True,
    )
    texts = texts[texts["text"].astype("str") != ""]
    asin_of = (
        t.by_order(t.orders["order_id"].to_numpy(dtype=np.int64), t.orders["asin"].to_numpy(), -1)
        if t.has_orders
        else np.full(t.n_ids, -1)
    )
    for label, (pattern, issue) in RISK_WORDS.items():
        hit = texts[texts["text"].astype("str").str.contains(pattern)]
        if hit.empty:
            continue
        codes = asin_of[hit["order_id"].to_numpy(dtype=np.int64)]
        asins = sorted({str(t.asin_names[c]) for c in codes if c >= 0} - {""})
        ids = sorted({str(x) for x in t.names[hit["order_id"].to_numpy(dtype=np.int64)]})
        out.append(
            Finding(
                id=f"risk:{label}",
                kind=FindingKind.RISKY_COMMENT,
                severity=Severity.HIGH
                if issue.value in ("inauthentic", "product_safety")
                else Severity.MEDIUM,
                title=f"{len(hit)} buyer comment{'s' if len(hit) != 1 else ''} in 90 days mention '{label}'",
                reason=f"Comments like these can turn into {complaint_words(issue)}; check the "
                f"listings and units concerned.",
                issue=issue,
                evidence=[Evidence(label="asins", value=asins[:10]), Evidence(label="count", value=len(hit))],
                order_ids=ids[:10],
            )
        )
    return out


def disputable_findings(t: OrderTables, as_of: date) -> list[Finding]:
    out: list[Finding] = []
    s = t.shipments
    cl = t.claims[t.claims["counts"].astype(bool) & (t.claims["kind"] == "a_to_z")]
    if not s.empty and not cl.empty:
        joined = cl.merge(s, on="order_id", how="inner", suffixes=("", "_s"))
        on_time = (
            ~joined["ship"].isna()
            & (joined["ship"] <= joined["expected"])
            & joined["has_tracking"]
            & (joined["reason"].astype("str").str.contains("not received", case=False))
        )
        ids = sorted({str(x) for x in t.names[joined.loc[on_time, "order_id"].to_numpy(dtype=np.int64)]})
        if ids:
            out.append(
                Finding(
                    id="disputable:a_to_z_on_time",
                    kind=FindingKind.DISPUTABLE,
                    severity=Severity.MEDIUM,
                    title=f"{len(ids)} item-not-received A-to-z claim{'s' if len(ids) != 1 else ''} on orders "
                    "shipped on time with tracking",
                    reason="Claims on orders confirmed on time with a tracked service may be appealed (within 30 "
                    "days) with the tracking evidence; with Buy Shipping labels they are covered by claim protection.",
                    evidence=[Evidence(label="orders", value=len(ids))],
                    order_ids=ids[:20],
                )
            )
    fb = t.feedback[
        (t.feedback["rating"] <= 2)
        & window_mask(t.feedback["day"].to_numpy(), as_of - timedelta(days=89), as_of)
    ]
    if not fb.empty:
        text = fb["comments"].astype("str")
        review = text.str.contains(PRODUCT_REVIEW_PATTERN) & ~text.str.contains(SERVICE_PATTERN)
        fb_ids = fb["order_id"].to_numpy(dtype=np.int64)
        channel = (
            t.by_order(
                t.orders["order_id"].to_numpy(dtype=np.int64), t.orders["channel"].to_numpy(dtype=object), ""
            )
            if t.has_orders
            else np.full(t.n_ids, "", dtype=object)
        )
        fba = (channel[fb_ids] == "afn") & text.str.contains(FBA_FULFILMENT_PATTERN).to_numpy(dtype=bool)
        review_arr = review.to_numpy(dtype=bool)
        for key, mask, title, why in (
            (
                "product_review",
                review_arr,
                "negative feedback entries that read as product reviews",
                "Feedback that only reviews the product (not the seller's service) can be reported for removal.",
            ),
            (
                "fba_fulfilment",
                fba & ~review_arr,
                "negative feedback entries about Amazon's own fulfilment",
                "Feedback on Amazon-fulfilled orders that blames delivery is Amazon's responsibility: request a "
                "strike-through.",
            ),
        ):
            ids = sorted({str(x) for x in t.names[fb_ids[mask]]})
            if ids:
                out.append(
                    Finding(
                        id=f"disputable:{key}",
                        kind=FindingKind.DISPUTABLE,
                        severity=Severity.LOW,
                        title=f"{len(ids)} {title}",
                        reason=why,
                        evidence=[Evidence(label="orders", value=len(ids))],
                        order_ids=ids[:20],
                    )
                )
    return out
