"""Properties of fix (idempotent, local, leaving no variant findings it could fix) and fold."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newslib import check_text, fix_text, scan_text
from newslib.terms.fold import _fold_clusters, fold
from newslib.terms.tokens import _TOKEN, Tokens

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
}  # fmt: skip
WORDS = {
    "ru": ["в", "из", "к", "с", "о", "и", ",", ".", "переговоры", "прибыли", "«", "»",
           "Галина", "посетить", "он же", "сухумский"],
    "en": ["in", "from", "and", "or", ",", ".", '"', "talks", "Galina", "also spelled", "(",
           ")", "/", "-", "Atlanta"],
    "de": ["in", "aus", "und", "oder", ",", ".", "„", "“", "Gespräche", "des", "der", "nach"],
    "fr": ["à", "et", "ou", ",", ".", "«", "»", "les", "habitants", "de", "vers", "dit"],
    "ka": ["და", "ან", ",", ".", "„", "“", "მოლაპარაკება", "ქალაქი", "ანუ"],
}  # fmt: skip
POLICIES = ["russian-usage", "georgian-official", "as-written"]


@st.composite
def texts(draw: st.DrawFn) -> tuple[str, str]:
    lang = draw(st.sampled_from(sorted(NAMES)))
    parts = draw(st.lists(st.sampled_from(NAMES[lang]) | st.sampled_from(WORDS[lang]), max_size=14))
    return lang, " ".join(parts)


@settings(max_examples=150, deadline=None)
@given(texts(), st.sampled_from(POLICIES))
@example(("ru", "Джава Сухума Сухуми"), "russian-usage")  # a fixed name once governed the next
@example(("ru", "Джава прибыли Сухуми"), "russian-usage")  # and once took a noun for its own
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


def _fold_each_cluster(text: str) -> tuple[str, list[int]]:
    """The plainest fold: every character with its combining marks, one at a time."""
    pieces: list[str] = []
    starts: list[int] = []
    _fold_clusters(text, 0, pieces, starts)
    return "".join(pieces), [*starts, len(text)]


UNICODE_TEXT = st.text(
    st.sampled_from("aSß İﬁŉ\n\r’'ÉéΣσς\u0301\u0327\u0308\u1100\u1161\u11a8가ΐ\u00ad\u200b")
    | st.characters(codec="utf-8"),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(UNICODE_TEXT)
@example("Straße\nCafe\u0301 İstanbul")
def test_fold_maps_every_character_as_folding_one_at_a_time_would(text: str) -> None:
    folded = fold(text)
    expected, starts = _fold_each_cluster(text)
    assert folded.text == expected
    assert [folded.origin(i) for i in range(len(folded.text) + 1)] == starts


@settings(max_examples=400, deadline=None)
@given(UNICODE_TEXT)
@example("Straße İstanbul Dʼiakonov, ſukhum")
def test_tokens_take_any_route_to_the_tokens_of_the_folded_text(text: str) -> None:
    folded = fold(text)
    tokens = Tokens(text)
    expected = [
        (m.group(), folded.origin(m.start()), folded.origin(m.end()))
        for m in _TOKEN.finditer(folded.text)
    ]
    assert [(w, *tokens.span(i, i)) for i, w in enumerate(tokens.words)] == expected
