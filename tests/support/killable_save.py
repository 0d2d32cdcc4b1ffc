"""A save that stops after its data is synced, for the kill-mid-save test.

Usage: python tests/support/killable_save.py CONTENT ARTICLE_ID — prints "writing" once the new
revision's temporary file is written and synced, then waits to be killed before linking it.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace

import newslib.store.repository as store
from newslib import Paragraph, Text

_real_fsync = os.fsync


def _fsync_then_wait(fd: int) -> None:
    _real_fsync(fd)
    print("writing", flush=True)
    time.sleep(60)


def main() -> None:
    root, article_id = sys.argv[1:3]
    repository = store.Repository(root)
    article = repository.read(article_id)
    body = (*article.body[:1], Paragraph("p2", Text.of("Half written.")), *article.body[2:])
    store.os.fsync = _fsync_then_wait  # type: ignore[attr-defined]
    repository.save(replace(article, body=body), author="killed", kind="update")


if __name__ == "__main__":
    main()
