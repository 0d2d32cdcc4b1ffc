"""Load: processes saving and building at once on a large archive (issue 9).

Run:  python benchmarks/load_test.py [--articles 10000] [--writers 4] [--saves 50]

Makes an archive of N articles (shaped like the seed), then runs at once: W writer
processes that each save revisions of random articles (optimistic concurrency: on a
conflict, re-read the head and try again) and a builder process that builds one edition
twice. Then it checks that nothing was lost (every save is a revision, numbering gapless,
the store verifies) and prints times and peak memory.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from seed_archive import save_seed_copies

import newslib
from newslib.article.model import Paragraph, Text

CONFIG = """editions:
  - id: en
    locale: en
    policy: georgian-official
    formats: [html, json]
"""


def make_archive(content: Path, count: int) -> None:
    content.mkdir(parents=True)
    (content / "newslib.yaml").write_text(CONFIG, encoding="utf-8")
    save_seed_copies(newslib.Repository(content), count, author="archive")


def writer(
    content: str, worker: int, saves: int, count: int, results: multiprocessing.Queue[int]
) -> None:
    repository = newslib.Repository(content)
    rng = random.Random(worker)
    done = 0
    for n in range(saves):
        article_id = f"story-{rng.randrange(count):05d}"
        while True:
            head = repository.head(article_id)
            assert head is not None
            article = repository.read(article_id)
            body = (Paragraph("p1", Text.of(f"Writer {worker}, save {n}.")), *article.body[1:])
            try:
                repository.save(replace(article, body=body), author=f"w{worker}", kind="update",
                                expected_head=head.number)  # fmt: skip
                done += 1
                break
            except newslib.errors.ConflictError:
                continue
    results.put(done)


BUILD = """
import json, resource, sys, time
import newslib
start = time.perf_counter()
first = newslib.build(sys.argv[1], sys.argv[2], jobs=1)
second = newslib.build(sys.argv[1], sys.argv[2], jobs=1)
own = int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]) / 1024
print(json.dumps({"seconds": time.perf_counter() - start, "first": first.rendered,
                  "second": second.rendered, "peak_mb": own}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--saves", type=int, default=50)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newslib-load-"))
    content = work / "content"
    start = time.perf_counter()
    make_archive(content, args.articles)
    print(f"archive of {args.articles:,} articles made in {time.perf_counter() - start:.1f} s")

    results: multiprocessing.Queue[int] = multiprocessing.Queue()
    writers = [
        multiprocessing.Process(
            target=writer, args=(str(content), w, args.saves, args.articles, results)
        )
        for w in range(args.writers)
    ]
    start = time.perf_counter()
    builder = subprocess.Popen(
        [sys.executable, "-c", BUILD, str(content), str(work / "site")],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    for process in writers:
        process.start()
    for process in writers:
        process.join()
    saved = sum(results.get() for _ in writers)
    writes_took = time.perf_counter() - start
    out, _ = builder.communicate()
    build = json.loads(out)
    repository = newslib.Repository(content)
    revisions = sum(len(repository.history(a)) for a in repository.ids())
    problems = repository.verify()
    print(f"{args.writers} writers saved {saved} revisions in {writes_took:.1f} s "
          f"while a build ran; expected {args.writers * args.saves}")  # fmt: skip
    print(f"revisions in the store: {revisions:,} = {args.articles:,} + {saved} "
          f"({'nothing lost' if revisions == args.articles + saved else 'LOST SOME'})")  # fmt: skip
    print(f"verify: {len(problems)} problem(s)")
    print(
        f"build (twice, during the writes): {build['seconds']:.1f} s, "
        f"{build['first']} then {build['second']} pages rendered, peak {build['peak_mb']:.0f} MB"
    )
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if not problems and revisions == args.articles + saved else 1)


if __name__ == "__main__":
    main()
