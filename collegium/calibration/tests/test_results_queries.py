"""The results of a calibration exercise (items × reviewers) make the same number of queries
for three times the items and reviewers; only moderators open them."""

from django.urls import reverse
from django.utils import timezone

from collegium.calibration import services
from collegium.calibration.models import CalibrationPack, Grade, Invitation, PackItem
from collegium.calibration.tests.conftest import strand
from collegium.people.models import ReviewerProfile
from collegium.schools.models import Phase
from conftest import make_user
from tests.pages import query_count


def grow(pack: CalibrationPack, school, items: int, reviewers: int) -> None:
    """`items` more items and `reviewers` more reviewers who graded every item and submitted."""
    codes = ["A1S1", "A1S2", "A2S1"]
    start = PackItem.objects.filter(pack=pack).count()
    for n in range(start, start + items):
        PackItem.objects.create(
            pack=pack,
            strand=strand(pack.framework_version, codes[n % 3]),
            evidence=f"Evidence {n}",
            reference_level=1 + n % 3,
        )
    start = Invitation.objects.filter(pack=pack).count()
    for n in range(start, start + reviewers):
        profile = ReviewerProfile.objects.create(
            user=make_user(f"Grader {n:03}"),
            home_school=school,
            job_title="Deputy head",
            phases=[Phase.PRIMARY],
            years_in_senior_leadership=5,
        )
        invitation = Invitation.objects.create(
            pack=pack, reviewer=profile, submitted_at=timezone.now()
        )
    for invitation in Invitation.objects.filter(pack=pack):
        done = set(invitation.grades.values_list("item_id", flat=True))
        Grade.objects.bulk_create(
            Grade(invitation=invitation, item=item, level=1 + (item.pk + invitation.pk) % 3)
            for item in pack.items.exclude(pk__in=done)
        )


def test_the_results_make_as_many_queries_for_three_times_the_grid(
    client_for, moderator, framework_version, school_b, django_assert_max_num_queries
):
    pack = services.create_pack(moderator, framework_version, "Spring calibration")
    url = reverse("calibration:results", args=[pack.pk])
    client = client_for(moderator)
    grow(pack, school_b, 2, 3)
    few = query_count(client, url)
    grow(pack, school_b, 4, 6)
    with django_assert_max_num_queries(few):
        text = client.get(url).text
    assert "Grades submitted: 9 of 9" in text and "Grader 008" in text and "Item 6:" in text


def test_others_are_refused(client_for, moderator, framework_version, school_b, reviewer, outsider):
    pack = services.create_pack(moderator, framework_version, "Spring calibration")
    grow(pack, school_b, 1, 1)
    url = reverse("calibration:results", args=[pack.pk])
    for person in (reviewer, outsider):
        assert client_for(person).get(url).status_code == 403
    response = client_for(None).get(url)
    assert response.status_code == 302 and "sign-in" in response["Location"]
