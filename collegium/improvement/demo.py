"""The demo network's improvement cycle, built through the same services as the pages.

- The review 8 weeks ago (cluster 1's first school): workshop held, plan under way with a
  milestone done, one on track and one overdue, and a support need (collegium/support/demo.py
  asks another school for it).
- The review 5 weeks ago (cluster 1's second school): workshop booked, plan in draft.
- The review 3 weeks ago (cluster 2's first school): no plan yet, for its head to make.
- The school in its visit this week has a completed plan from a review in 2017, from the
  network's records, so its lead can record the old priority's outcome and the impact page has
  published figures after the review to compare with similar schools.

Dates in the past go through the services' own `today` where they take one; milestones are
created due in the future (as the pages require) and then moved back, as if planned earlier;
the plan's agreement is moved back the same way.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from collegium.accounts.models import User
from collegium.frameworks.models import Strand
from collegium.improvement.models import ActionPlan, CheckIn, Milestone
from collegium.improvement.services import monitoring, plan_items, plans, workshops
from collegium.people.models import Role
from collegium.people.selectors import school_leaders
from collegium.reviews.models import Findings, Review, TeamMember
from collegium.termdates.calendar import add_school_working_days


def agreed_reviews() -> list[Review]:
    """The demo's reviews with agreed judgements, oldest first."""
    return list(
        Review.objects.filter(
            cluster__isnull=False, status__in=(Review.Status.AGREED, Review.Status.CLOSED)
        ).order_by("start_date")
    )


def load_demo_improvement() -> None:
    agreed = agreed_reviews()
    if len(agreed) < 3:
        return
    first, second = agreed[:2]
    _plan_under_way(first)
    _plan_in_draft(second)
    visiting = Review.objects.filter(status=Review.Status.VISIT, cluster__isnull=False).first()
    if visiting is not None:
        _earlier_plan(visiting)


def head_of(review: Review) -> User:
    return school_leaders(review.school_id).order_by("pk")[0]


def coordinator_of(review: Review) -> User:
    return User.objects.filter(
        role_grants__role=Role.CLUSTER_COORDINATOR, role_grants__cluster=review.cluster_id
    ).order_by("pk")[0]


def lead_of(review: Review) -> User:
    return review.team.get(role=TeamMember.Role.LEAD).reviewer.user


def _plan_under_way(review: Review) -> ActionPlan:
    head, coordinator = head_of(review), coordinator_of(review)
    held_on = add_school_working_days(review.start_date, 10)  # workshops are in term time
    workshop = workshops.schedule_workshop(
        coordinator,
        review,
        held_on,
        "The school library",
        [head, coordinator, lead_of(review)],
        "Deputy headteacher\nEnglish and maths leads",
        today=held_on,
    )
    workshops.record_workshop(
        coordinator,
        workshop,
        [head, coordinator, lead_of(review)],
        "Deputy headteacher\nEnglish and maths leads",
        "We tested the priority against the self-evaluation and the review's evidence: subject "
        "leaders are new to leading other staff, and they have the time to grow into it this year.",
        "Agreed to start with one development focus for each subject leader, then visits to a "
        "school where middle leaders lead staff development well.",
        today=held_on,
    )
    plan = plans.start_plan(head, review)
    strand = plan.priority_strand
    action = plan_items.add_action(
        head,
        plan,
        plan.revision,
        "Each subject leader agrees one development focus with the head",
        head,
        "Every subject leader has an agreed focus",
        date.today() + timedelta(days=7),
    )
    plan.refresh_from_db()
    plan_items.add_milestone(
        head,
        action,
        plan.revision,
        "Each subject leader has led a staff meeting on their focus",
        date.today() + timedelta(days=60),
    )
    plan.refresh_from_db()
    visits = plan_items.add_action(
        head,
        plan,
        plan.revision,
        "Visit a school where middle leaders lead staff development well",
        head,
        "Two subject leaders visit and report back",
        date.today() + timedelta(days=14),
    )
    for kind, extra, text in (
        (
            "strand",
            {"strand": strand},
            f"{strand.title} judged at least Effective at the next review",
        ),
        (
            "context",
            {"context_figure": "ks2_expected"},
            "More pupils reach the expected standard at key stage 2",
        ),
        ("survey", {}, "Staff say in the spring survey that subject leaders help them improve"),
    ):
        plan.refresh_from_db()
        plan_items.add_measure(head, plan, plan.revision, kind=kind, description=text, **extra)
    plan.refresh_from_db()
    plan_items.add_need(
        head,
        plan,
        plan.revision,
        strand=strand,
        description="A morning for two of our subject leaders with a school whose middle "
        "leaders lead staff development well",
        days_wanted=Decimal("2"),
    )
    plan.refresh_from_db()
    plans.agree_plan(head, plan, plan.revision)
    ActionPlan.objects.filter(pk=plan.pk).update(agreed_at=timezone.now() - timedelta(days=25))
    _progress(plan, head, action.pk, visits.pk)
    return plan


def _progress(plan: ActionPlan, head: User, first_action: int, visits_action: int) -> None:
    """The first milestone is done, the second on track, and the visit is overdue."""
    done, later = Milestone.objects.filter(action_id=first_action).order_by("due_on")
    monitoring.check_in(
        head,
        done,
        Milestone.Status.DONE,
        "Notes of the meeting with each subject leader.",
    )
    monitoring.check_in(
        head,
        later,
        Milestone.Status.ON_TRACK,
        "Three of five subject leaders have led theirs.",
    )
    Milestone.objects.filter(pk=done.pk).update(
        due_on=date.today() - timedelta(days=14), done_on=date.today() - timedelta(days=16)
    )
    CheckIn.objects.filter(milestone=done).update(recorded_at=timezone.now() - timedelta(days=16))
    Milestone.objects.filter(action_id=visits_action).update(
        due_on=date.today() - timedelta(days=7)
    )
    measure = plan.measures.get(kind="survey")
    monitoring.record_reading(
        head, measure, date.today() - timedelta(days=3), "11 of 18 staff agree", "Autumn survey"
    )


def _plan_in_draft(review: Review) -> None:
    head, coordinator = head_of(review), coordinator_of(review)
    workshops.schedule_workshop(
        coordinator,
        review,
        add_school_working_days(date.today(), 5),
        "Staff room",
        [head, coordinator, lead_of(review)],
    )
    plan = plans.start_plan(head, review)
    plan_items.add_action(
        head,
        plan,
        plan.revision,
        "Map the training each middle leader has had and still needs",
        head,
        "Training map shared with governors",
        date.today() + timedelta(days=30),
    )


def _earlier_plan(review: Review) -> None:
    """A completed plan from the school's review in March 2017, from the network's records
    (written directly: the services would refuse milestones dated in the past)."""
    version = review.framework_version
    earlier = Review.objects.create(
        school=review.school,
        kind=Review.Kind.CLUSTER,
        framework_version=version,
        status=Review.Status.CLOSED,
        start_date=date(2017, 3, 6),
        days=2,
        focus="Earlier review, from the network's records",
    )
    graded = Strand.objects.filter(area__version=version, met_or_not_met=False)
    attainment = graded.filter(title__icontains="attainment").first()
    priority = attainment or graded.order_by("area__position", "position")[0]
    Findings.objects.create(
        review=earlier,
        strengths="From the network's records.",
        areas_to_develop="From the network's records.",
        priority_strand=priority,
        improvement_priority="Raise attainment in reading, writing and maths by the end of year 6.",
    )
    head = head_of(review)
    plan = ActionPlan.objects.create(
        review=earlier,
        priority_strand=priority,
        priority="Raise attainment in reading, writing and maths by the end of year 6.",
        status=ActionPlan.Status.COMPLETED,
        created_by=head,
    )
    action = plan.actions.create(description="Daily guided reading in years 5 and 6", owner=head)
    action.milestones.create(
        description="Every class has a daily guided reading session",
        due_on=date(2017, 9, 29),
        status=Milestone.Status.DONE,
        done_on=date(2017, 9, 25),
    )
    plan.measures.create(
        kind="context",
        context_figure="ks2_expected",
        description="More pupils reach the expected standard at key stage 2",
    )
