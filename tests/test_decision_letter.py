"""The decision letter is a real tagged A4 PDF, says what was decided, and never reaches the network."""

import io
import re
import shutil
import socket
import subprocess
import zlib
from dataclasses import replace
from datetime import date

import pytest
from django.utils import translation

from bidra.core.pdf import DataOnlyURLFetcher, render_pdf
from bidra.decisions.letter import (
    DecisionLetter,
    appeal_text,
    default_report_requirements,
    render_decision_letter,
    text_html,
)

AGENCY = "Länsstyrelsen i Stockholms län"
LEGAL_BASIS = "förordningen (2022:259) om statsbidrag till kommuner för att främja romsk inkludering"


def make_letter(outcome: str = "granted", **changes) -> DecisionLetter:
    with translation.override("sv"):
        requirements = default_report_requirements()
        appeal = appeal_text(False)
    letter = DecisionLetter(
        agency_name=AGENCY,
        agency_unit="Enheten för nationella minoriteter",
        agency_address="Box 22067\n104 22 Stockholm",
        agency_organisation_number="202100-2247",
        case_number="851-1234-2025",
        decision_date=date(2025, 5, 20),
        addressee_name="Malmö kommun",
        addressee_administration="Arbetsmarknads- och socialförvaltningen",
        addressee_contact="Sara Lindqvist",
        application_title="Brobyggare i skola och socialtjänst",
        received_date=date(2025, 3, 14),
        outcome="granted",
        amount_granted=1_250_000,
        amount_requested=1_250_000,
        reasons="Ansökan uppfyller förutsättningarna.\n\nBudgeten är rimlig för de planerade insatserna.",
        conditions="Bidraget får bara användas för de insatser som beskrivs i ansökan.",
        report_due_date=date(2027, 3, 31),
        report_requirements=requirements,
        legal_basis=LEGAL_BASIS,
        appealable=False,
        appeal_text=appeal,
        signatory_name="Maria Ek",
        signatory_title="enhetschef",
        presenting_officer_name="Hanna Berg",
        period_start=date(2025, 7, 1),
        period_end=date(2026, 12, 31),
        grant_name="statsbidrag till kommuner för att främja romsk inkludering",
    )
    if outcome == "partly_granted":
        letter = replace(letter, outcome=outcome, amount_granted=800_000, reasons="Lokalhyran är inte nödvändig.")
    elif outcome == "refused":
        with translation.override("sv"):
            appeal = appeal_text(True, agency_name=AGENCY)
        letter = replace(
            letter,
            outcome=outcome,
            amount_granted=0,
            report_due_date=None,
            conditions="",
            reasons="Insatserna är sådana som kommunen ändå är skyldig att utföra.",
            appealable=True,
            appeal_text=appeal,
        )
    return replace(letter, **changes)


def plain(text: str) -> str:
    """Text with every kind of space (no-break, narrow no-break, line breaks) as one ordinary space."""
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def pdf_text(pdf: bytes) -> str:
    try:
        from pypdf import PdfReader  # optional
    except ImportError:
        pdftotext = shutil.which("pdftotext")
        if pdftotext is None:
            pytest.fail("Reading the PDF needs pypdf or pdftotext (Debian: apt-get install poppler-utils).")
        result = subprocess.run([pdftotext, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)  # noqa: S603
        return plain(result.stdout.decode())
    return plain(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF with its compressed streams (object streams too) inflated, to look for dictionary keys."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


@pytest.fixture(scope="module")
def letters() -> dict[str, tuple[bytes, str]]:
    rendered = {}
    for outcome in ("granted", "partly_granted", "refused"):
        pdf = render_decision_letter(make_letter(outcome))
        rendered[outcome] = (pdf, pdf_text(pdf))
    return rendered


@pytest.mark.parametrize("outcome", ["granted", "partly_granted", "refused"])
def test_every_letter_names_the_case_the_parties_and_the_appeal(letters, outcome):
    pdf, text = letters[outcome]
    letter = make_letter(outcome)
    assert pdf.startswith(b"%PDF-")
    assert "BESLUT" in text
    assert "851-1234-2025" in text
    assert "Malmö kommun" in text
    assert AGENCY in text
    assert "202100-2247" in text
    assert "Beslut om statsbidrag till kommuner för att främja romsk inkludering" in text
    assert plain(letter.appeal_text) in text
    assert "Beslut i detta ärende har fattats av Maria Ek (enhetschef) efter föredragning av Hanna Berg." in text
    assert "Sida 1 av" in text
    assert "2025-05-20" in text
    assert "14 mars 2025" in text


def test_a_granted_letter_states_the_amount_and_when_to_report(letters):
    _, text = letters["granted"]
    assert (
        "Länsstyrelsen i Stockholms län beviljar Malmö kommun statsbidrag med 1 250 000 kr "
        "för ”Brobyggare i skola och socialtjänst”." in text
    )
    assert "Redovisning" in text
    assert "31 mars 2027" in text
    assert "hur mycket av bidraget som inte har använts" in text
    assert "hur romer har varit delaktiga" in text
    assert "Villkor" in text
    assert "1 juli 2025–31 december 2026" in text
    assert "inte överklagas" in text


def test_a_partly_granted_letter_gives_both_amounts_and_the_reduction(letters):
    _, text = letters["partly_granted"]
    assert "statsbidrag delvis, med 800 000 kr av sökta 1 250 000 kr" in text
    assert "450 000 kr lägre än det sökta" in text
    assert "Lokalhyran är inte nödvändig." in text
    assert "31 mars 2027" in text


def test_a_refused_letter_has_no_report_section_and_says_how_to_appeal(letters):
    _, text = letters["refused"]
    assert "avslår ansökan från Malmö kommun" in text
    assert "Redovisning" not in text
    assert "Villkor" not in text
    assert "beviljar" not in text
    assert "Hur man överklagar" in text
    assert "förvaltningsrätten" in text
    assert "tre veckor" in text


@pytest.mark.parametrize("outcome", ["granted", "refused"])
def test_the_letter_is_a_tagged_a4_pdf_with_a_language(letters, outcome):
    pdf, _ = letters[outcome]
    objects = pdf_objects(pdf)
    assert b"/Lang (sv)" in objects
    assert b"/StructTreeRoot" in objects
    assert re.search(rb"/MediaBox \[0 0 595\.\d+ 841\.\d+\]", objects)


def test_the_letter_language_follows_the_requested_language():
    pdf = render_decision_letter(make_letter("granted"), language="en")
    assert b"/Lang (en)" in pdf_objects(pdf)


def test_the_letter_escapes_what_people_wrote():
    pdf = render_decision_letter(make_letter("granted", reasons="Se <b>bilaga</b> & budget."))
    assert "Se <b>bilaga</b> & budget." in pdf_text(pdf)


def test_text_becomes_paragraphs_and_lists():
    html = text_html("Inledning:\n- första\n– andra <x>\n  \nSista stycket.\nNy rad.")
    assert html == ("<p>Inledning:</p><ul><li>första</li><li>andra &lt;x&gt;</li></ul><p>Sista stycket.<br>Ny rad.</p>")
    assert text_html("") == ""


def test_the_appeal_text_follows_the_ordinance_or_the_administrative_procedure_act():
    with translation.override("sv"):
        closed = appeal_text(False)
        open_ = appeal_text(True, agency_name=AGENCY)
        open_without_agency = appeal_text(True)
    assert closed.startswith("Beslutet får enligt förordningen (2022:259)")
    assert closed.endswith("inte överklagas.")
    assert "§" not in closed
    for text in (open_, open_without_agency):
        assert "44 § förvaltningslagen (2017:900)" in text
        assert "skriftligt" in text
        assert "förvaltningsrätten" in text
        assert "tre veckor" in text
        assert "diarienummer" in text
    assert AGENCY in open_


@pytest.mark.parametrize(
    "changes",
    [
        {"outcome": "refused", "report_due_date": None},  # refused but money granted
        {"outcome": "refused", "amount_granted": 0},  # refused but a report is due
        {"outcome": "partly_granted"},  # partly granted but the full amount
        {"amount_granted": 2_000_000},  # more than requested
        {"report_due_date": None},  # granted without a report date
        {"outcome": "approved"},
    ],
)
def test_a_letter_that_contradicts_itself_is_refused(changes):
    with pytest.raises(ValueError):
        replace(make_letter("granted"), **changes)


# --- No network -----------------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch):
    """Fails the test if anything resolves a host name or opens a connection."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access during a test")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


@pytest.fixture
def template_dir(settings, tmp_path):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    return tmp_path


PAGE = '<!DOCTYPE html><html lang="sv"><head><title>Prov</title>{head}</head><body><p>Prov</p>{body}</body></html>'


@pytest.mark.parametrize(
    ("head", "body"),
    [
        ("", '<img src="http://example.invalid/x.png" alt="logotyp">'),
        ("", '<img src="https://example.invalid/x.png" alt="logotyp">'),
        ('<link rel="stylesheet" href="http://example.invalid/x.css">', ""),
        ("<style>@import url('http://example.invalid/x.css');</style>", ""),
        ("<style>@font-face { font-family: X; src: url(http://example.invalid/x.woff); }</style>", ""),
        ("", '<img src="/etc/hostname" alt="fil">'),  # relative: resolves to a file: URL
    ],
)
def test_the_renderer_refuses_any_url_but_data(template_dir, no_network, head, body):
    (template_dir / "prov.html").write_text(PAGE.format(head=head, body=body), encoding="utf-8")
    with pytest.raises(ValueError, match="data: URLs"):
        render_pdf("prov.html", {})
    assert no_network == []


def test_the_renderer_accepts_data_urls(template_dir, no_network):
    pixel = (
        "data:image/png;base64,"
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    )
    (template_dir / "prov.html").write_text(PAGE.format(head="", body=f'<img src="{pixel}" alt="punkt">'), "utf-8")
    assert render_pdf("prov.html", {}).startswith(b"%PDF-")
    assert no_network == []


@pytest.mark.parametrize("url", ["http://example.invalid/x.png", "file:///etc/passwd", "ftp://example.invalid/x"])
def test_the_url_fetcher_refuses_everything_but_data(no_network, url):
    with pytest.raises(ValueError, match="data: URLs"):
        DataOnlyURLFetcher().fetch(url)
    assert no_network == []
    assert DataOnlyURLFetcher().fetch("data:text/plain,hej").read() == b"hej"
