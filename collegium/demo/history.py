"""The demo network's earlier year: agreed reviews of real schools in 2025/26, so the
consistency pages (reliability, reviewer severity, the bias audit) have figures to show.

These stand for the network's records from before it used Collegium, so they are written in
bulk rather than through the review services (which would also demand self-evaluations,
timetables and reports that such records do not have). Each school's judgements follow its
real key stage 2 progress plus noise; the demo reviewers propose, one of them more harshly.
Each review's findings name its weakest strand as the priority and its strongest as an area
of excellence.
"""

from datetime import date

import numpy as np

from collegium.clusters.models import Membership
from collegium.frameworks.models import FrameworkVersion, Strand
from collegium.people.models import ReviewerProfile
from collegium.reviews.models import Findings, Judgement, JudgementProposal, Review, TeamMember
from collegium.schools.models import Phase, School
from collegium.words import lower_first

TERMS = (date(2025, 10, 6), date(2026, 2, 2), date(2026, 5, 11))  # 2025/26, one a term
SCHOOLS = 60
HARSH = "Tom Okafor"  # the reviewer whose proposals run a level below the team's


def build_history(version: FrameworkVersion, seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    reviewers = list(ReviewerProfile.objects.select_related("user").order_by("pk"))
    leads = [r for r in reviewers if r.accreditations.exists()]
    strands = list(Strand.objects.filter(area__version=version, met_or_not_met=False))
    for index, school in enumerate(_schools()):
        lead = leads[index % len(leads)]
        peers = rng.choice([r for r in reviewers if r not in leads], 2, replace=False)
        review = Review.objects.create(
            school=school,
            kind=Review.Kind.QUALITY_ASSURANCE,
            framework_version=version,
            status=Review.Status.CLOSED,
            start_date=TERMS[index % len(TERMS)],
            days=3,
            focus="Earlier review, from the network's records",
        )
        team = [TeamMember(review=review, reviewer=lead, role=TeamMember.Role.LEAD)] + [
            TeamMember(review=review, reviewer=p, role=TeamMember.Role.PEER) for p in peers
        ]
        TeamMember.objects.bulk_create(team)
        _judge(review, team, strands, _quality(school), rng)


def _schools() -> list[School]:
    """Open primary schools with progress and census figures, outside the demo clusters."""
    in_clusters = Membership.objects.values("school_id")
    return list(
        School.objects.filter(
            phase=Phase.PRIMARY,
            is_open=True,
            ks2_results__reading_progress__isnull=False,
            censuses__isnull=False,
        )
        .exclude(urn__in=in_clusters)
        .distinct()
        .order_by("urn")[:SCHOOLS]
    )


def _quality(school: School) -> float:
    result = school.ks2_results.exclude(reading_progress=None).order_by("-year").first()
    assert result is not None
    measures = [result.reading_progress, result.writing_progress, result.maths_progress]
    return float(np.mean([m for m in measures if m is not None])) / 2


def _judge(
    review: Review,
    team: list[TeamMember],
    strands: list[Strand],
    quality: float,
    rng: np.random.Generator,
) -> None:
    proposals, judgements = [], []
    for strand in strands:
        latent = quality + rng.normal(0, 0.4)
        judgements.append(
            Judgement(review=review, strand=strand, level=_level(latent), rationale="Agreed")
        )
        for member in team:
            harsh = 1.0 if member.reviewer.user.full_name == HARSH else 0.0
            level = _level(latent - harsh + rng.normal(0, 0.4))
            proposals.append(
                JudgementProposal(
                    review=review,
                    strand=strand,
                    proposed_by=member,
                    level=level,
                    rationale="From the network's records",
                )
            )
    JudgementProposal.objects.bulk_create(proposals)
    Judgement.objects.bulk_create(judgements)
    _find(review, judgements)


def _find(review: Review, judgements: list[Judgement]) -> None:
    """The priority is the weakest strand and the area of excellence the strongest (ties go to
    the first in the framework), as the network's records would have it."""
    weakest = max(judgements, key=lambda j: j.level or 0).strand
    strongest = min(judgements, key=lambda j: j.level or 0).strand
    Findings.objects.create(
        review=review,
        strengths="From the network's records.",
        areas_to_develop="From the network's records.",
        priority_strand=weakest,
        improvement_priority=f"Improve {lower_first(weakest.title)}.",
        excellence_strand=strongest if strongest != weakest else None,
        area_of_excellence=f"{strongest.title}." if strongest != weakest else "",
    )


def _level(latent: float) -> int:
    """A latent score to a level of the four-point scale: 1 strongest … 4 weakest."""
    return 4 - int(np.digitize(latent, [-1.0, 0.0, 1.0]))
