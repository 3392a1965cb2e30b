"""G1 pages for sharing an audit: with the team of one of the school's reviews, or with the
network's oversight, and withdrawing either."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from collegium import access
from collegium.pages import confirm_page, form_page, posted
from collegium.safeguarding import selectors
from collegium.safeguarding.forms import ShareForm
from collegium.safeguarding.models import SafeguardingAudit
from collegium.safeguarding.services import sharing


def sharing_url(audit: SafeguardingAudit) -> str:
    return reverse("safeguarding:sharing", args=[audit.pk])


@login_required
def sharing_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Who may read the audit beyond the school, and a form to let a review's team read it."""
    audit = access.get_audit_for(request.user, pk, "safeguarding.share")
    return form_page(
        request,
        ShareForm(audit, posted(request)),
        lambda data: sharing.share_for_review(request.user, audit, data["review"]),
        done="The review's team can now read the audit",
        next_url=sharing_url(audit),
        page=lambda: {"audit": audit, "shares": selectors.shares_of(audit)},
        template="safeguarding/sharing.html",
    )


@login_required
def withdraw(request: HttpRequest, pk: int, share_pk: int) -> HttpResponse:
    audit = access.get_audit_for(request.user, pk, "safeguarding.share")
    share = access.get_part(audit.shares.select_related("review"), pk=share_pk)
    return confirm_page(
        request,
        lambda: sharing.withdraw_share(request.user, share),
        done="The review's team can no longer read the audit",
        next_url=sharing_url(audit),
        page={
            "title": "Stop sharing the audit with the review's team",
            "caption": audit.school.name,
            "summary": f"The team of the review starting {share.review.start_date:%-d %B %Y} "
            "will no longer read the audit.",
            "button": "Stop sharing",
            "cancel_url": sharing_url(audit),
        },
    )


@login_required
def oversight(request: HttpRequest, pk: int) -> HttpResponse:
    """Share the whole audit with moderators and network admins, or stop."""
    audit = access.get_audit_for(request.user, pk, "safeguarding.share")
    shared = not audit.shared_with_oversight
    words = "share the audit with" if shared else "stop sharing the audit with"
    return confirm_page(
        request,
        lambda: sharing.share_with_oversight(request.user, audit, shared),
        done="The audit is shared with the network's oversight"
        if shared
        else "The audit is no longer shared with the network's oversight",
        next_url=sharing_url(audit),
        page={
            "title": f"{words[:1].upper()}{words[1:]} the network's oversight",
            "caption": audit.school.name,
            "summary": "Moderators and network admins always see the audit's status. Shared, "
            "they also read its ratings, evidence, notes and actions."
            if shared
            else "Moderators and network admins will see only the audit's status.",
            "button": "Share the audit" if shared else "Stop sharing",
            "cancel_url": sharing_url(audit),
        },
    )
