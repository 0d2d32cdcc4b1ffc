"""The matcher compiled at world scale: batch folding equals folding one by one, and a
gazetteer read from the cache compiles to the same tables as the one just built."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newslib.terms import cache, matcher
from newslib.terms.loader import gazetteer_from_yaml
from newslib.terms.matcher import CompiledNames
from newslib.terms.tokens import name_keys, name_tokens

# Letters of several scripts, marks folding drops or keeps, apostrophes, spaces of
# several kinds, separators only stdlib re takes for whitespace, and line breaks.
PIECES = st.sampled_from(
    ["Sukhum", "Суху", "ми", "ცხინვ", "İ", "ß", "ﬁ", "’", "'", " ", "  ", "\u2003", "-", ".",
     "\u0301", "\u00ad", "\u064e", "\u0640", "\u093f", "ि", "e\u0301", "\x1c", "\n", "7", "_"]
)  # fmt: skip


@given(st.lists(st.lists(PIECES, max_size=6).map("".join), max_size=8))
@settings(max_examples=300, deadline=None)
@example(["", "-", ""])
@example(["Суху\u0301ми", "a", "b\u0301"])
def test_name_keys_fold_a_batch_as_each_name_alone(names: list[str]) -> None:
    assert name_keys(names) == [" ".join(name_tokens(name)) for name in names]


def _tables(names: CompiledNames) -> tuple[object, ...]:
    patterns = [(code, p) for code, p in names.automaton.items() if p < len(names.lengths)]
    return (
        {code: names.candidates(p) for code, p in patterns},
        {code: (names.lengths[p], names.proper[p]) for code, p in patterns},
        names.vocabulary,
        list(names.numbers),
        names.langs,
        names.entity_ids,
    )


@pytest.mark.parametrize("odd_name", ["Tab\there", "Line\nbreak", "Back\\slash"])
def test_a_cached_gazetteer_compiles_to_the_tables_just_built(
    odd_name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSLIB_CACHE", str(tmp_path))
    entities = [
        {"id": "sukhumi", "kind": "place", "names": {
            "en": [{"text": "Sukhumi", "usage": ["a"]}, {"text": "Sukhum", "usage": ["b"]}],
            "ru": [{"text": "Сухум", "usage": ["b"], "declension": "ru-m-hard"}],
            "und": [{"text": odd_name, "usage": ["geonames"]},
                    {"text": "Of", "usage": ["geonames"]}],
        }},
        {"id": "gagra", "kind": "place", "names": {
            "ru": [{"text": "Гагра", "usage": ["a"], "declension": "ru-f-a"}],
            "en": [{"text": "Sukhum", "usage": ["x"]}, {"text": "the", "usage": ["geonames"]}],
        }},
    ]  # fmt: skip
    text = json.dumps({"entities": entities})
    built = gazetteer_from_yaml(text)
    assert not isinstance(built.entities, cache._LazyEntities)
    fresh = CompiledNames.build(built)
    matcher._MEMORY.clear()
    cached = gazetteer_from_yaml(text)
    assert isinstance(cached.entities, cache._LazyEntities)
    assert _tables(CompiledNames.build(cached)) == _tables(fresh)
    # Compiled from the form table, no entity decoded; a form with a line break has no
    # table, and the entities are read instead.
    assert bool(cached.entities._memo) == ("\n" in odd_name)
    # "Of" is a GeoNames name written capitalised and a function word: never compiled.
    found = [(m.start, m.candidates) for m in fresh.find("Sukhum, Гагры, the Of Сухуме")]
    assert found == [
        (0, (("sukhumi", "en", 1), ("gagra", "en", 0))),
        (8, (("gagra", "ru", 0),)),
        (15, (("gagra", "en", 1),)),
        (22, (("sukhumi", "ru", 0),)),
    ]
