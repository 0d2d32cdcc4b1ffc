"""XLIFF 1.2 files of a translation.

::

    <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
      <file original="second-story" build-num="4" source-language="en"
            target-language="ru" datatype="plaintext" product-name="newslib">
        <body>
          <trans-unit id="p2" resname="p2" extradata="sha256:5be1…">
            <source>… through <mrk mtype="term" mid="sukhumi">Sukhumi</mrk> …</source>
            <target state="needs-review-translation">…</target>
            <note from="newslib">stale: the source changed since revision 2</note>

The article is the file's ``original``, its source revision the ``build-num``; a unit's
``extradata`` holds its field's source hash. A name is ``<mrk mtype="term">`` with the
entity id as ``mid``: its text is translated, the marker kept. Targets are ``translated``
(current), ``needs-review-translation`` (stale, or a machine draft nobody reviewed; not
imported until a person marks it ``translated``, ``final`` or ``signed-off``) or
``needs-translation`` (empty). Read with expat, which refuses DTDs and entities here, and
keeps every element's line for the errors.
"""

from __future__ import annotations

import xml.parsers.expat
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from newslib.article.model import Ref, Segment, Text
from newslib.errors import TranslationError
from newslib.fsio import read_text
from newslib.translations.bilingual import Bilingual, Unit, UnitState

__all__ = ["XLIFF_NAMESPACE", "read_bilingual_xliff", "write_bilingual_xliff"]

XLIFF_NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
_HASH = "sha256:"
_STATES = {
    UnitState.NEW: "needs-translation",
    UnitState.TRANSLATED: "translated",
    UnitState.FUZZY: "needs-review-translation",
}
_DONE = frozenset({"translated", "final", "signed-off"})


def write_bilingual_xliff(document: Bilingual) -> str:
    """The XLIFF 1.2 file of *document*."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<xliff version="1.2" xmlns="{XLIFF_NAMESPACE}">',
        f'  <file original={quoteattr(document.article)} build-num="{document.revision}" '
        f"source-language={quoteattr(document.source_language)} "
        f'target-language={quoteattr(document.target_language)} datatype="plaintext" '
        'product-name="newslib">',
        "    <header>",
        '      <tool tool-id="newslib" tool-name="newslib"/>',
        '      <note from="newslib">Names are &lt;mrk mtype="term"&gt;: translate the name '
        "inside, keep the marker. Import with: newslib translations import FILE</note>",
        "    </header>",
        "    <body>",
    ]
    for unit in document.units:
        approved = ' approved="yes"' if unit.state is UnitState.TRANSLATED else ""
        lines.append(
            f"      <trans-unit id={quoteattr(unit.id)} resname={quoteattr(unit.id)} "
            f'extradata="{_HASH}{unit.source_hash}"{approved}>'
        )
        lines.append(f"        <source>{_inline(unit.source)}</source>")
        state = _STATES[unit.state]
        target = _inline(unit.target) if unit.target is not None else ""
        lines.append(f'        <target state="{state}">{target}</target>')
        if unit.previous is not None:
            lines.append(
                '        <note from="newslib" annotates="source">the source then: '
                f"{escape(unit.previous.plain)}</note>"
            )
        lines += [f'        <note from="newslib">{escape(note)}</note>' for note in unit.notes]
        lines.append("      </trans-unit>")
    lines += ["    </body>", "  </file>", "</xliff>", ""]
    return "\n".join(lines)


def _inline(text: Text) -> str:
    return "".join(
        escape(s)
        if isinstance(s, str)
        else f'<mrk mtype="term" mid={quoteattr(s.entity)}>{escape(s.surface)}</mrk>'
        for s in text.segments
    )


# ---------------------------------------------------------------------- reading


@dataclass
class _Element:
    """An element as expat reads it: name (``{namespace}local``), attributes, line."""

    name: str
    attributes: dict[str, str]
    line: int
    children: list[_Element | str] = field(default_factory=list)

    def find(self, local: str) -> list[_Element]:
        wanted = f"{XLIFF_NAMESPACE} {local}"
        return [c for c in self.children if isinstance(c, _Element) and c.name == wanted]


def _parse(text: str, path: str | Path) -> _Element:
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    stack: list[_Element] = []
    root: list[_Element] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        element = _Element(name, attributes, parser.CurrentLineNumber)
        (stack[-1].children if stack else root).append(element)
        stack.append(element)

    def end(name: str) -> None:
        stack.pop()

    def data(chunk: str) -> None:
        if stack:
            stack[-1].children.append(chunk)

    def refuse_dtd(*_: object) -> None:
        raise TranslationError(
            "the file declares a DTD", path=path, line=parser.CurrentLineNumber,
            hint="XLIFF needs none; remove the <!DOCTYPE>",
        )  # fmt: skip

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    try:
        parser.Parse(text, True)
    except xml.parsers.expat.ExpatError as exc:
        raise TranslationError(
            f"not well-formed XML: {xml.parsers.expat.errors.messages[exc.code]}",
            path=path,
            line=exc.lineno,
            column=exc.offset + 1,
            hint="fix the XML",
        ) from None
    return root[0]


def read_bilingual_xliff(path: str | Path) -> Bilingual:
    """Read an XLIFF 1.2 file written by :func:`write_bilingual_xliff` (and edited since)."""
    root = _parse(read_text(path, error=TranslationError), path)
    if root.name != f"{XLIFF_NAMESPACE} xliff":
        raise TranslationError(
            "not an XLIFF 1.2 file", path=path, line=root.line,
            hint=f'the root is <xliff version="1.2" xmlns="{XLIFF_NAMESPACE}">',
        )  # fmt: skip
    files = root.find("file")
    if len(files) != 1:
        raise TranslationError(
            f"{len(files)} <file> elements; newslib exports one article a file",
            path=path,
            line=root.line,
            hint="import each article's file on its own",
        )
    (element,) = files
    revision = element.attributes.get("build-num", "")
    if not element.attributes.get("original") or not revision.isdigit():
        raise TranslationError(
            "<file> does not name an article (original) and its revision (build-num)",
            path=path,
            line=element.line,
            hint="export the file again with newslib translations export",
        )
    units = [_unit(unit, path) for body in element.find("body") for unit in _units(body)]
    return Bilingual(
        article=element.attributes["original"],
        revision=int(revision),
        source_language=element.attributes.get("source-language", ""),
        target_language=element.attributes.get("target-language", ""),
        units=tuple(units),
        path=str(path),
    )


def _units(element: _Element) -> list[_Element]:
    """The trans-units of a body, groups walked."""
    found: list[_Element] = []
    for child in element.children:
        if isinstance(child, _Element) and child.name == f"{XLIFF_NAMESPACE} group":
            found += _units(child)
        elif isinstance(child, _Element) and child.name == f"{XLIFF_NAMESPACE} trans-unit":
            found.append(child)
    return found


def _unit(element: _Element, path: str | Path) -> Unit:
    unit_id = element.attributes.get("resname") or element.attributes.get("id", "")
    extradata = element.attributes.get("extradata", "")
    if not extradata.startswith(_HASH):
        raise TranslationError(
            f'trans-unit {unit_id!r} has no extradata="{_HASH}…"',
            path=path,
            line=element.line,
            hint="it ties the unit to its source; export the file again",
        )
    sources, targets = element.find("source"), element.find("target")
    if len(sources) != 1:
        raise TranslationError(
            f"trans-unit {unit_id!r} has {len(sources)} <source> elements",
            path=path, line=element.line, hint="keep one",
        )  # fmt: skip
    target = _text(targets[0], path) if targets else None
    state = targets[0].attributes.get("state") if targets else None
    done = state in _DONE if state else element.attributes.get("approved") == "yes"
    if target is not None and not target.segments:
        target = None
    return Unit(
        unit_id,
        _text(sources[0], path),
        target,
        extradata[len(_HASH) :],
        (UnitState.TRANSLATED if done else UnitState.FUZZY) if target else UnitState.NEW,
        line=element.line,
    )


def _text(element: _Element, path: str | Path) -> Text:
    """A source or target: text and ``<mrk mtype="term" mid="entity">`` names."""
    segments: list[Segment] = []
    for child in element.children:
        if isinstance(child, str):
            segments.append(child)
        elif child.name == f"{XLIFF_NAMESPACE} mrk":
            surface = "".join(c for c in child.children if isinstance(c, str))
            if any(isinstance(c, _Element) for c in child.children):
                raise TranslationError(
                    "markup inside a <mrk>", path=path, line=child.line,
                    hint="a name's marker holds its text alone",
                )  # fmt: skip
            entity = child.attributes.get("mid")
            if child.attributes.get("mtype") == "term" and entity:
                segments.append(Ref(entity, surface))
            else:
                segments.append(surface)
        else:
            local = child.name.rpartition(" ")[2]
            raise TranslationError(
                f"<{local}> inside a text: newslib texts hold only names",
                path=path,
                line=child.line,
                hint='mark names with <mrk mtype="term" mid="entity">, nothing else',
            )
    return Text(tuple(segments))
