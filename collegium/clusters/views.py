from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form, model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from collegium import access
from collegium.clusters import selectors, services
from collegium.clusters.forms import (
    CreateClusterForm,
    InviteSchoolForm,
    MouForm,
    RespondForm,
    SignForm,
)
from collegium.clusters.models import Membership
from collegium.pages import posted, render_page
from collegium.pagination import paginate


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render_page(request, f"clusters/{template}", context)


# Every cluster page is for people who have signed in: a visitor who has not is asked to
# sign in rather than told the page does not exist.
@login_required
def cluster_list(request: HttpRequest) -> HttpResponse:
    page, pagination = paginate(request, selectors.visible_clusters(request.user))
    context = {
        "page": page,
        "pagination": pagination,
        "summaries": selectors.summaries_of(list(page.object_list)),
        "invitations": selectors.pending_invitations_for(request.user),
    }
    return _page(request, "list.html", context)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "cluster.create")
    form = CreateClusterForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cluster = services.create_cluster(
                request.user,
                data["name"],
                data["locality"],
                data["urns"],
                data["coordinator_email"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{cluster.name} has been created and its schools invited.")
            return redirect("clusters:detail", pk=cluster.pk)
    return _page(request, "create.html", {"form": form})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = access.get_cluster_for(request.user, pk)
    page = selectors.cluster_page(cluster)
    signed = {place.membership.pk for place in page.places if place.signed}
    signable = selectors.memberships_signable_by(request.user, cluster)
    to_sign = [m for m in signable if m.pk not in signed]
    return _page(request, "detail.html", {"page": page, "to_sign": to_sign})


@login_required
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = access.get_cluster_for(request.user, pk, "cluster.manage")
    form = InviteSchoolForm(posted(request))
    if request.method == "POST" and form.is_valid():
        school = form.cleaned_data["urn"]
        try:
            services.invite_school(request.user, cluster, school)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{school.name} has been invited to join {cluster.name}.")
            return redirect("clusters:detail", pk=cluster.pk)
    return _page(request, "invite.html", {"form": form, "cluster": cluster})


@login_required
def remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    cluster = access.get_cluster_for(request.user, pk, "cluster.manage")
    membership = get_object_or_404(
        cluster.memberships.select_related("school"),
        pk=membership_pk,
        status__in=Membership.CURRENT,
    )
    form = Form(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_school(request.user, membership)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"{membership.school.name} has been removed from the cluster."
            )
            return redirect("clusters:detail", pk=cluster.pk)
    context = {"form": form, "cluster": cluster, "membership": membership}
    return _page(request, "remove.html", context)


@login_required
def respond(request: HttpRequest, membership_pk: int) -> HttpResponse:
    membership = access.get_membership_for(request.user, membership_pk, "membership.respond")
    form = RespondForm(posted(request))
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["answer"] == "accept"
        try:
            services.respond_to_invitation(request.user, membership, accept)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _answered(request, membership, accept)
    # Once the invitation is answered or withdrawn it no longer lets the school's leader see
    # the cluster: only the cluster's own readers may.
    shows_cluster = membership.status == Membership.Status.INVITED or access.can(
        request.user, "cluster.view", membership.cluster
    )
    page = selectors.cluster_page(membership.cluster) if shows_cluster else None
    return _page(request, "respond.html", {"form": form, "membership": membership, "page": page})


def _answered(request: HttpRequest, membership: Membership, accept: bool) -> HttpResponse:
    school, cluster = membership.school.name, membership.cluster
    if accept:
        messages.success(request, f"{school} is now a member of {cluster.name}.")
        return redirect("clusters:detail", pk=cluster.pk)
    messages.success(request, f"You have declined the invitation to {cluster.name}.")
    return redirect("clusters:list")


@login_required
def publish_mou(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = access.get_cluster_for(request.user, pk, "cluster.manage")
    current = selectors.current_mou(cluster)
    form = MouForm(posted(request), initial=model_to_dict(current) if current else None)
    if request.method == "POST" and form.is_valid():
        mou = services.publish_mou(request.user, cluster, **form.cleaned_data)
        messages.success(
            request,
            f"Version {mou.version} of the memorandum has been published. "
            "Every member school needs to sign it.",
        )
        return redirect("clusters:detail", pk=cluster.pk)
    return _page(
        request, "publish_mou.html", {"form": form, "cluster": cluster, "current": current}
    )


@login_required
def sign_mou(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = access.get_cluster_for(request.user, pk)
    signable = selectors.memberships_signable_by(request.user, cluster)
    if not signable:
        raise PermissionDenied("Only the head of a member school can sign the memorandum.")
    form = SignForm(posted(request), choices=[(m.pk, m.school.name) for m in signable])
    if request.method == "POST" and form.is_valid():
        membership = access.get_membership_for(
            request.user, form.cleaned_data["membership"], "mou.sign"
        )
        try:
            signature = services.sign_mou(request.user, membership)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"You have signed version {signature.mou.version} for {signature.school.name}.",
            )
            return redirect("clusters:detail", pk=cluster.pk)
    mou = selectors.current_mou(cluster)
    return _page(
        request,
        "sign_mou.html",
        {
            "form": form,
            "cluster": cluster,
            "mou": mou,
            "memberships": signable,
            "signatures": selectors.signatures_for(signable, mou),
        },
    )
