"""The demo network's term to allocate: reviews of a cluster's schools that are being planned
and have no team yet, in weeks when the demo reviewers marked themselves available (every
second week from week 2, counted in weeks wholly in term time: `term_week_offset`). The
coordinator then runs the optimiser on the allocation page."""

from datetime import date

from collegium.accounts.models import User
from collegium.clusters.models import Cluster, Membership
from collegium.clusters.selectors import has_signed_current_mou
from collegium.frameworks.models import FrameworkVersion
from collegium.people.models import Role
from collegium.reviews.models import Review
from collegium.reviews.services.planning import schedule_review
from collegium.termdates.calendar import term_week_offset

WEEKS_FROM_NOW = (4, 6, 8)


def load_demo_term(cluster: Cluster, version: FrameworkVersion) -> list[Review]:
    """Schedule a 3-day quality assurance review, without a team, for each member school of the
    cluster that has signed its memorandum and has no review from today, one school per week in
    WEEKS_FROM_NOW. The demo's cluster is small, so some of its schools were reviewed earlier
    this academic year: the coordinator confirms their second review."""
    coordinator = User.objects.filter(
        role_grants__role=Role.CLUSTER_COORDINATOR, role_grants__cluster=cluster
    ).get()
    today = date.today()
    reviewed = set(
        Review.objects.filter(cluster=cluster, start_date__gte=today).values_list(
            "school_id", flat=True
        )
    )
    members = Membership.objects.filter(cluster=cluster, status=Membership.Status.MEMBER)
    schools = [m.school for m in members.select_related("school").order_by("school__urn")]
    free = [s for s in schools if s.pk not in reviewed and has_signed_current_mou(s, cluster)]
    reviews = []
    for school, weeks in zip(free, WEEKS_FROM_NOW, strict=False):
        start = term_week_offset(weeks)
        reviews.append(
            schedule_review(
                coordinator,
                school,
                Review.Kind.QUALITY_ASSURANCE,
                version,
                start,
                3,
                cluster,
                confirm_second=True,
            )
        )
    return reviews
