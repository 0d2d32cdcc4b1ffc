"""Checking an article is linear in its number of fields (issue 14).

Run:  python benchmarks/bench_fields.py

Builds articles of 10, 100 and 1000 paragraphs (each a multi-line plain scalar naming
Sukhumi and Tskhinvali) and times reading one into a document and checking it under
russian-usage, best of five. The time per field should stay flat as the fields grow
(``tests/test_terms_yaml_styles.py`` counts the work instead, to be independent of the
machine: 10.0 times the steps for 10 times the fields; 19.4 times before issue 14).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

import newslib
from newslib.terms.documents import check_document
from newslib.terms.files import parse_document

POLICY = newslib.load_policy("russian-usage")


def article(fields: int) -> str:
    """An article YAML with *fields* paragraphs, each written over two lines."""
    head = (
        "id: many-fields\nlanguage: en\nsection: World\nsource: Example Wire\n"
        "dateline:\n  place: tbilisi\n  written: TBILISI\n  date: 2024-10-04\n"
        "headline: Talks in [[sukhumi|Sukhumi]]\nbody:\n"
    )
    body = "".join(
        f"  - id: p{n}\n    type: paragraph\n    text: Delegates met in [[sukhumi|Sukhumi]]\n"
        f"      and in [[tskhinvali|Tskhinvali]] on day {n}.\n"
        for n in range(1, fields + 1)
    )
    entities = (
        "entities:\n  - {id: sukhumi, kind: place, name: Sukhumi}\n"
        "  - {id: tskhinvali, kind: place, name: Tskhinvali}\n"
        "  - {id: tbilisi, kind: place, name: Tbilisi}\n"
    )
    return head + body + entities


def best_of(runs: int, job: Callable[[], object]) -> float:
    """The fastest of *runs* calls of *job*, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    gazetteer = newslib.shipped_gazetteer()
    check_document(parse_document(article(1), path="warm.yaml"), policy=POLICY,
                   gazetteer=gazetteer, lang=None)  # fmt: skip
    print(f"{'fields':>7} {'read ms':>9} {'check ms':>9} {'µs/field':>9}")
    per_field = {}
    for fields in (10, 100, 1000):
        source = article(fields)
        read = best_of(5, partial(parse_document, source, path="a.yaml"))
        document = parse_document(source, path="a.yaml")
        checked = best_of(
            5, partial(check_document, document, policy=POLICY, gazetteer=gazetteer, lang=None)
        )
        count = fields + 3  # the paragraphs, the headline, the section and the dateline
        per_field[fields] = (read + checked) / count
        print(f"{count:>7} {read * 1000:9.2f} {checked * 1000:9.2f} "
              f"{per_field[fields] * 1e6:9.1f}")  # fmt: skip
    print(f"1000 fields vs 10: {per_field[1000] / per_field[10]:.2f}x the time per field")


if __name__ == "__main__":
    main()
