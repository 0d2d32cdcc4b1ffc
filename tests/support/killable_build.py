"""A build that stops while publishing, for the kill-mid-build test.

Usage: python tests/support/killable_build.py CONTENT OUT — prints "publishing" when the first
edition's new folder is written, then waits to be killed before switching its link.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import newslib.editions.builder as build

_real_switch = build._switch


def _switch_slowly(link: Path, folder: Path) -> None:
    print("publishing", flush=True)
    time.sleep(60)
    _real_switch(link, folder)


if __name__ == "__main__":
    build._switch = _switch_slowly  # type: ignore[assignment]
    build.build(sys.argv[1], sys.argv[2], jobs=1)
