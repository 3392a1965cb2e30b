"""Reviews whose judgements are agreed, led by a given lead, and answered surveys about them."""

from datetime import date, timedelta
from itertools import count

from collegium.accounts.models import User
from collegium.frameworks.models import FrameworkVersion, Strand
from collegium.people.models import Accreditation, ReviewerProfile
from collegium.reviews.models import Judgement, Review, TeamMember
from collegium.schools.models import LocalAuthority, Phase, School
from collegium.surveys.models import QUESTIONS, ReviewSurvey
from conftest import make_school, make_user

_urns = count(910001)


def accredited_lead(name: str, home: School, moderator: User) -> User:
    user = make_user(name)
    profile = ReviewerProfile.objects.create(
        user=user,
        home_school=home,
        job_title="Headteacher",
        phases=[Phase.PRIMARY],
        years_in_senior_leadership=10,
    )
    today = date.today()
    Accreditation.objects.create(
        reviewer=profile,
        granted_on=today - timedelta(days=400),
        expires_on=today + timedelta(days=300),
        granted_by=moderator,
    )
    return user


def agreed_review(
    lead: User,
    version: FrameworkVersion,
    school: School | None = None,
    status: str = Review.Status.AGREED,
) -> Review:
    """A review of a new school (or the one given), led by `lead`, with a judgement agreed."""
    if school is None:
        la = LocalAuthority.objects.get_or_create(code=889, name="Surveyshire")[0]
        urn = next(_urns)
        school = make_school(la, urn, f"School {urn}")
    review = Review.objects.create(
        school=school,
        kind=Review.Kind.QUALITY_ASSURANCE,
        framework_version=version,
        start_date=date.today() - timedelta(days=30),
        days=2,
        status=status,
    )
    TeamMember.objects.create(
        review=review, reviewer=lead.reviewer_profile, role=TeamMember.Role.LEAD
    )
    strand = Strand.objects.filter(area__version=version)[0]
    Judgement.objects.create(review=review, strand=strand, level=2, rationale="Seen in lessons")
    return review


def answer(review: Review, *ratings: int, by: User | None = None) -> ReviewSurvey:
    """An answered survey with the given ratings, in QUESTIONS order (4 for every one not given)."""
    values = list(ratings) + [4] * (len(QUESTIONS) - len(ratings))
    fields = {q.field: value for q, value in zip(QUESTIONS, values, strict=True)}
    return ReviewSurvey.objects.create(review=review, answered_by=by, **fields)
