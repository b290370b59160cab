"""CustDev interviews: a summary per interview and insights across all of a user's interviews.

How themes and key customer value (ККЦ) candidates are picked:
1. Only answers the interviewer tagged «боль» feed the pains, only «ценность» feeds the values —
   the interviewer's judgement, not the machine's, decides what is a pain or a value.
2. Each answer becomes a set of key words: lower case, «ё» -> «е», function words and interview
   filler («очень», «важно», «главное», …) dropped, words shorter than four letters dropped, and common
   Russian inflection endings cut, so «доставка», «доставки», «доставкой» all give «доставк».
3. Themes are picked greedily: the key word mentioned in the most distinct interviews (then the most
   answers, then the earliest) becomes a theme and takes every remaining answer containing it; repeat
   with the answers left. An answer belongs to one theme at most, so one talkative respondent cannot
   fill the list. Distinct interviews, not answers, rank the themes: a value named by three clients
   outweighs one client repeating it three times.
   A theme is named by the respondents' own words, never by the bare key word («Заявки», «Быстро» say
   nothing): the clause of an answer around the key word, filler trimmed from its ends, at most
   PHRASE_WORDS_BEFORE + 1 + PHRASE_WORDS_AFTER words («сорвал сроки доставки», «доставка в срок»). A phrase
   from an answer tagged «цитата» wins, then one said in more answers, then the shortest.
4. ККЦ are «не более трёх ценностей, в которых мы можем стать лучшими»: the top value themes named in
   at least KCV_MIN_INTERVIEWS interviews, at most three. Whether the company can become the best in
   them is the owner's call — the bot shows candidates with the quotes behind them, not a verdict.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from services.interviews.engine.content import CustdevScript, default_keywords, default_scripts

PAIN_TAG = "pain"
VALUE_TAG = "value"
QUOTE_TAG = "quote"
KCV_LIMIT = 3
KCV_MIN_INTERVIEWS = 2
QUOTES_PER_THEME = 3
MIN_WORD_LENGTH = 4
MIN_STEM_LENGTH = 3
PHRASE_WORDS_BEFORE = 3
PHRASE_WORDS_AFTER = 3

# Lower-case Cyrillic, Latin letters and digits. These character classes are code, not texts; the word lists
# (inflection endings, stop words) are content: content/interviews/custdev_keywords.yaml.
_WORD_RE = re.compile(r"[а-яёa-z0-9]+")
# A clause ends at punctuation, a sentence at its end marks; «<», «>» and «&» end both, so a stray tag or an
# ampersand never joins a theme's name.
_CLAUSE_RE = re.compile(r"[^.,;:!?…—–()\[\]{}«»\"<>&/\n]+")
_SENTENCE_RE = re.compile(r"[^.!?…<>&\n]+")
_YO, _YE = "ё", "е"  # «ё» is written as «е» often; both count as one letter


@dataclass(frozen=True)
class _WordRules:
    endings: tuple[str, ...]  # longest first
    stop_words: frozenset[str]  # filler: never a key word, trimmed from a theme name's ends
    not_keys: frozenset[str]  # stop words and vague words: never a theme's key word


@lru_cache(maxsize=1)
def _word_rules() -> _WordRules:
    """The word lists of custdev_keywords.yaml."""
    keywords = default_keywords()
    stop = keywords.stop_word_set()
    return _WordRules(keywords.ending_list(), stop, stop | keywords.weak_word_set())


@dataclass(frozen=True)
class AnswerRecord:
    question_id: str
    text: str
    tags: tuple[str, ...] = ()
    is_voice: bool = False  # text may then be empty; the voice itself is kept by the caller
    voice_seconds: int | None = None  # the voice message's length, when known

    def __post_init__(self) -> None:
        object.__setattr__(self, "tags", tuple(dict.fromkeys(self.tags)))  # a double tap counts once


@dataclass(frozen=True)
class SummaryAnswer:
    question_id: str
    question_text: str
    section_title: str
    text: str
    tags: tuple[str, ...]
    is_voice: bool
    voice_seconds: int | None = None


@dataclass(frozen=True)
class TagCount:
    tag_id: str
    label: str
    count: int


@dataclass(frozen=True)
class InterviewSummary:
    respondent: str
    answers: tuple[SummaryAnswer, ...]
    tag_counts: tuple[TagCount, ...]  # every tag of the script, in script order
    untagged: int
    questions_answered: int
    questions_total: int
    missed_sections: tuple[str, ...]  # titles of sections without a single answer
    next_steps: tuple[str, ...]
    referrals: tuple[str, ...]

    def tagged(self, tag_id: str) -> tuple[SummaryAnswer, ...]:
        return tuple(answer for answer in self.answers if tag_id in answer.tags)


@dataclass(frozen=True)
class Quote:
    text: str
    respondent: str
    interview: int  # 1-based position in the list given to `aggregate`


@dataclass(frozen=True)
class Theme:
    key: str  # the normalised key word
    label: str  # its most frequent word form in the answers: a key for the tables, not a name for people
    interviews: int  # distinct interviews mentioning it
    mentions: int  # answers mentioning it
    quotes: tuple[Quote, ...]
    phrase: str = ""  # the respondents' own words around the key word: what the theme is called

    @property
    def title(self) -> str:
        """How a person reads the theme: the respondents' words in quotes («сорвал сроки доставки»); a lone word
        only when that one word is all anyone said."""
        words = (self.phrase or self.label).split()
        shown = " ".join(words)
        shown = shown[:1].upper() + shown[1:]
        return f"«{shown}»" if len(words) > 1 else shown


@dataclass(frozen=True)
class TagStat:
    tag_id: str
    label: str
    answers: int
    interviews: int


@dataclass(frozen=True)
class CustdevInsights:
    interviews: int
    tag_stats: tuple[TagStat, ...]
    pains: tuple[Theme, ...]  # ranked by distinct interviews
    values: tuple[Theme, ...]
    kcv_candidates: tuple[Theme, ...]  # at most three


def summarize_interview(
    answers: Sequence[AnswerRecord], script: CustdevScript | None = None, *, respondent: str = ""
) -> InterviewSummary:
    """Summarise one interview; raises ValueError on unknown question or tag ids."""
    script = script or default_scripts().custdev
    tag_ids = [tag.id for tag in script.tags]
    items = []
    for answer in answers:
        try:
            question = script.question(answer.question_id)
        except KeyError:
            raise ValueError(f"unknown question '{answer.question_id}'") from None
        if unknown := [t for t in answer.tags if t not in tag_ids]:
            raise ValueError(f"unknown tags {unknown} on question '{answer.question_id}'")
        items.append(
            SummaryAnswer(
                question_id=question.id,
                question_text=question.text,
                section_title=script.section_of(question.id).title,
                text=answer.text.strip(),
                tags=answer.tags,
                is_voice=answer.is_voice,
                voice_seconds=answer.voice_seconds,
            )
        )
    counts = Counter(tag for item in items for tag in item.tags)
    answered = {item.question_id for item in items}
    highlights = {q.id: q.highlight for q in script.questions()}
    return InterviewSummary(
        respondent=respondent.strip(),
        answers=tuple(items),
        tag_counts=tuple(TagCount(tag.id, tag.label, counts[tag.id]) for tag in script.tags),
        untagged=sum(1 for item in items if not item.tags),
        questions_answered=len(answered),
        questions_total=len(script.questions()),
        missed_sections=tuple(
            s.title for s in script.sections if not any(q.id in answered for q in s.questions)
        ),
        next_steps=tuple(i.text for i in items if highlights[i.question_id] == "next_step" and i.text),
        referrals=tuple(i.text for i in items if highlights[i.question_id] == "referrals" and i.text),
    )


def _stem(word: str) -> str:
    for ending in _word_rules().endings:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM_LENGTH:
            return word[: -len(ending)]
    return word


def key_words(text: str) -> list[tuple[str, str]]:
    """(stem, word form) pairs of the meaningful words of an answer, in order, stems unique."""
    seen: dict[str, str] = {}
    not_keys = _word_rules().not_keys
    for form in _WORD_RE.findall(text.lower()):
        word = form.replace(_YO, _YE)  # the label keeps the form as written
        if len(word) < MIN_WORD_LENGTH or word in not_keys or word.isdigit():
            continue
        seen.setdefault(_stem(word), form)
    return list(seen.items())


@dataclass(frozen=True)
class _Entry:
    interview: int
    respondent: str
    answer: SummaryAnswer
    words: tuple[tuple[str, str], ...]

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(stem for stem, _ in self.words)


def _pick_quotes(entries: Sequence[_Entry]) -> tuple[Quote, ...]:
    # Quote-tagged answers first, then one per interview before a second from the same interview.
    ordered = sorted(entries, key=lambda e: QUOTE_TAG not in e.answer.tags)
    chosen: list[_Entry] = []
    for entry in ordered:
        if entry.answer.text and all(c.interview != entry.interview for c in chosen):
            chosen.append(entry)
    for entry in ordered:
        if entry.answer.text and entry not in chosen:
            chosen.append(entry)
    return tuple(Quote(e.answer.text, e.respondent, e.interview) for e in chosen[:QUOTES_PER_THEME])


def _normal(token: str) -> str:
    return "".join(_WORD_RE.findall(token.lower())).replace(_YO, _YE)


def _is_filler(token: str) -> bool:
    """A word that cannot open or close a theme's name: a stop word, or a short lower-case function word
    («в», «что», «для»); «CRM» or «1С» are kept."""
    word = _normal(token)
    if not word or word in _word_rules().stop_words:
        return True
    return len(word) < MIN_WORD_LENGTH and not token.isupper() and not any(ch.isdigit() for ch in token)


def phrase_around(stem: str, text: str) -> str | None:
    """The words of `text` around the key word `stem`, filler trimmed from the ends: within its clause, or within
    its sentence when the clause is the one word («Выбрали, потому что доставка день в день»)."""
    phrase = _around(stem, _CLAUSE_RE.findall(text))
    if phrase is not None and " " not in phrase:
        return _around(stem, _SENTENCE_RE.findall(text)) or phrase
    return phrase


def _around(stem: str, parts: Sequence[str]) -> str | None:
    for part in parts:
        tokens = part.split()
        at = next((k for k, token in enumerate(tokens)
                   if len(_normal(token)) >= MIN_WORD_LENGTH and _stem(_normal(token)) == stem), None)
        if at is None:
            continue
        start, end = max(0, at - PHRASE_WORDS_BEFORE), min(len(tokens), at + PHRASE_WORDS_AFTER + 1)
        while start < at and _is_filler(tokens[start]):
            start += 1
        while end - 1 > at and _is_filler(tokens[end - 1]):
            end -= 1
        return " ".join(tokens[start:end])
    return None


def _phrase(stem: str, entries: Sequence[_Entry]) -> str:
    """The theme's name: a respondent's phrase around the key word (see the module's notes)."""
    found = [(QUOTE_TAG not in entry.answer.tags, phrase) for entry in entries
             if (phrase := phrase_around(stem, entry.answer.text))]
    longer = [item for item in found if len(item[1].split()) > 1]
    pool = longer or found
    if not pool:
        return _label(stem, entries)
    said = Counter(phrase.lower() for _, phrase in pool)
    return min(pool, key=lambda item: (item[0], -said[item[1].lower()], len(item[1])))[1]


def _label(stem: str, entries: Sequence[_Entry]) -> str:
    forms = Counter(word for entry in entries for s, word in entry.words if s == stem)
    return forms.most_common(1)[0][0]  # Counter keeps first-seen order among equal counts


def _themes(entries: Sequence[_Entry]) -> tuple[Theme, ...]:
    remaining = list(entries)
    themes = []
    while remaining:
        interviews: dict[str, set[int]] = {}
        mentions: Counter[str] = Counter()
        for entry in remaining:  # dict insertion order = first appearance, the last tie-breaker
            for stem, _ in entry.words:
                interviews.setdefault(stem, set()).add(entry.interview)
                mentions[stem] += 1
        if not interviews:
            break
        best = max(interviews, key=lambda stem: (len(interviews[stem]), mentions[stem]))
        covered = [entry for entry in remaining if best in entry.stems]
        themes.append(
            Theme(
                key=best,
                label=_label(best, covered),
                interviews=len(interviews[best]),
                mentions=len(covered),
                quotes=_pick_quotes(covered),
                phrase=_phrase(best, covered),
            )
        )
        remaining = [entry for entry in remaining if best not in entry.stems]
    return tuple(themes)


def _entries(interviews: Sequence[InterviewSummary], tag_id: str) -> list[_Entry]:
    return [
        _Entry(number, summary.respondent, answer, tuple(key_words(answer.text)))
        for number, summary in enumerate(interviews, start=1)
        for answer in summary.tagged(tag_id)
    ]


def aggregate(interviews: Sequence[InterviewSummary]) -> CustdevInsights:
    """Tag frequencies, ranked pains and values, and up to three ККЦ candidates across interviews."""
    tag_stats = []
    if interviews:
        for tag in interviews[0].tag_counts:
            tag_stats.append(
                TagStat(
                    tag_id=tag.tag_id,
                    label=tag.label,
                    answers=sum(len(s.tagged(tag.tag_id)) for s in interviews),
                    interviews=sum(1 for s in interviews if s.tagged(tag.tag_id)),
                )
            )
    values = _themes(_entries(interviews, VALUE_TAG))
    return CustdevInsights(
        interviews=len(interviews),
        tag_stats=tuple(tag_stats),
        pains=_themes(_entries(interviews, PAIN_TAG)),
        values=values,
        kcv_candidates=tuple(t for t in values if t.interviews >= KCV_MIN_INTERVIEWS)[:KCV_LIMIT],
    )
