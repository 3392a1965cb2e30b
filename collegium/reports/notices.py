"""The notifications of a report's cycle: the school's leaders hear when the report is sent for
its factual accuracy check and when the check falls due (a daily task, tasks.py), and the
school's leaders and the cluster's coordinators hear when the summary is published. The lead
hears when a check ends with no response from the school (the same daily task); once the report
is final, the school's leaders hear if they have still to agree the summary, and its governors
when the head has shared it with them (at finalising, or when shared later), as do the people
the head named as readers."""

from collections.abc import Iterable
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from collegium.accounts.models import User
from collegium.links import site_link
from collegium.notifications.models import Notification
from collegium.notifications.services import notify
from collegium.people.models import Role
from collegium.people.selectors import school_leaders
from collegium.reports.models import Report
from collegium.reports.selectors import unanswered_comments
from collegium.reviews.models import TeamMember
from collegium.workingdays import is_working_day

DUE = "accuracy-check-due"
ENDED = "accuracy-check-ended"


def check_sent(report: Report) -> None:
    school = report.review.school
    notify(
        school_leaders(school.pk),
        "accuracy-check-sent",
        subject=f"Check the report on {school.name}'s review for factual accuracy",
        context={"review": report.review, "due": report.accuracy_check_due},
        link=site_link("reports:accuracy-check", report.pk),
    )


def checks_due(today: date) -> QuerySet[Report]:
    """Reports whose check falls due today or has passed, with no response from the school."""
    return Report.objects.filter(
        status=Report.Status.ACCURACY_CHECK,
        accuracy_check_due__lte=today,
        accuracy_checked_at__isnull=True,
    ).select_related("review__school")


def remind_checks_due(today: date | None = None) -> int:
    """Tell each school whose check falls due, once per sending; how many were told. Nothing
    is sent on a weekend or bank holiday."""
    today = today or timezone.localdate()
    if not is_working_day(today):
        return 0
    told = 0
    for report in checks_due(today):
        link = site_link("reports:accuracy-check", report.pk)
        since = report.sent_for_check_at or timezone.now()
        if Notification.objects.filter(event=DUE, link=link, created__gte=since).exists():
            continue
        school = report.review.school
        notify(
            school_leaders(school.pk),
            DUE,
            subject=f"Factual accuracy check due: {school.name}",
            context={"review": report.review, "due": report.accuracy_check_due, "today": today},
            link=link,
        )
        told += 1
    return told


def tell_leads_checks_ended(today: date | None = None) -> int:
    """Tell the lead of each report whose check ended yesterday or before with no response
    from the school, once per sending; how many were told."""
    today = today or timezone.localdate()
    told = 0
    ended = Report.objects.filter(
        status=Report.Status.ACCURACY_CHECK,
        accuracy_check_due__lt=today,
        accuracy_checked_at__isnull=True,
    ).select_related("review__school")
    for report in ended:
        link = site_link("reports:report", report.pk)
        since = report.sent_for_check_at or timezone.now()
        if Notification.objects.filter(event=ENDED, link=link, created__gte=since).exists():
            continue
        school = report.review.school
        notify(
            _leads(report),
            ENDED,
            subject=f"Finalise the report on {school.name}'s review",
            context={
                "review": report.review,
                "due": report.accuracy_check_due,
                "points": len(unanswered_comments(report)),
            },
            link=link,
        )
        told += 1
    return told


def _leads(report: Report) -> QuerySet[User]:
    return User.objects.filter(
        reviewer_profile__team_places__review_id=report.review_id,
        reviewer_profile__team_places__role=TeamMember.Role.LEAD,
    )


def _governors(school_id: int) -> QuerySet[User]:
    return User.objects.filter(
        role_grants__role=Role.GOVERNOR, role_grants__school_id=school_id, is_active=True
    )


def report_finalised(report: Report) -> None:
    """The school's leaders, while the summary waits for their agreement, and the governors if
    the report is already shared with them."""
    review = report.review
    if not report.summary_agreed:
        notify(
            school_leaders(review.school_id),
            "report-finalised",
            subject=f"Agree the public summary of {review.school.name}'s review",
            context={"review": review},
            link=site_link("reports:report", report.pk),
        )
    if Report.Audience.GOVERNORS in report.shared_with:
        shared_with_governors(report)
    shared_with_readers(report, User.objects.filter(pk__in=report.readers.values("user_id")))


def shared_with_governors(report: Report) -> None:
    review = report.review
    notify(
        _governors(review.school_id),
        "report-shared",
        subject=f"Read the report on {review.school.name}'s review",
        context={"review": review},
        link=site_link("reports:report", report.pk),
    )


def shared_with_readers(report: Report, readers: Iterable[User]) -> None:
    review = report.review
    notify(
        readers,
        "report-shared-with-reader",
        subject=f"Read the report on {review.school.name}'s review",
        context={"review": review},
        link=site_link("reports:report", report.pk),
    )


def _coordinators(cluster_id: int | None) -> QuerySet[User]:
    if cluster_id is None:
        return User.objects.none()
    return User.objects.filter(
        role_grants__role=Role.CLUSTER_COORDINATOR,
        role_grants__cluster_id=cluster_id,
        is_active=True,
    )


def summary_published(report: Report) -> None:
    review = report.review
    notify(
        [*school_leaders(review.school_id), *_coordinators(review.cluster_id)],
        "summary-published",
        subject=f"Summary published: {review.school.name}",
        context={"review": review},
        link=site_link("reports:summary", report.pk),
    )
