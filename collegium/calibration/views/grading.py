"""A reviewer's pages for calibration exercises: their invitations, and grading one
independently. The reference and the group's grades show only after they submit."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from collegium import access
from collegium.calibration import selectors, services
from collegium.calibration.forms import GradesForm
from collegium.calibration.models import CalibrationPack, Invitation, PackItem
from collegium.pages import form_page, posted
from collegium.reviews.services.judgements import level_label
from collegium.types import AuthenticatedHttpRequest


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "calibration.grade")
    context = {"invitations": selectors.invitations_for(request.user)}
    return render(request, "calibration/mine.html", context)


def _radios(form: GradesForm, item: PackItem) -> dict[str, Any]:
    bound = form[f"level_{item.pk}"]
    field: Any = bound.field
    hints = {d.level: d.text for d in item.strand.descriptors.all()}
    chosen = str(bound.value() or "")
    options = [
        {
            "value": value,
            "text": label,
            "checked": str(value) == chosen,
            "hint": {"text": hints[value]} if value in hints else None,
        }
        for value, label in field.choices
    ]
    error = {"text": " ".join(str(e) for e in bound.errors)} if bound.errors else None
    return {
        "name": bound.html_name,
        "idPrefix": bound.html_name,
        "fieldset": {"legend": {"text": bound.label, "classes": "govuk-fieldset__legend--s"}},
        "errorMessage": error,
        "items": options,
    }


def _context(invitation: Invitation, form: GradesForm, items: list[PackItem]) -> dict[str, Any]:
    pack: CalibrationPack = invitation.pack
    submitted = invitation.submitted_at is not None
    group = {row.item.pk: row for row in selectors.results(pack)[0]} if submitted else {}
    own = selectors.own_grades(invitation) if submitted else {}
    version = pack.framework_version
    return {
        "invitation": invitation,
        "pack": pack,
        "form": form,
        "rows": [
            {
                "number": n,
                "item": item,
                "radios": _radios(form, item),
                "group": group.get(item.pk),
                "own": level_label(version, item.strand, own.get(item.pk)),
            }
            for n, item in enumerate(items, start=1)
        ],
        "submitted": submitted,
        "can_grade": not submitted and pack.status == CalibrationPack.Status.OPEN,
    }


@login_required
def grade(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    invitation = access.get_invitation_for(request.user, pk)
    items = selectors.items_of(invitation.pack)
    form = GradesForm(posted(request), invitation.pack, items)
    return form_page(
        request,
        form,
        lambda data: services.submit_grades(request.user, invitation, form.levels()),
        done="Grades submitted: you can now see the reference levels",
        next_url=reverse("calibration:grade", args=[invitation.pk]),
        page=lambda: _context(invitation, form, items),
        template="calibration/grade.html",
    )
