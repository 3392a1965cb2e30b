"""Issue 4: the coordinator runs the allocation optimiser for a cluster, changes its proposal
by hand and accepts it."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from collegium import access
from collegium.allocations import forms, selectors
from collegium.allocations.models import AllocationRun
from collegium.allocations.problem import reviews_in_scope
from collegium.allocations.services import accept as accepting
from collegium.allocations.services import hand, runs
from collegium.pagination import paginate

RUN_URL = "allocations:run"
LATEST_RUNS = 20  # on the cluster page; every run is on the runs page


def cluster_page(request: HttpRequest, pk: int, error: str = "", status: int = 200) -> HttpResponse:
    cluster = access.get_cluster_for(request.user, pk, "allocation.run")
    context = {
        "cluster": cluster,
        "reviews": reviews_in_scope(cluster),
        "runs": selectors.runs_of(cluster)[:LATEST_RUNS],
        "run_count": selectors.runs_of(cluster).count(),
        "error": error,
    }
    return render(request, "allocations/cluster.html", context, status=status)


@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = access.get_cluster_for(request.user, pk, "allocation.run")
    try:
        run = runs.start_run(request.user, cluster)
    except ValidationError as err:
        return cluster_page(request, pk, " ".join(err.messages), 400)
    messages.success(request, "The optimiser has started.")
    return redirect(RUN_URL, run.pk)


def run_page(
    request: HttpRequest, pk: int, run: AllocationRun | None = None, error: str = ""
) -> HttpResponse:
    run = run or access.get_run_for(request.user, pk)
    context = {
        "run": run,
        "teams": selectors.proposal(run) if run.status != run.Status.QUEUED else [],
        "certificate": selectors.certificate_lines(run.certificate),
        "unfilled_text": selectors.unfilled_text,
        "error": error,
    }
    return render(request, "allocations/run.html", context, status=400 if error else 200)


def _act(
    request: HttpRequest, pk: int, change: Callable[[AllocationRun], object], done: str
) -> HttpResponse:
    """Apply a change to the run, then back to its page; or show why it was refused."""
    run = access.get_run_for(request.user, pk)
    try:
        change(run)
    except ValidationError as err:
        return run_page(request, pk, run, " ".join(err.messages))
    messages.success(request, done)
    return redirect(RUN_URL, pk)


@require_POST
def lock(request: HttpRequest, pk: int, place_pk: int) -> HttpResponse:
    run = access.get_run_for(request.user, pk)
    place = selectors.place_for(run, place_pk)
    form = forms.LockForm(request.POST)
    if not form.is_valid():
        return run_page(request, pk, run, "Choose lock or unlock")
    locked = form.cleaned_data["locked"] == "yes"
    name = place.reviewer.user.full_name
    done = f"{name}'s place is locked." if locked else f"{name}'s place is unlocked."
    return _act(request, pk, lambda r: hand.set_place_locked(request.user, place, locked), done)


@require_POST
def remove(request: HttpRequest, pk: int, place_pk: int) -> HttpResponse:
    run = access.get_run_for(request.user, pk)
    place = selectors.place_for(run, place_pk)
    done = (
        f"{place.reviewer.user.full_name} is withdrawn from the review of "
        f"{place.review.school.name}. Re-optimise to fill the place."
    )
    return _act(request, pk, lambda r: hand.remove_place(request.user, place), done)


def swap(request: HttpRequest, pk: int, place_pk: int) -> HttpResponse:
    run = access.get_run_for(request.user, pk)
    place = selectors.place_for(run, place_pk)
    form = forms.SwapForm(request.POST or None, choices=selectors.swap_choices(place))
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["reviewer"]
        try:
            hand.swap_place(request.user, place, chosen)
        except ValidationError as err:
            form.add_error(None, err)
        else:
            messages.success(request, f"{chosen.user.full_name} takes the place.")
            return redirect(RUN_URL, pk)
    context = {"run": run, "place": place, "form": form}
    return render(request, "allocations/swap.html", context, status=400 if form.errors else 200)


@require_POST
def reoptimise(request: HttpRequest, pk: int) -> HttpResponse:
    done = "The optimiser is filling the empty places, keeping the locked ones."
    return _act(request, pk, lambda run: runs.reoptimise(request.user, run), done)


@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    done = "The teams are accepted and everyone placed has been emailed."
    return _act(request, pk, lambda run: accepting.accept_run(request.user, run), done)


def run_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Every run for the cluster, the newest first, a page at a time."""
    cluster = access.get_cluster_for(request.user, pk, "allocation.run")
    page, pagination = paginate(request, selectors.runs_of(cluster))
    context = {"cluster": cluster, "page": page, "pagination": pagination}
    return render(request, "allocations/runs.html", context)
