import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.calibration import services
from collegium.calibration.models import CalibrationPack, Grade, Invitation, PackItem
from collegium.calibration.tests.conftest import items, strand
from collegium.frameworks.models import Framework, FrameworkVersion

Status = CalibrationPack.Status


def test_lifecycle_draft_open_closed_is_audited(moderator, draft_pack):
    services.open_pack(moderator, draft_pack)
    services.close_pack(moderator, draft_pack)
    draft_pack.refresh_from_db()
    assert draft_pack.status == Status.CLOSED
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert verbs.CALIBRATION_CREATED in actions
    assert verbs.CALIBRATION_OPENED in actions
    assert verbs.CALIBRATION_CLOSED in actions


@pytest.mark.parametrize(
    ("start", "move", "message"),
    [
        (Status.DRAFT, services.close_pack, "Open the exercise before closing it"),
        (Status.OPEN, services.open_pack, "This exercise is already open"),
        (Status.CLOSED, services.open_pack, "This exercise has closed"),
        (Status.CLOSED, services.close_pack, "This exercise has closed"),
    ],
)
def test_refused_transitions(moderator, draft_pack, start, move, message):
    CalibrationPack.objects.filter(pk=draft_pack.pk).update(status=start)
    with pytest.raises(ValidationError, match=message):
        move(moderator, draft_pack)
    draft_pack.refresh_from_db()
    assert draft_pack.status == start


def test_open_needs_items_with_reference_levels(moderator, framework_version):
    pack = services.create_pack(moderator, framework_version, "Empty")
    with pytest.raises(ValidationError, match="Add at least one item"):
        services.open_pack(moderator, pack)
    services.add_item(moderator, pack, strand(framework_version, "A1S1"), "Evidence", None)
    with pytest.raises(ValidationError, match="Give every item a reference level"):
        services.open_pack(moderator, pack)
    pack.refresh_from_db()
    assert pack.status == Status.DRAFT


def test_ungraded_framework_cannot_be_calibrated(moderator):
    framework = Framework.objects.create(slug="enquiry", name="Enquiry framework")
    version = FrameworkVersion.objects.create(
        framework=framework, number=1, status=FrameworkVersion.Status.PUBLISHED
    )
    with pytest.raises(ValidationError, match="has no levels"):
        services.create_pack(moderator, version, "Not possible")
    assert not CalibrationPack.objects.exists()


def test_only_a_moderator_creates_packs(client_for, reviewer, framework_version):
    data = {"title": "Mine", "framework_version": framework_version.pk}
    assert client_for(reviewer).post(reverse("calibration:packs"), data).status_code == 403
    assert not CalibrationPack.objects.exists()


def test_items_change_only_in_draft(moderator, open_pack, framework_version):
    item = items(open_pack)[0]
    with pytest.raises(ValidationError, match="only be changed while the exercise is a draft"):
        services.change_item(moderator, item, item.strand, "New text", 2)
    with pytest.raises(ValidationError, match="only be changed while the exercise is a draft"):
        services.remove_item(moderator, item)
    with pytest.raises(ValidationError, match="only be changed while the exercise is a draft"):
        services.add_item(moderator, open_pack, item.strand, "More", 1)
    item.refresh_from_db()
    assert (item.evidence, item.reference_level) == ("Evidence for A1S1", 1)
    assert open_pack.items.count() == 3


def test_change_and_remove_item_in_draft(moderator, draft_pack):
    first, second, _ = items(draft_pack)
    services.change_item(moderator, first, first.strand, "Rewritten", 3)
    services.remove_item(moderator, second)
    first.refresh_from_db()
    assert (first.evidence, first.reference_level) == ("Rewritten", 3)
    assert not PackItem.objects.filter(pk=second.pk).exists()


def test_reference_level_must_be_on_the_strands_scale(moderator, draft_pack, framework_version):
    met = strand(framework_version, "A2S2")
    with pytest.raises(ValidationError, match="reference level on the scale of A2S2"):
        services.add_item(moderator, draft_pack, met, "Evidence", 3)
    assert draft_pack.items.count() == 3


def test_invite_skips_those_already_invited_and_refuses_when_closed(moderator, open_pack, reviewer):
    assert services.invite(moderator, open_pack, [reviewer.reviewer_profile]) == []
    services.close_pack(moderator, open_pack)
    with pytest.raises(ValidationError, match="has closed"):
        services.invite(moderator, open_pack, [reviewer.reviewer_profile])
    assert open_pack.invitations.count() == 2


def _levels(pack, values):
    return {item.pk: value for item, value in zip(items(pack), values, strict=True)}


def test_submit_grades_once_only(reviewer, open_pack):
    invitation = Invitation.objects.get(reviewer__user=reviewer)
    services.submit_grades(reviewer, invitation, _levels(open_pack, [1, 3, 2]))
    invitation.refresh_from_db()
    assert invitation.submitted_at is not None
    assert sorted(invitation.grades.values_list("level", flat=True)) == [1, 2, 3]
    with pytest.raises(ValidationError, match="You have already submitted your grades"):
        services.submit_grades(reviewer, invitation, _levels(open_pack, [2, 2, 2]))
    assert invitation.grades.count() == 3


def test_submit_needs_every_item_graded_on_its_scale(reviewer, open_pack):
    invitation = Invitation.objects.get(reviewer__user=reviewer)
    first, second, met = items(open_pack)
    with pytest.raises(ValidationError, match="Choose a level for A2S2"):
        services.submit_grades(reviewer, invitation, {first.pk: 1, second.pk: 1})
    with pytest.raises(ValidationError, match="Choose a level for A2S2"):
        services.submit_grades(reviewer, invitation, {first.pk: 1, second.pk: 1, met.pk: 3})
    assert not Grade.objects.exists()


def test_submit_refused_when_closed(moderator, reviewer, open_pack):
    invitation = Invitation.objects.get(reviewer__user=reviewer)
    services.close_pack(moderator, open_pack)
    with pytest.raises(ValidationError, match="This exercise has closed"):
        services.submit_grades(reviewer, invitation, _levels(open_pack, [1, 1, 1]))
    invitation.refresh_from_db()
    assert invitation.submitted_at is None
    assert not Grade.objects.exists()


def test_submit_refused_before_the_exercise_opens(moderator, reviewer, draft_pack):
    (invitation,) = services.invite(moderator, draft_pack, [reviewer.reviewer_profile])
    with pytest.raises(ValidationError, match="This exercise is not open yet"):
        services.submit_grades(reviewer, invitation, _levels(draft_pack, [1, 1, 1]))
    assert not Grade.objects.exists()
