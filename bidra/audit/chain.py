"""The event log as a hash chain: each event stores the hash of the one before it.

An event's hash covers its sequence number, the previous hash and every recorded field in
canonical JSON, so changing, removing or reordering any row breaks the chain from that row
on; ``manage.py verify_audit`` names the first such row.

Personal data is committed to, not hashed directly: each personal value (the actor's name and
e-mail, and whatever a caller passes as ``personal``) sits in a *slot* with a random salt, and
the chain covers ``sha256(salt, slot, value)``. While the salt is kept, verification recomputes
the digest, so a changed name is detected like any other change. Pseudonymising a person
replaces the value with a pseudonym and erases the salt: the digest can no longer be checked
against anything (and cannot be brute-forced back to the name), but it is still the digest the
chain was built on, so the chain verifies end to end. Such a slot must be accounted for by a
later ``privacy.pseudonymised`` event naming that row and that pseudonym.
"""

import hashlib
import json
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
ACTOR_SLOT = "actor"
PSEUDONYMISED_ACTION = "privacy.pseudonymised"


def canonical(fields: Any) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def new_salt() -> str:
    return secrets.token_hex(16)


def personal_digest(salt: str, slot: str, value: Any) -> str:
    """The commitment to one personal value; the slot name is inside so values cannot swap places."""
    return hashlib.sha256(bytes.fromhex(salt) + b"\n" + slot.encode() + b"\n" + canonical(value)).hexdigest()


def personal_values(event: Any) -> dict[str, Any]:
    """Every personal slot of an event with its value: the actor label and the ``personal`` field."""
    return {ACTOR_SLOT: event.actor_label, **(event.personal or {})}


def commit_personal(values: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """Fresh salts and the digests over them, for a new event's personal slots."""
    salts = {slot: new_salt() for slot in values}
    return salts, {slot: personal_digest(salts[slot], slot, value) for slot, value in values.items()}


def event_fields(event: Any) -> dict[str, Any]:
    """The recorded content of an event, as it reads back from the database."""
    return {
        "sequence": event.sequence,
        "occurred_at": event.occurred_at.isoformat(timespec="microseconds"),
        "actor": event.actor_id,
        "personal": event.personal_digests,
        "action": event.action,
        "target_type": event.target_type_id,
        "target_id": event.target_id,
        "case_number": event.case_number,
        "before": event.before,
        "after": event.after,
        "data": event.data,
    }


def chain_hash(previous: str, fields: dict[str, Any]) -> str:
    return hashlib.sha256(previous.encode() + b"\n" + canonical(fields)).hexdigest()


@dataclass(frozen=True)
class Break:
    sequence: int
    event_id: int | None
    reason: str


def _personal_breaks(event: Any) -> tuple[list[str], dict[str, Any]]:
    """Reasons the personal slots do not match their digests, and the pseudonymised slots' values."""
    values = personal_values(event)
    digests = event.personal_digests or {}
    salts = event.personal_salts or {}
    reasons, pseudonymised = [], {}
    if set(values) != set(digests):
        reasons.append("personal data slots do not match their commitments")
    for slot, digest in digests.items():
        salt = salts.get(slot)
        if salt:
            if personal_digest(salt, slot, values.get(slot)) != digest:
                reasons.append(f"personal data in {slot!r} does not match its commitment")
        else:
            pseudonymised[slot] = values.get(slot)
    return reasons, pseudonymised


def verify(events: Iterable[Any]) -> Iterator[Break]:
    """Yield every break in the chain, in order (events must come ordered by sequence)."""
    previous, expected = GENESIS, 1
    # sequence -> (event id, pseudonyms still to be accounted for by a later privacy.pseudonymised event)
    unaccounted: dict[int, tuple[int, set[str]]] = {}
    for event in events:
        if event.sequence != expected:
            yield Break(expected, event.id, f"sequence {expected} is missing (next is {event.sequence})")
            expected = event.sequence
        if event.prev_hash != previous:
            yield Break(event.sequence, event.id, "previous hash does not match the row before")
        if chain_hash(event.prev_hash, event_fields(event)) != event.hash:
            yield Break(event.sequence, event.id, "content does not match its hash")
        reasons, pseudonymised = _personal_breaks(event)
        for reason in reasons:
            yield Break(event.sequence, event.id, reason)
        if pseudonymised:
            unaccounted[event.sequence] = (event.id, {str(value) for value in pseudonymised.values()})
        if event.action == PSEUDONYMISED_ACTION:
            pseudonym = str(event.data.get("pseudonym", ""))
            for sequence in event.data.get("sequences", []):
                if sequence in unaccounted:
                    unaccounted[sequence][1].discard(pseudonym)
                    if not unaccounted[sequence][1]:
                        del unaccounted[sequence]
        previous, expected = event.hash, expected + 1
    for sequence, (event_id, pseudonyms) in sorted(unaccounted.items()):
        yield Break(
            sequence, event_id, f"personal data erased without a privacy.pseudonymised event ({sorted(pseudonyms)})"
        )
