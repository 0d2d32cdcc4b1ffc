"""Markdown and HTML files checked and fixed as their readers see them: prose only.

Each sample is copy a newsroom might keep: front matter, headings, links and images with
names in their paths, code, comments, entities. The tests say exactly which mentions
``check`` reports (line, column) and which lines ``fix`` changes; every other line must
come back byte for byte.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pyromark
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newslib import (
    Finding,
    check_file,
    fix_file,
    load_gazetteer,
    load_policy,
    scan_file,
    shipped_gazetteer,
)
from newslib.errors import InputError
from newslib.terms import markdown_input
from newslib.terms.documents import fix_document
from newslib.terms.files import parse_document
from newslib.terms.html_input import escape_html
from newslib.terms.lines import LineIndex
from newslib.terms.markdown_input import escape_markdown

Where = tuple[int, int, str, str | None]  # line, column, surface, suggestion


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))  # no newline translation: CRLF stays CRLF
    return path


def found(findings: list[Finding]) -> list[Where]:
    return [(f.line, f.column, f.surface, f.suggestion) for f in findings]


def fixed_text(path: Path, policy: str, lang: str | None = None) -> str:
    """Fix *path* in place; the file's new text, after checking that a second fix is a
    no-op (fixing is idempotent)."""
    fix_file(path, policy=policy, lang=lang)
    text = path.read_bytes().decode("utf-8")
    again = fix_file(path, policy=policy, lang=lang)
    assert (again.applied, again.fixed) == ((), text)
    return text


def changed_lines(before: str, after: str) -> dict[int, str]:
    """The lines (1-based) of *after* that differ from *before*, which has as many."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new)
    return {n: b for n, (a, b) in enumerate(zip(old, new, strict=True), 1) if a != b}


# ---------------------------------------------------------------------- Markdown

ENGLISH_MD = """\
---
title: Talks resume in Sukhumi
slug: sukhumi-talks
image: img/sukhumi.png
tags: [Sukhumi, Tskhinvali]
---

# Talks resume in Sukhumi {#sukhumi-talks}

*SUKHUMI, 12 March* — Delegations met in Sukhumi on Tuesday, a day after talks in
[Tskhinvali](https://example.org/tskhinvali "Tskhinvali guide") stalled.

![The port of Sukhumi at dawn](img/sukhumi-port.jpg "Sukhumi")

Data: `sukhumi.csv`, <https://example.org/sukhumi> or https://data.example.org/tskhinvali.
Mail <press@sukhumi.example.org>.

```python
city = "Sukhumi"
```

    indented = "Sukhumi"

<!-- check Sukhumi later -->

<div class="sukhumi">Sukhumi in raw HTML is left alone.</div>

AT&amp;T staff in Sukh&shy;umi, \\*Sukhumi\\* and **Sukh**umi, $x_{Sukhumi}$.

| City | Note |
|------|------|
| Sukhumi | a \\| b |

[ref]: https://example.org/sukhumi "Sukhumi"
"""


def test_english_markdown_check_reports_the_prose_only(tmp_path: Path) -> None:
    path = write(tmp_path, "talks.md", ENGLISH_MD)
    assert found(check_file(path, policy="russian-usage")) == [
        (8, 19, "Sukhumi", "Sukhum"),
        (10, 2, "SUKHUMI", "SUKHUM"),
        (10, 42, "Sukhumi", "Sukhum"),
        (11, 2, "Tskhinvali", "Tskhinval"),
        (13, 15, "Sukhumi", "Sukhum"),
        (28, 19, "Sukh&shy;umi", "Sukhum"),
        (28, 35, "Sukhumi", "Sukhum"),
        (28, 51, "Sukh**umi", "Sukhum"),  # reported where the reader sees it, not fixed
        (32, 3, "Sukhumi", "Sukhum"),
    ]


def test_english_markdown_fix_changes_the_prose_only(tmp_path: Path) -> None:
    path = write(tmp_path, "talks.md", ENGLISH_MD)
    after = fixed_text(path, "russian-usage")
    assert changed_lines(ENGLISH_MD, after) == {
        8: "# Talks resume in Sukhum {#sukhumi-talks}\n",
        10: "*SUKHUM, 12 March* — Delegations met in Sukhum on Tuesday, a day after talks in\n",
        11: '[Tskhinval](https://example.org/tskhinvali "Tskhinvali guide") stalled.\n',
        13: '![The port of Sukhum at dawn](img/sukhumi-port.jpg "Sukhumi")\n',
        28: "AT&amp;T staff in Sukhum, \\*Sukhum\\* and **Sukh**umi, $x_{Sukhumi}$.\n",
        32: "| Sukhum | a \\| b |\n",
    }


def test_a_name_split_by_markup_is_left_for_a_human(tmp_path: Path) -> None:
    path = write(tmp_path, "split.md", "Talks in **Sukh**umi and *Sukhumi*.\n")
    result = fix_file(path, policy="russian-usage", dry_run=True)
    assert result.fixed == "Talks in **Sukh**umi and *Sukhum*.\n"
    [left] = result.remaining
    assert (left.surface, left.fixable) == ("Sukh**umi", False)
    assert "markup splits the name" in left.message


RUSSIAN_MD = (
    "---\r\n"
    'title: "Переговоры в Сухуме"\r\n'
    "slug: peregovory-v-suhume\r\n"
    "---\r\n"
    "\r\n"
    "## Переговоры в Сухуме\r\n"
    "\r\n"
    "Делегации встретились в Сухуме, а затем в [Цхинвале](https://ru.example.org/цхинвал).\r\n"
    "Файл `Сухум.csv` и ![Порт Сухума](фото/сухум.jpg) — в архиве.\r\n"
    "\r\n"
    "> «Мы вернёмся в Сухум», — сказал делегат.\r\n"
)


def test_russian_markdown_with_crlf(tmp_path: Path) -> None:
    path = write(tmp_path, "peregovory.md", RUSSIAN_MD)
    assert found(check_file(path, policy="georgian-official")) == [
        (6, 17, "Сухуме", "Сухуми"),
        (8, 25, "Сухуме", "Сухуми"),
        (8, 44, "Цхинвале", "Цхинвали"),
        (9, 27, "Сухума", "Сухуми"),
        (11, 18, "Сухум", "Сухуми"),  # quoted: reported, never fixed
    ]
    after = fixed_text(path, "georgian-official")
    assert changed_lines(RUSSIAN_MD, after) == {
        6: "## Переговоры в Сухуми\r\n",
        8: "Делегации встретились в Сухуми, а затем в [Цхинвали](https://ru.example.org/цхинвал).\r\n",
        9: "Файл `Сухум.csv` и ![Порт Сухуми](фото/сухум.jpg) — в архиве.\r\n",
    }


GERMAN_MD = """\
+++
titel = "Gespräche in Suchum"
+++

# Gespräche in Suchum

Die Delegationen trafen sich in *Suchum*; die Straßen [Zchinwals](https://de.example.org/zchinwal)
blieben leer. Siehe `suchum.json` und ![Hafen von Suchum](bilder/suchum.jpg).
"""

FRENCH_MD = """\
# Négociations à Soukhoum

Les délégations se sont réunies à Soukhoum, puis à [Tskhinval](https://fr.example.org/tskhinval).
Voir `soukhoum.txt` et l&rsquo;image ![Port de Soukhoum](images/soukhoum.jpg).
"""


@pytest.mark.parametrize(
    ("name", "text", "lang", "expected"),
    [
        ("gespraeche.md", GERMAN_MD, "de", {
            5: "# Gespräche in Suchumi\n",
            7: "Die Delegationen trafen sich in *Suchumi*; die Straßen "
               "[Zchinwalis](https://de.example.org/zchinwal)\n",
            8: "blieben leer. Siehe `suchum.json` und ![Hafen von Suchumi](bilder/suchum.jpg).\n",
        }),
        ("negociations.md", FRENCH_MD, "fr", {
            1: "# Négociations à Soukhoumi\n",
            3: "Les délégations se sont réunies à Soukhoumi, puis à "
               "[Tskhinvali](https://fr.example.org/tskhinval).\n",
            4: "Voir `soukhoum.txt` et l&rsquo;image ![Port de Soukhoumi](images/soukhoum.jpg).\n",
        }),
    ],
)  # fmt: skip
def test_german_and_french_markdown(
    tmp_path: Path, name: str, text: str, lang: str, expected: dict[int, str]
) -> None:
    path = write(tmp_path, name, text)
    assert changed_lines(text, fixed_text(path, "georgian-official", lang)) == expected


GEORGIAN_MD = """\
---
სათაური: მოლაპარაკებები სოხუმში
---

# მოლაპარაკებები სოხუმში

დელეგაციები შეხვდნენ **ცხინვალში** და [სოხუმში](https://ka.example.org/სოხუმი).
ფაილი `სოხუმი.csv` და ![სოხუმის პორტი](სურათები/სოხუმი.jpg).
"""


def test_georgian_markdown_mentions_at_their_columns(tmp_path: Path) -> None:
    """Georgian letters are three UTF-8 bytes each: pyromark's byte ranges must come back
    as the right character offsets."""
    path = write(tmp_path, "ka.md", GEORGIAN_MD)
    lines = LineIndex(GEORGIAN_MD)
    mentions = [(*lines.at(m.start), m.surface) for m in scan_file(path, lang="ka")]
    assert mentions == [
        (5, 18, "სოხუმში"),
        (7, 24, "ცხინვალში"),
        (7, 40, "სოხუმში"),
        (8, 25, "სოხუმის"),  # the image's alt text
    ]
    assert check_file(path, policy="georgian-official", lang="ka") == []


def test_front_matter_after_a_byte_order_mark(tmp_path: Path) -> None:
    text = "\ufeff---\nslug: sukhumi\n---\nIn Sukhumi.\n"
    path = write(tmp_path, "bom.md", text)
    assert fixed_text(path, "russian-usage") == "\ufeff---\nslug: sukhumi\n---\nIn Sukhum.\n"


def test_invisible_marks_do_not_hide_a_name(tmp_path: Path) -> None:
    text = "Sukh\u00adumi, Sukh\u200bumi, Sukh&shy;umi, Sukh&#173;umi and Sukh&#x200B;umi.\n"
    path = write(tmp_path, "marks.md", text)
    assert len(check_file(path, policy="russian-usage")) == 5
    assert fixed_text(path, "russian-usage") == ("Sukhum, Sukhum, Sukhum, Sukhum and Sukhum.\n")


# ---------------------------------------------------------------------- HTML

ENGLISH_HTML = """\
<!DOCTYPE html>
<html lang="en">
<head>
<title>Talks in Sukhumi</title>
<meta name="description" content="Talks in Sukhumi">
<style>.sukhumi > p { color: red }</style>
<script>const city = "Sukhumi"; if (a > b) { go("Sukhumi") }</script>
</head>
<body>
<h1 class="sukhumi" data-note="a > b, Sukhumi">Talks resume in Sukh&shy;umi</h1>
<p>Delegations met in <a href="https://example.org/sukhumi" title='Guide to Sukhumi'>Sukhumi</a>
and later in Tskhinvali &amp; Gali.</p>
<img src="img/sukhumi.jpg" alt="The port of Sukh&#173;umi">
<p>The <code>Sukhumi</code> key, then <b>Sukh</b>umi.
<pre>Sukhumi</pre>
<!-- check Sukhumi later -->
<blockquote>We stay in Sukhumi.</blockquote>
</body>
</html>
"""


def test_english_html_check_reports_text_alt_and_title(tmp_path: Path) -> None:
    path = write(tmp_path, "talks.html", ENGLISH_HTML)
    assert found(check_file(path, policy="russian-usage")) == [
        (4, 17, "Sukhumi", "Sukhum"),
        (10, 64, "Sukh&shy;umi", "Sukhum"),
        (11, 77, "Sukhumi", "Sukhum"),  # the title attribute
        (11, 86, "Sukhumi", "Sukhum"),
        (12, 14, "Tskhinvali", "Tskhinval"),
        (12, 31, "Gali", "Gal"),
        (13, 45, "Sukh&#173;umi", "Sukhum"),
        (14, 42, "Sukh</b>umi", "Sukhum"),  # reported, left for a human
        (17, 24, "Sukhumi", "Sukhum"),  # quoted: reported, never fixed
    ]


def test_english_html_fix_changes_text_alt_and_title_only(tmp_path: Path) -> None:
    path = write(tmp_path, "talks.html", ENGLISH_HTML)
    after = fixed_text(path, "russian-usage")
    assert changed_lines(ENGLISH_HTML, after) == {
        4: "<title>Talks in Sukhum</title>\n",
        10: '<h1 class="sukhumi" data-note="a > b, Sukhumi">Talks resume in Sukhum</h1>\n',
        11: '<p>Delegations met in <a href="https://example.org/sukhumi" title=\'Guide to '
        "Sukhum'>Sukhum</a>\n",
        12: "and later in Tskhinval &amp; Gal.</p>\n",
        13: '<img src="img/sukhumi.jpg" alt="The port of Sukhum">\n',
    }


RUSSIAN_HTML = """\
<article lang="ru">
  <h2 title="Переговоры в Сухуме">Переговоры в&nbsp;Сухуме</h2>
  <p>Делегаты прибыли в Цхинвал&nbsp;— <a href="/цхинвал" title=Цхинвал>подробнее</a>.
  <p>Код: <code>Сухум</code>, <img alt=Сухум src=сухум.png>
</article>
"""


def test_russian_html_with_optional_end_tags_and_unquoted_values(tmp_path: Path) -> None:
    path = write(tmp_path, "ru.html", RUSSIAN_HTML)
    after = fixed_text(path, "georgian-official")
    assert changed_lines(RUSSIAN_HTML, after) == {
        2: '  <h2 title="Переговоры в Сухуми">Переговоры в&nbsp;Сухуми</h2>\n',
        3: '  <p>Делегаты прибыли в Цхинвали&nbsp;— <a href="/цхинвал" title=Цхинвали>'
        "подробнее</a>.\n",
        4: "  <p>Код: <code>Сухум</code>, <img alt=Сухуми src=сухум.png>\n",
    }


def test_an_unparseable_declaration_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path, "odd.html", "<p>Sukhumi</p>\n<![foo[ x ]]>\n")
    with pytest.raises(InputError) as caught:
        check_file(path, policy="russian-usage")
    assert (caught.value.path, caught.value.line) == (str(path), 2)


# ---------------------------------------------------------------------- escaping

ESCAPING_GAZETTEER = """\
entities:
  - id: mill
    kind: place
    names:
      en:
        - {text: Mill & Tower, usage: [georgian-official]}
        - {text: Milltown, usage: [russian-usage]}
  - id: port
    kind: place
    names:
      en:
        - {text: Port'Ville, usage: [georgian-official]}
        - {text: Portville, usage: [russian-usage]}
"""


@pytest.mark.parametrize(
    ("name", "text", "fixed"),
    [
        ("a.md", "Milltown *and* Portville.\n", "Mill \\& Tower *and* Port'Ville.\n"),
        ("a.html", "<p>Milltown, Portville</p>", "<p>Mill &amp; Tower, Port'Ville</p>"),
        ("b.html", '<img alt="Milltown" title=\'Portville\'>',
         '<img alt="Mill &amp; Tower" title=\'Port&#x27;Ville\'>'),
        ("c.html", "<img alt=Milltown title=Portville>", "<img alt=Milltown title=Portville>"),
    ],
)  # fmt: skip
def test_a_fix_is_escaped_for_the_markup_it_goes_into(
    tmp_path: Path, name: str, text: str, fixed: str
) -> None:
    gazetteer = load_gazetteer(write(tmp_path, "g.yaml", ESCAPING_GAZETTEER))
    path = write(tmp_path, name, text)
    result = fix_file(path, policy="georgian-official", gazetteer=gazetteer, lang="en")
    assert result.fixed == fixed
    if name == "c.html":  # an unquoted value can take neither a space nor a quote mark
        assert [f.surface for f in result.remaining] == ["Milltown", "Portville"]
        assert all("not quoted" in f.message for f in result.remaining)


def test_escapers() -> None:
    assert escape_markdown("[Sukhum]*") == "\\[Sukhum\\]\\*"
    assert escape_html("A<B", quote="'") == "A&lt;B"
    assert escape_html("A B", quote="") is None


# ---------------------------------------------------------------------- suppression

SUPPRESSED_MD = """\
In Sukhumi.

<!-- newslib ignore=variant -->
In Sukhumi, not fixed.

- In Sukhumi.

<!-- newslib off -->

In Sukhumi, not read.

```
<!-- newslib on -->
```

Still off: Sukhumi.

<!-- newslib on -->

In Sukhumi.
"""


def test_markdown_suppression_comments(tmp_path: Path) -> None:
    path = write(tmp_path, "s.md", SUPPRESSED_MD)
    assert [f.line for f in check_file(path, policy="russian-usage")] == [1, 6, 20]
    assert set(changed_lines(SUPPRESSED_MD, fixed_text(path, "russian-usage"))) == {1, 6, 20}


SUPPRESSED_HTML = """\
<p>In Sukhumi.</p>
<!-- newslib ignore=variant, inconsistent -->
<p title="Sukhumi">In <b>Sukhumi</b>, not fixed.</p>
<p>In Sukhumi.</p>
<!-- newslib off --><p>In Sukhumi, not read.</p><!-- newslib on -->
<img alt="Sukhumi" src="x.png">
"""


def test_html_suppression_comments(tmp_path: Path) -> None:
    path = write(tmp_path, "s.html", SUPPRESSED_HTML)
    assert [f.line for f in check_file(path, policy="russian-usage")] == [1, 4, 6]


@pytest.mark.parametrize(
    ("name", "text", "line", "problem"),
    [
        ("a.md", "Text.\n\n<!-- newslib ignore=variant,spelling -->\nMore.\n", 3,
         "unknown rule 'spelling'"),
        ("b.md", "Text <!-- newslib of --> here.\n", 1, "unknown newslib comment 'of'"),
        ("c.html", "<p>Text</p>\n\n<!--newslib ignore=varient-->", 3, "unknown rule 'varient'"),
    ],
)  # fmt: skip
def test_an_unknown_rule_in_a_comment_is_an_error_at_its_line(
    tmp_path: Path, name: str, text: str, line: int, problem: str
) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(InputError) as caught:
        check_file(path, policy="russian-usage")
    error = caught.value
    assert (error.path, error.line) == (str(path), line)
    assert error.problem.startswith(problem)
    assert error.hint and "unknown-spelling" in error.hint


def test_other_comments_mentioning_newslib_are_not_directives(tmp_path: Path) -> None:
    path = write(tmp_path, "c.md", "<!-- newslib-generated; see newslib docs -->\nIn Sukhumi.\n")
    assert len(check_file(path, policy="russian-usage")) == 1


# ---------------------------------------------------------------------- properties

_PIECES = st.sampled_from(
    [
        "Sukhumi", "Tskhinvali", "SUKHUMI", "Sukh&shy;umi", "in", " ", " ", "\n", "\n\n",
        "**", "*", "_", "`Sukhumi`", "[Sukhumi](https://x.org/sukhumi)",
        "![Sukhumi](sukhumi.png \"Sukhumi\")", "<https://sukhumi.org>", "<!-- Sukhumi -->",
        "<b>", "</b>", "&amp;", "\\*", "\\", "> ", "# ", "- ", "    ", "```\nSukhumi\n```\n",
        "$Sukhumi$", "|", "Сухуми", "в Сухуме", "სოხუმში", "\r\n", "&", "<",
    ]
)  # fmt: skip
_MARKDOWN = st.lists(_PIECES, max_size=30).map("".join)


_OPTIONS = markdown_input._OPTIONS  # the reader's own: the test parses as it does


def _not_prose(markdown: str) -> list[object]:
    """Every pyromark event of *markdown* but the text of prose: what a fix must keep."""
    events: list[object] = []
    hidden = 0
    for event in pyromark.events(markdown, options=_OPTIONS):
        if isinstance(event, dict) and "Text" in event and not hidden:
            continue
        if isinstance(event, dict) and ("Start" in event or "End" in event):
            tag = event.get("Start", event.get("End"))
            name = next(iter(tag)) if isinstance(tag, dict) else tag
            if name in ("CodeBlock", "MetadataBlock"):
                hidden += 1 if "Start" in event else -1
            if name in ("Link", "Image") and "Start" in event:
                assert isinstance(tag, dict)
                link = tag[name]
                event = {"Start": {name: (link["link_type"], link["dest_url"], link["title"])}}
        events.append(event)
    return events


@settings(max_examples=120, deadline=None)
@example("<Sukh&shy;umi> ")  # fixed, it would open an HTML block
@given(_MARKDOWN)
def test_fixing_markdown_never_changes_what_is_not_prose(markdown: str) -> None:
    document = parse_document(markdown, path="p.md")
    assert document.offsets is not None and document.ends is not None
    prose = set()
    for start, end in zip(document.offsets, document.ends, strict=False):
        prose.update(range(start, end))
    policy, gazetteer = load_policy("russian-usage"), shipped_gazetteer()
    fixed, applied = fix_document(document, policy=policy, gazetteer=gazetteer, lang="en")
    for finding in applied:
        assert set(range(finding.start, finding.end)) <= prose
    assert _not_prose(fixed) == _not_prose(markdown)
    again, _ = fix_document(
        parse_document(fixed, path="p.md"), policy=policy, gazetteer=gazetteer, lang="en"
    )
    assert again == fixed


_HTML_PIECES = st.sampled_from(
    [
        "Sukhumi", "Tskhinvali", "Sukh&shy;umi", "Sukh&#173;umi", " ", "\n", "<p>", "</p>",
        "<b>", "</b>", "<br>", '<a href="/sukhumi" title="Sukhumi">', "</a>",
        '<img alt="Sukhumi &amp; Gali" src="sukhumi.png">', "<img alt=Sukhumi src=x>",
        "<code>Sukhumi</code>", "<pre>Sukhumi</pre>", "<script>s = 'Sukhumi'</script>",
        "<!-- Sukhumi -->", '<div data-x="a > Sukhumi">', "</div>", "&amp;", "&", "<", ">",
        "<li>", "<blockquote>", "</blockquote>", "Сухуми", "в Сухуме", "სოხუმში",
    ]
)  # fmt: skip
_HTML = st.lists(_HTML_PIECES, max_size=30).map("".join)


class _Markup(HTMLParser):
    """Every parser event of an HTML text but its prose: what a fix must keep."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[object] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = [(n, v) for n, v in attrs if n not in ("alt", "title")]
        self.events.append((tag, kept))
        self.skip += tag in ("code", "pre", "script")

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("/", tag))
        # A stray end tag closes nothing ("<Sukhumi<script>" opens a "sukhumi<script").
        self.skip = max(0, self.skip - (tag in ("code", "pre", "script")))

    def handle_data(self, data: str) -> None:
        if self.skip:
            self.events.append(data)

    def handle_comment(self, data: str) -> None:
        self.events.append(("!", data))


def _html_not_prose(text: str) -> list[object]:
    parser = _Markup()
    parser.feed(text)
    parser.close()
    return parser.events


@settings(max_examples=120, deadline=None)
@given(_HTML)
@example("<Sukhumi<script>s = 'Sukhumi'</script>Sukhumi")  # a tag named "sukhumi<script"
def test_fixing_html_never_changes_what_is_not_prose(text: str) -> None:
    policy, gazetteer = load_policy("russian-usage"), shipped_gazetteer()
    fixed, _ = fix_document(
        parse_document(text, path="p.html"), policy=policy, gazetteer=gazetteer, lang="en"
    )
    assert _html_not_prose(fixed) == _html_not_prose(text)
    again, _ = fix_document(
        parse_document(fixed, path="p.html"), policy=policy, gazetteer=gazetteer, lang="en"
    )
    assert again == fixed
