"""Who may hear stage 2 (a moderator not connected to the review) and stage 3 (an adjudicator with
no tie to the review, the cluster or the school): each tie tried, and the assignment refused with
it as the reason."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from collegium.complaints import services
from collegium.complaints.eligibility import eligible_handlers, ties_to
from collegium.complaints.models import Complaint, Outcome
from collegium.people.models import DeclaredConflict, FormerEmployment, ReviewerProfile, Role
from collegium.quality.models import Moderation
from collegium.reviews.models import TeamMember
from conftest import grant, make_school, make_user

from .conftest import MONDAY

ESCALATED_ON = date(2027, 1, 12)


@pytest.fixture
def awaiting_stage_2(complaint, lead_reviewer, school_leader) -> Complaint:
    services.decide_stage(lead_reviewer, complaint, Outcome.NOT_UPHELD, "Seen.", today=MONDAY)
    services.escalate(school_leader, complaint, today=ESCALATED_ON)
    return Complaint.objects.get(pk=complaint.pk)


@pytest.fixture
def awaiting_stage_3(stage_2, moderator, school_leader) -> Complaint:
    services.decide_stage(moderator, stage_2, Outcome.NOT_UPHELD, "Holds.", today=ESCALATED_ON)
    services.escalate(school_leader, stage_2, today=ESCALATED_ON)
    return Complaint.objects.get(pk=stage_2.pk)


def profile_for(user, school) -> ReviewerProfile:
    return ReviewerProfile.objects.create(
        user=user,
        home_school=school,
        job_title="Deputy head",
        phases=["primary"],
        years_in_senior_leadership=5,
    )


def assign_refused(complaint, admin, person, reason: str) -> None:
    with pytest.raises(ValidationError) as refused:
        services.assign_handler(admin, complaint, person, today=ESCALATED_ON)
    (message,) = refused.value.messages
    assert message.startswith(f"{person.full_name} cannot handle stage {complaint.stage}: ")
    assert reason in message
    assert Complaint.objects.get(pk=complaint.pk).stages.get(number=complaint.stage).handler is None


def test_an_unconnected_moderator_is_eligible_and_assigned(
    awaiting_stage_2, moderator, network_admin, mailoutbox, django_capture_on_commit_callbacks
):
    assert eligible_handlers(awaiting_stage_2, 2) == [moderator]
    with django_capture_on_commit_callbacks(execute=True):
        stage = services.assign_handler(network_admin, awaiting_stage_2, moderator)
    assert stage.handler == moderator and stage.assigned_by == network_admin
    assert moderator.email in {address for email in mailoutbox for address in email.to}


def test_a_moderator_on_the_team_is_refused(awaiting_stage_2, reviewer, network_admin):
    grant(reviewer, Role.MODERATOR)
    assert reviewer not in eligible_handlers(awaiting_stage_2, 2)
    assign_refused(awaiting_stage_2, network_admin, reviewer, "they are on the review's team")


def test_the_reviews_moderator_is_refused(awaiting_stage_2, moderator, network_admin):
    Moderation.objects.create(review=awaiting_stage_2.review, moderator=moderator)
    assert eligible_handlers(awaiting_stage_2, 2) == []
    assign_refused(awaiting_stage_2, network_admin, moderator, "they moderated the review")


def test_the_clusters_coordinator_is_refused(awaiting_stage_2, coordinator, network_admin):
    grant(coordinator, Role.MODERATOR)
    assign_refused(
        awaiting_stage_2, network_admin, coordinator, "they coordinate the review's cluster"
    )


def test_a_leader_or_governor_of_the_school_is_refused(
    awaiting_stage_2, school_leader, governor, network_admin
):
    for person, role in ((school_leader, "a leader"), (governor, "a governor")):
        grant(person, Role.MODERATOR)
        assign_refused(
            awaiting_stage_2, network_admin, person, f"they are {role} of Ash Primary School"
        )


@pytest.mark.parametrize("kind", ["same trust", "former employment", "declared"])
def test_the_reviewer_registers_conflicts_apply_to_a_moderator(
    awaiting_stage_2, school_d, school_b, network_admin, kind
):
    """School A is in the Oak Learning Trust with school D."""
    person = grant(make_user("Max Moderator"), Role.MODERATOR)
    school = awaiting_stage_2.review.school
    if kind == "same trust":
        profile_for(person, school_d)
        reason = "In the same trust as their home school (Oak Learning Trust)"
    elif kind == "former employment":
        profile = profile_for(person, school_b)
        FormerEmployment.objects.create(
            reviewer=profile, school=school, left_on=date.today() - timedelta(days=200)
        )
        reason = "They worked there until"
    else:
        profile = profile_for(person, school_b)
        DeclaredConflict.objects.create(reviewer=profile, school=school, reason="My sister")
        reason = "Declared: My sister"
    assign_refused(
        awaiting_stage_2,
        network_admin,
        person,
        f"they have a conflict of interest with Ash Primary School: {reason}",
    )


def test_someone_without_the_role_is_refused(awaiting_stage_2, adjudicator, network_admin):
    assign_refused(awaiting_stage_2, network_admin, adjudicator, "they are not a moderator")


def test_an_adjudicator_with_no_tie_hears_stage_3(awaiting_stage_3, adjudicator, network_admin):
    assert eligible_handlers(awaiting_stage_3, 3) == [adjudicator]
    stage = services.assign_handler(network_admin, awaiting_stage_3, adjudicator)
    assert stage.number == 3 and stage.handler == adjudicator


def test_an_adjudicator_leading_a_school_of_the_cluster_is_refused(
    awaiting_stage_3, adjudicator, school_b, network_admin
):
    grant(adjudicator, Role.SCHOOL_LEADER, school=school_b)
    assert eligible_handlers(awaiting_stage_3, 3) == []
    assign_refused(
        awaiting_stage_3,
        network_admin,
        adjudicator,
        "they are a leader of Beech Primary School, in the review's cluster",
    )


def test_an_adjudicator_whose_home_school_is_in_the_cluster_is_refused(
    awaiting_stage_3, adjudicator, school_c, network_admin
):
    profile_for(adjudicator, school_c)
    assign_refused(
        awaiting_stage_3,
        network_admin,
        adjudicator,
        "their home school, Cedar Academy, is in the review's cluster",
    )


def test_the_stage_2_moderator_cannot_also_hear_stage_3(awaiting_stage_3, moderator, network_admin):
    grant(moderator, Role.ADJUDICATOR)
    assign_refused(
        awaiting_stage_3, network_admin, moderator, "they handled stage 2 of this complaint"
    )


def test_an_adjudicator_on_the_team_or_coordinating_is_refused(
    awaiting_stage_3, lead_reviewer, coordinator
):
    for person in (lead_reviewer, coordinator):
        grant(person, Role.ADJUDICATOR)
    assert "they are on the review's team" in ties_to(lead_reviewer, awaiting_stage_3, 3)
    assert "they coordinate the review's cluster" in ties_to(coordinator, awaiting_stage_3, 3)


def test_a_tie_elsewhere_does_not_count(awaiting_stage_3, adjudicator, la):
    far = make_school(la, 900050, "Far Away School")
    grant(adjudicator, Role.SCHOOL_LEADER, school=far)
    profile_for(adjudicator, far)
    assert ties_to(adjudicator, awaiting_stage_3, 3) == []


def test_only_a_network_admin_assigns(awaiting_stage_2, moderator, coordinator):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.assign_handler(coordinator, awaiting_stage_2, moderator)
    assert TeamMember.objects.exists()  # nothing else changed
    assert awaiting_stage_2.stages.get(number=2).handler is None
