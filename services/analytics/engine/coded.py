"""A text column as integer codes: dictionary-encoded once, cleaned on its distinct values only.

A million rows of a transactions export hold some 60,000 clients and 200,000 order numbers. Trimming, the
"nothing here" markers (`values.clean_text`) and the `17850.0` float tails (`values.client_keys`) are the same for
every row with the same text, so they run on the distinct texts, and rows only carry an index into them.
Texts that clean to the same value (`17850.0` and `17850`) share one code; a row whose text cleans to nothing
has the code -1.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .values import as_arrow

MISSING = -1


@dataclass(frozen=True)
class Coded:
    codes: np.ndarray  # int64 per row: an index into `values`, or MISSING
    values: pa.Array  # the distinct cleaned values, in order of first appearance in the column

    @property
    def missing(self) -> np.ndarray:
        return self.codes == MISSING

    def per_row(self, flags: pa.Array | pa.ChunkedArray) -> np.ndarray:
        """A boolean per distinct value (null = False) -> a boolean per row (False where the value is missing)."""
        per_value = pc.fill_null(flags, False).to_numpy(zero_copy_only=False)
        padded = np.append(per_value, False)  # code -1 picks the last cell
        return padded[self.codes]


def encode(column: pd.Series | pa.ChunkedArray, clean: Callable[[pa.ChunkedArray], pa.ChunkedArray]) -> Coded:
    """Codes of `column` after `clean` (applied to the distinct texts)."""
    raw = as_arrow(column)
    raw = raw.combine_chunks() if raw.num_chunks != 1 else raw.chunk(0)
    encoded = pc.dictionary_encode(raw)
    raw_values = encoded.dictionary
    cleaned = clean(pa.chunked_array([raw_values], raw_values.type)).combine_chunks()
    kept = cleaned.is_valid()
    if pc.all(pc.or_kleene(pc.equal(cleaned, raw_values), pc.invert(kept))).as_py():
        # Cleaning only blanked some values ("", "NA"): the rest are still distinct, and keep their order.
        valid = kept.to_numpy(zero_copy_only=False)
        remap = np.where(valid, np.cumsum(valid) - 1, MISSING)
        values = cleaned.filter(kept)
    else:
        merged = pc.dictionary_encode(cleaned)  # texts that cleaned to the same value get one code
        remap = merged.indices.fill_null(MISSING).to_numpy().astype(np.int64)
        values = merged.dictionary
    # The last cell serves null cells of the raw column (readers give "", a DataFrame may give None).
    remap = np.append(remap, MISSING)
    indices = encoded.indices.fill_null(len(remap) - 1).to_numpy()
    return Coded(codes=remap[indices], values=values)


def renumber(codes: np.ndarray, values: pa.Array) -> tuple[np.ndarray, pa.Array]:
    """Codes of a subset of rows (none MISSING) renumbered 0..k-1 in order of first appearance within the subset,
    with their values: as if the subset had been encoded on its own."""
    n = len(values)
    first = np.full(n, len(codes), dtype=np.int64)
    np.minimum.at(first, codes, np.arange(len(codes), dtype=np.int64))
    present = np.flatnonzero(first < len(codes))
    order = present[np.argsort(first[present], kind="stable")]
    new_code = np.empty(n, dtype=np.int64)
    new_code[order] = np.arange(len(order), dtype=np.int64)
    return new_code[codes], values.take(pa.array(order))


def distinct_pairs_per_owner(owners: np.ndarray, n_owners: int, items: np.ndarray, n_items: int) -> np.ndarray:
    """How many distinct items each owner has (distinct orders of a client); an item code of MISSING counts as an
    item of its own every time (a purchase row without an order number)."""
    items = np.where(items == MISSING, n_items + np.arange(len(items), dtype=np.int64), items)
    # Rows of one order usually follow each other: repeats of the previous row are dropped before hashing.
    repeat = np.zeros(len(items), dtype=bool)
    repeat[1:] = (owners[1:] == owners[:-1]) & (items[1:] == items[:-1])
    width = n_items + len(items) + 1
    pairs = owners[~repeat] * width + items[~repeat]
    unique_owners = pd.unique(pairs) // width
    return np.bincount(unique_owners, minlength=n_owners).astype(np.float64)
