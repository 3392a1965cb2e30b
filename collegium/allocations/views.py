"""Issue 4: the coordinator runs the allocation optimiser for a cluster, changes its proposal
by hand and accepts it.

The changes are buttons on the run page (or the cluster page, to start a run): a refused change
shows that page again with the reason, answered 400."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from collegium import access
from collegium.allocations import forms, selectors
from collegium.allocations.models import AllocationRun
from collegium.allocations.problem import reviews_in_scope
from collegium.allocations.services import accept as accepting
from collegium.allocations.services import hand, runs
from collegium.clusters.models import Cluster
from collegium.pages import confirm_page, form_page, posted
from collegium.pagination import paginate

CLUSTER_TEMPLATE = "allocations/cluster.html"
RUN_TEMPLATE = "allocations/run.html"
LATEST_RUNS = 20  # on the cluster page; every run is on the runs page


def _run_url(run: AllocationRun) -> str:
    return reverse("allocations:run", args=[run.pk])


def _cluster_context(cluster: Cluster) -> dict[str, Any]:
    return {
        "cluster": cluster,
        "reviews": reviews_in_scope(cluster),
        "runs": selectors.runs_of(cluster)[:LATEST_RUNS],
        "run_count": selectors.runs_of(cluster).count(),
    }


def _run_context(run: AllocationRun) -> dict[str, Any]:
    return {
        "run": run,
        "teams": selectors.proposal(run) if run.status != run.Status.QUEUED else [],
        "certificate": selectors.certificate_lines(run.certificate),
        "unfilled_text": selectors.unfilled_text,
    }


def cluster_page(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = access.get_cluster_for(request.user, pk, "allocation.run")
    return render(request, CLUSTER_TEMPLATE, _cluster_context(cluster))


@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = access.get_cluster_for(request.user, pk, "allocation.run")
    return confirm_page(
        request,
        lambda: runs.start_run(request.user, cluster),
        done="The optimiser has started.",
        next_url=_run_url,
        page=lambda: _cluster_context(cluster),
        template=CLUSTER_TEMPLATE,
    )


def run_page(request: HttpRequest, pk: int) -> HttpResponse:
    run = access.get_run_for(request.user, pk)
    return render(request, RUN_TEMPLATE, _run_context(run))


@require_POST
def lock(request: HttpRequest, pk: int, place_pk: int) -> HttpResponse:
    run = access.get_run_for(request.user, pk)
    place = selectors.place_for(run, place_pk)
    form = forms.LockForm(request.POST)
    name = place.reviewer.user.full_name

    def apply() -> bool:
        if not form.is_valid():  # the buttons send yes or no; anything else is refused
            raise ValidationError(list(form.errors["locked"]))
        locked: bool = form.cleaned_data["locked"] == "yes"
        hand.set_place_locked(request.user, place, locked)
        return locked

    return confirm_page(
        request,
        apply,
        done=lambda locked: f"{name}'s place is {'locked' if locked else 'unlocked'}.",
        next_url=_run_url(run),
        page=lambda: _run_context(run),
        template=RUN_TEMPLATE,
    )


@require_POST
def remove(request: HttpRequest, pk: int, place_pk: int) -> HttpResponse:
    run = access.get_run_for(request.user, pk)
    place = selectors.place_for(run, place_pk)
    return confirm_page(
        request,
        lambda: hand.remove_place(request.user, place),
        done=f"{place.reviewer.user.full_name} is withdrawn from the review of "
        f"{place.review.school.name}. Re-optimise to fill the place.",
        next_url=_run_url(run),
        page=lambda: _run_context(run),
        template=RUN_TEMPLATE,
    )


def swap(request: HttpRequest, pk: int, place_pk: int) -> HttpResponse:
    run = access.get_run_for(request.user, pk)
    place = selectors.place_for(run, place_pk)

    def apply(data: dict[str, Any]) -> str:
        hand.swap_place(request.user, place, data["reviewer"])
        return str(data["reviewer"].user.full_name)

    return form_page(
        request,
        forms.SwapForm(posted(request), choices=selectors.swap_choices(place)),
        apply,
        done=lambda name: f"{name} takes the place.",
        next_url=_run_url(run),
        page={"run": run, "place": place},
        template="allocations/swap.html",
    )


@require_POST
def reoptimise(request: HttpRequest, pk: int) -> HttpResponse:
    run = access.get_run_for(request.user, pk)
    return confirm_page(
        request,
        lambda: runs.reoptimise(request.user, run),
        done="The optimiser is filling the empty places, keeping the locked ones.",
        next_url=_run_url(run),
        page=lambda: _run_context(run),
        template=RUN_TEMPLATE,
    )


@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    run = access.get_run_for(request.user, pk)
    return confirm_page(
        request,
        lambda: accepting.accept_run(request.user, run),
        done="The teams are accepted and everyone placed has been emailed.",
        next_url=_run_url(run),
        page=lambda: _run_context(run),
        template=RUN_TEMPLATE,
    )


def run_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Every run for the cluster, the newest first, a page at a time."""
    cluster = access.get_cluster_for(request.user, pk, "allocation.run")
    page, pagination = paginate(request, selectors.runs_of(cluster))
    context = {"cluster": cluster, "page": page, "pagination": pagination}
    return render(request, "allocations/runs.html", context)
