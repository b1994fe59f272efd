"""A municipality applies in a real browser: starts, saves, leaves, resumes, attaches, submits."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from bidra.applications.models import Application
from bidra.core.stockholm import at
from bidra.programmes.models import Call

from ..helpers import PASSWORD, PDF_BYTES, fill_complete, start_draft
from .conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_municipality_applies_saves_resumes_and_submits(page, open_call, stockholm_user, tmp_path):
    seen: list[str] = []
    login(page, stockholm_user.email, PASSWORD)
    page.goto(f"{page.base}/ansokningar/")
    seen += axe_violations(page)
    page.click("text=Starta en ny ansökan")
    page.fill("#id_administration", "Kulturförvaltningen")
    page.fill("#id_contact_phone", "08-508 00 000")
    page.click("button[value=continue]")
    page.fill("#id_title", "Romska läsambassadörer")
    page.click("button[value=continue]")  # summary etc. missing: errors, nothing lost
    assert page.locator(".error-summary").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    seen += axe_violations(page)
    assert page.input_value("#id_title") == "Romska läsambassadörer"
    page.click("button[value=save_exit]")  # leave

    page.context.clear_cookies()
    login(page, stockholm_user.email, PASSWORD)
    page.goto(f"{page.base}/ansokningar/")
    page.click("text=Romska läsambassadörer")  # resumes where the user left
    assert "/steg/insatsen/" in page.url
    page.fill("#id_summary", "Biblioteken utvecklar läsfrämjande arbete med romska barn.")
    page.fill("#id_purpose", "Fler romska barn läser på fritiden.")
    page.fill("#id_activities", "Läsgrupper, författarbesök och material på romani.")
    page.click("button[value=continue]")
    page.check("text=Kultur och språk")
    page.check("text=Barn och unga")
    page.fill("#id_target_group_description", "Omkring 60 barn i tre stadsdelar.")
    page.click("button[value=continue]")
    page.fill("#id_roma_participation", "En romsk förening planerar och leder läsgrupperna.")
    page.fill("#id_long_term_effects", "Läsambassadörerna blir en del av bibliotekets ordinarie verksamhet.")
    page.click("button[value=continue]")
    year = open_call.period_start_earliest.year
    page.fill("#id_period_start", f"{year}-03-01")
    page.fill("#id_period_end", f"{year}-12-31")
    page.fill("#id_requested_amount", "250 000")
    page.select_option("#id_rows-0-category", "personnel")
    page.fill("#id_rows-0-description", "Läsambassadör 50 %")
    page.fill("#id_rows-0-amount", "200 000")
    page.select_option("#id_rows-1-category", "materials")
    page.fill("#id_rows-1-description", "Böcker på romani")
    page.fill("#id_rows-1-amount", "50 000")
    page.click("button[value=continue]")
    assert "/steg/bilagor/" in page.url
    pdf = Path(tmp_path) / "budget.pdf"
    pdf.write_bytes(PDF_BYTES)
    page.set_input_files("#id_file", str(pdf))
    page.click("button[value=upload]")
    assert page.locator("text=budget.pdf").first.is_visible()
    seen += axe_violations(page)
    page.click("button[value=continue]")
    assert page.locator("h1", has_text="Granska och skicka in").is_visible()
    seen += axe_violations(page)
    page.click("text=Skicka in ansökan")
    receipt = page.locator(".case-number").inner_text()
    assert re.fullmatch(r"851-\d{4}-\d{4}", receipt)
    seen += axe_violations(page)
    application = Application.objects.get(case__number=receipt)
    assert application.status == "submitted"
    assert [a.name for a in application.attachments.all()] == ["budget.pdf"]
    assert seen == []


def test_a_submission_after_the_deadline_is_refused_in_the_browser(page, programme, stockholm_user):
    now = timezone.now()
    closed = Call.objects.create(
        programme=programme,
        title="Stängd omgång",
        slug="stangd",
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(minutes=2),
        budget=1_000_000,
        period_start_earliest=now.date(),
        period_end_latest=now.date() + timedelta(days=300),
        report_due_date=now.date() + timedelta(days=400),
    )
    draft = fill_complete(start_draft(closed, stockholm_user, at=now - timedelta(days=5)))
    draft.period_start, draft.period_end = closed.period_start_earliest, closed.period_end_latest
    draft.save()
    login(page, stockholm_user.email, PASSWORD)
    page.goto(f"{page.base}/ansokningar/{draft.pk}/granska/")
    page.click("text=Skicka in ansökan")
    assert page.locator("h1", has_text="Sista ansökningstid har passerat").is_visible()
    assert axe_violations(page) == []
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_an_officer_filters_the_work_list_and_opens_the_case(page, submitted, officer):
    login(page, officer.email, PASSWORD)
    page.goto(f"{page.base}/handlaggning/")
    assert axe_violations(page) == []
    page.select_option("#id_national_area", "east")
    page.fill("#id_q", "Brobyggare")
    page.click("main form.filters button.button")
    page.click(f"text={submitted.case_number}")
    assert page.locator("h1", has_text=submitted.title).is_visible()
    assert axe_violations(page) == []


def test_the_deadline_is_shown_in_stockholm_time(page, programme, stockholm_user):
    Call.objects.create(
        programme=programme,
        title="Vårens omgång",
        slug="var",
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=at(2099, 4, 15, 23, 59),
        budget=1_000_000,
        period_start_earliest=timezone.now().date(),
        period_end_latest=timezone.now().date() + timedelta(days=300),
        report_due_date=timezone.now().date() + timedelta(days=400),
    )
    page.goto(f"{page.base}/")
    assert page.locator("text=15 april 2099 kl. 23.59").first.is_visible()
