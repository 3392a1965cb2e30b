"""A generated network of agreed reviews, written in bulk, for the consistency tests.

Each school's judgements follow its value added; reviewer 0 is much harsher than the rest,
so the severity model should flag them.
"""

from datetime import date

import numpy as np

from collegium.accounts.models import User
from collegium.clusters.models import Cluster
from collegium.frameworks.models import FrameworkVersion, Strand
from collegium.people.models import ReviewerProfile
from collegium.reviews.models import Judgement, JudgementProposal, Review, TeamMember
from collegium.schools.models import Census, Finance, KeyStage2Result, LocalAuthority, School

TERM_STARTS = (date(2025, 10, 6), date(2026, 2, 2))


def _schools(la: LocalAuthority, n: int, rng: np.random.Generator) -> list[School]:
    schools = School.objects.bulk_create(
        School(urn=800000 + i, name=f"Generated School {i}", local_authority=la) for i in range(n)
    )
    progress = rng.normal(0, 2, n)
    Census.objects.bulk_create(
        Census(
            school=s,
            year=2025,
            pct_fsm_ever=float(rng.uniform(5, 50)),
            pct_sen_support=float(rng.uniform(5, 25)),
        )
        for s in schools
    )
    KeyStage2Result.objects.bulk_create(
        KeyStage2Result(
            school=s,
            year=2025,
            reading_progress=float(p),
            writing_progress=float(p),
            maths_progress=float(p),
        )
        for s, p in zip(schools, progress, strict=True)
    )
    Finance.objects.bulk_create(
        Finance(school=s, year=2025, income_per_pupil=5000 + 10 * i) for i, s in enumerate(schools)
    )
    return schools


def _reviewers(home: School, n: int) -> list[ReviewerProfile]:
    users = User.objects.bulk_create(
        User(email=f"generated{i}@example.org", full_name=f"Generated Reviewer {i}")
        for i in range(n)
    )
    return ReviewerProfile.objects.bulk_create(
        ReviewerProfile(user=u, home_school=home, job_title="Deputy", years_in_senior_leadership=5)
        for u in users
    )


def build_network(
    version: FrameworkVersion,
    cluster: Cluster | None,
    la: LocalAuthority,
    n_schools: int = 36,
    n_reviewers: int = 8,
    seed: int = 0,
) -> list[Review]:
    """Closed reviews of ``n_schools`` schools, teams of three, over two terms."""
    rng = np.random.default_rng(seed)
    schools = _schools(la, n_schools, rng)
    profiles = _reviewers(schools[0], n_reviewers)
    reviews = Review.objects.bulk_create(
        Review(
            school=s,
            cluster=cluster,
            kind=Review.Kind.CLUSTER,
            framework_version=version,
            status=Review.Status.CLOSED,
            start_date=TERM_STARTS[i % 2],
            days=2,
        )
        for i, s in enumerate(schools)
    )
    strands = list(Strand.objects.filter(area__version=version))
    severity = np.zeros(n_reviewers)
    severity[0] = 1.5
    members, proposals, judgements = [], [], []
    for i, review in enumerate(reviews):
        team = (
            [0, *rng.choice(np.arange(1, n_reviewers), 2, replace=False)]
            if i % 2
            else list(rng.choice(np.arange(1, n_reviewers), 3, replace=False))
        )
        quality = 0.5 * float(np.mean(_progress(review.school)))
        for j, r in enumerate(team):
            role = TeamMember.Role.LEAD if j == 0 else TeamMember.Role.PEER
            members.append(TeamMember(review=review, reviewer=profiles[r], role=role))
        for strand in strands:
            latent = quality + rng.normal(0, 0.3)
            judgements.append(_judgement(review, strand, latent))
            for r in team:
                level = _level(strand, latent - severity[r] + rng.normal(0, 0.3))
                proposals.append((review, strand, r, level))
    TeamMember.objects.bulk_create(members)
    place = {(m.review_id, m.reviewer_id): m for m in TeamMember.objects.all()}
    JudgementProposal.objects.bulk_create(
        JudgementProposal(
            review=rv,
            strand=st,
            proposed_by=place[(rv.pk, profiles[r].pk)],
            level=lv,
            rationale="Generated",
        )
        for rv, st, r, lv in proposals
    )
    Judgement.objects.bulk_create(judgements)
    return reviews


def _progress(school: School) -> list[float]:
    result = school.ks2_results.get()
    return [result.reading_progress or 0.0]


def _level(strand: Strand, latent: float) -> int:
    """Latent score → stored level (1 = strongest); met / not met strands are mostly met."""
    if strand.met_or_not_met:
        return 1 if latent > -2 else 2
    value = 1 + int(np.digitize(latent, [-1.0, 0.0, 1.0]))  # 1 weakest … 4 strongest
    return 5 - value


def _judgement(review: Review, strand: Strand, latent: float) -> Judgement:
    return Judgement(review=review, strand=strand, level=_level(strand, latent), rationale="Agreed")
