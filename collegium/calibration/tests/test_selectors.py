import pytest

from collegium.calibration import selectors, services
from collegium.calibration.demo import load_demo_calibration
from collegium.calibration.models import CalibrationPack, Invitation
from collegium.calibration.tests.conftest import items, strand
from collegium.people.models import ReviewerProfile
from conftest import make_user


@pytest.fixture
def third(school_d) -> ReviewerProfile:
    user = make_user("Tess Third")
    return ReviewerProfile.objects.create(
        user=user, home_school=school_d, job_title="Head", years_in_senior_leadership=3
    )


@pytest.fixture
def graded(moderator, framework_version, reviewer, lead_reviewer, third) -> CalibrationPack:
    """References 1, 2, 3; Rhys grades 1, 2, 3; Lena 2, 3, 3; Tess 2, 2, 4."""
    pack = services.create_pack(moderator, framework_version, "Hand-checked")
    for code, level in (("A1S1", 1), ("A1S2", 2), ("A2S1", 3)):
        services.add_item(moderator, pack, strand(framework_version, code), code, level)
    services.open_pack(moderator, pack)
    people = [reviewer.reviewer_profile, lead_reviewer.reviewer_profile, third]
    services.invite(moderator, pack, people)
    for profile, values in zip(people, ([1, 2, 3], [2, 3, 3], [2, 2, 4]), strict=True):
        invitation = Invitation.objects.get(pack=pack, reviewer=profile)
        levels = {item.pk: v for item, v in zip(items(pack), values, strict=True)}
        services.submit_grades(profile.user, invitation, levels)
    return pack


def test_results_per_item(graded):
    rows, _ = selectors.results(graded)
    first = rows[0]
    assert first.reference_label == "Leading"
    assert first.counts == [
        ("Leading", 1),
        ("Effective", 2),
        ("Working towards", 0),
        ("Ineffective", 0),
    ]
    assert [row.median for row in rows] == [2, 2, 3]


def test_results_per_reviewer(graded):
    _, reviewers = selectors.results(graded)
    by_name = {str(row.invitation.reviewer): row for row in reviewers}
    rhys, lena, tess = by_name["Rhys Reviewer"], by_name["Lena Lead"], by_name["Tess Third"]
    assert (rhys.exact, rhys.graded, rhys.agreement) == (3, 3, 100)
    assert rhys.mean_from_reference == 0
    assert lena.exact == 1 and lena.mean_from_reference == pytest.approx(2 / 3)
    assert tess.exact == 1 and tess.mean_from_reference == pytest.approx(2 / 3)
    # Medians 2, 2, 3: each reviewer is one level off the median on one item.
    assert [r.mean_from_median for r in (rhys, lena, tess)] == [pytest.approx(1 / 3)] * 3


def test_results_leave_out_unsubmitted_invitations(moderator, open_pack):
    rows, reviewers = selectors.results(open_pack)
    assert reviewers == []
    assert all(count == 0 for row in rows for _, count in row.counts)


def test_calibration_ratings_convert_levels_to_larger_is_better(graded, reviewer):
    frame = selectors.calibration_ratings()
    assert list(frame.columns) == ["school", "reviewer", "strand", "value", "pack", "submitted_at"]
    assert len(frame) == 9
    assert set(frame["school"]) == {f"pack-{graded.pk}"}
    mine = frame[frame["reviewer"] == reviewer.reviewer_profile.pk].sort_values("strand")
    assert list(mine["value"]) == [4, 3, 2]  # levels 1, 2, 3 on a 4-level scale


def test_calibration_ratings_leave_out_met_items_and_unsubmitted(
    open_pack, reviewer, framework_version
):
    invitation = Invitation.objects.get(pack=open_pack, reviewer__user=reviewer)
    levels = {item.pk: 2 for item in items(open_pack)}
    services.submit_grades(reviewer, invitation, levels)
    frame = selectors.calibration_ratings()
    assert len(frame) == 2  # the A2S2 met / not met item is left out; Lena has not submitted
    assert strand(framework_version, "A2S2").pk not in set(frame["strand"])


def test_calibration_ratings_empty(db):
    assert list(selectors.calibration_ratings().columns) == selectors.RATING_COLUMNS


def test_demo_pack(db, moderator, framework_version, reviewer, lead_reviewer, third):
    people = [reviewer.reviewer_profile, lead_reviewer.reviewer_profile, third]
    pack = load_demo_calibration(moderator, framework_version, people)
    assert pack.status == CalibrationPack.Status.OPEN
    assert pack.items.count() == 4
    assert not pack.items.filter(reference_level__isnull=True).exists()
    submitted = pack.invitations.filter(submitted_at__isnull=False).count()
    assert (pack.invitations.count(), submitted) == (3, 2)
