"""Precision and recall of newslib's place names on annotated real text.

Run:  python benchmarks/recall_world.py [FOLDER ...]

Each ``*.yaml`` file in a folder is one text with its mentions annotated by hand::

    url: https://…            # where the text was published
    lang: de
    text: |
      Mindestens vier Tote bei Angriff auf Charkiw …
    mentions:                 # every mention of a country, territory or curated place,
      - [Charkiw, kharkiv]    # in order: the surface as written, the entity id

A predicted mention is :func:`newslib.scan_text`'s (derived words, such as adjectives and
demonyms, are not place mentions and are left out); it is right when the annotation has
the same surface for the same entity (compared as multisets, per text). The policy line
counts, with :func:`newslib.check_text` under ``official-current``, the annotated mentions
the policy can act on (found, and written in a variant the policy has a choice for) and
the ``variant`` findings it raises.

Without an argument it reads the small sample in ``tests/fixtures/realtext/world`` (text
written for newslib, so it may live in the repository); the measured real text is kept
outside it (news copy is not ours to publish).
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from newslib import check_text, scan_text, shipped_gazetteer
from newslib.errors import InputError, UnknownPolicyError
from newslib.fsio import read_text
from newslib.yamlio import Reader, compose

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "realtext" / "world"
POLICY = "official-current"


class AnnotationError(InputError):
    """An annotation file is malformed (local to this benchmark)."""


@dataclass(frozen=True)
class Annotated:
    path: Path
    lang: str
    text: str
    mentions: tuple[tuple[str, str], ...]


@dataclass
class Tally:
    expected: int = 0
    predicted: int = 0
    right: int = 0
    actionable: int = 0
    variant_findings: int = 0

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self, label: str) -> str:
        precision = self.right / self.predicted if self.predicted else 0.0
        recall = self.right / self.expected if self.expected else 0.0
        return (
            f"{label:<6} P {precision:6.1%}  R {recall:6.1%}  "
            f"({self.right}/{self.predicted} predicted, {self.right}/{self.expected} annotated; "
            f"{self.actionable} a policy can act on, {self.variant_findings} variant findings)"
        )


def read_annotated(path: Path) -> Annotated:
    """One annotated text; :class:`AnnotationError` at its line if it is malformed."""
    node = compose(read_text(path), path, AnnotationError)
    reader = Reader(path, AnnotationError)
    if node is None:
        raise AnnotationError("the file is empty", path=path, line=1, hint="write url, lang, text")
    fields = reader.mapping(node, required=("lang", "text", "mentions"), optional=("url",))
    mentions = []
    for item in reader.sequence(fields["mentions"]):
        pair = reader.sequence(item)
        if len(pair) != 2:
            reader.fail(item, "a mention is [surface, entity]", "write [Charkiw, kharkiv]")
        mentions.append((reader.string(pair[0]), reader.string(pair[1])))
    return Annotated(
        path, reader.string(fields["lang"]), reader.string(fields["text"]), tuple(mentions)
    )


def measure(document: Annotated) -> tuple[Tally, list[str]]:
    """The tally of one text, and its misses and false alarms as lines."""
    found = [m for m in scan_text(document.text, lang=document.lang) if not m.derived]
    predicted = Counter((m.surface, m.entity) for m in found)
    expected = Counter(document.mentions)
    right = predicted & expected
    gazetteer = shipped_gazetteer()
    actionable = 0
    for mention in found:
        if (mention.surface, mention.entity) not in expected:
            continue
        variants = gazetteer.entity(mention.entity).names.get(mention.lang, ())
        if len(variants) > 1 and any(POLICY in v.usage for v in variants):
            actionable += 1
    try:
        findings = check_text(document.text, lang=document.lang, policy=POLICY)
    except UnknownPolicyError:  # a newslib from before the world gazetteer
        findings = []
    tally = Tally(
        expected=sum(expected.values()),
        predicted=sum(predicted.values()),
        right=sum(right.values()),
        actionable=actionable,
        variant_findings=sum(f.rule == "variant" for f in findings),
    )
    notes = [
        f"  missed {s!r} ({e})" for (s, e), n in (expected - predicted).items() for _ in range(n)
    ]
    notes += [
        f"  wrong  {s!r} ({e})" for (s, e), n in (predicted - expected).items() for _ in range(n)
    ]
    return tally, notes


def main(folders: list[str]) -> int:
    paths = sorted(p for f in (folders or [str(SAMPLE)]) for p in Path(f).glob("*.yaml"))
    if not paths:
        print(f"no annotated *.yaml files in {', '.join(folders) or SAMPLE}", file=sys.stderr)
        return 2
    by_lang: dict[str, Tally] = {}
    total = Tally()
    try:
        for path in paths:
            document = read_annotated(path)
            tally, notes = measure(document)
            by_lang.setdefault(document.lang, Tally()).add(tally)
            total.add(tally)
            if notes and "-v" in sys.argv:
                print(path.name, *notes, sep="\n")
    except (InputError, yaml.YAMLError) as error:
        print(error, file=sys.stderr)
        return 2
    print(f"{len(paths)} texts, {len(by_lang)} languages")
    for lang in sorted(by_lang):
        print(by_lang[lang].line(lang))
    print(total.line("all"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main([a for a in sys.argv[1:] if a != "-v"]))
