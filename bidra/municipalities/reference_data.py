"""Loading the counties and municipalities from the CSV files shipped with the package.

The files are copies of ../shared/data (see that folder's SOURCES.md) so that an installed
Bidra does not depend on the source tree. Loading is idempotent: rows are matched on their
SCB code and updated in place, so references from applications and memberships survive.
"""

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from django.db import transaction

from .models import County, Municipality, NationalArea, SkrGroup

DATA_DIR = Path(__file__).resolve().parent / "data"
MUNICIPALITY_COLUMNS = {
    "code",
    "name",
    "county_code",
    "county_name",
    "population",
    "population_year",
    "skr_group_code",
    "skr_group",
    "skr_main_group",
    "national_area",
    "nuts2",
}


class ReferenceDataError(ValueError):
    """The file does not have the expected shape; the message says where."""


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    unknown_codes: tuple[str, ...] = ()


def _rows(handle: TextIO, required: set[str]) -> list[dict[str, str]]:
    reader = csv.DictReader(handle)
    missing = required - set(reader.fieldnames or [])
    if missing:
        raise ReferenceDataError(f"missing columns: {', '.join(sorted(missing))}")
    return list(reader)


def _population(row: dict[str, str], line: int) -> tuple[int, int]:
    try:
        return int(row["population"].replace(" ", "")), int(row["population_year"])
    except ValueError as error:
        raise ReferenceDataError(f"line {line}: population and population_year must be whole numbers") from error


@transaction.atomic
def load_counties(handle: TextIO) -> LoadResult:
    result = LoadResult()
    for row in _rows(handle, {"code", "name"}):
        _, created = County.objects.update_or_create(code=row["code"], defaults={"name": row["name"]})
        result.created += created
        result.updated += not created
    return result


@transaction.atomic
def load_municipalities(handle: TextIO) -> LoadResult:
    """Create or update every municipality in the file; never deletes one."""
    result = LoadResult()
    counties = {county.code: county for county in County.objects.all()}
    existing = {m.code: m for m in Municipality.objects.all()}
    new = []
    for line, row in enumerate(_rows(handle, MUNICIPALITY_COLUMNS), start=2):
        if row["county_code"] not in counties:
            raise ReferenceDataError(f"line {line}: unknown county code {row['county_code']!r}")
        if row["skr_group_code"] not in SkrGroup.values:
            raise ReferenceDataError(f"line {line}: unknown SKR municipality group {row['skr_group_code']!r}")
        population, year = _population(row, line)
        values = {
            "name": row["name"],
            "county": counties[row["county_code"]],
            "population": population,
            "population_year": year,
            "skr_group_code": row["skr_group_code"],
            "skr_group_name": row["skr_group"],
            "skr_main_group": row["skr_group_code"][:1],
            "national_area": NationalArea.from_label(row["national_area"]).value,
            "nuts2": row["nuts2"],
        }
        current = existing.get(row["code"])
        if current is None:
            new.append(Municipality(code=row["code"], **values))
        elif any(getattr(current, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(current, key, value)
            current.save()
            result.updated += 1
        else:
            result.unchanged += 1
    Municipality.objects.bulk_create(new)
    result.created = len(new)
    return result


@transaction.atomic
def import_population(handle: TextIO) -> LoadResult:
    """Update population and its year from a newer file in the same format.

    Only those two columns change; codes not in the database are reported, not created.
    """
    result = LoadResult()
    existing = {m.code: m for m in Municipality.objects.all()}
    unknown = []
    for line, row in enumerate(_rows(handle, {"code", "population", "population_year"}), start=2):
        municipality = existing.get(row["code"])
        if municipality is None:
            unknown.append(row["code"])
            continue
        population, year = _population(row, line)
        if (municipality.population, municipality.population_year) == (population, year):
            result.unchanged += 1
            continue
        municipality.population, municipality.population_year = population, year
        municipality.save(update_fields=["population", "population_year"])
        result.updated += 1
    result.unknown_codes = tuple(unknown)
    return result


def load_shipped_reference_data() -> tuple[LoadResult, LoadResult]:
    with open(DATA_DIR / "counties.csv", encoding="utf-8") as counties:
        county_result = load_counties(counties)
    with open(DATA_DIR / "municipalities.csv", encoding="utf-8") as municipalities:
        municipality_result = load_municipalities(municipalities)
    return county_result, municipality_result
