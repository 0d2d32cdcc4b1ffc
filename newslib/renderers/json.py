"""JSON: the article model itself, with the edition's view of it — on a translated page,
what each field shows (``fields``: its status, translation or original, language, mark)."""

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
        "corrections": [
            {
                "time": r.time.isoformat(),
                "note": note.note,
                "language": note.language,
                "mark": str(note.mark) if note.mark else None,
            }
            for r, note in zip(page.corrections, page.correction_list(), strict=True)
        ],
        "fields": {
            name: {
                "status": str(shown.status),
                "shown": "original" if shown.original else "translation",
                "language": shown.language,
                "mark": str(mark) if (mark := page.mark(name)) else None,
            }
            for name, shown in page.fields.items()
        },
        "article": article_data(page.article),
    }
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
