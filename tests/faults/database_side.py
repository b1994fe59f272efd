"""The parts of a fault run that talk to the database through Django: setting up and checking afterwards.

Run as ``python -m tests.faults.database_side setup N`` (prints JSON: the call, the users and the
areas to choose) or ``python -m tests.faults.database_side verify FILE`` (FILE holds the
acknowledged submissions; prints JSON: figures and every problem found), with DATABASE_URL and
PRIVATE_FILES_ROOT set to the run's database and files.
"""

import io
import json
import os
import sys

PASSWORD = "faults-password-2024"


def setup(users: int) -> dict:
    from django.contrib.auth.hashers import make_password

    from bidra.accounts.models import Membership, User
    from bidra.municipalities.models import Municipality
    from bidra.municipalities.reference_data import load_shipped_reference_data
    from bidra.programmes.seed import ensure_roma_programme

    from ..helpers import make_call

    load_shipped_reference_data()
    programme = ensure_roma_programme()
    call = make_call(programme, title="Felinjicerad omgång", slug="felinjicerad-omgang")
    password = make_password(PASSWORD)  # hashed once: the slow hasher would cost seconds per user
    made = []
    for index, municipality in enumerate(Municipality.objects.order_by("code")[:users]):
        user = User.objects.create(email=f"fel{index}@{municipality.code}.test", full_name=f"Fel {index}")
        User.objects.filter(pk=user.pk).update(password=password)
        Membership.objects.create(user=user, municipality=municipality)
        made.append({"email": user.email, "password": PASSWORD, "municipality": municipality.pk})
    areas = list(programme.areas.filter(code__in=["utbildning", "kultur-sprak"]).values_list("pk", flat=True))
    return {"call": call.slug, "year": call.period_start_earliest.year, "areas": areas, "users": made}


def verify(acknowledged: list[dict]) -> dict:
    """Every acknowledged submission exists once, numbers are gap-free, nothing is half-written."""
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.db.models import Count

    from bidra.applications.models import Application
    from bidra.applications.workflow import Status
    from bidra.audit.models import Event
    from bidra.core.files import blob_path
    from bidra.diarium.models import Case, CaseNumberSequence, Document, DocumentFile

    problems: list[str] = []
    for ack in acknowledged:
        cases = list(Case.objects.filter(number=ack["case_number"]))
        if len(cases) != 1:
            problems.append(f"acknowledged {ack['case_number']} is stored {len(cases)} times")
        elif not Application.objects.filter(pk=ack["application"], case=cases[0]).exists():
            problems.append(f"acknowledged {ack['case_number']} does not belong to application {ack['application']}")

    for sequence in CaseNumberSequence.objects.all():
        serials = sorted(
            Case.objects.filter(prefix=sequence.prefix, year=sequence.year).values_list("serial", flat=True)
        )
        if serials != list(range(1, len(serials) + 1)):
            problems.append(f"case numbers {sequence.prefix}/{sequence.year} are not 1..{len(serials)}: {serials}")
        if sequence.last_number != len(serials):
            problems.append(f"sequence {sequence} says {sequence.last_number}, {len(serials)} cases exist")

    submitted = Application.objects.filter(status=Status.SUBMITTED).select_related("case", "received_document")
    submit_events = dict(
        Event.objects.filter(action="application.submit")
        .values_list("target_id")
        .annotate(n=Count("id"))
        .values_list("target_id", "n")
    )
    for application in submitted:
        name = f"application {application.pk}"
        if application.case is None or application.received_document is None or application.submitted_at is None:
            problems.append(f"{name} is submitted without case, received version or time")
            continue
        document = application.received_document
        if document.case_id != application.case_id or document.kind != "application":
            problems.append(f"{name}'s received version is not registered in its case")
        if document.files.count() != application.attachments.count():
            problems.append(f"{name} has {application.attachments.count()} attachments, its received version fewer")
        if submit_events.get(str(application.pk)) != 1:
            problems.append(f"{name} has {submit_events.get(str(application.pk), 0)} submission events")
        if not application.screening_checks.exists():
            problems.append(f"{name} was not screened")
    half = Application.objects.filter(status=Status.DRAFT).exclude(case=None, received_document=None, submitted_at=None)
    problems += [f"draft {pk} is half-submitted" for pk in half.values_list("pk", flat=True)]
    orphans = Case.objects.filter(application=None)
    problems += [f"case {number} has no application" for number in orphans.values_list("number", flat=True)]
    for case in Case.objects.annotate(n=Count("documents")):
        if case.n != case.document_count:
            problems.append(f"case {case.number} counts {case.document_count} documents, holds {case.n}")
    for sha256 in DocumentFile.objects.values_list("sha256", flat=True).distinct():
        if not blob_path(sha256).is_file():
            problems.append(f"registered file {sha256} is missing from the private files")
    audit = io.StringIO()
    try:
        call_command("verify_audit", stdout=audit)
    except CommandError as error:
        problems.append(f"verify_audit: {error}")
    acknowledged_ids = {ack["application"] for ack in acknowledged}
    submitted_ids = set(submitted.values_list("pk", flat=True))
    if submitted_ids != acknowledged_ids:
        problems.append(
            f"submitted but never acknowledged: {sorted(submitted_ids - acknowledged_ids)}; "
            f"acknowledged but not submitted: {sorted(acknowledged_ids - submitted_ids)}"
        )
    return {
        "found": len(submitted_ids),
        "cases": Case.objects.count(),
        "documents": Document.objects.count(),
        "drafts": Application.objects.filter(status=Status.DRAFT).count(),
        "events": Event.objects.count(),
        "audit": audit.getvalue().strip(),
        "problems": problems,
    }


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bidra.settings")
    import django

    django.setup()
    if argv[1] == "setup":
        result = setup(int(argv[2]))
    else:
        with open(argv[2], encoding="utf-8") as stream:
            result = verify(json.load(stream))
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv)
