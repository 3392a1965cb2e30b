"""people:add-employment and people:add-past-review, and removing them."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.people.models import FormerEmployment, PastReview
from collegium.people.tests.helpers import is_sign_in_redirect, register_state, text_of

TOMORROW = (date.today() + timedelta(days=1)).isoformat()


@pytest.mark.django_db
def test_the_reviewer_adds_former_employment(client_for, reviewer, profile, school_c):
    url = reverse("people:add-employment", args=[profile.pk])
    response = client_for(reviewer).post(
        url, {"school": "900003", "left_on": "2024-07-19"}, follow=True
    )
    text = text_of(response)
    assert "The former employment has been added." in text
    assert "Cedar Academy 900003 They worked there until 19 July 2024" in text
    assert FormerEmployment.objects.get(reviewer=profile).school == school_c
    assert AuditEvent.objects.filter(action=verbs.FORMER_EMPLOYMENT_ADDED).exists()


@pytest.mark.django_db
def test_the_reviewer_adds_a_past_review(client_for, reviewer, profile, school_c):
    url = reverse("people:add-past-review", args=[profile.pk])
    data = {"school": "900003", "reviewed_on": "2025-03-12", "as_lead": "on"}
    client_for(reviewer).post(url, data)
    review = PastReview.objects.get(reviewer=profile)
    assert (review.school, review.reviewed_on, review.as_lead) == (
        school_c,
        date(2025, 3, 12),
        True,
    )
    public = text_of(client_for(None).get(reverse("people:profile", args=[profile.pk])))
    assert "Reviews done 1 (1 as lead reviewer)" in public


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "people:add-employment",
            {"school": "900003", "left_on": TOMORROW},
            "The date they left must be today or in the past",
        ),
        (
            "people:add-employment",
            {"school": "777777", "left_on": "2024-01-01"},
            "There is no school with URN 777777 in the register",
        ),
        (
            "people:add-past-review",
            {"school": "900003", "reviewed_on": TOMORROW},
            "The date of the review must be today or in the past",
        ),
        (
            "people:add-past-review",
            {"school": "900003", "reviewed_on": ""},
            "Enter the date of the review",
        ),
    ],
)
def test_invalid_input_changes_nothing(
    client_for, reviewer, profile, school_c, name, data, message
):
    before = register_state()
    response = client_for(reviewer).post(reverse(name, args=[profile.pk]), data)
    assert response.status_code == 400
    assert message in text_of(response)
    assert register_state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["people:add-employment", "people:add-past-review"])
def test_others_are_refused(client_for, profile, outsider, governor, school_c, name):
    before = register_state()
    url = reverse(name, args=[profile.pk])
    data = {"school": "900003", "left_on": "2024-01-01", "reviewed_on": "2024-01-01"}
    assert client_for(outsider).post(url, data).status_code == 403
    assert client_for(governor).post(url, data).status_code == 403
    assert is_sign_in_redirect(client_for(None).post(url, data))
    assert register_state() == before


@pytest.mark.django_db
def test_the_reviewer_removes_employment_and_reviews(client_for, reviewer, profile, school_c):
    job = FormerEmployment.objects.create(
        reviewer=profile, school=school_c, left_on=date(2024, 1, 1)
    )
    review = PastReview.objects.create(
        reviewer=profile, school=school_c, reviewed_on=date(2024, 2, 1)
    )
    client = client_for(reviewer)
    client.post(reverse("people:remove-item", args=[profile.pk, "employment", job.pk]))
    client.post(reverse("people:remove-item", args=[profile.pk, "review", review.pk]))
    assert not FormerEmployment.objects.exists() and not PastReview.objects.exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {verbs.FORMER_EMPLOYMENT_REMOVED, verbs.PAST_REVIEW_REMOVED} <= actions
