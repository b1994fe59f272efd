"""The Roma-inclusion grant as Bidra ships it: programme, areas and criteria (idempotent).

Texts are Bidra's own summary of SFS 2022:259 and the agency's public information.
A new government decision changes these rows in the admin, not this code.
"""

from decimal import Decimal

from django.db import transaction

from .models import Area, Criterion, CriterionLevel, Programme

ROMA_PROGRAMME_SLUG = "romsk-inkludering"

AREAS = [
    ("utbildning", "Utbildning", "Education"),
    ("arbete", "Arbete", "Work"),
    ("bostad", "Bostad", "Housing"),
    ("halsa", "Hälsa", "Health"),
    ("social-omsorg-trygghet", "Social omsorg och trygghet", "Social care and safety"),
    ("kultur-sprak", "Kultur och språk", "Culture and language"),
    ("civilsamhallets-organisering", "Civilsamhällets organisering", "Civil society organisation"),
]

SCALE = [
    (0, "Saknas eller framgår inte av ansökan.", "Missing or not shown in the application."),
    (1, "Svagt: nämns men beskrivs inte konkret.", "Weak: mentioned but not described concretely."),
    (2, "Godtagbart: beskrivs men med tydliga brister.", "Acceptable: described, with clear gaps."),
    (3, "Bra: konkret och trovärdigt beskrivet.", "Good: concrete and credible."),
    (4, "Mycket bra: konkret, trovärdigt och väl underbyggt.", "Very good: concrete, credible and well founded."),
]

CRITERIA = [
    (
        "syfte",
        "Förutsättningar att uppfylla bidragets syfte",
        "Likelihood of achieving the grant's purpose",
        "Hur väl insatsen kan antas främja romsk inkludering och ge kommunen bättre förutsättningar för arbetet.",
        Criterion.Kind.SCORED,
        Decimal("2.00"),
    ),
    (
        "langsiktighet",
        "Långsiktiga effekter",
        "Long-term effects",
        "Vad finns kvar i kommunens verksamhet när bidraget tar slut: strukturer, kunskap, arbetssätt.",
        Criterion.Kind.SCORED,
        Decimal("1.00"),
    ),
    (
        "spridning",
        "Spridning över landet och kommunstorlekar",
        "Spread over the country and municipality sizes",
        "Beaktas när budgeten fördelas mellan ansökningarna, inte i bedömningen av den enskilda ansökan.",
        Criterion.Kind.ALLOCATION,
        Decimal("0.00"),
    ),
    (
        "forankring",
        "Förankring bland romer",
        "Anchoring among Roma",
        "Romers delaktighet och inflytande i planering, genomförande och uppföljning.",
        Criterion.Kind.SCORED,
        Decimal("1.00"),
    ),
    (
        "kvinnor-barn",
        "Insatser som involverar romska kvinnor och barn",
        "Work involving Roma women and children",
        "I vilken grad insatsen når och involverar romska kvinnor, barn och unga.",
        Criterion.Kind.SCORED,
        Decimal("1.00"),
    ),
    (
        "rimlig-budget",
        "Rimlig budget",
        "Reasonable budget",
        "Kostnaderna står i rimlig proportion till aktiviteterna.",
        Criterion.Kind.MANUAL_CHECK,
        Decimal("0.00"),
    ),
]


# "Not a statutory duty" is an eligibility question, recorded once by the officer in the
# screening (bidra.applications.screening.STATUTORY_DUTY), so it is not a criterion here.


@transaction.atomic
def ensure_roma_programme() -> Programme:
    programme, _ = Programme.objects.update_or_create(
        slug=ROMA_PROGRAMME_SLUG,
        defaults={
            "name": "Statsbidrag till kommuner för att främja romsk inkludering",
            "name_en": "State grant to municipalities to promote Roma inclusion",
            "agency_name": "Länsstyrelsen i Stockholms län",
            "agency_organisation_number": "202100-2247",
            "agency_unit": "Enheten för nationella minoriteter",
            "agency_address": "Box 22067\n104 22 Stockholm",
            "legal_basis": "2022:259",
            "legal_basis_title": "Förordning (2022:259) om statsbidrag till kommuner för att främja romsk inkludering",
            "purpose": (
                "Bidraget ska främja romsk inkludering och ge kommunerna bättre förutsättningar för det arbetet, "
                "så att romer kan delta i samhället på samma villkor som andra."
            ),
            "purpose_en": (
                "The grant promotes Roma inclusion and strengthens municipalities' capacity for that work, so that "
                "Roma can take part in society on the same terms as others."
            ),
            "not_fundable": "Uppgifter som kommunen enligt lag eller förordning ändå är skyldig att utföra.",
            "not_fundable_en": "Tasks that the municipality must carry out anyway by law or ordinance.",
            "decisions_appealable": False,
            "case_number_prefix": "851",
            "max_period_months": 24,
        },
    )
    for position, (code, name, name_en) in enumerate(AREAS):
        Area.objects.update_or_create(
            programme=programme, code=code, defaults={"name": name, "name_en": name_en, "position": position}
        )
    for position, (code, name, name_en, description, kind, weight) in enumerate(CRITERIA):
        criterion, _ = Criterion.objects.update_or_create(
            programme=programme,
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "description": description,
                "kind": kind,
                "weight": weight,
                "position": position,
            },
        )
        if kind == Criterion.Kind.SCORED:
            for value, guidance, guidance_en in SCALE:
                CriterionLevel.objects.update_or_create(
                    criterion=criterion, value=value, defaults={"guidance": guidance, "guidance_en": guidance_en}
                )
    return programme
