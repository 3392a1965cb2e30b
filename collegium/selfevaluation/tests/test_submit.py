"""Checking the answers and submitting; the read-only view once submitted."""

from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.selfevaluation.models import SelfEvaluation
from collegium.selfevaluation.tests.conftest import complete, text_of


def check_url(se) -> str:
    return reverse("selfevaluation:check", args=[se.school_id, se.academic_year])


def detail(se) -> str:
    return reverse("selfevaluation:detail", args=[se.school_id, se.academic_year])


def test_check_page_shows_the_answers_and_what_is_still_missing(client_for, school_leader, draft):
    page = text_of(client_for(school_leader).get(check_url(draft)))
    assert "Check your self-evaluation before you submit it" in page
    assert "You still need to complete these strands" in page
    assert "A2S2 Strand 2.2</a> needs a rating and a narrative" in page


def test_submitting_an_incomplete_self_evaluation_is_refused(client_for, school_leader, draft):
    response = client_for(school_leader).post(check_url(draft))
    assert response.status_code == 400
    assert "A1S1 Strand 1.1 needs a rating and a narrative" in text_of(response)
    draft.refresh_from_db()
    assert draft.status == SelfEvaluation.Status.DRAFT


def test_the_head_submits_and_then_reads_it_unchangeable(client_for, school_leader, draft):
    complete(draft, school_leader)
    client = client_for(school_leader)
    page = text_of(client.get(check_url(draft)))
    assert "You still need to complete" not in page and "Change" in page
    response = client.post(check_url(draft))
    assert response["Location"] == detail(draft)
    draft.refresh_from_db()
    assert draft.status == SelfEvaluation.Status.SUBMITTED
    page = text_of(client.get(detail(draft)))
    assert f"Your self-evaluation for {draft.year_label} has been submitted" in page
    assert "Submitted on" in page and "by Sam Leader" in page
    assert "About A1S1" in page and "Effective" in page and "Met" in page
    assert "Check and submit" not in page and ">Change<" not in page
    assert client.get(check_url(draft))["Location"] == detail(draft)


def test_submitting_twice_is_refused_with_a_reason(client_for, school_leader, submitted):
    response = client_for(school_leader).post(check_url(submitted))
    assert response.status_code == 400 and "can no longer be changed" in text_of(response)
    assert AuditEvent.objects.filter(action=verbs.SELF_EVALUATION_SUBMITTED).count() == 1


def test_a_governor_reads_but_may_not_submit(client_for, governor, school_leader, draft):
    complete(draft, school_leader)
    page = text_of(client_for(governor).get(detail(draft)))
    assert "This self-evaluation is a draft" in page and "About A1S1" in page
    assert "Check and submit" not in page
    assert client_for(governor).post(check_url(draft)).status_code == 403
    draft.refresh_from_db()
    assert draft.status == SelfEvaluation.Status.DRAFT


def test_outsiders_and_other_schools_are_refused(
    client_for, outsider, leader_of_b, reviewer, school_leader, draft
):
    complete(draft, school_leader)
    for person in (outsider, leader_of_b, reviewer):
        assert client_for(person).get(detail(draft)).status_code == 403
        assert client_for(person).post(check_url(draft)).status_code == 403
    response = client_for(None).post(check_url(draft))
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    draft.refresh_from_db()
    assert draft.status == SelfEvaluation.Status.DRAFT


def test_a_moderator_reads_any_schools_self_evaluation(client_for, moderator, submitted):
    assert "About A1S1" in text_of(client_for(moderator).get(detail(submitted)))


def test_a_year_without_a_self_evaluation_is_not_found(client_for, school_leader, school_a):
    missing = reverse("selfevaluation:detail", args=[school_a.pk, 1999])
    assert client_for(school_leader).get(missing).status_code == 404
