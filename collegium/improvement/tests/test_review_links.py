"""The review's page leads to its improvement work, and its lead to the previous priority."""

from django.urls import reverse

from collegium.reviews.models import Review

PLAN_LINK = "Improvement workshop and action plan"
OUTCOME_LINK = "Outcome of the school's previous priority"


def page_for(client_for, user, review: Review) -> str:
    return client_for(user).get(reverse("reviews:detail", args=[review.pk])).content.decode()


def test_once_agreed_the_review_leads_to_its_improvement_work(
    client_for, agreed_review, school_leader, coordinator
):
    for user in (school_leader, coordinator):
        assert PLAN_LINK in page_for(client_for, user, agreed_review)


def test_before_the_judgements_are_agreed_there_is_no_improvement_work(
    client_for, review, school_leader
):
    assert PLAN_LINK not in page_for(client_for, school_leader, review)


def test_only_the_lead_records_the_previous_priority_during_the_visit(
    client_for, review, lead_reviewer, reviewer, school_leader
):
    Review.objects.filter(pk=review.pk).update(status=Review.Status.VISIT)
    assert OUTCOME_LINK in page_for(client_for, lead_reviewer, review)
    for refused in (reviewer, school_leader):
        assert OUTCOME_LINK not in page_for(client_for, refused, review)
