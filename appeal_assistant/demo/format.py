"""Vectorised text for the demo writers: dates in each report's own style, ids, fake people, file output.

Seeded from the demo's seed, so the same configuration always writes identical bytes.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.csv as pacsv

from appeal_assistant.demo.catalog import FIRST_NAMES, LAST_NAMES, STREETS
from appeal_assistant.demo.simulate import World

__all__ = ["Days", "Formatter", "Strs", "cat", "strs", "write_table"]

Strs = npt.NDArray[np.object_]
Days = npt.NDArray[np.datetime64]
_MONTHS = np.array(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], dtype=object
)


def _zfill(values: npt.ArrayLike, width: int) -> npt.NDArray[np.str_]:
    """np.char.zfill that accepts empty arrays."""
    arr = np.asarray(values).astype(str)
    return arr if arr.size == 0 else np.char.zfill(arr, width)


def strs(values: npt.ArrayLike) -> Strs:
    return np.asarray(values).astype(str).astype(object)


def cat(*parts: npt.ArrayLike) -> Strs:
    out = strs(parts[0])
    for part in parts[1:]:
        out = out + strs(part)
    return out


class Formatter:
    """Vectorised formatting of dates, ids, money and fake people, seeded for byte-identical output."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.rng = np.random.default_rng([world.config.seed, 1])
        self.as_of = world.as_of

    def known_iso(self, days: Days) -> Strs:
        out = strs(np.datetime_as_string(days, unit="D"))
        out[~self.world.known(days)] = ""
        return out

    @staticmethod
    def parts(days: Days) -> tuple[Strs, Strs, Strs, npt.NDArray[np.int64]]:
        safe = np.where(np.isnat(days), np.datetime64("1970-01-01", "D"), days)
        months = safe.astype("datetime64[M]")
        year = strs(safe.astype("datetime64[Y]").astype(np.int64) + 1970)
        mon = months.astype(np.int64) % 12
        dom = strs((safe - months.astype("datetime64[D]")).astype(np.int64) + 1)
        return year, strs(mon + 1), dom, mon

    def dd_mon_yyyy(self, days: Days) -> Strs:
        """Seller-fulfilled returns style: 10-Jul-2025."""
        year, _, dom, mon = self.parts(days)
        out = cat(_zfill(dom.astype(str), 2), "-", _MONTHS[mon], "-", year)
        out[np.isnat(days) | (days > self.as_of)] = ""
        return out

    def m_d_yy(self, days: Days) -> Strs:
        """Feedback export style: 7/10/26."""
        year, month, dom, _ = self.parts(days)
        return cat(month, "/", dom, "/", _zfill((year.astype(np.int64) % 100).astype(str), 2))

    def timestamp(self, days: Days) -> Strs:
        secs = self.rng.integers(0, 86_400, size=days.shape[0]).astype("timedelta64[s]")
        return cat(np.datetime_as_string(days.astype("datetime64[s]") + secs, unit="s"), "+00:00")

    def digits(self, count: int, width: int) -> Strs:
        values = self.rng.integers(0, 10**width, size=count, dtype=np.int64)
        return strs(_zfill(values.astype(str), width))

    def alnum(self, count: int, width: int) -> Strs:
        alphabet = np.array(list("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"), dtype=object)
        picks = self.rng.integers(0, alphabet.shape[0], size=(count, width))
        out = alphabet[picks[:, 0]].copy()
        for i in range(1, width):
            out = out + alphabet[picks[:, i]]
        return out

    def order_ids(self) -> Strs:
        n = self.world.n_orders
        while True:
            a = self.rng.integers(1, 100, size=n)
            b = self.rng.integers(0, 10**7, size=n)
            c = self.rng.integers(0, 10**7, size=n)
            key = (a * 10**7 + b) * 10**7 + c
            if np.unique(key).shape[0] == n:
                break
        return cat(
            _zfill(a.astype(str), 3),
            "-",
            _zfill(b.astype(str), 7),
            "-",
            _zfill(c.astype(str), 7),
        )

    def people(self, count: int) -> dict[str, Strs]:
        first = np.array(FIRST_NAMES, dtype=object)[self.rng.integers(0, len(FIRST_NAMES), size=count)]
        last = np.array(LAST_NAMES, dtype=object)[self.rng.integers(0, len(LAST_NAMES), size=count)]
        name = first + " " + last
        relay = self.alnum(count, 14)
        email = cat(np.char.lower(relay.astype(str)), "@marketplace.amazon.com")
        phone = cat(
            "+1 ",
            self.rng.integers(201, 990, size=count),
            "-555-01",
            _zfill(self.rng.integers(0, 100, size=count).astype(str), 2),
        )
        street = cat(
            self.rng.integers(10, 9900, size=count),
            " ",
            np.array(STREETS, dtype=object)[self.rng.integers(0, len(STREETS), size=count)],
        )
        apt = np.where(self.rng.random(count) < 0.25, cat("Apt ", self.rng.integers(1, 40, size=count)), "")
        notes = np.array(
            [
                "",
                "",
                "",
                "Leave at the back door",
                "Ring bell twice, dog in yard",
                "Gate code 4417, leave with concierge",
            ],
            dtype=object,
        )
        return {
            "name": name,
            "email": email,
            "phone": phone,
            "street": street,
            "apt": strs(apt),
            "note": notes[self.rng.integers(0, notes.shape[0], size=count)],
        }


def write_table(path: Path, columns: tuple[str, ...], data: dict[str, Strs], delimiter: str) -> None:
    """Tab files unquoted, as Amazon writes them (values never hold tabs); CSV quoted where needed."""
    if delimiter == ",":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows(zip(*(data[col].tolist() for col in columns), strict=True))
        return
    table = pa.table({col: pa.array(data[col], type=pa.string()) for col in columns})
    options = pacsv.WriteOptions(delimiter=delimiter, quoting_style="none", include_header=False)
    with path.open("wb") as handle:
        handle.write((delimiter.join(columns) + "\n").encode("utf-8"))
        pacsv.write_csv(table, handle, write_options=options)
