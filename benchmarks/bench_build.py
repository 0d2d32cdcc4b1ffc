"""Edition builds: a synthetic archive from the seed × the shipped editions × all formats.

Run:  python benchmarks/bench_build.py [--articles 1000] [--jobs 2]

Measures, in one run: the full build, the no-op rebuild, peak memory (the builder and its
worker processes) for growing archives, and a baseline that renders the same pages with
bare Jinja2 templates and ``json.dumps`` (no policy, no localisation, no terminology).
Targets (issue 8): full build within 3x the baseline; no-op rebuild <= 2 s; memory flat as
the archive grows.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jinja2 import Environment
from seed_archive import ROOT, save_seed_copies

import newslib
from newslib.article.codec import article_data

BUILD = """
import json, resource, sys, time
import newslib
start = time.perf_counter()
result = newslib.build(sys.argv[1], sys.argv[2], jobs=int(sys.argv[3]))
took = time.perf_counter() - start
own = int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]) / 1024
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"seconds": took, "rendered": result.rendered, "own_mb": own,
                  "worker_mb": workers}))
"""


def make_archive(folder: Path, count: int) -> None:
    """*count* articles shaped like the seed, each with its own id and first paragraph."""
    shutil.copytree(ROOT / "content", folder, ignore=shutil.ignore_patterns(".lock", "articles"))
    save_seed_copies(newslib.Repository(folder), count, author="bench")


def run_build(content: Path, out: Path, jobs: int) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", BUILD, str(content), str(out), str(jobs)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    result: dict[str, float] = json.loads(done.stdout)
    return result


def baseline(content: Path, out: Path) -> float:
    """The same pages with bare Jinja2 and json.dumps: the floor of rendering them."""
    env = Environment(autoescape=True)
    page = env.from_string(
        "<!doctype html><html lang='{{ lang }}'><head><title>{{ a.headline }}</title></head>"
        "<body><article><h1>{{ a.headline }}</h1>{% for b in a.body %}<p>{{ b.text or b.items }}"
        "</p>{% endfor %}</article></body></html>"
    )
    text = Environment(autoescape=False).from_string(
        "{{ a.section }}\n\n{{ a.headline }}\n\n{% for b in a.body %}{{ b.text }}\n\n{% endfor %}"
    )
    project = newslib.load_project(content)
    repository = newslib.Repository(content)
    start = time.perf_counter()
    for article_id in repository.ids():
        data = article_data(repository.read(article_id))
        for edition in project.editions:
            folder = out / edition.id
            folder.mkdir(parents=True, exist_ok=True)
            for fmt in edition.formats:
                if fmt in ("json", "ninjs", "ninjs2"):
                    rendered = json.dumps(data, ensure_ascii=False, indent=2, default=str)
                elif fmt in ("html", "newsml"):
                    rendered = page.render(a=data, lang=edition.locale)
                else:
                    rendered = text.render(a=data)
                (folder / f"{article_id}.{fmt}").write_text(rendered, encoding="utf-8")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newslib-build-bench-"))
    os.environ["NEWSLIB_CACHE"] = str(work / "cache")
    editions = len(newslib.load_project(ROOT / "content").editions)
    print(f"{args.articles} articles x {editions} editions x 7 formats, -j {args.jobs}")

    sizes = sorted({max(args.articles // 4, 1), max(args.articles // 2, 1), args.articles})
    for count in sizes:
        content = work / f"content-{count}"
        start = time.perf_counter()
        make_archive(content, count)
        made = time.perf_counter() - start
        full = run_build(content, work / f"site-{count}", args.jobs)
        noop = run_build(content, work / f"site-{count}", args.jobs)
        floor = baseline(content, work / f"baseline-{count}")
        pages = count * editions
        per_page = 1000 * full["seconds"] / pages
        print(f"\n{count} articles ({pages} pages; archive made in {made:.1f} s)")
        print(f"  full build      {full['seconds']:7.2f} s  ({per_page:.1f} ms/page)")
        print(f"  no-op rebuild   {noop['seconds']:7.2f} s  (rendered {noop['rendered']:.0f}; "
              "target <= 2 s)")  # fmt: skip
        print(f"  baseline        {floor:7.2f} s  (bare Jinja2 + json.dumps, one process)")
        print(f"  ratio           {full['seconds'] / floor:7.2f}x the baseline (target <= 3x)")
        print(f"  peak memory     {full['own_mb']:7.0f} MB builder, "
              f"{full['worker_mb']:.0f} MB largest worker")  # fmt: skip
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
