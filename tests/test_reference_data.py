"""Counties and municipalities: loading, reloading and re-importing population."""

import io

import pytest
from django.core.management import CommandError, call_command

from bidra.applications.models import Application
from bidra.municipalities.models import County, Municipality
from bidra.municipalities.reference_data import ReferenceDataError, import_population


@pytest.mark.django_db
def test_the_shipped_files_give_290_municipalities_in_21_counties():
    call_command("load_municipalities", stdout=io.StringIO())
    assert County.objects.count() == 21
    assert Municipality.objects.count() == 290
    stockholm = Municipality.objects.get(code="0180")
    assert (stockholm.name, stockholm.county.code, stockholm.national_area) == ("Stockholm", "01", "east")
    assert stockholm.skr_group_code == "A1" and stockholm.skr_main_group == "A"
    assert stockholm.population_year == 2016 and stockholm.population > 900_000
    kiruna = Municipality.objects.get(code="2584")
    assert kiruna.national_area == "north" and kiruna.nuts2.startswith("SE33")
    assert set(Municipality.objects.values_list("national_area", flat=True)) == {"east", "south", "north"}


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    call_command("load_municipalities", stdout=io.StringIO())
    ids = dict(Municipality.objects.values_list("code", "id"))
    out = io.StringIO()
    call_command("load_municipalities", stdout=out)
    assert "0 created, 0 updated, 290 unchanged" in out.getvalue()
    assert dict(Municipality.objects.values_list("code", "id")) == ids


@pytest.mark.django_db
def test_population_reimport_keeps_references(submitted, tmp_path):
    municipality_id = submitted.municipality_id
    newer = tmp_path / "befolkning-2025.csv"
    newer.write_text("code,population,population_year\n0180,988943,2025\n9999,1,2025\n", encoding="utf-8")
    err = io.StringIO()
    call_command("import_population", str(newer), stdout=io.StringIO(), stderr=err)
    stockholm = Municipality.objects.get(code="0180")
    assert (stockholm.population, stockholm.population_year) == (988943, 2025)
    assert stockholm.id == municipality_id
    assert Application.objects.get(pk=submitted.pk).municipality_id == municipality_id
    assert "9999" in err.getvalue()
    assert Municipality.objects.get(code="1280").population_year == 2016


@pytest.mark.django_db
def test_a_population_file_with_missing_columns_is_refused(reference_data, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("kod,folkmangd\n0180,1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing columns"):
        call_command("import_population", str(bad))


@pytest.mark.django_db
def test_a_population_that_is_not_a_number_is_refused(reference_data):
    with pytest.raises(ReferenceDataError, match="line 2"):
        import_population(io.StringIO("code,population,population_year\n0180,många,2025\n"))
    assert Municipality.objects.get(code="0180").population_year == 2016


@pytest.mark.django_db
def test_a_municipality_in_an_unknown_skr_group_is_refused(reference_data):
    from bidra.municipalities.reference_data import MUNICIPALITY_COLUMNS, load_municipalities

    header = ",".join(sorted(MUNICIPALITY_COLUMNS))
    values = {
        "code": "0180",
        "name": "Stockholm",
        "county_code": "01",
        "county_name": "Stockholms län",
        "population": "1",
        "population_year": "2025",
        "skr_group_code": "A9",
        "skr_group": "Finns inte",
        "skr_main_group": "A",
        "national_area": "Östra Sverige",
        "nuts2": "SE11 Stockholm",
    }
    line = ",".join(values[column] for column in sorted(MUNICIPALITY_COLUMNS))
    with pytest.raises(ReferenceDataError, match="line 2: unknown SKR municipality group 'A9'"):
        load_municipalities(io.StringIO(f"{header}\n{line}\n"))
    assert Municipality.objects.get(code="0180").skr_group_code == "A1"


def test_the_skr_groups_are_those_of_the_shipped_data():
    import csv
    from pathlib import Path

    from bidra import municipalities
    from bidra.municipalities.models import SkrGroup

    with (Path(municipalities.__file__).parent / "data" / "municipalities.csv").open(encoding="utf-8") as handle:
        shipped = {(row["skr_group_code"], row["skr_group"]) for row in csv.DictReader(handle)}
    assert shipped == {(group.value, str(group.label)) for group in SkrGroup}
