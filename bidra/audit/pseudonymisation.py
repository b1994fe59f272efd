"""Pseudonymising a person in the event log without breaking the hash chain.

The chain covers salted digests of personal values (see ``bidra.audit.chain``). Here a
person's values are replaced by one pseudonym ("Person 7F3A9C") and their salts erased; the
digests, and so every hash, stay as they were. The act itself is recorded as a
``privacy.pseudonymised`` event that names the rows and the pseudonym but holds no personal data,
and ``verify_audit`` refuses an erased slot that no such event accounts for.
"""

import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import chain
from .events import label_actions, record
from .models import Event, pseudonymise_event_row

label_actions({chain.PSEUDONYMISED_ACTION: _("Personuppgifter pseudonymiserade")})


@dataclass(frozen=True)
class Pseudonymisation:
    pseudonym: str
    sequences: tuple[int, ...]
    event: Event


def new_pseudonym() -> str:
    """A random name: derived from nothing about the person, so it cannot be reversed."""
    while True:
        pseudonym = f"Person {secrets.token_hex(3).upper()}"
        if not Event.objects.filter(action=chain.PSEUDONYMISED_ACTION, data__pseudonym=pseudonym).exists():
            return pseudonym


def _mentions(value: Any, email: str) -> bool:
    return bool(email) and email.lower() in chain.canonical(value).decode().lower()


def events_about(user: Any) -> Any:
    """Events where the person acted or is named in a personal slot (by their e-mail address)."""
    query = Q(actor=user)
    if user.email:
        query |= Q(personal__icontains=user.email)
    return Event.objects.filter(query).order_by("sequence")


def slots_about(event: Event, user: Any) -> list[str]:
    """The personal slots of an event that are about this person and still readable.

    A slot is about the person when it is the actor slot of their own act or names their e-mail
    address; in such an event, the other values that name nobody else by e-mail (an IP address
    logged with a failed log-in, a phone number) go with them.
    """
    salts = event.personal_salts or {}
    readable = {slot: value for slot, value in chain.personal_values(event).items() if salts.get(slot)}
    direct = [
        slot
        for slot, value in readable.items()
        if (slot == chain.ACTOR_SLOT and event.actor_id == user.pk) or _mentions(value, user.email)
    ]
    if not direct:
        return []
    companions = [
        slot
        for slot, value in readable.items()
        if slot not in direct and slot != chain.ACTOR_SLOT and "@" not in chain.canonical(value).decode()
    ]
    return direct + companions


def pseudonymise(user: Any, *, by: Any, pseudonym: str = "") -> Pseudonymisation:
    """Replace the person's personal values in every event by one pseudonym; record the act.

    Must run with the person's e-mail address still on the account (erasure calls this first).
    """
    pseudonym = pseudonym or new_pseudonym()
    now = timezone.now()
    sequences = []
    with transaction.atomic():
        for event in events_about(user).select_for_update():
            slots = slots_about(event, user)
            if not slots:
                continue
            personal = dict(event.personal or {})
            salts = {slot: salt for slot, salt in (event.personal_salts or {}).items() if slot not in slots}
            fields: dict[str, Any] = {"personal_salts": salts, "pseudonymised_at": now}
            for slot in slots:
                if slot == chain.ACTOR_SLOT:
                    fields["actor_label"] = pseudonym
                else:
                    personal[slot] = pseudonym
            fields["personal"] = personal
            pseudonymise_event_row(event.pk, **fields)
            sequences.append(event.sequence)
        event = record(
            chain.PSEUDONYMISED_ACTION,
            actor=by,
            target=user,
            data={"pseudonym": pseudonym, "events": len(sequences), "sequences": sequences},
        )
    return Pseudonymisation(pseudonym=pseudonym, sequences=tuple(sequences), event=event)
