import pytest

from collegium.people.models import ReviewerProfile
from conftest import make_user


@pytest.fixture
def profile(reviewer) -> ReviewerProfile:
    """Rhys Reviewer's register entry (home school B)."""
    return reviewer.reviewer_profile


@pytest.fixture
def home_staff(school_a) -> ReviewerProfile:
    """A reviewer employed by school A, whose leader is the school_leader persona."""
    return ReviewerProfile.objects.create(
        user=make_user("Hana Homestaff"),
        home_school=school_a,
        job_title="Assistant head",
        phases=["primary"],
        subjects=["Science"],
        years_in_senior_leadership=3,
    )
