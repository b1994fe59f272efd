"""Granted projects in the 360Giving Data Standard (version 1.4): the mapping, as plain functions.

``grant_from_row`` turns one row of ``streams.GRANT_FIELDS`` (a ``values()`` row of
``bidra.decisions.published.published_grants()``) into a 360Giving grant; ``flat_row`` turns that
grant into one row of the flat CSV whose column titles come from the schema's field titles
(``flat_header``). Nothing here touches the database.

Identifier rules (also shown on /opendata/):

* **Grants**: ``<prefix>-<case number>``, for example ``360G-bidra-851-0042-2024``. 360Giving grant
  identifiers begin with the publisher's prefix registered with 360Giving (always ``360G-…``).
  Bidra has none registered, so the prefix is the setting ``GIVING360_PREFIX`` (default
  ``360G-bidra``); an agency that registers its own prefix sets it once, before publishing. The
  case number (diarienummer) is unique in the agency's register and never changes; characters
  other than letters, digits and hyphens would become ``_`` (360Giving advises against slashes).
* **Organisations** with a recorded organisation number: ``SE-ON-<ten digits>`` (org-id.guide's
  list SE-ON, Bolagsverket's organisationsnummer without the hyphen). The granting agency
  Länsstyrelsen i Stockholms län is ``SE-ON-2021002247``; a municipality with 212000-1124 is
  ``SE-ON-2120001124``.
* **A municipality whose organisation number is not recorded** (it is optional in Bidra):
  ``<prefix>-kommun-<SCB municipality code>``, for example ``360G-bidra-kommun-0180``. This follows
  360Giving's rule for recipients without a registered number (the publisher's prefix plus an
  internal identifier) instead of inventing an ``XI-…`` list code that org-id.guide does not hold.
  The four-digit SCB code (kommunkod) is stable, so the identifier is too. Recording the
  municipality's organisation number switches it to ``SE-ON-…``.
* **Recipient names** are the municipality's name in the organisation register form,
  ``<name in the genitive> kommun`` ("Malmö kommun", "Stockholms kommun"), with the four
  irregular names spelled out (Falu, Kalmar, Orust kommun; Region Gotland). Municipalities that
  call themselves "stad" are registered as "kommun", which is what is used.
* **Beneficiary location**: the municipality's name, ``countryCode`` SE, ``geoCode`` the SCB
  municipality code and ``geoCodeType`` ``UA``. 360Giving's geoCodeType codelist only lists UK
  (ONS) code types; the closest is UA, "Unitary Authorities": a single-tier local authority, as a
  Swedish kommun is. With countryCode SE and a four-digit code (ONS codes look like E06000001),
  the code cannot be mistaken for a UK one.
* **Classifications**: one per area the application names, with ``vocabulary``
  ``<prefix>-omraden-<programme slug>`` (the programme's own area list, shown on /opendata/),
  ``code`` the area's code and ``title`` its name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from bidra.core.stockholm import local

STANDARD_VERSION = "1.4"
CURRENCY = "SEK"
DEFAULT_PREFIX = "360G-bidra"
CC0_URI = "http://creativecommons.org/publicdomain/zero/1.0/"
SE_ON = "SE-ON-"
GEO_CODE_TYPE = "UA"  # closest entry of 360Giving's (UK-only) geoCodeType codelist; see the module docstring
COUNTRY_CODE = "SE"
LOCATION_SCOPE_LOCAL_AUTHORITY = "GLS050"  # 360Giving locationScope codelist: "Local authority"
FROM_OPEN_CALL = "Yes"  # every grant in Bidra answers a call open to all eligible applicants

# Municipalities whose organisation name is not "<name>s kommun" / "<name> kommun".
_IRREGULAR_NAMES = {
    "Falun": "Falu kommun",
    "Gotland": "Region Gotland",
    "Kalmar": "Kalmar kommun",
    "Orust": "Orust kommun",
}
# A name ending in a vowel or in s, x or z takes no genitive s: "Malmö kommun", "Borås kommun".
_NO_GENITIVE_S = set("aeiouyåäösxz")
_UNSAFE_ID_CHARACTERS = re.compile(r"[^A-Za-z0-9-]")


# --- identifiers and names -----------------------------------------------------------------


def organisation_identifier(organisation_number: str | None) -> str | None:
    """``SE-ON-`` and the ten digits, or None when the number is missing or not ten digits."""
    digits = re.sub(r"\D", "", organisation_number or "")
    return f"{SE_ON}{digits}" if len(digits) == 10 else None


def municipality_identifier(organisation_number: str | None, municipality_code: str, prefix: str) -> str:
    return organisation_identifier(organisation_number) or f"{prefix}-kommun-{municipality_code}"


def grant_identifier(case_number: str, prefix: str) -> str:
    return f"{prefix}-{_UNSAFE_ID_CHARACTERS.sub('_', case_number)}"


def area_vocabulary(programme_slug: str, prefix: str) -> str:
    return f"{prefix}-omraden-{programme_slug}"


def municipality_organisation_name(name: str) -> str:
    """The municipality as an organisation: 'Malmö' -> 'Malmö kommun', 'Stockholm' -> 'Stockholms kommun'."""
    if name in _IRREGULAR_NAMES:
        return _IRREGULAR_NAMES[name]
    if name and name[-1].lower() in _NO_GENITIVE_S:
        return f"{name} kommun"
    return f"{name}s kommun"


# --- a grant ---------------------------------------------------------------------------------

# Keys of a row (streams.GRANT_FIELDS): Decision and the rows it joins.
ROW_AMOUNT = "amount"
ROW_SIGNED_AT = "batch__signed_at"
ROW_APPLICATION = "application_id"
ROW_TITLE = "application__title"
ROW_SUMMARY = "application__summary"
ROW_PERIOD_START = "application__period_start"
ROW_PERIOD_END = "application__period_end"
ROW_CASE_NUMBER = "application__case__number"
ROW_MUNICIPALITY_CODE = "application__municipality__code"
ROW_MUNICIPALITY_NAME = "application__municipality__name"
ROW_MUNICIPALITY_ORGANISATION_NUMBER = "application__municipality__organisation_number"
ROW_PROGRAMME_SLUG = "application__call__programme__slug"
ROW_PROGRAMME_NAME = "application__call__programme__name"
ROW_AGENCY_NAME = "application__call__programme__agency_name"
ROW_AGENCY_ORGANISATION_NUMBER = "application__call__programme__agency_organisation_number"
ROW_AGENCY_UNIT = "application__call__programme__agency_unit"


def whole_kronor(amount: Decimal | int) -> int:
    """Amounts are whole kronor in Bidra; as a JSON number without decimals."""
    return int(Decimal(amount).to_integral_value())


def award_date(signed_at: datetime) -> str:
    """The decision's date as the agency dated it: the signing day in Stockholm, YYYY-MM-DD."""
    return local(signed_at).date().isoformat()


def date_time(moment: datetime) -> str:
    """A full RFC 3339 date-time in Stockholm time, for ``dateModified``."""
    return local(moment).isoformat(timespec="seconds")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def grant_from_row(row: Mapping[str, Any], areas: Iterable[tuple[str, str]] = (), *, prefix: str) -> dict[str, Any]:
    """One 360Giving grant from one published decision; ``areas`` are its (code, name) pairs in order."""
    title = row[ROW_TITLE] or row[ROW_CASE_NUMBER]
    agency: dict[str, Any] = {
        # The agency's organisation number is required and validated on the programme; the fallback is defensive.
        "id": organisation_identifier(row[ROW_AGENCY_ORGANISATION_NUMBER]) or f"{prefix}-myndighet",
        "name": row[ROW_AGENCY_NAME],
    }
    if row.get(ROW_AGENCY_UNIT):
        agency["department"] = row[ROW_AGENCY_UNIT]
    grant: dict[str, Any] = {
        "id": grant_identifier(row[ROW_CASE_NUMBER], prefix),
        "title": title,
        "description": row[ROW_SUMMARY] or title,
        "currency": CURRENCY,
        "amountAwarded": whole_kronor(row[ROW_AMOUNT]),
        "awardDate": award_date(row[ROW_SIGNED_AT]),
    }
    planned = {
        key: value
        for key, value in (("startDate", _iso(row[ROW_PERIOD_START])), ("endDate", _iso(row[ROW_PERIOD_END])))
        if value
    }
    if planned:
        grant["plannedDates"] = [planned]
    grant["recipientOrganization"] = [
        {
            "id": municipality_identifier(
                row[ROW_MUNICIPALITY_ORGANISATION_NUMBER], row[ROW_MUNICIPALITY_CODE], prefix
            ),
            "name": municipality_organisation_name(row[ROW_MUNICIPALITY_NAME]),
        }
    ]
    grant["fundingOrganization"] = [agency]
    grant["grantProgramme"] = [{"code": row[ROW_PROGRAMME_SLUG], "title": row[ROW_PROGRAMME_NAME]}]
    grant["beneficiaryLocation"] = [
        {
            "name": row[ROW_MUNICIPALITY_NAME],
            "countryCode": COUNTRY_CODE,
            "geoCode": row[ROW_MUNICIPALITY_CODE],
            "geoCodeType": GEO_CODE_TYPE,
        }
    ]
    grant["locationScope"] = LOCATION_SCOPE_LOCAL_AUTHORITY
    grant["fromOpenCall"] = FROM_OPEN_CALL
    vocabulary = area_vocabulary(row[ROW_PROGRAMME_SLUG], prefix)
    classifications = [{"vocabulary": vocabulary, "code": code, "title": name} for code, name in areas]
    if classifications:
        grant["classifications"] = classifications
    grant["dateModified"] = date_time(row[ROW_SIGNED_AT])
    return grant


# --- the flat (CSV) form ---------------------------------------------------------------------

# (JSON path, flat column title). A title is the schema's titles along the path joined with ":",
# as 360Giving's flattening (flatten-tool with --convert-titles) writes them; arrays that hold one
# object here are "rolled up" (no index). tests/test_opendata_360giving.py derives every title from
# the schema and compares.
FLAT_COLUMNS: list[tuple[tuple[str | int, ...], str]] = [
    (("id",), "Identifier"),
    (("title",), "Title"),
    (("description",), "Description"),
    (("currency",), "Currency"),
    (("amountAwarded",), "Amount Awarded"),
    (("awardDate",), "Award Date"),
    (("plannedDates", 0, "startDate"), "Planned Dates:Start Date"),
    (("plannedDates", 0, "endDate"), "Planned Dates:End Date"),
    (("recipientOrganization", 0, "id"), "Recipient Org:Identifier"),
    (("recipientOrganization", 0, "name"), "Recipient Org:Name"),
    (("fundingOrganization", 0, "id"), "Funding Org:Identifier"),
    (("fundingOrganization", 0, "name"), "Funding Org:Name"),
    (("fundingOrganization", 0, "department"), "Funding Org:Department"),
    (("grantProgramme", 0, "code"), "Grant Programme:Code"),
    (("grantProgramme", 0, "title"), "Grant Programme:Title"),
    (("beneficiaryLocation", 0, "name"), "Beneficiary Location:Name"),
    (("beneficiaryLocation", 0, "countryCode"), "Beneficiary Location:Country Code"),
    (("beneficiaryLocation", 0, "geoCode"), "Beneficiary Location:Geographic Code"),
    (("beneficiaryLocation", 0, "geoCodeType"), "Beneficiary Location:Geographic Code Type"),
    (("locationScope",), "Location Scope"),
    (("fromOpenCall",), "From An Open Call?"),
    (("dateModified",), "Last Modified"),
]
# One numbered group per classification slot (an application names one or more areas):
# "Classifications:0:Vocabulary", "Classifications:0:Code", "Classifications:0:Title", "Classifications:1:…".
CLASSIFICATION_FIELDS = [("vocabulary", "Vocabulary"), ("code", "Code"), ("title", "Title")]


def flat_columns(classification_slots: int) -> list[tuple[tuple[str | int, ...], str]]:
    columns = list(FLAT_COLUMNS)
    for slot in range(classification_slots):
        columns.extend(
            (("classifications", slot, key), f"Classifications:{slot}:{title}") for key, title in CLASSIFICATION_FIELDS
        )
    return columns


def flat_header(classification_slots: int) -> list[str]:
    return [title for _path, title in flat_columns(classification_slots)]


def _at(grant: Mapping[str, Any], path: Sequence[str | int]) -> Any:
    value: Any = grant
    for step in path:
        if isinstance(step, int):
            if not isinstance(value, list) or step >= len(value):
                return None
            value = value[step]
        else:
            if not isinstance(value, Mapping) or step not in value:
                return None
            value = value[step]
    return value


def flat_row(grant: Mapping[str, Any], classification_slots: int) -> list[str]:
    """The grant as one CSV row under ``flat_header(classification_slots)``; missing values are empty."""
    if len(grant.get("classifications", ())) > classification_slots:
        raise ValueError(f"{grant['id']} has more classifications than the {classification_slots} columns")
    row = []
    for path, _title in flat_columns(classification_slots):
        value = _at(grant, path)
        row.append("" if value is None else str(value))
    return row
