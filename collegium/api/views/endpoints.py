"""X3: the REST API under /api/v1/. Every endpoint fetches through collegium.access (the
getters, `get_part`, `visible`) exactly as its page does, so the API holds no second policy;
writes go through the same services as the pages (evidence notes with their revision rule,
self-evaluation answers with theirs). Errors are RFC 9457 problem details."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Query, Schema, Status
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as SchemaError
from ninja.openapi.docs import Swagger
from ninja.pagination import PageNumberPagination, paginate

from collegium import access
from collegium.api import schemas as out
from collegium.api.auth import (
    PUBLIC_RATE_LIMIT,
    RATE_LIMIT,
    TokenAuth,
    TooManyRequests,
    count_public,
    token_of,
)
from collegium.api.problems import problem
from collegium.api.selectors import support_requests_for
from collegium.clusters.selectors import visible_clusters
from collegium.frameworks.levels import scale_labels
from collegium.frameworks.selectors import published_versions
from collegium.improvement.selectors.overview import plans_for
from collegium.reports.selectors import published_summaries, published_summary
from collegium.reviews.selectors import notes_for, reviews_for
from collegium.reviews.services import evidence as evidence_services
from collegium.schools.selectors import search_schools
from collegium.selfevaluation import selectors as self_evaluations
from collegium.selfevaluation import services as self_evaluation_services
from collegium.types import AuthenticatedHttpRequest

PER_PAGE = 50
CONFLICTS = (evidence_services.EvidenceConflict, self_evaluation_services.EditConflict)
REFUSED = {400: out.Problem, 401: out.Problem, 403: out.Problem, 404: out.Problem, 429: out.Problem}
WRITE_REFUSED = REFUSED | {409: out.Problem}


class Docs(Swagger):
    """Ninja's Swagger page with the language set and the UI inside the main landmark."""

    template = "api/swagger.html"


api = NinjaAPI(
    title="Collegium API",
    version="1",
    description=(
        "Profession-led peer review for schools in England. Send a personal API token (made on "
        "your API tokens page) as `Authorization: Bearer clg_…`; published summaries, schools "
        f"and frameworks need none. Each token may make {RATE_LIMIT} requests a minute; without "
        f"a token, one address may make {PUBLIC_RATE_LIMIT} requests a minute to those."
    ),
    auth=TokenAuth(),
    urls_namespace="api-v1",
    docs=Docs(),
)


class Dates(Schema):
    school: int | None = None  # a school's URN
    since: date | None = None
    until: date | None = None


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem(request, 404, "There is nothing here, or you may not see it")


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem(request, 403, "You do not have permission to do this")


@api.exception_handler(AuthenticationError)
def unauthorised(request: HttpRequest, exc: Exception) -> HttpResponse:
    detail = "Send a personal API token that has not expired or been revoked"
    response = problem(request, 401, detail)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(TooManyRequests)
def too_many(request: HttpRequest, exc: TooManyRequests) -> HttpResponse:
    response = problem(request, 429, exc.detail)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(SchemaError)
def malformed(request: HttpRequest, exc: SchemaError) -> HttpResponse:
    return problem(request, 400, "The request is not what this endpoint expects", errors=exc.errors)


@api.exception_handler(ValidationError)
def refused(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A service's refusal, in its own words; a stale revision is a conflict."""
    status = 409 if isinstance(exc, CONFLICTS) else 400
    return problem(request, status, " ".join(exc.messages))


def _writes(request: HttpRequest) -> None:
    if not token_of(request).writes:
        raise PermissionDenied


def _dated(found: Any, filters: Dates, school: str, day: str) -> Any:
    if filters.school is not None:
        found = found.filter(**{school: filters.school})
    if filters.since is not None:
        found = found.filter(**{f"{day}__gte": filters.since})
    if filters.until is not None:
        found = found.filter(**{f"{day}__lte": filters.until})
    return found


@api.get("/schools", response=list[out.SchoolOut], auth=None, tags=["schools"])
@paginate(PageNumberPagination, page_size=PER_PAGE)
def schools(request: HttpRequest, q: str = "") -> Any:
    count_public(request)
    access.require(request.user, "school.view")
    return search_schools(q)  # paged before it is read


@api.get(
    "/schools/{urn}", response={200: out.SchoolDetailOut, **REFUSED}, auth=None, tags=["schools"]
)
def school(request: HttpRequest, urn: int) -> out.SchoolDetailOut:
    count_public(request)
    return out.school_detail_out(access.get_school_for(request.user, urn))


@api.get("/clusters", response=list[out.ClusterOut], tags=["clusters"])
@paginate(PageNumberPagination, page_size=PER_PAGE)
def clusters(request: HttpRequest) -> list[out.ClusterOut]:
    return [out.cluster_out(cluster) for cluster in visible_clusters(request.user)]


@api.get("/clusters/{pk}", response={200: out.ClusterOut, **REFUSED}, tags=["clusters"])
def cluster(request: HttpRequest, pk: int) -> out.ClusterOut:
    return out.cluster_out(access.get_cluster_for(request.user, pk))


@api.get("/frameworks", response=list[out.FrameworkVersionOut], auth=None, tags=["frameworks"])
@paginate(PageNumberPagination, page_size=PER_PAGE)
def frameworks(request: HttpRequest) -> list[out.FrameworkVersionOut]:
    count_public(request)
    access.require(request.user, "framework.view")
    return [out.version_out(version) for version in published_versions()]


@api.get(
    "/frameworks/{slug}/versions/{number}",
    response={200: out.FrameworkVersionOut, **REFUSED},
    auth=None,
    tags=["frameworks"],
)
def framework_version(request: HttpRequest, slug: str, number: int) -> out.FrameworkVersionOut:
    count_public(request)
    return out.version_out(access.get_version_for(request.user, slug, number))


@api.get("/summaries", response=list[out.SummaryOut], auth=None, tags=["published summaries"])
@paginate(PageNumberPagination, page_size=PER_PAGE)
def summaries(request: HttpRequest, filters: Query[Dates]) -> list[out.SummaryOut]:
    count_public(request)
    access.require(request.user, "summary.view")
    found = _dated(published_summaries(), filters, "review__school", "published_at__date")
    return [out.summary_out(report) for report in found]


@api.get(
    "/summaries/{pk}",
    response={200: out.SummaryOut, **REFUSED},
    auth=None,
    tags=["published summaries"],
)
def summary(request: HttpRequest, pk: int) -> out.SummaryOut:
    count_public(request)
    access.require(request.user, "summary.view")
    report = published_summary(pk)
    if report is None:
        raise Http404
    return out.summary_out(report)


@api.get("/reviews", response=list[out.ReviewOut], tags=["reviews"])
@paginate(PageNumberPagination, page_size=PER_PAGE)
def reviews(request: HttpRequest, filters: Query[Dates]) -> list[out.ReviewOut]:
    found = _dated(reviews_for(request.user), filters, "school", "start_date")
    found = found.select_related("framework_version__framework")
    return [out.review_out(review) for review in access.visible(request.user, "review.view", found)]


@api.get("/reviews/{pk}", response={200: out.ReviewOut, **REFUSED}, tags=["reviews"])
def review(request: HttpRequest, pk: int) -> out.ReviewOut:
    return out.review_out(access.get_review_for(request.user, pk))


@api.get(
    "/reviews/{pk}/judgements", response={200: list[out.JudgementOut], **REFUSED}, tags=["reviews"]
)
def judgements(request: HttpRequest, pk: int) -> list[out.JudgementOut]:
    found = access.get_review_for(request.user, pk)
    labels = scale_labels(found.framework_version)
    agreed = found.judgements.select_related("strand").order_by(
        "strand__area__position", "strand__position"
    )
    return [out.judgement_out(judgement, labels) for judgement in agreed]


@api.get(
    "/reviews/{pk}/evidence", response={200: list[out.EvidenceOut], **REFUSED}, tags=["evidence"]
)
def evidence(request: HttpRequest, pk: int) -> list[out.EvidenceOut]:
    found = access.get_review_for(request.user, pk, "review.read_evidence")
    return [out.evidence_out(note) for note in notes_for(request.user, found)]


@api.post(
    "/reviews/{pk}/evidence", response={201: out.EvidenceOut, **WRITE_REFUSED}, tags=["evidence"]
)
def record_evidence(
    request: AuthenticatedHttpRequest, pk: int, note: out.EvidenceIn
) -> Status[out.EvidenceOut]:
    _writes(request)
    found = access.get_review_for(request.user, pk, "review.record_evidence")
    activity = access.get_part(found.activities, pk=note.activity) if note.activity else None
    place = evidence_services.place_of(request.user, found)
    if place is None:
        raise PermissionDenied
    saved = evidence_services.record_evidence(
        request.user, found, place, note.text, note.strands, activity, client_key=note.client_key
    )
    return Status(201, out.evidence_out(saved))


@api.put(
    "/reviews/{pk}/evidence/{note_pk}",
    response={200: out.EvidenceOut, **WRITE_REFUSED},
    tags=["evidence"],
)
def change_evidence(
    request: AuthenticatedHttpRequest, pk: int, note_pk: int, change: out.EvidenceChangeIn
) -> out.EvidenceOut:
    _writes(request)
    found = access.get_review_for(request.user, pk, "review.record_evidence")
    note = access.get_part(found.evidence, pk=note_pk)
    saved = evidence_services.edit_evidence(
        request.user, note, change.text, change.strands, change.base_revision
    )
    return out.evidence_out(saved)


@api.get("/plans", response=list[out.PlanOut], tags=["action plans"])
@paginate(PageNumberPagination, page_size=PER_PAGE)
def plans(request: HttpRequest, filters: Query[Dates]) -> list[out.PlanOut]:
    found = _dated(plans_for(request.user), filters, "review__school", "review__start_date")
    found = found.select_related("review__school", "priority_strand")
    return [out.plan_out(plan) for plan in access.visible(request.user, "improvement.view", found)]


@api.get("/plans/{pk}", response={200: out.PlanDetailOut, **REFUSED}, tags=["action plans"])
def plan(request: HttpRequest, pk: int) -> out.PlanDetailOut:
    return out.plan_detail_out(access.get_plan_for(request.user, pk))


@api.get("/support-requests", response=list[out.SupportRequestOut], tags=["support"])
@paginate(PageNumberPagination, page_size=PER_PAGE)
def support_requests(request: HttpRequest) -> list[out.SupportRequestOut]:
    found = access.visible(request.user, "support.view", support_requests_for(request.user))
    return [out.support_out(asked) for asked in found]


@api.get(
    "/support-requests/{pk}", response={200: out.SupportRequestOut, **REFUSED}, tags=["support"]
)
def support_request(request: HttpRequest, pk: int) -> out.SupportRequestOut:
    return out.support_out(access.get_support_request_for(request.user, pk))


def _self_evaluation(request: HttpRequest, urn: int, year: int, action: str) -> Any:
    school_ = access.get_school_for(request.user, urn, action)
    found = self_evaluations.self_evaluation_in(school_, year)
    if found is None:
        raise Http404
    return found


@api.get(
    "/self-evaluations/{urn}/{year}",
    response={200: out.SelfEvaluationOut, **REFUSED},
    tags=["self-evaluation"],
)
def self_evaluation(request: HttpRequest, urn: int, year: int) -> out.SelfEvaluationOut:
    found = _self_evaluation(request, urn, year, "selfevaluation.view")
    return out.self_evaluation_out(found)


@api.put(
    "/self-evaluations/{urn}/{year}/strands/{strand_pk}",
    response={200: out.StrandAnswerOut, **WRITE_REFUSED},
    tags=["self-evaluation"],
)
def answer(
    request: AuthenticatedHttpRequest, urn: int, year: int, strand_pk: int, given: out.AnswerIn
) -> out.StrandAnswerOut:
    _writes(request)
    found = _self_evaluation(request, urn, year, "selfevaluation.edit")
    entry = access.get_part(found.strands.select_related("strand"), strand_id=strand_pk)
    saved = self_evaluation_services.save_strand(
        request.user, entry, given.level, given.narrative, given.evidence, given.revision
    )
    return out.answer_out(saved)
