"""Issue 4: the coordinator runs the allocation optimiser for a cluster, changes its proposal
by hand and accepts it.

The changes are buttons on the run page (or the cluster page, to start a run): a refused change
shows that page again with the reason, answered 400. Issue 21: the network page starts a run
across every cluster, whose page lists each cluster's part and empty places."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from collegium import access
from collegium.allocations import consent_selectors, forms, network, selectors, wording
from collegium.allocations.models import AllocationRun, NetworkRun
from collegium.allocations.problem import reviews_in_scope
from collegium.allocations.services import accept as accepting
from collegium.allocations.services import hand, runs
from collegium.allocations.services import network as network_runs
from collegium.clusters.models import Cluster
from collegium.pages import confirm_page, form_page, posted
from collegium.pagination import paginate
from collegium.people.dates import today as local_today

CLUSTER_TEMPLATE = "allocations/cluster.html"
RUN_TEMPLATE = "allocations/run.html"
ACCEPT_TEMPLATE = "allocations/accept.html"
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
        "lead": wording.lead_sentence(run),
        "empty_places": wording.empty_places(run),
        "empty": wording.empty_count(run.unfilled),
        "figures": wording.figures(run.certificate),
        "answers": consent_selectors.answers(run),
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


def accept(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept the teams; with places still empty, only from the page that says so and asks."""
    run = access.get_run_for(request.user, pk)
    empty = wording.empty_count(run.unfilled) if run.status == run.Status.PROPOSED else 0
    if not empty and request.method != "POST":
        return redirect(_run_url(run))
    asked = request.method == "POST" and request.POST.get("empty") == str(empty)
    if empty and not asked:  # the page that asks, or a submission made before places changed
        return render(request, ACCEPT_TEMPLATE, _run_context(run))
    return confirm_page(
        request,
        lambda: accepting.accept_run(request.user, run),
        done="The teams are accepted and everyone placed has been emailed.",
        next_url=_run_url(run),
        page=lambda: _run_context(run),
        template=ACCEPT_TEMPLATE if empty else RUN_TEMPLATE,
    )


def run_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Every run for the cluster, the newest first, a page at a time."""
    cluster = access.get_cluster_for(request.user, pk, "allocation.run")
    page, pagination = paginate(request, selectors.runs_of(cluster))
    context = {"cluster": cluster, "page": page, "pagination": pagination}
    return render(request, "allocations/runs.html", context)


def _network_form(request: HttpRequest) -> forms.NetworkRunForm:
    """The terms not yet over, and the reviews this person may run the optimiser for."""
    choices = [
        (reviews, NetworkRun.Reviews(reviews).label)
        for reviews, action in network.ACTIONS.items()
        if access.can(request.user, action)
    ]
    terms = network.open_terms(local_today())
    return forms.NetworkRunForm(posted(request), terms=terms, choices=choices)


def network_page(request: HttpRequest) -> HttpResponse:
    """Issue 21 part 2: start a term's run across every cluster; the latest network runs."""
    access.require(request.user, "allocation.network_qa")
    return form_page(
        request,
        _network_form(request),
        lambda data: network_runs.start_network_run(request.user, data["term"], data["reviews"]),
        done="The optimiser has started across the network.",
        next_url=lambda run: reverse("allocations:network-run", args=[run.pk]),
        page=lambda: {"runs": _network_runs_seen(request)[:LATEST_RUNS]},
        template="allocations/network.html",
    )


def _network_runs_seen(request: HttpRequest) -> QuerySet[NetworkRun]:
    """The network runs over reviews this person may run the optimiser for (a moderator sees
    only runs over quality assurance reviews)."""
    mine = [
        reviews for reviews, action in network.ACTIONS.items() if access.can(request.user, action)
    ]
    return selectors.network_runs().filter(reviews__in=mine)


def network_run_page(request: HttpRequest, pk: int) -> HttpResponse:
    run = access.get_network_run_for(request.user, pk)
    parts = selectors.network_parts(
        run, lambda part: access.can(request.user, "allocation.run", part)
    )
    context = {
        "run": run,
        "parts": parts,
        "lead": wording.network_sentence(run, parts),
        "figures": wording.figures(run.certificate),
    }
    return render(request, "allocations/network_run.html", context)
