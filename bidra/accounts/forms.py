"""Log-in and invitation forms."""

import copy

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm
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


class CodeForm(BidraForm):
    """A six-digit code from the authenticator app, or one of the backup codes."""

    code = forms.CharField(
        label=_("Kod"),
        max_length=20,
        help_text=_("Sex siffror från appen, eller en av dina reservkoder."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false"}),
    )


class ConfirmIdentityForm(BidraForm):
    """Re-authentication before a sensitive action: the password, and a code for staff."""

    password = forms.CharField(
        label=_("Lösenord"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, *args, ask_code: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if ask_code:
            self.fields["code"] = copy.deepcopy(CodeForm.base_fields["code"])


class PasswordChangeForm(DjangoPasswordChangeForm):
    bound_field_class = DescribedBoundField
