"""RFC 9457 problem details: the one shape of every error the API answers."""

from typing import Any

from django.http import HttpRequest, JsonResponse

CONTENT_TYPE = "application/problem+json"
TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Forbidden",
    404: "Not found",
    409: "Conflict",
    429: "Too many requests",
}


def problem(request: HttpRequest, status: int, detail: str, **extra: Any) -> JsonResponse:
    body = {
        "type": "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "instance": request.path,
        **extra,
    }
    return JsonResponse(body, status=status, content_type=CONTENT_TYPE)
