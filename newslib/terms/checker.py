"""Terminology rules as plain functions from mentions to findings, and fixes.

Rules:

``variant``
    The policy prefers another variant of this name: the suggestion is that variant in the
    same word form (case) and letter case as the surface.
``inconsistent``
    Where the policy has no preference, one document mixes variants of one entity that
    share no usage (Tskhinval … Tskhinvali).
``unknown-spelling``
    A capitalised word that looks like a known name — another transliteration (Ochamchir,
    Sokoumi) or one letter away (Tskhinvail) — with the policy's variant as the
    suggestion, never fixed (see :mod:`newslib.terms.spelling`).
``derived``
    An adjective or demonym of a name the policy chooses a variant for (цхинвальский):
    reported as derived, at info level, and never changed — it names neither usage.

A suggestion is the policy's variant as the gazetteer spells it, in the surface's letter
case. Marks the writer added, which matching ignores (a stress mark: Суху́ми, Arabic
harakat, a tatweel), are not carried over: a fix replaces the whole marked word, and the
new word has other letters for a mark to sit on. A surface that differs from the
suggestion only by such marks is no finding.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from newslib.article.model import primary_language
from newslib.terms.fold import fold_name, without_dropped
from newslib.terms.gazetteer import Gazetteer, Variant
from newslib.terms.lines import LineIndex
from newslib.terms.morphology import CaseGuess, elide, infer_case, infers_case, sentence_start
from newslib.terms.policy import Policy, Rule, Severity, Treatment
from newslib.terms.scanner import Mention, scan
from newslib.terms.spelling import near_misses
from newslib.terms.titles import name_it_is_part_of
from newslib.terms.tokens import Tokens

__all__ = ["Finding", "apply_fixes", "check", "match_case"]

# A suggestion is applied by ``fix`` only when at least this sure of the word form.
CONFIDENT = 0.8

_COORDINATION = re.compile(r"^\s*(?:,|и|или|либо|а также|,\s*а также|and|or|und|oder|et|ou)\s*$")


@dataclass(frozen=True, slots=True)
class Finding:
    """A terminology finding. Offsets follow DESIGN.md; line and column are 1-based, and
    columns count code points (``str`` indices), as offsets do.

    *lang* is the language the name was read in (the text's, or another language's for a
    foreign name); *line_text* is the line the finding starts on, without its line ending
    (for tools that count columns in other units: UTF-8 bytes, UTF-16 code units).
    """

    path: str | None
    start: int
    end: int
    line: int
    column: int
    surface: str
    entity: str
    variant: str
    suggestion: str | None
    rule: Rule
    severity: Severity
    message: str
    case: str | None = None
    confidence: float | None = None
    fixable: bool = False
    guessed: bool = False  # the word form is a guess: applied only when asked (--best-guess)
    lang: str | None = None
    line_text: str = field(default="", repr=False)

    @property
    def end_line(self) -> int:
        """The line the finding ends on."""
        return self.line + self.surface.count("\n")

    @property
    def end_column(self) -> int:
        """The column just after the finding's last character (the end is exclusive)."""
        last_newline = self.surface.rfind("\n")
        if last_newline < 0:
            return self.column + len(self.surface)
        return len(self.surface) - last_newline

    def applies(self, *, best_guess: bool = False) -> bool:
        """True when ``fix`` applies this finding (with *best_guess*, guesses too)."""
        if self.suggestion is None or self.rule == Rule.UNKNOWN_SPELLING:
            return False
        return self.fixable or (best_guess and self.guessed)

    def to_json(self) -> dict[str, Any]:
        """The finding as JSON-ready data (without *line_text*: the file has it)."""
        data: dict[str, Any] = {}
        for key, value in asdict(self).items():
            if key != "line_text":
                data[key] = value
            if key == "column":
                data["end_line"], data["end_column"] = self.end_line, self.end_column
        data["rule"] = str(self.rule)
        data["severity"] = str(self.severity)
        return data


def check(
    text: str,
    *,
    lang: str,
    policy: Policy,
    gazetteer: Gazetteer,
    quoted: Sequence[tuple[int, int]] | None = None,
    mentions: Sequence[Mention] | None = None,
) -> list[Finding]:
    """Every finding in *text* under *policy*, in text order."""
    tokens = Tokens(text)
    if mentions is None:
        mentions = scan(text, lang=lang, gazetteer=gazetteer, quoted=quoted, tokens=tokens)
    findings = [
        *variant_rule(text, mentions, policy, gazetteer, lang),
        *inconsistent_rule(text, mentions, policy, gazetteer, lang),
        *unknown_spelling_rule(text, mentions, policy, gazetteer, lang, tokens=tokens),
        *derived_rule(text, mentions, policy, gazetteer, lang),
    ]
    return sorted(findings, key=lambda f: (f.start, f.rule))


# ---------------------------------------------------------------------- rules


def variant_rule(
    text: str, mentions: Sequence[Mention], policy: Policy, gazetteer: Gazetteer, lang: str
) -> Iterator[Finding]:
    """Names whose variant is not the one the policy prefers."""
    tag_of, target_of = _preferred_tags(policy, gazetteer), _targets(gazetteer)
    lines = LineIndex(text)
    for index, mention in enumerate(mentions):
        tag = None if mention.derived else tag_of(mention)
        if tag is None or (tag in mention.variant.usage and not mention.ambiguous):
            continue
        treatment = _treatment(mention, policy)
        if treatment is Treatment.IGNORE or not policy.allow.isdisjoint(mention.variant.usage):
            continue
        readings = (mention.variant, *mention.alternatives)
        target = target_of(mention, tag)
        choice = _choose_form(text, mentions, index, readings, target, lang)
        suggestion = match_case(mention.surface, choice.form)
        if suggestion == mention.surface or (
            not mention.surface.isascii() and suggestion == without_dropped(mention.surface)
        ):
            continue
        message = f"{policy.name} writes {target.text!r} for {mention.entity}"
        owner = name_it_is_part_of(text, mention.start, mention.end, mention.lang)
        if owner is not None and treatment is Treatment.CHECK:
            treatment = Treatment.REPORT  # its owner's spelling: reported, never fixed
            message += f" ({owner!r} may be a name of its own: left as written)"
        yield _finding(
            lines,
            mention,
            rule=Rule.VARIANT,
            suggestion=suggestion,
            severity=policy.severity_of(Rule.VARIANT),
            treatment=treatment,
            choice=choice,
            message=message,
            quoted=mention.quoted,
        )


def inconsistent_rule(
    text: str, mentions: Sequence[Mention], policy: Policy, gazetteer: Gazetteer, lang: str
) -> Iterator[Finding]:
    """One entity spelt in variants that share no usage, where the policy does not choose.

    Variants are compared within one language: "Lavrov" quoted in a Russian text is
    another language's name, not another spelling of «Лавров».
    """
    by_name: dict[tuple[str, str], list[int]] = {}
    for index, mention in enumerate(mentions):
        by_name.setdefault((mention.entity, mention.lang), []).append(index)
    tag_of, target_of = _preferred_tags(policy, gazetteer), _targets(gazetteer)
    lines = LineIndex(text)
    for indexes in by_name.values():
        if len({mentions[i].variant.text for i in indexes}) < 2 or tag_of(mentions[indexes[0]]):
            continue  # one spelling, or the policy chooses (the variant rule's business)
        indexes = [
            i
            for i in indexes
            if not mentions[i].derived
            and not mentions[i].about_name
            and policy.allow.isdisjoint(mentions[i].variant.usage)
        ]
        used = [mentions[i].variant for i in indexes]
        if len({v.text for v in used}) < 2 or frozenset.intersection(*(v.usage for v in used)):
            continue
        tally = Counter(tag for v in used for tag in sorted(v.usage))
        best = max(tally, key=lambda tag: (tally[tag], tag in used[0].usage))
        for i in indexes:
            mention = mentions[i]
            if best in mention.variant.usage:
                continue
            treatment = _treatment(mention, policy)
            if treatment is Treatment.IGNORE:
                continue
            target = target_of(mention, best)
            choice = _choose_form(text, mentions, i, (mention.variant,), target, lang)
            majority = next(v.text for v in used if best in v.usage)
            yield _finding(
                lines,
                mention,
                rule=Rule.INCONSISTENT,
                suggestion=match_case(mention.surface, choice.form),
                severity=policy.severity_of(Rule.INCONSISTENT),
                treatment=treatment,
                choice=choice,
                message=f"the document also writes {majority!r} for {mention.entity}; "
                f"use one spelling",
            )


def unknown_spelling_rule(
    text: str,
    mentions: Sequence[Mention],
    policy: Policy,
    gazetteer: Gazetteer,
    lang: str,
    *,
    tokens: Tokens | None = None,
) -> Iterator[Finding]:
    """Capitalised words that look like a known name (:mod:`newslib.terms.spelling`),
    with the policy's variant in the resembled form's case as the suggestion."""
    lines, primary = LineIndex(text), primary_language(lang)
    for start, end, near in near_misses(text, mentions, gazetteer, lang, tokens=tokens):
        variants = gazetteer.entity(near.entity).variants(primary)
        resembled = variants[near.variant]
        tag = _preferred_tag(variants, policy.preferred(near.entity, primary))
        target = _closest([v for v in variants if tag in v.usage], resembled) if tag else None
        form = target.forms.get(near.case or "nom", target.text) if target else near.form
        surface = text[start:end]
        suggestion = match_case(surface, form)
        message = (
            f"{surface!r} is not a known spelling; did you mean {suggestion!r} ({near.entity})?"
        )
        if fold_name(form) != fold_name(near.form):
            message += f" It looks like {near.form!r}; {policy.name} writes {form!r}"
        line, column = lines.at(start)
        yield Finding(
            path=None,
            start=start,
            end=end,
            line=line,
            column=column,
            surface=surface,
            entity=near.entity,
            variant=resembled.text,
            suggestion=suggestion,
            rule=Rule.UNKNOWN_SPELLING,
            severity=policy.severity_of(Rule.UNKNOWN_SPELLING),
            message=message,
            lang=primary,
            line_text=lines.line_text(line),
        )


def derived_rule(
    text: str, mentions: Sequence[Mention], policy: Policy, gazetteer: Gazetteer, lang: str
) -> Iterator[Finding]:
    """Adjectives and demonyms of names the policy has a preferred variant for.

    One whose usage tags tell (Ленингорского, tagged ``russian-usage``) is fixed like a
    name, in its gender, case and number (Ахалгорского under ``georgian-official``); one
    that names neither usage (цхинвальский, or a word tagged for every usage) is reported.
    """
    lines = LineIndex(text)
    # What a derived word calls for depends on the word alone: worked out once a word.
    decisions: dict[tuple[str, str, int], tuple[str, Variant | None]] = {}
    choices: dict[tuple[int, int, str], _FormChoice] = {}
    for index, mention in enumerate(mentions):
        if not mention.derived or _treatment(mention, policy) is Treatment.IGNORE:
            continue
        key = (mention.entity, mention.lang, id(mention.variant))
        if key not in decisions:
            decisions[key] = _derived_decision(mention, policy, gazetteer)
        action, target = decisions[key]
        if action == "fix" and target is not None:
            form_key = (id(mention.variant), id(target), mention.surface)
            choice = choices.get(form_key)
            if choice is None:
                choice = _choose_form(text, mentions, index, (mention.variant,), target, "")
                if choice.confidence == 1.0:  # the same in every context
                    choices[form_key] = choice
            suggestion = match_case(mention.surface, choice.form)
            if suggestion != mention.surface:
                yield _finding(
                    lines,
                    mention,
                    rule=Rule.DERIVED,
                    suggestion=suggestion,
                    severity=policy.severity_of(Rule.VARIANT),
                    treatment=_treatment(mention, policy),
                    choice=choice,
                    message=f"{policy.name} writes {target.text!r} (derived from "
                    f"{mention.entity}); {mention.variant.text!r} tells another usage",
                )
        if action != "report":
            continue
        line, column = lines.at(mention.start)
        yield Finding(
            path=None,
            start=mention.start,
            end=mention.end,
            line=line,
            column=column,
            surface=mention.surface,
            entity=mention.entity,
            variant="",
            suggestion=None,
            rule=Rule.DERIVED,
            severity=Severity.INFO,
            message=f"{mention.surface!r} is derived from {mention.entity}; an adjective or "
            "demonym names neither usage, so it is left as written",
            lang=mention.lang,
            line_text=lines.line_text(line),
        )


def _derived_decision(
    mention: Mention, policy: Policy, gazetteer: Gazetteer
) -> tuple[str, Variant | None]:
    """``("fix", the policy's word)`` for a derived word whose usage tags tell another
    usage; ``("silent", None)`` for one of the policy's usage (or allowed), or of a name
    the policy has no preference for; ``("report", None)`` for one that names no usage."""
    word = mention.variant
    if not policy.allow.isdisjoint(word.usage):
        return "silent", None
    entity = gazetteer.entity(mention.entity)
    tags = policy.preferred(mention.entity, mention.lang)
    derived = entity.derived_variants(mention.lang)
    if _tells_usage(word, derived):
        tag = _preferred_tag(derived, tags)
        if tag is not None and tag not in word.usage:
            return "fix", _closest([v for v in derived if tag in v.usage], word)
        if _preferred_tag((word,), tags) is not None:
            return "silent", None
    if _preferred_tag(entity.names[mention.lang], tags) is None:
        return "silent", None
    return "report", None


def _tells_usage(word: Variant, derived: Sequence[Variant]) -> bool:
    """True when a derived word reveals a usage: it has tags, none is ``common``, and
    another derived word of the name is tagged with none of them (Ленингорский against
    Ахалгорский). Ингурский (``common``: the dam's name everywhere) tells nothing."""
    used = word.usage
    if not used or "common" in used:
        return False
    return any(other.usage and other.usage.isdisjoint(used) for other in derived)


# ---------------------------------------------------------------------- fixes


def apply_fixes(text: str, findings: Sequence[Finding], *, best_guess: bool = False) -> str:
    """*text* with every fixable finding's suggestion applied (and uncertain ones too
    when *best_guess*); nothing outside the findings' spans changes."""
    chosen = [f for f in findings if f.applies(best_guess=best_guess)]
    kept: list[Finding] = []  # from the end of the text back
    last = len(text) + 1
    for finding in sorted(chosen, key=lambda f: f.start, reverse=True):
        if finding.end > last:  # overlapping findings: keep the later one
            continue
        kept.append(finding)
        last = finding.start
    pieces, position = [], 0
    for finding in reversed(kept):  # joined once: a long text is not copied per fix
        assert finding.suggestion is not None
        pieces += [text[position : finding.start], finding.suggestion]
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces)


def match_case(surface: str, suggestion: str) -> str:
    """*suggestion* in the letter case of *surface*: ALL CAPS, lower case or as listed.

    A lower-case suggestion (an adjective) takes a capitalised surface's capital.

    >>> match_case("SUKHUMI", "Sukhum"), match_case("sukhumi", "Sukhum")
    ('SUKHUM', 'sukhum')
    >>> match_case("Ленингорского", "ахалгорского")
    'Ахалгорского'
    """
    letters = [c for c in surface if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return suggestion.upper()
    if letters and all(c.islower() for c in letters):
        return suggestion.lower()
    if surface[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


# ---------------------------------------------------------------------- helpers


@dataclass(frozen=True, slots=True)
class _FormChoice:
    form: str
    case: str | None
    confidence: float
    reason: str


def _choose_form(
    text: str,
    mentions: Sequence[Mention],
    index: int,
    readings: Sequence[Variant],
    target: Variant,
    lang: str,
) -> _FormChoice:
    """The target's form for the case the surface stands in, no surer than the target's
    forms are (generated ones may be guesses: see :mod:`newslib.terms.wordforms`)."""
    choice = _choose_case(text, mentions, index, readings, target, lang)
    if choice.form != target.text and target.confidence < choice.confidence:
        reason = f"{choice.reason}; the forms of {target.text!r} were generated, not checked"
        return _FormChoice(choice.form, choice.case, target.confidence, reason)
    return choice


def _choose_case(
    text: str,
    mentions: Sequence[Mention],
    index: int,
    readings: Sequence[Variant],
    target: Variant,
    lang: str,
) -> _FormChoice:
    mention = mentions[index]
    cases: list[str] = []
    for reading in readings:
        cases += [c for c in reading.cases_of(mention.surface) if c not in cases]
    options = {target.forms.get(c, target.text) for c in cases} or {target.text}
    if len(options) == 1:
        case = cases[0] if len(cases) == 1 else None
        return _FormChoice(options.pop(), case, 1.0, "the form is the same in every reading")
    guess = _guess_case(text, mentions, index, lang)
    if guess is not None and guess.case in cases and guess.case in target.forms:
        return _FormChoice(target.forms[guess.case], guess.case, guess.confidence, guess.reason)
    return _FormChoice(target.forms.get("nom", target.text), None, 0.0, "case not determined")


def _guess_case(text: str, mentions: Sequence[Mention], index: int, lang: str) -> CaseGuess | None:
    mention = mentions[index]
    if index > 0:
        previous = mentions[index - 1]
        if _COORDINATION.match(text[previous.end : mention.start]):
            cases = previous.variant.cases_of(previous.surface)
            if len(cases) == 1:
                return CaseGuess(cases[0], 0.9, f"coordinated with «{previous.surface}»")
            guess = _guess_case(text, mentions, index - 1, lang)
            if guess is not None:
                return CaseGuess(guess.case, guess.confidence, f"coordinated: {guess.reason}")
    if not infers_case(lang):
        return None
    names = _names_before(text, mentions, index)
    return infer_case(text, mention.start, lang, mention.end, names=names)


def _names_before(text: str, mentions: Sequence[Mention], index: int) -> list[tuple[int, int]]:
    """The spans of the names in the context before ``mentions[index]`` (they govern nothing)."""
    begin = sentence_start(text, mentions[index].start)
    names = []
    for previous in reversed(range(index)):
        if mentions[previous].start < begin:
            break
        names.append((mentions[previous].start, mentions[previous].end))
    return names


def _preferred_tags(policy: Policy, gazetteer: Gazetteer) -> Callable[[Mention], str | None]:
    """The policy's usage tag for a mention's entity and language, looked up once a pair."""
    found: dict[tuple[str, str], str | None] = {}

    def tag_of(mention: Mention) -> str | None:
        key = (mention.entity, mention.lang)
        if key not in found:
            variants = gazetteer.entity(mention.entity).names[mention.lang]
            found[key] = _preferred_tag(variants, policy.preferred(*key))
        return found[key]

    return tag_of


def _targets(gazetteer: Gazetteer) -> Callable[[Mention, str], Variant]:
    """The variant carrying a usage tag that is most like a mention's own, looked up
    once per name and tag."""
    found: dict[tuple[str, str, int, str], Variant] = {}

    def target_of(mention: Mention, tag: str) -> Variant:
        key = (mention.entity, mention.lang, id(mention.variant), tag)
        if key not in found:
            variants = gazetteer.entity(mention.entity).names[mention.lang]
            found[key] = _closest([v for v in variants if tag in v.usage], mention.variant)
        return found[key]

    return target_of


def _preferred_tag(variants: Sequence[Variant], tags: Sequence[str]) -> str | None:
    """The first of the policy's *tags* that some variant carries."""
    return next((tag for tag in tags if any(tag in v.usage for v in variants)), None)


def _closest(candidates: Sequence[Variant], source: Variant) -> Variant:
    """The candidate most like *source* (full name for full name, surname for surname)."""
    return max(
        candidates,
        key=lambda v: (
            len(v.text.split()) == len(source.text.split()),
            difflib.SequenceMatcher(None, v.text, source.text).ratio(),
        ),
    )


def _treatment(mention: Mention, policy: Policy) -> Treatment:
    if mention.about_name:
        return policy.names_about_names
    if mention.quoted:
        return policy.quotations
    return Treatment.CHECK


def _finding(
    lines: LineIndex,
    mention: Mention,
    *,
    rule: Rule,
    suggestion: str,
    severity: Severity,
    treatment: Treatment,
    choice: _FormChoice,
    message: str,
    quoted: bool = True,
) -> Finding:
    certain = choice.confidence >= CONFIDENT
    if treatment is Treatment.REPORT:
        severity = Severity.INFO
        if quoted:
            message += " (inside a quotation: left as quoted)"
    elif not certain:
        message += f"; the word form needs a human ({choice.reason})"
    text = lines.text
    start, end, suggestion = elide(text, mention.start, mention.end, suggestion, mention.lang)
    line, column = lines.at(start)
    return Finding(
        path=None,
        start=start,
        end=end,
        line=line,
        column=column,
        surface=text[start:end],
        entity=mention.entity,
        variant=mention.variant.text,
        suggestion=suggestion,
        rule=rule,
        severity=severity,
        message=message,
        case=choice.case,
        confidence=round(choice.confidence, 2),
        fixable=certain and treatment is Treatment.CHECK,
        guessed=not certain and treatment is Treatment.CHECK,
        lang=mention.lang,
        line_text=lines.line_text(line),
    )
