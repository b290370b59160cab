"""Text encoding of an uploaded table: detected with charset-normalizer, never guessed by trial decoding.

Russian business exports come in UTF-8 (with or without BOM) or Windows-1251; DOS-era and Unix tools add
cp866 and KOI8-R; Excel's «Unicode text» is UTF-16, sometimes without its BOM. Restricting the detector to these
codecs keeps short Cyrillic samples from being read as look-alike codecs (mac_cyrillic decodes cp1251 bytes into
the same letters but a different case).

A file is decoded line by line in spirit: a few lines that are not valid in the file's encoding (a piece pasted
from another encoding, a NUL byte, a last line cut in the middle of a letter) are left out and counted with their
reason, instead of the whole file being refused.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from itertools import pairwise

from charset_normalizer import from_bytes

from .errors import EncodingError, NotATable

CANDIDATES = ["utf_8", "cp1251", "utf_16", "utf_32", "koi8_r", "cp866"]
SAMPLE_BYTES = 256 * 1024
TOLERANT_CHAOS = 0.5
# Lines that may be left out before the file counts as being in another encoding altogether.
MAX_BAD_SHARE = 0.05
MIN_BAD_ALLOWED = 10
# More NUL bytes than this share of the sample: a binary file, not text with a stray NUL.
MAX_NUL_SHARE = 0.01
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF8 = ("utf-8", "utf-8-sig")
# What `surrogateescape` turns undecodable bytes into, and NUL: the marks of a line that can't be taken.
_BAD_CHAR = re.compile("[\udc80-\udcff\x00]")
_CUT_TAIL = re.compile("[\udc80-\udcff]{1,3}$")


@dataclass
class DecodedText:
    """The table's text as UTF-8 bytes without BOM; `dropped` counts the lines left out, by reason code."""

    body: memoryview | bytes
    encoding: str
    dropped: dict[str, int] = field(default_factory=dict)
    checked: bool = True  # False: passed through unchecked past the sample (the CSV parser validates it)


def detect_encoding(data: bytes, *, whole: bool = False) -> tuple[str, bool]:
    """Return (codec name, has BOM) for `data`; raise NotATable when the bytes are not text.

    The detector sees a sample; `whole=True` makes it look at everything (used when the CSV parser finds
    bytes past the sample that are not valid UTF-8).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, True
    sample = data if whole else data[:SAMPLE_BYTES]
    utf16 = utf16_without_bom(sample)
    if utf16:
        return utf16, False
    if len(data) > len(sample):
        # Cut at the last line break so a multibyte letter is not split at the end of the sample.
        cut = sample.rfind(b"\n")
        if cut > 0:
            sample = sample[: cut + 1]
    if sample.count(0) > MAX_NUL_SHARE * len(sample):
        raise NotATable()
    if _mostly_utf8(sample):
        return "utf-8", False
    best = from_bytes(sample, cp_isolation=CANDIDATES).best()
    if best is None:
        # Short exports of codes and numbers with a few Cyrillic words look "chaotic" to the detector's
        # default threshold; binary files stay undetected even at the tolerant one.
        best = from_bytes(sample, cp_isolation=CANDIDATES, threshold=TOLERANT_CHAOS).best()
    if best is None:
        raise NotATable()
    return _normalise_name(_prefer_natural_case(sample, best.encoding)), False


def utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 saved without its BOM: every other byte is the high byte of a character, 0x00 for ASCII and 0x04
    for Cyrillic, while the other half has (almost) no zeros."""
    n = len(sample) // 2 * 2
    if n < 16:
        return None
    for name, high, low in (("utf-16-le", sample[1:n:2], sample[0:n:2]), ("utf-16-be", sample[0:n:2], sample[1:n:2])):
        half = n // 2
        zeros = high.count(0)
        typical = zeros + high.count(4)
        if zeros >= 0.05 * half and typical >= 0.9 * half and low.count(0) <= 0.01 * half:
            return name
    return None


def _mostly_utf8(sample: bytes) -> bool:
    """Valid UTF-8 (plain ASCII included), or UTF-8 text with letters in it and only a few lines that are not
    (another encoding pasted in, a cut last letter). A cp1251 file is never "mostly UTF-8": its Cyrillic bytes
    don't form valid UTF-8 sequences, so it has no such letters."""
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return True
    text = sample.decode("utf-8", errors="surrogateescape")
    bad = _bad_line_count(text, limit=_allowed_bad(text.count("\n") + 1))
    if bad is None:
        return False
    letters = sum(1 for ch in text if "\u0080" <= ch < "\udc80" or ch > "\udcff")
    return letters >= 10


def _allowed_bad(lines: int) -> int:
    return max(MIN_BAD_ALLOWED, int(lines * MAX_BAD_SHARE))


def _bad_line_count(text: str, limit: int) -> int | None:
    """Lines holding an undecodable byte or a NUL; None once there are more than `limit`."""
    count, pos = 0, 0
    for match in _BAD_CHAR.finditer(text):
        if match.start() < pos:
            continue
        count += 1
        if count > limit:
            return None
        end = text.find("\n", match.start())
        pos = len(text) if end < 0 else end + 1
    return count


def _valid_utf8_sample(data: bytes, had_bom: bool) -> bool:
    sample = data[len(codecs.BOM_UTF8) if had_bom else 0 : SAMPLE_BYTES]
    if len(data) > SAMPLE_BYTES:
        cut = sample.rfind(b"\n")
        sample = sample[: cut + 1] if cut > 0 else sample
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_text(data: bytes, *, whole: bool = False) -> DecodedText:
    """The table's text as UTF-8, its encoding, and the lines that had to be left out.

    Clean UTF-8 is passed through as a view, not copied: the CSV parser reads bytes and checks UTF-8 itself
    (and `decode_text(data, whole=True)` is called again when it finds a bad byte past the sample).
    """
    encoding, had_bom = detect_encoding(data, whole=whole)
    if encoding in _UTF8 and not whole and b"\x00" not in data and _valid_utf8_sample(data, had_bom):
        view = memoryview(data)
        return DecodedText(view[len(codecs.BOM_UTF8) :] if had_bom else view, encoding, checked=False)
    start = len(codecs.BOM_UTF8) if encoding == "utf-8-sig" else 0
    codec = "utf-8" if encoding in _UTF8 else encoding
    dropped: dict[str, int] = {}
    raw = data[start:]
    if codec in ("utf-8", *_SINGLE_BYTE_CYRILLIC):
        text = raw.decode(codec, errors="surrogateescape")
    else:
        # UTF-16/32: an odd tail is half a character (the last line is cut); a broken unit becomes U+FFFD,
        # marked like any undecodable byte so that its line is left out.
        unit = 4 if codec.startswith("utf-32") else 2
        cut = len(raw) % unit
        text = raw[: len(raw) - cut].decode(codec, errors="replace").replace("\ufffd", "\udcff")
        if cut:
            text += "\udcff"
    text = text.lstrip("\ufeff")
    cleaned = drop_bad_lines(text, dropped)
    if cleaned is None:
        raise EncodingError()
    return DecodedText(cleaned.encode("utf-8"), encoding, {k: v for k, v in dropped.items() if v})


def drop_bad_lines(text: str, dropped: dict[str, int]) -> str | None:
    """`text` without its lines holding undecodable bytes or NULs, counted into `dropped` ("bad_bytes"; a last
    line whose only fault is a letter cut off at the very end is "cut_line"). None when too many lines are bad
    for that to be a few stray bytes rather than a wrong encoding."""
    if not _BAD_CHAR.search(text):
        return text
    limit = _allowed_bad(text.count("\n") + 1)
    pieces: list[str] = []
    kept_from = 0
    bad = 0
    for match in _BAD_CHAR.finditer(text):
        if match.start() < kept_from:
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.start())
        last_line = line_end < 0
        line_end = len(text) if last_line else line_end + 1
        line = text[line_start:line_end]
        if last_line and _CUT_TAIL.search(line) and not _BAD_CHAR.search(_CUT_TAIL.sub("", line)):
            dropped["cut_line"] = dropped.get("cut_line", 0) + 1
        else:
            bad += 1
            if bad > limit:
                return None
        pieces.append(text[kept_from:line_start])
        kept_from = line_end
    pieces.append(text[kept_from:])
    if bad:
        dropped["bad_bytes"] = dropped.get("bad_bytes", 0) + bad
    return "".join(pieces)


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
    """The table's bytes as UTF-8 without BOM, and the detected encoding's name (lines left out not reported:
    use `decode_text` for those)."""
    decoded = decode_text(data, whole=whole)
    return decoded.body, decoded.encoding


def _normalise_name(name: str) -> str:
    return {"utf_8": "utf-8", "ascii": "utf-8", "utf_16": "utf-16", "utf_32": "utf-32"}.get(name, name)
