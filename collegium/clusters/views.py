from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form, model_to_dict
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from collegium import access
from collegium.clusters import selectors, services
from collegium.clusters.forms import (
    CreateClusterForm,
    InviteSchoolForm,
    MouForm,
    RespondForm,
    SignForm,
)
from collegium.clusters.models import Cluster, Membership
from collegium.pages import form_page, posted, render_page
from collegium.pagination import paginate
from collegium.people.selectors import pending_head_invitations, schools_without_leader
from collegium.types import AuthenticatedHttpRequest, Person


def _detail_url(cluster: Cluster) -> str:
    return reverse("clusters:detail", args=[cluster.pk])


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
    return render_page(request, "clusters/list.html", context)


@login_required
def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require(request.user, "cluster.create")

    def apply(data: dict[str, Any]) -> Cluster:
        return services.create_cluster(
            request.user, data["name"], data["locality"], data["urns"], data["coordinator_email"]
        )

    return form_page(
        request,
        CreateClusterForm(posted(request)),
        apply,
        done=lambda cluster: f"{cluster.name} has been created and its schools invited.",
        next_url=_detail_url,
        template="clusters/create.html",
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = access.get_cluster_for(request.user, pk)
    page = selectors.cluster_page(cluster)
    signed = {place.membership.pk for place in page.places if place.signed}
    signable = selectors.memberships_signable_by(request.user, cluster)
    to_sign = [m for m in signable if m.pk not in signed]
    invited = [
        p.membership for p in page.places if p.membership.status == Membership.Status.INVITED
    ]
    leaderless = schools_without_leader([m.school_id for m in invited])
    unanswerable = [m for m in invited if m.school_id in leaderless]
    waiting = pending_head_invitations(m.pk for m in unanswerable)
    context = {"page": page, "to_sign": to_sign, "unanswerable": unanswerable, "waiting": waiting}
    return render_page(request, "clusters/detail.html", context)


@login_required
def invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cluster = access.get_cluster_for(request.user, pk, "cluster.manage")

    def apply(data: dict[str, Any]) -> Membership:
        return services.invite_school(request.user, cluster, data["urn"])

    return form_page(
        request,
        InviteSchoolForm(posted(request)),
        apply,
        done=_invited,
        next_url=lambda membership: _after_invitation(request.user, membership),
        page={"cluster": cluster},
        template="clusters/invite.html",
    )


def _invited(membership: Membership) -> str:
    school, cluster = membership.school, membership.cluster
    said = f"{school.name} has been invited to join {cluster.name}."
    if school.pk in schools_without_leader([school.pk]):
        said += " Nobody at the school has a Collegium account yet: its head is invited by email."
    return said


def _after_invitation(user: Person, membership: Membership) -> str:
    """A school with no leader on Collegium could never answer: a network admin asks for the
    head's email (a coordinator sees the school waiting for it on the cluster's page)."""
    leaderless = membership.school_id in schools_without_leader([membership.school_id])
    if leaderless and access.can(user, "people.manage_roles"):
        return reverse("people:invite-head", args=[membership.cluster_id, membership.pk])
    return _detail_url(membership.cluster)


@login_required
def remove(request: AuthenticatedHttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    cluster = access.get_cluster_for(request.user, pk, "cluster.manage")
    membership = access.get_part(
        cluster.memberships.select_related("school"),
        pk=membership_pk,
        status__in=Membership.CURRENT,
    )
    return form_page(
        request,
        Form(posted(request)),
        lambda data: services.remove_school(request.user, membership),
        done=f"{membership.school.name} has been removed from the cluster.",
        next_url=_detail_url(cluster),
        page={"cluster": cluster, "membership": membership},
        template="clusters/remove.html",
    )


@login_required
def respond(request: AuthenticatedHttpRequest, membership_pk: int) -> HttpResponse:
    membership = access.get_membership_for(request.user, membership_pk, "membership.respond")
    school, cluster = membership.school.name, membership.cluster

    def apply(data: dict[str, Any]) -> bool:
        accept: bool = data["answer"] == "accept"
        services.respond_to_invitation(request.user, membership, accept)
        return accept

    def shown() -> dict[str, Any]:
        # Once the invitation is answered or withdrawn it no longer lets the school's leader
        # see the cluster: only the cluster's own readers may.
        shows = membership.status == Membership.Status.INVITED or access.can(
            request.user, "cluster.view", cluster
        )
        return {
            "membership": membership,
            "page": selectors.cluster_page(cluster) if shows else None,
        }

    return form_page(
        request,
        RespondForm(posted(request)),
        apply,
        done=lambda accept: (
            f"{school} is now a member of {cluster.name}."
            if accept
            else f"You have declined the invitation to {cluster.name}."
        ),
        next_url=lambda accept: _detail_url(cluster) if accept else reverse("clusters:list"),
        page=shown,
        template="clusters/respond.html",
    )


@login_required
def publish_mou(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cluster = access.get_cluster_for(request.user, pk, "cluster.manage")
    current = selectors.current_mou(cluster)
    start = current or selectors.mou_template()  # a new cluster starts from the network's text
    form = MouForm(posted(request), initial=model_to_dict(start) if start else None)
    return form_page(
        request,
        form,
        lambda data: services.publish_mou(request.user, cluster, **data),
        done=lambda mou: (
            f"Version {mou.version} of the memorandum has been published. "
            "Every member school needs to sign it."
        ),
        next_url=_detail_url(cluster),
        page={"cluster": cluster, "current": current, "from_template": start and not current},
        template="clusters/publish_mou.html",
    )


@login_required
def sign_mou(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cluster = access.get_cluster_for(request.user, pk)
    signable = selectors.memberships_signable_by(request.user, cluster)
    if not signable:
        raise PermissionDenied("Only the head of a member school can sign the memorandum.")

    def apply(data: dict[str, Any]) -> Any:
        membership = access.get_membership_for(request.user, data["membership"], "mou.sign")
        return services.sign_mou(request.user, membership)

    def shown() -> dict[str, Any]:
        mou = selectors.current_mou(cluster)
        signatures = selectors.signatures_for(signable, mou)
        return {"cluster": cluster, "mou": mou, "memberships": signable, "signatures": signatures}

    return form_page(
        request,
        SignForm(posted(request), choices=[(m.pk, m.school.name) for m in signable]),
        apply,
        done=lambda signature: (
            f"You have signed version {signature.mou.version} for {signature.school.name}."
        ),
        next_url=_detail_url(cluster),
        page=shown,
        template="clusters/sign_mou.html",
    )


@login_required
def mou_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A network admin writes the text every new cluster's memorandum starts from."""
    access.require(request.user, "cluster.create")
    template = selectors.mou_template()
    form = MouForm(posted(request), initial=model_to_dict(template) if template else None)
    return form_page(
        request,
        form,
        lambda data: services.save_mou_template(request.user, **data),
        done="The memorandum template has been saved. New clusters start from it.",
        next_url=reverse("clusters:list"),
        page={"template_row": template},
        template="clusters/mou_template.html",
    )
