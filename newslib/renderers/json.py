"""JSON: the article model itself, with the edition's view of it."""

from __future__ import annotations

import json
from typing import Any

from newslib.article.codec import article_data
from newslib.renderers.ids import page_id
from newslib.renderers.page import Page
from newslib.renderers.safety import safe_url

__all__ = ["render"]


def render(page: Page) -> str:
    """The article's data (as the YAML codec writes it) and the edition's metadata."""
    revision = page.revision
    data: dict[str, Any] = {
        "edition": {
            "id": page.edition,
            "locale": page.loc.tag,
            "policy": page.policy.name if page.policy else None,
            "body": str(page.body),
            "url": safe_url(page.url) if page.url else None,
            "uri": page_id(page),
        },
        "revision": None
        if revision is None
        else {
            "number": revision.number,
            "time": revision.time.isoformat(),
            "kind": str(revision.kind),
            "hash": revision.hash,
        },
        "corrections": [{"time": r.time.isoformat(), "note": r.note} for r in page.corrections],
        "article": article_data(page.article),
    }
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
