"""Reads of safeguarding audits (G1), shaped for each page.

Two kinds of read, never mixed: the whole audit (ratings, evidence, notes, actions) for those who
may read it (`safeguarding.view`), and a school's status for oversight (`status_of`, `network`):
dates, states, how many items are red or amber and which actions are overdue, without the
school's words.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from collegium.accounts.models import User
from collegium.people.dates import current_academic_year
from collegium.people.models import Role, RoleGrant
from collegium.reviews.models import Review
from collegium.safeguarding.models import (
    NEEDS_ACTION,
    OPEN_ACTIONS,
    AuditAction,
    AuditShare,
    AuditTemplate,
    ItemRating,
    OversightVisit,
    Rating,
    SafeguardingAudit,
    TemplateItem,
    TemplateSection,
    TemplateVersion,
)
from collegium.safeguarding.spec import ItemSpec, SectionSpec, TemplateSpec
from collegium.schools.models import School

Status = SafeguardingAudit.Status
DUE_SOON_DAYS = 30  # an annual audit is "due" from a month before its anniversary
AUDIT_ROLES = (Role.SCHOOL_LEADER, Role.SAFEGUARDING_LEAD)  # who audits, and owns actions


# Templates


def sections_of(version: TemplateVersion) -> list[TemplateSection]:
    """Sections with their items, in order, for showing, auditing or exporting."""
    items = Prefetch("items", queryset=TemplateItem.objects.order_by("position"))
    return list(version.sections.prefetch_related(items).order_by("position"))


def spec_of(version: TemplateVersion) -> TemplateSpec:
    template = version.template
    spec = TemplateSpec(template.slug, template.name, template.description, version.notes)
    for section in sections_of(version):
        items = [
            ItemSpec(i.code, i.title, i.good_looks_like, i.evidence_expected, i.statutory)
            for i in section.items.all()
        ]
        spec.sections.append(SectionSpec(section.code, section.title, section.description, items))
    return spec


def published_versions() -> list[TemplateVersion]:
    return list(
        TemplateVersion.objects.filter(status=TemplateVersion.Status.PUBLISHED)
        .select_related("template")
        .order_by("template__name", "-number")
    )


def templates_with_versions() -> list[tuple[AuditTemplate, list[TemplateVersion]]]:
    versions = Prefetch("versions", queryset=TemplateVersion.objects.order_by("-number"))
    return [(t, list(t.versions.all())) for t in AuditTemplate.objects.prefetch_related(versions)]


# One school's audits


def year_before(day: date) -> date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def audits_of(school: School) -> list[SafeguardingAudit]:
    return list(school.safeguarding_audits.select_related("version__template").all())


def open_audit(school: School) -> SafeguardingAudit | None:
    """The audit in progress or with the board: a school has at most one."""
    audits = school.safeguarding_audits.filter(status__in=[Status.DRAFT, Status.SUBMITTED])
    return audits.select_related("version__template").first()


def last_reviewed(school: School) -> SafeguardingAudit | None:
    reviewed = school.safeguarding_audits.filter(status=Status.REVIEWED)
    return reviewed.order_by("-board_met_on", "-pk").first()


def audit_due_on(last: SafeguardingAudit | None) -> date | None:
    """The day the next annual audit is due: a year after the board reviewed the last one (None
    for a school never audited, whose audit is due now)."""
    return year_after(last.board_met_on) if last and last.board_met_on else None


def is_reaudit(school: School, today: date) -> bool:
    """A second audit in one academic year is a re-audit."""
    last = last_reviewed(school)
    return last is not None and current_academic_year(last.started_on) == current_academic_year(
        today
    )


def auditors_of(school_id: int) -> QuerySet[User]:
    """The school's leaders and designated safeguarding leads: who audits and owns actions."""
    return (
        User.objects.filter(
            role_grants__role__in=AUDIT_ROLES, role_grants__school_id=school_id, is_active=True
        )
        .distinct()
        .order_by("full_name")
    )


def governors_of(school_id: int) -> QuerySet[User]:
    """The school's governors: the board, reminded as its chair would be."""
    return User.objects.filter(
        role_grants__role=Role.GOVERNOR, role_grants__school_id=school_id, is_active=True
    ).order_by("full_name")


def reviews_to_share_with(audit: SafeguardingAudit) -> list[Review]:
    """Reviews of the audit's school whose team the head may let read it."""
    shared = AuditShare.objects.filter(audit=audit).values("review")
    return list(
        Review.objects.filter(school_id=audit.school_id)
        .exclude(status__in=[Review.Status.CANCELLED, Review.Status.CLOSED])
        .exclude(pk__in=shared)
        .order_by("start_date")
    )


def shares_of(audit: SafeguardingAudit) -> list[AuditShare]:
    return list(audit.shares.select_related("review", "shared_by"))


@dataclass(frozen=True)
class Counts:
    red: int = 0
    amber: int = 0
    green: int = 0
    unrated: int = 0


def counts_of(audit: SafeguardingAudit) -> Counts:
    rated = Counter(audit.ratings.values_list("rating", flat=True))
    items = TemplateItem.objects.filter(section__version_id=audit.version_id).count()
    return Counts(
        rated[Rating.RED], rated[Rating.AMBER], rated[Rating.GREEN], items - sum(rated.values())
    )


def submit_problems(audit: SafeguardingAudit) -> list[str]:
    """What must be done before the audit goes to the board, in the school's words."""
    items = list(TemplateItem.objects.filter(section__version_id=audit.version_id))
    ratings = dict(audit.ratings.values_list("item_id", "rating"))
    with_action = set(audit.actions.values_list("item_id", flat=True))
    unrated = [item.code for item in items if item.pk not in ratings]
    no_action = [
        item.code
        for item in items
        if ratings.get(item.pk) in NEEDS_ACTION and item.pk not in with_action
    ]
    problems = []
    if unrated:
        problems.append(f"Rate every item: {_listed(unrated)} not rated yet")
    if no_action:
        problems.append(f"Give every red or amber item an action: {_listed(no_action)} without one")
    return problems


def _listed(codes: list[str]) -> str:
    shown = ", ".join(codes[:8]) + (f" and {len(codes) - 8} more" if len(codes) > 8 else "")
    return shown + (" is" if len(codes) == 1 else " are")


@dataclass
class ItemRow:
    item: TemplateItem
    rating: ItemRating | None
    actions: list[AuditAction]
    previous: str = ""  # the last audit's rating of the item with the same code


@dataclass
class SectionRows:
    section: TemplateSection
    rows: list[ItemRow]


@dataclass
class AuditPage:
    audit: SafeguardingAudit
    sections: list[SectionRows]
    counts: Counts
    actions: list[AuditAction]
    overdue: list[AuditAction]
    problems: list[str] = field(default_factory=list)


def previous_ratings(audit: SafeguardingAudit) -> dict[str, str]:
    """The previous audit's rating of each item, by the item's code."""
    if audit.previous_id is None:
        return {}
    ratings = ItemRating.objects.filter(audit_id=audit.previous_id).select_related("item")
    return {r.item.code: r.get_rating_display() for r in ratings}


def audit_page(audit: SafeguardingAudit, today: date) -> AuditPage:
    """The whole audit: every item with its rating and actions, section by section."""
    ratings = {r.item_id: r for r in audit.ratings.select_related("rated_by")}
    actions = list(audit.actions.select_related("owner", "item").order_by("due_on", "pk"))
    by_item: dict[int | None, list[AuditAction]] = defaultdict(list)
    for action in actions:
        by_item[action.item_id].append(action)
    before = previous_ratings(audit)
    sections = [
        SectionRows(
            section,
            [
                ItemRow(item, ratings.get(item.pk), by_item[item.pk], before.get(item.code, ""))
                for item in section.items.all()
            ],
        )
        for section in sections_of(audit.version)
    ]
    counted = Counter(r.rating for r in ratings.values())
    total = sum(len(s.rows) for s in sections)
    counts = Counts(
        counted[Rating.RED], counted[Rating.AMBER], counted[Rating.GREEN], total - len(ratings)
    )
    return AuditPage(
        audit,
        sections,
        counts,
        actions,
        [a for a in actions if a.is_overdue(today)],
        submit_problems(audit) if audit.is_draft else [],
    )


def items_of(audit: SafeguardingAudit) -> QuerySet[TemplateItem]:
    """The items of the audit's template version: an item of another version is not found."""
    return TemplateItem.objects.filter(section__version_id=audit.version_id).select_related(
        "section"
    )


# Oversight: status, never the school's words


@dataclass(frozen=True)
class OverdueAction:
    """An overdue action as oversight sees it: which item, whose, since when; not its text."""

    item: str
    owner: str
    due_on: date


@dataclass
class SchoolStatus:
    school: School
    latest: SafeguardingAudit | None  # the most recent audit, in any state
    reviewed: SafeguardingAudit | None  # the most recent audit the board reviewed
    red: int
    amber: int
    overdue: list[OverdueAction]
    last_visit: OversightVisit | None
    flagged: bool  # no audit reviewed by the board in the last 12 months

    @property
    def current(self) -> bool:
        return not self.flagged


def network_schools(today: date, flagged_only: bool = False) -> QuerySet[School]:
    """Schools using Collegium (someone holds a school role there) or with an audit, by name;
    only those with no audit reviewed by their board in 12 months when `flagged_only`."""
    held = RoleGrant.objects.filter(school_id=OuterRef("pk"))
    schools = School.objects.filter(Q(Exists(held)) | Q(safeguarding_audits__isnull=False))
    schools = schools.distinct().order_by("name", "urn")
    if flagged_only:
        schools = schools.exclude(pk__in=_reviewed_since(year_before(today)))
    return schools


def _reviewed_since(cutoff: date) -> QuerySet[SafeguardingAudit, int]:
    reviewed = SafeguardingAudit.objects.filter(status=Status.REVIEWED, board_met_on__gt=cutoff)
    return reviewed.values_list("school_id", flat=True)


def flagged_count(today: date) -> int:
    return network_schools(today, flagged_only=True).count()


def statuses_of(schools: Iterable[School], today: date) -> list[SchoolStatus]:
    """The status of each school, read in a fixed number of queries whatever their number."""
    schools = list(schools)
    urns = [s.pk for s in schools]
    audits = SafeguardingAudit.objects.filter(school_id__in=urns).order_by("-started_on", "-pk")
    counted = audits.annotate(
        red=Count("ratings", filter=Q(ratings__rating=Rating.RED)),
        amber=Count("ratings", filter=Q(ratings__rating=Rating.AMBER)),
    )
    latest: dict[int, Any] = {}
    reviewed: dict[int, Any] = {}
    for audit in counted:
        latest.setdefault(audit.school_id, audit)
        if audit.is_reviewed:
            best = reviewed.get(audit.school_id)
            if best is None or audit.board_met_on > best.board_met_on:
                reviewed[audit.school_id] = audit
    overdue = _overdue_by_school(urns, today)
    visits: dict[int, OversightVisit] = {}
    for visit in OversightVisit.objects.filter(school_id__in=urns).order_by("-visited_on", "-pk"):
        visits.setdefault(visit.school_id, visit)
    cutoff = year_before(today)
    rows = []
    for school in schools:
        last, board = latest.get(school.pk), reviewed.get(school.pk)
        rated = last if last is not None and not last.is_draft else board
        rows.append(
            SchoolStatus(
                school,
                last,
                board,
                rated.red if rated else 0,
                rated.amber if rated else 0,
                overdue.get(school.pk, []),
                visits.get(school.pk),
                board is None or board.board_met_on <= cutoff,
            )
        )
    return rows


def _overdue_by_school(urns: list[int], today: date) -> dict[int, list[OverdueAction]]:
    actions = overdue_actions(AuditAction.objects.filter(audit__school_id__in=urns), today)
    found: dict[int, list[OverdueAction]] = defaultdict(list)
    for action in actions.select_related("item", "owner", "audit"):
        item = f"{action.item.code} {action.item.title}" if action.item else "An earlier item"
        found[action.audit.school_id].append(
            OverdueAction(item, action.owner.full_name, action.due_on)
        )
    return found


def overdue_actions(actions: QuerySet[AuditAction], today: date) -> QuerySet[AuditAction]:
    """The one definition of overdue: open (not done, not carried forward) and past its date."""
    return actions.filter(status__in=OPEN_ACTIONS, due_on__lt=today).order_by("due_on", "pk")


def status_of(school: School, today: date) -> SchoolStatus:
    (status,) = statuses_of([school], today)
    return status


def visits_of(school: School) -> list[OversightVisit]:
    return list(school.safeguarding_visits.select_related("recorded_by"))
