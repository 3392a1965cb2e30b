"""What the home page asks of people about reports (collegium/todo.py)."""

from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from collegium import access
from collegium.reports.models import Report
from collegium.reports.selectors import unanswered_comments
from collegium.reports.services.check import agreement_refusal
from collegium.reports.services.cycle import check_has_ended
from collegium.reviews.models import Review, TeamMember
from collegium.todo import ToDo
from collegium.types import Person

Status = Report.Status


SHARED_FOR = timedelta(days=365)  # a report shared with governors stays on their list a year


def to_dos(user: Person, today: date) -> list[ToDo]:
    """What the person must do with reports: the school checks the report and agrees its
    summary; the lead writes, answers the school's points and finalises; governors read the
    reports their head shared with them."""
    roles = access.roles_of(user)
    found = _school_to_dos(roles.leads)
    if roles.reviewer_id is not None:
        found += _lead_to_dos(roles.reviewer_id, today)
    return found + _shared_with_governors(roles.governs, today)


def _reports(**scope: Any) -> QuerySet[Report]:
    return Report.objects.filter(**scope).select_related("review__school").order_by("pk")


def _school_to_dos(leads: frozenset[int]) -> list[ToDo]:
    found = []
    for report in _reports(
        review__school_id__in=leads, status__in=[Status.ACCURACY_CHECK, Status.FINAL]
    ):
        school = report.review.school.name
        if report.status == Status.ACCURACY_CHECK and not report.school_has_responded:
            text = f"Check the report on {school}'s review for factual accuracy"
            href = reverse("reports:accuracy-check", args=[report.pk])
            found.append(ToDo(text, href, "report.respond", report, report.accuracy_check_due))
        elif agreement_refusal(report) is None:
            text = f"Agree the public summary of {school}'s review"
            href = reverse("reports:report", args=[report.pk])
            found.append(ToDo(text, href, "report.respond", report))
    return found


def _lead_to_dos(reviewer_id: int, today: date) -> list[ToDo]:
    led = {"review__team__reviewer_id": reviewer_id, "review__team__role": TeamMember.Role.LEAD}
    drafts = _reports(status=Status.DRAFT, review__status=Review.Status.AGREED, **led)
    found = [
        ToDo(
            f"Write the report on {report.review.school.name}'s review and send it to the school",
            reverse("reports:report", args=[report.pk]),
            "report.write",
            report,
        )
        for report in drafts
    ]
    for report in _reports(status=Status.ACCURACY_CHECK, **led):
        if not check_has_ended(report, today):
            continue
        school = report.review.school.name
        if unanswered_comments(report):
            text = f"Answer {school}'s factual accuracy comments"
            href = reverse("reports:comments", args=[report.pk])
        else:
            text = f"Finalise the report on {school}'s review"
            href = reverse("reports:report", args=[report.pk])
        found.append(ToDo(text, href, "report.write", report))
    return found


def _shared_with_governors(governs: frozenset[int], today: date) -> list[ToDo]:
    since = timezone.make_aware(datetime.combine(today - SHARED_FOR, datetime.min.time()))
    reports = _reports(
        review__school_id__in=governs,
        status__in=[Status.FINAL, Status.PUBLISHED],
        finalised_at__gte=since,
    )
    return [
        ToDo(
            f"Read the report on {report.review.school.name}'s review, shared with governors",
            reverse("reports:report", args=[report.pk]),
            "report.view",
            report,
        )
        for report in reports
        if Report.Audience.GOVERNORS in report.shared_with
    ]
