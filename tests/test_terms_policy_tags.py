"""Usage tags in a policy must be known: a misspelt one is an error where it is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslib import fix_text, load_gazetteer, load_policy, shipped_gazetteer
from newslib.errors import PolicyError
from newslib.terms import geonames
from newslib.terms.gazetteer import GEONAMES_TAGS
from newslib.terms.policy import SHIPPED_POLICIES, known_usage_tags


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "where", "hint"),
    [
        ("name: desk\nprefer: {ru: [russian-usgae]}\n", "2:15", "did you mean 'russian-usage'?"),
        (
            'name: desk\ninherits: georgian-official\nprefer:\n  "*": [georgian-oficial, common]\n',
            "4:9",
            "did you mean 'georgian-official'?",
        ),
        (
            "name: desk\nentities:\n  sukhumi: {prefer: [common, russain-usage]}\n",
            "3:30",
            "did you mean 'russian-usage'?",
        ),
        ("name: desk\nallow: [local, historc]\n", "2:16", "did you mean 'historic'?"),
        ("name: desk\nprefer: [kremlin-style]\n", "2:10", "known: ap, arab-usage, argentine-usage"),
    ],
)
def test_an_unknown_usage_tag_is_an_error_at_its_place(
    tmp_path: Path, text: str, where: str, hint: str
) -> None:
    path = write(tmp_path, "desk.yaml", text)
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{where}: unknown usage tag ")
    assert hint in message
    assert "'usage_tags'" in message  # how to name a tag of one's own gazetteer


def test_the_error_carries_its_position(tmp_path: Path) -> None:
    path = write(tmp_path, "desk.yaml", "name: desk\nprefer:\n  ru: [russian-usgae]\n")
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    error = caught.value
    assert (error.path, error.line, error.column) == (str(path), 3, 8)
    assert isinstance(error, ValueError)


def test_geonames_tags_are_known(tmp_path: Path) -> None:
    path = write(tmp_path, "g.yaml", 'name: g\nprefer: {"*": [preferred, short, geonames]}\n')
    assert load_policy(path).preferred("x", "en") == ("preferred", "short", "geonames")


def test_the_known_tags_are_the_shipped_gazetteers_and_geonames() -> None:
    assert known_usage_tags() == shipped_gazetteer().usage_tags() | GEONAMES_TAGS
    assert frozenset({"geonames", *geonames._FLAGS}) == GEONAMES_TAGS
    for name in SHIPPED_POLICIES:  # the shipped policies name only known tags
        load_policy(name)


def test_declared_tags_are_known_and_inherited(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", "name: base\nusage_tags: [ap-style, desk-house]\n")
    child = write(
        tmp_path,
        "child.yaml",
        "name: child\ninherits: base.yaml\nprefer: {en: [ap-style, georgian-official]}\n",
    )
    policy = load_policy(child)
    assert policy.usage_tags == frozenset({"ap-style", "desk-house"})
    assert policy.preferred("sukhumi", "en") == ("ap-style", "georgian-official")
    stranger = write(tmp_path, "stranger.yaml", "name: s\nprefer: {en: [ap-style]}\n")
    with pytest.raises(PolicyError, match=r"stranger\.yaml:2:15: unknown usage tag 'ap-style'"):
        load_policy(stranger)


KYIV = """\
entities:
  - id: kyiv
    kind: place
    names:
      en:
        - {text: Kyiv, usage: [ukrainian]}
        - {text: Kiev, usage: [russian-derived]}
"""


def test_a_policy_for_a_gazetteer_of_ones_own(tmp_path: Path) -> None:
    gazetteer = load_gazetteer(write(tmp_path, "kyiv.yaml", KYIV))
    undeclared = write(tmp_path, "bare.yaml", "name: ua\nprefer: [ukrainian]\n")
    with pytest.raises(PolicyError, match="unknown usage tag 'ukrainian'"):
        load_policy(undeclared)
    declared = write(
        tmp_path,
        "ua.yaml",
        "name: ua\nusage_tags: [ukrainian, russian-derived]\nprefer: [ukrainian]\n",
    )
    text = "Kiev, often known as Kyiv, is Ukraine's capital. Talks in Kiev resumed."
    assert fix_text(text, lang="en", policy=declared, gazetteer=gazetteer) == (
        "Kiev, often known as Kyiv, is Ukraine's capital. Talks in Kyiv resumed."
    )
