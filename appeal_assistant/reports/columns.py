"""The column table: every report kind, its canonical columns, their types, and the headers they go by.

This is the ONE place report layouts live. A canonical name is the snake_case of the header the demo
generator writes; aliases are other spellings seen in real exports (Amazon regions and report versions,
shipping tools, eBay's Orders report, Walmart's order export). Headers are compared after
:func:`appeal_assistant.privacy.normalize_header`, so case, spaces, dashes and underscores do not matter.
Sources: Amazon Seller Central report help and the SP-API report type list
(https://developer-docs.amazon.com/sp-api/docs/report-type-values), DOMAIN.md §3; the shipments, claims,
ODR-defect and generic-orders layouts are this project's own documented schemas (SCHEMAS.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "CHANNEL_VALUES",
    "FALSE_VALUES",
    "KINDS",
    "TABULAR_KINDS",
    "TRUE_VALUES",
    "ColumnSpec",
    "ColumnType",
    "KindSpec",
    "ReportKind",
    "kind_spec",
]

ReportKind = Literal[
    "orders",
    "shipments",
    "fba_returns",
    "mfn_returns",
    "feedback",
    "claims",
    "odr_defects",
    "afn_shipments",
    "unshipped_orders",
    "generic_orders",
    "messages",
    "account_health",
]

#: id/str: trimmed text; text: free text scrubbed of e-mails and phones; number: float64;
#: flag: bool (blank -> False); tristate: object holding True, False or None (blank = unknown);
#: timestamp: tz-aware UTC datetime64; date: naive datetime64 at midnight (the calendar date as written).
ColumnType = Literal["id", "str", "text", "number", "flag", "tristate", "timestamp", "date"]

#: "row": the column must exist and a row without a readable value is rejected;
#: "column": the column must exist, blank values are allowed; "": optional.
Need = Literal["row", "column", ""]


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    name: str
    type: ColumnType
    aliases: tuple[str, ...]
    need: Need = ""
    doc: str = ""

    @property
    def header(self) -> str:
        """The header the demo generator writes (the first alias)."""
        return self.aliases[0]


@dataclass(frozen=True, slots=True)
class KindSpec:
    kind: ReportKind
    label: str
    source: str
    columns: tuple[ColumnSpec, ...]
    channel_from: str | None = None
    #: Groups of columns of which the file must hold at least one (a reply time or a reply timestamp).
    any_of: tuple[tuple[str, ...], ...] = ()

    @property
    def required(self) -> tuple[ColumnSpec, ...]:
        return tuple(c for c in self.columns if c.need)

    def column(self, name: str) -> ColumnSpec | None:
        return next((c for c in self.columns if c.name == name), None)


def _c(name: str, type_: ColumnType, *aliases: str, need: Need = "", doc: str = "") -> ColumnSpec:
    return ColumnSpec(name, type_, aliases or (name.replace("_", "-"),), need, doc)


KINDS: dict[ReportKind, KindSpec] = {}


def _add(spec: KindSpec) -> None:
    KINDS[spec.kind] = spec


# fmt: off
_add(KindSpec("orders", "Amazon All Orders report", "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL",
    channel_from="fulfillment_channel", columns=(
    _c("order_id", "id", "amazon-order-id", "order-id", "order-number", need="row"),
    _c("merchant_order_id", "id", "merchant-order-id"),
    _c("purchase_date", "timestamp", "purchase-date", "order-date", need="row"),
    _c("last_updated_date", "timestamp", "last-updated-date"),
    _c("order_status", "str", "order-status", need="column",
       doc="Shipped, Pending, Cancelled, Unshipped, ..."),
    _c("fulfillment_channel", "str", "fulfillment-channel", "fulfilled-by", doc="Amazon or Merchant"),
    _c("sales_channel", "str", "sales-channel"),
    _c("order_channel", "str", "order-channel"),
    _c("ship_service_level", "str", "ship-service-level"),
    _c("product_name", "str", "product-name", "item-name", "title"),
    _c("sku", "str", "sku", "seller-sku"),
    _c("asin", "str", "asin"),
    _c("item_status", "str", "item-status"),
    _c("quantity", "number", "quantity", "quantity-purchased", "qty"),
    _c("currency", "str", "currency"),
    _c("item_price", "number", "item-price"),
    _c("item_tax", "number", "item-tax"),
    _c("shipping_price", "number", "shipping-price"),
    _c("shipping_tax", "number", "shipping-tax"),
    _c("gift_wrap_price", "number", "gift-wrap-price"),
    _c("gift_wrap_tax", "number", "gift-wrap-tax"),
    _c("item_promotion_discount", "number", "item-promotion-discount"),
    _c("ship_promotion_discount", "number", "ship-promotion-discount"),
    _c("ship_state", "str", "ship-state"),
    _c("ship_country", "str", "ship-country"),
    _c("promotion_ids", "str", "promotion-ids"),
    _c("is_business_order", "flag", "is-business-order"),
    _c("purchase_order_number", "str", "purchase-order-number"),
    _c("price_designation", "str", "price-designation"),
    _c("number_of_items", "number", "number-of-items"),
    _c("tax_collection_model", "str", "tax-collection-model"),
    _c("tax_collection_responsible_party", "str", "tax-collection-responsible-party"),
    _c("address_type", "str", "address-type", doc="Residential or Commercial; not an address"),
)))

_add(KindSpec("shipments", "Shipments (seller's shipping or order-management export)", "this project",
    columns=(
    _c("order_id", "id", "order-id", "amazon-order-id", "order-number", "order #", need="row"),
    _c("purchase_date", "timestamp", "purchase-date", "order-date", "order-placed"),
    _c("expected_ship_date", "date", "expected-ship-date", "ship-by-date", "latest-ship-date", "ship-by",
       "expected-ship-by", "ship-by-deadline"),
    _c("ship_date", "date", "ship-date", "shipped-date", "shipment-date", "date-shipped", "shipped-on",
       "ship-confirm-date", need="column", doc="empty while not shipped"),
    _c("carrier", "str", "carrier", "carrier-name", "shipping-carrier", "carrier-code"),
    _c("ship_method", "str", "ship-method", "service", "shipping-service", "ship-service",
       "shipping-method", "service-level", "carrier-service"),
    _c("tracking_number", "str", "tracking-number", "tracking", "tracking-id", "tracking-no"),
    _c("first_scan_date", "date", "first-scan-date", "first-carrier-scan", "carrier-pickup-date",
       "first-scan", "acceptance-date"),
    _c("promised_delivery_date", "date", "promised-delivery-date", "estimated-delivery", "promise-date",
       "estimated-delivery-date", "latest-delivery-date", "deliver-by-date", "delivery-promise-date"),
    _c("actual_delivery_date", "date", "actual-delivery-date", "delivered-date", "delivery-date",
       "delivered-on", "date-delivered"),
    _c("category", "str", "category", "product-category"),
    _c("sku", "str", "sku", "seller-sku"),
    _c("order_status", "str", "order-status", "status"),
    _c("cancelled_by", "str", "cancelled-by", "canceled-by", doc="buyer, seller, system or empty"),
    _c("cancel_reason", "text", "cancel-reason", "cancellation-reason"),
    _c("ship_state", "str", "ship-state"),
    _c("ship_country", "str", "ship-country"),
)))

_add(KindSpec("fba_returns", "FBA customer returns", "GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA", columns=(
    _c("return_date", "timestamp", "return-date", need="row"),
    _c("order_id", "id", "order-id", "amazon-order-id", need="row"),
    _c("sku", "str", "sku", "seller-sku"),
    _c("asin", "str", "asin"),
    _c("fnsku", "str", "fnsku"),
    _c("product_name", "str", "product-name"),
    _c("quantity", "number", "quantity"),
    # Amazon.com.au documents the download with British spelling:
    # https://sellercentral.amazon.com.au/gp/help/external/200453320?language=en_AU
    _c("fulfillment_center_id", "str", "fulfillment-center-id", "fulfilment-centre-id"),
    _c("detailed_disposition", "str", "detailed-disposition", need="column",
       doc="SELLABLE, DAMAGED, CUSTOMER_DAMAGED, DEFECTIVE, CARRIER_DAMAGED, ..."),
    _c("reason", "str", "reason", "return-reason"),
    _c("status", "str", "status"),
    _c("license_plate_number", "str", "license-plate-number"),
    _c("customer_comments", "text", "customer-comments"),
)))

_add(KindSpec("mfn_returns", "Seller-fulfilled returns", "GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE",
    columns=(
    _c("order_id", "id", "Order ID", "amazon-order-id", need="row"),
    _c("order_date", "date", "Order date"),
    _c("return_request_date", "date", "Return request date", need="row"),
    _c("return_request_status", "str", "Return request status"),
    _c("amazon_rma_id", "str", "Amazon RMA ID", need="column"),
    _c("merchant_rma_id", "str", "Merchant RMA ID"),
    _c("label_type", "str", "Label type"),
    _c("label_cost", "number", "Label cost"),
    _c("currency_code", "str", "Currency code"),
    _c("return_carrier", "str", "Return carrier"),
    _c("tracking_id", "str", "Tracking ID"),
    _c("label_to_be_paid_by", "str", "Label to be paid by"),
    _c("a_to_z_claim", "flag", "A-to-Z Claim"),
    _c("is_prime", "flag", "Is prime"),
    _c("asin", "str", "ASIN"),
    _c("sku", "str", "Merchant SKU", "sku"),
    _c("item_name", "str", "Item Name", "product-name"),
    _c("return_quantity", "number", "Return quantity"),
    _c("return_reason", "str", "Return Reason", doc="CR-... and AMZ-PG-... codes"),
    _c("in_policy", "flag", "In policy"),
    _c("return_type", "str", "Return type"),
    _c("resolution", "str", "Resolution"),
    _c("invoice_number", "str", "Invoice number"),
    _c("return_delivery_date", "date", "Return delivery date"),
    _c("order_amount", "number", "Order Amount"),
    _c("order_quantity", "number", "Order quantity"),
    _c("safet_action_reason", "str", "SafeT Action reason"),
    _c("safet_claim_id", "str", "SafeT claim id"),
    _c("safet_claim_state", "str", "SafeT claim state"),
    _c("safet_claim_creation_time", "date", "SafeT claim creation time"),
    _c("safet_claim_reimbursement_amount", "number", "SafeT claim reimbursement amount"),
    _c("refunded_amount", "number", "Refunded Amount"),
)))

_add(KindSpec("feedback", "Seller feedback (Manage Feedback export)", "Seller Central > Feedback Manager",
    columns=(
    _c("feedback_date", "date", "Date", "feedback-date", "date-received", need="row",
       doc="US exports write M/D/YY; ISO also read; override with a date format in the mapping file"),
    _c("rating", "number", "Rating", "stars", "feedback-rating", need="row", doc="1 to 5"),
    _c("comments", "text", "Comments", "comment", "feedback-comments", "feedback-text"),
    _c("your_response", "text", "Your Response", "Response", "seller-response"),
    _c("order_id", "id", "Order ID", "amazon-order-id", need="row"),
)))

_add(KindSpec("claims", "A-to-z Guarantee claims and chargebacks", "this project", columns=(
    _c("claim_id", "id", "claim-id", "case-id", "chargeback-id"),
    _c("order_id", "id", "order-id", "amazon-order-id", need="row"),
    _c("claim_type", "str", "claim-type", "type", need="row", doc="'A-to-z Guarantee' or 'Chargeback'"),
    _c("claim_date", "date", "claim-date", "date-filed", "filed-date", "claim-filed-date", need="row"),
    _c("reason", "text", "reason", "claim-reason"),
    _c("chargeback_category", "str", "chargeback-category", doc="'service' or 'fraud'; empty for A-to-z"),
    _c("status", "str", "status", "claim-status", "decision",
       doc="Open, Granted, Denied, Withdrawn, Closed, Reversed"),
    _c("amount", "number", "amount", "claim-amount"),
    _c("currency", "str", "currency"),
)))

_add(KindSpec("odr_defects", "Order Defect Rate download", "Account Health > Order Defect Rate > Download",
    channel_from="fulfilled_by", columns=(
    _c("order_date", "date", "order-date", "purchase-date", need="row"),
    _c("order_id", "id", "order-id", "amazon-order-id", need="row"),
    _c("fulfilled_by", "str", "fulfilled-by", "fulfillment-channel", "fulfillment", doc="Seller or Amazon"),
    _c("defect_type", "str", "defect-type", "defect", "defect-category", need="row",
       doc="negative feedback, A-to-z claim, chargeback"),
    _c("defect_date", "date", "defect-date"),
)))

_add(KindSpec("afn_shipments", "Amazon Fulfilled Shipments", "GET_AMAZON_FULFILLED_SHIPMENTS_DATA_GENERAL",
    columns=(
    _c("order_id", "id", "amazon-order-id", "order-id", "order-number", need="row"),
    _c("merchant_order_id", "id", "merchant-order-id"),
    _c("shipment_id", "str", "shipment-id", need="column"),
    _c("shipment_item_id", "str", "shipment-item-id"),
    _c("order_item_id", "str", "amazon-order-item-id", "order-item-id"),
    _c("purchase_date", "timestamp", "purchase-date"),
    _c("payments_date", "timestamp", "payments-date"),
    _c("shipment_date", "timestamp", "shipment-date", need="row"),
    _c("reporting_date", "timestamp", "reporting-date"),
    _c("sku", "str", "sku"),
    _c("product_name", "str", "product-name"),
    _c("quantity_shipped", "number", "quantity-shipped"),
    _c("currency", "str", "currency"),
    _c("item_price", "number", "item-price"),
    _c("item_tax", "number", "item-tax"),
    _c("shipping_price", "number", "shipping-price"),
    _c("shipping_tax", "number", "shipping-tax"),
    _c("gift_wrap_price", "number", "gift-wrap-price"),
    _c("gift_wrap_tax", "number", "gift-wrap-tax"),
    _c("item_promotion_discount", "number", "item-promotion-discount"),
    _c("ship_promotion_discount", "number", "ship-promotion-discount"),
    _c("ship_service_level", "str", "ship-service-level"),
    _c("ship_state", "str", "ship-state"),
    _c("ship_country", "str", "ship-country"),
    _c("carrier", "str", "carrier"),
    _c("tracking_number", "str", "tracking-number"),
    _c("estimated_arrival_date", "timestamp", "estimated-arrival-date"),
    _c("fulfillment_center_id", "str", "fulfillment-center-id"),
    _c("fulfillment_channel", "str", "fulfillment-channel"),
    _c("sales_channel", "str", "sales-channel"),
)))

_add(KindSpec("unshipped_orders", "Unshipped / actionable orders",
              "GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING", columns=(
    _c("order_id", "id", "order-id", "amazon-order-id", need="row"),
    _c("order_item_id", "str", "order-item-id", need="column"),
    _c("purchase_date", "timestamp", "purchase-date", need="row"),
    _c("payments_date", "timestamp", "payments-date"),
    _c("reporting_date", "timestamp", "reporting-date"),
    _c("promise_date", "timestamp", "promise-date"),
    _c("days_past_promise", "number", "days-past-promise"),
    _c("earliest_ship_date", "timestamp", "earliest-ship-date"),
    _c("latest_ship_date", "timestamp", "latest-ship-date"),
    _c("sku", "str", "sku"),
    _c("product_name", "str", "product-name"),
    _c("quantity_purchased", "number", "quantity-purchased"),
    _c("quantity_shipped", "number", "quantity-shipped"),
    _c("quantity_to_ship", "number", "quantity-to-ship"),
    _c("ship_service_level", "str", "ship-service-level"),
    _c("ship_state", "str", "ship-state"),
    _c("ship_country", "str", "ship-country"),
    _c("is_business_order", "flag", "is-business-order"),
    _c("purchase_order_number", "str", "purchase-order-number"),
    _c("price_designation", "str", "price-designation"),
    _c("is_prime", "flag", "is-prime"),
    _c("delivery_start_date", "timestamp", "delivery-start-date"),
    _c("delivery_end_date", "timestamp", "delivery-end-date"),
    _c("delivery_time_zone", "str", "delivery-time-zone"),
    _c("is_buyer_requested_cancellation", "flag", "is-buyer-requested-cancellation"),
    _c("buyer_cancel_reason", "text", "buyer-cancel-reason"),
)))

# German eBay Orders report headers (semicolon-separated, header on the second line, dates like 10-Dez-25)
# as read by public importers: https://github.com/Jens252/brickmerge_import (ebay_sales.py).
_add(KindSpec("generic_orders", "Generic orders (eBay, Walmart or any spreadsheet), one row per order",
              "this project; eBay Seller Hub Orders report (English, German); Walmart Seller Center order export",
              columns=(
    _c("order_id", "id", "order-id", "Order Number", "PO#", "purchase-order-id", "order #", "order-no",
       "Bestellnummer", need="row"),
    _c("order_date", "date", "order-date", "Sale Date", "purchase-date", "date-ordered", "Verkauft am",
       need="row"),
    _c("marketplace", "str", "marketplace", "platform", "site"),
    _c("sku", "str", "sku", "Custom Label", "seller-sku", "Bestandseinheit"),
    _c("quantity", "number", "quantity", "Qty", "Anzahl"),
    _c("order_status", "str", "order-status", "Status", "order-line-status"),
    _c("cancelled_by", "str", "cancelled-by", "canceled-by", doc="buyer, seller, system or empty"),
    _c("cancel_reason", "text", "cancel-reason", "cancellation-reason"),
    _c("expected_ship_date", "date", "expected-ship-date", "Ship By Date", "Ship By"),
    _c("ship_date", "date", "ship-date", "Shipped On Date", "shipped-date", "ship-confirm-date",
       "Verschickt am - Datum"),
    _c("carrier", "str", "carrier", "shipping-carrier"),
    _c("ship_method", "str", "ship-method", "Shipping Service", "Shipping Method", "Versandservice"),
    _c("tracking_number", "str", "tracking-number", "tracking-id", "Sendungsnummer"),
    _c("tracking_valid", "tristate", "tracking-valid", "valid-tracking", doc="y/n; blank when unknown"),
    _c("promised_delivery_date", "date", "promised-delivery-date", "Maximum Estimated Delivery Date",
       "estimated-delivery-date", "promise-date"),
    _c("actual_delivery_date", "date", "actual-delivery-date", "delivered-date", "delivered-on"),
    _c("return_date", "date", "return-date"),
    _c("return_reason", "text", "return-reason"),
    _c("feedback_date", "date", "feedback-date"),
    _c("feedback_rating", "str", "feedback-rating", "Feedback Received",
       doc="as written: 1-5 stars, or positive/neutral/negative"),
    _c("claim_type", "str", "claim-type", doc="e.g. item_not_received, not_as_described"),
    _c("claim_date", "date", "claim-date"),
    _c("claim_outcome", "str", "claim-outcome",
       doc="e.g. closed_without_seller_resolution, resolved_by_seller"),
)))
# Buyer messages: no marketplace offers a download of Buyer-Seller Messaging, so this is our schema for
# a helpdesk export or a log the seller keeps (one row per buyer message). The message text is never read.
# Helpdesk headers: Zendesk ticket export "Created at", "First reply time in minutes" (calendar minutes;
# https://support.zendesk.com/hc/en-us/articles/4408886165402) and Explore "Ticket created - Timestamp",
# "First reply time (min)" / "(hrs)" (https://support.zendesk.com/hc/en-us/articles/4408827693594);
# Freshdesk ticket export "Created time", "Initial response time" (its "First response time (in hrs)" counts
# business hours only, so it is not read).
_add(KindSpec("messages", "Buyer messages log (helpdesk export), one row per buyer message", "this project",
              any_of=(("responded_at", "first_reply_minutes", "first_reply_hours"),), columns=(
    _c("message_id", "id", "message-id", "ticket-id", "conversation-id", "Ticket ID"),
    _c("order_id", "id", "order-id", "amazon-order-id", "purchase-order-id"),
    _c("received_at", "timestamp", "received-at", "received-date", "message-received", "Date Received",
       "Received Date", "message-date", "Created at", "Created time", "Ticket created - Timestamp", need="row"),
    _c("responded_at", "timestamp", "responded-at", "response-date", "responded-date", "first-response-at",
       "First Response", "Replied At", "First Reply At", "Initial response time",
       doc="blank when the message has no answer yet"),
    _c("first_reply_minutes", "number", "first-reply-minutes", "First reply time in minutes",
       "First reply time (min)", doc="calendar minutes to the first reply, when there is no reply timestamp"),
    _c("first_reply_hours", "number", "first-reply-hours", "First reply time (hrs)",
       doc="calendar hours to the first reply, when there is no reply timestamp"),
    _c("no_response_needed", "flag", "no-response-needed", "No Response Needed",
       doc="marked 'no response needed' in Buyer-Seller Messaging: left out of the metric"),
    _c("marketplace", "str", "marketplace", "sales-channel",
       doc="amazon, ebay or walmart; blank rows count for the marketplace analysed"),
)))
# fmt: on


#: Fulfilment channel spellings (lower-cased) -> the ``channel`` column of kinds with ``channel_from``.
CHANNEL_VALUES: dict[str, str] = {
    "merchant": "mfn",
    "mfn": "mfn",
    "seller": "mfn",
    "fbm": "mfn",
    "merchant fulfilled": "mfn",
    "seller fulfilled": "mfn",
    "amazon": "afn",
    "afn": "afn",
    "fba": "afn",
    "amazon fulfilled": "afn",
    "fulfilled by amazon": "afn",
}

#: Spellings of yes and no in flag columns (lower-cased): Amazon writes true/false and Y/N.
TRUE_VALUES: frozenset[str] = frozenset({"true", "t", "yes", "y", "1"})
FALSE_VALUES: frozenset[str] = frozenset({"false", "f", "no", "n", "0"})

#: Kinds read from delimited text or spreadsheets (account_health is JSON).
TABULAR_KINDS: tuple[ReportKind, ...] = tuple(KINDS)


def kind_spec(kind: str) -> KindSpec:
    """The spec of a tabular kind; KeyError for an unknown one."""
    return KINDS[kind]  # type: ignore[index]


#: Headers (normalised: lower-case letters and digits) that only one marketplace's order export uses,
#: to tell eBay and Walmart files of the generic orders schema apart when no column names the marketplace.
#: Walmart: Seller Center order export "PO#", "PO Line #", "Customer Order #", "Ship Node"; Reports API
#: "poNum", "salesOrder" (https://developer.walmart.com/us-marketplace/docs/request-a-cancellation-report).
#: eBay: Seller Hub Orders report "Sales Record Number", "Item Number", "Buyer Username"
#: (https://www.ebay.com/help/selling/selling-tools/downloading-reports?id=4668); German
#: "Verkaufsprotokollnummer", "Verkauft über Anzeigen" (https://github.com/Jens252/brickmerge_import).
MARKETPLACE_HEADER_HINTS: dict[str, frozenset[str]] = {
    "walmart": frozenset({"po", "ponum", "poline", "polinenum", "customerorder", "customerordernumber", "shipnode", "salesorder"}),
    "ebay": frozenset({"salesrecordnumber", "itemnumber", "buyerusername", "ebayplus", "soldvia",
                       "verkaufsprotokollnummer", "verkauftuberanzeigen"}),
}  # fmt: skip


#: Reports a seller may keep beside their order reports that hold no order metrics: recognised by a set
#: of (normalised) headers so they are declined with a reason instead of being misread as orders.
#: Payments "Date Range" transaction reports list money movements (orders, refunds, fees, transfers) with
#: Date/Time, Settlement ID, Type, Order ID ... Total: https://sellercentral.amazon.com/gp/help/external/200989190;
#: the flat-file settlement report has settlement-id, settlement-start-date, transaction-type:
#: https://sellercentral-europe.amazon.com/forums/t/extension-of-fba-fee-promotion-for-minimum-order-quantity/518611
DECLINED_REPORTS: tuple[tuple[frozenset[str], str], ...] = (
    (
        frozenset({"settlementid", "type", "total"}),
        "a payments (transaction / date range) report: it lists money movements such as orders, refunds, "
        "fees and transfers, not the orders the metrics count; download the All Orders report instead",
    ),
    (
        frozenset({"settlementid", "settlementstartdate", "transactiontype"}),
        "a settlement report: it lists payments and fees per settlement period, not the orders the "
        "metrics count; download the All Orders report instead",
    ),
    (
        frozenset({"abrechnungsnummer", "typ", "gesamt"}),
        "a payments (transaction) report (Transaktionsbericht): it lists money movements, not the orders "
        "the metrics count; download the order report (All Orders) instead",
    ),
)
