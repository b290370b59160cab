"""Generator of the benchmark's transaction CSV: 1,000,000 rows, ~60,000 clients, ~35 MB.

Shaped like the UCI Online Retail export the bot meets in real life: several lines per invoice sharing
one timestamp, a long tail of clients, ~1.5 % cancellations (`C` invoices with negative quantity) and
~2 % lines without a client. Cached under `benchmarks/.cache/` (git-ignored); the seed makes it stable.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

CACHE = Path(__file__).resolve().parent / ".cache"
ROWS = 1_000_000
CLIENTS = 60_000
SEED = 20240607


def transactions_csv(rows: int = ROWS, clients: int = CLIENTS) -> Path:
    path = CACHE / f"transactions_{rows}_{clients}.csv"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    lines_per_invoice = rng.integers(1, 10, size=rows)  # mean 5 lines per invoice
    invoice_of_line = np.repeat(np.arange(len(lines_per_invoice)), lines_per_invoice)[:rows]
    invoices = invoice_of_line.max() + 1
    # Zipf-like: a few clients buy a lot, most buy once or twice.
    weights = 1.0 / np.arange(1, clients + 1) ** 0.8
    client_of_invoice = rng.choice(clients, size=invoices, p=weights / weights.sum())
    # Every client buys at least once, so the file has all of them.
    client_of_invoice[rng.permutation(invoices)[:clients]] = np.arange(clients)
    start = np.datetime64("2022-01-01T08:00")
    minutes = np.sort(rng.integers(0, 2 * 365 * 24 * 60, size=invoices))
    stamp_of_invoice = (start + minutes.astype("timedelta64[m]")).astype(str)
    cancelled_invoice = rng.random(invoices) < 0.015
    number = 500000 + np.arange(invoices)
    invoice_text = np.where(cancelled_invoice, np.char.add("C", number.astype(str)), number.astype(str))
    client_ids = (10000 + client_of_invoice[invoice_of_line]).astype(str)
    client_ids[rng.random(rows) < 0.02] = ""
    quantity = rng.integers(1, 25, size=rows)
    quantity = np.where(cancelled_invoice[invoice_of_line], -quantity, quantity)
    price = np.round(rng.gamma(2.0, 2.5, size=rows) + 0.1, 2)
    frame = pd.DataFrame(
        {
            "InvoiceNo": invoice_text[invoice_of_line],
            "CustomerID": client_ids,
            "InvoiceDate": np.char.replace(stamp_of_invoice[invoice_of_line], "T", " "),
            "Quantity": quantity,
            "UnitPrice": price,
        }
    )
    tmp = path.with_suffix(".tmp")
    frame.to_csv(tmp, index=False)
    tmp.rename(path)
    return path


if __name__ == "__main__":
    target = transactions_csv()
    print(f"{target} — {target.stat().st_size / 2**20:.1f} MB")
