"""The open-data catalogue: DCAT-AP-SE metadata of Bidra's datasets, for /opendata/ and as JSON-LD.

One description (``datasets()``) feeds both the page and ``catalog.jsonld``, so they cannot
disagree. Facts come from the database: the publisher is the granting agency of the programme
rows, ``modified`` is the latest signing of a published grant, the temporal coverage runs from the
first to the last award date. Vocabulary URIs are the EU Publications Office's authority tables
that DCAT-AP and DCAT-AP-SE point to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from bidra.core.stockholm import local
from bidra.programmes.models import Programme

from . import giving, streams

EU = "http://publications.europa.eu/resource/authority"
THEMES = [
    (f"{EU}/data-theme/GOVE", "GOVE", gettext_noop("Regeringen och den offentliga sektorn")),
    (f"{EU}/data-theme/SOCI", "SOCI", gettext_noop("Befolkning och samhälle")),
]
SPATIAL_URI = f"{EU}/country/SWE"
FREQUENCY_URI = f"{EU}/frequency/IRREG"
LANGUAGE_URI = f"{EU}/language/SWE"
PUBLISHER_TYPE_URI = "http://purl.org/adms/publishertype/NationalAuthority"
GIVING360_STANDARD_URI = "https://standard.threesixtygiving.org/"
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
KEYWORDS = [
    gettext_noop("statsbidrag"),
    gettext_noop("bidrag"),
    gettext_noop("kommuner"),
    gettext_noop("beviljade projekt"),
    "360Giving",
]
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def giving_prefix() -> str:
    return getattr(settings, "GIVING360_PREFIX", giving.DEFAULT_PREFIX)


def contact_email() -> str:
    return getattr(settings, "OPEN_DATA_CONTACT_EMAIL", "opendata@example.se")


@dataclass
class Agency:
    name: str
    organisation_number: str

    @property
    def identifier(self) -> str | None:
        return giving.organisation_identifier(self.organisation_number)


@dataclass
class Distribution:
    title_msgid: str
    format_code: str  # EU file type
    media_type: str
    access_url: str
    download_url: str

    @property
    def title(self) -> str:
        return _(self.title_msgid)

    @property
    def format_uri(self) -> str:
        return f"{EU}/file-type/{self.format_code}"

    @property
    def media_type_uri(self) -> str:
        return MEDIA_TYPES + self.media_type


@dataclass
class Dataset:
    slug: str
    title_msgid: str
    description_msgid: str
    publisher: Agency | None
    contact_email: str
    landing_page: str
    count: int
    issued: date | None
    modified: datetime | None
    temporal_start: date | None
    temporal_end: date | None
    distributions: list[Distribution] = field(default_factory=list)
    licence_uri: str = giving.CC0_URI
    licence_name: str = "CC0 1.0 Universal"
    conforms_to: str = GIVING360_STANDARD_URI
    standard_version: str = giving.STANDARD_VERSION
    spatial_uri: str = SPATIAL_URI
    frequency_uri: str = FREQUENCY_URI

    @property
    def title(self) -> str:
        return _(self.title_msgid)

    @property
    def description(self) -> str:
        return _(self.description_msgid)

    @property
    def keywords(self) -> list[str]:
        return [_(keyword) for keyword in KEYWORDS]

    @property
    def themes(self) -> list[tuple[str, str, str]]:
        """(URI, code, label) of the EU data themes."""
        return [(uri, code, _(label)) for uri, code, label in THEMES]

    @property
    def spatial(self) -> str:
        return _("Sverige")

    @property
    def frequency(self) -> str:
        return _("Oregelbundet: när ett beslut om bidrag undertecknas")


GRANTS_TITLE = gettext_noop("Beviljade statsbidrag")
GRANTS_DESCRIPTION = gettext_noop(
    "Alla bidrag som har beviljats genom ett undertecknat beslut och publicerats: projektets namn och "
    "sammanfattning, beviljat belopp i hela kronor, beslutsdatum, planerad projekttid, mottagande kommun, "
    "beviljande myndighet, bidragsprogram och områden. Avslag och beslut som inte är undertecknade ingår aldrig."
)
CATALOG_TITLE = gettext_noop("Öppna data från Bidra")
CATALOG_DESCRIPTION = gettext_noop("Datamängder om statsbidrag som handläggs i Bidra, fria att använda (CC0 1.0).")


def publisher() -> Agency | None:
    """The granting agency named on the programme rows (the first programme's, if there are several)."""
    row = Programme.objects.order_by("pk").values("agency_name", "agency_organisation_number").first()
    return Agency(row["agency_name"], row["agency_organisation_number"]) if row else None


def package_metadata(request: HttpRequest, facts: dict[str, Any], agency: Agency | None) -> dict[str, Any]:
    """The 360Giving package fields other than ``grants``, in Swedish (the data's language)."""
    with translation.override("sv"):
        metadata: dict[str, Any] = {
            "version": giving.STANDARD_VERSION,
            "title": _(GRANTS_TITLE),
            "description": _(GRANTS_DESCRIPTION),
            "identifier": f"{giving_prefix()}-beviljade-bidrag",
        }
    if facts["first_signed"]:
        metadata["issued"] = local(facts["first_signed"]).date().isoformat()
        metadata["modified"] = giving.date_time(facts["last_signed"])
    if agency is not None:
        publisher_fields = {"name": agency.name}
        if agency.identifier:
            publisher_fields["identifier"] = agency.identifier
        metadata["publisher"] = publisher_fields
    metadata["accessURL"] = request.build_absolute_uri(reverse("opendata:index"))
    metadata["downloadURL"] = request.build_absolute_uri(reverse("opendata:giving_json"))
    metadata["license"] = giving.CC0_URI
    return metadata


def datasets(request: HttpRequest) -> list[Dataset]:
    facts = streams.summary()
    first, last = facts["first_signed"], facts["last_signed"]
    landing = request.build_absolute_uri(reverse("opendata:index"))
    return [
        Dataset(
            slug="beviljade-bidrag",
            title_msgid=GRANTS_TITLE,
            description_msgid=GRANTS_DESCRIPTION,
            publisher=publisher(),
            contact_email=contact_email(),
            landing_page=landing,
            count=facts["count"],
            issued=local(first).date() if first else None,
            modified=local(last) if last else None,
            temporal_start=local(first).date() if first else None,
            temporal_end=local(last).date() if last else None,
            distributions=[
                Distribution(
                    title_msgid=gettext_noop("360Giving JSON"),
                    format_code="JSON",
                    media_type="application/json",
                    access_url=landing,
                    download_url=request.build_absolute_uri(reverse("opendata:giving_json")),
                ),
                Distribution(
                    title_msgid=gettext_noop("360Giving CSV (platt tabell)"),
                    format_code="CSV",
                    media_type="text/csv",
                    access_url=landing,
                    download_url=request.build_absolute_uri(reverse("opendata:giving_csv")),
                ),
            ],
        )
    ]


# --- JSON-LD ---------------------------------------------------------------------------------


def _in_languages(msgid: str) -> list[dict[str, str]]:
    """A literal in each configured language that has its own wording (Swedish always)."""
    values = []
    seen = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            value = _(msgid)
        if code == "sv" or value not in seen:
            values.append({"@value": value, "@language": code})
            seen.add(value)
    return values


def _typed(value: date | datetime) -> dict[str, str]:
    if isinstance(value, datetime):
        return {"@value": value.isoformat(timespec="seconds"), "@type": "xsd:dateTime"}
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def _agent(agency: Agency, landing: str) -> dict[str, Any]:
    agent: dict[str, Any] = {
        "@id": f"{landing}#utgivare",
        "@type": "foaf:Agent",
        "foaf:name": agency.name,
        "dct:type": {"@id": PUBLISHER_TYPE_URI},
    }
    if agency.organisation_number:
        agent["dct:identifier"] = agency.organisation_number
    return agent


def catalog_jsonld(request: HttpRequest) -> dict[str, Any]:
    """A dcat:Catalog with its datasets and their distributions (DCAT-AP-SE), as a JSON-LD document."""
    items = datasets(request)
    landing = request.build_absolute_uri(reverse("opendata:index"))
    agency = items[0].publisher if items else None
    catalog: dict[str, Any] = {
        "@context": CONTEXT,
        "@id": request.build_absolute_uri(reverse("opendata:catalog")),
        "@type": "dcat:Catalog",
        "dct:title": _in_languages(CATALOG_TITLE),
        "dct:description": _in_languages(CATALOG_DESCRIPTION),
        "foaf:homepage": {"@id": landing},
        "dct:language": {"@id": LANGUAGE_URI},
        "dct:license": {"@id": giving.CC0_URI},
    }
    if agency is not None:
        catalog["dct:publisher"] = _agent(agency, landing)
    modified = [item.modified for item in items if item.modified]
    if modified:
        catalog["dct:modified"] = _typed(max(modified))
    catalog["dcat:dataset"] = [_dataset_jsonld(item) for item in items]
    return catalog


def _dataset_jsonld(item: Dataset) -> dict[str, Any]:
    dataset: dict[str, Any] = {
        "@id": f"{item.landing_page}#{item.slug}",
        "@type": "dcat:Dataset",
        "dct:title": _in_languages(item.title_msgid),
        "dct:description": _in_languages(item.description_msgid),
        "dcat:contactPoint": {
            "@type": "vcard:Organization",
            "vcard:fn": item.publisher.name if item.publisher else item.contact_email,
            "vcard:hasEmail": {"@id": f"mailto:{item.contact_email}"},
        },
        "dcat:keyword": [value for keyword in KEYWORDS for value in _in_languages(keyword)],
        "dcat:theme": [{"@id": uri} for uri, _code, _label in THEMES],
        "dct:spatial": {"@id": item.spatial_uri},
        "dct:accrualPeriodicity": {"@id": item.frequency_uri},
        "dcat:landingPage": {"@id": item.landing_page},
        "dct:conformsTo": {"@id": item.conforms_to},
    }
    if item.publisher is not None:
        dataset["dct:publisher"] = {"@id": f"{item.landing_page}#utgivare"}
    if item.issued:
        dataset["dct:issued"] = _typed(item.issued)
    if item.modified:
        dataset["dct:modified"] = _typed(item.modified)
    if item.temporal_start and item.temporal_end:
        dataset["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _typed(item.temporal_start),
            "dcat:endDate": _typed(item.temporal_end),
        }
    dataset["dcat:distribution"] = [
        {
            "@id": distribution.download_url,
            "@type": "dcat:Distribution",
            "dct:title": _in_languages(distribution.title_msgid),
            "dct:format": {"@id": distribution.format_uri},
            "dcat:mediaType": {"@id": distribution.media_type_uri},
            "dcat:accessURL": {"@id": distribution.access_url},
            "dcat:downloadURL": {"@id": distribution.download_url},
            "dct:license": {"@id": item.licence_uri},
            "dct:conformsTo": {"@id": item.conforms_to},
        }
        for distribution in item.distributions
    ]
    return dataset
