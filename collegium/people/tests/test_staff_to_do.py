"""A head is told, and asked on their home page, to approve the days of a member of staff who
joins the reviewer register: nobody can place them on a team until then."""

from html import unescape

from django.urls import reverse

from collegium.notifications.models import Notification
from collegium.people.dates import current_academic_year
from collegium.people.models import ReviewerProfile, Role
from collegium.people.services.capacity import approve_days
from collegium.people.services.register import register_reviewer
from conftest import grant, make_user

TO_DO = "Approve the days Hana Homestaff may spend reviewing this year (Ash Primary School)"


def test_the_head_is_told_and_asked_until_the_days_are_approved(
    client_for, school_a, school_leader, governor, outsider, la, school_b
):
    head_of_b = grant(make_user("Bo Beech"), Role.SCHOOL_LEADER, school=school_b)
    hana = make_user("Hana Homestaff")
    register_reviewer(
        hana,
        home_school=school_a,
        job_title="Assistant head",
        phases=["primary"],
        subjects=["Science"],
        years_in_senior_leadership=3,
    )
    profile = ReviewerProfile.objects.get(user=hana)
    approve_url = reverse("people:approve-days", args=[profile.pk])

    (told,) = Notification.objects.filter(event="staff-registered")
    assert told.recipient == school_leader
    assert told.subject == "Approve reviewing days for Hana Homestaff"
    assert told.link.endswith(approve_url)

    home = unescape(client_for(school_leader).get("/").text)
    assert TO_DO in home and f'href="{approve_url}"' in home
    assert client_for(school_leader).get(approve_url).status_code == 200
    for other in (head_of_b, governor, outsider, hana):
        assert TO_DO not in unescape(client_for(other).get("/").text)
        assert client_for(other).get(approve_url).status_code in (403, 404)

    approve_days(school_leader, profile, academic_year=current_academic_year(), days=5)
    assert TO_DO not in unescape(client_for(school_leader).get("/").text)


def test_a_head_who_reviews_is_not_asked_to_approve_their_own_days(client_for, school_leader):
    ReviewerProfile.objects.create(
        user=school_leader,
        home_school_id=school_leader.role_grants.get().school_id,
        job_title="Headteacher",
        phases=["primary"],
        subjects=[],
        years_in_senior_leadership=9,
    )
    assert "may spend reviewing" not in unescape(client_for(school_leader).get("/").text)
