"""Set-up shared by the review planning tests: a signed MoU, reviewers free for a review, and a
review scheduled in a cluster whose members have signed."""

from datetime import date, timedelta

from collegium.accounts.models import User
from collegium.clusters.models import Cluster, MemorandumOfUnderstanding, Signature
from collegium.frameworks.models import FrameworkVersion
from collegium.people.dates import current_academic_year
from collegium.people.models import AvailableWeek, CapacityApproval, ReviewerProfile
from collegium.reviews.models import Review
from collegium.reviews.services.planning import schedule_review
from collegium.reviews.services.planning_types import review_weeks
from collegium.schools.models import School
from tests.term_time import term_monday


def sign_mou(cluster: Cluster, schools: list[School], by: User) -> MemorandumOfUnderstanding:
    mou = MemorandumOfUnderstanding.objects.create(
        cluster=cluster,
        version=1,
        review_protocols="We review each other with care.",
        data_sharing="We share the data the review needs.",
        follow_up_support="We support each other's priorities.",
        published_by=by,
    )
    for school in schools:
        Signature.objects.create(mou=mou, school=school, signed_by=by)
    return mou


def free_for(profile: ReviewerProfile, start: date, days: int, approved: int = 20) -> None:
    """Mark the review's weeks available and approve days for its academic year."""
    for week in review_weeks(start, days):
        AvailableWeek.objects.get_or_create(reviewer=profile, week_starting=week)
    year = current_academic_year(start)
    head = profile.user
    CapacityApproval.objects.get_or_create(
        reviewer=profile,
        academic_year=year,
        withdrawn_at=None,
        defaults={"days": approved, "approved_by": head},
    )


def free_monday(weeks_ahead: int = 3) -> date:
    """A Monday at least `weeks_ahead` weeks away whose whole week is in term time."""
    today = date.today()
    return term_monday(after=today - timedelta(days=today.weekday()) + timedelta(weeks=weeks_ahead))


def schedule_qa_review(
    coordinator: User, cluster: Cluster, school: School, version: FrameworkVersion, start: date
) -> Review:
    """A three-day quality assurance review of the school, once every member has signed."""
    sign_mou(cluster, [m.school for m in cluster.memberships.select_related("school")], coordinator)
    kind = Review.Kind.QUALITY_ASSURANCE
    return schedule_review(coordinator, school, kind, version, start, 3, cluster)
