"""The received version: every answer of an application as plain JSON, frozen at arrival.

Amounts are strings of whole kronor (never floats); dates are ISO 8601.
"""

from typing import Any

from .models import Application

SNAPSHOT_SCHEMA = 1


def _amount(value: Any) -> str | None:
    return None if value is None else str(int(value))


def snapshot(application: Application) -> dict[str, Any]:
    municipality = application.municipality
    call = application.call
    return {
        "schema": SNAPSHOT_SCHEMA,
        "call": {"slug": call.slug, "title": call.title, "programme": call.programme.name},
        "municipality": {
            "code": municipality.code,
            "name": municipality.name,
            "organisation_number": municipality.organisation_number,
        },
        "administration": application.administration,
        "contact": {
            "name": application.contact_name,
            "email": application.contact_email,
            "phone": application.contact_phone,
        },
        "title": application.title,
        "summary": application.summary,
        "purpose": application.purpose,
        "activities": application.activities,
        "areas": [{"code": a.code, "name": a.name} for a in application.areas.order_by("position")],
        "target_groups": list(application.target_groups),
        "target_groups_other": application.target_groups_other,
        "target_group_description": application.target_group_description,
        "roma_participation": application.roma_participation,
        "long_term_effects": application.long_term_effects,
        "co_actors": [
            {"name": c.name, "organisation_number": c.organisation_number, "role": c.role}
            for c in application.co_actors.all()
        ],
        "period": {
            "start": application.period_start.isoformat() if application.period_start else None,
            "end": application.period_end.isoformat() if application.period_end else None,
        },
        "budget_lines": [
            {"category": line.category, "description": line.description, "amount": _amount(line.amount)}
            for line in application.budget_lines.all()
        ],
        "requested_amount": _amount(application.requested_amount),
        "minimum_amount": _amount(application.minimum_amount),
        "own_funding": _amount(application.own_funding),
        "other_funding": _amount(application.other_funding),
        "other_funding_description": application.other_funding_description,
        "attachments": [
            {"name": a.name, "sha256": a.sha256, "size": a.size, "content_type": a.content_type}
            for a in application.attachments.all()
        ],
    }
