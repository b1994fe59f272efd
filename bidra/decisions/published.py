"""Granted projects that are public: decisions flagged ``published`` at signing.

The one query that the public register, open data and the API build on, so that all three
always show the same grants.
"""

from django.db.models import QuerySet

from .models import Decision, DecisionBatch


def published_grants() -> QuerySet[Decision]:
    return (
        Decision.objects.filter(published=True, batch__state=DecisionBatch.State.SIGNED, amount__gt=0)
        .select_related(
            "batch",
            "application__call__programme",
            "application__municipality__county",
            "application__case",
        )
        .order_by("-batch__signed_at", "application__case__number")
    )
