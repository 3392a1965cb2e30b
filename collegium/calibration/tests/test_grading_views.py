from django.urls import reverse

from collegium.calibration import services
from collegium.calibration.models import Grade, Invitation
from collegium.calibration.tests.conftest import items
from collegium.frameworks.models import LevelDescriptor


def _grade_all(client, invitation, levels):
    data = {
        f"level_{item.pk}": str(level)
        for item, level in zip(items(invitation.pack), levels, strict=True)
    }
    return client.post(reverse("calibration:grade", args=[invitation.pk]), data)


def test_my_exercises_lists_only_my_invitations(client_for, reviewer, open_pack):
    page = client_for(reviewer).get(reverse("calibration:mine"))
    text = page.content.decode()
    assert "Autumn calibration" in text
    assert "To do" in text


def test_reviewer_grades_and_then_sees_the_reference(client_for, reviewer, open_pack):
    invitation = Invitation.objects.get(pack=open_pack, reviewer__user=reviewer)
    client = client_for(reviewer)
    before = client.get(reverse("calibration:grade", args=[invitation.pk])).content.decode()
    assert "Evidence for A1S1" in before
    assert "Reference level" not in before
    response = _grade_all(client, invitation, [2, 2, 1])
    assert response.status_code == 302
    after = client.get(reverse("calibration:grade", args=[invitation.pk])).content.decode()
    assert "Reference level" in after
    assert "How the group graded" in after
    assert Grade.objects.filter(invitation=invitation).count() == 3


def test_reviewer_does_not_see_others_grades_before_submitting(
    client_for, reviewer, lead_reviewer, open_pack
):
    lead_invitation = Invitation.objects.get(pack=open_pack, reviewer__user=lead_reviewer)
    levels = {item.pk: 4 if not item.strand.met_or_not_met else 2 for item in items(open_pack)}
    services.submit_grades(lead_reviewer, lead_invitation, levels)
    invitation = Invitation.objects.get(pack=open_pack, reviewer__user=reviewer)
    text = client_for(reviewer).get(reverse("calibration:grade", args=[invitation.pk]))
    body = text.content.decode()
    assert "How the group graded" not in body
    assert "Ineffective: 1" not in body


def test_another_reviewers_invitation_is_not_found(client_for, reviewer, lead_reviewer, open_pack):
    lead_invitation = Invitation.objects.get(pack=open_pack, reviewer__user=lead_reviewer)
    client = client_for(reviewer)
    url = reverse("calibration:grade", args=[lead_invitation.pk])
    assert client.get(url).status_code == 404
    assert _grade_all(client, lead_invitation, [1, 1, 1]).status_code == 404
    assert client_for(None).get(url).status_code == 302
    lead_invitation.refresh_from_db()
    assert lead_invitation.submitted_at is None


def test_moderator_and_outsider_cannot_open_an_invitation(
    client_for, moderator, outsider, open_pack
):
    invitation = open_pack.invitations.first()
    for user in (moderator, outsider):
        assert (
            client_for(user).get(reverse("calibration:grade", args=[invitation.pk])).status_code
            == 404
        )
    assert client_for(outsider).get(reverse("calibration:mine")).status_code == 403


def test_incomplete_grades_change_nothing(client_for, reviewer, open_pack):
    invitation = Invitation.objects.get(pack=open_pack, reviewer__user=reviewer)
    first = items(open_pack)[0]
    response = client_for(reviewer).post(
        reverse("calibration:grade", args=[invitation.pk]), {f"level_{first.pk}": "1"}
    )
    assert response.status_code == 400
    assert "Choose a level for item 2" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.submitted_at is None
    assert not Grade.objects.exists()


def test_second_submission_is_refused(client_for, reviewer, open_pack):
    invitation = Invitation.objects.get(pack=open_pack, reviewer__user=reviewer)
    client = client_for(reviewer)
    _grade_all(client, invitation, [1, 1, 1])
    response = _grade_all(client, invitation, [2, 2, 2])
    assert response.status_code == 400
    assert "You have already submitted your grades" in response.content.decode()
    assert sorted(invitation.grades.values_list("level", flat=True)) == [1, 1, 1]


def test_closed_exercise_refuses_grades(client_for, moderator, reviewer, open_pack):
    services.close_pack(moderator, open_pack)
    invitation = Invitation.objects.get(pack=open_pack, reviewer__user=reviewer)
    response = _grade_all(client_for(reviewer), invitation, [1, 1, 1])
    assert response.status_code == 400
    assert "This exercise has closed" in response.content.decode()
    assert not Grade.objects.exists()


def test_level_descriptors_show_as_hints(client_for, reviewer, open_pack):
    first = items(open_pack)[0]
    LevelDescriptor.objects.create(strand=first.strand, level=1, text="Consistently strong")
    invitation = Invitation.objects.get(pack=open_pack, reviewer__user=reviewer)
    page = client_for(reviewer).get(reverse("calibration:grade", args=[invitation.pk]))
    assert "Consistently strong" in page.content.decode()
