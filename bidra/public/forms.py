"""Filters of the public map and the public case register (the register's own filter is in grants.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bidra.core.forms import BidraForm
from bidra.municipalities.models import Municipality
from bidra.programmes.models import Programme


class MapFilter(BidraForm):
    is_filter = True
    year = forms.TypedMultipleChoiceField(
        label=_("Beslutsår"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Välj inget år för att se alla år."),
    )
    programme = forms.ModelChoiceField(
        Programme.objects.all(),
        to_field_name="slug",
        label=_("Bidrag"),
        required=False,
        empty_label=_("Alla bidrag"),
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(str(year), str(year)) for year in years]
        if Programme.objects.count() < 2:
            del self.fields["programme"]

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return dict(self.cleaned_data)


class DiariumFilter(BidraForm):
    is_filter = True
    number = forms.CharField(
        label=_("Diarienummer"),
        required=False,
        max_length=30,
        help_text=_("Hela numret eller en del av det, till exempel 851-0042-2024 eller 0042."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    year = forms.TypedChoiceField(label=_("År"), required=False, coerce=int, empty_value=None)
    municipality = forms.ModelChoiceField(
        Municipality.objects.all(),
        to_field_name="code",
        label=_("Part (kommun)"),
        required=False,
        empty_label=_("Alla"),
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Alla")), *((str(year), str(year)) for year in years)]

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
