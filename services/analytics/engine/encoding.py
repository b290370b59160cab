"""Text encoding of an uploaded table: detected with charset-normalizer, never guessed by trial decoding.

Russian business exports come in UTF-8 (with or without BOM) or Windows-1251; DOS-era and Unix tools add
cp866 and KOI8-R. Restricting the detector to these codecs keeps short Cyrillic samples from being read
as look-alike codecs (mac_cyrillic decodes cp1251 bytes into the same letters but a different case).
"""

from __future__ import annotations

import codecs
from itertools import pairwise

from charset_normalizer import from_bytes

from .errors import EncodingError, NotATable

CANDIDATES = ["utf_8", "cp1251", "utf_16", "utf_32", "koi8_r", "cp866"]
SAMPLE_BYTES = 256 * 1024
TOLERANT_CHAOS = 0.5
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def detect_encoding(data: bytes, *, whole: bool = False) -> tuple[str, bool]:
    """Return (codec name, has BOM) for `data`; raise NotATable when the bytes are not text.

    The detector sees a sample; `whole=True` makes it look at everything (used when the CSV parser finds
    bytes past the sample that are not valid UTF-8).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, True
    sample = data if whole else data[:SAMPLE_BYTES]
    if len(data) > len(sample):
        # Cut at the last line break so a multibyte letter is not split at the end of the sample.
        cut = sample.rfind(b"\n")
        if cut > 0:
            sample = sample[: cut + 1]
    best = from_bytes(sample, cp_isolation=CANDIDATES).best()
    if best is None:
        # Short exports of codes and numbers with a few Cyrillic words look "chaotic" to the detector's
        # default threshold; binary files stay undetected even at the tolerant one.
        best = from_bytes(sample, cp_isolation=CANDIDATES, threshold=TOLERANT_CHAOS).best()
    if best is None:
        raise NotATable()
    return _normalise_name(_prefer_natural_case(sample, best.encoding)), False


_SINGLE_BYTE_CYRILLIC = ("cp1251", "koi8_r", "cp866")


_TYPOGRAPHY = set("«»№–—…‘’“”„ \u00a0₽€$")


def _oddities(text: str) -> int:
    """Signs of a wrong single-byte codec: characters Russian tables do not use (box drawing, Greek…) and
    capital Cyrillic letters in the middle of words (a wrong codec inverts the letter case)."""
    odd = sum(1 for ch in text if ord(ch) > 127 and not ("\u0400" <= ch <= "\u04ff") and ch not in _TYPOGRAPHY)
    midword = sum(1 for a, b in pairwise(text)
                  if "\u0410" <= b <= "\u042f" and "\u0430" <= a <= "\u044f")
    return odd + midword


def _prefer_natural_case(sample: bytes, detected: str) -> str:
    """On short samples the detector can take cp1251 for KOI8-R or cp866: the same bytes decode into valid
    letters of the wrong case («оНЙСОЮРЕКЭ» for «Покупатель»). Among the single-byte Cyrillic codecs, keep the
    one whose text looks least odd."""
    if detected not in _SINGLE_BYTE_CYRILLIC:
        return detected
    scores = {}
    for codec in _SINGLE_BYTE_CYRILLIC:
        try:
            scores[codec] = _oddities(sample.decode(codec))
        except UnicodeDecodeError:
            continue
    best = min(scores, key=lambda codec: (scores[codec], codec != detected))
    return best


def to_utf8(data: bytes, *, whole: bool = False) -> tuple[memoryview | bytes, str]:
    """Return the table's bytes as UTF-8 without BOM, and the detected encoding's name.

    UTF-8 input is passed through as a view, not copied: the CSV parser reads bytes and checks UTF-8 itself.
    """
    encoding, had_bom = detect_encoding(data, whole=whole)
    if encoding in ("utf-8", "utf-8-sig"):
        view = memoryview(data)
        return (view[len(codecs.BOM_UTF8) :] if had_bom else view), encoding
    try:
        return data.decode(encoding).lstrip("\ufeff").encode("utf-8"), encoding
    except UnicodeDecodeError as exc:
        raise EncodingError() from exc


def _normalise_name(name: str) -> str:
    return {"utf_8": "utf-8", "ascii": "utf-8", "utf_16": "utf-16", "utf_32": "utf-32"}.get(name, name)
