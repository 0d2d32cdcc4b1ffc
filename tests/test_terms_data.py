"""Gazetteer and policy data: validation, caching, GeoNames import."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslib import load_gazetteer, load_policy, scan_text, shipped_gazetteer
from newslib.errors import GazetteerError, PolicyError, UnknownEntityError, UnknownPolicyError
from newslib.terms.cache import entry_dir

FIXTURES = Path(__file__).parent / "fixtures" / "geonames"
GE = FIXTURES / "GE.txt"
ALTERNATE = FIXTURES / "alternateNamesV2.txt"

TOPONYMS = [
    "sukhumi", "tskhinvali", "akhalgori", "java-dzau", "ochamchire", "gali", "kodori",
    "tkvarcheli", "pitsunda", "south-ossetia", "abkhazia", "georgia", "tbilisi",
]  # fmt: skip
PEOPLE = ["sergey-lavrov", "sergey-shamba", "akhsar-dzhioyev", "maria-zakharova", "kakha-kaladze"]


@pytest.mark.parametrize("entity_id", TOPONYMS + PEOPLE)
def test_shipped_gazetteer_covers_the_region_in_five_languages(entity_id: str) -> None:
    entity = shipped_gazetteer().entity(entity_id)
    assert {"en", "ru", "de", "fr", "ka"} <= set(entity.names)


def test_contested_names_carry_both_usages() -> None:
    for entity_id in ("sukhumi", "tskhinvali", "akhalgori", "ochamchire", "gali", "tkvarcheli"):
        usages = {
            tag for v in shipped_gazetteer().entity(entity_id).variants("ru") for tag in v.usage
        }
        assert {"georgian-official", "russian-usage"} <= usages, entity_id


def test_indeclinable_names_stay_indeclinable() -> None:
    ru = {v.text: v for v in shipped_gazetteer().entity("sukhumi").variants("ru")}
    assert ru["Сухуми"].indeclinable
    assert ru["Сухум"].forms == {
        "nom": "Сухум", "gen": "Сухума", "dat": "Сухуму",
        "acc": "Сухум", "ins": "Сухумом", "loc": "Сухуме",
    }  # fmt: skip


def test_unknown_entity_is_a_key_error_with_a_hint() -> None:
    with pytest.raises(UnknownEntityError) as caught:
        shipped_gazetteer().entity("atlantis")
    assert isinstance(caught.value, KeyError)
    assert "terms show" in str(caught.value)


GAZETTEER = """\
entities:
  - id: sukhumi
    kind: place
    names:
      en:
        - {text: Sukhumi, usage: [georgian-official]}
        - {text: Sukhum, usage: [russian-usage]}
"""


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("kind: place", "kind: town", "unknown kind 'town'"),
        ("usage: [russian-usage]}", "usage: [russian-usage], declension: ru-x}",
         "unknown declension 'ru-x'"),
        ("usage: [russian-usage]}", "usage: []}", "needs a usage tag"),
        ("text: Sukhum,", "txt: Sukhum,", "unknown key 'txt'"),
        ("id: sukhumi", "id: Sukhumi", "invalid value 'Sukhumi'"),
    ],
)  # fmt: skip
def test_gazetteer_errors(tmp_path: Path, old: str, new: str, problem: str) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(GAZETTEER.replace(old, new), encoding="utf-8")
    with pytest.raises(GazetteerError) as caught:
        load_gazetteer(path)
    assert problem in caught.value.problem
    assert caught.value.path == str(path)
    assert caught.value.line is not None


def test_a_custom_gazetteer_is_used_and_cached(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(GAZETTEER, encoding="utf-8")
    first = load_gazetteer(path)
    assert [m.entity for m in scan_text("Sukhum", lang="en", gazetteer=first)] == ["sukhumi"]
    assert (entry_dir(first.content_hash) / "gazetteer" / "entities.jsonl").is_file()
    assert list(entry_dir(first.content_hash).glob("matcher-*/automaton.bin"))
    again = load_gazetteer(path)
    assert not isinstance(again.entities, dict)  # decoded lazily from the cache
    assert again.entity("sukhumi") == first.entity("sukhumi")
    assert again.contested == first.contested


@pytest.mark.parametrize(
    ("entry", "damage"),
    [
        ("matcher-*/vocabulary.txt", "truncate"),
        ("matcher-*/automaton.bin", "truncate"),
        ("matcher-*/meta.json", "garble"),
        ("gazetteer/entities.jsonl", "truncate"),
        ("gazetteer/meta.json", "garble"),
        ("gazetteer/offsets.bin", "truncate"),
    ],
)
def test_a_damaged_cache_entry_is_rebuilt_not_trusted(
    tmp_path: Path, entry: str, damage: str
) -> None:
    """A truncated vocabulary once gave '0 findings' without a word; now it is rebuilt."""
    from newslib.terms import cache, matcher

    path = tmp_path / "g.yaml"
    path.write_text(GAZETTEER, encoding="utf-8")
    text = "Talks in Sukhum and Sukhumi."
    expected = [m.entity for m in scan_text(text, lang="en", gazetteer=load_gazetteer(path))]
    assert expected == ["sukhumi", "sukhumi"]
    [victim] = entry_dir(load_gazetteer(path).content_hash).glob(entry)
    data = victim.read_bytes()
    victim.write_bytes(data[: len(data) // 2] if damage == "truncate" else b"{not json")
    matcher._MEMORY.clear()  # a new process: only the disk cache is left
    again = load_gazetteer(path)
    assert [m.entity for m in scan_text(text, lang="en", gazetteer=again)] == expected
    assert again.entity("sukhumi").names == load_gazetteer(path).entity("sukhumi").names
    assert cache._intact(victim.parent) and len(victim.read_bytes()) == len(data)  # anew


class TestPolicies:
    def test_inheritance(self) -> None:
        policy = load_policy("georgian-official")
        assert policy.preferred("tskhinvali", "ru") == (
            "georgian-official",
            "international",
            "common",
        )
        assert policy.preferred("south-ossetia", "en") == ()
        assert "historic" in policy.allow  # inherited from as-written

    def test_newsroom_policy_from_a_file(self, tmp_path: Path) -> None:
        path = tmp_path / "desk.yaml"
        path.write_text(
            "name: desk\ninherits: georgian-official\n"
            "prefer: {ru: [russian-usage]}\n"
            "entities: {south-ossetia: {prefer: [georgian-official]}}\n"
            "severity: {variant: warning}\n",
            encoding="utf-8",
        )
        policy = load_policy(path)
        assert policy.preferred("sukhumi", "ru") == ("russian-usage",)
        assert policy.preferred("sukhumi", "en")[0] == "georgian-official"
        assert policy.preferred("south-ossetia", "en") == ("georgian-official",)
        assert str(policy.severity_of("variant")) == "warning"

    def test_unknown_policy(self) -> None:
        with pytest.raises(UnknownPolicyError, match="as-written"):
            load_policy("kremlin-style")

    @pytest.mark.parametrize(
        ("text", "problem"),
        [
            ("name: x\ninherits: nothing-like-this\n", "p.yaml:2:11: no policy"),
            ("name: x\ninherits: missing.yaml\n", "p.yaml:2:11: no policy 'missing.yaml'"),
            ("name: x\nquotations: sometimes\n", "invalid value 'sometimes'"),
            ("name: x\nseverity: {typo: error}\n", "unknown rule 'typo'"),
            ("name: x\nprefered: {}\n", "did you mean 'prefer'"),
        ],
    )
    def test_policy_errors(self, tmp_path: Path, text: str, problem: str) -> None:
        path = tmp_path / "p.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises((PolicyError, UnknownPolicyError)) as caught:
            load_policy(path)
        assert problem in str(caught.value)

    def test_a_policy_inherits_a_file_beside_it(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        (tmp_path / "desks").mkdir()
        (tmp_path / "desks" / "base.yaml").write_text("name: base\nallow: [tass]\n", "utf-8")
        (tmp_path / "desks" / "ru.yaml").write_text("name: ru\ninherits: base.yaml\n", "utf-8")
        monkeypatch.chdir(tmp_path)  # not the policies' folder
        assert load_policy("desks/ru.yaml").allow == frozenset({"tass"})

    def test_inheritance_loop(self, tmp_path: Path) -> None:
        (tmp_path / "a.yaml").write_text(f"name: a\ninherits: {tmp_path / 'b.yaml'}\n", "utf-8")
        (tmp_path / "b.yaml").write_text(f"name: b\ninherits: {tmp_path / 'a.yaml'}\n", "utf-8")
        with pytest.raises(PolicyError, match="loop"):
            load_policy(tmp_path / "a.yaml")


class TestGeoNames:
    def test_table_and_alternate_names_merge_with_curated_data(self) -> None:
        grown = load_gazetteer(
            geonames=FIXTURES / "GE.txt", alternate_names=FIXTURES / "alternateNamesV2.txt"
        )
        batumi = grown.entity("geonames-615532")
        assert batumi.geonames == 615532
        assert {v.text for v in batumi.variants("ru")} == {"Батуми"}
        assert "preferred" in batumi.variants("ru")[0].usage
        [batum] = batumi.variants("en")
        assert {"historic", "geonames"} <= batum.usage
        assert batum.source == "GeoNames (1878–1936)"
        # Curated Sukhumi keeps its own names and gains only the Abkhaz one.
        sukhumi = grown.entity("sukhumi")
        assert sukhumi.names["fr"] == shipped_gazetteer().entity("sukhumi").names["fr"]
        assert [v.text for v in sukhumi.variants("ab")] == ["Аҟәа"]
        assert "geonames-999999" not in grown.entities  # alternate name of an unknown place

    def test_grown_gazetteer_scans_and_caches(self) -> None:
        grown = load_gazetteer(
            geonames=FIXTURES / "GE.txt", alternate_names=FIXTURES / "alternateNamesV2.txt"
        )
        found = scan_text("Из Батуми и Кутаиси в Сухум", lang="ru", gazetteer=grown)
        assert [m.entity for m in found] == ["geonames-615532", "geonames-613607", "sukhumi"]
        again = load_gazetteer(
            geonames=FIXTURES / "GE.txt", alternate_names=FIXTURES / "alternateNamesV2.txt"
        )
        assert again.content_hash == grown.content_hash
        assert not isinstance(again.entities, dict)

    def test_language_filter(self) -> None:
        grown = load_gazetteer(
            geonames=FIXTURES / "GE.txt",
            alternate_names=FIXTURES / "alternateNamesV2.txt",
            languages=frozenset({"fr"}),
        )
        assert set(grown.entity("geonames-613607").names) == {"und", "fr"}

    def test_malformed_row_names_file_and_line(self, tmp_path: Path) -> None:
        bad = tmp_path / "cities.txt"
        lines = (FIXTURES / "GE.txt").read_text(encoding="utf-8").splitlines()
        bad.write_text(lines[0] + "\n" + "615532\tBatumi\n", encoding="utf-8")
        with pytest.raises(GazetteerError) as caught:
            load_gazetteer(geonames=bad)
        assert (caught.value.path, caught.value.line) == (str(bad), 2)
        assert "19 tab-separated columns" in caught.value.problem
