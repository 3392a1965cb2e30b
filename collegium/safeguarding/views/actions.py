"""G1 pages of an audit's actions: add one to a red or amber item, and move one on."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from collegium import access
from collegium.pages import form_page, posted
from collegium.safeguarding import selectors
from collegium.safeguarding.forms import ActionForm, ActionStatusForm
from collegium.safeguarding.services import actions
from collegium.safeguarding.views.audits import audit_url


@login_required
def add_action(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    audit = access.get_audit_for(request.user, pk, "safeguarding.audit")
    item = access.get_part(selectors.items_of(audit), pk=item_pk)

    def apply(data: dict[str, Any]) -> Any:
        return actions.add_action(request.user, audit, item, **data)

    return form_page(
        request,
        ActionForm(audit, posted(request)),
        apply,
        done=f"The action for {item.code} has been added",
        next_url=f"{audit_url(audit)}#item-{item.code}",
        page={"audit": audit, "item": item},
        template="safeguarding/add_action.html",
    )


@login_required
def action(request: HttpRequest, pk: int) -> HttpResponse:
    """An action, and its status for those who audit the school."""
    found = access.get_audit_action_for(request.user, pk, "safeguarding.view")
    if request.method == "POST":  # those who only read it are refused (403)
        access.require(request.user, "safeguarding.audit", found.audit)
    editable = access.can(request.user, "safeguarding.audit", found.audit) and found.is_open
    return form_page(
        request,
        ActionStatusForm(posted(request), initial={"status": found.status}),
        lambda data: actions.update_action(request.user, found, status=data["status"]),
        done="The action has been updated",
        next_url=reverse("safeguarding:action", args=[found.pk]),
        page={"action": found, "audit": found.audit, "editable": editable},
        template="safeguarding/action.html",
    )
