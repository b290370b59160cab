"""The stub's copy of Telegram's HTML parser: what it accepts, what it refuses and how it measures."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.stubapi.html_check import HtmlParseError, parse_html, trim


def test_entity_offsets_count_utf16_units_so_emoji_take_two() -> None:
    parsed = parse_html("😀 <b>жирный</b> 🚀<i>x</i>")
    assert parsed.text == "😀 жирный 🚀x"
    assert [(e["type"], e["offset"], e["length"]) for e in parsed.entities] == [("bold", 3, 6),
                                                                               ("italic", 12, 1)]


def test_error_offsets_are_utf8_byte_offsets_like_telegram() -> None:
    with pytest.raises(HtmlParseError, match='Unsupported start tag "x" at byte offset 14'):
        parse_html("Привет, <x>")
    # The same cases as tdlib's own test suite.
    with pytest.raises(HtmlParseError, match="Unclosed start tag at byte offset 13"):
        parse_html("🏟 🏟&lt;<abacaba")
    with pytest.raises(HtmlParseError, match='Unsupported start tag "abac" at byte offset 13'):
        parse_html("🏟 🏟&lt;<abac aba>")


def test_tags_and_entities_are_case_insensitive_where_telegram_lowercases() -> None:
    assert parse_html("<B>жирно</B>").entities == [{"type": "bold", "offset": 0, "length": 5}]
    assert parse_html("&lt;&gt;&amp;&quot;&#33;&#x21;").text == "<>&\"!!"


def test_pre_with_language_code_block_becomes_one_pre_entity() -> None:
    parsed = parse_html('<pre><code class="language-python">print(1)</code></pre>')
    assert parsed.entities == [{"type": "pre", "offset": 0, "length": 8, "language": "python"}]


def test_link_keeps_its_url_with_decoded_entities() -> None:
    parsed = parse_html('<a href="https://t.me/bot?start=a&amp;b">ссылка</a>')
    assert parsed.entities == [{"type": "text_link", "offset": 0, "length": 6,
                                "url": "https://t.me/bot?start=a&b"}]


def test_bare_ampersand_is_text_for_telegram_but_an_error_in_strict_mode() -> None:
    assert parse_html("Рога & Копыта", strict_ampersand=False).text == "Рога & Копыта"
    with pytest.raises(HtmlParseError, match='Unescaped "&" at byte offset 9'):
        parse_html("Рога & Копыта")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("</b>", "Unexpected end tag at byte offset 0"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ('<a href="x">y', 'Can\'t find end tag corresponding to start tag "a"'),
        ("<b =x>y</b>", 'Empty attribute name in the tag "b" at byte offset 0'),
        ('<a href="x"', "Unclosed start tag at byte offset 0"),
        ("<code class=a$b>x</code>", "Unexpected end of name token at byte offset 12"),
        ("<tg-emoji>👍</tg-emoji>", "Invalid custom emoji identifier specified"),
        ("<span class=tg-other>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
def test_malformed_markup_gets_tdlibs_message(source: str, message: str) -> None:
    with pytest.raises(HtmlParseError) as error:
        parse_html(source)
    assert str(error.value) == message


def test_trim_strips_whitespace_and_moves_entities() -> None:
    parsed = trim(parse_html("\n\n  <b>Итог</b> \n"))
    assert parsed.text == "Итог"
    assert parsed.entities == [{"type": "bold", "offset": 0, "length": 4}]


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=200))
def test_any_escaped_text_parses_back_to_itself(text: str) -> None:
    assert parse_html(html.escape(text)).text == text


@given(st.text(alphabet="<>&ab ё", min_size=1, max_size=30))
def test_parser_never_crashes_it_either_parses_or_says_why(text: str) -> None:
    try:
        parse_html(text)
    except HtmlParseError as error:
        assert str(error)


# Cases from tdlib's own test suite (test/message_entities.cpp, parse_html), checked with Telegram's lenient
# ampersand rule; links are left out because tdlib also normalises URLs, which the stub does not need.
TDLIB_ERRORS = [
    ("&#57311;", "Text contains invalid Unicode characters after decoding HTML entities, check for unmatched "
                 "surrogate code units"),
    ("🏟 🏟&lt;<abac>", 'Unsupported start tag "abac" at byte offset 13'),
    ("🏟 🏟&lt;<i   =aba>", 'Empty attribute name in the tag "i" at byte offset 13'),
    ("🏟 🏟&lt;<i    aba  =  ", 'Unclosed start tag "i" at byte offset 13'),
    ("🏟 🏟&lt;<i    aba  =  190azAz-.,", "Unexpected end of name token at byte offset 27"),
    ('🏟 🏟&lt;<i    aba  =  "&lt;&gt;&quot;>', "Unclosed start tag at byte offset 13"),
    ("🏟 🏟&lt;</", "Unexpected end tag at byte offset 13"),
    ("🏟 🏟&lt;<b></b></", "Unexpected end tag at byte offset 20"),
    ("🏟 🏟&lt;<i>a</i   ", "Unclosed end tag at byte offset 17"),
    ("🏟 🏟&lt;<i>a</em   >", 'Unmatched end tag at byte offset 17, expected "</i>", found "</em>"'),
]
TDLIB_RESULTS = [
    ("&lt;&gt;&amp;&quot;&laquo;&raquo;&#12345678;", '<>&"&laquo;&raquo;&#12345678;', []),
    ("➡️ ➡️<i>➡️ ➡️</i><b>➡️ ➡️</b>", "➡️ ➡️➡️ ➡️➡️ ➡️", [("italic", 5, 5), ("bold", 10, 5)]),
    ("🏟 🏟<i>🏟 &gt;<b aba   =   caba>&lt🏟</b></i>", "🏟 🏟🏟 ><🏟", [("italic", 5, 7), ("bold", 9, 3)]),
    ("🏟 🏟&lt;<i    aba  =  '&lt;&gt;&quot;'>a</>", "🏟 🏟<a", [("italic", 6, 1)]),
    ("🏟 🏟&lt;<i>a</    >", "🏟 🏟<a", [("italic", 6, 1)]),
    ("🏟 🏟&lt;<b></b>", "🏟 🏟<", []),
    # Older tdlib wanted "=" after every attribute name; since <blockquote expandable> a bare name is fine.
    ("🏟 🏟&lt;<i    aba>a</i>", "🏟 🏟<a", [("italic", 6, 1)]),
    ("<code><i><b> </b></i></code><i><b><code> </code></b></i>", "  ",
     [("code", 0, 1), ("bold", 0, 1), ("italic", 0, 1), ("code", 1, 1), ("bold", 1, 1), ("italic", 1, 1)]),
    ("<i><b> </b> <code> </code></i>", "   ", [("italic", 0, 3), ("bold", 0, 1), ("code", 2, 1)]),
    ("🏟 🏟&lt;<pre><code>🏟 🏟&lt;</code></>", "🏟 🏟<🏟 🏟<", [("pre", 6, 6), ("code", 6, 6)]),
    ('🏟 🏟&lt;<code class="language-fift"><pre>🏟 🏟&lt;</></>', "🏟 🏟<🏟 🏟<", [("pre", 6, 6)]),
    ('🏟 🏟&lt;<pre><code class="language-fift">🏟 🏟&lt;</> </>', "🏟 🏟<🏟 🏟< ",
     [("pre", 6, 7), ("code", 6, 6)]),
]


@pytest.mark.parametrize(("source", "message"), TDLIB_ERRORS)
def test_tdlib_error_cases(source: str, message: str) -> None:
    with pytest.raises(HtmlParseError) as error:
        parse_html(source, strict_ampersand=False)
    assert str(error.value) == message


@pytest.mark.parametrize(("source", "text", "entities"), TDLIB_RESULTS)
def test_tdlib_parse_cases(source: str, text: str, entities: list[tuple[str, int, int]]) -> None:
    parsed = parse_html(source, strict_ampersand=False)
    assert parsed.text == text
    assert [(e["type"], e["offset"], e["length"]) for e in parsed.entities] == entities
