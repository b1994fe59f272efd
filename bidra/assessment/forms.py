"""Forms for assessment: assigning, declaring jäv, scoring, asking and answering the applicant."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bidra.accounts.models import AgencyRole, User
from bidra.core.forms import AttachmentsField, BidraForm, DateInput, KronorFormField
from bidra.core.localized import localized
from bidra.programmes.models import Criterion

from .models import ApplicantRequest


class AssignForm(BidraForm):
    officer = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Handläggare"), empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        field.queryset = User.objects.filter(is_active=True, staff_roles__role=AgencyRole.CASE_OFFICER).order_by(
            "full_name"
        )
        field.choices = [choice for choice in field.choices]  # one query, no COUNT, however often rendered


class ConflictForm(BidraForm):
    has_conflict = forms.TypedChoiceField(
        label=_("Jäv"),
        choices=[("no", _("Jag har inget jäv i ärendet")), ("yes", _("Jag har jäv i ärendet"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_("Till exempel om du eller någon närstående har ett intresse i insatsen (förvaltningslagen 16 §)."),
    )
    reason = forms.CharField(
        label=_("Omständigheter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Fyll i om du har jäv."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("has_conflict") and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Beskriv kort vad jävet består i."))
        return cleaned


def criterion_field_name(criterion: Criterion) -> str:
    return f"criterion_{criterion.pk}"


class AssessmentForm(BidraForm):
    """One field per criterion of the programme, then the overall comment and any reduction."""

    comment = forms.CharField(label=_("Samlad bedömning"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    proposed_amount = KronorFormField(
        label=_("Föreslaget belopp (kr)"), required=False, help_text=_("Lämna tomt för att föreslå sökt belopp.")
    )
    reduction_reason = forms.CharField(
        label=_("Skäl för lägre belopp"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        fields = {}
        for criterion in criteria:
            if criterion.kind == Criterion.Kind.MANUAL_CHECK:
                choices = [("1", _("Ja")), ("0", _("Nej"))]
            else:
                # The score itself stays in the label: the case page and the weighted mean speak in numbers.
                choices = [
                    (str(level.value), f"{level.value} – {localized(level, 'guidance')}")
                    for level in criterion.levels.all()
                ]
            fields[criterion_field_name(criterion)] = forms.TypedChoiceField(
                label=str(criterion),
                help_text=criterion.description,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                required=False,
            )
        self.fields = {**fields, **self.fields}

    def scores(self) -> dict[int, int]:
        return {
            criterion.pk: self.cleaned_data[criterion_field_name(criterion)]
            for criterion in self.criteria
            if self.cleaned_data.get(criterion_field_name(criterion)) not in (None, "")
        }


class RequestForm(BidraForm):
    kind = forms.ChoiceField(label=_("Typ"), choices=ApplicantRequest.Kind.choices, widget=forms.RadioSelect)
    message = forms.CharField(label=_("Vad sökanden ska svara på"), widget=forms.Textarea(attrs={"rows": 4}))
    material = forms.CharField(
        label=_("Underlag att yttra sig över"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Vid kommunicering: det material från andra som beslutet kan grunda sig på."),
    )
    reply_by = forms.DateField(label=_("Svar senast"), widget=DateInput())


class AnswerForm(BidraForm):
    answer = forms.CharField(label=_("Ert svar"), widget=forms.Textarea(attrs={"rows": 6}))
    files = AttachmentsField(
        label=_("Bilagor"), required=False, help_text=_("PDF, DOCX, ODT eller XLSX, högst 10 MB per fil.")
    )
