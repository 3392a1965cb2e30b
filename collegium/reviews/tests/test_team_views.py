"""The team page: the coordinator adds, locks and removes reviewers; everyone else is refused."""

import pytest

from collegium.reviews.models import Review, TeamMember
from collegium.reviews.tests.planning_helpers import free_for
from collegium.reviews.tests.test_team_rules import new_reviewer
from conftest import make_school


@pytest.fixture
def candidate(review, la):
    return new_reviewer("Cal Candidate", make_school(la, 940001, "Hazel School"), review)


def team_url(review, tail=""):
    return f"/reviews/{review.pk}/team/{tail}"


def test_the_coordinator_sees_the_team_and_who_can_be_added(
    client_for, review, coordinator, candidate
):
    page = client_for(coordinator).get(team_url(review))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Lena Lead" in body and "Rhys Reviewer" in body
    assert "Cal Candidate, Deputy headteacher, Hazel School" in body
    assert "The team needs 1 more peer reviewer" in body


def test_the_coordinator_adds_a_peer(client_for, review, coordinator, candidate):
    client = client_for(coordinator)
    done = client.post(team_url(review), {"reviewer": candidate.pk, "role": "peer"})
    assert done.status_code == 302
    assert review.team.filter(reviewer=candidate, role="peer").exists()
    follow = client.get(done.url)
    assert "Cal Candidate has been added as peer reviewer." in follow.content.decode()


def test_a_team_rule_refusal_is_shown_and_changes_nothing(
    client_for, review, coordinator, candidate
):
    page = client_for(coordinator).post(
        team_url(review), {"reviewer": candidate.pk, "role": "lead"}
    )
    assert page.status_code == 400
    assert "The review already has a lead reviewer, Lena Lead" in page.content.decode()
    assert review.team.count() == 2


def test_an_unavailable_reviewer_is_refused_with_the_reason(client_for, review, coordinator, la):
    busy = new_reviewer("Bea Busy", make_school(la, 940002, "Holly School"))
    page = client_for(coordinator).post(team_url(review), {"reviewer": busy.pk, "role": "peer"})
    assert page.status_code == 400 and "has not marked the week of" in page.content.decode()
    free_for(busy, review.start_date, review.days)
    assert (
        client_for(coordinator)
        .post(team_url(review), {"reviewer": busy.pk, "role": "peer"})
        .status_code
        == 302
    )


def test_missing_choices_are_asked_for(client_for, review, coordinator):
    page = client_for(coordinator).post(team_url(review), {})
    body = page.content.decode()
    assert page.status_code == 400 and "Choose a reviewer" in body
    assert (
        "Choose the reviewer&#39;s role on the team" in body or "Choose the reviewer's role" in body
    )
    assert review.team.count() == 2


@pytest.mark.parametrize("who", ["school_leader", "lead_reviewer", "reviewer", "moderator"])
def test_people_who_may_see_the_review_cannot_change_the_team(
    client_for, review, candidate, request, who
):
    client = client_for(request.getfixturevalue(who))
    member = review.team.get(role="peer")
    assert (
        client.post(team_url(review), {"reviewer": candidate.pk, "role": "peer"}).status_code == 403
    )
    assert client.post(team_url(review, f"{member.pk}/remove/")).status_code == 403
    assert client.post(team_url(review, f"{member.pk}/lock/"), {"locked": "yes"}).status_code == 403
    assert review.team.count() == 2 and not review.team.filter(locked=True).exists()


@pytest.mark.parametrize("who", ["outsider", "governor"])
def test_people_outside_the_review_get_not_found(client_for, review, candidate, request, who):
    client = client_for(request.getfixturevalue(who))
    member = review.team.get(role="peer")
    assert (
        client.post(team_url(review), {"reviewer": candidate.pk, "role": "peer"}).status_code == 404
    )
    assert client.post(team_url(review, f"{member.pk}/remove/")).status_code == 404
    assert review.team.count() == 2


def test_a_visitor_is_asked_to_sign_in(client_for, review):
    member = review.team.get(role="peer")
    response = client_for(None).post(team_url(review, f"{member.pk}/remove/"))
    assert response.status_code == 302 and "/sign-in/" in response.url
    assert review.team.count() == 2


def test_lock_then_remove(client_for, review, coordinator):
    client = client_for(coordinator)
    member = review.team.get(role="peer")
    client.post(team_url(review, f"{member.pk}/lock/"), {"locked": "yes"})
    assert TeamMember.objects.get(pk=member.pk).locked
    page = client.post(team_url(review, f"{member.pk}/remove/"))
    assert (
        page.status_code == 400
        and "place is locked: unlock it before removing them" in page.content.decode()
    )
    client.post(team_url(review, f"{member.pk}/lock/"), {"locked": "no"})
    assert client.get(team_url(review, f"{member.pk}/remove/")).status_code == 200
    assert client.post(team_url(review, f"{member.pk}/remove/")).status_code == 302
    assert not TeamMember.objects.filter(pk=member.pk).exists()


def test_a_member_of_another_review_is_not_found(client_for, review, coordinator):
    assert client_for(coordinator).post(team_url(review, "99999/remove/")).status_code == 404


def test_a_refused_lock_is_shown_with_the_reason_and_changes_nothing(
    client_for, review, coordinator
):
    member = review.team.get(role="peer")
    Review.objects.filter(pk=review.pk).update(status=Review.Status.VISIT)
    page = client_for(coordinator).post(team_url(review, f"{member.pk}/lock/"), {"locked": "yes"})
    body = page.content.decode()
    assert page.status_code == 400
    assert "The team can only change while the review is being planned" in body
    assert not TeamMember.objects.get(pk=member.pk).locked
