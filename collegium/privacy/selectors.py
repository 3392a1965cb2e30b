"""Everything Collegium holds about a person, as tables (a subject access request, X5)."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Q

from collegium.accounts.models import User
from collegium.api.models import ApiToken
from collegium.audit.models import AuditEvent
from collegium.complaints.models import Complaint
from collegium.notifications.models import Notification
from collegium.people.models import (
    Accreditation,
    Blackout,
    DeclaredConflict,
    ReviewerProfile,
    RoleGrant,
    TrainingRecord,
)
from collegium.reviews.models import Concern, EvidenceNote, JudgementProposal

Table = list[dict[str, Any]]


def held_about(person: User) -> dict[str, Table]:
    """One table per kind of record, named as the files of the download are."""
    profile = ReviewerProfile.objects.filter(user=person).select_related("home_school").first()
    tables: dict[str, Table] = {
        "account": [_account(person)],
        "roles": [
            {
                "role": g.get_role_display(),
                "school": str(g.school or ""),
                "cluster": str(g.cluster or ""),
            }
            for g in RoleGrant.objects.filter(user=person).select_related("school", "cluster")
        ],
        "api_tokens": _rows(
            ApiToken.objects.filter(user=person).values(
                "name", "scope", "created_at", "expires_on", "last_used_at", "revoked_at"
            )
        ),
        "concerns_raised": _rows(
            Concern.objects.filter(raised_by=person).values("review_id", "raised_at", "text")
        ),
        "complaints_raised": _rows(
            Complaint.objects.filter(raised_by=person).values(
                "report_id", "received_on", "grounds", "outcome_sought", "status", "outcome"
            )
        ),
        "notifications": _rows(
            Notification.objects.filter(recipient=person).values(
                "event", "subject", "link", "created", "read_at", "email_state"
            )
        ),
        "audit_events": _events(person, profile),
    }
    if profile is not None:
        tables |= _reviewer_tables(profile)
    return tables


def _rows(found: Iterable[Mapping[str, Any]]) -> Table:
    return [dict(row) for row in found]


def _account(person: User) -> dict[str, Any]:
    return {
        "full_name": person.full_name,
        "email": person.email,
        "active": person.is_active,
        "joined": person.date_joined,
        "last_sign_in": person.last_login,
    }


def _reviewer_tables(profile: ReviewerProfile) -> dict[str, Table]:
    return {
        "reviewer_profile": [
            {
                "job_title": profile.job_title,
                "home_school": str(profile.home_school),
                "phases": "; ".join(profile.phase_labels()),
                "subjects": "; ".join(profile.subjects),
                "years_in_senior_leadership": profile.years_in_senior_leadership,
                "registered_at": profile.registered_at,
            }
        ],
        "training": _rows(
            TrainingRecord.objects.filter(reviewer=profile).values(
                "kind", "title", "provider", "completed_on"
            )
        ),
        "accreditation": _rows(
            Accreditation.objects.filter(reviewer=profile).values(
                "granted_on", "expires_on", "revoked_on", "revocation_reason"
            )
        ),
        "unavailable_dates": _rows(
            Blackout.objects.filter(reviewer=profile).values("starts_on", "ends_on", "reason")
        ),
        "declared_conflicts": [
            {"school": str(c.school), "reason": c.reason}
            for c in DeclaredConflict.objects.filter(reviewer=profile).select_related("school")
        ],
        "evidence_notes": _rows(
            EvidenceNote.objects.filter(author__reviewer=profile).values(
                "review_id", "created_at", "updated_at", "text"
            )
        ),
        "proposed_judgements": [
            {
                "review_id": p.review_id,
                "strand": str(p.strand),
                "level": p.level,
                "rationale": p.rationale,
                "created_at": p.created_at,
            }
            for p in JudgementProposal.objects.filter(proposed_by__reviewer=profile).select_related(
                "strand"
            )
        ],
    }


def _events(person: User, profile: ReviewerProfile | None) -> Table:
    about = Q(actor=person) | Q(
        subjects__object_type="accounts.user", subjects__object_id=str(person.pk)
    )
    if profile is not None:
        about |= Q(
            subjects__object_type="people.reviewerprofile", subjects__object_id=str(profile.pk)
        )
    events = AuditEvent.objects.filter(about).distinct().order_by("at", "pk")
    return [
        {
            "at": e.at,
            "by": e.actor_name,
            "what": e.action,
            "object": e.object_repr,
            "before": e.before,
            "after": e.after,
        }
        for e in events
    ]
