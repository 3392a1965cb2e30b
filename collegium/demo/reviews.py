"""The demo network's review cycle: self-evaluations, and reviews in every state, built with
the same services the pages use (planning, visit, reports), so they obey every rule.

Cluster 1's schools, by URN: the first is reviewed, judged, moderated (picked in its term's
sample, one strand adjusted) and only then published; the second has its
report with the school for the factual accuracy check; the third is in its visit this week;
the fourth is planned. Cluster 2's first school has a final report not yet published.
Their weeks are counted in weeks wholly in term time (termdates.calendar.term_week_offset), so
the demo loads on any day of the year: in the holidays, "this week" is the last week of term.
"""

from dataclasses import dataclass
from datetime import date

from collegium.accounts.models import User
from collegium.allocations.demo import load_demo_term
from collegium.calibration.demo import load_demo_calibration
from collegium.clusters.models import Cluster, Membership
from collegium.complaints.demo import load_demo_complaints
from collegium.demo.history import build_history
from collegium.frameworks.demo import load_demo_frameworks
from collegium.frameworks.models import FrameworkVersion
from collegium.improvement.demo import load_demo_improvement
from collegium.people.dates import current_academic_year
from collegium.people.models import ReviewerProfile, Role
from collegium.people.services import register
from collegium.quality.sampling import draw_sample
from collegium.quality.services import complete_moderation, moderate_strand
from collegium.quality.terms import term_of
from collegium.reports.demo import load_demo_report
from collegium.reports.models import Report
from collegium.reports.publication import publish_summary
from collegium.reviews.demo import load_demo_review_plan
from collegium.reviews.demo_visit import load_demo_visit
from collegium.reviews.models import Review, TeamMember
from collegium.reviews.services.closing import close_review
from collegium.reviews.services.planning import start_visit
from collegium.safeguarding.demo import load_demo_safeguarding
from collegium.schools.models import School
from collegium.selfevaluation.demo import load_demo_self_evaluation
from collegium.support.demo import load_demo_support
from collegium.surveys.services import submit_survey
from collegium.termdates.calendar import term_week_offset
from collegium.voice.demo import load_demo_voice


@dataclass(frozen=True)
class DemoReview:
    cluster: int  # 0 or 1
    school: int  # index of the school in its cluster, by URN
    weeks_from_now: int  # in weeks wholly in term time (term_week_offset)
    lead: str
    peers: tuple[str, ...]
    up_to: str  # how far the review goes: a Review or Report status


LENA, MARCUS = "Lena Lead", "Marcus Hill"
RHYS, PRIYA, TOM, ELLEN = "Rhys Reviewer", "Priya Patel", "Tom Okafor", "Ellen Walsh"
PLAN = (
    DemoReview(0, 0, -8, MARCUS, (TOM, ELLEN), Report.Status.PUBLISHED),
    DemoReview(0, 1, -5, LENA, (RHYS, TOM), Report.Status.ACCURACY_CHECK),
    DemoReview(1, 0, -3, LENA, (ELLEN, PRIYA), Report.Status.FINAL),
    DemoReview(0, 2, 0, MARCUS, (RHYS, PRIYA), Review.Status.VISIT),
    DemoReview(0, 3, 2, LENA, (PRIYA, TOM), Review.Status.PLANNING),
)


def build_review_cycle(domain: str) -> None:
    load_demo_frameworks()
    version = FrameworkVersion.objects.get(framework__slug="peer-estimate", number=1)
    for item in PLAN:
        _build_review(item, version, term_week_offset(item.weeks_from_now), domain)
    # Reviews still waiting for a team, for the coordinator to allocate with the optimiser.
    load_demo_term(Cluster.objects.order_by("pk")[0], version)
    _answer_surveys_and_moderate(domain)
    _publish_moderated()
    load_demo_improvement()
    load_demo_support()
    build_history(version)
    load_demo_calibration(
        User.objects.get(email=f"mo.moderator@{domain}"),
        version,
        list(ReviewerProfile.objects.order_by("pk")),
    )
    load_demo_complaints()
    load_demo_safeguarding(domain, _schools_of(Cluster.objects.order_by("pk")[0]))
    load_demo_voice(_schools_of(Cluster.objects.order_by("pk")[0]))


def _answer_surveys_and_moderate(domain: str) -> None:
    """Heads of reviewed schools answer the survey; the moderator samples the reviews of the
    term the first review was in, and moderates the first review (picked: the school raised a
    concern), adjusting one strand, which becomes its agreed judgement."""
    done = Review.objects.filter(status=Review.Status.CLOSED).order_by("start_date")
    for review, ratings in zip(done, ((5, 4, 5, 4), (4, 3, 4, 5)), strict=False):
        answers = dict(zip(("conduct", "workload", "usefulness", "evidence"), ratings, strict=True))
        submit_survey(_head_of(review.school), review, answers | {"comment": ""})
    first = done.first()
    if first is None:
        return
    moderator = User.objects.get(email=f"mo.moderator@{domain}")
    draw_sample(moderator, term_of(first.start_date), seed=1)
    judgements = list(first.judgements.select_related("strand"))
    adjusted = next(j for j in judgements if not j.strand.met_or_not_met and (j.level or 0) > 1)
    for judgement in judgements:
        if judgement == adjusted:
            stronger = (judgement.level or 0) - 1
            rationale = "The evidence cited supports the stronger level."
            moderate_strand(moderator, first, judgement.strand, stronger, rationale)
        else:
            moderate_strand(moderator, first, judgement.strand, judgement.level, "")
    complete_moderation(
        moderator,
        first,
        "Judgements were well evidenced. Cite lesson visits as well as meetings for provision.",
    )


def _publish_moderated() -> None:
    """Publish the summaries the plan takes that far, now that their reviews are moderated
    (publication refuses them before)."""
    clusters = list(Cluster.objects.order_by("pk"))
    for item in PLAN:
        if item.up_to != Report.Status.PUBLISHED:
            continue
        school = _schools_of(clusters[item.cluster])[item.school]
        report = Report.objects.get(review__school=school, status=Report.Status.FINAL)
        lead = report.review.team.get(role=TeamMember.Role.LEAD).reviewer.user
        publish_summary(lead, report)


def _build_review(item: DemoReview, version: FrameworkVersion, week: date, domain: str) -> None:
    cluster = Cluster.objects.order_by("pk")[item.cluster]
    school = _schools_of(cluster)[item.school]
    head = _head_of(school)
    coordinator = User.objects.get(
        role_grants__role=Role.CLUSTER_COORDINATOR, role_grants__cluster=cluster
    )
    load_demo_self_evaluation(school, head, version, current_academic_year())
    lead = _reviewer(item.lead, domain, week)
    peers = [_reviewer(name, domain, week) for name in item.peers]
    review = load_demo_review_plan(
        coordinator, head, school, cluster, version, lead, peers, week, kind="qa"
    )
    if item.up_to == Review.Status.PLANNING:
        return
    start_visit(lead.user, review)
    load_demo_visit(review, agree=item.up_to != Review.Status.VISIT)
    if item.up_to == Review.Status.VISIT:
        return
    # Published only once moderated (_publish_moderated): final until then.
    final = Report.Status.FINAL if item.up_to == Report.Status.PUBLISHED else item.up_to
    load_demo_report(review, lead.user, head, final)
    if item.up_to in (Report.Status.FINAL, Report.Status.PUBLISHED):
        close_review(lead.user, review)


def _schools_of(cluster: Cluster) -> list[School]:
    members = Membership.objects.filter(cluster=cluster, status=Membership.Status.MEMBER)
    return [m.school for m in members.select_related("school").order_by("school__urn")]


def _head_of(school: School) -> User:
    return User.objects.filter(
        role_grants__role=Role.SCHOOL_LEADER, role_grants__school=school
    ).order_by("pk")[0]


def _reviewer(name: str, domain: str, week: date) -> ReviewerProfile:
    """The reviewer, marked available in the review's week (past weeks included)."""
    email = name.lower().replace(" ", ".") + f"@{domain}"
    profile = ReviewerProfile.objects.get(user__email=email)
    register.set_available_weeks(profile.user, profile, [week], [week])
    return profile
