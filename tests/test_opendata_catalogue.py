"""The open-data page and the DCAT catalogue (JSON-LD): metadata from the database, CC0, accessible HTML."""

import json
import re

import pytest

from bidra.opendata import giving

from . import test_opendata_360giving as giving_tests

# The decided call of the 360Giving tests (five applications, four granted, signed 23:30 UTC on 2 May 2024).
malmo_with_organisation_number = giving_tests.malmo_with_organisation_number
drafted = giving_tests.drafted
decided = giving_tests.decided
STOCKHOLM_AWARD_DATE = giving_tests.STOCKHOLM_AWARD_DATE

CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"
EU = "http://publications.europa.eu/resource/authority"


def catalog(client) -> dict:
    response = client.get("/opendata/catalog.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    return json.loads(response.content)


def ids(values) -> set[str]:
    return {value["@id"] for value in (values if isinstance(values, list) else [values])}


@pytest.mark.django_db
def test_the_page_lists_the_dataset_with_its_dcat_fields(client, decided, settings):
    settings.OPEN_DATA_CONTACT_EMAIL = "oppnadata@lansstyrelsen.test"
    response = client.get("/opendata/")
    assert response.status_code == 200
    html = response.content.decode()
    for term in [
        "Titel",
        "Beskrivning",
        "Utgivare",
        "Kontaktpunkt",
        "Licens",
        "Publicerad",
        "Senast ändrad",
        "Geografisk täckning",
        "Tidsperiod",
        "Tema",
        "Nyckelord",
        "Uppdateringsfrekvens",
    ]:
        assert f"<dt>{term}</dt>" in html, term
    assert "Länsstyrelsen i Stockholms län (organisationsnummer 202100-2247)" in html
    assert 'href="mailto:oppnadata@lansstyrelsen.test"' in html
    assert f'href="{CC0}" rel="license">CC0 1.0 Universal</a>' in html
    assert "3 maj 2024" in html  # issued, temporal coverage: the Stockholm date of the signing
    assert "3 maj 2024 kl. 01.30" in html  # modified: the latest signing
    assert f"{EU}/data-theme/GOVE" in html and f"{EU}/data-theme/SOCI" in html
    assert "http://testserver/opendata/360giving.json" in html and "http://testserver/opendata/360giving.csv" in html
    assert "<code>text/csv</code>" in html and "<code>application/json</code>" in html
    # The identifier rules and the area vocabulary are documented on the page.
    assert "360G-bidra-851-0042-2024" in html and "360G-bidra-kommun-0180" in html
    assert "SE-ON-2021002247" in html
    assert "<code>360G-bidra-omraden-romsk-inkludering</code>" in html
    assert "<code>kultur-sprak</code>" in html


@pytest.mark.django_db
def test_the_page_is_structured_for_assistive_technology(client, decided):
    html = client.get("/opendata/").content.decode()
    assert html.count("<h1>") == 1
    assert '<section aria-labelledby="beviljade-bidrag">' in html and '<h2 id="beviljade-bidrag">' in html
    assert re.search(r"<caption[^>]*>Distributioner av Beviljade statsbidrag</caption>", html)
    assert '<th scope="row">360Giving JSON</th>' in html
    assert html.count("<dt>") == html.count("<dd>")


@pytest.mark.django_db
def test_the_page_renders_before_anything_is_published(client, programme):
    response = client.get("/opendata/")
    assert response.status_code == 200
    assert "Inga bidrag är publicerade ännu." in response.content.decode()
    assert catalog(client)["dcat:dataset"][0].get("dct:temporal") is None


@pytest.mark.django_db
def test_the_catalog_is_dcat_in_json_ld_and_names_cc0(client, decided, settings):
    settings.OPEN_DATA_CONTACT_EMAIL = "oppnadata@lansstyrelsen.test"
    document = catalog(client)
    context = document["@context"]
    assert context["dcat"] == "http://www.w3.org/ns/dcat#"
    assert context["dct"] == "http://purl.org/dc/terms/"
    assert context["foaf"] == "http://xmlns.com/foaf/0.1/"
    assert document["@type"] == "dcat:Catalog"
    assert ids(document["dct:license"]) == {CC0}
    publisher = document["dct:publisher"]
    assert publisher["@type"] == "foaf:Agent"
    assert publisher["foaf:name"] == "Länsstyrelsen i Stockholms län"
    [dataset] = document["dcat:dataset"]
    assert dataset["@type"] == "dcat:Dataset"
    assert {"@value": "Beviljade statsbidrag", "@language": "sv"} in dataset["dct:title"]
    assert dataset["dct:publisher"]["@id"] == publisher["@id"]
    assert ids(dataset["dcat:contactPoint"]["vcard:hasEmail"]) == {"mailto:oppnadata@lansstyrelsen.test"}
    assert ids(dataset["dcat:theme"]) == {f"{EU}/data-theme/GOVE", f"{EU}/data-theme/SOCI"}
    assert ids(dataset["dct:spatial"]) == {f"{EU}/country/SWE"}
    assert ids(dataset["dct:accrualPeriodicity"]) == {f"{EU}/frequency/IRREG"}
    assert dataset["dct:issued"] == {"@value": STOCKHOLM_AWARD_DATE, "@type": "xsd:date"}
    assert dataset["dct:modified"] == {"@value": "2024-05-03T01:30:00+02:00", "@type": "xsd:dateTime"}
    assert dataset["dct:temporal"]["dcat:startDate"]["@value"] == STOCKHOLM_AWARD_DATE
    assert dataset["dct:temporal"]["dcat:endDate"]["@value"] == STOCKHOLM_AWARD_DATE
    assert {"@value": "statsbidrag", "@language": "sv"} in dataset["dcat:keyword"]
    distributions = {d["dcat:mediaType"]["@id"]: d for d in dataset["dcat:distribution"]}
    assert set(distributions) == {
        "https://www.iana.org/assignments/media-types/application/json",
        "https://www.iana.org/assignments/media-types/text/csv",
    }
    for distribution in distributions.values():
        assert distribution["@type"] == "dcat:Distribution"
        assert ids(distribution["dct:license"]) == {CC0}
        assert ids(distribution["dcat:accessURL"]) == {"http://testserver/opendata/"}
    json_distribution = distributions["https://www.iana.org/assignments/media-types/application/json"]
    assert ids(json_distribution["dcat:downloadURL"]) == {"http://testserver/opendata/360giving.json"}
    assert ids(json_distribution["dct:format"]) == {f"{EU}/file-type/JSON"}
    assert giving.CC0_URI == CC0


@pytest.mark.django_db
def test_open_data_is_readable_from_other_sites(client, programme):
    for url in ("/opendata/catalog.jsonld", "/opendata/360giving.json", "/opendata/360giving.csv"):
        assert client.get(url)["Access-Control-Allow-Origin"] == "*", url
    assert client.post("/opendata/360giving.json").status_code == 405
