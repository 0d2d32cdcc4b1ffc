"""Expand and score the Russian case-inference sentence set (benchmarks/data/).

Used by ``benchmarks/bench_morphology.py`` and by ``tests/test_morphology.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

import newslib
from newslib.terms import shipped_gazetteer

DATA = Path(__file__).parent / "data" / "ru_case_sentences.yaml"


@dataclass(frozen=True)
class Case:
    """One fix to try: a text, the policy, and the text expected after the fix."""

    entity: str
    case: str
    policy: str
    text: str
    expected: str


@dataclass(frozen=True)
class Score:
    correct: int
    left: list[Case]
    wrong: list[tuple[Case, str]]
    total: int

    @property
    def left_for_a_human(self) -> int:
        return len(self.left)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total


def _form(entity: str, variant_text: str, case: str) -> str:
    for variant in shipped_gazetteer().entity(entity).variants("ru"):
        if variant.text == variant_text:
            return variant.forms.get(case, variant.text)
    raise KeyError(f"{entity} has no Russian variant {variant_text!r}")


def cases() -> list[Case]:
    """Every sentence of the set, in both directions."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    found: list[Case] = []
    for pair in data["pairs"]:
        for template in data["templates"]:
            texts = {}
            for usage in ("georgian", "russian"):
                form = _form(pair["entity"], pair[usage], template["case"])
                text = template["text"].replace("{X!upper}", form.upper()).replace("{X}", form)
                texts[usage] = text + pair.get("context", "")
            quoted = template.get("quoted", False)
            found.append(
                Case(pair["entity"], template["case"], "russian-usage", texts["georgian"],
                     texts["georgian"] if quoted else texts["russian"])
            )  # fmt: skip
            found.append(
                Case(pair["entity"], template["case"], "georgian-official", texts["russian"],
                     texts["russian"] if quoted else texts["georgian"])
            )  # fmt: skip
    return found


def score(best_guess: bool = False) -> Score:
    """Fix every case; count the correct, the ones left for a human, and the wrong."""
    correct = 0
    left: list[Case] = []
    wrong: list[tuple[Case, str]] = []
    all_cases = cases()
    for case in all_cases:
        fixed = newslib.fix_text(case.text, lang="ru", policy=case.policy, best_guess=best_guess)
        if fixed == case.expected:
            correct += 1
        elif fixed == case.text:
            left.append(case)
        else:
            wrong.append((case, fixed))
    return Score(correct, left, wrong, len(all_cases))
