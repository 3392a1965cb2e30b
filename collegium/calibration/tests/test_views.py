import pytest
from django.urls import reverse

from collegium.calibration.models import CalibrationPack, Invitation, PackItem
from collegium.calibration.tests.conftest import items, strand

Status = CalibrationPack.Status


def test_moderator_creates_a_pack(client_for, moderator, framework_version):
    response = client_for(moderator).post(
        reverse("calibration:packs"),
        {"title": "Spring calibration", "framework_version": framework_version.pk},
    )
    pack = CalibrationPack.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("calibration:pack", args=[pack.pk])
    assert (pack.title, pack.status, pack.created_by) == (
        "Spring calibration",
        Status.DRAFT,
        moderator,
    )


def test_invalid_pack_changes_nothing(client_for, moderator):
    response = client_for(moderator).post(reverse("calibration:packs"), {"title": ""})
    assert response.status_code == 400
    assert "Enter a title for the exercise" in response.content.decode()
    assert not CalibrationPack.objects.exists()


def test_pack_page_asks_for_anonymised_evidence(client_for, moderator, draft_pack):
    page = client_for(moderator).get(reverse("calibration:pack", args=[draft_pack.pk]))
    text = page.content.decode()
    assert "Remove the names of schools, staff and pupils" in text
    assert "Evidence for A1S2" in text


def test_moderator_adds_changes_and_removes_items(
    client_for, moderator, draft_pack, framework_version
):
    client = client_for(moderator)
    a2s1 = strand(framework_version, "A2S1")
    client.post(
        reverse("calibration:pack", args=[draft_pack.pk]),
        {"strand": a2s1.pk, "evidence": "A new extract", "reference_level": "3"},
    )
    added = draft_pack.items.get(strand=a2s1)
    assert added.reference_level == 3
    client.post(
        reverse("calibration:item", args=[added.pk]),
        {"strand": a2s1.pk, "evidence": "Rewritten", "reference_level": "4"},
    )
    added.refresh_from_db()
    assert (added.evidence, added.reference_level) == ("Rewritten", 4)
    client.post(reverse("calibration:remove_item", args=[added.pk]))
    assert not PackItem.objects.filter(pk=added.pk).exists()


def test_invalid_item_changes_nothing(client_for, moderator, draft_pack, framework_version):
    response = client_for(moderator).post(
        reverse("calibration:pack", args=[draft_pack.pk]),
        {"strand": strand(framework_version, "A1S1").pk, "evidence": ""},
    )
    assert response.status_code == 400
    assert "Enter the anonymised evidence" in response.content.decode()
    assert draft_pack.items.count() == 3


def test_open_invite_and_close(client_for, moderator, draft_pack, reviewer):
    client = client_for(moderator)
    client.post(reverse("calibration:open", args=[draft_pack.pk]))
    draft_pack.refresh_from_db()
    assert draft_pack.status == Status.OPEN
    invite_page = client.get(reverse("calibration:invite", args=[draft_pack.pk]))
    assert "Rhys Reviewer" in invite_page.content.decode()
    client.post(
        reverse("calibration:invite", args=[draft_pack.pk]),
        {"reviewers": [reviewer.reviewer_profile.pk]},
    )
    assert Invitation.objects.filter(pack=draft_pack, reviewer__user=reviewer).exists()
    client.post(reverse("calibration:close", args=[draft_pack.pk]))
    draft_pack.refresh_from_db()
    assert draft_pack.status == Status.CLOSED


def test_refused_open_shows_why_and_changes_nothing(client_for, moderator, framework_version):
    client = client_for(moderator)
    client.post(
        reverse("calibration:packs"), {"title": "Empty", "framework_version": framework_version.pk}
    )
    pack = CalibrationPack.objects.get()
    response = client.post(reverse("calibration:open", args=[pack.pk]))
    assert response.status_code == 400
    assert "Add at least one item before opening the exercise" in response.content.decode()
    pack.refresh_from_db()
    assert pack.status == Status.DRAFT


def test_results_page(client_for, moderator, open_pack, reviewer):
    invitation = Invitation.objects.get(pack=open_pack, reviewer__user=reviewer)
    client_for(reviewer).post(
        reverse("calibration:grade", args=[invitation.pk]),
        {f"level_{item.pk}": "1" for item in items(open_pack)},
    )
    text = client_for(moderator).get(reverse("calibration:results", args=[open_pack.pk]))
    body = text.content.decode()
    assert "Grades submitted: 1 of 2 reviewers invited" in body
    assert "Rhys Reviewer" in body
    assert "2 of 3 (67%)" in body  # A1S2's reference is 2; Rhys chose 1


MODERATOR_PAGES = [
    ("calibration:packs", False),
    ("calibration:pack", True),
    ("calibration:invite", True),
    ("calibration:results", True),
]


@pytest.mark.parametrize(("name", "with_pk"), MODERATOR_PAGES)
@pytest.mark.parametrize("persona", ["outsider", "school_leader", "reviewer"])
def test_others_are_refused_moderator_pages(
    request, client_for, draft_pack, name, with_pk, persona
):
    user = request.getfixturevalue(persona)
    url = reverse(name, args=[draft_pack.pk] if with_pk else [])
    assert client_for(user).get(url).status_code == 403


def test_anonymous_is_sent_to_sign_in(client_for, draft_pack):
    response = client_for(None).get(reverse("calibration:pack", args=[draft_pack.pk]))
    assert response.status_code == 302
    assert "sign-in" in response.url


def test_refused_posts_change_nothing(client_for, school_leader, draft_pack, framework_version):
    client = client_for(school_leader)
    item = items(draft_pack)[0]
    posts = [
        (reverse("calibration:open", args=[draft_pack.pk]), {}),
        (reverse("calibration:remove_item", args=[item.pk]), {}),
        (reverse("calibration:item", args=[item.pk]), {"strand": item.strand_id, "evidence": "x"}),
        (reverse("calibration:packs"), {"title": "X", "framework_version": framework_version.pk}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403
    draft_pack.refresh_from_db()
    item.refresh_from_db()
    assert draft_pack.status == Status.DRAFT
    assert item.evidence == "Evidence for A1S1"
    assert CalibrationPack.objects.count() == 1
