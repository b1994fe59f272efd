"""The decision letter (beslut) on a grant application, rendered to PDF from plain data.

Nothing here reads the database: the caller collects the facts of the decision into a
``DecisionLetter`` and gets the PDF bytes back, so a letter can be re-rendered exactly from
what was decided and tested without a database.
"""

import re
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Literal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from bidra.core.pdf import render_pdf

Outcome = Literal["granted", "partly_granted", "refused"]
OUTCOMES: tuple[str, ...] = ("granted", "partly_granted", "refused")
TEMPLATE = "decisions/letter.html"
BULLETS = ("- ", "– ", "• ")


@dataclass(frozen=True)
class DecisionLetter:
    """Everything a Swedish förvaltningsbeslut on a grant application says, as plain values."""

    agency_name: str  # "Länsstyrelsen i Stockholms län"
    agency_unit: str
    agency_address: str  # several lines
    agency_organisation_number: str
    case_number: str  # diarienummer
    decision_date: date
    addressee_name: str  # "Malmö kommun"
    addressee_administration: str  # may be empty
    addressee_contact: str
    application_title: str
    received_date: date
    outcome: Outcome
    amount_granted: int  # whole kronor; 0 when refused
    amount_requested: int
    reasons: str  # motivering; paragraphs separated by blank lines
    conditions: str  # may be empty
    report_due_date: date | None  # None when refused
    report_requirements: str  # see default_report_requirements()
    legal_basis: str  # "förordningen (2022:259) om statsbidrag till kommuner för att främja romsk inkludering"
    appealable: bool
    appeal_text: str  # see appeal_text()
    signatory_name: str
    signatory_title: str
    presenting_officer_name: str  # föredragande
    period_start: date | None = None
    period_end: date | None = None
    # What the subject line calls the grant ("statsbidrag till kommuner för att främja romsk
    # inkludering"); when empty the subject names the legal basis instead.
    grant_name: str = ""

    def __post_init__(self):
        if self.outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {OUTCOMES}, not {self.outcome!r}")
        if self.amount_granted < 0 or self.amount_requested < 0:
            raise ValueError("amounts cannot be negative")
        if self.outcome == "refused":
            if self.amount_granted != 0:
                raise ValueError("a refused application is granted 0 kr")
            if self.report_due_date is not None:
                raise ValueError("a refused application has no report to hand in")
            return
        if self.amount_granted <= 0:
            raise ValueError(f"a {self.outcome} decision grants an amount above 0 kr")
        if self.amount_granted > self.amount_requested:
            raise ValueError("the amount granted cannot exceed the amount requested")
        if self.outcome == "partly_granted" and self.amount_granted == self.amount_requested:
            raise ValueError("a partly granted decision grants less than was requested")
        if self.report_due_date is None:
            raise ValueError("a decision that grants money says when the report is due")

    @property
    def granted(self) -> bool:
        return self.outcome != "refused"

    @property
    def reduction(self) -> int:
        """How much less than requested was granted (0 when granted in full or refused)."""
        return self.amount_requested - self.amount_granted if self.outcome == "partly_granted" else 0


def default_report_requirements() -> str:
    """What the recipient's report must contain, one item a line after the opening line."""
    items = [
        _("hur bidraget har använts, fördelat på budgetposterna i den budget som beslutet bygger på,"),
        _("hur mycket av bidraget som inte har använts,"),
        _("vilka insatser som har genomförts,"),
        _("vilka resultat insatserna har gett i förhållande till bidragets syfte,"),
        _("vilka målgrupper som har nåtts, redovisat sammanlagt och utan personuppgifter,"),
        _("hur romer har varit delaktiga i planering, genomförande och uppföljning, och"),
        _("vilka delar av arbetet som fortsätter efter bidragsperioden och hur de ska finansieras."),
    ]
    return "\n".join([_("Redovisningen ska innehålla:"), *(f"– {item}" for item in items)])


def appeal_text(appealable: bool, *, agency_name: str = "", legal_basis: str = "") -> str:
    """The closing statement on appeal: how to appeal (förvaltningslagen 44 §) or that one cannot.

    ``legal_basis`` names the ordinance that bars appeal, e.g. "förordningen (2022:259) om ...".
    """
    if not appealable:
        if legal_basis:
            return _("Beslutet får enligt %(law)s inte överklagas.") % {"law": legal_basis}
        return _(
            "Beslutet får enligt förordningen (2022:259) om statsbidrag till kommuner för att främja romsk "
            "inkludering inte överklagas."
        )
    if agency_name:
        sent_to = _(
            "Överklagandet ska vara skriftligt och ställas till förvaltningsrätten, men skickas eller lämnas till "
            "%(agency)s. Det måste ha kommit in till %(agency)s inom tre veckor från den dag då ni fick del av "
            "beslutet."
        ) % {"agency": agency_name}
    else:
        sent_to = _(
            "Överklagandet ska vara skriftligt och ställas till förvaltningsrätten, men skickas eller lämnas till "
            "den myndighet som har fattat beslutet. Det måste ha kommit in dit inom tre veckor från den dag då ni "
            "fick del av beslutet."
        )
    return "\n\n".join(
        [
            _("Ni kan överklaga beslutet hos förvaltningsrätten enligt 44 § förvaltningslagen (2017:900)."),
            sent_to,
            _(
                "Ange i överklagandet ärendets diarienummer, vilket beslut ni överklagar och vilken ändring av "
                "beslutet ni vill ha."
            ),
        ]
    )


LINE_BREAK = mark_safe("<br>")  # a constant tag  # nosec B308


def text_html(text: str) -> SafeString:
    """Plain text as escaped HTML: blank lines part paragraphs, lines starting with a dash are list items."""
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", text.strip().replace("\r\n", "\n")):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        for is_list, run in groupby(lines, key=lambda line: line.startswith(BULLETS)):
            if is_list:
                items = format_html_join("", "<li>{}</li>", ((line[2:].strip(),) for line in run))
                blocks.append(format_html("<ul>{}</ul>", items))
            else:
                blocks.append(format_html("<p>{}</p>", format_html_join(LINE_BREAK, "{}", ((line,) for line in run))))
    return mark_safe("".join(blocks))  # noqa: S308 - every piece went through format_html  # nosec B308, B703


def letter_context(letter: DecisionLetter) -> dict:
    return {
        "letter": letter,
        "agency_address_lines": [line for line in letter.agency_address.splitlines() if line.strip()],
        "reasons_html": text_html(letter.reasons),
        "conditions_html": text_html(letter.conditions),
        "report_requirements_html": text_html(letter.report_requirements),
        "appeal_html": text_html(letter.appeal_text),
    }


def render_decision_letter(letter: DecisionLetter, language: str = "sv") -> bytes:
    """The decision letter as a tagged A4 PDF."""
    return render_pdf(TEMPLATE, letter_context(letter), language=language)
