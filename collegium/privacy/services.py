"""X5: suspending, restoring and erasing a person's account, and producing their data.

Erasure keeps every record a person's work belongs to (judgements, proposals, statistics keep
their values) and replaces who they were: their name, email address and what they wrote about
themselves become a stable pseudonym, here and in the audit trail.
"""

import re

from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, TextField, Value
from django.db.models.functions import Cast, Replace
from django.utils import timezone
from django.utils.html import escape
from markupsafe import escape as html  # as Jinja escapes: &#39; where Django has &#x27;

from collegium.accounts.models import User
from collegium.api.models import ApiToken
from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.audit.services import record_change, snapshot
from collegium.calendars.models import CalendarFeed
from collegium.calendars.services import remove_feed
from collegium.consistency.models import StoredFigures
from collegium.consistency.tasks import request_refresh_after_commit
from collegium.notifications.models import Notification
from collegium.people.models import Blackout, DeclaredConflict, ReviewerProfile, Role, RoleGrant
from collegium.privacy.archive import zip_of
from collegium.privacy.selectors import held_about

ACCOUNT_FIELDS = ["email", "full_name", "is_active"]
ERASED_DOMAIN = "erased.invalid"  # RFC 2606: never routable, so nobody is emailed
ERASED_REASON = "Reason removed when the person's account was erased"


def pseudonym(user: User) -> str:
    """The same words every time for the same person: "Former reviewer 7", "Former member 12"."""
    kind = "reviewer" if ReviewerProfile.objects.filter(user=user).exists() else "member"
    return f"Former {kind} {user.pk}"


def is_erased(user: User) -> bool:
    return user.email.endswith(f"@{ERASED_DOMAIN}")


def _refuse_closing(actor: User | None, person: User, doing: str) -> None:
    if actor is not None and person.pk == actor.pk:
        raise ValidationError(f"You cannot {doing} your own account. Ask another network admin.")
    admins = (
        RoleGrant.objects.select_for_update()
        .filter(role=Role.NETWORK_ADMIN, user__is_active=True)
        .values_list("user_id", flat=True)
    )
    if set(admins) == {person.pk}:
        raise ValidationError(
            f"You cannot {doing} the last network admin. Grant the role to someone else first."
        )


def _end_sessions(person: User) -> None:
    """Sign the person out everywhere: a suspended person's open pages stop working at once."""
    ids = [
        s.pk
        for s in Session.objects.all()
        if s.get_decoded().get("_auth_user_id") == str(person.pk)
    ]
    Session.objects.filter(pk__in=ids).delete()


def suspend(actor: User, person: User) -> None:
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=person.pk)
        if not person.is_active:
            raise ValidationError(f"{person}'s account is already suspended")
        _refuse_closing(actor, person, "suspend")
        before = snapshot(person, ["is_active"])
        person.is_active = False
        person.save(update_fields=["is_active"])
        record_change(
            actor, verbs.PERSON_SUSPENDED, person, before, snapshot(person, ["is_active"])
        )
        _end_sessions(person)
        remove_feed(person)  # restoring the account must not bring the old address back


def restore(actor: User, person: User) -> None:
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=person.pk)
        if person.is_active:
            raise ValidationError(f"{person}'s account is not suspended")
        if is_erased(person):
            raise ValidationError("An erased account cannot be restored")
        person.is_active = True
        person.save(update_fields=["is_active"])
        after = snapshot(person, ["is_active"])
        record_change(actor, verbs.PERSON_RESTORED, person, {"is_active": False}, after)


def erase(actor: User | None, person: User) -> str:
    """Replace who the person was by their pseudonym everywhere; returns the pseudonym.
    With no actor, retention erases the account of someone who left (privacy.retention)."""
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=person.pk)
        if is_erased(person):
            raise ValidationError(f"{person}'s account has already been erased")
        _refuse_closing(actor, person, "erase")
        name, email, alias = person.full_name, person.email, pseudonym(person)
        _erase_what_they_wrote(person)
        person.full_name = alias
        person.email = f"erased-{person.pk}@{ERASED_DOMAIN}"
        person.is_active = False
        person.set_unusable_password()
        person.save()
        RoleGrant.objects.filter(user=person).delete()
        ApiToken.objects.filter(user=person).delete()
        CalendarFeed.objects.filter(user=person).delete()  # their calendar address stops
        Notification.objects.filter(recipient=person).delete()  # their bodies name them
        _rewrite_notifications(name, email, alias)
        _end_sessions(person)
        _rewrite_audit_trail(person, [name, email], alias)
        _forget_figures()
        after = {"full_name": alias, "erased_at": timezone.now().isoformat()}
        record_change(actor, verbs.PERSON_ERASED, person, None, after)
    return alias


def _rewrite_notifications(name: str, email: str, alias: str) -> None:
    """Other people's notifications that name the person ("Sam Hill declined their place")
    keep what happened, with the pseudonym for who (in HTML, as the page escaped it too)."""
    written = {name, email}
    for word in filter(
        None, written | {escape(w) for w in written} | {str(html(w)) for w in written}
    ):
        named = (
            Q(subject__contains=word) | Q(text_body__contains=word) | Q(html_body__contains=word)
        )
        Notification.objects.filter(named).update(
            subject=Replace("subject", Value(word), Value(alias)),
            text_body=Replace("text_body", Value(word), Value(alias)),
            html_body=Replace("html_body", Value(word), Value(alias)),
        )


def _forget_figures() -> None:
    """The stored consistency figures name reviewers: drop them until the worker, queued here,
    works them out again under the pseudonym (the pages say they are being worked out)."""
    StoredFigures.objects.all().delete()
    request_refresh_after_commit()


def _erase_what_they_wrote(person: User) -> None:
    """Free text a reviewer wrote about themselves: their job title and their reasons."""
    profile = ReviewerProfile.objects.filter(user=person).first()
    if profile is None:
        return
    profile.job_title = "Former reviewer"
    profile.save(update_fields=["job_title"])
    Blackout.objects.filter(reviewer=profile).update(reason="")
    DeclaredConflict.objects.filter(reviewer=profile).update(reason=ERASED_REASON)


def _rewrite_audit_trail(person: User, words: list[str], alias: str) -> None:
    """Events by or about the person keep what happened, with the pseudonym for who."""
    mentions = Q(actor=person)
    for word in filter(None, words):
        mentions |= (
            Q(actor_name__icontains=word)
            | Q(object_repr__icontains=word)
            | Q(before_text__icontains=word)
            | Q(after_text__icontains=word)
        )
    events = AuditEvent.objects.annotate(
        before_text=Cast("before", TextField()), after_text=Cast("after", TextField())
    ).filter(mentions)
    for event in events:
        if event.actor_id == person.pk:
            event.actor_name = alias
        for word in filter(None, words):
            event.actor_name = _replace(event.actor_name, word, alias)
            event.object_repr = _replace(event.object_repr, word, alias)
            event.before = _replace_in(event.before, word, alias)
            event.after = _replace_in(event.after, word, alias)
        event.save(update_fields=["actor_name", "object_repr", "before", "after"])


def _replace(text: str, word: str, alias: str) -> str:
    return re.compile(re.escape(word), re.IGNORECASE).sub(alias, text)


def _replace_in(value: object, word: str, alias: str) -> object:
    if isinstance(value, str):
        return _replace(value, word, alias)
    if isinstance(value, list):
        return [_replace_in(v, word, alias) for v in value]
    if isinstance(value, dict):
        return {k: _replace_in(v, word, alias) for k, v in value.items()}
    return value


def data_of(actor: User, person: User) -> bytes:
    """Everything held about the person, as a ZIP; recorded when produced for someone else."""
    when = timezone.localtime()
    data = zip_of(held_about(person), str(person), f"{when:%-d %B %Y at %H:%M}")
    if actor.pk != person.pk:
        record_change(actor, verbs.PERSON_DATA_PRODUCED, person, None, {"at": when.isoformat()})
    return data
