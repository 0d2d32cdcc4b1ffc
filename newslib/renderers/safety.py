"""What may go into a link: an allow-list of protocols, never a deny-list.

Every renderer that writes a URL (HTML, the index and landing pages, Atom, JSON, ninjs)
passes it through :func:`safe_url`; :func:`absolute_url` is the stricter test newslib.yaml's
``base_url`` must pass.
"""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["SAFE_PROTOCOLS", "absolute_url", "safe_url"]

SAFE_PROTOCOLS = frozenset({"http", "https"})


def safe_url(url: str) -> str:
    """*url* if it is http(s) or a path on this site; ``"#"`` for anything else.

    Refused: other schemes in any letter case (``JaVaScRiPt:``), anything with whitespace
    or control characters inside (browsers drop tabs and newlines, so ``java\\tscript:``
    is ``javascript:``), backslashes (browsers read ``/\\host`` as ``//host``), and
    scheme-relative ``//host`` links.

    >>> safe_url("https://example.org/a"), safe_url("javascript:alert(1)"), safe_url("../ru/a.html")
    ('https://example.org/a', '#', '../ru/a.html')
    >>> safe_url("/\\\\evil.example/x"), safe_url("//evil.example/x")
    ('#', '#')
    """
    if not url or any(not c.isprintable() or c.isspace() or c == "\\" for c in url):
        return "#"
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed host ("http://[")
        return "#"
    if parts.scheme or ":" in url.split("/", 1)[0]:
        return url if parts.scheme.lower() in SAFE_PROTOCOLS and parts.hostname else "#"
    if url.startswith("//"):
        return "#"  # scheme-relative: another host, by whatever protocol
    return url


def absolute_url(url: str) -> bool:
    """True for an absolute http(s) URL with a host and nothing a base URL cannot have.

    >>> absolute_url("https://news.example.org/world/"), absolute_url("javascript:x//")
    (True, False)
    """
    if safe_url(url) != url:
        return False
    parts = urlsplit(url)
    return (
        parts.scheme.lower() in SAFE_PROTOCOLS
        and bool(parts.hostname)
        and not parts.username
        and not parts.password
        and not parts.query
        and not parts.fragment
        and "#" not in url
        and "?" not in url
    )
