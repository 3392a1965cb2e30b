"""The demo network's term: reviews without teams that the optimiser allocates."""

from collegium.allocations.demo import load_demo_term
from collegium.allocations.problem import reviews_in_scope
from collegium.allocations.services import runs
from collegium.clusters.models import Cluster
from collegium.frameworks.models import FrameworkVersion


def test_the_demo_term_is_allocated_without_breaking_a_rule(demo_network):
    # The demo network (loaded once a run, conftest.py) scheduled the term with load_demo_term.
    cluster = Cluster.objects.order_by("pk")[0]
    version = FrameworkVersion.objects.get(framework__slug="peer-estimate", number=1)
    assert reviews_in_scope(cluster)
    assert load_demo_term(cluster, version) == []  # loading again schedules nothing more
    run = runs.start_run(None, cluster)
    run.refresh_from_db()
    assert run.status == "proposed"
    assert sum(run.certificate["hard_violations"].values()) == 0  # type: ignore[index]
    assert run.places.filter(role="lead").exists()
    assert all(gap["reason"] for gap in run.unfilled)
