"""The demo's buyer messages log: who wrote about which order, when, and when the seller answered.

Buyers write about 6% of orders with a question, and about a third of the buyers whose parcel is late
or lost ask where it is. On weekdays the seller answers within a working day; at weekends about one
message in four waits until Monday morning: the weekend gap a consultant looks for behind a Contact
Response Time drifting towards its 90% line (only alongside injected scenarios: a ``--healthy`` demo
answers weekend messages like weekday ones, so it has no problem at all). A message answered after the
as-of day is written unanswered, as a log exported that day shows it. Drawn from its own random stream,
so the rest of the demo is unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from appeal_assistant.demo.catalog import FIRST_NAMES, LAST_NAMES
from appeal_assistant.demo.format import Strs, cat, strs, write_table
from appeal_assistant.demo.simulate import World
from appeal_assistant.demo.truth import truth_entry, truth_window
from appeal_assistant.metrics.policy import policy

__all__ = [
    "MESSAGES_COLUMNS",
    "MESSAGES_FILE",
    "MessageLog",
    "messages_truth",
    "simulate_messages",
    "write_messages",
]

MESSAGES_FILE = "buyer_messages.csv"
MESSAGES_COLUMNS = (
    "Ticket ID",
    "Order ID",
    "Date Received",
    "First Response",
    "No Response Needed",
    "Customer Name",
    "Subject",
)
QUESTION_SHARE = 0.06
WHERE_IS_IT_SHARE = 0.35
NO_RESPONSE_SHARE = 0.08
WEEKEND_SAME_WEEKEND = 0.72
BUSY_DAY_SHARE = 0.02  # a weekday message left over 24 hours
_SUBJECTS = np.array(
    ["Question about this item", "Return request question", "Change my delivery address?", "Invoice please"],
    dtype=object,
)
_HOUR = np.timedelta64(3600, "s")


@dataclass(frozen=True)
class MessageLog:
    order: npt.NDArray[np.int64]
    received: npt.NDArray[np.datetime64]  # seconds, UTC
    answered: npt.NDArray[np.datetime64]  # when the seller answered (NaT: never); may be after as_of
    no_response_needed: npt.NDArray[np.bool_]
    where_is_it: npt.NDArray[np.bool_]


def _end_of_as_of(world: World) -> np.datetime64:
    """The first second after the as-of day: what a log exported that day can hold."""
    end: np.datetime64 = (world.as_of + np.timedelta64(1, "D")).astype("datetime64[s]")
    return end


def simulate_messages(world: World) -> MessageLog:
    rng = np.random.default_rng([world.config.seed, 7])
    n = world.n_orders
    day_s = np.timedelta64(86_400, "s")
    asks = rng.random(n) < QUESTION_SHARE
    promised = world.promised
    late = world.known(promised) & (np.isnat(world.delivered) | (world.delivered > promised))
    wismo = late & (rng.random(n) < WHERE_IS_IT_SHARE)
    q_orders = np.flatnonzero(asks)
    w_orders = np.flatnonzero(wismo)
    q_received = world.purchase_s[q_orders] + (rng.integers(2 * 3600, 4 * 86_400, q_orders.size)).astype(
        "timedelta64[s]"
    )
    w_received = (
        promised[w_orders].astype("datetime64[s]")
        + day_s
        + rng.integers(8 * 3600, 20 * 3600, w_orders.size).astype("timedelta64[s]")
    )
    order = np.concatenate([q_orders, w_orders]).astype(np.int64)
    received = np.concatenate([q_received, w_received]).astype("datetime64[s]")
    where_is_it = np.concatenate([np.zeros(q_orders.size, bool), np.ones(w_orders.size, bool)])
    end = _end_of_as_of(world)
    happened = received < end
    order, received, where_is_it = order[happened], received[happened], where_is_it[happened]
    sort = np.argsort(received, kind="stable")
    order, received, where_is_it = order[sort], received[sort], where_is_it[sort]
    m = order.size
    no_response = ~where_is_it & (rng.random(m) < NO_RESPONSE_SHARE)
    weekday = (received.astype("datetime64[D]").astype(np.int64) + 3) % 7  # 0 = Monday
    weekend = weekday >= 5
    quick = rng.integers(1 * 3600, 14 * 3600, m).astype("timedelta64[s]")
    busy = rng.integers(26 * 3600, 40 * 3600, m).astype("timedelta64[s]")
    delay = np.where(rng.random(m) < BUSY_DAY_SHARE, busy, quick)
    monday = (received.astype("datetime64[D]") + (7 - weekday).astype("timedelta64[D]")).astype(
        "datetime64[s]"
    )
    monday_answer = monday + 9 * _HOUR + rng.integers(0, 3 * 3600, m).astype("timedelta64[s]")
    gap = bool(world.config.scenarios)  # a healthy demo has no weekend gap either
    wait_for_monday = gap & weekend & (rng.random(m) >= WEEKEND_SAME_WEEKEND)
    answered = np.where(wait_for_monday, monday_answer, received + delay).astype("datetime64[s]")
    answered = np.where(no_response, np.datetime64("NaT", "s"), answered)
    return MessageLog(order, received, answered, no_response, where_is_it)


def write_messages(world: World, log: MessageLog, order_ids: Strs, out: Path) -> dict[str, Strs]:
    """Write the log as a helpdesk export; returns the buyer names written (for privacy tests)."""
    rng = np.random.default_rng([world.config.seed, 8])
    m = log.order.size
    end = _end_of_as_of(world)
    known = ~np.isnat(log.answered) & (log.answered < end)
    names = cat(
        np.array(FIRST_NAMES, dtype=object)[rng.integers(0, len(FIRST_NAMES), m)],
        " ",
        np.array(LAST_NAMES, dtype=object)[rng.integers(0, len(LAST_NAMES), m)],
    )
    subject = np.where(log.where_is_it, "Where is my order?", _SUBJECTS[rng.integers(0, _SUBJECTS.size, m)])
    subject = np.where(log.no_response_needed, "Thank you!", subject)
    data = {
        "Ticket ID": cat("CS-", (100_000 + np.arange(m)).astype(str)),
        "Order ID": strs(order_ids[log.order]),
        "Date Received": strs(np.char.replace(np.datetime_as_string(log.received, unit="s"), "T", " ")),
        "First Response": strs(
            np.where(known, np.char.replace(np.datetime_as_string(log.answered, unit="s"), "T", " "), "")
        ),
        "No Response Needed": strs(np.where(log.no_response_needed, "Yes", "")),
        "Customer Name": names,
        "Subject": strs(subject),
    }
    write_table(out / MESSAGES_FILE, MESSAGES_COLUMNS, data, ",")
    return {"names": names}


def messages_truth(world: World, log: MessageLog) -> list[dict[str, Any]]:
    """Contact Response Time for each window, counted on the simulated log (as exported on as_of)."""
    end = _end_of_as_of(world)
    limit = 24 * _HOUR
    known = ~np.isnat(log.answered) & (log.answered < end)
    on_time = known & (log.answered - log.received <= limit)
    counted = ~log.no_response_needed & (on_time | (log.received + limit <= end))
    day = log.received.astype("datetime64[D]")
    out = []
    for window in policy("contact_response_time").windows:
        lo, hi = truth_window(world, "contact_response_time", window)
        base = counted & (day >= lo) & (day <= hi)
        out.append(
            truth_entry(
                "contact_response_time",
                "all",
                window,
                None,
                int((base & on_time).sum()),
                int(base.sum()),
                lo,
                hi,
            )
        )
    return out
