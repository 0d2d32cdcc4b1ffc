"""Russian case inference: how many variant switches come out right (issue 5).

Run:  python benchmarks/bench_morphology.py

Fixes every sentence of ``benchmarks/data/ru_case_sentences.yaml`` in both directions
(georgian-official <-> russian-usage) and prints how many fixes are correct, how many were
left for a human, and every wrong fix. Target: >= 95 % correct, no wrong fix applied.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from case_sentences import cases, score


def main() -> None:
    all_cases = cases()
    print(f"{len(all_cases)} fixes: {len(all_cases) // 2} sentences, both directions")
    for best_guess in (False, True):
        start = time.perf_counter()
        result = score(best_guess=best_guess)
        took = time.perf_counter() - start
        label = "with --best-guess" if best_guess else "default (confident fixes only)"
        print(f"\n{label}: {result.correct}/{result.total} correct ({result.accuracy:.1%}), "
              f"{result.left_for_a_human} left for a human, {len(result.wrong)} wrong "
              f"[{took:.2f} s]")  # fmt: skip
        for case, fixed in result.wrong:
            print(f"  WRONG {case.policy} {case.case}: {case.text!r} -> {fixed!r} "
                  f"(expected {case.expected!r})")  # fmt: skip
    result = score()
    total = Counter(c.case for c in all_cases)
    missed = Counter(c.case for c in result.left)
    print("\nleft for a human, by case (default):")
    for case in ("nom", "gen", "dat", "acc", "ins", "loc"):
        print(f"  {case}: {missed[case]}/{total[case]}")
    for case in result.left:
        print(f"  {case.policy} {case.case}: {case.text!r}")


if __name__ == "__main__":
    main()
