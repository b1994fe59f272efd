"""A grant's life in a real browser, only through the pages people use: assessment → proposal →
decision drafts → signing (four eyes) → the municipality downloads its decision letter → report →
the officer approves it → the public register and the project page show the grant.

Every distinct page the journey visits is checked with axe-core (WCAG 2.1 A/AA).
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bidra.accounts.models import AgencyRole
from bidra.applications.models import Application
from bidra.reports.models import Report

from ..decision_helpers import assessed_call, signed_grant
from ..helpers import PASSWORD, make_staff
from ..test_decision_letter import pdf_text
from .conftest import axe_violations, login
from .test_keyboard_and_axe import tab_to, type_into

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The Stockholm application (tests.helpers.fill_complete) asks for 400 000 kr; the officer proposes less.
REQUESTED = 400_000
PROPOSED = 350_000


def kr(amount: int) -> str:
    """An amount as Swedish typography writes it (and Bidra shows it): 350 000 kr with no-break spaces."""
    return f"{amount:,}".replace(",", "\u202f") + "\u00a0kr"


def typed(amount: int) -> str:
    """An amount as a person types it into a form: 350 000."""
    return f"{amount:,}".replace(",", " ")


class Journey:
    """One browser window per person, each logged in once; the axe-core findings of every page visited."""

    def __init__(self, open_window):
        self.open_window = open_window
        self.windows: dict[str | None, object] = {}
        self.page = None
        self.checked: set[str] = set()
        self.violations: list[str] = []

    def as_person(self, email: str | None):
        """Switch to this person's window (anonymous when ``email`` is None), logging in on first use."""
        if email not in self.windows:
            page = self.open_window()
            if email is not None:
                login(page, email, PASSWORD)
                expect(page.get_by_role("navigation", name="Huvudmeny")).to_be_visible()
            self.windows[email] = page
        self.page = self.windows[email]
        return self.page

    def check(self, state: str = "") -> None:
        """Run axe-core unless this page (path, and the state it shows) was checked already."""
        page = re.sub(r"\?.*$", "", self.page.url.removeprefix(self.page.base)) + (f" ({state})" if state else "")
        if page not in self.checked:
            self.checked.add(page)
            self.violations += axe_violations(self.page)

    def menu(self, name: str) -> None:
        """Follow a link of the main menu."""
        self.page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name=name, exact=True).click()


@pytest.fixture
def other_applications(open_call):
    """Two applications from other parts of the country, already assessed, so the optimiser has a choice."""
    applications, _presenter = assessed_call(open_call, applicants=[("1280", 300_000, 3), ("2584", 200_000, 2)])
    return applications


@pytest.fixture
def presenting_officer(db):
    """A case officer who is also a decision-maker: four eyes must still stop her signing her own batch."""
    return make_staff("hanna@lst.test", AgencyRole.CASE_OFFICER, AgencyRole.DECISION_MAKER)


@pytest.fixture
def decision_maker(db):
    return make_staff("dora@lst.test", AgencyRole.DECISION_MAKER)


def test_a_grant_from_assessment_to_the_public_register(
    windows, open_call, submitted, other_applications, presenting_officer, decision_maker, stockholm_user, tmp_path
):
    journey = Journey(windows)
    case_number = submitted.case_number
    title = submitted.title

    # 1. The case officer finds the case in the work list, takes it, declares no jäv, assesses and finishes.
    page = journey.as_person(presenting_officer.email)
    journey.menu("Arbetslista")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    journey.check()
    page.get_by_role("link", name=case_number).click()
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    journey.check()
    page.get_by_label("Handläggare").select_option(label="Hanna")
    page.get_by_role("button", name="Utse handläggare och påbörja bedömning").click()
    expect(page.get_by_role("status").filter(has_text="Hanna handlägger ärendet.")).to_be_visible()
    expect(page.locator("dl.summary").first).to_contain_text("Under bedömning")
    page.get_by_label("Jag har inget jäv i ärendet").check()
    page.get_by_role("button", name="Lämna jävsförklaring").click()
    expect(page.get_by_text("Hanna: inget jäv")).to_be_visible()
    page.get_by_role("link", name="Bedöm ansökan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    journey.check()
    scores = {  # weights 2, 1, 1, 1: a weighted mean of (2·4 + 3 + 4 + 3) / 5 = 3.60
        "Förutsättningar att uppfylla bidragets syfte": 4,
        "Långsiktiga effekter": 3,
        "Förankring bland romer": 4,
        "Insatser som involverar romska kvinnor och barn": 3,
    }
    for criterion, score in scores.items():
        page.get_by_role("group", name=criterion).get_by_role("radio", name=re.compile(f"^{score} – ")).check()
    page.get_by_role("group", name="Rimlig budget").get_by_role("radio", name="Ja").check()
    page.get_by_label("Samlad bedömning").fill("Konkret och väl förankrad insats med romska föräldrar.")
    page.get_by_label("Föreslaget belopp (kr)").fill(typed(PROPOSED))
    page.get_by_label("Skäl för lägre belopp").fill("Materialkostnaden är högt räknad.")
    page.get_by_role("button", name="Spara och markera som klar").click()
    expect(page.get_by_role("status").filter(has_text="Bedömningen är sparad.")).to_be_visible()
    assessments = page.get_by_role("table", name="Bedömningar per bedömare")
    expect(assessments).to_contain_text(kr(PROPOSED))
    expect(assessments).to_contain_text("Klar")
    expect(assessments).to_contain_text("Förutsättningar att uppfylla bidragets syfte: 4")
    expect(assessments.locator("tfoot")).to_contain_text("3,60")
    page.get_by_role("button", name="Markera bedömningen som klar").click()
    expect(page.locator("dl.summary").first).to_contain_text("Bedömd")

    # 2. She computes an allocation proposal for the call and drafts the decisions from it.
    journey.menu("Fördelning")
    journey.check()
    page.get_by_role("link", name=open_call.title).click()
    expect(page.get_by_text("Inget förslag är beräknat ännu.")).to_be_visible()
    journey.check()
    page.get_by_role("button", name="Beräkna ett nytt förslag").click()
    expect(page.get_by_role("status").filter(has_text="Förslag version 1 är beräknat.")).to_be_visible()
    proposal_rows = page.get_by_role("table", name="Ansökningar och förslag")
    own_row = proposal_rows.get_by_role("row").filter(has_text=case_number)
    expect(own_row.get_by_label(f"Belopp för {case_number}")).to_have_value(str(PROPOSED))
    journey.check()
    page.get_by_role("button", name="Ta fram beslutsutkast").click()
    expect(page.get_by_role("status").filter(has_text="Beslutsutkast är framtagna.")).to_be_visible()
    decisions = page.get_by_role("table", name="Besluten i omgången")
    own_decision = decisions.get_by_role("row").filter(has_text=case_number)
    expect(own_decision).to_contain_text("Beviljas delvis")
    expect(own_decision).to_contain_text(kr(PROPOSED))
    journey.check()
    own_decision.get_by_role("link", name=f"Ändra {case_number}").click()
    journey.check()
    expect(page.get_by_label("Beviljat belopp (kr)")).to_have_value(str(PROPOSED))
    reasons = page.get_by_label("Skäl för beslutet")
    reasons.fill(reasons.input_value() + "\nInsatsen bygger vidare på kommunens tidigare arbete.")
    page.get_by_role("button", name="Spara utkastet").click()
    expect(page.get_by_role("status").filter(has_text="Beslutsutkastet är sparat.")).to_be_visible()
    # Four eyes: the presenting officer is a decision-maker too, but may not sign her own batch.
    expect(page.get_by_role("button", name="Fatta besluten")).to_have_count(0)
    expect(page.get_by_text("Den som föredrar ärendena kan inte också fatta beslut i dem (fyra ögon).")).to_be_visible()

    # 3. Another person, a decision-maker, signs every decision of the batch.
    page = journey.as_person(decision_maker.email)
    journey.menu("Beslut")
    journey.check()
    page.get_by_role("link", name=re.compile(re.escape(open_call.title))).click()
    expect(page.get_by_text("Beslutsomgång – Utkast")).to_be_visible()
    page.get_by_role("button", name="Fatta besluten").click()
    expect(page.get_by_role("status").filter(has_text="Besluten är fattade")).to_be_visible()
    expect(page.get_by_text("Beslutsomgång – Beslutad")).to_be_visible()
    expect(page.get_by_text("Beslutat av Dora")).to_be_visible()
    signed = page.get_by_role("table", name="Besluten i omgången").get_by_role("row").filter(has_text=case_number)
    expect(signed).to_contain_text(f"beslut-{case_number}.pdf")
    journey.check("signed")

    # 4. The municipality sees the decision and downloads the letter.
    page = journey.as_person(stockholm_user.email)
    journey.menu("Mina ansökningar")
    journey.check()
    page.get_by_role("link", name=title).click()
    expect(page.locator("dl.summary").first).to_contain_text("Delvis beviljad")
    decision_panel = page.locator(".panel").filter(has=page.get_by_role("heading", name="Beslut"))
    expect(decision_panel).to_contain_text(f"Beviljas delvis: {kr(PROPOSED)}")
    journey.check()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ned beslutet (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"beslut-{case_number}.pdf"
    letter = Path(tmp_path) / "beslut.pdf"
    download.save_as(letter)
    pdf = letter.read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)  # every kind of space as one ordinary space
    assert case_number in text
    assert f"med {typed(PROPOSED)} kr av sökta {typed(REQUESTED)} kr" in text, text
    assert "Dora" in text  # signed by the decision-maker, presented by the officer
    assert "Hanna" in text

    # 5. The municipality reports how the money was used; the officer approves the report.
    journey.menu("Redovisningar")
    reports = page.get_by_role("table", name="Beviljade bidrag att redovisa")
    expect(reports.get_by_role("row").filter(has_text=case_number)).to_contain_text(kr(PROPOSED))
    journey.check()
    reports.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    journey.check()
    page.get_by_label("Använt (kr): Brobyggare").fill(typed(280_000))
    page.get_by_label("Använt (kr): Material").fill(typed(70_000))
    page.get_by_label("Vad som har genomförts").fill("Två brobyggare har arbetat på fyra skolor hela läsåret.")
    page.get_by_label("Resultat i förhållande till syftet").fill("Närvaron har ökat för de elever som fått stöd.")
    page.get_by_label("Målgrupper som nåtts").fill("Elever i årskurs 1–9 och deras föräldrar.")
    page.get_by_label("Antal personer som nåtts").fill("85")
    page.get_by_label("Romers delaktighet").fill("Referensgruppen med romska föräldrar har styrt arbetet.")
    page.get_by_label("Vad som fortsätter efter bidraget").fill("Elevhälsan anställer en brobyggare.")
    page.get_by_label("Sammanfattning för publicering").fill("Brobyggare ökade skolnärvaron bland romska elever.")
    page.get_by_role("button", name="Skicka in").click()
    expect(page.get_by_role("status").filter(has_text="Redovisningen är inskickad och registrerad.")).to_be_visible()
    summary = page.locator("dl.summary").first
    expect(summary).to_contain_text("Inskickad")
    expect(summary).to_contain_text(f"Använt{kr(PROPOSED)}")
    expect(summary).to_contain_text(f"Outnyttjat{kr(0)}")
    journey.check("submitted")

    page = journey.as_person(presenting_officer.email)  # still logged in, in her own window
    journey.menu("Redovisningar")
    journey.check()
    review_rows = page.get_by_role("table", name="Redovisningar")
    own_report = review_rows.get_by_role("row").filter(has_text=case_number)
    expect(own_report).to_contain_text("Inskickad")
    own_report.get_by_role("link", name=title).click()
    expect(page.get_by_text("Brobyggare ökade skolnärvaron bland romska elever.")).to_be_visible()
    journey.check()
    page.get_by_role("button", name="Godkänn redovisningen").click()
    expect(page.get_by_role("status").filter(has_text="Redovisningen är godkänd.")).to_be_visible()
    expect(page.locator("dl.summary").first).to_contain_text("Godkänd")

    # 6. Anyone, without logging in, finds the grant in the public register and on its own page.
    page = journey.as_person(None)
    page.goto(f"{page.base}/")
    page.get_by_role("navigation", name="Sidfot").get_by_role("link", name="Bidrag och beviljade projekt").click()
    journey.check()
    page.get_by_role("link", name=re.compile("^Beviljade bidrag")).first.click()
    register = page.get_by_role("table", name="Beviljade insatser")
    grant_row = register.get_by_role("row").filter(has_text=case_number)
    expect(grant_row).to_contain_text("Stockholm")
    expect(grant_row).to_contain_text(kr(PROPOSED))
    expect(page.get_by_role("status").filter(has_text="3 beviljade insatser")).to_be_visible()
    journey.check()
    grant_row.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    facts = page.locator("dl.facts").first
    expect(facts).to_contain_text(f"{kr(PROPOSED)} ({kr(REQUESTED)} söktes)")
    expect(facts).to_contain_text("Beviljas delvis")
    expect(facts).to_contain_text(open_call.title)
    expect(page.locator("dl.facts").nth(1)).to_contain_text("Stockholm")
    expect(page.get_by_text("Brobyggare ökade skolnärvaron bland romska elever.")).to_be_visible()
    journey.check()

    assert journey.violations == []
    assert len(journey.checked) >= 15
    application = Application.objects.get(pk=submitted.pk)
    assert application.status == "partly_granted"
    assert application.decision.report.status == "approved"


def follow_by_keyboard(page, link: str, url: str) -> None:
    """Tab to a link and press Enter, as a keyboard user would, and wait for the page it opens."""
    tab_to(page, link)
    page.keyboard.press("Enter")
    page.wait_for_url(url)


def test_the_municipality_downloads_its_decision_and_reports_with_the_keyboard_only(page, open_call, tmp_path):
    """Tab, Enter and Space only after logging in: no mouse, no programmatic focus."""
    (decision,), _officer = signed_grant(open_call)  # 400 000 kr granted in full to Stockholm
    application = decision.application
    journey = Journey(lambda: page)
    journey.as_person(application.submitted_by.email)
    page.goto(f"{page.base}/")

    follow_by_keyboard(page, "nav.main a[href='/ansokningar/']", "**/ansokningar/")
    journey.check()
    follow_by_keyboard(page, f"main a[href='/ansokningar/{application.pk}/']", f"**/ansokningar/{application.pk}/")
    expect(page.locator(".panel")).to_contain_text(f"Beviljas: {kr(400_000)}")
    journey.check()
    tab_to(page, "main .panel a[href^='/handlingar/filer/']")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    letter = Path(tmp_path) / "beslut.pdf"
    download_info.value.save_as(letter)
    pdf = letter.read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert application.case_number in pdf_text(pdf)

    follow_by_keyboard(page, "nav.main a[href='/redovisningar/']", "**/redovisningar/")
    journey.check()
    follow_by_keyboard(page, f"main a[href='/redovisningar/{decision.pk}/']", f"**/redovisningar/{decision.pk}/")
    journey.check()
    type_into(page, "#id_line_0", typed(380_000))
    type_into(page, "#id_activities", "Läxhjälp och hembesök hela läsåret.")
    type_into(page, "#id_results", "Närvaron ökade.")
    type_into(page, "#id_target_groups_reached", "40 barn och unga, 15 föräldrar.")
    type_into(page, "#id_roma_participation", "En referensgrupp med romska föräldrar.")
    # Save a draft with the space bar first: nothing typed is lost.
    tab_to(page, "button[value=save]")
    page.keyboard.press("Space")
    expect(page.get_by_role("status").filter(has_text="Utkastet är sparat.")).to_be_visible()
    expect(page.locator("#id_line_0")).to_have_value("380000")
    type_into(page, "#id_continuation", "Skolan tar över brobyggarna.")
    type_into(page, "#id_public_summary", "Brobyggare i skolan ökade närvaron.")
    type_into(page, "#id_participants", "55")
    tab_to(page, "button[value=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Redovisningen är inskickad och registrerad.")).to_be_visible()
    summary = page.locator("dl.summary").first
    expect(summary).to_contain_text(f"Använt{kr(380_000)}")
    expect(summary).to_contain_text(f"Outnyttjat{kr(20_000)}")
    expect(summary).to_contain_text("Inskickad")
    journey.check("submitted")

    assert journey.violations == []
    report = Report.objects.get(decision=decision)
    assert (report.status, report.used_amount, report.unused_amount, report.participants) == (
        "submitted",
        380_000,
        20_000,
        55,
    )
