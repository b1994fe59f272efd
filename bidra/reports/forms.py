"""Forms of the report e-service and of the officers' review."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bidra.core.forms import AttachmentsField, BidraForm, DateInput, KronorFormField

from .models import Report

TEXT_HELP = {
    "activities": _("Vilka insatser och aktiviteter som har genomförts under perioden."),
    "results": _("Vilka resultat insatserna har gett i förhållande till bidragets syfte."),
    "target_groups_reached": _(
        "Beskriv målgrupperna sammanlagt, till exempel åldersgrupper och antal. Redovisa aldrig enskilda "
        "personers etniska tillhörighet eller andra personuppgifter."
    ),
    "roma_participation": _("Hur romer har varit delaktiga i planering, genomförande och uppföljning."),
    "continuation": _("Vilka delar av arbetet som fortsätter efter bidragsperioden och hur de finansieras."),
    "public_summary": _("Visas i det öppna registret över beviljade bidrag när redovisningen är godkänd."),
}


def line_field_name(position: int) -> str:
    return f"line_{position}"


class ReportForm(BidraForm):
    participants = forms.IntegerField(
        label=_("Antal personer som nåtts (sammanlagt)"),
        required=False,
        min_value=0,
        help_text=_("Ett sammanlagt antal, utan uppgifter om enskilda personer."),
    )
    files = AttachmentsField(
        label=_("Bilagor"), required=False, help_text=_("PDF, DOCX, ODT eller XLSX, högst 10 MB per fil.")
    )

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        fields = {}
        for line in report.lines.all():
            fields[line_field_name(line.position)] = KronorFormField(
                label=_("Använt (kr): %(line)s") % {"line": line.description or line.category},
                required=False,
                help_text=_("Budgeterat %(amount)s kr.") % {"amount": f"{int(line.budgeted):,}".replace(",", " ")},
            )
        texts = {
            name: forms.CharField(
                label=str(Report._meta.get_field(name).verbose_name).capitalize(),
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=help_text,
            )
            for name, help_text in TEXT_HELP.items()
        }
        self.fields = {**fields, **texts, **self.fields}

    def valid_values(self) -> tuple[dict, dict]:
        """What validated, as (report field values, line amounts by position); call after is_valid()."""
        data = self.cleaned_data
        values = {name: data[name] for name in (*TEXT_HELP, "participants") if name in data}
        lines = {
            line.position: data[line_field_name(line.position)]
            for line in self.report.lines.all()
            if line_field_name(line.position) in data
        }
        return values, lines

    @classmethod
    def initial_for(cls, report: Report) -> dict:
        initial = {name: getattr(report, name) for name in (*TEXT_HELP, "participants")}
        for line in report.lines.all():
            initial[line_field_name(line.position)] = line.used
        return initial


class CompletionForm(BidraForm):
    message = forms.CharField(label=_("Vad kommunen ska komplettera"), widget=forms.Textarea(attrs={"rows": 4}))


class ReclaimForm(BidraForm):
    amount = KronorFormField(
        label=_("Belopp att återkräva (kr)"),
        required=False,
        help_text=_("Lämna tomt för att återkräva det outnyttjade belopp som kommunen har redovisat."),
    )
    reasons = forms.CharField(label=_("Skäl för återkravet"), widget=forms.Textarea(attrs={"rows": 4}))
    repay_by = forms.DateField(label=_("Återbetalas senast"), widget=DateInput())
