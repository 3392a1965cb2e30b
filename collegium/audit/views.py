from collections.abc import Callable
from typing import Any

from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from collegium import access
from collegium.audit.selectors import visible_page
from collegium.audit.services import history_of
from collegium.pagination import paginate

# Objects whose history has a page, and the access call that guards each.
_GUARDS: dict[str, Callable[[Any, str], models.Model]] = {
    "schools.school": lambda user, pk: access.get_school_for(user, pk, "school.history"),
    "clusters.cluster": lambda user, pk: access.get_cluster_for(user, pk, "cluster.history"),
    "people.reviewerprofile": lambda user, pk: access.get_reviewer_for(
        user, pk, "reviewer.history"
    ),
    "reviews.review": lambda user, pk: access.get_review_for(user, pk, "review.view"),
}


def history(request: HttpRequest, object_type: str, object_id: str) -> HttpResponse:
    guard = _GUARDS.get(object_type)
    if guard is None:
        raise Http404
    obj = guard(request.user, object_id)
    page, pagination = paginate(request, history_of(obj))
    context = {
        "object": obj,
        "page": page,
        "pagination": pagination,
        "events": visible_page(request.user, list(page.object_list)),
    }
    return render(request, "audit/history.html", context)
