"""Demo data for review planning: a scheduled review with its team, focus and timetable, made
only through the planning services (so the demo obeys every rule a user would meet)."""

from datetime import date, time

from collegium.accounts.models import User
from collegium.clusters.models import Cluster
from collegium.frameworks.models import FrameworkVersion
from collegium.people.models import ReviewerProfile
from collegium.reviews.models import Activity, Review, TeamMember
from collegium.reviews.services.planning import schedule_review, set_focus
from collegium.reviews.services.planning_types import REVIEW_TYPES
from collegium.reviews.services.team import add_team_member
from collegium.reviews.services.timetable import add_activity
from collegium.schools.models import School

Kind = Activity.Kind

# (day, start, end, kind, subject, member of staff leading it, host leader, team place to send)
# A team place of 0 is the lead, 1 the first peer and so on (wrapping round a smaller team).
TIMETABLE: list[tuple[int, str, str, str, str, str, str, int]] = [
    (1, "08:30", "09:00", Kind.TEAM_MEETING, "", "", "", 0),
    (1, "09:15", "10:15", Kind.LEARNING_WALK, "", "", "The headteacher", 0),
    (1, "10:30", "11:30", Kind.DEEP_DIVE, "English", "Ms Amara Okafor", "", 1),
    (1, "11:45", "12:30", Kind.MEETING_PUPILS, "", "", "", 2),
    (1, "13:30", "14:30", Kind.MEETING_STAFF, "", "", "", 1),
    (1, "16:00", "17:00", Kind.TEAM_MEETING, "", "", "", 0),
    (2, "08:45", "09:45", Kind.LESSON_VISIT, "", "", "Deputy headteacher", 1),
    (2, "10:00", "11:00", Kind.DEEP_DIVE, "Mathematics", "Mr Daniel Hughes", "", 2),
    (2, "11:15", "12:15", Kind.WORK_SCRUTINY, "", "", "", 0),
    (2, "13:30", "14:30", Kind.CASE_SAMPLING, "", "", "The SENCo", 1),
    (2, "16:00", "17:00", Kind.MEETING_GOVERNORS, "", "", "", 0),
    (2, "17:00", "17:45", Kind.MEETING_PARENTS, "", "", "", 2),
    (3, "08:45", "09:45", Kind.DEEP_DIVE, "Science", "Mrs Ruth Patel", "", 1),
    (3, "10:00", "11:00", Kind.LESSON_VISIT, "", "", "", 2),
    (3, "11:15", "12:15", Kind.MEETING_STAFF, "", "", "", 0),
    (3, "13:30", "15:00", Kind.TEAM_MEETING, "", "", "", 0),
    (3, "15:15", "16:00", Kind.MEETING_STAFF, "", "", "The headteacher", 0),
]
FOCUS = (
    "How well the curriculum helps disadvantaged pupils read fluently, and how leaders at every "
    "level check its impact"
)


def _at(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _add_timetable(head: User, review: Review, team: list[TeamMember]) -> None:
    for day, starts, ends, kind, subject, staff, host, place in TIMETABLE:
        if day > review.days:
            continue
        add_activity(
            head,
            review,
            day=day,
            starts_at=_at(starts),
            ends_at=_at(ends),
            kind=kind,
            subject=subject,
            led_by_staff=staff,
            reviewer=team[place % len(team)],
            needs_host_leader=bool(host),
            host_leader=host,
        )


def load_demo_review_plan(
    coordinator: User,
    head: User,
    school: School,
    cluster: Cluster,
    version: FrameworkVersion,
    lead_profile: ReviewerProfile,
    peer_profiles: list[ReviewerProfile],
    start_date: date,
    kind: str = Review.Kind.QUALITY_ASSURANCE,
) -> Review:
    """A review in planning with its team, the school's focus and nominee, and a timetable.

    The reviewers must be free for the review by the register (weeks marked, days approved,
    no conflict), and the school must have signed the cluster's current MoU.
    """
    days = REVIEW_TYPES[kind].default_days
    review = schedule_review(coordinator, school, kind, version, start_date, days, cluster)
    team = [add_team_member(coordinator, review, lead_profile, TeamMember.Role.LEAD)]
    team += [
        add_team_member(coordinator, review, profile, TeamMember.Role.PEER)
        for profile in peer_profiles
    ]
    set_focus(head, review, FOCUS, "Jo Whitfield", "Deputy headteacher", 6)
    _add_timetable(head, review, team)
    review.refresh_from_db()
    return review
