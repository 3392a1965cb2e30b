"""reviews:list-download and reviews:cluster-download: reviews, and a cluster's reviews with their
agreed judgements, as CSV or XLSX; each person gets only the reviews they may open."""

from datetime import date

import pytest
from django.urls import reverse

from collegium.accounts.models import User
from collegium.clusters.models import Cluster
from collegium.people.models import Role
from collegium.reports.tests.conftest import agree_judgements
from collegium.reviews.models import Review
from conftest import grant, make_school, make_user
from tests.downloads import csv_rows, filename_of, xlsx_rows


def cluster_url(cluster, fmt="csv"):
    return reverse("reviews:cluster-download", args=[cluster.pk, fmt])


def list_url(fmt="csv"):
    return reverse("reviews:list-download", args=[fmt])


@pytest.fixture
def agreed(review, lead_reviewer) -> Review:
    return agree_judgements(review, lead_reviewer)


@pytest.fixture
def review_of_b(school_b, cluster, framework_version) -> Review:
    return Review.objects.create(
        school=school_b,
        cluster=cluster,
        kind=Review.Kind.CLUSTER,
        framework_version=framework_version,
        start_date=date(2027, 1, 11),
        days=2,
    )


@pytest.fixture
def elsewhere(la, framework_version) -> Review:
    """A review in another cluster, with its own coordinator."""
    other = Cluster.objects.create(name="Birch Cluster")
    grant(make_user("Olly Other"), Role.CLUSTER_COORDINATOR, cluster=other)
    return Review.objects.create(
        school=make_school(la, 900077, "Yew Academy"),
        cluster=other,
        kind=Review.Kind.QUALITY_ASSURANCE,
        framework_version=framework_version,
        start_date=date(2027, 2, 1),
        days=3,
    )


def test_the_coordinator_downloads_the_clusters_reviews_and_judgements(
    client_for, coordinator, cluster, agreed, review_of_b, elsewhere
):
    response = client_for(coordinator).get(cluster_url(cluster))
    rows = csv_rows(response)
    assert filename_of(response) == f"cluster-{cluster.pk}-judgements.csv"
    assert rows[0][-4:] == ["Area", "Strand code", "Strand", "Agreed judgement"]
    ash = [row for row in rows[1:] if row[0] == "Ash Primary School"]
    assert [(row[9], row[11]) for row in ash] == [
        ("A1S1", "Leading"),
        ("A1S2", "Effective"),
        ("A2S1", "Working towards"),
        ("A2S2", "Met"),
    ]
    assert ash[0][7] == "Judgements agreed" and ash[0][2] == "Testtown Cluster"
    beech = [row for row in rows[1:] if row[0] == "Beech Primary School"]
    assert len(beech) == 1 and beech[0][7] == "Planning" and beech[0][-1] == ""
    assert not any(row[0] == "Yew Academy" for row in rows)


def test_the_xlsx_has_the_same_rows_with_dates_as_dates(client_for, coordinator, cluster, agreed):
    rows = xlsx_rows(client_for(coordinator).get(cluster_url(cluster, "xlsx")))
    assert rows[1][0] == "Ash Primary School" and rows[1][1] == 900001
    assert rows[1][4].date() == agreed.start_date
    assert rows[1][-1] == "Leading"


def test_a_school_leader_gets_only_their_schools_reviews(
    client_for, school_leader, cluster, agreed, review_of_b
):
    rows = csv_rows(client_for(school_leader).get(cluster_url(cluster)))
    assert {row[0] for row in rows[1:]} == {"Ash Primary School"}


def test_the_cluster_page_links_the_download_for_those_who_open_reviews(
    client_for, coordinator, governor, cluster
):
    link = cluster_url(cluster)
    assert link in client_for(coordinator).get(reverse("clusters:detail", args=[cluster.pk])).text
    assert link not in client_for(governor).get(reverse("clusters:detail", args=[cluster.pk])).text


def test_those_refused_the_cluster_are_refused_its_download(
    client_for, outsider, governor, cluster, agreed
):
    assert client_for(outsider).get(cluster_url(cluster)).status_code == 404
    assert client_for(governor).get(cluster_url(cluster)).status_code == 403
    anonymous = client_for(None).get(cluster_url(cluster))
    assert anonymous.status_code == 302 and "/sign-in/" in anonymous.url


def test_another_clusters_coordinator_is_refused(client_for, cluster, agreed, elsewhere):
    other = User.objects.get(full_name="Olly Other")  # Birch Cluster's coordinator
    assert client_for(other).get(cluster_url(cluster)).status_code == 404
    assert client_for(other).get(cluster_url(cluster, "xlsx")).status_code == 404


def test_a_moderator_downloads_every_review_of_the_network(
    client_for, moderator, agreed, review_of_b, elsewhere
):
    response = client_for(moderator).get(list_url())
    rows = csv_rows(response)
    assert filename_of(response) == "reviews.csv"
    assert rows[0][-1] == "Strands agreed"
    assert {row[0]: row[-1] for row in rows[1:]} == {
        "Ash Primary School": "4",
        "Beech Primary School": "0",
        "Yew Academy": "0",
    }
    assert len(xlsx_rows(client_for(moderator).get(list_url("xlsx")))) == 4


def test_the_review_list_download_holds_only_the_persons_reviews(
    client_for, coordinator, outsider, agreed, elsewhere
):
    rows = csv_rows(client_for(coordinator).get(list_url()))
    assert [row[0] for row in rows[1:]] == ["Ash Primary School"]
    assert csv_rows(client_for(outsider).get(list_url()))[1:] == []
    anonymous = client_for(None).get(list_url())
    assert anonymous.status_code == 302 and "/sign-in/" in anonymous.url


def test_the_review_list_links_the_download(client_for, moderator, agreed):
    assert list_url() in client_for(moderator).get(reverse("reviews:list")).text
