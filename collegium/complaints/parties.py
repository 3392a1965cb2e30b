"""The people a complaint concerns: who handles each stage, and who hears about every step.

Stage 1 is handled by the review's lead and its cluster's coordinators, stages 2 and 3 by the
moderator or adjudicator a network admin assigned. The parties are the school's leaders, the lead,
the coordinators and everyone assigned to a stage; network admins hear when a stage needs someone
assigned.
"""

from collegium.accounts.models import User
from collegium.complaints.models import Complaint, Stage
from collegium.people.models import Role
from collegium.people.selectors import school_leaders
from collegium.reviews.models import TeamMember


def lead_of(complaint: Complaint) -> list[User]:
    places = TeamMember.objects.filter(review_id=complaint.report_id, role=TeamMember.Role.LEAD)
    return [place.reviewer.user for place in places.select_related("reviewer__user")]


def coordinators_of(complaint: Complaint) -> list[User]:
    cluster_id = complaint.review.cluster_id
    if cluster_id is None:
        return []
    return list(
        User.objects.filter(
            role_grants__role=Role.CLUSTER_COORDINATOR,
            role_grants__cluster_id=cluster_id,
            is_active=True,
        ).order_by("full_name")
    )


def network_admins() -> list[User]:
    return list(
        User.objects.filter(role_grants__role=Role.NETWORK_ADMIN, is_active=True).order_by(
            "full_name"
        )
    )


def handlers_of(complaint: Complaint, stage: Stage) -> list[User]:
    """Who decides the stage; nobody yet for a stage 2 or 3 not assigned."""
    if stage.number == Stage.Number.RESOLUTION:
        return lead_of(complaint) + coordinators_of(complaint)
    return [stage.handler] if stage.handler is not None else []


def handles(user: User, complaint: Complaint, stage: Stage) -> bool:
    return any(person.pk == user.pk for person in handlers_of(complaint, stage))


def parties_of(complaint: Complaint) -> list[User]:
    """Everyone told about every step, once each."""
    assigned = [
        stage.handler for stage in complaint.stages.select_related("handler") if stage.handler
    ]
    people = [
        *school_leaders(complaint.review.school_id),
        *lead_of(complaint),
        *coordinators_of(complaint),
        *assigned,
    ]
    return list({person.pk: person for person in people}.values())
