"""What the page benchmarks add to the improvement bench's national network (`Network`): the
people who open pages (reviewers on every team, accredited leads, a coordinator per cluster, a
moderator and a network admin), each review's evidence, proposals and report, and a share of
reviews still in their visit so reviewers have somewhere to write. Written in bulk, seeded."""

import random
from datetime import date, timedelta
from typing import Any

from bench.improvement_network import Network

NOTES_PER_REVIEW = 8
TEXT = (
    "Pupils in Year 4 explained their reasoning clearly; the teacher checked understanding "
    "with every group before moving on. Books show the same approach since September."
)


class VisitNetwork:
    """People and visit records over a generated `Network`: `reviewers`, `leads` (an accredited
    lead reviewer user per review), `coordinators` (a user per cluster), `moderator`,
    `admin`, and `visits` (reviews set back to their visit, with evidence to add to)."""

    def __init__(self, network: Network, visits: int = 200, reviewers: int = 2000) -> None:
        self.network = network
        self.rng: random.Random = network.rng
        self._people(reviewers)
        self._teams()
        self._visits(visits)
        self._evidence()
        self._reports()

    def _users(self, names: list[str]) -> list[Any]:
        from django.contrib.auth.hashers import make_password

        from collegium.accounts.models import User

        password = make_password(None)  # the benchmarks sign in with force_login or a session
        return User.objects.bulk_create(
            (
                User(email=f"{n}@bench.invalid", full_name=n.title(), password=password)
                for n in names
            ),  # fmt: skip
            batch_size=2000,
        )

    def _people(self, count: int) -> None:
        from collegium.people.models import Accreditation, ReviewerProfile, Role, RoleGrant

        homes = sorted(self.network.schools)
        users = self._users([f"reviewer {n}" for n in range(count)])
        self.reviewers = ReviewerProfile.objects.bulk_create(
            (
                ReviewerProfile(
                    user=user,
                    home_school_id=self.rng.choice(homes),
                    job_title="Deputy headteacher",
                    phases=["primary", "secondary"],
                    years_in_senior_leadership=5,
                )
                for user in users
            ),
            batch_size=2000,
        )
        self.lead_profiles = self.reviewers[: count // 4]
        staff = self._users(["moderator", "network admin"])
        self.moderator, self.admin = staff
        RoleGrant.objects.bulk_create(
            [
                RoleGrant(user=self.moderator, role=Role.MODERATOR),
                RoleGrant(user=self.admin, role=Role.NETWORK_ADMIN),
            ]
        )
        today = date.today()
        Accreditation.objects.bulk_create(
            Accreditation(
                reviewer=profile,
                granted_on=today - timedelta(days=400),
                expires_on=today + timedelta(days=700),
                granted_by=self.moderator,
            )
            for profile in self.lead_profiles
        )
        clusters = sorted(set(self.network.cluster_of.values()))
        coordinators = self._users([f"coordinator {pk}" for pk in clusters])
        self.coordinators = dict(zip(clusters, coordinators, strict=True))
        RoleGrant.objects.bulk_create(
            RoleGrant(user=user, role=Role.CLUSTER_COORDINATOR, cluster_id=pk)
            for pk, user in self.coordinators.items()
        )

    def _teams(self) -> None:
        from collegium.reviews.models import TeamMember

        peers = self.reviewers[len(self.lead_profiles) :]
        places = []
        self.team_of: dict[int, list[Any]] = {}
        for review in self.network.reviews:
            lead = self.rng.choice(self.lead_profiles)
            team = [TeamMember(review=review, reviewer=lead, role=TeamMember.Role.LEAD)]
            team += [
                TeamMember(review=review, reviewer=p, role=TeamMember.Role.PEER)
                for p in self.rng.sample(peers, 2)
            ]
            self.team_of[review.pk] = team
            places += team
        TeamMember.objects.bulk_create(places, batch_size=5000)

    def _visits(self, count: int) -> None:
        """The newest `count` reviews go back to their visit: started this week, not agreed."""
        from collegium.reviews.models import Review

        monday = date.today() - timedelta(days=date.today().weekday())
        self.visits = self.network.reviews[:count]
        for review in self.visits:
            review.status, review.start_date, review.days = Review.Status.VISIT, monday, 5
        Review.objects.bulk_update(self.visits, ["status", "start_date", "days"], batch_size=1000)

    def _evidence(self) -> None:
        from collegium.reviews.models import EvidenceNote, JudgementProposal

        notes = []
        for review in self.network.reviews:
            team = self.team_of[review.pk]
            notes += [
                EvidenceNote(review=review, author=self.rng.choice(team), text=TEXT)
                for _ in range(NOTES_PER_REVIEW)
            ]
        notes = EvidenceNote.objects.bulk_create(notes, batch_size=5000)
        strands = self.network.graded + self.network.met_strands
        Tagged = EvidenceNote.strands.through
        Tagged.objects.bulk_create(
            (Tagged(evidencenote_id=n.pk, strand_id=self.rng.choice(strands)) for n in notes),
            batch_size=10000,
        )
        first_note = {n.review_id: n for n in reversed(notes)}
        proposals = JudgementProposal.objects.bulk_create(
            (
                JudgementProposal(
                    review=review,
                    strand_id=strand,
                    proposed_by=self.team_of[review.pk][1],
                    level=2 if strand in self.network.graded else 1,
                    rationale="Seen across lessons and in books.",
                )
                for review in self.network.reviews
                for strand in strands
            ),
            batch_size=5000,
        )
        Cited = JudgementProposal.evidence.through
        Cited.objects.bulk_create(
            (
                Cited(judgementproposal_id=p.pk, evidencenote_id=first_note[p.review_id].pk)
                for p in proposals
            ),
            batch_size=10000,
        )
        self.notes = len(notes)

    def _reports(self) -> None:
        from collegium.reports.models import Report

        visiting = {review.pk for review in self.visits}
        Report.objects.bulk_create(
            (
                Report(
                    review=review,
                    status=Report.Status.DRAFT if review.pk in visiting else Report.Status.FINAL,
                    developmental_report="The school knows itself well.\n\n" + TEXT,
                    summary="Pupils read widely and well.",
                )
                for review in self.network.reviews
            ),
            batch_size=2000,
        )

    @property
    def counts(self) -> dict[str, int]:
        return {
            "reviewers": len(self.reviewers),
            "notes": self.notes,
            "visits": len(self.visits),
        }
