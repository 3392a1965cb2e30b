"""A cluster with one review that needs a whole team, and four reviewers free that week."""

import pytest

from collegium.allocations.services import runs
from collegium.allocations.services.accept import accept_run
from collegium.allocations.tests.helpers import make_peer, make_ready, monday_ahead
from collegium.people.models import Role
from collegium.reviews.models import Review
from conftest import grant, make_school, make_user


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def school_e(la):
    return make_school(la, 100005, "Elm Primary School")


@pytest.fixture
def school_f(la):
    return make_school(la, 100006, "Fir Primary School")


@pytest.fixture
def open_review(school_a, cluster, framework_version) -> Review:
    """A quality assurance review of school A with no team yet."""
    return Review.objects.create(
        school=school_a,
        cluster=cluster,
        kind=Review.Kind.QUALITY_ASSURANCE,
        framework_version=framework_version,
        start_date=monday_ahead(),
        days=3,
        focus="Reading and maths in key stage 1",
    )


@pytest.fixture
def ready(open_review, reviewer, lead_reviewer, school_d, school_e, school_f, network_admin):
    """Lena (accredited lead, school C), Rhys (B), Dora (D, in school A's trust, so never a
    candidate), Eli (E) and Fay (F, whose subject is not in the focus, so the optimiser picks
    Rhys and Eli first), all free that week."""
    monday = open_review.start_date
    profiles = {
        "lena": lead_reviewer.reviewer_profile,
        "rhys": reviewer.reviewer_profile,
        "dora": make_peer(school_d, "Dora Dale"),
        "eli": make_peer(school_e, "Eli Elm"),
        "fay": make_peer(school_f, "Fay Fir", "Science"),
    }
    for profile in profiles.values():
        make_ready(profile, network_admin, monday)
    return profiles


@pytest.fixture
def leader_of_b(school_b):
    return grant(make_user("Bea Bhead"), Role.SCHOOL_LEADER, school=school_b)


@pytest.fixture
def accepted(coordinator, cluster, ready, open_review, django_capture_on_commit_callbacks):
    run = runs.start_run(coordinator, cluster)
    with django_capture_on_commit_callbacks(execute=True):
        accept_run(coordinator, run)
    run.refresh_from_db()
    return run
