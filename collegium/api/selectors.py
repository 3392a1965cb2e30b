"""Reads only the API lists: the support requests a person may follow (the support pages list
them school by school instead). The endpoint still passes each through access.visible."""

from typing import Any

from django.db.models import Q, QuerySet

from collegium import access
from collegium.api.models import ApiToken
from collegium.people.models import Role
from collegium.support.models import SupportRequest


def support_requests_for(user: Any) -> QuerySet[SupportRequest]:
    roles = access.roles_of(user)
    found = SupportRequest.objects.select_related(
        "need__plan__review__school", "offering_school"
    ).order_by("-sent_at", "pk")
    if not roles.signed_in:
        return found.none()
    if Role.NETWORK_ADMIN in roles.network:
        return found
    scope = Q(need__plan__review__school_id__in=roles.leads) | Q(offering_school_id__in=roles.leads)
    return found.filter(scope | Q(need__plan__review__cluster_id__in=roles.coordinates))


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    """The person's own tokens, newest first."""
    return ApiToken.objects.filter(user=user)
