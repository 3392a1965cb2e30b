"""Shared test fixtures: a small network and one persona for every role, plus an outsider.

The network: schools A, B, C and D (A, B, C in one cluster, same trust for A and D),
a leader and a governor of A, a reviewer from B, an accredited lead reviewer from C,
the cluster's coordinator, a moderator, an adjudicator, a network admin and an outsider
who is signed in but holds no role.
"""

import os
from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client, TestCase
from django.test.utils import override_settings

from collegium.accounts.models import User
from collegium.clusters.models import Cluster, Membership
from collegium.frameworks.models import Area, Framework, FrameworkVersion, ScaleLevel, Strand
from collegium.people.models import Accreditation, ReviewerProfile, Role, RoleGrant
from collegium.reviews.models import Review, TeamMember
from collegium.schools.models import LocalAuthority, Phase, School
from tests import demo_copy

PASSWORD = "correct-horse-battery-staple"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_tests(settings):
    cache.clear()  # each test starts with nothing kept (support suggestions, charts)
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def make_user(name: str) -> User:
    email = name.lower().replace(" ", ".") + "@example.org"
    return User.objects.create_user(email, PASSWORD, full_name=name)


@pytest.fixture
def la(db) -> LocalAuthority:
    return LocalAuthority.objects.create(code=888, name="Testshire")


def make_school(la: LocalAuthority, urn: int, name: str, **fields) -> School:
    defaults = dict(town="Testtown", postcode="TT1 1AA", phase=Phase.PRIMARY)
    return School.objects.create(urn=urn, name=name, local_authority=la, **(defaults | fields))


@pytest.fixture
def school_a(la) -> School:
    return make_school(la, 900001, "Ash Primary School", trust_name="Oak Learning Trust")


@pytest.fixture
def school_b(la) -> School:
    return make_school(la, 900002, "Beech Primary School")


@pytest.fixture
def school_c(la) -> School:
    return make_school(la, 900003, "Cedar Academy", phase=Phase.SECONDARY)


@pytest.fixture
def school_d(la) -> School:
    return make_school(la, 900004, "Damson School", trust_name="Oak Learning Trust")


@pytest.fixture
def cluster(school_a, school_b, school_c) -> Cluster:
    cluster = Cluster.objects.create(name="Testtown Cluster", locality="Testtown")
    for school in (school_a, school_b, school_c):
        Membership.objects.create(cluster=cluster, school=school, status=Membership.Status.MEMBER)
    return cluster


def grant(user: User, role: Role, **scope) -> User:
    RoleGrant.objects.create(user=user, role=role, **scope)
    return user


@pytest.fixture
def outsider(db) -> User:
    return make_user("Olive Outsider")


@pytest.fixture
def school_leader(school_a) -> User:
    return grant(make_user("Sam Leader"), Role.SCHOOL_LEADER, school=school_a)


@pytest.fixture
def governor(school_a) -> User:
    return grant(make_user("Gina Governor"), Role.GOVERNOR, school=school_a)


@pytest.fixture
def reviewer(school_b) -> User:
    user = make_user("Rhys Reviewer")
    ReviewerProfile.objects.create(
        user=user,
        home_school=school_b,
        job_title="Deputy headteacher",
        phases=[Phase.PRIMARY],
        subjects=["Mathematics"],
        years_in_senior_leadership=6,
    )
    return user


@pytest.fixture
def lead_reviewer(school_c, moderator) -> User:
    user = make_user("Lena Lead")
    profile = ReviewerProfile.objects.create(
        user=user,
        home_school=school_c,
        job_title="Headteacher",
        phases=[Phase.SECONDARY, Phase.PRIMARY],
        subjects=["English"],
        years_in_senior_leadership=12,
    )
    today = date.today()
    Accreditation.objects.create(
        reviewer=profile,
        granted_on=today - timedelta(days=30),
        expires_on=today + timedelta(days=700),
        granted_by=moderator,
    )
    return user


@pytest.fixture
def coordinator(cluster) -> User:
    return grant(make_user("Cora Coordinator"), Role.CLUSTER_COORDINATOR, cluster=cluster)


@pytest.fixture
def moderator(db) -> User:
    return grant(make_user("Mo Moderator"), Role.MODERATOR)


@pytest.fixture
def adjudicator(db) -> User:
    return grant(make_user("Ada Adjudicator"), Role.ADJUDICATOR)


@pytest.fixture
def network_admin(db) -> User:
    return grant(make_user("Nia Admin"), Role.NETWORK_ADMIN)


@pytest.fixture
def client_for(db) -> Callable[[User | None], Client]:
    """A test client signed in as the given person (or anonymous for None)."""

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def framework_version(db) -> FrameworkVersion:
    """A published, graded framework: a 4-point scale, 2 areas of 2 strands, one met/not met."""
    framework = Framework.objects.create(slug="test-framework", name="Test framework")
    version = FrameworkVersion.objects.create(
        framework=framework, number=1, status=FrameworkVersion.Status.PUBLISHED
    )
    for position, label in enumerate(["Leading", "Effective", "Working towards", "Ineffective"]):
        ScaleLevel.objects.create(version=version, position=position + 1, label=label)
    for a in (1, 2):
        area = Area.objects.create(version=version, position=a, code=f"A{a}", title=f"Area {a}")
        for s in (1, 2):
            Strand.objects.create(
                area=area,
                position=s,
                code=f"A{a}S{s}",
                title=f"Strand {a}.{s}",
                enquiry_question=f"To what extent does strand {a}.{s} hold?",
                met_or_not_met=(a, s) == (2, 2),
            )
    return version


@pytest.fixture
def review(school_a, cluster, framework_version, reviewer, lead_reviewer) -> Review:
    """A quality assurance review of school A, in planning, led by lead_reviewer with reviewer."""
    monday = date.today() + timedelta(days=14 - date.today().weekday())
    review = Review.objects.create(
        school=school_a,
        cluster=cluster,
        kind=Review.Kind.QUALITY_ASSURANCE,
        framework_version=framework_version,
        start_date=monday,
        days=3,
        focus="Reading in key stage 1",
    )
    TeamMember.objects.create(
        review=review, reviewer=lead_reviewer.reviewer_profile, role=TeamMember.Role.LEAD
    )
    TeamMember.objects.create(
        review=review, reviewer=reviewer.reviewer_profile, role=TeamMember.Role.PEER
    )
    return review


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker) -> demo_copy.Snapshot:
    """The demo network's rows, loaded once per test run when a test first asks for them."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        return demo_copy.build()


@pytest.fixture
def demo_network(db, request) -> Iterator[list[demo_copy.SignIn]]:
    """This test's own copy of the demo network (and nothing else: ask for it before any other
    data); its sign-ins, as load_demo_network returns them.

    COLLEGIUM_DEMO_EACH_TEST=1 loads it afresh in every test instead, as the suite did before
    the copy: only to measure the copy's saving on the same tests (bench/README.md)."""
    if os.environ.get("COLLEGIUM_DEMO_EACH_TEST"):
        hashers = override_settings(PASSWORD_HASHERS=FAST_HASHERS)
        with hashers, TestCase.captureOnCommitCallbacks(execute=True):
            sign_ins = demo_copy.load_demo_network()
        yield sign_ins
    else:
        yield demo_copy.restore(request.getfixturevalue("demo_snapshot"))
    ContentType.objects.clear_cache()  # before the copy is rolled back or flushed
