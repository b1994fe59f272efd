from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from bidra.core.forms import BidraForm

VALIDITY_DAYS = [("30", _("30 dagar")), ("90", _("90 dagar")), ("365", _("Ett år")), ("", _("Tills vidare"))]


class TokenForm(BidraForm):
    name = forms.CharField(
        label=_("Namn på nyckeln"),
        max_length=100,
        help_text=_("Så att du känner igen den, till exempel vilket system som använder den."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    validity = forms.ChoiceField(
        label=_("Giltighetstid"), choices=VALIDITY_DAYS, initial="90", required=False, widget=forms.RadioSelect
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Ge nyckeln ett namn."))
        return name

    def lifetime(self) -> timedelta | None:
        days = self.cleaned_data.get("validity")
        return timedelta(days=int(days)) if days else None
