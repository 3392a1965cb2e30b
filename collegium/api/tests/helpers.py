"""Tokens and requests for the API tests."""

from typing import Any

from django.test import Client
from django.utils import timezone

from collegium.api import services
from collegium.api.models import ApiToken
from collegium.reports.models import Report
from collegium.reviews.models import Review


def token_for(user: Any, scope: str = ApiToken.Scope.WRITE, days: int = 30) -> str:
    return services.create_token(user, "Test system", scope, days)[1]


def call(method: str, path: str, token: str | None = None, body: Any = None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    send = getattr(Client(), method.lower())
    if body is None:
        return send(path, headers=headers)
    return send(path, body, content_type="application/json", headers=headers)


def start_visit(review: Review) -> Review:
    review.status = Review.Status.VISIT
    review.save(update_fields=["status"])
    return review


def publish(review: Review, text: str = "A school where reading thrives.") -> Report:
    report = review.report if hasattr(review, "report") else Report.objects.create(review=review)
    report.summary = text
    report.status = Report.Status.PUBLISHED
    report.published_at = timezone.now()
    report.save()
    return report


def is_problem(response: Any, status: int) -> bool:
    body = response.json()
    return (
        response.status_code == status
        and response["Content-Type"] == "application/problem+json"
        and body["status"] == status
        and {"type", "title", "detail", "instance"} <= set(body)
    )
