"""The network the `improvement` bench measures, generated in bulk over real open schools of the
register: agreed cluster reviews judged on every strand, findings, action plans with support
needs, standing offers, requests and a school leader for each school involved."""

import argparse
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

FRAMEWORK = "national-areas"  # five-point scale and a met / not met strand
MAPPED_FRAMEWORK = "peer-estimate"  # some offers are on its strands, found through the crosswalk
PHASES = ("primary", "secondary", "all-through", "middle")  # the schools peer review works with
EXCELLENCE = "Strong, well-led practice that other schools visit."


class Network:
    """The generated network, written in bulk. Schools are real open schools of the register
    that have a census; levels follow a hidden school effect, so a school's strands hang
    together and its priority is one of its weakest strands."""

    def __init__(self, rng: random.Random, args: argparse.Namespace) -> None:
        self.rng = rng
        self.args = args
        self.today = date.today()
        self._choose_schools()
        self._frameworks()
        self._leaders()
        self._clusters()
        self._reviews()
        self._judgements_and_findings()
        self._plans()
        self._offers()
        self._requests()

    def _choose_schools(self) -> None:
        from collegium.schools.models import Census, School

        with_census = set(Census.objects.values_list("school_id", flat=True).distinct())
        open_schools = sorted(
            urn
            for urn in School.objects.filter(is_open=True, phase__in=PHASES).values_list(
                "urn", flat=True
            )
            if urn in with_census
        )
        self.reviewed = self.rng.sample(open_schools, self.args.reviews)
        # Half the offers come from reviewed schools, half from schools not yet reviewed.
        chosen = set(self.reviewed)
        others = [urn for urn in open_schools if urn not in chosen]
        half = self.args.offers // 2
        self.offering = self.rng.sample(self.reviewed, half) + self.rng.sample(
            others, self.args.offers - half
        )
        self.schools = School.objects.in_bulk(set(self.reviewed) | set(self.offering))

    def _frameworks(self) -> None:
        from collegium.frameworks.models import FrameworkVersion, Strand

        self.version = FrameworkVersion.objects.get(framework__slug=FRAMEWORK, number=1)
        strands = list(Strand.objects.filter(area__version=self.version))
        self.graded = [s.pk for s in strands if not s.met_or_not_met]
        self.met_strands = [s.pk for s in strands if s.met_or_not_met]
        self.mapped = list(
            Strand.objects.filter(
                area__version__framework__slug=MAPPED_FRAMEWORK, maps_to__isnull=False
            )
            .distinct()
            .values_list("pk", flat=True)
        )

    def _leaders(self) -> None:
        from django.contrib.auth.hashers import make_password

        from collegium.accounts.models import User
        from collegium.people.models import Role, RoleGrant

        password = make_password(None)  # nobody signs in with a password: the client logs in
        urns = sorted(self.schools)
        users = User.objects.bulk_create(
            User(
                email=f"head.{urn}@bench.invalid",
                full_name=f"Head of {self.schools[urn].name}",
                password=password,
            )
            for urn in urns
        )
        self.leader = dict(zip(urns, users, strict=True))
        RoleGrant.objects.bulk_create(
            RoleGrant(user=user, role=Role.SCHOOL_LEADER, school_id=urn)
            for urn, user in self.leader.items()
        )

    def _clusters(self) -> None:
        from django.utils import timezone

        from collegium.clusters.models import Cluster, Membership

        size = self.args.cluster_size
        groups = [self.reviewed[i : i + size] for i in range(0, len(self.reviewed), size)]
        clusters = Cluster.objects.bulk_create(
            Cluster(name=f"Bench cluster {n + 1}") for n in range(len(groups))
        )
        joined = timezone.now() - timedelta(days=3 * 365)
        self.cluster_of: dict[int, int] = {}
        memberships = []
        for cluster, group in zip(clusters, groups, strict=True):
            for urn in group:
                self.cluster_of[urn] = cluster.pk
                memberships.append(
                    Membership(
                        cluster=cluster,
                        school_id=urn,
                        status=Membership.Status.MEMBER,
                        joined_at=joined,
                    )
                )
        Membership.objects.bulk_create(memberships)

    def _reviews(self) -> None:
        from collegium.reviews.models import Review

        first, days = date(2016, 10, 3), (date(2019, 7, 12) - date(2016, 10, 3)).days
        reviews = []
        for urn in self.reviewed:
            start = first + timedelta(days=self.rng.randrange(days))
            start -= timedelta(days=max(0, start.weekday() - 3))  # Monday to Thursday
            reviews.append(
                Review(
                    school_id=urn,
                    cluster_id=self.cluster_of[urn],
                    kind=Review.Kind.CLUSTER,
                    framework_version=self.version,
                    status=self.rng.choice((Review.Status.AGREED, Review.Status.CLOSED)),
                    start_date=start,
                    days=2,
                )
            )
        self.reviews = Review.objects.bulk_create(reviews, batch_size=1000)

    def _judgements_and_findings(self) -> None:
        from collegium.frameworks.models import MET, NOT_MET
        from collegium.reviews.models import Findings, Judgement

        rng = self.rng
        judgements, findings = [], []
        self.weakest: dict[int, list[int]] = {}  # review id → graded strands, weakest first
        for review in self.reviews:
            effect = rng.gauss(0, 0.8)
            levels = {
                pk: min(5, max(1, round(2.6 + effect + rng.gauss(0, 0.7)))) for pk in self.graded
            }
            for pk, level in levels.items():
                judgements.append(_judgement(Judgement, review, pk, level))
            for pk in self.met_strands:
                level = MET if rng.random() < 0.97 else NOT_MET
                judgements.append(_judgement(Judgement, review, pk, level))
            order = sorted(self.graded, key=lambda pk: (-levels[pk], rng.random()))
            self.weakest[review.pk] = order
            best = order[-1]
            excellent = levels[best] == 1 or (levels[best] == 2 and rng.random() < 0.3)
            findings.append(
                Findings(
                    review=review,
                    strengths="Generated for the benchmark.",
                    areas_to_develop="Generated for the benchmark.",
                    excellence_strand_id=best if excellent else None,
                    area_of_excellence=EXCELLENCE if excellent else "",
                    priority_strand_id=order[0],
                    improvement_priority="Raise the weakest strand to secure.",
                )
            )
        Judgement.objects.bulk_create(judgements, batch_size=5000)
        Findings.objects.bulk_create(findings, batch_size=1000)
        self.judgements = len(judgements)

    def _plans(self) -> None:
        from collegium.improvement.models import (
            Action,
            ActionPlan,
            Milestone,
            SuccessMeasure,
            SupportNeed,
        )

        rng = self.rng
        plans = ActionPlan.objects.bulk_create(
            (
                ActionPlan(
                    review=review,
                    priority_strand_id=self.weakest[review.pk][0],
                    priority="Raise the weakest strand to secure.",
                    status=ActionPlan.Status.ACTIVE,
                    created_by=self.leader[review.school_id],
                )
                for review in self.reviews
            ),
            batch_size=1000,
        )
        actions = Action.objects.bulk_create(
            (
                Action(
                    plan=plan,
                    description="Staff meetings on the priority",
                    owner=self.leader[review.school_id],
                )
                for plan, review in zip(plans, self.reviews, strict=True)
            ),
            batch_size=1000,
        )
        milestones, measures, needs = [], [], []
        for plan, action, review in zip(plans, actions, self.reviews, strict=True):
            milestones += [
                Milestone(
                    action=action,
                    description="Approach agreed",
                    due_on=self.today - timedelta(days=rng.randrange(1, 60)),
                    status=Milestone.Status.DONE,
                ),
                Milestone(
                    action=action,
                    description="Every class follows it",
                    due_on=self.today + timedelta(days=rng.randrange(-20, 120)),
                ),
            ]
            phase = self.schools[review.school_id].phase
            figure = "ks4_attainment_8" if phase == "secondary" else "ks2_expected"
            measures.append(
                SuccessMeasure(
                    plan=plan,
                    kind=SuccessMeasure.Kind.CONTEXT,
                    context_figure=figure,
                    description="The published figure rises",
                )
            )
            weakest = self.weakest[review.pk]
            for strand in weakest[: 1 + (rng.random() < 0.5)]:
                needs.append(
                    SupportNeed(
                        plan=plan,
                        strand_id=strand,
                        description="Visits to a school strong in this",
                        days_wanted=Decimal(rng.choice(("1", "2", "3"))),
                    )
                )
        Milestone.objects.bulk_create(milestones, batch_size=2000)
        SuccessMeasure.objects.bulk_create(measures, batch_size=2000)
        self.needs = SupportNeed.objects.bulk_create(needs, batch_size=2000)
        self.plans = plans
        self.needs_of: dict[int, list[Any]] = {}
        for need in self.needs:
            self.needs_of.setdefault(need.plan_id, []).append(need)

    def _offers(self) -> None:
        from collegium.support.models import StandingOffer

        rng = self.rng
        offers = []
        for urn in self.offering:
            mapped = self.mapped and rng.random() < 0.2
            offers.append(
                StandingOffer(
                    school_id=urn,
                    strand_id=rng.choice(self.mapped if mapped else self.graded),
                    description="Our lead for this can host visits and share planning.",
                    days_available=Decimal(rng.choice(("1", "2", "2.5", "5"))),
                    is_open=rng.random() < 0.9,
                    created_by=self.leader[urn],
                )
            )
        self.offers = StandingOffer.objects.bulk_create(offers, batch_size=1000)

    def _requests(self) -> None:
        """A request to one or two offering schools for a third of the needs."""
        from collegium.support.models import SupportRequest

        rng = self.rng
        statuses = [s for s, _ in SupportRequest.Status.choices]
        requests = []
        school_of = {plan.pk: plan.review.school_id for plan in self.plans}
        for need in rng.sample(self.needs, len(self.needs) // 3):
            asking = school_of[need.plan_id]
            for urn in rng.sample(self.offering, 2)[: rng.choice((1, 2))]:
                if urn != asking:
                    requests.append(
                        SupportRequest(
                            need=need,
                            offering_school_id=urn,
                            message="Could we visit?",
                            status=rng.choice(statuses),
                            sent_by=self.leader[asking],
                        )
                    )
        SupportRequest.objects.bulk_create(requests, batch_size=2000)
        self.requests = len(requests)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "reviews": len(self.reviews),
            "judgements": self.judgements,
            "offers": len(self.offers),
            "needs": len(self.needs),
            "requests": self.requests,
            "leaders": len(self.leader),
        }


def _judgement(model: Any, review: Any, strand: int, level: int) -> Any:
    return model(review=review, strand_id=strand, level=level, rationale="Generated.")
