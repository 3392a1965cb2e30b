"""Pages across schools: a cluster's action plans and overdue milestones (its coordinator,
moderators, the network admin), and the network's view of which strands are priorities and
where support flows (anyone signed in; the flows are read from collegium/support)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from collegium import access
from collegium.improvement.charts import chart
from collegium.improvement.selectors import overview as selectors
from collegium.pages import render_page
from collegium.pagination import paginate
from collegium.support.selectors.flows import SupportPicture, support_picture
from collegium.support.selectors.lists import SHOWN

CHART_ROWS = 12  # the chart shows the first ones; the table below it shows every row


@require_GET
@login_required
def clusters(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "improvement.cluster")
    page, pagination = paginate(request, selectors.followed_clusters(request.user))
    summaries = selectors.clusters_for(request.user, timezone.localdate(), list(page))
    context = {"summaries": summaries, "page": page, "pagination": pagination}
    return render_page(request, "improvement/overview/clusters.html", context)


@require_GET
@login_required
def cluster(request: HttpRequest, cluster_pk: int) -> HttpResponse:
    found = access.get_cluster_for(request.user, cluster_pk, "improvement.cluster")
    today = timezone.localdate()
    page = selectors.cluster_improvement(found, today)
    overdue, overdue_pagination = paginate(request, page.overdue, param="overdue")
    plans, plans_pagination = paginate(request, page.plans, param="plans")
    context = {
        "page": page,
        "today": today,
        "overdue": overdue,
        "overdue_pagination": overdue_pagination,
        "plans": plans,
        "plans_pagination": plans_pagination,
    }
    return render_page(request, "improvement/overview/cluster.html", context)


def _priorities_chart(rows: list[selectors.PriorityRow]) -> str:
    several = len({row.framework for row in rows}) > 1
    bars = [
        (f"{row.label} ({row.framework})" if several else row.label, row.priorities)
        for row in rows[:CHART_ROWS]
        if row.priorities
    ]
    return chart("bars", bars, xlabel="Agreed improvement priorities") if bars else ""


def _support_chart(support: SupportPicture) -> str:
    bars = [(b.school.name, float(b.given), float(b.received)) for b in support.balances]
    bars = bars[:CHART_ROWS]
    return chart("given_received", bars, xlabel="Days of support") if bars else ""


@require_GET
@login_required
def network(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "improvement.network")
    priorities = selectors.priority_strands()
    support = support_picture()
    balances, pagination = paginate(request, support.balances)
    context = {
        "flows": support.flows[:SHOWN],
        "balances": balances,
        "pagination": pagination,
        "priorities": priorities,
        "frameworks": sorted({row.framework for row in priorities}),
        "priorities_chart": _priorities_chart(priorities),
        "support": support,
        "support_chart": _support_chart(support),
        "chart_rows": CHART_ROWS,
    }
    return render_page(request, "improvement/overview/network.html", context)
