"""What may go into a link: an allow-list of protocols, never a deny-list."""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["SAFE_PROTOCOLS", "safe_url"]

SAFE_PROTOCOLS = frozenset({"http", "https"})


def safe_url(url: str) -> str:
    """*url* if it is http(s) or relative; ``"#"`` for anything else (``javascript:``…).

    >>> safe_url("https://example.org/a"), safe_url("javascript:alert(1)"), safe_url("../ru/a.html")
    ('https://example.org/a', '#', '../ru/a.html')
    """
    cleaned = "".join(c for c in url if c.isprintable() and not c.isspace()) if url else ""
    if not cleaned or cleaned != url.strip():
        return "#"
    parts = urlsplit(cleaned)
    if parts.scheme:
        return cleaned if parts.scheme.lower() in SAFE_PROTOCOLS and parts.netloc else "#"
    if cleaned.startswith("//"):
        return "#"  # protocol-relative: another host, by whatever protocol
    return cleaned
