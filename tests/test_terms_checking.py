"""Checking and fixing: policies, rules, word forms, case, and the seed's own findings."""

from __future__ import annotations

import pytest

from newslib import Severity, check_file, check_text, fix_text, load_policy

from .support.paths import SEED, SEED_REVISIONS

REVISION_1 = SEED_REVISIONS / "0001.yaml"


def suggestions(text: str, lang: str, policy: str) -> list[tuple[str, str | None]]:
    return [(f.surface, f.suggestion) for f in check_text(text, lang=lang, policy=policy)]


class TestSeed:
    @pytest.mark.parametrize("path", [SEED, REVISION_1])
    def test_russian_usage_flags_only_the_last_tskhinvali(self, path: object) -> None:
        findings = check_file(str(path), policy="russian-usage")
        places = [f for f in findings if f.rule == "variant"]
        assert [(f.surface, f.suggestion) for f in places] == [("Tskhinvali", "Tskhinval")]

    @pytest.mark.parametrize("path", [SEED, REVISION_1])
    def test_georgian_official_flags_sukhum_and_tskhinval_twice(self, path: object) -> None:
        findings = check_file(str(path), policy="georgian-official")
        places = [(f.surface, f.suggestion) for f in findings if f.rule == "variant"]
        assert places == [("Sukhum", "Sukhumi"), ("Tskhinval", "Tskhinvali")] * 2

    def test_as_written_reports_the_inconsistency(self) -> None:
        findings = check_file(str(SEED), policy="as-written")
        assert [(f.rule, f.entity, f.surface) for f in findings] == [
            ("inconsistent", "tskhinvali", "Tskhinvali")
        ]
        assert findings[0].severity is Severity.WARNING

    def test_findings_point_at_the_file(self) -> None:
        source = REVISION_1.read_text(encoding="utf-8")
        for finding in check_file(str(REVISION_1), policy="georgian-official"):
            assert source[finding.start : finding.end] == finding.surface
            line = source.splitlines()[finding.line - 1]
            assert line[finding.column - 1 :].startswith(finding.surface)


# Each Russian case, both directions: (russian-usage text, georgian-official text).
RUSSIAN_CASES = [
    ("nom", "Сухум остаётся закрытым.", "Сухуми остаётся закрытым."),
    ("gen", "Делегация прибыла из Сухума.", "Делегация прибыла из Сухуми."),
    ("dat", "Колонна подошла к Сухуму.", "Колонна подошла к Сухуми."),
    ("acc", "Делегация приехала в Сухум.", "Делегация приехала в Сухуми."),
    ("ins", "Связь с Сухумом прервана.", "Связь с Сухуми прервана."),
    ("loc", "Переговоры прошли в Сухуме.", "Переговоры прошли в Сухуми."),
]


@pytest.mark.parametrize(("case", "russian", "georgian"), RUSSIAN_CASES)
def test_declinable_to_indeclinable_always_works(case: str, russian: str, georgian: str) -> None:
    assert fix_text(russian, lang="ru", policy="georgian-official") == georgian


@pytest.mark.parametrize(("case", "russian", "georgian"), RUSSIAN_CASES)
def test_indeclinable_to_declinable_infers_the_case(case: str, russian: str, georgian: str) -> None:
    [finding] = check_text(georgian, lang="ru", policy="russian-usage")
    assert finding.case == case
    assert finding.confidence is not None and finding.confidence >= 0.8
    assert fix_text(georgian, lang="ru", policy="russian-usage") == russian


def test_an_undeterminable_case_is_left_for_a_human() -> None:
    text = "Вчера Дзау посетила делегация."  # object first, verb after: no rule tells
    [finding] = check_text(text, lang="ru", policy="georgian-official")
    assert (finding.case, finding.fixable, finding.guessed) == (None, False, True)
    assert "needs a human" in finding.message
    assert fix_text(text, lang="ru", policy="georgian-official") == text
    assert fix_text(text, lang="ru", policy="georgian-official", best_guess=True) == (
        "Вчера Джава посетила делегация."
    )


def test_coordination_takes_the_case_of_the_first_name() -> None:
    fixed = fix_text("Переговоры прошли в Сухуми и Цхинвали.", lang="ru", policy="russian-usage")
    assert fixed == "Переговоры прошли в Сухуме и Цхинвале."


def test_ambiguous_surface_is_left_for_a_human() -> None:
    [finding] = check_text("Очамчире.", lang="ru", policy="russian-usage")
    assert not finding.fixable
    assert fix_text("Очамчире.", lang="ru", policy="russian-usage") == "Очамчире."
    assert check_text("в Очамчире", lang="ru", policy="georgian-official") == []


@pytest.mark.parametrize(
    ("text", "lang", "policy", "fixed"),
    [
        ("SUKHUMI, May 5.", "en", "russian-usage", "SUKHUM, May 5."),
        ("the Sukhumi-based fleet", "en", "russian-usage", "the Sukhum-based fleet"),
        ("Sukhumi’s port", "en", "russian-usage", "Sukhum’s port"),
        ("Moscow/Tbilisi/Sukhumi", "en", "russian-usage", "Moscow/Tbilisi/Sukhum"),
        ("ЦХИНВАЛИ, 5 мая.", "ru", "georgian-official", "ЦХИНВАЛИ, 5 мая."),
        ("из ЦХИНВАЛА", "ru", "georgian-official", "из ЦХИНВАЛИ"),
        ("Die Lage in Suchumis Hafen", "de", "russian-usage", "Die Lage in Suchums Hafen"),
        ("Akhalgori and Leningor", "en", "georgian-official", "Akhalgori and Akhalgori"),
    ],
)
def test_fix_preserves_case_form_and_surroundings(
    text: str, lang: str, policy: str, fixed: str
) -> None:
    assert fix_text(text, lang=lang, policy=policy) == fixed


def test_quotations_are_reported_not_fixed() -> None:
    text = 'Lavrov said: "Sukhum will decide." Later, in Sukhum, talks began.'
    findings = check_text(text, lang="en", policy="georgian-official")
    assert [(f.severity, f.fixable) for f in findings] == [
        (Severity.INFO, False),
        (Severity.ERROR, True),
    ]
    assert fix_text(text, lang="en", policy="georgian-official") == (
        'Lavrov said: "Sukhum will decide." Later, in Sukhumi, talks began.'
    )


def test_names_about_names_are_left_alone() -> None:
    text = "Tskhinvali, also spelled Tskhinval, lies on the Liakhvi."
    assert check_text(text, lang="en", policy="russian-usage") == []
    assert check_text(text, lang="en", policy="as-written") == []


def test_region_names_stay_under_the_shipped_policies() -> None:
    for policy in ("georgian-official", "russian-usage"):
        assert check_text("South Ossetia and Abkhazia", lang="en", policy=policy) == []


def test_historic_names_are_allowed() -> None:
    assert check_text("Staliniri, as Tskhinvali was called", lang="en", policy="russian-usage")


def test_people_are_checked_for_consistency_only() -> None:
    text = "Sergey Lavrov met reporters. Sergei Lavrov then left. Lavrov smiled."
    findings = check_text(text, lang="en", policy="georgian-official")
    assert [(f.rule, f.surface) for f in findings] == [("inconsistent", "Sergei Lavrov")]
    assert findings[0].suggestion == "Sergey Lavrov"


@pytest.mark.parametrize(
    ("policy", "suggestion"),
    [
        ("russian-usage", "Tskhinval"),
        ("georgian-official", "Tskhinvali"),
        ("as-written", "Tskhinvali"),
    ],
)
def test_unknown_spelling_is_suggested_in_the_policy_form_never_fixed(
    policy: str, suggestion: str
) -> None:
    text = "Talks in Tskhinvalli continued."
    [finding] = check_text(text, lang="en", policy=policy)
    assert (finding.rule, finding.suggestion, finding.severity) == (
        "unknown-spelling",
        suggestion,
        Severity.INFO,
    )
    assert (finding.entity, finding.lang, finding.variant) == ("tskhinvali", "en", "Tskhinvali")
    assert fix_text(text, lang="en", policy=policy) == text


def test_mixed_script_misspelling_is_caught() -> None:
    latin_a = "Переговоры в Цхинвалe"  # the last letter is Latin 'e'
    [finding] = check_text(latin_a, lang="ru", policy="russian-usage")
    assert finding.rule == "unknown-spelling"
    assert finding.suggestion == "Цхинвале"


@pytest.mark.parametrize("lang", ["en", "ru", "de", "fr", "ka"])
def test_every_one_letter_slip_of_a_long_name_finds_its_entity(lang: str) -> None:
    from newslib.terms.loader import load_gazetteer
    from newslib.terms.spelling import SpellingIndex

    index = SpellingIndex.build(load_gazetteer(), lang)
    forms = {(form.casefold(), entity) for entity, _, form, _ in index.entries}
    assert forms
    for form, entity in forms:
        if len(form) < 6:
            continue
        letters = [*sorted(set(form)), "x", "ё"]
        slips = {form[:i] + form[i + 1 :] for i in range(len(form))}
        slips |= {form[:i] + form[i + 1] + form[i] + form[i + 2 :] for i in range(len(form) - 1)}
        slips |= {form[:i] + c + form[i + 1 :] for i in range(len(form)) for c in letters}
        slips |= {form[:i] + c + form[i:] for i in range(len(form) + 1) for c in letters}
        for slip in slips - index.known:
            near = index.lookup(slip)
            # Another entity's name may be as close (then there is no guess), never closer.
            assert near is None or near.entity == entity or near.distance == 0, (form, slip)
            if near is None:
                assert len({e for e, _, f, _ in index.entries if len(f) >= 5}) > 1


@pytest.mark.parametrize("text", ["Lavrov и Лавров.", "Sukhumi и Сухум.", "Сухум и Sukhumi."])
def test_names_in_another_language_are_not_inconsistent_spellings(text: str) -> None:
    assert check_text(text, lang="ru", policy=load_policy("as-written")) == []


def test_inconsistent_spellings_in_one_language_beside_another() -> None:
    findings = check_text(
        "Tskhinvali, Цхинвал и Цхинвали.", lang="ru", policy=load_policy("as-written")
    )
    # The Russian spellings disagree; on a tie the first one sets the standard.
    assert [(f.rule, f.surface, f.suggestion) for f in findings] == [
        ("inconsistent", "Цхинвали", "Цхинвал")
    ]


def test_fix_never_rewrites_an_address() -> None:
    text = "Write to press@tskhinval.org or see https://tskhinval.example/ — Tskhinval says."
    fixed = fix_text(text, lang="en", policy="georgian-official")
    assert fixed == text.replace("— Tskhinval says", "— Tskhinvali says")


def test_apply_fixes_joins_every_fix_and_keeps_the_later_of_two_overlapping() -> None:
    from newslib.terms.checker import Finding, apply_fixes

    def fix(start: int, end: int, suggestion: str, *, fixable: bool = True) -> Finding:
        return Finding(None, start, end, 1, start + 1, "", "e", "", suggestion, "variant",
                       Severity.ERROR, "", fixable=fixable)  # fmt: skip

    text = "aa bb cc dd"
    findings = [fix(0, 2, "A"), fix(3, 8, "X"), fix(6, 8, "C"), fix(9, 11, "D", fixable=False)]
    assert apply_fixes(text, findings) == "A bb C dd"


def test_lines_and_columns_of_findings_far_into_a_text() -> None:
    text = "First line.\n\nThird: Sukhum.\n" * 3
    findings = check_text(text, lang="en", policy="georgian-official")
    assert [(f.line, f.column) for f in findings] == [(3, 8), (6, 8), (9, 8)]
