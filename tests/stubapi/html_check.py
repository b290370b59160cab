"""Telegram's HTML parse mode, reproduced from tdlib's `parse_html` so the stub rejects what Telegram rejects.

The parser walks UTF-8 bytes because Telegram reports errors at *byte* offsets, and counts entity offsets in
UTF-16 code units because that is what the Bot API returns. One deliberate difference: with
`strict_ampersand=True` a bare `&` that starts no entity is an error here, while Telegram silently keeps it as a
literal; the stricter rule catches user text that was not passed through `html.escape`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SUPPORTED_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins",
        "tg-spoiler", "tg-emoji", "span", "pre", "code", "blockquote",
    }
)
_SIMPLE_TAG_TYPES = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "u": "underline", "ins": "underline", "tg-spoiler": "spoiler",
}
# tdlib orders entities that start and end together by these priorities (lower first).
_PRIORITY = {"blockquote": 0, "expandable_blockquote": 0, "pre": 11, "code": 20, "text_link": 49, "bold": 90,
             "italic": 91, "underline": 92, "strikethrough": 93, "spoiler": 94, "custom_emoji": 99}
_NAMED_ENTITIES = {b"lt": "<", b"gt": ">", b"amp": "&", b"quot": '"'}
# tdlib's is_space() treats NUL as space; the sentinel NUL appended below ends every scan loop.
_SPACES = frozenset(b" \t\r\n\0\v\f")
_TRIM_CHARS = " \t\r\n\v\f"


class HtmlParseError(ValueError):
    """The text would make Telegram answer «Bad Request: can't parse entities: …»."""


@dataclass
class ParsedText:
    """Text as the user sees it plus the Bot API entities (offsets in UTF-16 code units)."""

    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _is_alnum(byte: int) -> bool:
    return chr(byte).isascii() and chr(byte).isalnum()


def _decode_entity(data: bytes, pos: int) -> tuple[str, int] | None:
    """Decode `&…;` at `pos` the way tdlib does; None when it is not an entity Telegram knows."""
    end = pos + 1
    if data[pos + 1] == ord("#"):
        end += 1
        value = 0
        if data[pos + 2] == ord("x"):
            end += 1
            while chr(data[end]) in "0123456789abcdefABCDEF" and data[end] != 0:
                value = value * 16 + int(chr(data[end]), 16)
                end += 1
        else:
            while chr(data[end]).isdigit() and data[end] < 128:
                value = value * 10 + data[end] - ord("0")
                end += 1
        if value == 0 or value >= 0x10FFFF or end - pos >= 10:
            return None
        char = chr(value)
    else:
        while chr(data[end]).isascii() and chr(data[end]).isalpha():
            end += 1
        named = _NAMED_ENTITIES.get(data[pos + 1 : end])
        if named is None:
            return None
        char = named
    if data[end] == ord(";"):
        end += 1
    return char, end


@dataclass
class _OpenTag:
    name: str
    argument: str
    utf16_offset: int
    char_offset: int


class _Parser:
    def __init__(self, html: str, strict_ampersand: bool) -> None:
        self.data = html.encode("utf-8", "surrogatepass") + b"\0"
        self.size = len(self.data) - 1
        self.strict_ampersand = strict_ampersand
        self.out: list[str] = []
        self.utf16 = 0
        self.chars = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[dict[str, Any]] = []

    def run(self) -> ParsedText:
        i = 0
        data = self.data
        while i < self.size:
            byte = data[i]
            if byte == ord("&"):
                decoded = _decode_entity(data, i)
                if decoded is not None:
                    if 0xD800 <= ord(decoded[0]) <= 0xDFFF:
                        raise HtmlParseError(
                            "Text contains invalid Unicode characters after decoding HTML entities, check for "
                            "unmatched surrogate code units"
                        )
                    self._emit(decoded[0])
                    i = decoded[1]
                    continue
                if self.strict_ampersand:
                    raise HtmlParseError(
                        f'Unescaped "&" at byte offset {i} (stricter than Telegram, which keeps it as text): '
                        "escape it as &amp;"
                    )
            if byte != ord("<"):
                end = i + 1
                while end < self.size and data[end] not in (ord("&"), ord("<")):
                    end += 1
                self._emit(data[i:end].decode("utf-8", "surrogatepass"))
                i = end
                continue
            i = self._end_tag(i) if data[i + 1] == ord("/") else self._start_tag(i)
        if self.stack:
            raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"], _PRIORITY.get(e["type"], 50)))
        return ParsedText("".join(self.out), self.entities)

    def _emit(self, text: str) -> None:
        self.out.append(text)
        self.utf16 += utf16_len(text)
        self.chars += len(text)

    def _start_tag(self, begin: int) -> int:
        data = self.data
        i = begin + 1
        while data[i] not in _SPACES and data[i] != ord(">"):
            i += 1
        if data[i] == 0:
            raise HtmlParseError(f"Unclosed start tag at byte offset {begin}")
        name = data[begin + 1 : i].decode("utf-8", "replace").lower()
        if name not in SUPPORTED_TAGS:
            raise HtmlParseError(f'Unsupported start tag "{name}" at byte offset {begin}')
        argument = ""
        while data[i] != ord(">"):
            i, argument = self._attribute(name, begin, i, argument)
        if name == "span" and argument != "spoiler":
            raise HtmlParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
        self.stack.append(_OpenTag(name, argument, self.utf16, self.chars))
        return i + 1

    def _attribute(self, tag: str, begin: int, i: int, argument: str) -> tuple[int, str]:
        data = self.data
        while data[i] != 0 and data[i] in _SPACES:
            i += 1
        if data[i] == ord(">"):
            return i, argument
        name_begin = i
        while data[i] not in _SPACES and data[i] not in b"=>/\"'":
            i += 1
        attr = data[name_begin:i].decode("utf-8", "replace")
        if not attr:
            raise HtmlParseError(f'Empty attribute name in the tag "{tag}" at byte offset {begin}')
        while data[i] != 0 and data[i] in _SPACES:
            i += 1
        if data[i] != ord("="):
            if data[i] == 0:
                raise HtmlParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
            if tag == "blockquote" and attr == "expandable":
                argument = "1"
            return i, argument
        i += 1
        while data[i] != 0 and data[i] in _SPACES:
            i += 1
        if data[i] == 0:
            raise HtmlParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
        i, value = self._attribute_value(i)
        if data[i] == 0:
            raise HtmlParseError(f"Unclosed start tag at byte offset {begin}")
        if tag == "a" and attr == "href":
            argument = value
        elif tag == "code" and attr == "class" and value.startswith("language-"):
            argument = value[len("language-") :]
        elif tag == "span" and attr == "class" and value.startswith("tg-"):
            argument = value[len("tg-") :]
        elif tag == "tg-emoji" and attr == "emoji-id":
            argument = value
        elif tag == "blockquote" and attr == "expandable":
            argument = "1"
        return i, argument

    def _attribute_value(self, i: int) -> tuple[int, str]:
        data = self.data
        quote = data[i]
        if quote not in (ord("'"), ord('"')):
            # An unquoted name token: letters, digits, periods, hyphens; case-insensitive.
            token_begin = i
            while _is_alnum(data[i]) or data[i] in b".-":
                i += 1
            if data[i] not in _SPACES and data[i] != ord(">"):
                raise HtmlParseError(f"Unexpected end of name token at byte offset {token_begin}")
            return i, data[token_begin:i].decode().lower()
        i += 1
        chars: list[str] = []
        raw = bytearray()
        while data[i] != quote and data[i] != 0:
            if data[i] == ord("&"):
                decoded = _decode_entity(data, i)
                if decoded is not None:
                    chars.append(raw.decode("utf-8", "replace"))
                    raw.clear()
                    chars.append(decoded[0])
                    i = decoded[1]
                    continue
            raw.append(data[i])
            i += 1
        chars.append(raw.decode("utf-8", "replace"))
        if data[i] == quote:
            i += 1
        return i, "".join(chars)

    def _end_tag(self, begin: int) -> int:
        data = self.data
        if not self.stack:
            raise HtmlParseError(f"Unexpected end tag at byte offset {begin}")
        i = begin + 2
        while data[i] not in _SPACES and data[i] != ord(">"):
            i += 1
        end_name = data[begin + 2 : i].decode("utf-8", "replace").lower()
        while data[i] != 0 and data[i] in _SPACES:
            i += 1
        if data[i] != ord(">"):
            raise HtmlParseError(f"Unclosed end tag at byte offset {begin}")
        opened = self.stack[-1]
        if end_name and end_name != opened.name:
            raise HtmlParseError(
                f'Unmatched end tag at byte offset {begin}, expected "</{opened.name}>", found "</{end_name}>"'
            )
        if self.utf16 > opened.utf16_offset:
            self._add_entity(opened, self.utf16 - opened.utf16_offset)
        self.stack.pop()
        return i + 1

    def _add_entity(self, tag: _OpenTag, length: int) -> None:
        entity: dict[str, Any] = {"offset": tag.utf16_offset, "length": length}
        name = tag.name
        if name in _SIMPLE_TAG_TYPES or name == "span":
            entity["type"] = _SIMPLE_TAG_TYPES.get(name, "spoiler")
        elif name == "tg-emoji":
            if not tag.argument.isdigit() or int(tag.argument) == 0:
                raise HtmlParseError("Invalid custom emoji identifier specified")
            entity.update(type="custom_emoji", custom_emoji_id=tag.argument)
        elif name == "a":
            url = tag.argument or "".join(self.out)[tag.char_offset :]
            if not url.strip():
                return  # Telegram drops links it cannot check instead of failing
            entity.update(type="text_link", url=url)
        elif name == "blockquote":
            entity["type"] = "expandable_blockquote" if tag.argument else "blockquote"
        elif name in ("pre", "code"):
            self._add_code_entity(tag, entity)
            return
        self.entities.append(entity)

    def _add_code_entity(self, tag: _OpenTag, entity: dict[str, Any]) -> None:
        last = self.entities[-1] if self.entities else None
        same_span = last is not None and (last["offset"], last["length"]) == (entity["offset"], entity["length"])
        if tag.name == "pre" and same_span and last["type"] == "code" and last.get("language"):
            last["type"] = "pre"
            return
        if tag.name == "code" and same_span and last["type"] == "pre" and tag.argument:
            last["language"] = tag.argument
            return
        entity["type"] = tag.name
        if tag.name == "code" and tag.argument:
            # Kept only to be promoted to a <pre> language; a bare <code> loses it like in tdlib.
            entity["language"] = tag.argument
        self.entities.append(entity)


def parse_html(html: str, *, strict_ampersand: bool = True) -> ParsedText:
    """Parse Bot API HTML; raise HtmlParseError with tdlib's wording when Telegram would refuse it."""
    parsed = _Parser(html, strict_ampersand).run()
    for entity in parsed.entities:
        if entity["type"] == "code":
            entity.pop("language", None)
    return parsed


def trim(parsed: ParsedText) -> ParsedText:
    """Strip surrounding whitespace like Telegram does, shifting and clipping entities to match."""
    text = parsed.text
    stripped_left = text.lstrip(_TRIM_CHARS)
    shift = utf16_len(text) - utf16_len(stripped_left)
    result = stripped_left.rstrip(_TRIM_CHARS)
    total = utf16_len(result)
    entities = []
    for entity in parsed.entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, total)
        if end > start:
            entities.append({**entity, "offset": start, "length": end - start})
    return ParsedText(result, entities)


def plain_text(text: str, entities: list[dict[str, Any]] | None = None) -> ParsedText:
    """Text sent without parse_mode: taken literally, with whatever entities the caller passed."""
    return ParsedText(text, [dict(e) for e in entities or []])
