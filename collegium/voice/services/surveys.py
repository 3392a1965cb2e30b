"""A school's leaders run surveys of its community (V1): open one for an audience and a window
of dates, issue one-time codes, close it early, and enter how many staff, parents and carers or
governors the school has (pupils come from the census).

At most one survey per audience is open at once, so results per year never mix two surveys. A
one-time code is shown once, when it is issued, and kept only as a hash.
"""

import hashlib
import hmac
import secrets
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.people.dates import current_academic_year
from collegium.schools.models import School
from collegium.voice.models import (
    CODED,
    AccessCode,
    Audience,
    BankVersion,
    CommunitySize,
    Survey,
)

SURVEY_FIELDS = ["school_id", "version_id", "audience", "opens_on", "closes_on", "uses_codes"]
LONGEST_WINDOW = timedelta(weeks=12)
MOST_CODES = 500
# No 0/O, 1/I/L: codes are read off paper.
CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def open_survey(
    actor: Any,
    school: School,
    version: BankVersion,
    opens_on: date,
    closes_on: date,
    uses_codes: bool = False,
    today: date | None = None,
) -> Survey:
    """A new survey of the school's community, with a secret link."""
    today = today or timezone.localdate()
    audience = version.bank.audience
    _check_window(version, opens_on, closes_on, today)
    if uses_codes and audience not in CODED:
        raise ValidationError("Only staff and governor surveys can use one-time codes")
    with transaction.atomic():
        School.objects.select_for_update().get(pk=school.pk)  # one survey at a time per school
        _check_no_overlap(school, audience, opens_on, closes_on)
        survey = Survey.objects.create(
            school=school,
            version=version,
            audience=audience,
            academic_year=current_academic_year(opens_on),
            opens_on=opens_on,
            closes_on=closes_on,
            token=secrets.token_urlsafe(24),
            uses_codes=uses_codes,
            opened_by=actor,
        )
        record_change(
            actor, verbs.VOICE_SURVEY_OPENED, survey, None, snapshot(survey, SURVEY_FIELDS)
        )
    return survey


def _check_window(version: BankVersion, opens_on: date, closes_on: date, today: date) -> None:
    if version.status != BankVersion.Status.PUBLISHED:
        raise ValidationError("Choose a published question bank")
    if closes_on < opens_on:
        raise ValidationError("The closing date must be the same as or after the opening date")
    if opens_on < today:
        raise ValidationError("The opening date must be today or in the future")
    if closes_on - opens_on > LONGEST_WINDOW:
        raise ValidationError("A survey can be open for 12 weeks at most")


def _check_no_overlap(school: School, audience: str, opens_on: date, closes_on: date) -> None:
    others = Survey.objects.filter(
        school=school, audience=audience, closed_on__isnull=True, opens_on__lte=closes_on
    ).filter(closes_on__gte=opens_on)
    if others.exists():
        label = Audience(audience).label.lower()
        raise ValidationError(
            f"The school already has a survey of {label} open on some of those dates. "
            "Choose dates after it closes, or close it first."
        )


def close_survey(actor: Any, survey: Survey, today: date | None = None) -> Survey:
    """Stop taking responses from today on; what was sent stays."""
    today = today or timezone.localdate()
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        if survey.closed_on is not None or survey.closes_on < today:
            raise ValidationError("This survey has already closed")
        before = snapshot(survey, ["closed_on"])
        survey.closed_on = today
        survey.save(update_fields=["closed_on"])
        record_change(
            actor, verbs.VOICE_SURVEY_CLOSED, survey, before, snapshot(survey, ["closed_on"])
        )
    return survey


def code_hash(survey: Survey, code: str) -> str:
    cleaned = "".join(code.split()).upper()
    return hashlib.sha256(f"{survey.token}:{cleaned}".encode()).hexdigest()


def code_at(survey: Survey, index: int) -> str:
    """The survey's code number `index`, worked out again whenever the leaders print codes: the
    codes themselves are never stored, and nothing records who was given which."""
    key = settings.SECRET_KEY.encode()
    digest = hmac.new(key, f"voice-code:{survey.token}:{index}".encode(), "sha256").digest()
    return "".join(CODE_LETTERS[b % len(CODE_LETTERS)] for b in digest[:CODE_LENGTH])


def codes_of(survey: Survey) -> list[str]:
    return [code_at(survey, index) for index in range(1, survey.codes.count() + 1)]


def issue_codes(actor: Any, survey: Survey, count: int, today: date | None = None) -> list[str]:
    """`count` more one-time codes for the survey, to print; kept only as hashes."""
    today = today or timezone.localdate()
    if not survey.uses_codes:
        raise ValidationError("This survey does not use one-time codes")
    if survey.closed_on is not None or survey.closes_on < today:
        raise ValidationError("This survey has closed: it needs no more codes")
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        issued = survey.codes.count()
        if issued + count > MOST_CODES:
            raise ValidationError(f"A survey can have {MOST_CODES} codes at most")
        codes = [code_at(survey, index) for index in range(issued + 1, issued + count + 1)]
        AccessCode.objects.bulk_create(
            AccessCode(survey=survey, code_hash=code_hash(survey, code)) for code in codes
        )
        record_change(actor, verbs.VOICE_CODES_ISSUED, survey, None, {"codes": count})
    return codes


def record_size(
    actor: Any, school: School, academic_year: int, audience: str, number: int
) -> CommunitySize:
    """How many of the audience the school has this year, for response rates."""
    if audience not in {a.value for a in (Audience.STAFF, Audience.PARENTS, Audience.GOVERNORS)}:
        raise ValidationError("Pupils on roll come from the school census")
    with transaction.atomic():
        found = CommunitySize.objects.select_for_update().filter(
            school=school, academic_year=academic_year, audience=audience
        )
        size = found.first()
        before = snapshot(size, ["number"]) if size else None
        if size is None:
            size = CommunitySize(school=school, academic_year=academic_year, audience=audience)
        size.number = number
        size.entered_by = actor
        size.save()
        record_change(
            actor, verbs.COMMUNITY_SIZE_RECORDED, size, before, snapshot(size, ["number"])
        )
    return size
