"""Precision and recall of ``unknown-spelling`` on real, hand-annotated news copy.

Run:  python benchmarks/eval_spelling.py FOLDER [FOLDER …]

Each FOLDER holds one sub-folder per language of excerpts of published pages: ``NAME.txt``
(its first line ``# URL``) with ``NAME.ann`` beside it, one annotated mention a line,
``surface<TAB>entity<TAB>kind``; or ``NAME.yaml`` files (``url``, ``lang``, ``text``,
``mentions: [[surface, entity], …]``). Such copy is not kept in the repository (its
licence does not allow it).

What is measured, with the shipped gazetteer and the ``as-written`` policy:

* the *gold* near misses: annotated names of a contested entity of the gazetteer, written
  as one capitalised word of four letters or more, that the scanner does not find (names
  the gazetteer has never seen: Ochamchyra, Tkuartschal);
* every ``unknown-spelling`` suggestion: right when an annotated mention of the same
  entity has that surface, wrong otherwise;
* precision, recall, and the wrong suggestions per 10,000 words of all the copy.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

import newslib
from newslib.terms.checker import check
from newslib.terms.scanner import scan


@dataclass
class Tally:
    words: int = 0
    gold: dict[tuple[str, int, str], str] = field(default_factory=dict)  # -> surface
    right: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    found: set[tuple[str, int, str]] = field(default_factory=set)


def documents(folder: Path) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """(name, language, text, annotated (surface, entity) names) of every excerpt."""
    found = []
    for path in sorted(folder.rglob("*.txt")):
        ann = path.with_suffix(".ann")
        if not ann.exists():
            continue
        text = path.read_text(encoding="utf-8").split("\n", 1)[1]
        rows = [line.split("\t") for line in ann.read_text(encoding="utf-8").splitlines()]
        names = [(row[0], row[1]) for row in rows if len(row) >= 2 and row[2:3] != ["derived"]]
        found.append((str(path.relative_to(folder)), path.parent.name, text, names))
    for path in sorted(folder.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        names = [(str(m[0]), str(m[1])) for m in data.get("mentions") or []]
        found.append((str(path.relative_to(folder)), data["lang"], data["text"], names))
    return found


def measure(folders: list[Path]) -> Tally:
    gazetteer = newslib.load_gazetteer()
    policy = newslib.load_policy("as-written")
    tally = Tally()
    for folder in folders:
        for name, lang, text, names in documents(folder):
            tally.words += len(text.split())
            annotated = _offsets(text, names)
            mentions = scan(text, lang=lang, gazetteer=gazetteer)
            for start, surface, entity in annotated:
                end = start + len(surface)
                if (
                    entity in gazetteer.contested
                    and not any(
                        m.entity == entity and m.start < end and start < m.end for m in mentions
                    )
                    and surface.isalpha()
                    and len(surface) >= 4
                    and surface[0].isupper()
                ):
                    tally.gold[(name, start, entity)] = surface
            findings = check(text, lang=lang, policy=policy, gazetteer=gazetteer)
            for f in findings:
                if f.rule != "unknown-spelling":
                    continue
                where = f"{name}: {f.surface!r} -> {f.suggestion!r} ({f.entity})"
                if (f.start, f.surface, f.entity) in annotated:
                    tally.right.append(where)
                    tally.found.add((name, f.start, f.entity))
                else:
                    tally.wrong.append(where)
    return tally


def _offsets(text: str, names: list[tuple[str, str]]) -> set[tuple[int, str, str]]:
    """Where each annotated name stands: its occurrences in order, the n-th annotation of
    a surface at its n-th occurrence."""
    found, position = set(), {}
    for surface, entity in names:
        pattern = re.compile(rf"(?<!\w){re.escape(surface)}(?!\w)")
        match = pattern.search(text, position.get(surface, 0))
        if match:
            found.add((match.start(), surface, entity))
            position[surface] = match.end()
    return found


def main() -> None:
    folders = [Path(arg) for arg in sys.argv[1:]] or [Path("/work/helpers/realtext/region")]
    tally = measure(folders)
    suggested = len(tally.right) + len(tally.wrong)
    recall = len(tally.found & tally.gold.keys()) / len(tally.gold) if tally.gold else 0.0
    precision = len(tally.right) / suggested if suggested else 0.0
    print(f"{tally.words:,} words; {len(tally.gold)} names never seen; {suggested} suggestions")
    wrong = len(tally.wrong) * 10000 / tally.words
    print(f"precision {precision:.0%}, recall {recall:.0%}, wrong per 10,000 words {wrong:.1f}")
    for line in tally.right:
        print("  right:", line)
    for line in tally.wrong:
        print("  WRONG:", line)
    for (name, start, entity), surface in sorted(tally.gold.items()):
        if (name, start, entity) not in tally.found:
            print(f"  missed: {name}@{start}: {surface!r} ({entity})")


if __name__ == "__main__":
    main()
