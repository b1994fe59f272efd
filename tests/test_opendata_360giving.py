"""The 360Giving export: valid against the standard's schemas (offline), exactly the published grants,
whole kronor, Stockholm dates, the documented identifiers, the same values in CSV, and a fixed number
of queries however many grants there are."""

import csv
import io
import json
import re
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from bidra.accounts.models import AgencyRole
from bidra.allocation import services as allocation
from bidra.core.organisation_number import normalise
from bidra.decisions import services as decisions
from bidra.decisions.models import Decision
from bidra.municipalities.models import Municipality
from bidra.opendata import giving, streams

from .decision_helpers import assessed_call
from .helpers import make_staff

SCHEMAS = Path(__file__).parent / "data" / "360giving"
GRANT_SCHEMA = json.loads((SCHEMAS / "360-giving-schema.json").read_text(encoding="utf-8"))
PACKAGE_SCHEMA = json.loads((SCHEMAS / "360-giving-package-schema.json").read_text(encoding="utf-8"))

# Signed at 23:30 UTC on 2 May 2024, which is 01:30 on 3 May in Stockholm (summer time).
SIGNED_AT = datetime(2024, 5, 2, 23, 30, tzinfo=UTC)
STOCKHOLM_AWARD_DATE = "2024-05-03"
MALMO_ORGANISATION_NUMBER = "212000-1124"
# (municipality code, requested, score level); Kiruna (2584) is refused below.
APPLICANTS = [
    ("0180", 400_000, 4),
    ("1280", 300_000, 3),
    ("2584", 200_000, 2),
    ("1480", 250_000, 3),
    ("0581", 150_000, 2),
]

# --- offline validation ------------------------------------------------------------------------
# Both schemas declare "$schema": "http://json-schema.org/draft/2020-12/schema" (http, not the
# official https URI), which neither jsonschema.validators.validator_for nor referencing recognise,
# so the draft is named explicitly: Draft202012Validator and DRAFT202012 resources. The package
# schema refers to the grant schema by its 1.4.2 URL while the grant schema's own $id is 1.4.3:
# the local copy is registered under both, and a registry without a retriever never fetches.
_GRANT_RESOURCE = DRAFT202012.create_resource(GRANT_SCHEMA)
REGISTRY = Registry().with_resources(
    [(PACKAGE_SCHEMA["properties"]["grants"]["items"]["$ref"], _GRANT_RESOURCE), (GRANT_SCHEMA["$id"], _GRANT_RESOURCE)]
)

# Dates such as awardDate are "oneOf: [{format: date-time}, {pattern: YYYY-MM-DD}]": unless
# date-time is asserted, a plain date matches both branches and fails oneOf. jsonschema checks
# date-time only with the optional rfc3339-validator package, which is not installed, so the check
# is written here (RFC 3339 section 5.6), with uri (absolute, with a scheme and host).
FORMATS = FormatChecker()
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    if not _RFC3339.match(value):
        return False
    datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    return True


@FORMATS.checks("uri")
def _uri(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and (parts.netloc or parts.scheme in ("mailto", "urn")))


def package_errors(package: dict) -> list[str]:
    validator = Draft202012Validator(PACKAGE_SCHEMA, registry=REGISTRY, format_checker=FORMATS)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(package)]


# --- data ----------------------------------------------------------------------------------------


@pytest.fixture
def malmo_with_organisation_number(reference_data):
    assert normalise(MALMO_ORGANISATION_NUMBER) == MALMO_ORGANISATION_NUMBER  # a valid number (Luhn)
    Municipality.objects.filter(code="1280").update(organisation_number=MALMO_ORGANISATION_NUMBER)


@pytest.fixture
def drafted(open_call, malmo_with_organisation_number):
    """Five assessed applications; the proposal funds four in full and refuses Kiruna's; drafted, not signed."""
    applications, officer = assessed_call(open_call, APPLICANTS)
    kiruna = next(a for a in applications if a.municipality.code == "2584")
    proposal = allocation.run_proposal(
        open_call,
        by=officer,
        choices=allocation.RulesInput(require_each_national_area=False, must_not_fund=frozenset({str(kiruna.pk)})),
    )
    return decisions.draft_from_proposal(proposal, by=officer)


@pytest.fixture
def decided(drafted):
    signer = make_staff("beslut@lst.test", AgencyRole.DECISION_MAKER)
    return decisions.sign_batch(drafted, by=signer, at=SIGNED_AT)


def granted_decisions():
    return list(
        Decision.objects.filter(batch__state="signed")
        .exclude(outcome="refused")
        .select_related("application__case", "application__municipality")
    )


def get_package(client) -> dict:
    response = client.get("/opendata/360giving.json")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(b"".join(response.streaming_content))


def get_csv(client) -> list[list[str]]:
    response = client.get("/opendata/360giving.csv")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


# --- the JSON package ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_package_of_a_decided_call_validates_against_the_360giving_schemas(client, decided):
    package = get_package(client)
    assert package_errors(package) == []
    assert len(package["grants"]) == 4
    assert package["version"] == giving.STANDARD_VERSION
    assert package["license"] == giving.CC0_URI
    assert package["publisher"] == {"name": "Länsstyrelsen i Stockholms län", "identifier": "SE-ON-2021002247"}
    assert package["issued"] == STOCKHOLM_AWARD_DATE
    assert package["modified"] == "2024-05-03T01:30:00+02:00"
    assert package["downloadURL"] == "http://testserver/opendata/360giving.json"


@pytest.mark.django_db
def test_validation_is_not_vacuous(client, decided):
    package = get_package(client)
    package["grants"][0]["amountAwarded"] = "400000"
    del package["grants"][1]["fundingOrganization"]
    package["grants"][2]["awardDate"] = "3 maj 2024"
    errors = package_errors(package)
    assert any(error.startswith("grants/0/amountAwarded") for error in errors)
    assert any(error.startswith("grants/1") for error in errors)
    assert any(error.startswith("grants/2/awardDate") for error in errors)


@pytest.mark.django_db
def test_every_published_grant_appears_once_and_nothing_else(client, drafted):
    assert get_package(client)["grants"] == []  # drafted decisions are never public
    assert get_csv(client)[1:] == []
    decisions.sign_batch(drafted, by=make_staff("beslut@lst.test", AgencyRole.DECISION_MAKER), at=SIGNED_AT)
    granted = granted_decisions()
    expected = {f"360G-bidra-{d.application.case_number}": d for d in granted}
    ids = [grant["id"] for grant in get_package(client)["grants"]]
    assert sorted(ids) == sorted(expected) and len(ids) == len(set(ids)) == 4
    refused = Decision.objects.get(outcome="refused")
    assert refused.application.municipality.code == "2584"
    assert f"360G-bidra-{refused.application.case_number}" not in ids
    # A signed grant that is not flagged for publication is not exported either.
    Decision.objects.filter(pk=granted[0].pk).update(published=False)
    ids = {grant["id"] for grant in get_package(client)["grants"]}
    assert ids == set(expected) - {f"360G-bidra-{granted[0].application.case_number}"}


@pytest.mark.django_db
def test_amounts_are_whole_kronor_equal_to_the_decisions(client, decided):
    by_id = {grant["id"]: grant for grant in get_package(client)["grants"]}
    for decision in granted_decisions():
        amount = by_id[f"360G-bidra-{decision.application.case_number}"]["amountAwarded"]
        assert type(amount) is int
        assert Decimal(amount) == decision.amount
        assert by_id[f"360G-bidra-{decision.application.case_number}"]["currency"] == "SEK"
    raw = b"".join(client.get("/opendata/360giving.json").streaming_content).decode()
    assert '"amountAwarded":400000,' in raw  # a JSON number, not "400000" or 400000.0


@pytest.mark.django_db
def test_the_award_date_is_the_signing_day_in_stockholm(client, decided):
    grants = get_package(client)["grants"]
    assert {grant["awardDate"] for grant in grants} == {STOCKHOLM_AWARD_DATE}  # 23:30 UTC on 2 May
    assert {grant["dateModified"] for grant in grants} == {"2024-05-03T01:30:00+02:00"}


@pytest.mark.django_db
def test_a_grant_carries_the_application_and_the_programme(client, decided):
    stockholm = next(d for d in granted_decisions() if d.application.municipality.code == "0180")
    application = stockholm.application
    grant = next(g for g in get_package(client)["grants"] if g["id"] == f"360G-bidra-{application.case_number}")
    assert grant["title"] == application.title
    assert grant["description"] == application.summary
    assert grant["plannedDates"] == [
        {"startDate": application.period_start.isoformat(), "endDate": application.period_end.isoformat()}
    ]
    assert grant["grantProgramme"] == [
        {"code": "romsk-inkludering", "title": "Statsbidrag till kommuner för att främja romsk inkludering"}
    ]
    assert grant["beneficiaryLocation"] == [
        {"name": "Stockholm", "countryCode": "SE", "geoCode": "0180", "geoCodeType": "UA"}
    ]
    assert grant["classifications"] == [
        {"vocabulary": "360G-bidra-omraden-romsk-inkludering", "code": "utbildning", "title": "Utbildning"},
        {
            "vocabulary": "360G-bidra-omraden-romsk-inkludering",
            "code": "social-omsorg-trygghet",
            "title": "Social omsorg och trygghet",
        },
    ]


@pytest.mark.django_db
def test_identifiers_follow_the_documented_rules(client, decided):
    grants = {g["recipientOrganization"][0]["name"]: g for g in get_package(client)["grants"]}
    # A municipality without a recorded organisation number: the publisher prefix and the SCB code.
    stockholm = grants["Stockholms kommun"]
    assert stockholm["recipientOrganization"] == [{"id": "360G-bidra-kommun-0180", "name": "Stockholms kommun"}]
    # One with a number: SE-ON- and its ten digits.
    assert grants["Malmö kommun"]["recipientOrganization"] == [{"id": "SE-ON-2120001124", "name": "Malmö kommun"}]
    assert grants["Göteborgs kommun"]["recipientOrganization"][0]["id"] == "360G-bidra-kommun-1480"
    assert grants["Norrköpings kommun"]["recipientOrganization"][0]["id"] == "360G-bidra-kommun-0581"
    for grant in grants.values():
        assert grant["fundingOrganization"] == [
            {
                "id": "SE-ON-2021002247",
                "name": "Länsstyrelsen i Stockholms län",
                "department": "Enheten för nationella minoriteter",
            }
        ]
        assert re.fullmatch(r"360G-bidra-851-\d{4}-\d{4}", grant["id"])


@pytest.mark.django_db
def test_the_prefix_is_a_setting(client, decided, settings):
    settings.GIVING360_PREFIX = "360G-lst-ab"
    grants = get_package(client)["grants"]
    assert all(grant["id"].startswith("360G-lst-ab-851-") for grant in grants)
    names = {g["recipientOrganization"][0]["name"]: g["recipientOrganization"][0]["id"] for g in grants}
    assert names["Stockholms kommun"] == "360G-lst-ab-kommun-0180"
    assert names["Malmö kommun"] == "SE-ON-2120001124"


@pytest.mark.django_db
def test_with_nothing_published_the_exports_are_empty_but_well_formed(client, programme):
    package = get_package(client)
    assert package["grants"] == [] and "modified" not in package
    rows = get_csv(client)
    assert rows == [giving.flat_header(7)]


# --- the CSV -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_csv_has_the_header_and_one_row_per_grant_with_the_same_values(client, decided):
    grants = get_package(client)["grants"]
    rows = get_csv(client)
    header, body = rows[0], rows[1:]
    assert header == giving.flat_header(7)  # the Roma programme lists seven areas
    assert header[:6] == ["Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date"]
    assert len(body) == len(grants) == 4
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    for grant in grants:
        row = by_id[grant["id"]]
        assert list(row.values()) == giving.flat_row(grant, 7)
        assert row["Amount Awarded"] == str(grant["amountAwarded"])
        assert row["Award Date"] == STOCKHOLM_AWARD_DATE
        assert row["Recipient Org:Identifier"] == grant["recipientOrganization"][0]["id"]
        assert row["Recipient Org:Name"] == grant["recipientOrganization"][0]["name"]
        assert row["Funding Org:Identifier"] == "SE-ON-2021002247"
        assert row["Beneficiary Location:Geographic Code"] == grant["beneficiaryLocation"][0]["geoCode"]
        assert row["Planned Dates:Start Date"] == grant["plannedDates"][0]["startDate"]
        assert [row["Classifications:0:Code"], row["Classifications:1:Code"], row["Classifications:2:Code"]] == [
            "utbildning",
            "social-omsorg-trygghet",
            "",
        ]


def _schema_title(path: tuple, title: str) -> str:
    """The flat title of a JSON path, from the grant schema's titles (rolled-up arrays without index)."""

    def resolve(node: dict) -> dict:
        while "$ref" in node:
            node = GRANT_SCHEMA["$defs"][node["$ref"].removeprefix("#/$defs/")]
        return node

    parts: list[str] = []
    node = GRANT_SCHEMA
    array: dict = {}  # the array property the next index steps into
    steps = list(path)
    numbered = title.count(":") == len(steps) - 1  # "Classifications:0:Code" keeps its index
    for index, step in enumerate(steps):
        if isinstance(step, int):
            if numbered:
                parts.append(str(step))
            else:
                assert steps[index + 1] in array.get("rollUp", []), f"{path} is not rolled up in the schema"
            node = resolve(array["items"])
            continue
        prop = node["properties"][step]
        parts.append(prop.get("title") or resolve(prop)["title"])
        array = prop
        node = resolve(prop)
    return ":".join(parts)


def test_every_flat_column_title_comes_from_the_schema():
    for path, title in giving.flat_columns(2):
        assert _schema_title(path, title) == title, path


def test_the_flat_columns_cover_every_field_the_export_writes(settings):
    row = {key: "x" for key in streams.GRANT_FIELDS}
    row.update(
        {
            "amount": Decimal(1),
            "batch__signed_at": SIGNED_AT,
            "application__period_start": SIGNED_AT.date(),
            "application__period_end": SIGNED_AT.date(),
        }
    )
    grant = giving.grant_from_row(row, [("a", "A")], prefix="360G-x")

    def leaves(value, path=()):
        if isinstance(value, dict):
            for key, item in value.items():
                yield from leaves(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from leaves(item, (*path, index))
        else:
            yield path

    assert set(leaves(grant)) <= {path for path, _title in giving.flat_columns(1)}


# --- streaming -----------------------------------------------------------------------------------


def _export_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        b"".join(response.streaming_content)
    return len(queries)


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_number_of_grants(client, decided):
    granted = granted_decisions()
    Decision.objects.filter(pk__in=[d.pk for d in granted[1:]]).update(published=False)
    one = {url: _export_queries(client, url) for url in ("/opendata/360giving.json", "/opendata/360giving.csv")}
    Decision.objects.filter(pk__in=[d.pk for d in granted]).update(published=True)
    four = {url: _export_queries(client, url) for url in ("/opendata/360giving.json", "/opendata/360giving.csv")}
    assert one == four
    assert max(four.values()) <= 6  # summary, publisher, rows, areas (+ session/user lookups: none, anonymous)


@pytest.mark.django_db
def test_rows_are_read_in_chunks_with_one_area_query_per_chunk(decided):
    whole = list(streams.grants(prefix="360G-bidra"))
    with CaptureQueriesContext(connection) as queries:
        chunked = list(streams.grants(prefix="360G-bidra", chunk_size=3))
    assert chunked == whole
    assert len(queries) == 1 + 2  # the rows, then the areas of each chunk of at most 3 rows (4 grants: 2 chunks)


def test_the_json_stream_writes_the_package_piece_by_piece():
    grants = ({"id": f"360G-x-{n}"} for n in range(5))
    pieces = list(streams.json_package({"version": "1.4"}, grants))
    assert json.loads("".join(pieces)) == {"version": "1.4", "grants": [{"id": f"360G-x-{n}"} for n in range(5)]}
    assert json.loads("".join(streams.json_package({}, iter(())))) == {"grants": []}


def test_pieces_are_bounded():
    pieces = list(streams._pieces(("x" * 1000 for _ in range(1000)), size=10_000))
    assert len(pieces) == 100 and all(len(piece) == 10_000 for piece in pieces)


# --- names and identifiers as functions ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "organisation"),
    [
        ("Malmö", "Malmö kommun"),
        ("Stockholm", "Stockholms kommun"),
        ("Upplands Väsby", "Upplands Väsby kommun"),
        ("Borås", "Borås kommun"),
        ("Kalix", "Kalix kommun"),
        ("Dals-Ed", "Dals-Eds kommun"),
        ("Falun", "Falu kommun"),
        ("Kalmar", "Kalmar kommun"),
        ("Orust", "Orust kommun"),
        ("Gotland", "Region Gotland"),
    ],
)
def test_municipality_organisation_names(name, organisation):
    assert giving.municipality_organisation_name(name) == organisation


def test_identifier_functions():
    assert giving.organisation_identifier("202100-2247") == "SE-ON-2021002247"
    assert giving.organisation_identifier("") is None
    assert giving.municipality_identifier("", "0180", "360G-bidra") == "360G-bidra-kommun-0180"
    assert giving.municipality_identifier("212000-1124", "1280", "360G-bidra") == "SE-ON-2120001124"
    assert giving.grant_identifier("851-0042-2024", "360G-bidra") == "360G-bidra-851-0042-2024"
    assert giving.grant_identifier("851/42 2024", "360G-bidra") == "360G-bidra-851_42_2024"
