"""Item ids: RFC 4151 ``tag:`` URIs, the same in Atom, NewsML-G2 and ninjs.

``tag:<domain>,<date>:<edition>/<article>`` names an article in an edition for good: the
domain is the provider's (newslib.yaml's ``provider``, else the host of its ``base_url``),
the date the provider's own or the article's first publication. Without either domain
the placeholder :data:`PLACEHOLDER_DOMAIN` is used (and ``newslib build`` warns): ``.invalid``
is reserved (RFC 6761), so such an id can never pass for someone else's.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from newslib.renderers.page import Page

__all__ = ["PLACEHOLDER_DOMAIN", "item_id", "page_id", "tag_uri"]

PLACEHOLDER_DOMAIN = "newslib.invalid"
_SPECIFIC = re.compile(r"[^A-Za-z0-9\-._~!$&'()*+,;=:@/?]")


def tag_uri(domain: str, day: date | datetime | str, specific: str) -> str:
    """``tag:news.example.org,2024-10-04:ru/talks`` (a datetime counts by its UTC date).

    >>> tag_uri("news.example.org", date(2024, 10, 4), "ru/talks")
    'tag:news.example.org,2024-10-04:ru/talks'
    """
    if isinstance(day, datetime):
        day = day.astimezone(UTC).date()
    when = day.isoformat() if isinstance(day, date) else day
    return f"tag:{domain},{when}:{_SPECIFIC.sub(lambda m: _escape(m[0]), specific)}"


def item_id(
    domain: str | None,
    fixed_date: str | None,
    published: date | datetime,
    edition: str,
    article: str,
) -> str:
    """The id of *article* in *edition*: see the module."""
    return tag_uri(domain or PLACEHOLDER_DOMAIN, fixed_date or published, f"{edition}/{article}")


def page_id(page: Page) -> str:
    """The page's id: the one the build gave it, else one under the placeholder domain."""
    if page.uri:
        return page.uri
    published = page.published or page.article.dateline.date
    return item_id(None, None, published, page.edition or page.loc.tag, page.article.id)


def _escape(character: str) -> str:
    return "".join(f"%{byte:02X}" for byte in character.encode())
