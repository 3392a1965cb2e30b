"""The notifications of the reviewer register: a school's leaders hear when one of their staff
joins it, as nobody can place them on a team until the school approves their days."""

from collegium.links import site_link
from collegium.notifications.services import notify
from collegium.people.models import ReviewerProfile
from collegium.people.selectors import school_leaders


def staff_registered(profile: ReviewerProfile) -> None:
    school = profile.home_school
    leaders = [leader for leader in school_leaders(school.pk) if leader.pk != profile.user_id]
    notify(
        leaders,
        "staff-registered",
        subject=f"Approve reviewing days for {profile.user.full_name}",
        context={"profile": profile, "school": school},
        link=site_link("people:approve-days", profile.pk),
    )
