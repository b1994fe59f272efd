"""The map of granted money per municipality: geometry, classes, amounts and the text table."""

import re
from decimal import Decimal

import pytest

from bidra.core.money import format_kronor
from bidra.core.stockholm import STOCKHOLM
from bidra.municipalities.models import Municipality
from bidra.public import map as sweden

from .test_public_fixtures import build_rounds, granted_to


@pytest.fixture
def rounds(programme):
    return build_rounds(programme)


def amounts_by_code(rounds, years=None) -> dict[str, Decimal]:
    expected: dict[str, Decimal] = {}
    for decision in rounds.grants:
        if years is None or decision.batch.signed_at.astimezone(STOCKHOLM).year in years:
            code = decision.application.municipality.code
            expected[code] = expected.get(code, Decimal(0)) + decision.amount
    return expected


# --- Geometry (no database) ----------------------------------------------------------------------
def test_every_one_of_the_290_municipalities_has_a_path():
    geometry = sweden.geometry()
    codes = [shape.code for shape in geometry.shapes]
    assert len(codes) == len(set(codes)) == 290
    for shape in geometry.shapes:
        assert re.fullmatch(r"(M-?\d+ -?\d+(l[-\d ]+)?z)+", shape.d), shape.code
        min_x, min_y, max_x, max_y = shape.bounds
        assert 0 <= min_x <= max_x <= geometry.width and 0 <= min_y <= max_y <= geometry.height


def test_the_geometry_is_built_once():
    assert sweden.geometry() is sweden.geometry()


def test_north_is_up_and_the_projection_keeps_swedens_shape():
    shapes = {shape.code: shape for shape in sweden.geometry().shapes}
    kiruna, malmo = shapes["2584"].bounds, shapes["1280"].bounds
    assert kiruna[3] < malmo[1]  # Kiruna lies above Malmö
    geometry = sweden.geometry()
    assert 2.0 < geometry.height / geometry.width < 2.4  # long and narrow, as on any map of Sweden


@pytest.mark.django_db
def test_the_map_covers_every_municipality_in_the_reference_data(reference_data):
    assert {shape.code for shape in sweden.geometry().shapes} == set(
        Municipality.objects.values_list("code", flat=True)
    )


# --- Classes (no database) -----------------------------------------------------------------------
def test_the_largest_amount_is_in_the_darkest_class():
    amounts = [Decimal(a) for a in (50_000, 80_000, 120_000, 150_000, 200_000, 260_000, 400_000, 900_000, 1_500_000)]
    steps = sweden.classify(amounts)
    assert len(steps) == 5
    assert [step.colour for step in steps] == list(sweden.PALETTE)
    assert sweden.step_for(Decimal(1_500_000), steps).colour == sweden.PALETTE[-1]
    assert sweden.step_for(Decimal(50_000), steps).colour == sweden.PALETTE[0]
    assert sum(step.count for step in steps) == len(amounts)
    for amount in amounts:  # every amount is inside its class's limits, as the legend states them
        step = sweden.step_for(amount, steps)
        assert step.lower <= amount <= step.upper
    uppers = [step.upper for step in steps]
    assert uppers == sorted(uppers) and steps[-1].upper == max(amounts)


def test_few_distinct_amounts_still_put_the_largest_in_the_darkest_class():
    steps = sweden.classify([Decimal(100_000), Decimal(100_000), Decimal(300_000)])
    assert len(steps) == 2
    assert steps[-1].colour == sweden.PALETTE[-1] and steps[0].colour == sweden.PALETTE[0]
    only = sweden.classify([Decimal(250_000)])
    assert [(s.colour, s.lower, s.upper) for s in only] == [(sweden.PALETTE[-1], 250_000, 250_000)]


def test_nothing_granted_has_no_class():
    assert sweden.classify([]) == []
    assert sweden.classify([Decimal(0)]) == []
    assert sweden.step_for(Decimal(0), sweden.classify([Decimal(10)])) is None
    assert sweden.NO_GRANT not in sweden.PALETTE


# --- The page ------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_amount_per_municipality_is_the_sum_of_its_published_grants(client, rounds):
    response = client.get("/karta/")
    totals = {total.code: total.amount for total in response.context["map"].totals}
    assert totals == amounts_by_code(rounds)
    assert totals["0180"] == sum(d.amount for d in granted_to(rounds, "0180"))  # two grants, two years
    assert len(granted_to(rounds, "0180")) == 2
    assert "2584" not in totals  # refused
    assert "1480" not in totals  # drafted, never signed


@pytest.mark.django_db
def test_the_chosen_years_decide_which_grants_count(client, rounds):
    last_year = rounds.last_year_signed_at.year
    response = client.get("/karta/", {"year": last_year})
    totals = {total.code: total.amount for total in response.context["map"].totals}
    assert totals == amounts_by_code(rounds, years={last_year})
    assert set(totals) == {"0180", "1280"}

    response = client.get("/karta/", {"year": [last_year, last_year + 1]})
    assert {t.code: t.amount for t in response.context["map"].totals} == amounts_by_code(rounds)

    response = client.get("/karta/", {"year": last_year + 1})
    assert {t.code for t in response.context["map"].totals} == {"0180", "0581"}


@pytest.mark.django_db
def test_the_svg_has_every_municipality_a_name_and_the_largest_amount_darkest(client, rounds):
    page = client.get("/karta/").content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="map-title map-desc"' in svg
    assert '<title id="map-title">' in svg
    assert svg.count("<path ") == 290
    assert "<title>Kiruna: inget beviljat</title>" in svg
    expected = amounts_by_code(rounds)
    largest = max(expected, key=expected.get)
    name = Municipality.objects.get(code=largest).name
    assert f"<title>{name}: {format_kronor(expected[largest])} (2 bidrag)</title>" in svg
    fill = re.search(rf'<path id="m{largest}" d="[^"]+" fill="(#[0-9a-f]+)"', svg).group(1)
    assert fill == sweden.PALETTE[-1]
    kiruna = re.search(r'<path id="m2584" d="[^"]+" fill="(#[0-9a-f]+)"', svg).group(1)
    assert kiruna == sweden.NO_GRANT
    assert "<script" not in page[page.index("<main") :]  # the map needs no JavaScript


@pytest.mark.django_db
def test_the_text_table_lists_exactly_the_municipalities_with_grants(client, rounds):
    page = client.get("/karta/").content.decode()
    table = page[page.index('id="map-table-caption"') : page.index("</table>")]
    body = table[table.index("<tbody") : table.index("</tbody>")]
    rows = re.findall(r'<th scope="row" role="rowheader">([^<]+)</th>', body)
    expected = amounts_by_code(rounds)
    names = dict(Municipality.objects.filter(code__in=expected).values_list("name", "code"))
    assert sorted(rows) == sorted(names)
    for name, code in names.items():
        assert format_kronor(expected[code]) in body, name
    assert "Skåne län" in body and "Östergötlands län" in body  # the county column
    assert format_kronor(sum(expected.values())) in table  # the total row


@pytest.mark.django_db
def test_the_legend_states_the_class_limits_in_kronor(client, rounds):
    response = client.get("/karta/")
    steps = response.context["map"].steps
    page = response.content.decode()
    legend = page[page.index('class="legend"') :]
    for step in steps:
        assert format_kronor(step.upper) in legend
    assert "Inget beviljat" in legend
    assert f"{290 - len(amounts_by_code(rounds))} kommuner" in legend  # nothing granted
