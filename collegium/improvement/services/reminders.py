"""I3: the reminders about overdue milestones (selectors/overdue.py says which are overdue).

Each working day (tasks.py, started by `manage.py run_scheduler`) each overdue milestone's
action owner and its cluster's coordinators get one reminder each (notify: listed in Collegium
and emailed, at once or in their daily digest), listing all their overdue milestones. A
milestone is not mentioned again until 5 working days after its last reminder."""

from collections import defaultdict
from datetime import date

from django.db import transaction
from django.utils import timezone

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change
from collegium.improvement.models import ActionPlan, Milestone
from collegium.improvement.selectors.overdue import overdue_milestones
from collegium.links import site_link
from collegium.notifications.services import notify
from collegium.people.models import Role, RoleGrant
from collegium.words import lower_first
from collegium.workingdays import is_working_day, working_days_between

REMIND_EVERY = 5  # working days between two reminders about one milestone


def due_for_reminder(milestone: Milestone, today: date) -> bool:
    reminded = milestone.reminded_on
    return reminded is None or working_days_between(reminded, today) >= REMIND_EVERY


def send_overdue_reminders(today: date | None = None) -> int:
    """Remind everyone with overdue milestones not reminded of lately; the number of people
    reminded. Nothing is sent on a weekend or bank holiday.

    The milestones are marked as reminded and each person's reminder stored (notify) in one
    transaction, so a milestone is never mentioned twice within REMIND_EVERY working days. The
    emails go once it commits, or in the person's daily digest; one that fails is recorded as
    failed and the worker tries it again, so no reminder is lost. A milestone goes unmarked only
    when nobody could be emailed about it (no one with an email address), so it is tried again
    at the next run."""
    today = today or timezone.localdate()
    if not is_working_day(today):
        return 0
    with transaction.atomic():
        overdue = overdue_milestones(ActionPlan.objects.all(), today)
        milestones = [
            m for m in overdue.select_for_update(of=("self",)) if due_for_reminder(m, today)
        ]
        by_person = people_to_remind(milestones)
        reminded = {m.pk for theirs in by_person.values() for m in theirs}
        for milestone in milestones:
            if milestone.pk in reminded:
                _mark_reminded(milestone, today)
        for person, theirs in by_person.items():
            remind(person, theirs, today)
    return len(by_person)


def _mark_reminded(milestone: Milestone, today: date) -> None:
    before = {"reminded_on": milestone.reminded_on and milestone.reminded_on.isoformat()}
    milestone.reminded_on = today
    milestone.save(update_fields=["reminded_on"])
    after = {"reminded_on": today.isoformat()}
    record_change(None, verbs.OVERDUE_REMINDER_SENT, milestone, before, after)


def people_to_remind(milestones: list[Milestone]) -> dict[User, list[Milestone]]:
    """Each milestone's action owner and its cluster's coordinators, with their milestones."""
    cluster_ids = {
        m.action.plan.review.cluster_id for m in milestones if m.action.plan.review.cluster_id
    }
    coordinators: dict[int, list[User]] = defaultdict(list)
    grants = RoleGrant.objects.filter(
        role=Role.CLUSTER_COORDINATOR, cluster_id__in=cluster_ids
    ).select_related("user")
    for grant in grants:
        if grant.cluster_id is not None:
            coordinators[grant.cluster_id].append(grant.user)
    by_person: dict[User, list[Milestone]] = defaultdict(list)
    for milestone in milestones:
        cluster_id = milestone.action.plan.review.cluster_id
        people = [milestone.action.owner, *coordinators.get(cluster_id or 0, [])]
        for person in dict.fromkeys(people):  # once each, in order
            if person.is_active and person.email:
                by_person[person].append(milestone)
    return dict(by_person)


def remind(person: User, milestones: list[Milestone], today: date) -> None:
    """One reminder listing the person's overdue milestones, plan by plan; it links to the plan,
    or to the list of plans when they are in several."""
    count = len(milestones)
    subject = (
        "1 overdue milestone in an action plan"
        if count == 1
        else f"{count} overdue milestones in action plans"
    )
    by_plan: dict[ActionPlan, list[Milestone]] = defaultdict(list)
    for milestone in milestones:
        by_plan[milestone.action.plan].append(milestone)
    plans = [
        {
            "school": plan.review.school.name,
            "priority": plan.priority,
            "link": site_link("improvement:plan", plan.pk),
            "lines": [_milestone_line(milestone, person, today) for milestone in theirs],
        }
        for plan, theirs in by_plan.items()
    ]
    (only, *others) = by_plan
    link = site_link("improvement:plans") if others else site_link("improvement:plan", only.pk)
    notify(
        [person],
        "milestones-overdue",
        subject=subject,
        context={"plans": plans, "remind_every": REMIND_EVERY},
        link=link,
    )


def _milestone_line(milestone: Milestone, person: User, today: date) -> str:
    action = milestone.action
    owner = "you" if action.owner_id == person.pk else action.owner.full_name
    late = (today - milestone.due_on).days
    late_text = f"{late} day{'s' if late != 1 else ''} ago"
    return (
        f"{milestone.description}: due {milestone.due_on:%-d %B %Y} ({late_text}), "
        f"now {lower_first(milestone.get_status_display())}. Action: {action.description} "
        f"(owner: {owner})"
    )
