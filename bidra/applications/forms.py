"""The forms of the application e-service's steps."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bidra.core.forms import BidraForm, BidraModelForm, DateInput, KronorFormField

from .models import Application, BudgetLine, CoActor, TargetGroup

TEXTAREA = forms.Textarea(attrs={"rows": 6})


class OrganisationForm(BidraModelForm):
    class Meta:
        model = Application
        fields = ["administration", "contact_name", "contact_email", "contact_phone"]
        help_texts = {
            "administration": _("Till exempel kulturförvaltningen eller socialförvaltningen."),
            "contact_email": _("Kvitto och besked skickas även hit."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("administration", "contact_name", "contact_email"):
            self.fields[name].required = True
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["contact_phone"].widget.attrs["autocomplete"] = "tel"


class ProjectForm(BidraModelForm):
    class Meta:
        model = Application
        fields = ["title", "summary", "purpose", "activities"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4}), "purpose": TEXTAREA, "activities": TEXTAREA}
        help_texts = {
            "summary": _("Högst 1 000 tecken. Publiceras om ansökan beviljas."),
            "purpose": _("Vad ska insatsen uppnå och varför behövs den i er kommun?"),
            "activities": _("Vad ska göras, av vem och när?"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True
        self.fields["summary"].max_length = 1000
        self.fields["summary"].widget.attrs["maxlength"] = 1000


class AreasForm(BidraModelForm):
    target_groups = forms.MultipleChoiceField(
        label=_("Målgrupper"),
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Beskriv grupper, inte enskilda personer. Uppgifter om enskildas etniska tillhörighet ska inte lämnas."
        ),
    )

    class Meta:
        model = Application
        fields = ["areas", "target_groups", "target_groups_other", "target_group_description"]
        widgets = {"areas": forms.CheckboxSelectMultiple, "target_group_description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "areas": _("Välj ett eller flera områden."),
            "target_group_description": _("Ungefär hur många når insatsen, och hur?"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = self.instance.call.programme.areas.filter(is_active=True)
        self.fields["areas"].required = True
        self.fields["areas"].label = _("Områden")

    def clean(self):
        cleaned = super().clean()
        if TargetGroup.OTHERS in (cleaned.get("target_groups") or []) and not cleaned.get("target_groups_other"):
            self.add_error("target_groups_other", _("Ange vilka andra målgrupper insatsen riktar sig till."))
        return cleaned


class ParticipationForm(BidraModelForm):
    class Meta:
        model = Application
        fields = ["roma_participation", "long_term_effects"]
        widgets = {"roma_participation": TEXTAREA, "long_term_effects": TEXTAREA}
        help_texts = {
            "roma_participation": _("Hur deltar romer i planering och genomförande, och hur får de inflytande?"),
            "long_term_effects": _("Vad finns kvar i kommunen när bidraget är slut?"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True


class BudgetForm(BidraModelForm):
    requested_amount = KronorFormField(label=_("Sökt belopp (kr)"))
    minimum_amount = KronorFormField(
        label=_("Lägsta belopp för att genomföra insatsen (kr)"),
        required=False,
        help_text=_("Frivilligt. Om Länsstyrelsen inte kan bevilja hela beloppet: vilket belopp behövs minst?"),
    )
    own_funding = KronorFormField(label=_("Egen finansiering (kr)"), required=False)
    other_funding = KronorFormField(label=_("Annan finansiering (kr)"), required=False)

    class Meta:
        model = Application
        fields = [
            "period_start",
            "period_end",
            "requested_amount",
            "minimum_amount",
            "own_funding",
            "other_funding",
            "other_funding_description",
        ]
        widgets = {"period_start": DateInput(), "period_end": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        call = self.instance.call
        self.fields["period_start"].required = True
        self.fields["period_end"].required = True
        self.fields["period_start"].help_text = _("Tidigast %(date)s.") % {"date": call.period_start_earliest}
        self.fields["period_end"].help_text = _("Senast %(date)s.") % {"date": call.period_end_latest}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Slutdatum kan inte vara före startdatum."))
        requested, minimum = cleaned.get("requested_amount"), cleaned.get("minimum_amount")
        if requested is not None and requested <= 0:
            self.add_error("requested_amount", _("Sökt belopp måste vara större än noll."))
        if requested is not None and minimum is not None and minimum > requested:
            self.add_error("minimum_amount", _("Lägsta belopp kan inte vara större än sökt belopp."))
        return cleaned


class BudgetLineForm(BidraModelForm):
    amount = KronorFormField(label=_("Belopp (kr)"))

    class Meta:
        model = BudgetLine
        fields = ["category", "description", "amount"]


class CoActorForm(BidraModelForm):
    class Meta:
        model = CoActor
        fields = ["name", "organisation_number", "role"]
        help_texts = {"organisation_number": _("Frivilligt.")}


class RowsFormSet(forms.BaseInlineFormSet):
    """An inline formset that can be asked for more empty rows ("Fler rader" works without JavaScript)."""

    def __init__(self, *args, extra_rows: int = 0, **kwargs):
        self.extra = self.extra + extra_rows
        super().__init__(*args, **kwargs)


BudgetLineFormSet = forms.inlineformset_factory(
    Application, BudgetLine, form=BudgetLineForm, formset=RowsFormSet, extra=2, can_delete=True
)
CoActorFormSet = forms.inlineformset_factory(
    Application, CoActor, form=CoActorForm, formset=RowsFormSet, extra=1, can_delete=True
)


class AttachmentForm(BidraForm):
    file = forms.FileField(
        label=_("Välj fil"),
        help_text=_("PDF, DOCX, ODT eller XLSX, högst 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt,.xlsx"}),
    )


class StartForm(BidraForm):
    """Start a draft for one of the user's municipalities; start_key makes a double click harmless."""

    start_key = forms.UUIDField(widget=forms.HiddenInput)
    municipality = forms.ModelChoiceField(queryset=None, label=_("Kommun"), empty_label=None)

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
