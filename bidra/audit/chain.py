"""The event log as a hash chain: each event stores the hash of the one before it.

An event's hash covers its sequence number, the previous hash and every recorded field in
canonical JSON, so changing, removing or reordering any row breaks the chain from that row
on; ``manage.py verify_audit`` names the first such row.
"""

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def event_fields(event: Any) -> dict[str, Any]:
    """The recorded content of an event, as it reads back from the database."""
    return {
        "sequence": event.sequence,
        "occurred_at": event.occurred_at.isoformat(timespec="microseconds"),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
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


def verify(events: Iterable[Any]) -> Iterator[Break]:
    """Yield every break in the chain, in order (events must come ordered by sequence)."""
    previous, expected = GENESIS, 1
    for event in events:
        if event.sequence != expected:
            yield Break(expected, event.id, f"sequence {expected} is missing (next is {event.sequence})")
            expected = event.sequence
        if event.prev_hash != previous:
            yield Break(event.sequence, event.id, "previous hash does not match the row before")
        if chain_hash(event.prev_hash, event_fields(event)) != event.hash:
            yield Break(event.sequence, event.id, "content does not match its hash")
        previous, expected = event.hash, expected + 1
