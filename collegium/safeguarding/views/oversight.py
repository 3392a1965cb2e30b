"""G1 external oversight: every school's safeguarding status across the network (never its
notes), schools flagged with no audit reviewed by their board in 12 months, and visits."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from collegium import access
from collegium.pages import form_page, posted, render_page
from collegium.pagination import paginate
from collegium.safeguarding import selectors
from collegium.safeguarding.forms import VisitForm
from collegium.safeguarding.services import oversight as services


@require_GET
@login_required
def oversight(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "safeguarding.oversee")
    today = timezone.localdate()
    flagged_only = request.GET.get("show") == "flagged"
    page, pagination = paginate(request, selectors.network_schools(today, flagged_only))
    context = {
        "page": page,
        "pagination": pagination,
        "statuses": selectors.statuses_of(page.object_list, today),
        "flagged": selectors.flagged_count(today),
        "flagged_only": flagged_only,
    }
    return render_page(request, "safeguarding/oversight.html", context)


@login_required
def record_visit(request: HttpRequest, urn: int) -> HttpResponse:
    school = access.get_school_for(request.user, urn, "safeguarding.oversee")

    def apply(data: dict[str, Any]) -> Any:
        return services.record_visit(request.user, school, **data)

    return form_page(
        request,
        VisitForm(posted(request)),
        apply,
        done="The oversight visit has been recorded",
        next_url=reverse("safeguarding:school", args=[school.pk]),
        page={
            "title": "Record an oversight visit",
            "caption": school.name,
            "button": "Record the visit",
            "cancel_url": reverse("safeguarding:school", args=[school.pk]),
        },
    )
