from django import forms
from django.utils.translation import gettext_lazy as _

from bidra.core.forms import BidraForm


class WeedForm(BidraForm):
    documents = forms.TypedMultipleChoiceField(
        label=_("Handlingar att gallra"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(
        label=_("Skäl och stöd för gallringen"),
        help_text=_("Till exempel punkten i dokumenthanteringsplanen. Skriv inga personuppgifter."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )
    confirm = forms.BooleanField(
        label=_("Jag förstår att innehållet och filerna tas bort för alltid och inte kan återskapas.")
    )

    def __init__(self, *args, due=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].choices = [
            (item.document.pk, f"{item.document.reference} {item.document.title}") for item in due
        ]
