"""No school's answers can be read off the results: every figure needs at least 5 answers, and no
figure can be subtracted from another (over time, or the network minus one lead) to leave fewer
than 5 answers."""

from html import unescape

import pytest
from django.urls import reverse

from collegium.reviews.models import TeamMember
from collegium.surveys.selectors import lead_results, network_results
from collegium.surveys.tests.helpers import accredited_lead, agreed_review, answer

NETWORK = reverse("surveys:results")


def lead_page(user) -> str:
    return reverse("surveys:lead-results", args=[user.reviewer_profile.pk])


@pytest.fixture
def leads(lead_reviewer, school_b, school_c, moderator):
    return [
        lead_reviewer,
        accredited_lead("Omar Otherlead", school_b, moderator),
        accredited_lead("Tia Thirdlead", school_c, moderator),
    ]


def answers_for(lead, version, how_many: int, conduct: int = 4) -> None:
    for _ in range(how_many):
        answer(agreed_review(lead, version), conduct)


def test_network_means_are_not_shown_below_five_answers(
    lead_reviewer, framework_version, client_for
):
    answers_for(lead_reviewer, framework_version, 1, conduct=2)
    assert network_results().questions == []
    text = unescape(client_for(lead_reviewer).get(NETWORK).text)
    assert "2.0" not in text and "Mean rating across the network" not in text


def test_one_new_answer_cannot_be_read_as_a_difference_of_two_means(
    leads, framework_version, client_for
):
    for lead in leads:
        answers_for(lead, framework_version, 5)
    lena = leads[0]
    newest = agreed_review(lena, framework_version)
    before = (network_results(), lead_results(lena.reviewer_profile))
    pages = main_texts(client_for(lena), lena)
    answer(newest, 1)  # the newest school's answer
    after = (network_results(), lead_results(lena.reviewer_profile))
    assert [r.questions for r in after] == [r.questions for r in before]
    assert before[0].questions != []  # the figures were shown, and did not move
    assert main_texts(client_for(lena), lena) == pages


def main_texts(client, lead) -> list[str]:
    """What the network page and the lead's page say, without their forms' one-time tokens."""
    texts = [unescape(client.get(url).text) for url in (NETWORK, lead_page(lead))]
    return [text[text.index("<main") : text.index("</main>")] for text in texts]


def test_a_batch_of_five_new_answers_moves_the_figures(leads, framework_version):
    for lead in leads:
        answers_for(lead, framework_version, 5)
    lena = leads[0].reviewer_profile
    answers_for(leads[0], framework_version, 5, conduct=1)
    results = lead_results(lena)
    assert results.included == 10 and results.questions[0].mean == pytest.approx(2.5)
    network = network_results()
    assert network.included == 20 and network.questions[0].mean == pytest.approx(3.25)


def test_a_lead_does_not_see_how_many_schools_answered_below_five(
    lead_reviewer, framework_version, client_for
):
    answers_for(lead_reviewer, framework_version, 4)
    text = client_for(lead_reviewer).get(lead_page(lead_reviewer)).text
    assert "Results are shown once at least 5 schools have answered" in text
    assert "4 so far" not in text and "4 schools" not in text


def test_network_figures_need_three_leads_with_results(leads, framework_version, client_for):
    """With two, a lead's own results subtracted from the network's are the other lead's."""
    lena, omar, tia = leads
    answers_for(lena, framework_version, 5, conduct=5)
    answers_for(omar, framework_version, 5, conduct=1)
    answers_for(tia, framework_version, 4, conduct=1)
    assert network_results().questions == []
    text = main_texts(client_for(lena), lena)[0]
    assert "3.0" not in text
    assert "once at least 3 lead reviewers have results" in text
    answer(agreed_review(tia, framework_version), 1)
    assert network_results().questions[0].mean == pytest.approx(7 / 3)


def test_the_number_of_schools_that_answered_is_shown_in_fives(
    lead_reviewer, framework_version, client_for
):
    answers_for(lead_reviewer, framework_version, 9)
    agreed_review(lead_reviewer, framework_version)  # 10 reviews with agreed judgements
    text = unescape(client_for(lead_reviewer).get(NETWORK).text)
    assert "5 to 9" in text and "At least 50%" in text
    assert ">9<" not in text and "90%" not in text


def test_fewer_than_five_answers_are_not_counted_on_the_network_page(
    lead_reviewer, framework_version, client_for
):
    answers_for(lead_reviewer, framework_version, 3)
    text = unescape(client_for(lead_reviewer).get(NETWORK).text)
    assert "Fewer than 5" in text and "%" not in text.split("Response rate")[1][:200]


def test_an_answer_counts_once_for_its_lead_whoever_else_was_on_the_team(
    leads, reviewer, framework_version
):
    for lead in leads:
        answers_for(lead, framework_version, 5)
    for survey_review in leads[0].reviewer_profile.team_places.values_list("review", flat=True):
        TeamMember.objects.create(
            review_id=survey_review, reviewer=reviewer.reviewer_profile, role="peer"
        )
    assert network_results().included == 15
    assert lead_results(reviewer.reviewer_profile).included == 0
