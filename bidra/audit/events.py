"""The one place where events are recorded and notifications queued.

Every write that matters calls ``record``; workflow transitions call it for you. Recipients
receive a rendered message in their own language; e-mail leaves after the transaction commits.
"""

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import chain
from .models import ChainHead, Event, Notification

logger = logging.getLogger(__name__)

# Human-readable names of event actions, filled in by the apps that record them.
ACTION_LABELS: dict[str, Any] = {}

# Later stages of the grant react to earlier ones here instead of being imported by them:
# a handler runs inside the transaction that records the event, so both commit or neither.
_SUBSCRIBERS: dict[str, list[Callable[[Event], None]]] = defaultdict(list)


def subscribe(action: str, handler: Callable[[Event], None]) -> None:
    if handler not in _SUBSCRIBERS[action]:
        _SUBSCRIBERS[action].append(handler)


def label_actions(labels: dict[str, Any]) -> None:
    ACTION_LABELS.update(labels)


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


@dataclass(frozen=True)
class Recipient:
    """A user (in-app and e-mail) or a bare e-mail address (e-mail only)."""

    user: Any = None
    email: str = ""
    language: str = settings.LANGUAGE_CODE

    @classmethod
    def for_user(cls, user: Any) -> "Recipient":
        return cls(user=user, email=user.email, language=user.language)


def actor_label(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "system"
    return f"{actor.get_full_name()} <{actor.email}>" if actor.full_name else actor.email


def record(
    action: str,
    *,
    actor: Any = None,
    target: models.Model | None = None,
    case_number: str = "",
    before: dict | None = None,
    after: dict | None = None,
    data: dict | None = None,
    personal: dict[str, Any] | None = None,
    notify: Iterable[Recipient] = (),
    template: str = "",
    context: dict | None = None,
    at: datetime | None = None,
) -> Event:
    """Append an event and queue its notifications (rendered with ``notifications/<template>``).

    ``at`` is the moment the act took effect when the caller judged it (a submission is
    judged at its arrival time); it defaults to now. Personal data about anyone other than the
    actor (a name, an e-mail address, an IP address) goes in ``personal``, never in ``data``,
    ``before`` or ``after``: it can then be pseudonymised without breaking the chain. A user
    given as a value is stored as "Name <e-mail>".
    """
    event = Event(
        occurred_at=at or timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=actor_label(actor),
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        case_number=case_number,
        before=before or {},
        after=after or {},
        data=data or {},
        personal={slot: _personal_value(value) for slot, value in (personal or {}).items()},
    )
    _append_to_chain(event)
    recipients = list(notify)
    if recipients:
        _queue(event, recipients, template or action, context or {})
    for handler in _SUBSCRIBERS.get(action, ()):
        handler(event)
    return event


def _personal_value(value: Any) -> Any:
    if hasattr(value, "email") and hasattr(value, "pk"):
        return actor_label(value) if getattr(value, "is_authenticated", False) else value.email
    return value


def _append_to_chain(event: Event) -> None:
    """Link the event to the chain under a row lock on the chain head, and save it."""
    with transaction.atomic():
        ChainHead.objects.bulk_create([ChainHead(pk=1)], ignore_conflicts=True)
        head = ChainHead.objects.select_for_update().get(pk=1)
        event.sequence = head.sequence + 1
        event.prev_hash = head.hash
        event.occurred_at = event.occurred_at.astimezone(UTC)
        if event.personal.keys() & {chain.ACTOR_SLOT}:
            raise ValueError(f"{chain.ACTOR_SLOT!r} is the actor's slot; name personal values otherwise")
        event.personal_salts, event.personal_digests = chain.commit_personal(chain.personal_values(event))
        event.hash = chain.chain_hash(event.prev_hash, chain.event_fields(event))
        event.save()
        head.sequence, head.hash = event.sequence, event.hash
        head.save(update_fields=["sequence", "hash"])


def _queue(event: Event, recipients: list[Recipient], template: str, context: dict) -> None:
    seen: set[tuple[int | None, str]] = set()
    rows = []
    for recipient in recipients:
        key = (getattr(recipient.user, "pk", None), recipient.email.lower())
        if key in seen:
            continue
        seen.add(key)
        with translation.override(recipient.language):
            full = {**context, "event": event, "site_url": settings.SITE_URL}
            subject = " ".join(render_to_string(f"notifications/{template}_subject.txt", full).split())
            body = render_to_string(f"notifications/{template}_body.txt", full)
        link = str(context.get("link", ""))
        if recipient.user is not None:
            rows.append(
                Notification(
                    event=event,
                    channel=Notification.Channel.IN_APP,
                    recipient=recipient.user,
                    subject=subject,
                    body=body,
                    link=link,
                )
            )
        if recipient.email:
            rows.append(
                Notification(
                    event=event,
                    channel=Notification.Channel.EMAIL,
                    recipient=recipient.user,
                    email=recipient.email,
                    subject=subject,
                    body=body,
                    link=link,
                )
            )
    Notification.objects.bulk_create(rows)
    transaction.on_commit(send_pending_email)


def send_pending_email(limit: int = 200) -> tuple[int, int]:
    """Send queued e-mail; returns (sent, failed). Safe to run concurrently and repeatedly."""
    sent = failed = 0
    pending = Notification.objects.filter(channel=Notification.Channel.EMAIL, sent_at__isnull=True, attempts__lt=10)
    for notification_id in list(pending.order_by("id").values_list("id", flat=True)[:limit]):
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update(skip_locked=True)
                .filter(pk=notification_id, sent_at__isnull=True)
                .first()
            )
            if notification is None:
                continue
            notification.attempts += 1
            try:
                send_mail(notification.subject, notification.body, None, [notification.email])
            except Exception as error:  # noqa: BLE001 - any transport error is retried later
                logger.warning("E-mail %s to %s failed: %s", notification.pk, notification.email, error)
                notification.last_error = str(error)[:2000]
                failed += 1
            else:
                notification.sent_at = timezone.now()
                sent += 1
            notification.save(update_fields=["attempts", "last_error", "sent_at"])
    return sent, failed
