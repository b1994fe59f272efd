"""Follow-up figures against sums computed by hand on a small two-year dataset built directly in the database."""

import itertools
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bidra.accounts.models import AgencyRole
from bidra.applications.models import Application
from bidra.decisions.models import Decision, DecisionBatch
from bidra.diarium.models import Case
from bidra.followup import charts, figures
from bidra.municipalities.models import Municipality
from bidra.payments.models import PaymentOrder
from bidra.programmes.models import Call
from bidra.reports.models import Reclaim, Report

from .helpers import make_staff

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_serial = itertools.count(1)


def make_call(programme, year: int) -> Call:
    return Call.objects.create(
        programme=programme,
        title=f"Omgång {year}",
        slug=f"omgang-{year}",
        opens_at=datetime(year, 1, 1, tzinfo=STOCKHOLM),
        closes_at=datetime(year, 4, 15, 23, 59, tzinfo=STOCKHOLM),
        budget=Decimal(8_650_000),
        period_start_earliest=date(year, 7, 1),
        period_end_latest=date(year + 1, 12, 31),
        report_due_date=date(year + 2, 3, 31),
    )


def make_application(call, code, requested, *, areas=(), groups=(), submitted=True, status="submitted"):
    serial = next(_serial)
    year = call.closes_at.year
    case = None
    if submitted:
        case = Case.objects.create(
            number=f"851-{serial:04d}-{year}", prefix="851", year=year, serial=serial, subject="Ansökan"
        )
    staff = make_staff(f"creator{serial}@lst.test")
    application = Application.objects.create(
        call=call,
        municipality=Municipality.objects.get(code=code),
        created_by=staff,
        title=f"Insats {serial} <i>",
        target_groups=list(groups),
        requested_amount=Decimal(requested),
        submitted_at=call.closes_at if submitted else None,
        status=status if submitted else "draft",
        case=case,
    )
    application.areas.set(call.programme.areas.filter(code__in=areas))
    return application


def make_batch(call, signed_at):
    presenter = make_staff(f"presenter{next(_serial)}@lst.test", AgencyRole.CASE_OFFICER)
    return DecisionBatch.objects.create(call=call, presenter=presenter, state="signed", signed_at=signed_at)


def decide(batch, application, amount, *, paid=False):
    outcome = "granted" if amount else "refused"
    decision = Decision.objects.create(
        batch=batch, application=application, outcome=outcome, amount=Decimal(amount), reasons="Skäl", appeal_text="-"
    )
    if amount:
        PaymentOrder.objects.create(
            decision=decision,
            municipality=application.municipality,
            call=application.call,
            amount=Decimal(amount),
            status="paid" if paid else "planned",
            reference=f"R{decision.pk}",
        )
    return decision


def build_dataset(programme):
    """2023: Stockholm 100 000 kr (paid). 2024 (signed just after midnight on New Year, Stockholm time):
    Stockholm 300 000 of 400 000 (education + work, women; paid), Malmö 200 000 (culture, elderly; not paid),
    Kiruna refused (100 000 sought), one received application undecided (50 000), one draft (ignored)."""
    call_2023, call_2024 = make_call(programme, 2023), make_call(programme, 2024)
    batch_2023 = make_batch(call_2023, datetime(2023, 6, 1, 10, tzinfo=STOCKHOLM))
    old = decide(batch_2023, make_application(call_2023, "0180", 150_000, areas=["utbildning"]), 100_000, paid=True)
    batch_2024 = make_batch(call_2024, datetime(2024, 1, 1, 0, 30, tzinfo=STOCKHOLM))  # 2023-12-31 in UTC
    stockholm = decide(
        batch_2024,
        make_application(call_2024, "0180", 400_000, areas=["utbildning", "arbete"], groups=["women"]),
        300_000,
        paid=True,
    )
    malmo = decide(
        batch_2024, make_application(call_2024, "1280", 200_000, areas=["kultur-sprak"], groups=["elderly"]), 200_000
    )
    decide(batch_2024, make_application(call_2024, "2584", 100_000, areas=["bostad"]), 0)
    make_application(call_2024, "0581", 50_000, areas=["halsa"])
    make_application(call_2024, "0581", 999_999, submitted=False)
    return {"old": old, "stockholm": stockholm, "malmo": malmo, "call_2024": call_2024}


@pytest.fixture
def dataset(programme):
    return build_dataset(programme)


@pytest.fixture
def follow_up(dataset, programme):
    """Adds reports and reclaims."""

    officer = make_staff("reclaim@lst.test", AgencyRole.CASE_OFFICER)
    for status, amount in (("claimed", 50_000), ("draft", 10_000), ("paid_back", 5_000)):
        Reclaim.objects.create(
            decision=dataset["stockholm"],
            amount=Decimal(amount),
            reasons="Outnyttjat",
            repay_by=date(2025, 6, 30),
            presenter=officer,
            status=status,
        )
    Report.objects.create(
        decision=dataset["stockholm"],
        municipality=dataset["stockholm"].application.municipality,
        status="approved",
        results="Närvaron i skolan ökade.",
    )
    Report.objects.create(
        decision=dataset["malmo"], municipality=dataset["malmo"].application.municipality, status="draft"
    )
    Report.objects.create(
        decision=dataset["old"], municipality=dataset["old"].application.municipality, status="submitted"
    )
    return dataset


@pytest.mark.django_db
def test_key_figures_match_hand_computed_sums(follow_up, programme):
    totals = figures.key_figures(programme, 2024)
    assert totals.applications == 4  # the draft is not received
    assert totals.applied == 400_000 + 200_000 + 100_000 + 50_000
    assert (totals.grants, totals.granted) == (2, 500_000)  # refusal is not a grant
    assert totals.paid == 300_000
    assert totals.municipalities == 2
    assert totals.reclaimed == 55_000  # claimed + paid back; the draft reclaim does not count
    assert (totals.reports_received, totals.reports_approved) == (1, 1)


@pytest.mark.django_db
def test_the_year_is_the_signing_year_in_stockholm_time(follow_up, programme):
    last = figures.key_figures(programme, 2023)
    assert (last.applications, last.applied, last.grants, last.granted, last.paid) == (1, 150_000, 1, 100_000, 100_000)
    assert figures.key_figures(programme, 2022).grants == 0


@pytest.mark.django_db
def test_first_time_municipalities_across_two_years(follow_up, programme):
    assert list(figures.first_time_municipalities(programme, 2023).values_list("name", flat=True)) == ["Stockholm"]
    assert list(figures.first_time_municipalities(programme, 2024).values_list("name", flat=True)) == ["Malmö"]


@pytest.mark.django_db
def test_women_and_children_share(follow_up, programme):
    totals = figures.key_figures(programme, 2024)
    assert (totals.women_children_grants, totals.women_children_granted) == (1, 300_000)
    assert totals.women_children_share_of_grants == Decimal("50.0")
    assert totals.women_children_share_of_money == Decimal("60.0")


@pytest.mark.django_db
def test_breakdowns_count_the_full_amount_under_each_area(follow_up, programme):
    by_area = {g.label: g for g in figures.breakdown(programme, 2024, "area")}
    assert by_area["Utbildning"].granted == by_area["Arbete"].granted == 300_000
    assert by_area["Kultur och språk"].granted == 200_000
    assert (by_area["Bostad"].applied, by_area["Bostad"].granted) == (100_000, 0)
    assert by_area["Hälsa"].applied == 50_000
    assert by_area["Utbildning"].paid == 300_000
    by_county = {g.label: g for g in figures.breakdown(programme, 2024, "county")}
    assert by_county["Stockholms län"].granted == 300_000
    assert by_county["Skåne län"].granted == 200_000
    by_area_key = {g.key: g for g in figures.breakdown(programme, 2024, "national_area")}
    assert by_area_key["east"].granted == 300_000
    assert by_area_key["south"].granted == 200_000
    assert by_area_key["north"].granted == 0 and by_area_key["north"].applied == 100_000
    main = {g.key: g.granted for g in figures.breakdown(programme, 2024, "skr_main_group")}
    assert sum(main.values()) == 500_000
    groups = figures.breakdown(programme, 2024, "skr_group")
    assert sum(g.granted for g in groups) == 500_000 and all(g.label for g in groups)
    assert by_county["Stockholms län"].reclaimed == 55_000


@pytest.mark.django_db
def test_year_over_year_change(follow_up, programme):
    report = figures.compute(programme, 2024)
    change = {c.key: c for c in report.comparison}
    assert (change["granted"].this_year, change["granted"].last_year) == (500_000, 100_000)
    assert change["granted"].change == 400_000
    assert change["granted"].change_percent == Decimal("400.0")
    assert change["grants"].change == 1
    assert change["first_time"].change == 0
    assert change["women_children_share"].change_percent is None  # shares change in percentage points


@pytest.mark.django_db
def test_grant_table_and_results(follow_up, programme):
    report = figures.compute(programme, 2024)
    rows = {row.municipality: row for row in report.grants}
    assert set(rows) == {"Stockholm", "Malmö"}
    assert sorted(rows["Stockholm"].areas) == ["Arbete", "Utbildning"]
    assert (rows["Stockholm"].granted, rows["Stockholm"].paid) == (300_000, 300_000)
    assert (rows["Malmö"].granted, rows["Malmö"].paid) == (200_000, 0)
    assert rows["Stockholm"].case_number.startswith("851-")
    assert rows["Stockholm"].reclaimed == 55_000
    assert rows["Stockholm"].report_status == "Godkänd"
    assert [r.results for r in report.approved_results] == ["Närvaron i skolan ökade."]


def test_charts_are_accessible_and_escape_labels():
    svg = charts.bar_chart("Per län <test>", "Beskrivning & mer", [("Skåne <län>", 200_000), ("Blekinge", 0)])
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<title id=" in svg and "<desc id=" in svg
    assert "Skåne &lt;län&gt;" in svg and "<län>" not in svg
    assert "200\u00a0000\u00a0kr" in svg
    grouped = charts.grouped_bar_chart("År", "Jämförelse", ["Beviljat"], [("2024", [5]), ("2023", [3])])
    assert grouped.count("<rect") == 4  # two legend keys, two bars


@pytest.mark.django_db
def test_the_network_and_its_meetings_in_the_year(reference_data):
    from datetime import date

    from bidra.network.models import Meeting, NetworkMember

    stockholm, malmo, kiruna = (Municipality.objects.get(code=c) for c in ("0180", "1280", "2584"))
    NetworkMember.objects.create(municipality=stockholm, member_since=date(2012, 1, 1))
    NetworkMember.objects.create(municipality=malmo, member_since=date(2024, 6, 1))
    spring = Meeting.objects.create(date=date(2024, 3, 1), kind="experience_day", topic="Erfarenhetsdag")
    spring.municipalities.set([stockholm, malmo])
    later = Meeting.objects.create(date=date(2024, 9, 1), kind="learning", topic="Lärandeträff")
    later.municipalities.set([stockholm, kiruna])
    Meeting.objects.create(date=date(2023, 9, 1), kind="learning", topic="Förra året")
    network = figures.network_figures(2024)
    assert (network.members, network.new_members) == (2, 1)
    assert [m.topic for m in network.meetings] == ["Erfarenhetsdag", "Lärandeträff"]
    assert [m.participants for m in network.meetings] == [2, 2]
    assert network.municipalities_in_meetings == 3
