"""The layout of agency copy: its paragraphs (with their lines), its language, where the
dateline is, the front matter above it (section, headline, bylines, standfirst) and the
trailers under the story (sign-offs, desk initials, credit lines)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from newslib.article.agencies import read_trailer
from newslib.article.bylines import read_byline
from newslib.article.datelines import DatelineParts, read_dateline
from newslib.article.model import Byline, forbidden_character
from newslib.errors import ArticleError

__all__ = [
    "TERMINAL",
    "CopyParagraph",
    "find_dateline",
    "front_and_bylines",
    "front_matter",
    "guess_language",
    "plain_layout_start",
    "refuse_control_characters",
    "split_paragraphs",
    "without_trailers",
]  # fmt: skip

# What ends a sentence (a line ending otherwise may be a subheading or a section line).
TERMINAL = tuple(".!?:;…\"”»’'“«")
# A sign-off or credit line run into the last paragraph.
_INLINE_CREDITS = re.compile(
    r"\s*(\((?:Additional reporting|Reporting|Writing|Editing|Compiled) by [^()]*\)"
    r"|©\s*(?:\d{4}\s+)?AFP)\s*$",
    re.IGNORECASE,
)
# Words common in running text, by language: how copy without a month name tells its language.
_COMMON_WORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "said", "was", "with", "for", "on"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "sagte", "von", "den", "zu", "sich"},
    "fr": {"le", "la", "les", "et", "des", "est", "du", "une", "que", "dans", "pour", "a"},
    "es": {"el", "los", "las", "y", "del", "que", "en", "una", "por", "dijo", "se", "con"},
    "it": {"il", "gli", "della", "che", "di", "e", "una", "per", "non", "ha", "sono", "con"},
}


@dataclass(frozen=True, slots=True)
class CopyParagraph:
    """A paragraph of the copy, its lines joined, and the line it starts on."""

    line: int  # where it starts in the file, 1-based
    text: str


def refuse_control_characters(text: str, path: str) -> None:
    """Binary data, or text with NULs and other control characters, is not copy."""
    for index, char in enumerate(text):
        if char in "\n\r\t":
            continue
        bad = forbidden_character(char)
        if bad is not None:
            raise ArticleError(
                f"character {bad[1]} is not allowed in copy (is this a binary file?)",
                path=path, line=text.count("\n", 0, index) + 1,
                column=index - text.rfind("\n", 0, index),
                hint="import plain UTF-8 text",
            )  # fmt: skip


def split_paragraphs(text: str) -> list[CopyParagraph]:
    """The paragraphs between blank lines, in NFC, their white space collapsed."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    found: list[CopyParagraph] = []
    line, lines = 1, list[str]()
    for number, raw in enumerate(text.split("\n"), 1):
        if raw.strip():
            if not lines:
                line = number
            lines.append(raw)
        elif lines:
            found.append(CopyParagraph(line, " ".join(" ".join(lines).split())))
            lines = []
    if lines:
        found.append(CopyParagraph(line, " ".join(" ".join(lines).split())))
    return found


def guess_language(text: str) -> str | None:
    """The language the copy's script or common words tell, if they tell one."""
    letters = [c for c in text[:20_000] if c.isalpha()]
    if not letters:
        return None

    def share(low: str, high: str) -> float:
        return sum(low <= c <= high for c in letters) / len(letters)

    if share("\u0400", "\u04ff") > 0.5:
        return "uk" if re.search(r"[іїєґІЇЄҐ]", text) else "ru"
    if share("\u10a0", "\u10ff") > 0.5:
        return "ka"
    if share("\u0600", "\u06ff") > 0.5:
        return "ar"
    words = re.findall(r"[^\W\d_]+", text[:20_000].casefold())
    scores = {lang: sum(w in common for w in words) for lang, common in _COMMON_WORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    rest = max(v for lang, v in scores.items() if lang != best)
    return best if scores[best] >= 3 and scores[best] >= 1.5 * rest else None


def find_dateline(
    paragraphs: list[CopyParagraph], languages: tuple[str, ...]
) -> tuple[int, DatelineParts | None]:
    """The first paragraph after the headline that opens with a dateline, and its parts."""
    for index, paragraph in enumerate(paragraphs[:8]):
        parts = read_dateline(paragraph.text, languages)
        if parts is not None and index > 0:
            return index, parts
    return 0, None


def plain_layout_start(paragraphs: list[CopyParagraph], path: str) -> int:
    """Where the body starts in "headline / byline / standfirst / body" copy."""

    def past_bylines(index: int) -> int:
        while index < len(paragraphs) and read_byline(paragraphs[index].text):
            index += 1
        return index

    index = past_bylines(1)
    if len(paragraphs) - index >= 2:  # a standfirst, then perhaps the byline
        index = past_bylines(index + 1)
    if index >= len(paragraphs):
        raise ArticleError(
            "expected a headline, a standfirst and the story, found only "
            f"{len(paragraphs)} paragraph(s)", path=path, line=paragraphs[-1].line,
            hint="separate the headline, the standfirst and each paragraph with a blank line",
        )  # fmt: skip
    return index


def front_and_bylines(front: list[CopyParagraph]) -> tuple[list[str], list[Byline]]:
    """The section, headline and standfirst, and the bylines among them (never the first)."""
    kept: list[str] = []
    bylines: list[Byline] = []
    for index, paragraph in enumerate(front):
        found = read_byline(paragraph.text) if index > 0 else ()
        if found:
            bylines.extend(found)
        else:
            kept.append(paragraph.text)
    return kept, bylines


def front_matter(front: list[str]) -> tuple[str | None, str, str | None]:
    if len(front) == 3:
        return front[0], front[1], front[2]
    if len(front) == 2:
        if _looks_like_a_section(front[0], front[1]):  # "Politics / Lavrov to hold talks"
            return front[0], front[1], None
        return None, front[0], front[1]
    return None, front[0], None


def _looks_like_a_section(first: str, second: str) -> bool:
    """A section line is a word or three, unpunctuated, over a headline at least twice
    as long (a headline over its standfirst is seldom three words), or one word over a
    headline of three ("Politik / Gespräche in Tiflis": a one-word headline is rarer still)."""
    words, below = len(first.split()), len(second.split())
    if first.endswith(TERMINAL) or words > 3:
        return False
    return below >= 2 * words + 2 or (words == 1 and below >= 3)


def without_trailers(texts: list[str], notes: list[str]) -> tuple[list[str], list[Byline]]:
    """The body without the sign-off, desk initials and credit lines it ends with, and the
    credits they name."""
    texts = list(texts)
    credits: list[Byline] = []
    while texts:
        trailer = read_trailer(texts[-1])
        if trailer is None:
            inline = _INLINE_CREDITS.search(texts[-1])
            if inline is None or inline.start() == 0:
                break
            texts[-1], tail = texts[-1][: inline.start()], inline[1]
            trailer = read_trailer(tail)
            if trailer is None:
                break
        else:
            texts.pop()
        credits[:0] = trailer.credits
        kept = " (kept as credits in the byline)" if trailer.credits else ""
        notes.append(f"removed {trailer.what} from the end of the body{kept}")
    return texts, credits
