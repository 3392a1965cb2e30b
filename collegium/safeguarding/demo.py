"""Demo data: safeguarding audits in every state, made through the services on the demo's schools
(the first cluster's, by URN, with their heads):

- the first school (its governor and a designated safeguarding lead): last year's audit reviewed by
  the board, one of its actions overdue, and this year's audit in progress, started from it;
- the second: an audit submitted to the board, waiting for its review;
- the third: an audit reviewed by the board this term, then a re-audit in progress;
- the fourth: an audit the board reviewed 14 months ago (flagged), with an overdue action, shared
  with the network's oversight and with the team of its coming review; an oversight visit;
- the fifth and the second cluster's schools: no audit yet (flagged).
"""

from datetime import date, timedelta

from collegium.accounts.models import User
from collegium.people.models import Role
from collegium.people.services import roles
from collegium.reviews.models import Review
from collegium.safeguarding.models import (
    AuditAction,
    OversightVisit,
    Rating,
    SafeguardingAudit,
    TemplateItem,
    TemplateVersion,
)
from collegium.safeguarding.selectors import year_before
from collegium.safeguarding.services import actions, audits, oversight, sharing
from collegium.safeguarding.shipped import load_templates, shipped_version
from collegium.schools.models import School
from collegium.termdates.calendar import term_week_from, term_week_offset

AMBER_ITEMS = {
    "SR1": (
        "The single central record was checked against 12 personnel files in October.",
        "Two supply staff had no record of the identity check; the agency has been asked.",
        "Record the identity checks of every supply worker and recheck the record monthly.",
    ),
    "OS1": (
        "The filtering report from the provider, dated September.",
        "Monitoring alerts go to the office, not to the designated safeguarding lead.",
        "Route monitoring alerts to the lead and test the route each half term.",
    ),
}
RED_ITEMS = {
    "CM2": (
        "The list of this year's leavers and the local authority notifications.",
        "Three pupils left Year 10 for home education without a meeting with the family.",
        "Meet every family before a pupil leaves for home education, and tell the board.",
    ),
}
EVIDENCE = "Checked by the designated safeguarding lead with the deputy head."


def _wednesday(weeks_from_now: int) -> date:
    """A school working day: the Wednesday of a week wholly in term time."""
    return term_week_offset(weeks_from_now) + timedelta(days=2)


def _term_wednesday_after(day: date) -> date:
    return term_week_from(day) + timedelta(days=2)


def load_demo_safeguarding(domain: str, first_cluster_schools: list[School]) -> None:
    load_templates()
    version = shipped_version()
    if version is None or len(first_cluster_schools) < 4:
        return
    admin = User.objects.filter(role_grants__role=Role.NETWORK_ADMIN).order_by("pk")[0]
    moderator = User.objects.filter(role_grants__role=Role.MODERATOR).order_by("pk")[0]
    first, second, third, fourth = first_cluster_schools[:4]
    lead = _person(domain, "Dee Safeguarding")
    roles.grant_role(admin, lead, role=Role.SAFEGUARDING_LEAD, school=first)
    for school, name in ((third, "Gareth Jones"), (fourth, "Gwen Hughes")):
        roles.grant_role(admin, _person(domain, name), role=Role.GOVERNOR, school=school)
    _last_year_then_this_year(first, version, lead)
    _submitted(second, version)
    _reviewed_then_reaudit(third, version)
    _flagged_and_shared(fourth, version, moderator)


def _person(domain: str, name: str) -> User:
    """A demo person, with the password every demo person has."""
    email = name.lower().replace(" ", ".") + f"@{domain}"
    same = User.objects.filter(email__endswith=f"@{domain}").order_by("pk")[0]
    user, _ = User.objects.get_or_create(
        email=email, defaults={"full_name": name, "password": same.password}
    )
    return user


def _head(school: School) -> User:
    return User.objects.filter(
        role_grants__role=Role.SCHOOL_LEADER, role_grants__school=school
    ).order_by("pk")[0]


def _governor(school: School) -> User:
    governors = User.objects.filter(role_grants__role=Role.GOVERNOR, role_grants__school=school)
    return governors.order_by("pk")[0]


def _rate_everything(
    audit: SafeguardingAudit, by: User, owner: User, on: date, red: bool = False
) -> None:
    """Every item rated; the amber ones (and the red one) with an action due in 6 term weeks."""
    needing = AMBER_ITEMS | (RED_ITEMS if red else {})
    items = TemplateItem.objects.filter(section__version=audit.version_id).select_related("section")
    for item in items:
        evidence, notes, action = needing.get(item.code, (EVIDENCE, "", ""))
        rating = Rating.AMBER if item.code in AMBER_ITEMS else Rating.GREEN
        rating = Rating.RED if item.code in RED_ITEMS and red else rating
        audits.rate_item(by, audit, item, rating=rating, evidence=evidence, notes=notes)
        if action:
            due = _term_wednesday_after(on + timedelta(weeks=6))
            actions.add_action(
                by, audit, item, description=action, owner=owner, due_on=due, today=on
            )


def _through_the_board(
    audit: SafeguardingAudit, head: User, governor: User, submitted: date, met: date
) -> SafeguardingAudit:
    audits.submit_audit(head, audit, today=submitted)
    return audits.record_board_review(
        governor,
        audit,
        met_on=met,
        minute_reference=f"FGB {met:%Y}/{met:%m}",
        comments="The board thanked the lead for a thorough audit and asked for the amber "
        "actions to come back to its next meeting.",
        today=met,
    )


def _last_year_then_this_year(school: School, version: TemplateVersion, lead: User) -> None:
    head, governor = _head(school), _governor(school)
    started = _wednesday(-20)  # last school year, reviewed by the board within 12 months
    audit = audits.start_audit(head, school, version, today=started)
    _rate_everything(audit, lead, lead, started)
    submitted = _term_wednesday_after(started + timedelta(weeks=2))
    met = submitted + timedelta(days=14)
    _through_the_board(audit, head, governor, submitted, met)
    # One amber action is overdue: it was due last school year and is still in progress.
    overdue = audit.actions.order_by("pk").first()
    assert overdue is not None
    actions.update_action(lead, overdue, status=AuditAction.Status.IN_PROGRESS, today=started)
    for action in audit.actions.exclude(pk=overdue.pk):
        actions.update_action(lead, action, status=AuditAction.Status.DONE, today=started)
    this_year = audits.start_audit(lead, school, version, today=_wednesday(-2))
    first = TemplateItem.objects.filter(section__version=version).order_by(
        "section__position", "position"
    )[0]
    audits.rate_item(lead, this_year, first, rating=Rating.GREEN, evidence=EVIDENCE, notes="")


def _submitted(school: School, version: TemplateVersion) -> None:
    head = _head(school)
    audit = audits.start_audit(head, school, version, today=_wednesday(-5))
    _rate_everything(audit, head, head, _wednesday(-5))
    audits.submit_audit(head, audit, today=_wednesday(-1))


def _reviewed_then_reaudit(school: School, version: TemplateVersion) -> None:
    head = _head(school)
    started = _wednesday(-10)
    audit = audits.start_audit(head, school, version, today=started)
    _rate_everything(audit, head, head, started, red=True)
    _through_the_board(audit, head, _governor(school), _wednesday(-8), _wednesday(-7))
    audits.start_audit(head, school, version, today=_wednesday(-1))  # a re-audit: same year


def _flagged_and_shared(school: School, version: TemplateVersion, moderator: User) -> None:
    head = _head(school)
    started = year_before(_wednesday(-14)) - timedelta(weeks=2)
    audit = audits.start_audit(head, school, version, today=started)
    _rate_everything(audit, head, head, started)
    governor = _governor(school)
    _through_the_board(audit, head, governor, started + timedelta(days=7), started + timedelta(14))
    sharing.share_with_oversight(head, audit, True)
    review = Review.objects.filter(school=school, status=Review.Status.PLANNING).first()
    if review is not None:
        sharing.share_for_review(head, audit, review)
    oversight.record_visit(
        moderator,
        school,
        visited_on=_wednesday(-3),
        visited_by="Mo Moderator, with the local authority's safeguarding adviser",
        checked="The single central record, a sample of concern records and the leavers' list.",
        outcome=OversightVisit.Outcome.RECOMMENDATIONS,
    )
