"""The moderation outcome shows the school's self-evaluation only to those the access rule
review.read_self_evaluation allows: the school, the team and moderators."""

from django.urls import reverse

from collegium.people.dates import current_academic_year
from collegium.quality import services
from collegium.reports.models import Report
from collegium.selfevaluation.models import SelfEvaluation, StrandEvaluation

from .conftest import strands_of
from .test_services import moderate_all

SHOWN_TO = "Shown to the review team, the school and moderators"


def self_evaluate_as_ineffective(review) -> None:
    """The school rates two strands 4 (Ineffective): a label no agreed or moderated level has."""
    evaluation = SelfEvaluation.objects.create(
        school=review.school,
        academic_year=current_academic_year(review.start_date),
        framework_version=review.framework_version,
        status=SelfEvaluation.Status.SUBMITTED,
    )
    strands = strands_of(review)
    for code in ("A1S1", "A1S2"):
        StrandEvaluation.objects.create(self_evaluation=evaluation, strand=strands[code], level=4)


def moderated(review, moderator):
    self_evaluate_as_ineffective(review)
    moderate_all(review, moderator, adjust="A2S1")
    services.complete_moderation(moderator, review, "Secure judgements.")
    return reverse("quality:outcome", args=[review.pk])


def test_coordinator_and_network_admin_do_not_see_the_self_evaluation(
    agreed_review, moderator, coordinator, network_admin, client_for
):
    url = moderated(agreed_review, moderator)
    for person in (coordinator, network_admin):
        response = client_for(person).get(url)
        assert response.status_code == 200
        assert "Secure judgements." in response.text
        assert "Ineffective" not in response.text
        assert SHOWN_TO in response.text


def test_the_school_the_team_and_moderators_still_see_it(
    agreed_review, moderator, school_leader, reviewer, client_for
):
    url = moderated(agreed_review, moderator)
    for person in (school_leader, reviewer, moderator):
        page = client_for(person).get(url).text
        assert "Ineffective" in page and SHOWN_TO not in page


def test_the_moderation_page_shows_it_to_the_moderator_only(
    agreed_review, moderator, coordinator, client_for
):
    self_evaluate_as_ineffective(agreed_review)
    url = reverse("quality:moderate", args=[agreed_review.pk])
    assert "Ineffective" in client_for(moderator).get(url).text
    assert client_for(coordinator).get(url).status_code == 403


def test_a_coordinator_the_school_shared_the_report_with_sees_it(
    agreed_review, moderator, coordinator, client_for
):
    url = moderated(agreed_review, moderator)
    Report.objects.create(review=agreed_review, shared_with=[Report.Audience.COORDINATOR])
    page = client_for(coordinator).get(url).text
    assert "Ineffective" in page and SHOWN_TO not in page
