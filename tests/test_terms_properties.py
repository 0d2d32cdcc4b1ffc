"""Properties of fix (idempotent, local, leaving no variant findings it could fix), of
scanning (blind to the marks folding drops) and of fold."""

from __future__ import annotations

import re

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newslib import check_text, fix_text, scan_text
from newslib.terms.fold import DROPPED, _fold_clusters, fold, without_dropped
from newslib.terms.tokens import _TOKEN, Tokens, is_plain

NAMES = {
    "ru": ["Сухуми", "Сухум", "Сухума", "Сухуме", "Цхинвали", "Цхинвала", "Цхинвалом",
           "Ахалгори", "Ленингоре", "Очамчире", "Очамчиры", "Джава", "Дзау", "Гали", "Галом",
           "ЦХИНВАЛИ", "сухуме", "Южной Осетии", "Абхазия", "Тбилиси"],
    "en": ["Sukhumi", "Sukhum", "Tskhinval", "Tskhinvali", "SUKHUM", "Leningor", "Akhalgori",
           "Ochamchira", "Tkuarchal", "Kodori", "Sukhumi’s", "Tskhinvali-based", "Georgia",
           "South Ossetia", "Tskhinvali Region"],
    "de": ["Suchumi", "Suchum", "Suchumis", "Suchums", "Zchinwali", "Zchinwal", "Zchinwals",
           "Achalgori", "Leningor", "SUCHUM", "Abchasien", "Südossetien", "Straße"],
    "fr": ["Soukhoumi", "Soukhoum", "Tskhinvali", "Tskhinval", "d'Akhalgori", "d’Akhalgori",
           "de Leningor", "Leningor", "l'Abkhazie", "SOUKHOUM"],
    "ka": ["სოხუმი", "სოხუმში", "სოხუმის", "ცხინვალი", "ცხინვალში", "ახალგორი", "ახალგორიდან",
           "ლენინგორი", "ლენინგორიდან", "აფხაზეთი"],
    "ar": ["سوخومي", "سوخوم", "تسخينفالي", "تسخينفال", "أبخازيا", "أوسيتيا الجنوبية", "تبليسي",
           "الأمم المتحدة", "لافروف"],
}  # fmt: skip
WORDS = {
    "ru": ["в", "из", "к", "с", "о", "и", ",", ".", "переговоры", "прибыли", "«", "»",
           "Галина", "посетить", "он же", "сухумский", "называют", "так называемый", "а не"],
    "en": ["in", "from", "and", "or", ",", ".", '"', "talks", "Galina", "also spelled", "(",
           ")", "/", "-", "Atlanta", "called", "known as", "instead of", "'s", "the name"],
    "de": ["in", "aus", "und", "oder", ",", ".", "„", "“", "Gespräche", "des", "der", "nach",
           "genannt", "statt", "sogenannte"],
    "fr": ["à", "et", "ou", ",", ".", "«", "»", "les", "habitants", "de", "vers", "dit",
           "appelée", "à la place de"],
    "ka": ["და", "ან", ",", ".", "„", "“", "მოლაპარაკება", "ქალაქი", "ანუ", "ე.წ."],
    "ar": ["في", "من", "إلى", "و", "،", ".", "«", "»", "مدينة", "محادثات", "أو", "المعروفة باسم"],
}  # fmt: skip
# Marks a writer adds that matching ignores: stress marks (acute, grave, the Greek acute
# that canonically is an acute), a combining low line (underlining), Arabic fatha, damma,
# kasra, shadda, sukun and tatweel, a soft hyphen; and a Devanagari sign it does not ignore.
DRAWN_MARKS = "\u0301\u0300\u0341\u0332\u064e\u064f\u0650\u0651\u0652\u0640\u00ad\u093f"
POLICIES = ["russian-usage", "georgian-official", "as-written"]


@st.composite
def texts(draw: st.DrawFn) -> tuple[str, str]:
    """A text of names and words in one language, some of them with a mark inside."""
    lang = draw(st.sampled_from(sorted(NAMES)))
    parts = draw(st.lists(st.sampled_from(NAMES[lang]) | st.sampled_from(WORDS[lang]), max_size=14))
    for index, part in enumerate(parts):
        if draw(st.integers(0, 3)) == 0:  # one part in four carries a mark
            at = draw(st.integers(1, len(part)))
            parts[index] = part[:at] + draw(st.sampled_from(DRAWN_MARKS)) + part[at:]
    return lang, " ".join(parts)


@settings(max_examples=150, deadline=None)
@given(texts(), st.sampled_from(POLICIES))
@example(("ru", "Джава Сухума Сухуми"), "russian-usage")  # a fixed name once governed the next
@example(("ru", "Джава прибыли Сухуми"), "russian-usage")  # and once took a noun for its own
@example(("ru", "в Очамчи\u0301ре"), "georgian-official")  # only a stress mark differs
@example(("ar", "إلى سُوخُوم"), "georgian-official")
def test_fix_is_idempotent_and_local(sample: tuple[str, str], policy: str) -> None:
    lang, text = sample
    findings = check_text(text, lang=lang, policy=policy)
    once = fix_text(text, lang=lang, policy=policy)
    assert fix_text(once, lang=lang, policy=policy) == once
    # Outside the findings' spans, nothing changed.
    fixed_spans = sorted((f.start, f.end, f.suggestion or "") for f in findings if f.fixable)
    rebuilt, position = [], 0
    for start, end, suggestion in fixed_spans:
        rebuilt += [text[position:start], suggestion]
        position = end
    rebuilt.append(text[position:])
    assert "".join(rebuilt) == once
    # What fix could fix, it fixed.
    assert not [f for f in check_text(once, lang=lang, policy=policy) if f.fixable]


@settings(max_examples=150, deadline=None)
@given(texts())
def test_scan_spans_are_in_range_and_never_overlap(sample: tuple[str, str]) -> None:
    lang, text = sample
    mentions = scan_text(text, lang=lang)
    previous_end = 0
    for mention in mentions:
        assert 0 <= previous_end <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.surface
        previous_end = mention.end


@settings(max_examples=150, deadline=None)
@given(texts())
@example(("ru", "Цхинвали\u0301, он же Цхинва\u0301л"))
@example(("ar", "في سُوخُومِي وسوخـوم"))
def test_scanning_is_blind_to_the_marks_folding_drops(sample: tuple[str, str]) -> None:
    lang, text = sample
    plain = without_dropped(text)
    found, expected = scan_text(text, lang=lang), scan_text(plain, lang=lang)
    # From the language on, but where it stands (line and columns count the marks too).
    assert [m[4:-4] for m in found] == [m[4:-4] for m in expected]
    assert [(m.line, m.end_line) for m in found] == [(m.line, m.end_line) for m in expected]
    assert [without_dropped(m.surface) for m in found] == [m.surface for m in expected]


def _fold_each_cluster(text: str) -> tuple[str, list[int]]:
    """The plainest fold: every character with its combining marks, one at a time."""
    pieces: list[str] = []
    starts: list[int] = []
    _fold_clusters(text, 0, pieces, starts)
    return "".join(pieces), [*starts, len(text)]


UNICODE_TEXT = st.text(
    st.sampled_from(
        "aSß İﬁŉ\n\r’'ÉéΣσς\u0301\u0327\u0308\u1100\u1161\u11a8가ΐ\u00ad\u200b"
        "суго\u0300\u0344\u0958\u093c\u093f\u0640\u064e\u0651\u05b7\u0483\u20dd"
        "²‿\u200d\x1cⒶ"  # where stdlib re and Unicode disagree on \w and \s
    )
    | st.characters(codec="utf-8"),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(UNICODE_TEXT)
@example("Straße\nCafe\u0301 İstanbul")
@example("ß\u0301\nß\u0301 Суху\u0301ми \u0958\u093c")
def test_fold_maps_every_character_as_folding_one_at_a_time_would(text: str) -> None:
    folded = fold(text)
    expected, starts = _fold_each_cluster(text)
    assert folded.text == expected
    assert [folded.origin(i) for i in range(len(folded.text) + 1)] == starts


@settings(max_examples=400, deadline=None)
@given(UNICODE_TEXT)
@example("Straße İstanbul Dʼiakonov, ſukhum")
@example("km² a‿b Ⓐ\x1cx")
def test_tokens_take_any_route_to_the_tokens_of_the_folded_text(text: str) -> None:
    folded = fold(text)
    tokens = Tokens(text)
    expected = [
        (m.group(), folded.origin(m.start()), folded.origin(m.end()))
        for m in _TOKEN.finditer(folded.text)
    ]
    assert [(w, *tokens.span(i, i)) for i, w in enumerate(tokens.words)] == expected


def test_plain_text_splits_the_same_under_stdlib_re_and_regex() -> None:
    # The fast route splits plain text with stdlib re; every character it counts as
    # plain must be a word character, a space or neither to both engines alike.
    engines = [(re.compile(r"\w"), re.compile(r"\s")), (regex.compile(r"\w"), regex.compile(r"\s"))]
    plain = [chr(c) for c in range(0x10000) if is_plain(chr(c))]
    assert len(plain) > 2000  # Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Georgian …
    for char in plain:
        assert char not in DROPPED
        kinds = {(bool(w.match(char)), bool(s.match(char))) for w, s in engines}
        assert len(kinds) == 1, hex(ord(char))
    assert not is_plain("km²") and not is_plain("Суху\u0301ми") and is_plain("Сухуми, 5 мая")
