"""Issue 15 part 5: the run page in a coordinator's words. It leads with a sentence from the
certificate, puts empty places first with what would fill them (never a holiday week nor the
review's own week), keeps the solver's figures under "How this was worked out", and accepting
with empty places asks on its own page."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from collegium.allocations.models import AllocationRun
from collegium.allocations.services import runs
from collegium.allocations.tests.helpers import is_sign_in_redirect, state, text_of
from collegium.allocations.wording import gap_percent, lead_sentence
from collegium.clusters.models import Cluster
from collegium.people.models import AvailableWeek, Role
from collegium.reviews.models import Review, TeamMember
from conftest import grant, make_user
from tests.term_time import holiday_week_after, term_monday


@pytest.mark.parametrize(
    ("gap", "words"),
    [(0.0, None), (1e-12, None), (0.00163, "0.2%"), (0.000001, "0.1%"), (0.512, "52%")],
)
def test_the_gap_is_rounded_up_to_a_plain_percentage(gap, words):
    assert gap_percent(gap) == words


def accept_url(run):
    return reverse("allocations:accept", args=[run.pk])


def run_page(client, run):
    return text_of(client.get(reverse("allocations:run", args=[run.pk])))


@pytest.fixture
def full_run(coordinator, cluster, ready):
    run = runs.start_run(coordinator, cluster)
    run.refresh_from_db()
    return run


@pytest.fixture
def later(cluster, open_review, ready, school_b, framework_version):
    """A second review after a holiday week: every reviewer offers only the first review's week
    and the holiday week, so its places stay empty."""
    holiday = holiday_week_after(open_review.start_date)
    for profile in ready.values():
        AvailableWeek.objects.create(reviewer=profile, week_starting=holiday)
    review = Review.objects.create(
        school=school_b, cluster=cluster, kind=Review.Kind.QUALITY_ASSURANCE,
        framework_version=framework_version, start_date=term_monday(after=holiday), days=3,
        focus="Reading",
    )  # fmt: skip
    return review, holiday


@pytest.fixture
def short_run(coordinator, cluster, later):
    run = runs.start_run(coordinator, cluster)
    run.refresh_from_db()
    return run


@pytest.mark.django_db
def test_a_full_proposal_says_so_and_is_accepted_without_more_questions(
    client_for, coordinator, full_run
):
    client = client_for(coordinator)
    text = run_page(client, full_run)
    assert "Every place is filled with the best available team; no other allocation scores" in text
    assert "Empty places" not in text and "Score −" not in text
    details = text.index("How this was worked out")
    assert text.index("Teams") < details < text.index("Accept the teams")
    assert "Load spread" in text[details:] and "How unevenly reviews are shared out" in text
    response = client.post(accept_url(full_run))
    assert response.status_code == 302
    full_run.refresh_from_db()
    assert full_run.status == "accepted" and TeamMember.objects.exists()


@pytest.mark.django_db
def test_empty_places_come_first_with_what_would_fill_them(
    client_for, coordinator, open_review, later, short_run
):
    review, holiday = later
    empty = sum(gap["slots"] for gap in short_run.unfilled)
    assert empty >= 3
    text = run_page(client_for(coordinator), short_run)
    assert f"{empty} places are empty: " in text
    assert "places on the review of Beech Primary School" in text
    assert "Every other place has the best available reviewer; no other allocation" in text
    assert "empty on the review of Beech Primary School" in text
    assert text.index("Empty places") < text.index("Teams") < text.index("Accept the teams")
    listed = text[text.index("Empty places") : text.index("Teams")]
    # What would fill them: another week when reviewers could go, never a holiday week nor
    # the week the review is already in.
    assert f"move the review to the week of {open_review.start_date:%-d %B %Y}" in listed
    assert f"{holiday:%-d %B %Y}" not in listed
    assert f"move the review to the week of {review.start_date:%-d %B %Y}" not in listed


@pytest.mark.django_db
def test_accepting_with_empty_places_asks_on_its_own_page(client_for, coordinator, short_run):
    client = client_for(coordinator)
    empty = sum(gap["slots"] for gap in short_run.unfilled)
    before = state()
    unasked = client.post(accept_url(short_run))  # the run page's button is a link; a bare POST
    assert unasked.status_code == 200
    assert f"{empty} places are still empty. Accept the teams anyway?" in text_of(unasked)
    assert state() == before
    page = client.get(accept_url(short_run))
    assert "Accept the teams anyway" in text_of(page)
    stale = client.post(accept_url(short_run), {"empty": empty + 1})  # places changed since
    assert stale.status_code == 200 and state() == before
    response = client.post(accept_url(short_run), {"empty": empty})
    assert response.status_code == 302
    assert AllocationRun.objects.get().status == "accepted"


@pytest.mark.django_db
def test_no_confirmation_page_without_empty_places(client_for, coordinator, full_run):
    response = client_for(coordinator).get(accept_url(full_run))
    assert response.status_code == 302
    assert response["Location"] == reverse("allocations:run", args=[full_run.pk])


@pytest.fixture
def other_coordinator(db):
    other = Cluster.objects.create(name="Birch Cluster")
    return grant(make_user("Olly Other"), Role.CLUSTER_COORDINATOR, cluster=other)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["outsider", "school_leader", "other_coordinator"])
def test_others_cannot_see_or_answer_the_confirmation(request, client_for, short_run, persona):
    client = client_for(request.getfixturevalue(persona))
    before = state()
    empty = sum(gap["slots"] for gap in short_run.unfilled)
    assert client.get(accept_url(short_run)).status_code == 404
    assert client.post(accept_url(short_run), {"empty": empty}).status_code == 404
    assert is_sign_in_redirect(client_for(None).get(accept_url(short_run)))
    assert state() == before


def test_a_proven_best_allocation_says_nothing_scores_better():
    run = SimpleNamespace(certificate={"gap": 0.0}, unfilled=[])
    assert lead_sentence(run) == (
        "Every place is filled with the best available team; no other allocation scores better."
    )
