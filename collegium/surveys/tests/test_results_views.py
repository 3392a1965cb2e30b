"""Results pages: moderators read the network and every lead with 5 answers; a lead reads their
own; nobody else reads a lead's results."""

from html import unescape

import pytest
from django.urls import reverse

from collegium.surveys.models import ReviewSurvey
from collegium.surveys.tests.helpers import accredited_lead, agreed_review, answer

NETWORK = reverse("surveys:results")


def lead_page(user):
    return reverse("surveys:lead-results", args=[user.reviewer_profile.pk])


@pytest.fixture
def other_lead(school_b, moderator):
    return accredited_lead("Omar Otherlead", school_b, moderator)


@pytest.fixture
def answered(lead_reviewer, other_lead, framework_version):
    """Five answers about Lena Lead's reviews, four about Omar Otherlead's, one unanswered."""
    for conduct in (5, 5, 5, 4, 2):
        answer(agreed_review(lead_reviewer, framework_version), conduct)
    for _ in range(4):
        answer(agreed_review(other_lead, framework_version), 1)
    agreed_review(other_lead, framework_version)


def test_moderator_reads_the_network_and_leads_with_five_answers(client_for, moderator, answered):
    text = unescape(client_for(moderator).get(NETWORK).text)
    assert "Schools that answered" in text and "5 to 9" in text
    assert "At least 50%" in text  # 9 answers counted as 5, 10 agreed reviews
    assert "Mean rating across the network" not in text  # only one lead has results
    assert "Lena Lead" in text and "Omar Otherlead" not in text


def test_moderator_reads_a_lead_with_five_but_not_with_four(
    client_for, moderator, lead_reviewer, other_lead, answered
):
    client = client_for(moderator)
    shown = unescape(client.get(lead_page(lead_reviewer)).text)
    assert "How schools answered" in shown and "(mean 4.2)" in shown  # conduct
    hidden = client.get(lead_page(other_lead)).text
    assert "Results are shown once at least 5 schools have answered" in hidden
    assert "4 so far" not in hidden
    assert "How schools answered" not in hidden


def test_a_lead_reads_their_own_results_and_the_network(client_for, lead_reviewer, answered):
    client = client_for(lead_reviewer)
    assert "How schools answered" in client.get(lead_page(lead_reviewer)).text
    network = client.get(NETWORK).text
    assert "Your results as a lead reviewer" in network and lead_page(lead_reviewer) in network


def test_a_lead_cannot_read_another_leads_results(
    client_for, lead_reviewer, other_lead, framework_version, answered
):
    answer(agreed_review(other_lead, framework_version), 3)  # Omar now has 5
    assert client_for(lead_reviewer).get(lead_page(other_lead)).status_code == 403
    assert "Omar Otherlead" not in client_for(lead_reviewer).get(NETWORK).text
    assert client_for(other_lead).get(lead_page(lead_reviewer)).status_code == 403


def test_others_are_refused(
    client_for, outsider, school_leader, governor, reviewer, coordinator, lead_reviewer, answered
):
    for person in (outsider, school_leader, governor, reviewer, coordinator):
        client = client_for(person)
        assert client.get(NETWORK).status_code == 403
        assert client.get(lead_page(lead_reviewer)).status_code == 403
    for url in (NETWORK, lead_page(lead_reviewer)):
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_results_pages_change_nothing_on_post(client_for, moderator, lead_reviewer, answered):
    before = list(ReviewSurvey.objects.values_list("pk", "conduct"))
    client = client_for(moderator)
    for url in (NETWORK, lead_page(lead_reviewer)):
        assert client.post(url, {"conduct": "1"}).status_code == 405
    assert list(ReviewSurvey.objects.values_list("pk", "conduct")) == before


def test_an_unknown_lead_is_not_found(client_for, moderator):
    url = reverse("surveys:lead-results", args=[999999])
    assert client_for(moderator).get(url).status_code == 404
