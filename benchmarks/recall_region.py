"""Precision and recall of ``scan`` on hand-annotated regional copy, per language.

The folder holds a subfolder per language (``en/``, ``ru/``, ``ka/``…); each ``NAME.txt``
(a first line ``# URL`` names its source and is not scanned) has a ``NAME.ann`` beside it,
written by hand: one mention per line, ``surface<TAB>entity<TAB>kind``, kind ``name`` or
``derived`` (an adjective or demonym). Real copy is not in the repository: collect it
yourself (the team keeps its set in ``/work/helpers/realtext/region/``).

A mention counts when its folded surface, entity and kind match an annotation (each
annotation once). Mentions of entities outside the regional gazetteer (a GeoNames or world
entity) are left out, so a bigger gazetteer is not punished for names no one annotated.

    python benchmarks/recall_region.py FOLDER            # this checkout
    PYTHONPATH=/path/to/other/checkout python benchmarks/recall_region.py FOLDER

The second form measures another version (``git worktree add`` or ``git archive`` one) with
the same annotations: "before" and "after" a change.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import newslib
from newslib.terms.fold import fold_name

Key = tuple[str, str, str]  # folded surface, entity, kind


def _annotations(path: Path) -> Counter[Key]:
    found: Counter[Key] = Counter()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[2] not in ("name", "derived"):
            sys.exit(f"{path}:{number}: expected 'surface<TAB>entity<TAB>name|derived'")
        found[(fold_name(fields[0]), fields[1], fields[2])] += 1
    return found


def _predicted(text: str, lang: str, scope: set[str]) -> Counter[Key]:
    return Counter(
        (fold_name(m.surface), m.entity, "derived" if m.derived else "name")
        for m in newslib.scan_text(text, lang=lang)
        if m.entity in scope
    )


def _text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("\n", 1)[1] if text.startswith("# ") else text


def measure(folder: Path, *, misses: bool = False) -> dict[str, dict[str, dict[str, int]]]:
    """Per language and kind: true positives, predictions, annotations (with *misses*,
    print each file's missed annotations and unannotated mentions)."""
    shipped = {entity.id for entity in newslib.shipped_gazetteer()}
    results: dict[str, dict[str, dict[str, int]]] = {}
    for lang_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        lang = lang_dir.name
        counts = {kind: {"tp": 0, "predicted": 0, "gold": 0} for kind in ("name", "derived")}
        for text_path in sorted(lang_dir.glob("*.txt")):
            ann_path = text_path.with_suffix(".ann")
            if not ann_path.exists():
                sys.exit(f"{text_path}: no {ann_path.name} beside it")
            gold = _annotations(ann_path)
            scope = shipped | {entity for _, entity, _ in gold}
            predicted = _predicted(_text(text_path), lang, scope)
            if misses:
                for label, keys in (("missed", gold - predicted), ("extra", predicted - gold)):
                    for (surface, entity, kind), n in sorted(keys.items()):
                        print(f"{text_path}: {label} {surface!r} {entity} {kind} ×{n}")
            for kind in counts:
                g = Counter({k: n for k, n in gold.items() if k[2] == kind})
                p = Counter({k: n for k, n in predicted.items() if k[2] == kind})
                counts[kind]["tp"] += sum((g & p).values())
                counts[kind]["predicted"] += sum(p.values())
                counts[kind]["gold"] += sum(g.values())
        results[lang] = counts
    return results


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:6.1%}" if whole else "     –"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.add_argument("--misses", action="store_true", help="list misses and extras")
    args = parser.parse_args()
    results = measure(args.folder, misses=args.misses)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"newslib from {Path(newslib.__file__).parent}")
    print(f"{'lang':5} {'names P':>8} {'names R':>8} {'(tp/pred/gold)':>15}"
          f" {'derived P':>10} {'derived R':>10} {'(tp/pred/gold)':>15}")  # fmt: skip
    total = {kind: Counter[str]() for kind in ("name", "derived")}
    for lang, counts in [*results.items(), ("all", {})]:
        if lang == "all":
            counts = {kind: dict(total[kind]) for kind in total}
        row = [f"{lang:5}"]
        for kind in ("name", "derived"):
            c = counts[kind]
            if lang != "all":
                total[kind].update(c)
            row += [
                _ratio(c.get("tp", 0), c.get("predicted", 0)).rjust(8 if kind == "name" else 10),
                _ratio(c.get("tp", 0), c.get("gold", 0)).rjust(8 if kind == "name" else 10),
                f"({c.get('tp', 0)}/{c.get('predicted', 0)}/{c.get('gold', 0)})".rjust(15),
            ]
        print(" ".join(row))


if __name__ == "__main__":
    main()
