"""Editing a draft decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bidra.core.forms import BidraModelForm, DateInput, KronorFormField

from .models import Decision


class DecisionForm(BidraModelForm):
    amount = KronorFormField(label=_("Beviljat belopp (kr)"))

    class Meta:
        model = Decision
        fields = ["outcome", "amount", "reasons", "conditions", "report_due_date"]
        widgets = {
            "outcome": forms.RadioSelect,
            "reasons": forms.Textarea(attrs={"rows": 10}),
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "report_due_date": DateInput(),
        }
