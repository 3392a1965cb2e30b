"""Results: per lead only from 5 answers, the network's means and response rate (the rules
against differencing are in test_disclosure.py)."""

import pytest

from collegium.reviews.models import Review, TeamMember
from collegium.surveys.selectors import lead_results, leads_with_results, network_results
from collegium.surveys.tests.helpers import accredited_lead, agreed_review, answer


@pytest.fixture
def other_lead(school_b, moderator):
    return accredited_lead("Omar Otherlead", school_b, moderator)


@pytest.fixture
def third_lead(school_c, moderator):
    return accredited_lead("Tia Thirdlead", school_c, moderator)


def answered_reviews(lead, version, ratings):
    for row in ratings:
        answer(agreed_review(lead, version), *row)


def test_four_answers_are_not_shown(lead_reviewer, framework_version):
    answered_reviews(lead_reviewer, framework_version, [(5,)] * 4)
    results = lead_results(lead_reviewer.reviewer_profile)
    assert results.included == 0 and not results.shown and results.questions == []
    assert results.waiting_message == "Results are shown once at least 5 schools have answered"


def test_five_answers_show_means_and_distribution(lead_reviewer, framework_version):
    answered_reviews(lead_reviewer, framework_version, [(5, 1), (5, 2), (4, 2), (3, 5), (1, 5)])
    results = lead_results(lead_reviewer.reviewer_profile)
    assert results.shown and results.included == 5
    conduct, workload, usefulness, _ = results.questions
    assert conduct.mean == pytest.approx(3.6) and workload.mean == pytest.approx(3.0)
    assert [n for _, n in conduct.counts] == [1, 0, 1, 1, 2]
    assert workload.counts[0] == ("Strongly disagree", 1) and workload.counts[4][1] == 2
    assert usefulness.mean == 4.0  # the helper's default answer


def test_only_reviews_they_led_count(lead_reviewer, reviewer, framework_version):
    answered_reviews(lead_reviewer, framework_version, [(5,)] * 5)
    # As a peer on someone else's review, the answer is about that review's lead.
    led_by_other = agreed_review(reviewer, framework_version)
    TeamMember.objects.create(
        review=led_by_other, reviewer=lead_reviewer.reviewer_profile, role=TeamMember.Role.PEER
    )
    answered_reviews(reviewer, framework_version, [(1,)] * 4)
    answer(led_by_other, 1)
    assert lead_results(lead_reviewer.reviewer_profile).included == 5
    assert lead_results(lead_reviewer.reviewer_profile).questions[0].mean == 5
    assert lead_results(reviewer.reviewer_profile).included == 5


def test_network_means_count_and_response_rate(
    lead_reviewer, other_lead, third_lead, framework_version
):
    answered_reviews(lead_reviewer, framework_version, [(5, 4)] * 5)
    for _ in range(5):
        answer(agreed_review(other_lead, framework_version, status=Review.Status.CLOSED), 2, 1)
    answered_reviews(third_lead, framework_version, [(2, 1)] * 6)  # one waits for its batch
    agreed_review(other_lead, framework_version)  # agreed, not answered yet
    agreed_review(other_lead, framework_version, status=Review.Status.VISIT)  # not counted
    network = network_results()
    assert network.responses == 16 and network.eligible_reviews == 17
    assert network.included == 15 and network.responses_band == "15 to 19"
    assert network.response_rate == pytest.approx(15 / 17)
    assert network.questions[0].mean == pytest.approx(3.0)
    assert network.questions[1].mean == pytest.approx(2.0)


def test_no_agreed_review_means_no_response_rate(db):
    network = network_results()
    assert network.responses == 0 and network.response_rate is None
    assert network.questions == [] and network.responses_band == "Fewer than 5"


def test_leads_listed_only_with_five_answers_and_only_to_those_who_may_read(
    lead_reviewer, other_lead, moderator, framework_version
):
    answered_reviews(lead_reviewer, framework_version, [(4,)] * 5)
    answered_reviews(other_lead, framework_version, [(4,)] * 4)
    assert leads_with_results(moderator) == [(lead_reviewer.reviewer_profile, 5)]
    assert leads_with_results(lead_reviewer) == [(lead_reviewer.reviewer_profile, 5)]
    answer(agreed_review(other_lead, framework_version), 3)
    assert len(leads_with_results(moderator)) == 2
    assert leads_with_results(lead_reviewer) == [(lead_reviewer.reviewer_profile, 5)]
    assert leads_with_results(other_lead) == [(other_lead.reviewer_profile, 5)]
