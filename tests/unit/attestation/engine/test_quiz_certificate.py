"""Certificate codes and the certificate picture."""

from __future__ import annotations

import datetime as dt
import re
import warnings

from services.attestation.engine.certificate import CODE_ALPHABET, new_code, normalize_code, render_certificate_png

CODE = re.compile(rf"^[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{2}}$")


def test_codes_are_short_readable_and_unique():
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(CODE.match(code) for code in codes)
    assert not set("".join(codes)) & set("01OI")  # no look-alikes


def test_typed_codes_are_normalised():
    assert normalize_code(" k7qx m2pd 9h ") == "K7QX-M2PD-9H"
    assert normalize_code("K7QX-M2PD-9H") == "K7QX-M2PD-9H"
    assert normalize_code("К7QХ-M2PD-9Н") == "K7QX-M2PD-9H"  # typed in the Cyrillic layout
    assert normalize_code("K7QX-M2PD") is None
    assert normalize_code("K7QX-M2PD-0O") is None
    assert normalize_code("") is None


def _size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_certificate_is_a_landscape_png_with_cyrillic_glyphs():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = render_certificate_png("Анна Ёлкина", dt.date(2025, 11, 22), 85, "K7QX-M2PD-9H",
                                     ["КЭВ — ключевой этап воронки", "HADI-циклы"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = _size(png)
    assert width > height >= 1000
    assert not [w for w in caught if "missing from font" in str(w.message)]


def test_certificate_survives_odd_names():
    for name in ("$100$ Иванов", "Очень " * 20, "<b>&</b>"):
        png = render_certificate_png(name, dt.date(2024, 1, 1), 100, "AAAA-BBBB-CC", [])
        assert png[:4] == b"\x89PNG"
