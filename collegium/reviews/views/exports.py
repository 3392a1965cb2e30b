"""Downloads of reviews as CSV or XLSX (collegium/exports.py): the reviews list (for a network
admin or moderator, every review of the network) and a cluster's reviews with their agreed
judgements. Each reads the reviews through `selectors.reviews_for`, as the reviews list does,
so a download holds only reviews the person may open."""

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from collegium import access
from collegium.exports import table_response
from collegium.frameworks.levels import scale_labels, strand_levels
from collegium.frameworks.models import FrameworkVersion
from collegium.reviews.models import Judgement, Review
from collegium.reviews.selectors import end_date, reviews_for

REVIEW_HEADERS = ["School", "URN", "Cluster", "Review", "Starts", "Ends", "Days", "Status"]
LIST_HEADERS = [*REVIEW_HEADERS, "Strands agreed"]
JUDGEMENT_HEADERS = [*REVIEW_HEADERS, "Area", "Strand code", "Strand", "Agreed judgement"]


def _review_cells(review: Review) -> list[object]:
    return [
        review.school.name,
        review.school_id,
        review.cluster.name if review.cluster else "",
        review.get_kind_display(),
        review.start_date,
        end_date(review),
        review.days,
        review.get_status_display(),
    ]


@require_GET
@login_required
def list_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The reviews the reviews list shows, every page of it, with how many strands are agreed."""
    reviews = reviews_for(request.user).annotate(agreed=Count("judgements", distinct=True))
    rows = ([*_review_cells(r), r.agreed] for r in reviews)
    return table_response("reviews", LIST_HEADERS, rows, fmt)


def _labels(reviews: list[Review]) -> dict[int, dict[int, str]]:
    """Each framework version's scale, read once per version."""
    versions = FrameworkVersion.objects.filter(pk__in={r.framework_version_id for r in reviews})
    return {version.pk: scale_labels(version) for version in versions}


def _judgement_rows(reviews: QuerySet[Review]) -> list[list[object]]:
    shown = list(reviews.select_related("school", "cluster"))
    labels = _labels(shown)
    judgements = Judgement.objects.filter(review__in=shown).select_related("strand__area")
    by_review: dict[int, list[Judgement]] = defaultdict(list)
    for judgement in judgements.order_by("strand__area__position", "strand__position"):
        by_review[judgement.review_id].append(judgement)
    rows: list[list[object]] = []
    for review in shown:
        cells = _review_cells(review)
        if not by_review[review.pk]:
            rows.append([*cells, "", "", "", ""])
        for j in by_review[review.pk]:
            level = strand_levels(j.strand, labels[review.framework_version_id]).get(j.level or 0)
            rows.append([*cells, j.strand.area.title, j.strand.code, j.strand.title, level or ""])
    return rows


@require_GET
@login_required
def cluster_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """A cluster's reviews the person may open, one row per agreed judgement (a review with
    none yet has one row): whoever may not see the cluster's page is refused as there, and
    whoever opens no reviews at all (a governor) is refused too."""
    cluster = access.get_cluster_for(request.user, pk)
    access.require(request.user, "review.view")  # a governor sees the cluster, not its reviews
    reviews = reviews_for(request.user).filter(cluster=cluster)
    return table_response(
        f"cluster-{cluster.pk}-judgements", JUDGEMENT_HEADERS, _judgement_rows(reviews), fmt
    )
