"""The officer's choices for an allocation proposal, and adjustments by hand."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bidra.core.forms import BidraForm


class RulesForm(BidraForm):
    min_score = forms.DecimalField(
        label=_("Lägsta viktade poäng för bidrag"), min_value=0, max_value=10, decimal_places=2, initial=0
    )
    require_each_national_area = forms.BooleanField(
        label=_("Minst ett bidrag i varje landsdel som har en ansökan"), required=False, initial=True
    )
    min_skr_main_groups = forms.IntegerField(
        label=_("Minst så här många av SKR:s tre huvudgrupper"), min_value=0, max_value=3, initial=2
    )
    max_share_per_municipality = forms.IntegerField(
        label=_("Högst andel av budgeten till en kommun (procent)"),
        min_value=1,
        max_value=100,
        required=False,
        initial=20,
    )
    must_fund = forms.MultipleChoiceField(
        label=_("Låst: ska beviljas"), required=False, widget=forms.CheckboxSelectMultiple
    )
    must_not_fund = forms.MultipleChoiceField(
        label=_("Låst: ska inte beviljas"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, candidates: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["must_fund"].choices = candidates
        self.fields["must_not_fund"].choices = candidates

    def clean(self):
        cleaned = super().clean()
        both = set(cleaned.get("must_fund") or ()) & set(cleaned.get("must_not_fund") or ())
        if both:
            raise forms.ValidationError(_("En ansökan kan inte vara låst både för och emot."))
        return cleaned


class AdjustForm(BidraForm):
    note = forms.CharField(label=_("Motivering till justeringen"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, candidate_ids: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        for cid in candidate_ids:
            self.fields[f"amount_{cid}"] = forms.IntegerField(min_value=0, required=True, label=cid)

    def amounts(self) -> dict[str, int]:
        return {
            name[len("amount_") :]: value for name, value in self.cleaned_data.items() if name.startswith("amount_")
        }
