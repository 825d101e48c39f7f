"""Data tables behind the demo seller: catalogue, ship methods, reasons, comments and fake people.

Everything here is invented for the demo. ASINs follow Amazon's B0 + 8 characters shape but belong to
no real product; "Parcelwise" is a fictional regional carrier; phone numbers use the 555-01xx range
reserved for fiction; e-mail addresses use example domains or Amazon's anonymised relay shape.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CATALOG",
    "CITIES",
    "FIRST_NAMES",
    "LAST_NAMES",
    "NEGATIVE_COMMENTS",
    "NEUTRAL_COMMENTS",
    "POSITIVE_COMMENTS",
    "RETURN_REASONS",
    "SHIP_METHODS",
    "STREETS",
    "Product",
    "ShipMethod",
]


@dataclass(frozen=True, slots=True)
class Product:
    sku: str
    asin: str
    name: str
    category: str
    channel: str  # "afn" (Fulfilled by Amazon) or "mfn" (seller-fulfilled)
    price: float
    weight: float  # relative popularity within its channel
    handling_days: int
    return_rate: float


CATALOG: tuple[Product, ...] = (
    Product(
        "EB-PRO-BLK-FBA",
        "B0C7K2M4QX",
        "Wireless Earbuds Pro, Black",
        "Electronics",
        "afn",
        39.99,
        3.0,
        0,
        0.05,
    ),
    Product(
        "CHG-65W-USBC-FBA", "B0BX4Z8N2P", "65W USB-C Wall Charger", "Electronics", "afn", 24.99, 2.0, 0, 0.03
    ),
    Product(
        "YOGA-MAT-6MM-FBA",
        "B09TQ5R8VL",
        "Non-Slip Yoga Mat 6mm",
        "Sports & Outdoors",
        "afn",
        29.99,
        2.0,
        0,
        0.04,
    ),
    Product(
        "BOTTLE-32OZ-FBA",
        "B0B2J7H6KD",
        "Insulated Water Bottle 32oz",
        "Sports & Outdoors",
        "afn",
        22.49,
        2.5,
        0,
        0.03,
    ),
    Product(
        "KNIFE-SET-8PC-FBA",
        "B0CF3N5W1T",
        "8-Piece Kitchen Knife Set",
        "Home & Kitchen",
        "afn",
        59.99,
        1.2,
        0,
        0.04,
    ),
    Product(
        "SERUM-VITC-30ML-FBA",
        "B0D1L8S3YE",
        "Vitamin C Face Serum 30ml",
        "Beauty & Personal Care",
        "afn",
        18.99,
        1.5,
        0,
        0.03,
    ),
    Product(
        "MUG-CER-12OZ",
        "B08ZK4P2MN",
        "Handmade Ceramic Mug 12oz",
        "Home & Kitchen",
        "mfn",
        16.99,
        2.0,
        1,
        0.03,
    ),
    Product(
        "PLANTER-HNG-3PK",
        "B09HQ2X7RC",
        "Hanging Planter Set of 3",
        "Home & Kitchen",
        "mfn",
        27.50,
        1.5,
        1,
        0.04,
    ),
    Product(
        "LAMP-DESK-LED",
        "B0C9V6T3JA",
        "LED Desk Lamp with Dimmer",
        "Home & Kitchen",
        "mfn",
        34.99,
        1.8,
        1,
        0.04,
    ),
    Product(
        "CUTTING-BRD-BMB", "B07YF5M1QW", "Bamboo Cutting Board", "Home & Kitchen", "mfn", 19.99, 1.7, 1, 0.02
    ),
    Product(
        "NECKLACE-STR-SLV",
        "B0BR8K1D4Z",
        "Sterling Silver Star Necklace",
        "Jewelry",
        "mfn",
        32.00,
        1.6,
        1,
        0.04,
    ),
    Product("EARRING-HOOP-GLD", "B0C2W9N6HU", "Gold Hoop Earrings", "Jewelry", "mfn", 24.00, 1.4, 1, 0.04),
    Product(
        "BRACELET-BEAD-7", "B0A6P3Q8XS", "Beaded Stretch Bracelet", "Jewelry", "mfn", 12.50, 1.3, 1, 0.03
    ),
    Product("RING-SET-STACK", "B0D4M2T7GF", "Stackable Ring Set", "Jewelry", "mfn", 15.99, 1.0, 1, 0.05),
    Product(
        "PUZZLE-1000-MAP",
        "B08LX5C3RB",
        "1000-Piece World Map Puzzle",
        "Toys & Games",
        "mfn",
        21.99,
        1.4,
        2,
        0.02,
    ),
    Product(
        "BLOCKS-WOOD-50",
        "B09D7R4K2N",
        "Wooden Building Blocks 50pc",
        "Toys & Games",
        "mfn",
        28.99,
        1.1,
        2,
        0.02,
    ),
    Product(
        "RESIST-BANDS-5",
        "B0B6T1Y9WP",
        "Resistance Bands Set of 5",
        "Sports & Outdoors",
        "mfn",
        17.99,
        1.6,
        1,
        0.03,
    ),
    Product(
        "HEADLAMP-USB",
        "B0CJ8E2V5M",
        "Rechargeable LED Headlamp",
        "Sports & Outdoors",
        "mfn",
        19.49,
        1.2,
        1,
        0.03,
    ),
)


@dataclass(frozen=True, slots=True)
class ShipMethod:
    carrier: str
    method: str
    service_level: str  # the buyer-facing ship-service-level in All Orders
    promise_days: int  # promised transit after the expected ship date
    transit_min: int
    transit_max: int
    tracked: float  # share of packages with a tracking number that gets a carrier scan
    weight: float  # share of seller-fulfilled orders outside Jewelry
    jewelry_weight: float  # share of seller-fulfilled Jewelry orders


SHIP_METHODS: tuple[ShipMethod, ...] = (
    ShipMethod("USPS", "Ground Advantage", "Standard", 5, 2, 5, 0.996, 0.24, 0.20),
    ShipMethod("UPS", "Ground", "Standard", 5, 2, 5, 0.998, 0.14, 0.08),
    ShipMethod("FedEx", "Home Delivery", "Standard", 5, 2, 5, 0.998, 0.10, 0.05),
    ShipMethod("Parcelwise", "Ground Saver", "Standard", 6, 3, 6, 0.996, 0.34, 0.17),
    ShipMethod("UPS", "2nd Day Air", "Expedited", 2, 1, 2, 0.999, 0.08, 0.05),
    ShipMethod("USPS", "First-Class Mail", "Standard", 7, 3, 7, 0.985, 0.10, 0.45),
)

#: (FBA reason code, seller-fulfilled code, relative weight) of ordinary returns.
RETURN_REASONS: tuple[tuple[str, str, float], ...] = (
    ("UNWANTED_ITEM", "CR-UNWANTED_ITEM", 30.0),
    ("ORDERED_WRONG_ITEM", "CR-ORDERED_WRONG_ITEM", 10.0),
    ("FOUND_BETTER_PRICE", "CR-FOUND_BETTER_PRICE", 6.0),
    ("DEFECTIVE", "CR-DEFECTIVE", 10.0),
    ("QUALITY_UNACCEPTABLE", "CR-QUALITY_UNACCEPTABLE", 8.0),
    ("NOT_AS_DESCRIBED", "AMZ-PG-BAD-DESC", 8.0),
    ("DAMAGED_BY_CARRIER", "CR-DAMAGED_BY_CARRIER", 6.0),
    ("MISSING_PARTS", "CR-MISSING_PARTS", 4.0),
    ("SWITCHEROO", "CR-SWITCHEROO", 2.0),
    ("MISSED_ESTIMATED_DELIVERY", "CR-MISSED_ESTIMATED_DELIVERY", 6.0),
)

POSITIVE_COMMENTS: tuple[str, ...] = (
    "Arrived quickly and exactly as pictured.",
    "Great seller, well packed.",
    "Good quality for the price, would buy again.",
    "Fast shipping, item works perfectly.",
    "Lovely gift, recipient was thrilled.",
    "",
    "",
)
NEUTRAL_COMMENTS: tuple[str, ...] = (
    "Okay product, took a while to arrive.",
    "Fine, packaging was a bit crushed.",
    "",
)
#: Ordinary negative feedback, not tied to a scenario. Some are product reviews (disputable).
NEGATIVE_COMMENTS: tuple[str, ...] = (
    "Not what I expected, the color is off.",
    "Product review: does not fit my needs at all.",
    "Item arrived damaged, box was crushed.",
    "Seller never answered my message.",
    "Looks used, the box was opened.",
    "Smaller than I thought.",
    "Call me at 206-555-0148 about a refund, nobody replies.",
    "Email me at upset.buyer@example.com, this is not as described.",
)
#: Feedback written during the carrier disruption (late or missing parcels).
DISRUPTION_COMMENTS: tuple[str, ...] = (
    "Never arrived. Tracking has not moved in a week.",
    "Package showed shipped but sat for days, arrived very late.",
    "Late delivery, missed the birthday it was for.",
    "Still waiting, carrier says no record of the parcel.",
    "Took two weeks to arrive, tracking stuck at Parcelwise facility.",
)
#: Feedback on the defective batch.
DEFECT_COMMENTS: tuple[str, ...] = (
    "Left earbud stopped working after three days.",
    "Will not charge anymore, defective after a week.",
    "Cheap, broke within days. Sound cuts out constantly.",
    "Case does not charge the buds. Returned as defective.",
    "Quality is unacceptable, right bud crackles and dies.",
)
DEFECT_RETURN_COMMENTS: tuple[str, ...] = (
    "stopped charging",
    "one side has no sound",
    "case defective, will not close",
    "battery dies after 20 minutes",
    "",
)

FIRST_NAMES: tuple[str, ...] = (
    "Avery",
    "Jordan",
    "Priya",
    "Mateo",
    "Hannah",
    "Kwame",
    "Sofia",
    "Liam",
    "Mei",
    "Noah",
    "Fatima",
    "Diego",
    "Chloe",
    "Tomasz",
    "Aaliyah",
    "Ethan",
    "Ingrid",
    "Rahul",
    "Olivia",
    "Yusuf",
    "Grace",
    "Lucas",
    "Amara",
    "Felix",
    "Zoe",
    "Omar",
    "Nora",
    "Hiroshi",
    "Elena",
    "Marcus",
)
LAST_NAMES: tuple[str, ...] = (
    "Whitfield",
    "Okafor",
    "Castellano",
    "Lindqvist",
    "Ramanathan",
    "Delacroix",
    "Brannigan",
    "Nakamura",
    "Szymanski",
    "Abernathy",
    "Valderrama",
    "Thornbury",
    "Oyelaran",
    "Kowalczyk",
    "Fairbanks",
    "Haverford",
    "Mbeki-Stone",
    "Quintero",
    "Ellsworth",
    "Vasquez-Reid",
    "Pemberton",
    "Achterberg",
    "Ravensworth",
    "Iwobi",
    "Marchetti",
)
STREETS: tuple[str, ...] = (
    "Larkspur Lane",
    "Quarry Hill Road",
    "Juniper Court",
    "Wexford Avenue",
    "Saltmarsh Drive",
    "Copperleaf Way",
    "Bellweather Street",
    "Hawthorn Terrace",
    "Millbrook Crossing",
    "Ostrander Place",
    "Tamarack Circle",
    "Galloway Boulevard",
    "Pinecrest Row",
    "Ashgrove Parkway",
    "Foxglove Trail",
)
#: (city, state, postal code) triples.
CITIES: tuple[tuple[str, str, str], ...] = (
    ("Springfield", "IL", "62704"),
    ("Tacoma", "WA", "98403"),
    ("Boise", "ID", "83702"),
    ("Savannah", "GA", "31401"),
    ("Madison", "WI", "53703"),
    ("Tucson", "AZ", "85701"),
    ("Lexington", "KY", "40507"),
    ("Albany", "NY", "12207"),
    ("Eugene", "OR", "97401"),
    ("Durham", "NC", "27701"),
    ("Omaha", "NE", "68102"),
    ("Reno", "NV", "89501"),
    ("Fort Collins", "CO", "80521"),
    ("Burlington", "VT", "05401"),
    ("Mobile", "AL", "36602"),
    ("Provo", "UT", "84601"),
    ("Wichita", "KS", "67202"),
    ("Akron", "OH", "44308"),
)
