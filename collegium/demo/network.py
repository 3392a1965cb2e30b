"""Build the demo network from the committed real subset of DfE files, through the services.

Schools are real (three local authorities, see data/README.md); the people, clusters, training
and accreditation are invented, and built with the same services the pages use, so their
history pages show how they came about.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count
from django.test.utils import override_settings

from collegium.accounts.models import User
from collegium.clusters import services as clusters
from collegium.clusters.models import Membership
from collegium.consistency import figures
from collegium.context.demo import load_demo_census_counts, load_demo_pupil_files
from collegium.demo.reviews import build_review_cycle
from collegium.people.dates import current_academic_year
from collegium.people.models import CapacityApproval, ReviewerProfile, Role
from collegium.people.services import accreditation, capacity, register, roles
from collegium.reviews.models import Review
from collegium.schools.importing.loader import import_register
from collegium.schools.models import Phase, School
from collegium.termdates.calendar import term_week_offset

DATA_DIR = Path(__file__).resolve().parent / "data"
PASSWORD = "collegium-demo"
DOMAIN = "demo.collegium.test"
PROTOCOLS = (
    "Reviews are done with the school, not to it. Each review has an agreed focus chosen by "
    "the school, a lead reviewer from outside the cluster and peer reviewers from member "
    "schools. Activities end by 18:00, and the school's nominee joins every team meeting."
)
DATA_SHARING = (
    "Member schools share their self-evaluation, published performance data and the "
    "confidential report of their own review with the review team only. Pupil-level data is "
    "never shared."
)
SUPPORT = (
    "Each school offers at least three days a year of leaders' time to support another "
    "member's improvement priority, and takes part in the improvement workshop after each review."
)


@dataclass(frozen=True)
class SignIn:
    role: str
    email: str
    name: str


HEADS = [
    "Sam Leader",
    "Aisha Khan",
    "David Evans",
    "Grace Mensah",
    "Owen Price",
    "Hannah Lee",
    "Joseph Brown",
    "Fatima Ali",
    "Ruth Clarke",
]


@cache
def _password_hash() -> str:
    return make_password(PASSWORD)  # hashed once: hashing is slow on purpose


def person(name: str) -> User:
    email = name.lower().replace(" ", ".") + f"@{DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create(email=email, full_name=name, password=_password_hash())
    return user


NO_MAIL = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}


def demo_loaded() -> bool:
    return User.objects.filter(email__endswith=f"@{DOMAIN}").exists()


def load_demo_network() -> list[SignIn]:
    # The committed subset is far smaller than a national register the database may hold.
    import_register(DATA_DIR, allow_shrink=True)
    if not demo_loaded():
        # The demo's invitations and requests are not mailed: they would only fill the console.
        # (Emails go once the change commits, so the commit must happen inside the override.)
        with override_settings(MAILERS=NO_MAIL), transaction.atomic():
            _build_people_and_clusters()
            build_review_cycle(DOMAIN)
            load_demo_pupil_files(person("Nia Admin"))  # synthetic pupils
            load_demo_census_counts(person("Nia Admin"), _reviewed_school())
    # The consistency pages show stored figures, which the task worker works out when data
    # change; the demo's history is written in bulk, so work them out here, once.
    figures.refresh()
    return sign_ins()


def _reviewed_school() -> int | None:
    """The school of a review still being planned (else of any review): the demo's census
    counts give it the off-rolling question (issue 12 D4)."""
    reviews = Review.objects.order_by("start_date", "pk")
    planned = reviews.filter(status=Review.Status.PLANNING).values_list("school_id", flat=True)
    return planned.first() or reviews.values_list("school_id", flat=True).first()


def _schools_for_clusters() -> list[list[School]]:
    """Two clusters of primary schools with census data, in the two largest local authorities."""
    las = (
        School.objects.filter(phase=Phase.PRIMARY, is_open=True, censuses__isnull=False)
        .values("local_authority")
        .annotate(n=Count("urn", distinct=True))
        .order_by("-n")[:2]
    )
    return [
        list(
            School.objects.filter(
                local_authority=row["local_authority"],
                phase=Phase.PRIMARY,
                is_open=True,
                censuses__isnull=False,
            )
            .distinct()
            .order_by("urn")[:size]
        )
        for row, size in zip(las, (5, 4), strict=False)
    ]


def _build_people_and_clusters() -> None:
    admin = person("Nia Admin")
    admin.is_staff = True
    admin.save(update_fields=["is_staff"])
    roles.grant_role(admin, admin, role=Role.NETWORK_ADMIN)
    moderator = person("Mo Moderator")
    roles.grant_role(admin, moderator, role=Role.MODERATOR)
    roles.grant_role(admin, person("Ada Adjudicator"), role=Role.ADJUDICATOR)
    groups = _schools_for_clusters()
    names = iter(HEADS)
    heads = [[person(next(names)) for _ in group] for group in groups]
    for number, (group, group_heads) in enumerate(zip(groups, heads, strict=True), start=1):
        _form_cluster(admin, number, group, group_heads)
    first_school = groups[0][0]
    roles.grant_role(admin, person("Gina Governor"), role=Role.GOVERNOR, school=first_school)
    _register_reviewers(admin, moderator, groups, heads)


def _form_cluster(admin: User, number: int, schools: list[School], heads: list[User]) -> None:
    town = schools[0].town or schools[0].local_authority
    coordinator = person(f"Cora Coordinator {number}" if number > 1 else "Cora Coordinator")
    cluster = clusters.create_cluster(
        admin, f"{town} Learning Cluster", str(town), schools, coordinator
    )
    for school, head in zip(schools, heads, strict=True):
        roles.grant_role(admin, head, role=Role.SCHOOL_LEADER, school=school)
    memberships = list(Membership.objects.filter(cluster=cluster).order_by("school__urn"))
    for membership, head in zip(memberships, heads, strict=True):
        clusters.respond_to_invitation(head, membership, accept=True)
    clusters.publish_mou(coordinator, cluster, PROTOCOLS, DATA_SHARING, SUPPORT)
    # The last school has not signed yet, so the page shows an unsigned member.
    for membership, head in zip(memberships[:-1], heads[:-1], strict=True):
        clusters.sign_mou(head, membership)


def _register_reviewers(
    admin: User, moderator: User, groups: list[list[School]], heads: list[list[User]]
) -> None:
    today = date.today()
    # The demo's weeks run from 8 term weeks back to 12 ahead: in the summer holiday they span
    # two academic years, and the home schools approve days for each.
    years = sorted({current_academic_year(term_week_offset(w)) for w in (-8, 12)})
    names = [
        "Rhys Reviewer",
        "Priya Patel",
        "Tom Okafor",
        "Ellen Walsh",
        "Lena Lead",
        "Marcus Hill",
    ]
    schools = [s for group in groups for s in group]
    home_heads = {
        s.pk: h
        for group, hs in zip(groups, heads, strict=True)
        for s, h in zip(group, hs, strict=True)
    }
    for index, name in enumerate(names):
        user, home = person(name), schools[index % len(schools)]
        profile = register.register_reviewer(
            user,
            home_school=home,
            job_title="Deputy headteacher" if index % 2 else "Assistant headteacher",
            phases=[Phase.PRIMARY],
            subjects=["Mathematics", "English"][index % 2 :],
            years_in_senior_leadership=4 + index * 2,
        )
        register.add_training(
            user,
            profile,
            kind="module",
            title="Peer review foundations",
            provider="Collegium network",
            completed_on=today - timedelta(90),
        )
        register.add_training(
            user,
            profile,
            kind="shadowing",
            title="Shadowed a cluster review",
            provider="Collegium network",
            completed_on=today - timedelta(40),
        )
        weeks = [term_week_offset(w) for w in range(2, 14, 2)]  # every second term week
        register.set_available_weeks(user, profile, weeks, weeks)
        for year in years:
            _approve(home_heads[home.pk], profile, year, days=10 + index)
        if name in {"Lena Lead", "Marcus Hill"}:
            accreditation.grant_accreditation(
                moderator,
                profile,
                granted_on=today - timedelta(days=200),
                expires_on=today + timedelta(days=530),
            )


def _approve(head: User, profile: ReviewerProfile, year: int, days: int) -> None:
    """Days for a year the demo's reviews reach. In early September its past weeks are last
    year's, whose days were approved back then: a record written as it stands (the service
    refuses a year that has ended)."""
    if year < current_academic_year():
        CapacityApproval.objects.create(
            reviewer=profile, academic_year=year, days=days, approved_by=head
        )
        return
    capacity.approve_days(head, profile, academic_year=year, days=days)


def sign_ins() -> list[SignIn]:
    wanted = [
        ("School leader", "school_leader"),
        ("Governor", "governor"),
        ("Cluster coordinator", "cluster_coordinator"),
        ("Moderator", "moderator"),
        ("Adjudicator", "adjudicator"),
        ("Network admin", "network_admin"),
    ]
    result = []
    for label, role in wanted:
        user = (
            User.objects.filter(email__endswith=DOMAIN, role_grants__role=role)
            .order_by("pk")
            .first()
        )
        if user:
            result.append(SignIn(label, user.email, user.full_name))
    for label, email in (("Reviewer", "rhys.reviewer"), ("Lead reviewer", "lena.lead")):
        user = User.objects.filter(email=f"{email}@{DOMAIN}").first()
        if user:
            result.append(SignIn(label, user.email, user.full_name))
    return result
