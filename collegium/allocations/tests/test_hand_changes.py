"""Lock, withdraw, swap, re-optimise and accept: the coordinator's hand on the proposal."""

import pytest
from django.core import mail
from django.urls import reverse

from collegium.allocations.models import AllocationRun
from collegium.allocations.services import runs
from collegium.allocations.tests.helpers import make_peer, make_ready, state, text_of
from collegium.people.models import CapacityApproval, DeclaredConflict
from collegium.reviews.models import TeamMember


@pytest.fixture
def run(coordinator, cluster, ready):
    started = runs.start_run(coordinator, cluster)
    started.refresh_from_db()
    return started


def url(name, run, place=None):
    return reverse(f"allocations:{name}", args=[run.pk] + ([place.pk] if place else []))


def peers(run):
    return list(run.places.filter(role="peer").order_by("pk"))


@pytest.mark.django_db
def test_lock_then_unlock_a_place(client_for, coordinator, run):
    client, place = client_for(coordinator), peers(run)[0]
    response = client.post(url("lock", run, place), {"locked": "yes"}, follow=True)
    assert f"{place.reviewer.user.full_name}'s place is locked." in text_of(response)
    place.refresh_from_db()
    assert place.locked
    client.post(url("lock", run, place), {"locked": "no"})
    place.refresh_from_db()
    assert not place.locked


@pytest.mark.django_db
def test_bad_lock_input_and_locked_removal_change_nothing(client_for, coordinator, run):
    client, place = client_for(coordinator), peers(run)[0]
    before = state()
    assert client.post(url("lock", run, place), {"locked": "maybe"}).status_code == 400
    assert state() == before
    client.post(url("lock", run, place), {"locked": "yes"})
    before = state()
    response = client.post(url("remove", run, place))
    assert response.status_code == 400
    assert "place is locked: unlock it before changing it" in text_of(response)
    assert state() == before


@pytest.mark.django_db
def test_withdraw_then_reoptimise_keeps_locked_places(client_for, coordinator, run, ready):
    client = client_for(coordinator)
    kept, gone = peers(run)
    client.post(url("lock", run, kept), {"locked": "yes"})
    response = client.post(url("remove", run, gone), follow=True)
    assert f"{gone.reviewer.user.full_name} is withdrawn" in text_of(response)
    assert run.places.count() == 2
    text = text_of(response)
    assert "1 place is empty: 1 peer reviewer place on the review of Ash Primary School." in text
    assert f"{gone.reviewer.user.full_name} was withdrawn by hand" in text
    response = client.post(url("reoptimise", run), follow=True)
    assert "Re-optimising changed 1 place" in text_of(response)
    run.refresh_from_db()
    assert run.status == "proposed" and run.reoptimisations == 1
    now = {p.reviewer_id: p for p in peers(run)}
    assert kept.reviewer_id in now and now[kept.reviewer_id].locked
    assert gone.reviewer_id not in now and ready["fay"].pk in now


@pytest.mark.django_db
def test_a_swap_that_breaks_a_hard_rule_is_refused_with_its_reason(
    client_for, coordinator, run, school_a, school_d, network_admin
):
    spare = make_peer(school_d, "Sam Spare")
    make_ready(spare, network_admin, run.places.first().review.start_date)
    DeclaredConflict.objects.create(reviewer=spare, school=school_a, reason="Governor there")
    place = peers(run)[0]
    before = state()
    response = client_for(coordinator).post(url("swap", run, place), {"reviewer": spare.pk})
    assert response.status_code == 400
    assert "Sam Spare has a conflict of interest with Ash Primary School" in text_of(response)
    assert state() == before


@pytest.mark.django_db
def test_a_swap_checks_the_other_proposed_places(client_for, coordinator, run):
    first, second = peers(run)
    before = state()
    response = client_for(coordinator).post(
        url("swap", run, first), {"reviewer": second.reviewer_id}
    )
    assert "is already proposed for this team" in text_of(response)
    assert state() == before


@pytest.mark.django_db
def test_a_swap_puts_another_reviewer_in_the_place(client_for, coordinator, run, ready):
    spare = ready["fay"]
    place = peers(run)[0]
    client = client_for(coordinator)
    assert spare.user.full_name in text_of(client.get(url("swap", run, place)))
    response = client.post(url("swap", run, place), {"reviewer": spare.pk}, follow=True)
    assert f"{spare.user.full_name} takes the place." in text_of(response)
    place.refresh_from_db()
    assert place.reviewer == spare and place.reasons == ["Chosen by hand by Cora Coordinator"]


@pytest.mark.django_db
def test_accept_creates_the_team_and_emails_everyone(
    client_for, coordinator, run, open_review, leader_of_b, ready,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(url("accept", run), follow=True)
    assert "The teams are accepted" in text_of(response)
    team = set(open_review.team.values_list("reviewer_id", "role"))
    assert team == set(run.places.values_list("reviewer_id", "role"))
    run.refresh_from_db()
    assert run.status == "accepted"
    assert len(mail.outbox) == 4  # each reviewer asked to confirm (test_consent.py), Rhys's head
    to_lena = next(m for m in mail.outbox if m.to == [ready["lena"].user.email])
    assert "lead reviewer on the quality assurance review of Ash Primary School" in to_lena.body
    to_rhys = next(m for m in mail.outbox if m.to == [ready["rhys"].user.email])
    to_head = next(m for m in mail.outbox if m.to == [leader_of_b.email])  # Rhys's school is B
    assert "peer reviewer on the quality assurance review of Ash Primary School" in to_rhys.body
    assert to_head.body == to_rhys.body


@pytest.mark.django_db
def test_accept_is_all_or_nothing(client_for, coordinator, run):
    place = peers(run)[1]
    CapacityApproval.objects.filter(reviewer=place.reviewer).delete()
    before = state()
    response = client_for(coordinator).post(url("accept", run))
    assert response.status_code == 400
    assert "Nothing was accepted. Ash Primary School:" in text_of(response)
    assert "has not approved any review days" in text_of(response)
    assert state() == before and not TeamMember.objects.exists() and not mail.outbox


@pytest.mark.django_db
def test_an_accepted_run_takes_no_more_changes(client_for, coordinator, run):
    client = client_for(coordinator)
    client.post(url("accept", run))
    before = state()
    response = client.post(url("reoptimise", run))
    assert "You cannot re-optimise this allocation: its teams have already been accepted" in (
        text_of(response)
    )
    assert client.post(url("remove", run, peers(run)[0])).status_code == 400
    assert state() == before
    assert AllocationRun.objects.get().status == "accepted"


@pytest.mark.django_db
def test_members_already_on_the_team_are_kept_and_not_changed_here(
    client_for, coordinator, cluster, ready, open_review
):
    TeamMember.objects.create(review=open_review, reviewer=ready["lena"], role="lead")
    run = runs.start_run(coordinator, cluster)
    client = client_for(coordinator)
    page = text_of(client.get(url("run", run)))
    assert "Lena Lead, lead reviewer Already on the team" in page
    lena = run.places.get(reviewer=ready["lena"])
    assert lena.on_team and lena.locked
    before = state()
    response = client.post(url("remove", run, lena))
    assert "Lena Lead is already on the team: change it on the review's team page" in (
        text_of(response)
    )
    assert state() == before
    client.post(url("accept", run))
    assert open_review.team.count() == 3
    assert [m.to for m in mail.outbox if m.to == [ready["lena"].user.email]] == []


@pytest.mark.django_db
def test_a_swap_that_leaves_nobody_knowing_the_schools_phase_is_refused(
    client_for, coordinator, run, la, network_admin
):
    from collegium.people.models import ReviewerProfile
    from conftest import make_school

    place = peers(run)[0]
    others = run.places.exclude(pk=place.pk).values_list("reviewer_id", flat=True)
    ReviewerProfile.objects.filter(pk__in=others).update(phases=["secondary"])
    spare = make_peer(make_school(la, 900123, "Elder Secondary School"), "Sid Secondary")
    spare.phases = ["secondary"]
    spare.save()
    make_ready(spare, network_admin, place.review.start_date)
    before = state()
    response = client_for(coordinator).post(url("swap", run, place), {"reviewer": spare.pk})
    assert response.status_code == 400
    assert "Nobody on the team would know the primary phase" in text_of(response)
    assert state() == before
