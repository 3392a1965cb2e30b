"""The people lists (the public reviewers list, the accreditation register, the roles page) are
25 a page and make the same number of queries however many people there are."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from collegium.people.models import (
    Accreditation,
    ReviewerProfile,
    Role,
    RoleGrant,
    TrainingRecord,
)
from collegium.people.views.common import PER_PAGE
from collegium.schools.models import Phase
from conftest import make_user
from tests.pages import query_count

LISTS = [
    ("people:reviewers", "outsider"),
    ("people:accreditation", "moderator"),
    ("people:roles", "network_admin"),
]


def add_people(school, by, count: int) -> None:
    """`count` reviewers named in order, each accredited, trained and a governor of the school."""
    start = ReviewerProfile.objects.filter(user__full_name__startswith="Person ").count()
    granted = date.today() - timedelta(days=30)
    for n in range(start, start + count):
        user = make_user(f"Person {n:03}")
        profile = ReviewerProfile.objects.create(
            user=user,
            home_school=school,
            job_title="Deputy head",
            phases=[Phase.PRIMARY],
            years_in_senior_leadership=5,
        )
        Accreditation.objects.create(
            reviewer=profile,
            granted_on=granted,
            expires_on=granted + timedelta(days=365),
            granted_by=by,
        )
        TrainingRecord.objects.create(
            reviewer=profile, title="Evidence", provider="Network", completed_on=granted
        )
        RoleGrant.objects.create(user=user, role=Role.GOVERNOR, school=school)


@pytest.mark.parametrize(("name", "persona"), LISTS)
def test_queries_do_not_grow_with_the_people(
    client_for, request, name, persona, school_b, moderator, django_assert_max_num_queries
):
    client = client_for(request.getfixturevalue(persona))
    url = reverse(name)
    add_people(school_b, moderator, 5)
    few = query_count(client, url)
    add_people(school_b, moderator, 3 * PER_PAGE)
    with django_assert_max_num_queries(few):
        text = client.get(url).text
    assert "Person 000" in text and f"Person {PER_PAGE:03}" not in text


@pytest.mark.parametrize("name", ["people:accreditation", "people:roles"])
def test_others_are_refused(client_for, name, outsider, reviewer):
    for person in (outsider, reviewer):
        assert client_for(person).get(reverse(name)).status_code == 403
    response = client_for(None).get(reverse(name))
    assert response.status_code == 302 and "sign-in" in response["Location"]
