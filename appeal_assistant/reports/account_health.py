"""The account-health JSON report (GET_V2_SELLER_PERFORMANCE_REPORT) as pydantic models.

Shape from Amazon's published schema ``schemas/reports/accountHealthReport-2020-11-18.json`` in
amzn/selling-partner-api-models. Field names are snake_case with the report's camelCase as aliases.
Everything but the marketplace id is optional and unknown keys are ignored, because real downloads
omit metrics a seller has no data for, and the schema's own example spells some keys differently
(``prefulfillmentCancelRate``, ``warningState``, ``documentRequest``); those spellings are accepted too.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)
from pydantic.alias_generators import to_camel

from appeal_assistant.errors import ReportFileError

__all__ = [
    "AccountHealthRating",
    "AccountHealthReport",
    "AccountStatus",
    "CountStatus",
    "MarketplacePerformance",
    "OrderDefectRate",
    "OrderDefectRates",
    "PolicyViolation",
    "RateMetric",
    "ReportingDateRange",
    "WarningState",
    "looks_like_account_health",
    "parse_account_health",
]

#: GOOD, BAD or NONE in the schema; kept as sent (upper-cased) so a new value does not reject a download.
Status = str
#: GREATER_THAN, LESS_THAN or EQUALS in the schema.
TargetCondition = str

#: Policy-violation keys of a marketplace's performance metrics (each a :class:`PolicyViolation`).
VIOLATION_FIELDS: tuple[str, ...] = (
    "listing_policy_violations",
    "product_authenticity_customer_complaints",
    "product_condition_customer_complaints",
    "product_safety_customer_complaints",
    "received_intellectual_property_complaints",
    "restricted_product_policy_violations",
    "suspected_intellectual_property_violations",
    "food_and_product_safety_issues",
    "other_policy_violations",
    "document_requests",
)


_UPPER_KEYS = frozenset(
    {"status", "targetCondition", "target_condition", "ahrStatus", "accountHealthRatingStatus"}
)


class _Part(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")

    @model_validator(mode="before")
    @classmethod
    def _upper_codes(cls, data: Any) -> Any:
        """Status and condition codes are compared upper-case (GOOD, LESS_THAN), however they were sent."""
        if isinstance(data, dict):
            return {k: v.upper() if k in _UPPER_KEYS and isinstance(v, str) else v for k, v in data.items()}
        return data


class ReportingDateRange(_Part):
    reporting_date_from: datetime | None = None
    reporting_date_to: datetime | None = None


class CountStatus(_Part):
    count: int | None = None
    status: Status | None = None


class RateMetric(_Part):
    """A rate with its window, status and target, plus whichever counts the report gives."""

    reporting_date_range: ReportingDateRange | None = None
    status: Status | None = None
    rate: float | None = None
    target_value: float | None = None
    target_condition: TargetCondition | None = None
    order_count: int | None = None
    late_shipment_count: int | None = None
    cancellation_count: int | None = None
    shipment_count: int | None = None
    valid_tracking_count: int | None = None
    shipment_count_with_valid_tracking: float | None = None
    on_time_delivery_count: int | None = None
    unit_on_time_delivery_count: int | None = None
    total_unit_count: int | None = None
    invoice_defect: CountStatus | None = None
    missing_invoice: CountStatus | None = None
    late_invoice: CountStatus | None = None


class OrderDefectRate(RateMetric):
    order_with_defects: CountStatus | None = None
    claims: CountStatus | None = None
    chargebacks: CountStatus | None = None
    negative_feedback: CountStatus | None = None
    fulfillment_type: str | None = None


class OrderDefectRates(_Part):
    mfn: OrderDefectRate | None = None
    afn: OrderDefectRate | None = None


class PolicyViolation(_Part):
    reporting_date_range: ReportingDateRange | None = None
    defects_count: int | None = None
    status: Status | None = None
    target_value: float | None = None
    target_condition: TargetCondition | None = None


class AccountHealthRating(_Part):
    """The AHR status (GREAT, WARNED, ...) and, when the download carries it, the 0-1000 score."""

    ahr_status: str | None = Field(
        default=None,
        validation_alias=AliasChoices("ahrStatus", "accountHealthRatingStatus", "ahr_status", "status"),
    )
    score: int | None = Field(
        default=None, validation_alias=AliasChoices("score", "ahrScore", "rating", "value")
    )
    reporting_date_range: ReportingDateRange | None = None


class WarningState(_Part):
    warning_type: str | None = None
    status: str | None = None


class MarketplacePerformance(_Part):
    marketplace_id: str | None = None
    order_defect_rate: OrderDefectRates | None = None
    late_shipment_rate: RateMetric | None = None
    valid_tracking_rate: RateMetric | None = None
    pre_fulfillment_cancellation_rate: RateMetric | None = Field(
        default=None,
        validation_alias=AliasChoices(
            "preFulfillmentCancellationRate", "prefulfillmentCancelRate", "pre_fulfillment_cancellation_rate"
        ),
    )
    on_time_delivery_rate: RateMetric | None = None
    unit_on_time_delivery_rate: RateMetric | None = None
    invoice_defect_rate: RateMetric | None = None
    account_health_rating: AccountHealthRating | None = None
    warning_states: list[WarningState] = Field(
        default_factory=list, validation_alias=AliasChoices("warningStates", "warningState", "warning_states")
    )
    listing_policy_violations: PolicyViolation | None = None
    product_authenticity_customer_complaints: PolicyViolation | None = None
    product_condition_customer_complaints: PolicyViolation | None = None
    product_safety_customer_complaints: PolicyViolation | None = None
    received_intellectual_property_complaints: PolicyViolation | None = None
    restricted_product_policy_violations: PolicyViolation | None = None
    suspected_intellectual_property_violations: PolicyViolation | None = None
    food_and_product_safety_issues: PolicyViolation | None = None
    other_policy_violations: PolicyViolation | None = None
    document_requests: PolicyViolation | None = Field(
        default=None,
        validation_alias=AliasChoices("documentRequests", "documentRequest", "document_requests"),
    )

    @model_validator(mode="before")
    @classmethod
    def _bare_score(cls, data: Any) -> Any:
        """Accept ``"accountHealthRating": 230`` (a bare score) as well as the schema's object."""
        if isinstance(data, dict) and isinstance(data.get("accountHealthRating"), int | float):
            data = {**data, "accountHealthRating": {"score": int(data["accountHealthRating"])}}
        return data

    def violation_counts(self) -> dict[str, int]:
        """Defect count per policy-violation kind present in the report."""
        counts: dict[str, int] = {}
        for name in VIOLATION_FIELDS:
            item = getattr(self, name)
            if isinstance(item, PolicyViolation) and item.defects_count is not None:
                counts[name] = item.defects_count
        return counts


class AccountStatus(_Part):
    marketplace_id: str | None = None
    status: str | None = Field(default=None, description="NORMAL, AT_RISK, DEACTIVATED (others kept as sent)")


class AccountHealthReport(_Part):
    account_statuses: list[AccountStatus] = Field(default_factory=list)
    performance_metrics: list[MarketplacePerformance] = Field(default_factory=list)

    def for_marketplace(self, marketplace_id: str | None = None) -> MarketplacePerformance | None:
        """The metrics of one marketplace (the first one when no id is given)."""
        for item in self.performance_metrics:
            if marketplace_id is None or item.marketplace_id == marketplace_id:
                return item
        return None

    @property
    def latest_date(self) -> datetime | None:
        """The latest reporting end date anywhere in the report (which of two downloads is newer)."""
        found: list[datetime] = []
        for item in self.performance_metrics:
            for value in item.__dict__.values():
                rng = getattr(value, "reporting_date_range", None)
                if isinstance(rng, ReportingDateRange) and rng.reporting_date_to is not None:
                    end = rng.reporting_date_to
                    found.append(end if end.tzinfo else end.replace(tzinfo=UTC))
        return max(found) if found else None


def looks_like_account_health(data: object) -> bool:
    return isinstance(data, dict) and ("performanceMetrics" in data or "accountStatuses" in data)


def parse_account_health(text: str, name: str) -> AccountHealthReport:
    """Parse the report's JSON text; a wrong shape raises ReportFileError naming the file and field."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportFileError(
            f"{name}: is not valid JSON (line {exc.lineno}: {exc.msg})", path=name, row=exc.lineno
        ) from exc
    if not looks_like_account_health(data):
        keys = ", ".join(repr(k) for k in list(data)[:8]) if isinstance(data, dict) else type(data).__name__
        raise ReportFileError(
            f"{name}: is JSON but not an account-health report (needs 'performanceMetrics' or "
            f"'accountStatuses'; found {keys})",
            path=name,
        )
    try:
        return AccountHealthReport.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ReportFileError(
            f"{name}: account-health field {where!r} is invalid ({first['msg']})", path=name, column=where
        ) from exc
