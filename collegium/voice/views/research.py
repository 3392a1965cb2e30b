"""V2 the pupils' own research for a review: the team and the school read it; the school's
leaders write it up and choose whether the report's appendix shows it."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from collegium import access
from collegium.pages import form_page, posted, render_page
from collegium.voice import selectors
from collegium.voice.forms import ResearchForm
from collegium.voice.services import research

FIELDS = ("question", "method", "findings", "recommendations", "presented_on", "in_report")


@require_GET
@login_required
def research_page(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk)
    context = {
        "review": review,
        "research": selectors.research_of(review.pk),
        "may_edit": access.can(request.user, "voice.research", review),
    }
    return render_page(request, "voice/research.html", context)


@login_required
def edit_research(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "voice.research")
    found = selectors.research_of(review.pk)
    initial: dict[str, Any] = {name: getattr(found, name) for name in FIELDS} if found else {}
    page_url = reverse("voice:research", args=[review.pk])
    return form_page(
        request,
        ResearchForm(posted(request), initial=initial),
        lambda data: research.save_research(request.user, review, **data),
        done="The pupils' research has been saved",
        next_url=page_url,
        page={
            "title": "The pupils' research",
            "caption": review.school.name,
            "intro": [
                "Pupils choose a question about their school, find out the answer their own way "
                "and present what they found to the review team during the visit."
            ],
            "cancel_url": page_url,
        },
    )
