"""Default retention rules; the agency's dokumenthanteringsplan decides, and they are edited in the admin."""

from django.db import migrations

DEFAULTS = [
    ("refused", "", 2, "Avslagna ansökningar: 2 år efter beslut (standardvärde, se dokumenthanteringsplanen)."),
    ("withdrawn", "", 2, "Återkallade ansökningar: 2 år efter återkallelsen (standardvärde)."),
    ("granted", "", 10, "Beviljade ärenden: 10 år efter att ärendet avslutades (standardvärde)."),
]


def add_defaults(apps, schema_editor):
    RetentionRule = apps.get_model("archive", "RetentionRule")
    for outcome, kind, years, note in DEFAULTS:
        RetentionRule.objects.get_or_create(
            outcome=outcome, document_kind=kind, defaults={"years": years, "note": note}
        )


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
