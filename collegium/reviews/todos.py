"""What the home page asks of people in reviews (collegium/todo.py)."""

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from collegium import access
from collegium.people.dates import academic_year_label, current_academic_year
from collegium.reviews.models import Review, TeamMember
from collegium.reviews.services.planning import team_shortfall
from collegium.reviews.services.planning_types import review_dates
from collegium.selfevaluation.models import SelfEvaluation
from collegium.todo import ToDo
from collegium.types import Person

Status = Review.Status


def to_dos(user: Person, today: date) -> list[ToDo]:
    """What the person must do in reviews: heads set the focus and nominee; reviewers prepare
    for their visits and propose judgements; leads answer concerns and agree the judgements;
    coordinators complete their reviews' teams."""
    roles = access.roles_of(user)
    found = _focus_to_set(roles.leads) + _self_evaluations_to_submit(roles.leads)
    found += _teams_to_complete(roles.coordinates)
    if roles.reviewer_id is not None:
        found += _visits_ahead(roles.reviewer_id, today) + _visits_under_way(roles.reviewer_id)
    return found


def _planned(**scope: Any) -> QuerySet[Review]:
    planned = Review.objects.filter(status=Status.PLANNING, **scope).select_related("school")
    return planned.order_by("start_date", "pk")


def _focus_to_set(leads: frozenset[int]) -> list[ToDo]:
    reviews = _planned(school_id__in=leads).filter(Q(focus="") | Q(nominee_name=""))
    return [
        ToDo(
            f"Set the focus and the nominee for {review.school.name}'s review, "
            f"starting {review.start_date:%-d %B %Y}",
            reverse("reviews:focus", args=[review.pk]),
            "review.set_focus",
            review,
            review.start_date,
        )
        for review in reviews
    ]


def _self_evaluations_to_submit(leads: frozenset[int]) -> list[ToDo]:
    """A school with a review planned and no self-evaluation submitted for its academic year
    (the pre-review analysis would read an older one, or none)."""
    found = []
    for review in _planned(school_id__in=leads):
        year = current_academic_year(review.start_date)
        submitted = SelfEvaluation.objects.filter(
            school_id=review.school_id, academic_year=year, status=SelfEvaluation.Status.SUBMITTED
        )
        if not submitted.exists():
            text = (
                f"Submit {review.school.name}'s self-evaluation for {academic_year_label(year)} "
                f"before its review on {review.start_date:%-d %B %Y}"
            )
            href = reverse("selfevaluation:school", args=[review.school_id])
            found.append(ToDo(text, href, "selfevaluation.edit", review.school, review.start_date))
    return found


def _teams_to_complete(clusters: frozenset[int]) -> list[ToDo]:
    found = []
    for review in _planned(cluster_id__in=clusters):
        shortfall = team_shortfall(review)
        if shortfall:
            text = f"{shortfall} for {review.school.name}'s review"
            href = reverse("reviews:team", args=[review.pk])
            found.append(ToDo(text, href, "review.manage_team", review, review.start_date))
    return found


def _visits_ahead(reviewer_id: int, today: date) -> list[ToDo]:
    reviews = _planned(team__reviewer_id=reviewer_id, start_date__gte=today)
    return [
        ToDo(
            f"Read the pre-review analysis before visiting {review.school.name} "
            f"on {review.start_date:%-d %B %Y}",
            reverse("reviews:analysis", args=[review.pk]),
            "review.view",
            review,
            review.start_date,
        )
        for review in reviews
    ]


def _visits_under_way(reviewer_id: int) -> list[ToDo]:
    """Judgements to propose (a reviewer with no proposal yet), and for the lead, concerns to
    answer and the judgements to agree: all due by the visit's last day, when the team leaves."""
    places = TeamMember.objects.filter(reviewer_id=reviewer_id, review__status=Status.VISIT)
    found = []
    for place in places.select_related("review__school").order_by("review__start_date"):
        review, school = place.review, place.review.school.name
        last_day = review_dates(review.start_date, review.days)[-1]
        judgements = reverse("reviews:judgements", args=[review.pk])
        if place.role == TeamMember.Role.LEAD:
            unanswered = review.concerns.filter(response="").count()
            if unanswered:
                concerns = "concern" if unanswered == 1 else f"{unanswered} concerns"
                text = f"Answer {school}'s {concerns}"
                href = reverse("reviews:concerns", args=[review.pk])
                found.append(ToDo(text, href, "review.lead", review, last_day))
            text = f"Agree the judgements and the priority for {school}'s review"
            found.append(ToDo(text, judgements, "review.lead", review, last_day))
        elif not place.proposals.exists():
            text = f"Propose judgements for {school}'s review"
            found.append(ToDo(text, judgements, "review.record_evidence", review, last_day))
    return found
