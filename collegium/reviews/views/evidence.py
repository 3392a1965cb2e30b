"""R4 evidence pages: the team's quick notes (phone first), their author's changes, the autosave
endpoint used by static/reviews/evidence.js, and the notes seen through another framework."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from collegium import access
from collegium.frameworks.models import Area, Strand
from collegium.frameworks.selectors import crosswalk_targets, published_versions
from collegium.pages import form_page, json_answer, posted, render_page
from collegium.reviews.forms.visit import EvidenceForm
from collegium.reviews.models import EvidenceNote, Review
from collegium.reviews.selectors import notes_for, reads_evidence
from collegium.reviews.services import evidence as services
from collegium.types import AuthenticatedHttpRequest
from collegium.voice.selectors import strands_heard

OVERWRITE = (
    "Save again to replace their version with yours, or open the note again to start from theirs."
)


@dataclass(frozen=True)
class Mapped:
    """A strand of another framework and this review's notes that bear on it."""

    strand: Strand
    notes: list[EvidenceNote]


def _areas(review: Review) -> list[Area]:
    return list(review.framework_version.areas.prefetch_related("strands"))


def _chosen(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isascii() and value.isdigit() else None


def _crosswalk(review: Review, notes: list[EvidenceNote], version_id: int | None) -> Any:
    """The other published versions, the one chosen, and the notes under its strands."""
    versions = [v for v in published_versions() if v.pk != review.framework_version_id]
    version = next((v for v in versions if v.pk == version_id), None)
    if version is None:
        return versions, None, []
    by_strand: dict[int, list[EvidenceNote]] = {}
    note_strands = {n.pk: [s.pk for s in n.strands.all()] for n in notes}
    targets = crosswalk_targets({pk for ids in note_strands.values() for pk in ids}, version)
    for note in notes:
        for strand_id in note_strands[note.pk]:
            for target in targets.get(strand_id, []):
                by_strand.setdefault(target.pk, [])
                if note not in by_strand[target.pk]:
                    by_strand[target.pk].append(note)
    strands = Strand.objects.filter(area__version=version).select_related("area")
    rows = [Mapped(strand, by_strand[strand.pk]) for strand in strands if strand.pk in by_strand]
    return versions, version, rows


def _notes_page(request: HttpRequest, review: Review, **extra: Any) -> dict[str, Any]:
    notes = notes_for(request.user, review)  # none for the school during the visit
    strand_filter = _chosen(request, "strand")
    versions, version, mapped = _crosswalk(review, notes, _chosen(request, "framework"))
    return {
        "review": review,
        "areas": _areas(review),
        "notes": [n for n in notes if not strand_filter or strand_filter in _ids(n)],
        "notes_shown": reads_evidence(request.user, review),
        "strand_filter": strand_filter,
        "versions": versions,
        "other_version": version,
        "mapped": mapped,
        "closed_reason": services.REFUSALS.get(Review.Status(review.status)),
        "when": when,
        **extra,
    }


def when(moment: Any) -> str:
    """A moment as people in England read it: "10:42 on 23 November 2026"."""
    local = timezone.localtime(moment)
    return f"{local:%H:%M} on {local:%-d %B %Y}"


def _ids(note: EvidenceNote) -> list[int]:
    return [s.pk for s in note.strands.all()]


def _save(request: AuthenticatedHttpRequest, review: Review, form: EvidenceForm) -> EvidenceNote:
    """Record a new note, or change one, from a valid form; services refuse what breaks a rule."""
    data = form.cleaned_data
    strand_ids = [strand.pk for strand in data["strands"]]
    if data["note"]:
        note = access.get_part(review.evidence, pk=data["note"])
        return services.edit_evidence(
            request.user,
            note,
            data["text"],
            strand_ids,
            data["base_revision"] or 0,
            form.chosen_activity(),
        )
    place = services.place_of(request.user, review)
    if place is None:
        raise PermissionDenied
    return services.record_evidence(
        request.user,
        review,
        place,
        data["text"],
        strand_ids,
        form.chosen_activity(),
        client_key=data["client_key"],
    )


def _refused(request: HttpRequest, form: EvidenceForm) -> Callable[[ValidationError], None]:
    """Put the refusal on the form; on a conflict, base the form on the version now saved, so
    saving again is a choice made having seen theirs."""

    def refused(error: ValidationError) -> None:
        if not isinstance(error, services.EvidenceConflict):
            form.add_error(None, error)
            return
        form.add_error(None, f"{error.message} {OVERWRITE}")
        data = request.POST.copy()
        data["base_revision"] = str(error.note.revision)
        form.data = data

    return refused


def _note_form(
    request: AuthenticatedHttpRequest,
    review: Review,
    form: EvidenceForm,
    template: str,
    **extra: Any,
) -> HttpResponse:
    """Save a note from the form, or show the page again with the form and the refusal."""
    return form_page(
        request,
        form,
        lambda _: _save(request, review, form),
        done="Your note has been saved",
        next_url=reverse("reviews:evidence", args=[review.pk]),
        page=lambda: _notes_page(request, review, **extra),
        template=f"reviews/{template}",
        refused=_refused(request, form),
    )


@login_required
def evidence(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk)
    if request.method == "POST":
        access.require(request.user, "review.record_evidence", review)
        return _note_form(request, review, EvidenceForm(review, request.POST), "evidence.html")
    recording = access.can(request.user, "review.record_evidence", review)
    quick = EvidenceForm(review) if recording and review.status == Review.Status.VISIT else None
    context = _notes_page(request, review, form=quick)
    heard = strands_heard(review.school_id, review.framework_version)  # the community's voice
    return render_page(request, "reviews/evidence.html", context | {"heard": heard})


@login_required
def change_evidence(request: AuthenticatedHttpRequest, pk: int, note_pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.record_evidence")
    note = access.get_part(review.evidence.select_related("author__reviewer"), pk=note_pk)
    if note.author.reviewer.user_id != request.user.pk:
        raise PermissionDenied
    initial = {
        "text": note.text,
        "strands": _ids(note),
        "activity": note.activity_id,
        "note": note.pk,
        "base_revision": note.revision,
    }
    form = EvidenceForm(review, posted(request), initial=initial)
    return _note_form(request, review, form, "evidence_change.html", note=note)


def _errors(form: EvidenceForm) -> dict[str, list[str]]:
    return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


@require_POST
@login_required
def save_evidence(request: AuthenticatedHttpRequest, pk: int) -> JsonResponse:
    """The autosave endpoint: 200 with the new revision, 400 with errors, 409 on a conflict."""
    review = access.get_review_for(request.user, pk, "review.record_evidence")
    form = EvidenceForm(review, request.POST)
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        return JsonResponse({"message": f"Not saved: {first}", "errors": _errors(form)}, status=400)
    return json_answer(lambda: _save(request, review, form), answer=_saved, refused=_not_saved)


def _saved(note: EvidenceNote) -> JsonResponse:
    saved_at = timezone.localtime(note.updated_at)
    return JsonResponse(
        {"note": note.pk, "revision": note.revision, "message": f"Saved at {saved_at:%H:%M}"}
    )


def _not_saved(error: ValidationError) -> JsonResponse:
    if isinstance(error, services.EvidenceConflict):
        return JsonResponse(_conflict(error), status=409)
    return JsonResponse({"message": f"Not saved: {error.messages[0]}"}, status=400)


def _conflict(conflict: services.EvidenceConflict) -> dict[str, Any]:
    return {
        "message": f"Conflict: {conflict.message}",
        "revision": conflict.note.revision,
        "text": conflict.note.text,
        "strands": _ids(conflict.note),
        "changed_by": conflict.changed_by,
        "changed_at": conflict.changed_at.isoformat(),
    }
