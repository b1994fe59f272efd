"""Log-in and invitation forms."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from bidra.core.forms import BidraForm, DescribedBoundField


class LoginForm(AuthenticationForm):
    bound_field_class = DescribedBoundField
    username = forms.EmailField(label=_("E-postadress"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    error_messages = {
        "invalid_login": _("Fel e-postadress eller lösenord."),
        "inactive": _("Kontot är inte aktivt."),
    }


class ActivationForm(SetPasswordForm):
    bound_field_class = DescribedBoundField


class InviteForm(BidraForm):
    email = forms.EmailField(label=_("Kollegans e-postadress"))
    full_name = forms.CharField(label=_("Namn"), max_length=150)
    municipality = forms.ModelChoiceField(queryset=None, label=_("Kommun"), empty_label=None)
    is_admin = forms.BooleanField(label=_("Får också bjuda in kollegor"), required=False)

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
