"""Request filters and response bodies of the API, with their OpenAPI descriptions.

Money is always an integer number of whole Swedish kronor (SEK), never a float or a string.
Dates are ISO 8601; moments are ISO 8601 with the offset of Europe/Stockholm.
"""

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import field_validator

Kronor = int
NationalAreaCode = Literal["east", "south", "north"]
SAFE_TEXT = r"^[^\x00-\x1f\x7f]*$"  # no NUL or other control characters (PostgreSQL refuses NUL)
SLUG = r"^[-a-zA-Z0-9_]+$"
MAX_ID = 2**63 - 1


# --- Errors -----------------------------------------------------------------------------------
class Error(Schema):
    """An error with a human-readable message."""

    detail: str = Field(..., description="What went wrong.")


class ValidationIssue(Schema):
    type: str = Field(..., description="Machine-readable kind of the problem (pydantic error type).")
    loc: list[str | int] = Field(..., description="Where the problem is, e.g. `['query', 'limit']`.")
    msg: str = Field(..., description="Human-readable message.")


class ValidationErrorOut(Schema):
    """The request's parameters did not validate."""

    detail: list[ValidationIssue]


# --- Filters ----------------------------------------------------------------------------------
class _Filters(Schema):
    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_absent(cls, value: Any) -> Any:
        return None if value == "" else value


class CallFilters(_Filters):
    programme: str | None = Field(None, pattern=SLUG, max_length=50, description="Programme slug.")
    open: bool | None = Field(
        None, description="`true`: only calls that accept applications now; `false`: only calls that do not."
    )
    open_at: datetime | None = Field(
        None,
        description="Only calls that accept applications at this moment (ISO 8601; without an offset it is "
        "read as Stockholm time).",
    )

    @field_validator("open_at")
    @classmethod
    def _reasonable_moment(cls, value: datetime | None) -> datetime | None:
        if value is not None and not 1900 <= value.year <= 2999:
            raise ValueError("must be between the years 1900 and 2999")
        return value


class MunicipalityFilters(_Filters):
    county: str | None = Field(None, pattern=r"^[0-9]{2}$", description="County code (länskod), e.g. `01`.")
    national_area: NationalAreaCode | None = Field(None, description="National area (landsdel, NUTS 1).")
    skr_group: str | None = Field(
        None,
        pattern=r"^[ABC][1-9]?$",
        description="SKR municipality group: a main group (`A`, `B`, `C`) or a group code such as `B4`.",
    )


class GrantFilters(MunicipalityFilters):
    year: int | None = Field(None, ge=1900, le=2999, description="Year of the decision (Stockholm time).")
    area: str | None = Field(None, pattern=SLUG, max_length=40, description="Area code, e.g. `utbildning`.")
    municipality: str | None = Field(None, pattern=r"^[0-9]{4}$", description="Municipality code, e.g. `0180`.")
    q: str | None = Field(
        None,
        max_length=100,
        pattern=SAFE_TEXT,
        description="Case-insensitive text search in the title, the summary and the municipality's name.",
    )


class CaseFilters(_Filters):
    call: str | None = Field(None, pattern=SLUG, max_length=50, description="Call slug.")
    status: (
        Literal[
            "submitted",
            "in_assessment",
            "awaiting_applicant",
            "assessed",
            "granted",
            "partly_granted",
            "refused",
            "withdrawn",
        ]
        | None
    ) = Field(None, description="Status of the application.")
    national_area: NationalAreaCode | None = Field(None, description="The applicant's national area.")
    q: str | None = Field(
        None,
        max_length=100,
        pattern=SAFE_TEXT,
        description="Case-insensitive search in the case number, municipality, administration and title.",
    )


# --- Shared pieces ----------------------------------------------------------------------------
class NamedCode(Schema):
    code: str
    name: str


class AreaOut(Schema):
    code: str = Field(..., description="Stable code of the area (insatsområde).")
    name: str = Field(..., description="Name in Swedish.")
    name_en: str = Field(..., description="Name in English (may be empty).")


class ProgrammeRef(Schema):
    slug: str
    name: str


class CallRef(Schema):
    slug: str
    title: str


class Period(Schema):
    start: date | None
    end: date | None


# --- Programmes and calls ---------------------------------------------------------------------
class CriterionOut(Schema):
    code: str
    name: str
    name_en: str
    description: str
    kind: Literal["scored", "allocation", "manual_check"] = Field(
        ...,
        description="`scored`: scored 0–4 by assessors; `allocation`: weighed when the budget is divided; "
        "`manual_check`: a yes/no check.",
    )
    weight: float = Field(..., description="Weight of the criterion in the weighted score.")


class ProgrammeOut(Schema):
    """A grant programme (bidragsprogram)."""

    slug: str
    name: str
    name_en: str
    agency_name: str = Field(..., description="The granting agency.")
    legal_basis: str = Field(..., description="The ordinance (SFS number), e.g. `2022:259`.")
    legal_basis_title: str
    purpose: str
    purpose_en: str
    eligible_applicant_type: str = Field(..., description="Who may apply, e.g. `municipality`.")
    decisions_appealable: bool
    max_period_months: int = Field(..., description="Longest project period in months.")


class ProgrammeDetailOut(ProgrammeOut):
    not_fundable: str = Field(..., description="What the grant does not fund.")
    not_fundable_en: str
    areas: list[AreaOut]
    criteria: list[CriterionOut]


class CallOut(Schema):
    """A call for applications (utlysning)."""

    slug: str
    title: str
    title_en: str
    programme: ProgrammeRef
    opens_at: datetime
    closes_at: datetime = Field(..., description="Last minute in which applications are accepted (inclusive).")
    is_open: bool = Field(..., description="Whether the call accepts applications now.")
    budget: Kronor = Field(..., description="Budget in whole kronor.")
    period_start_earliest: date
    period_end_latest: date
    report_due_date: date
    follow_up_of: str | None = Field(None, description="Slug of the earlier call whose leftover this round gets.")


class CallDetailOut(CallOut):
    description: str
    description_en: str
    granted: Kronor = Field(..., description="Granted so far by signed decisions, in whole kronor.")
    remaining: Kronor = Field(..., description="Budget minus granted, in whole kronor.")


# --- Grants, municipalities, statistics -------------------------------------------------------
class GrantOut(Schema):
    """A published grant: a signed decision that granted money."""

    case_number: str = Field(..., description="Case number in the agency's register, e.g. `851-0042-2024`.")
    title: str
    summary: str = Field(..., description="The applicant's summary for publication.")
    municipality: NamedCode = Field(..., description="The municipality (code and name).")
    county: NamedCode
    national_area: NamedCode
    administration: str = Field(..., description="The municipal administration responsible.")
    areas: list[AreaOut]
    amount: Kronor = Field(..., description="Granted amount in whole kronor.")
    outcome: Literal["granted", "partly_granted"]
    period: Period = Field(..., description="The project period.")
    decided_on: date = Field(..., description="Date of the decision (Stockholm time).")
    programme: ProgrammeRef
    call: CallRef


class MunicipalityOut(Schema):
    code: str = Field(..., description="Municipality code (kommunkod).")
    name: str
    county: NamedCode
    population: int
    population_year: int
    skr_group_code: str
    skr_group_name: str
    skr_main_group: str
    national_area: NamedCode
    nuts2: str


class Breakdown(Schema):
    code: str
    name: str
    grants: int = Field(..., description="Number of grants.")
    amount: Kronor = Field(..., description="Granted, in whole kronor.")


class YearStatisticsOut(Schema):
    """Published grants of one year (by the date of the decision, Stockholm time)."""

    year: int
    grants: int = Field(..., description="Number of grants.")
    total_granted: Kronor = Field(..., description="Sum granted in whole kronor.")
    municipalities: int = Field(..., description="Number of municipalities granted.")
    per_national_area: list[Breakdown] = Field(..., description="Every national area, also those without grants.")
    per_area: list[Breakdown] = Field(
        ...,
        description="Per area named by the grants. A grant naming several areas counts in each, so these do "
        "not add up to the total.",
    )


# --- Staff ------------------------------------------------------------------------------------
class RoleOut(Schema):
    code: str
    name: str


class MembershipOut(Schema):
    code: str = Field(..., description="Municipality code.")
    name: str
    is_admin: bool = Field(..., description="May invite colleagues.")


class TokenInfo(Schema):
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime | None


class MeOut(Schema):
    """The person the token belongs to and what they may act as."""

    email: str
    full_name: str
    is_agency_staff: bool
    roles: list[RoleOut] = Field(..., description="Agency roles.")
    municipalities: list[MembershipOut] = Field(..., description="Municipalities the person may act for.")
    token: TokenInfo


class CaseOut(Schema):
    """A received application (submitted or later)."""

    id: int = Field(..., description="The application's id.")
    case_number: str
    title: str
    status: str
    status_label: str
    call: CallRef
    municipality: NamedCode
    national_area: NamedCode
    administration: str
    submitted_at: datetime | None
    requested_amount: Kronor | None = Field(..., description="Requested, in whole kronor.")
    screening_outcome: Literal["not_screened", "passed", "failed"]


class ScreeningCheckOut(Schema):
    code: str
    outcome: Literal["passed", "failed", "pending"]
    params: dict[str, Any] = Field(..., description="The figures the check judged by.")
    note: str
    checked_at: datetime
    checked_by: str | None = Field(..., description="The officer who recorded a manual check.")


class CaseDetailOut(CaseOut):
    received_document: str = Field(..., description="Reference of the received version in the register.")
    received: dict[str, Any] = Field(
        ...,
        description="The application as received, frozen at arrival (amounts are strings of whole kronor).",
    )
    screening_checks: list[ScreeningCheckOut]


class AssessmentOut(Schema):
    assessor: str = Field(..., description="The assessor's name.")
    scores: dict[str, int] = Field(..., description="Score per criterion code.")
    weighted_score: float | None = Field(..., description="Weighted mean of the scored criteria (two decimals).")
    proposed_amount: Kronor | None = Field(..., description="Proposed amount in whole kronor; null: as requested.")
    completed: bool
    completed_at: datetime | None


class ProposalSummary(Schema):
    method: str
    status: str
    total_value: float
    money_used: Kronor
    money_left: Kronor
    funded_count: int
    reduced_count: int
    funded_per_national_area: dict[str, int]
    skr_groups: list[str]
    skr_main_groups: list[str]
    women_children_share: float


class ProposalOut(Schema):
    """One saved version of the call's allocation proposal."""

    version: int
    kind: Literal["optimised", "adjusted"]
    based_on: int | None = Field(..., description="Version this one adjusts.")
    created_at: datetime
    created_by: str
    status: str = Field(..., description="The optimiser's status, or `adjusted`.")
    budget: Kronor
    amounts: dict[str, Kronor] = Field(..., description="Amount per application id, in whole kronor.")
    summary: ProposalSummary | None
    note: str = Field(..., description="Reason given for an adjustment by hand.")
