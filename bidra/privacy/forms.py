from django import forms
from django.utils.translation import gettext_lazy as _

from bidra.core.forms import BidraForm


class PersonSearchForm(BidraForm):
    q = forms.CharField(label=_("Namn, e-postadress eller telefonnummer"), max_length=200)


class EraseForm(BidraForm):
    reason = forms.CharField(
        label=_("Skäl till raderingen"),
        help_text=_("Till exempel att personen har begärt det och datum för begäran."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )
    confirm = forms.BooleanField(
        label=_("Jag förstår att kontot avaktiveras och att personuppgifterna inte kan återskapas.")
    )
