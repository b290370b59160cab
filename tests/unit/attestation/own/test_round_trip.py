"""Export, then import: the same bank again — for GIFT and XLSX, over every question type (hypothesis).

Texts are drawn from an alphabet full of what each format must escape (GIFT's ~ = # { } : \\ and «[», «//», «%50%»
at the start of an option; XLSX's «=» formulas, «#» in options) and from Russian letters. What does not survive a
format is stated here, not hidden: GIFT carries no card link; a matching question whose left sides are exactly
1…n is ordering in GIFT (that is how ordering is written), so the strategy draws none.
"""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from services.attestation.own.engine.gift import GiftTopic, parse_gift, write_gift
from services.attestation.own.engine.model import (
    MATCHING,
    MULTIPLE,
    NUMERIC,
    ORDERING,
    SINGLE,
    Option,
    Pair,
    ParseResult,
    QuestionBody,
    multi_line,
    one_line,
)
from services.attestation.own.engine.validate import problems
from services.attestation.own.engine.xlsx import XlsxTopic, parse_xlsx, write_xlsx

SPECIAL = "~=#{}:\\/[]%>-_$+*@\"'()«»—.,!? "
ALPHABET = "abcxyzABC" + "абвгдеёжзАБВЮЯ" + "0123456789" + SPECIAL
LINE = st.text(alphabet=ALPHABET, min_size=1, max_size=30).map(one_line).filter(bool)
TEXT = st.text(alphabet=ALPHABET + "\n", min_size=1, max_size=60).map(multi_line).filter(bool)
OPTIONAL_LINE = st.one_of(st.just(""), LINE)
OPTIONAL_TEXT = st.one_of(st.just(""), TEXT)
NUMBER = st.one_of(st.integers(-10**9, 10**9).map(float),
                   st.decimals(-10**6, 10**6, places=3, allow_nan=False, allow_infinity=False).map(float))
TOLERANCE = st.one_of(st.just(0.0), st.decimals(0, 1000, places=2, allow_nan=False).map(float))


def distinct(strategy: st.SearchStrategy[str], low: int, high: int) -> st.SearchStrategy[list[str]]:
    return st.lists(strategy, min_size=low, max_size=high, unique_by=str.casefold)


@st.composite
def bodies(draw: st.DrawFn, kind: str) -> QuestionBody:
    base = QuestionBody(kind, draw(TEXT), draw(OPTIONAL_LINE), draw(OPTIONAL_TEXT))
    if kind in (SINGLE, MULTIPLE):
        texts = draw(distinct(LINE, 2, 6))
        if kind == SINGLE:
            right = {draw(st.integers(0, len(texts) - 1))}
        else:
            right = set(draw(st.lists(st.integers(0, len(texts) - 1), min_size=1, max_size=len(texts) - 1,
                                      unique=True)))
        options = tuple(Option(text, k in right, draw(OPTIONAL_LINE)) for k, text in enumerate(texts))
        body = QuestionBody(kind, base.text, base.title, base.explanation, options=options)
    elif kind == NUMERIC:
        body = QuestionBody(kind, base.text, base.title, base.explanation, answer=draw(NUMBER),
                            tolerance=draw(TOLERANCE))
    elif kind == ORDERING:
        body = QuestionBody(kind, base.text, base.title, base.explanation, items=tuple(draw(distinct(LINE, 3, 6))))
    else:
        lefts = draw(distinct(LINE.filter(lambda s: "->" not in s), 3, 5))
        rights = draw(distinct(LINE, len(lefts), len(lefts)))
        if sorted(lefts) == [str(n) for n in range(1, len(lefts) + 1)]:
            lefts[0] = lefts[0] + "x"
        body = QuestionBody(kind, base.text, base.title, base.explanation,
                            pairs=tuple(Pair(left, right) for left, right in zip(lefts, rights, strict=True)))
    body = body.normalized()
    assume(not problems(body))  # e.g. «{x}» in a number question is refused by the validation, not a format
    return body


ANY_BODY = st.sampled_from([SINGLE, MULTIPLE, NUMERIC, ORDERING, MATCHING]).flatmap(bodies)
TOPIC_TITLE = LINE.filter(lambda s: len(s) <= 60)


@st.composite
def banks(draw: st.DrawFn) -> list[tuple[str, str, str, list[QuestionBody]]]:
    titles = draw(distinct(TOPIC_TITLE, 1, 3))
    return [(title, draw(OPTIONAL_TEXT), draw(st.sampled_from(["", "https://example.com/a?b=1#c"])),
             draw(st.lists(ANY_BODY, min_size=1, max_size=4))) for title in titles]


def grouped(result: ParseResult) -> list[tuple[str, list[QuestionBody]]]:
    order: dict[str, list[QuestionBody]] = {}
    for question in result.questions:
        order.setdefault(question.topic, []).append(question.body)
    return list(order.items())


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(banks())
def test_gift_export_imports_as_the_same_bank(bank: list[tuple[str, str, str, list[QuestionBody]]]) -> None:
    text = write_gift([GiftTopic(title, card, questions) for title, card, _, questions in bank])
    result = parse_gift(text)
    assert not result.errors and not result.warnings, (result.errors, result.warnings, text)
    assert grouped(result) == [(title, questions) for title, _, _, questions in bank], text
    assert [(t.title, t.card) for t in result.topics] == [(title, card) for title, card, _, _ in bank if card]


@SETTINGS
@given(banks())
def test_xlsx_export_imports_as_the_same_bank(bank: list[tuple[str, str, str, list[QuestionBody]]]) -> None:
    data = write_xlsx([XlsxTopic(title, card, url, questions) for title, card, url, questions in bank])
    result = parse_xlsx(data)
    assert not result.errors, result.errors
    assert grouped(result) == [(title, questions) for title, _, _, questions in bank]
    assert [(t.title, t.card, t.url) for t in result.topics] == [(title, card, url) for title, card, url, _ in bank
                                                                  if card or url]


@given(st.sampled_from([SINGLE, MULTIPLE, NUMERIC, ORDERING, MATCHING]).flatmap(bodies))
@settings(max_examples=60, deadline=None)
def test_every_type_round_trips_alone_in_both_formats(body: QuestionBody) -> None:
    gift = parse_gift(write_gift([GiftTopic("Т", "", [body])]))
    assert [q.body for q in gift.questions] == [body]
    xlsx = parse_xlsx(write_xlsx([XlsxTopic("Т", "", "", [body])]))
    assert [q.body for q in xlsx.questions] == [body]


def test_excel_escape_sequences_in_text_survive() -> None:
    body = QuestionBody(SINGLE, "_x0041_ и _x000D_", options=(Option("_x0042_", True), Option("б", False)))
    assert parse_xlsx(write_xlsx([XlsxTopic("Т", "", "", [body])])).questions[0].body == body
