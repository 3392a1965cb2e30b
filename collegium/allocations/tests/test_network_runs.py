"""Issue 21 part 2: a network-wide run. A network admin (or a moderator, for quality assurance
reviews) runs the optimiser for a term across every cluster in one solve; the run page shows
the certificate and the empty places per cluster; each coordinator sees and accepts only their
cluster's part."""

import pytest
from django.core import mail
from django.urls import reverse

from collegium.allocations.models import (
    AllocationRun,
    NetworkRun,
    PlaceRequest,
    ReviewerPreferences,
)
from collegium.allocations.services import hand, network, runs
from collegium.allocations.tests.helpers import (
    is_sign_in_redirect,
    make_peer,
    make_ready,
    monday_ahead,
    state,
    text_of,
)
from collegium.clusters.models import Cluster, Membership
from collegium.people.dates import current_academic_year
from collegium.people.models import Role
from collegium.reviews.models import Review, TeamMember
from collegium.termdates.models import SchoolTerm
from collegium.termdates.services import add_year
from conftest import grant, make_school, make_user

NETWORK = reverse("allocations:network")


def term_of(day) -> SchoolTerm:
    if not SchoolTerm.objects.filter(academic_year=current_academic_year(day)).exists():
        add_year(None, current_academic_year(day))
    return SchoolTerm.objects.get(first_day__lte=day, last_day__gte=day)


@pytest.fixture
def term(open_review) -> SchoolTerm:
    return term_of(open_review.start_date)


@pytest.fixture
def birch(la, ready, open_review, framework_version):
    """A second cluster with a quality assurance review of Gorse the same week: one lead (Lena)
    for two reviews, so one review's lead place stays empty."""
    gorse = make_school(la, 100007, "Gorse Primary School")
    birch = Cluster.objects.create(name="Birch Cluster")
    Membership.objects.create(cluster=birch, school=gorse, status=Membership.Status.MEMBER)
    Review.objects.create(
        school=gorse, cluster=birch, kind=Review.Kind.QUALITY_ASSURANCE,
        framework_version=framework_version, start_date=open_review.start_date, days=3,
        focus="Writing",
    )  # fmt: skip
    return birch


@pytest.fixture
def birch_coordinator(birch):
    return grant(make_user("Bill Birch"), Role.CLUSTER_COORDINATOR, cluster=birch)


@pytest.fixture
def solved(network_admin, term, birch) -> NetworkRun:
    run = network.start_network_run(network_admin, term, NetworkRun.Reviews.ALLOCATED)
    run.refresh_from_db()
    return run


def part_of(run: NetworkRun, cluster) -> AllocationRun:
    return run.parts.get(cluster=cluster)


def run_url(run) -> str:
    return reverse("allocations:run", args=[run.pk])


def network_run_url(run) -> str:
    return reverse("allocations:network-run", args=[run.pk])


@pytest.mark.django_db
def test_a_network_admin_runs_every_cluster_in_one_solve(
    client_for, network_admin, cluster, term, birch
):
    client = client_for(network_admin)
    page = text_of(client.get(NETWORK))
    assert "Quality assurance and cluster peer reviews" in page
    response = client.post(NETWORK, {"term": term.pk, "reviews": "all"}, follow=True)
    text = text_of(response)
    assert "The optimiser has started across the network." in text
    assert "Proposed teams across the network" in text
    run = NetworkRun.objects.get()
    assert run.status == "proposed" and run.certificate is not None
    assert run.certificate["hard_violations"]
    parts = {part.cluster_id: part for part in run.parts.all()}
    assert set(parts) == {cluster.pk, birch.pk}
    for part in parts.values():  # each cluster's share holds only its own reviews
        reviews = Review.objects.filter(pk__in={p.review_id for p in part.places.all()})
        assert {r.cluster_id for r in reviews} == {part.cluster_id}
        assert {g["review_id"] for g in part.unfilled} <= set(
            Review.objects.filter(cluster_id=part.cluster_id).values_list("pk", flat=True)
        )
    placed = [set(part.places.values_list("reviewer_id", flat=True)) for part in parts.values()]
    assert not placed[0] & placed[1]  # one solve: nobody is on two reviews in one week
    empty = sum(g["slots"] for part in parts.values() for g in part.unfilled)
    assert empty >= 1
    assert f"{empty} place{'s are' if empty > 1 else ' is'} empty in 1 cluster of 2" in text
    assert "lead reviewer place empty on the review of" in text
    assert "Testtown Cluster" in text and "Birch Cluster" in text
    assert "How this was worked out" in text


@pytest.mark.django_db
def test_each_coordinator_sees_and_accepts_only_their_part(
    client_for, coordinator, birch_coordinator, cluster, birch, solved, open_review
):
    mine, theirs = part_of(solved, cluster), part_of(solved, birch)
    client = client_for(coordinator)
    text = text_of(client.get(run_url(mine)))
    assert "across the network for the" in text and "Ash Primary School" in text
    assert "Gorse Primary School" not in text
    assert "These figures are for the whole network's run" in text
    cluster_page = text_of(client.get(reverse("allocations:cluster", args=[cluster.pk])))
    assert "across the network for the" in cluster_page
    before = state()
    assert client.get(run_url(theirs)).status_code == 404
    assert client.post(reverse("allocations:accept", args=[theirs.pk])).status_code == 404
    assert client.get(network_run_url(solved)).status_code == 404
    assert client_for(birch_coordinator).get(run_url(mine)).status_code == 404
    assert state() == before
    empty = sum(g["slots"] for g in mine.unfilled)
    response = client.post(reverse("allocations:accept", args=[mine.pk]), {"empty": empty})
    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == ("accepted", "proposed")
    assert set(TeamMember.objects.values_list("review__cluster", flat=True)) == {cluster.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["school_leader", "coordinator", "reviewer", "outsider"])
def test_others_cannot_run_or_see_network_runs(request, client_for, solved, term, persona):
    client = client_for(request.getfixturevalue(persona))
    before = state(), NetworkRun.objects.count()
    assert client.get(NETWORK).status_code in (403, 404)
    assert client.post(NETWORK, {"term": term.pk, "reviews": "qa"}).status_code in (403, 404)
    assert client.get(network_run_url(solved)).status_code == 404
    if persona == "school_leader":  # the head of a school under review sees no part either
        for part in solved.parts.all():
            assert client.get(run_url(part)).status_code == 404
    assert is_sign_in_redirect(client_for(None).get(network_run_url(solved)))
    assert is_sign_in_redirect(client_for(None).post(NETWORK, {"term": term.pk, "reviews": "qa"}))
    assert (state(), NetworkRun.objects.count()) == before


@pytest.mark.django_db
def test_a_moderator_runs_quality_assurance_reviews_only(
    client_for, moderator, term, birch, framework_version, open_review
):
    school = birch.memberships.get().school
    peer_review = Review.objects.create(
        school=school, cluster=birch, kind=Review.Kind.CLUSTER, framework_version=framework_version,
        start_date=open_review.start_date, days=1, focus="Reading",
    )  # fmt: skip
    client = client_for(moderator)
    page = text_of(client.get(NETWORK))
    assert "Quality assurance reviews" in page
    assert "Quality assurance and cluster peer reviews" not in page
    refused = client.post(NETWORK, {"term": term.pk, "reviews": "all"})
    assert refused.status_code == 400 and "Choose which reviews to allocate from the list" in (
        text_of(refused)
    )
    assert not NetworkRun.objects.exists()
    response = client.post(NETWORK, {"term": term.pk, "reviews": "qa"})
    assert response.status_code == 302
    run = NetworkRun.objects.get()
    assert run.status == "proposed" and run.created_by == moderator
    covered = {p.review_id for part in run.parts.all() for p in part.places.all()}
    covered |= {g["review_id"] for part in run.parts.all() for g in part.unfilled}
    assert peer_review.pk not in covered and open_review.pk in covered
    assert client.get(network_run_url(run)).status_code == 200
    assert client.get(run_url(run.parts.first())).status_code == 404  # the parts are the clusters'


@pytest.mark.django_db
def test_a_moderator_cannot_open_a_network_run_of_every_review(
    client_for, moderator, network_admin, solved, term
):
    qa_run = network.start_network_run(network_admin, term, NetworkRun.Reviews.QUALITY_ASSURANCE)
    client = client_for(moderator)
    assert client.get(network_run_url(solved)).status_code == 404
    assert client.get(network_run_url(qa_run)).status_code == 200
    listed = client.get(NETWORK).content.decode()
    assert network_run_url(qa_run) in listed and network_run_url(solved) not in listed
    admin = client_for(network_admin)
    assert admin.get(network_run_url(solved)).status_code == 200
    assert network_run_url(solved) in admin.get(NETWORK).content.decode()


@pytest.mark.django_db
def test_a_part_reoptimises_within_its_own_cluster(
    la, coordinator, network_admin, cluster, birch, solved, open_review
):
    """Its own reviews only, with its own bound, and never taking a reviewer proposed the same
    week in another cluster's part: only a reviewer who joins later is free."""
    mine = part_of(solved, cluster)
    for place in mine.places.all():  # withdrawn by hand, so others must be found
        hand.remove_place(coordinator, place)
    others = set(part_of(solved, birch).places.values_list("reviewer_id", flat=True))
    assert others
    hal = make_peer(make_school(la, 100008, "Hazel Primary School"), "Hal Hazel")
    make_ready(hal, network_admin, open_review.start_date)
    runs.reoptimise(coordinator, mine)
    mine.refresh_from_db()
    assert mine.status == "proposed" and mine.reoptimisations == 1
    assert set(mine.places.values_list("review__cluster", flat=True)) == {cluster.pk}
    assert set(mine.places.values_list("reviewer_id", flat=True)) == {hal.pk}
    cert, whole = mine.certificate, solved.certificate
    assert cert is not None and whole is not None
    assert cert["lp_bound"] != whole["lp_bound"]  # the cluster's own bound
    assert cert["score"] <= cert["lp_bound"] + 1e-6 and cert["hard_violations"]


@pytest.mark.django_db
def test_nothing_to_allocate_is_refused_in_words(client_for, network_admin, cluster):
    term = term_of(monday_ahead())
    response = client_for(network_admin).post(NETWORK, {"term": term.pk, "reviews": "qa"})
    assert response.status_code == 400
    assert "needs a team" in text_of(response) and not NetworkRun.objects.exists()


@pytest.mark.django_db
def test_a_running_network_run_shows_its_progress(client_for, network_admin, term):
    run = NetworkRun.objects.create(
        term=term, reviews="all", status="running", progress=0.4, progress_message="Solving"
    )
    page = client_for(network_admin).get(network_run_url(run))
    assert "Running: 40% done Solving" in text_of(page)
    assert '<meta http-equiv="refresh" content="2">' in page.content.decode()


def accept_url(run) -> str:
    return reverse("allocations:accept", args=[run.pk])


@pytest.fixture
def spare(la, ready, network_admin, open_review):
    """Two more peers free that week, so the network run leaves someone over for backups."""
    spare = [
        make_peer(make_school(la, 100008, "Hazel Primary School"), "Hal Hazel"),
        make_peer(make_school(la, 100009, "Ivy Primary School"), "Ivy Ivers"),
    ]
    for profile in spare:
        make_ready(profile, network_admin, open_review.start_date)
    return spare


@pytest.mark.django_db
def test_an_accepted_part_asks_its_reviewers_and_a_decline_takes_its_first_backup(
    client_for, coordinator, cluster, spare, network_admin, term, open_review,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    run = network.start_network_run(network_admin, term, NetworkRun.Reviews.ALLOCATED)
    mine = part_of(run, cluster)
    backups = mine.backups.filter(review=open_review, role="peer").order_by("rank")
    assert backups.exists()
    assert set(mine.backups.values_list("review__cluster", flat=True)) == {cluster.pk}
    placed = set(run.parts.values_list("places__reviewer_id", flat=True))
    assert not placed & set(backups.values_list("reviewer_id", flat=True))
    empty = sum(g["slots"] for g in mine.unfilled)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(accept_url(mine), {"empty": empty})
    requests = PlaceRequest.objects.filter(run=mine)
    assert set(requests.values_list("reviewer_id", flat=True)) == set(
        mine.places.values_list("reviewer_id", flat=True)
    )
    peer = requests.filter(role="peer").order_by("pk").first()
    assert peer is not None and peer.status == "asked"
    assert any(m.to == [peer.reviewer.user.email] for m in mail.outbox)
    other = requests.exclude(reviewer=peer.reviewer).first()
    assert other is not None
    before = state()
    decline_url = reverse("allocations:decline-place", args=[peer.pk])
    assert client_for(other.reviewer.user).post(decline_url, {"reason": "x"}).status_code == 404
    assert state() == before
    first = backups.first()
    assert first is not None
    client_for(peer.reviewer.user).post(decline_url, {"reason": "Our Ofsted visit"})
    asked = PlaceRequest.objects.get(run=mine, reviewer=first.reviewer)
    assert asked.is_backup and asked.status == "asked"
    on_team = set(open_review.team.values_list("reviewer_id", flat=True))
    assert first.reviewer_id in on_team and peer.reviewer_id not in on_team
    page = text_of(client_for(coordinator).get(run_url(mine)))
    assert "Declined Reason given: Our Ofsted visit" in page
    assert f"{first.reviewer.user.full_name} Peer reviewer Backup asked" in page


@pytest.mark.django_db
def test_a_coordinator_is_asked_to_accept_their_clusters_part(
    client_for, coordinator, birch_coordinator, school_leader, cluster, birch, solved, term,
    ready,
):  # fmt: skip
    mine, theirs = part_of(solved, cluster), part_of(solved, birch)
    wanted = (
        "Accept or change your cluster's part of the network allocation for the "
        f"{term.label[0].lower()}{term.label[1:]}"
    )
    home = client_for(coordinator).get("/")
    assert wanted in text_of(home)
    assert run_url(mine) in home.content.decode() and run_url(theirs) not in home.content.decode()
    birch_home = client_for(birch_coordinator).get("/").content.decode()
    assert run_url(theirs) in birch_home and run_url(mine) not in birch_home
    for person in (school_leader, ready["rhys"].user):
        assert "network allocation" not in text_of(client_for(person).get("/"))
    empty = sum(g["slots"] for g in mine.unfilled)
    client_for(coordinator).post(accept_url(mine), {"empty": empty})
    assert run_url(mine) not in client_for(coordinator).get("/").content.decode()


@pytest.mark.django_db
def test_a_network_run_scores_pairs_with_reviewers_preferences(
    ready, spare, network_admin, term, open_review
):
    """Fay's subject is in neither review's focus, so she is left out, until every other peer
    says they would rather avoid the week."""

    def placed() -> set[int]:
        run = network.start_network_run(network_admin, term, NetworkRun.Reviews.ALLOCATED)
        return set(run.parts.values_list("places__reviewer_id", flat=True))

    fay = ready["fay"]
    assert fay.pk not in placed()
    week = [open_review.start_date.isoformat()]
    for profile in [*spare, ready["rhys"], ready["eli"], ready["dora"]]:
        ReviewerPreferences.objects.create(reviewer=profile, avoided_weeks=week)
    assert fay.pk in placed()
