"""An article rendered as written (no edition) keeps its own language's quotation style:
English in the wire's plain style, Russian, French and German copy in their agencies'."""

from __future__ import annotations

from datetime import date

import pytest

import newslib


@pytest.mark.parametrize(
    ("copy", "shown"),
    [
        ("Talks open in Batumi on the rail link\n\nBATUMI, Georgia (AP) — Talks opened.\n\n"
         '"We are ready to talk," Mayor Giorgi Lomidze said.\n\nEnd.\n',
         '"We are ready to talk," Mayor Giorgi Lomidze said.'),
        ("Переговоры в Санкт-Петербурге продлятся два дня\n\n"
         "САНКТ-ПЕТЕРБУРГ, 21 февраля. /ТАСС/. Переговоры начались.\n\n"
         '"Все вопросы будут на столе", - заявила Ольга Смирнова.\n\nКонец.\n',
         "«Все вопросы будут на столе», — заявила Ольга Смирнова."),
        ("La Géorgie et l'Arménie relancent le projet ferroviaire\n\n"
         "Erevan (AFP) - Les ministres se sont rencontrés.\n\n"
         "« Aucun accord n'a été signé », a-t-il déclaré.\n\nFin.\n",
         "« Aucun accord n'a été signé », a-t-il déclaré."),
        ("Georgien und Armenien wollen die Bahnstrecke prüfen\n\n"
         "Eriwan, 12. März (dpa) - Die Minister trafen sich.\n\n"
         "«Nichts ist unterschrieben», sagte Katrin Müller.\n\nEnde.\n",
         "„Nichts ist unterschrieben“, sagte Katrin Müller."),
    ],
)  # fmt: skip
def test_a_quote_as_written_is_in_its_languages_style(copy: str, shown: str) -> None:
    article = newslib.import_text(copy, filed=date(2025, 3, 3)).article
    for format in ("text", "markdown"):
        rendered = newslib.render(article, format)
        assert shown in rendered.replace("\u202f", " ").replace("\xa0", " ")  # French spaces
